// @ts-check
// The routes of the teachers' individual educational routes (ИОМ, seed 004); the router imports this module with
// import() on the first such route.
//   #/routes/{school}[/{period}]            the school's teachers and their routes' state; the December review
//   #/routes/{school}/{teacher}/{period}    one teacher's route: items, draft from the diagnostic, marks, approval

import { loadTemplates } from '../../js/lazy.js';
import { ownSchool } from '../../js/session.js';
import { showRouteList, showRoute } from './routes-view.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the route's parts after `#/`
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  await loadTemplates(new URL('./templates.html', import.meta.url));
  const school = parts[1] || ownSchool(session) || '';
  if (parts[2] && parts[3]) await showRoute(slot, session, school, parts[2], parts[3]);
  else await showRouteList(slot, session, school, parts[2] ?? null);
  return () => {};
}
