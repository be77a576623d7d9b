// @ts-check
// The route of people and schools (#/people: the coordinator keeps them, methodists read them); the router imports
// this module with import() when it is opened.

import { loadTemplates } from '../../js/lazy.js';
import { showPeople } from './people-view.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the route (`people`, `people-import`, `staff/{school}`)
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  await loadTemplates(new URL('./templates.html', import.meta.url));
  if (parts[0] === 'people-import') (await import('./import-view.js')).showImport(slot, session);
  else if (parts[0] === 'staff' && parts[1]) await (await import('./staff-view.js')).showStaff(slot, session, parts[1]);
  else await showPeople(slot, session);
  return () => {};
}
