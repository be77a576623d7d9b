// @ts-check
// The routes of the methodical subscription: #/subscription (the municipal centre: applications, the bank of requests,
// modules, sessions, indicators) and #/subscription/{school} (a school: its application, requests and complex route).
// The router imports this module with import().

import { loadTemplates } from '../../js/lazy.js';
import { showMunicipality } from './municipality-view.js';
import { showSchool } from './school-view.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the route's parts after `#/`
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  await loadTemplates(new URL('./templates.html', import.meta.url));
  const role = session.me.member.role;
  if (parts[1]) await showSchool(slot, session, parts[1]);
  else if (role === 'Coordinator' || role === 'Methodist') await showMunicipality(slot, session);
  else await showSchool(slot, session, session.me.member.schoolIds[0] ?? '');
  return () => {};
}
