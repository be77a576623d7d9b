// @ts-check
// The route of people and schools (#/people: the coordinator keeps them, methodists read them); the router imports
// this module with import() when it is opened.

import { loadTemplates } from '../../js/lazy.js';
import { showPeople } from './people-view.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session) {
  await loadTemplates(new URL('./templates.html', import.meta.url));
  await showPeople(slot, session);
  return () => {};
}
