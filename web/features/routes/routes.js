// @ts-check
// The routes of the teachers' individual educational routes (ИОМ, seed 004); the router imports this module with
// import() on the first such route.
//   #/routes/{school}[/{period}]            the school's teachers and their routes' state; the December review
//   #/routes/{school}/{teacher}/{period}    one teacher's route: items, draft from the diagnostic, marks, approval
//   #/routes-overview[/{period}]             the schools one follows in numbers (methodists, coordinator, curators)

import { loadTemplates } from '../../js/lazy.js';
import { ownSchool } from '../../js/session.js';
import { showRouteList, showRoute } from './routes-view.js';
import { showOverview, showSchoolNumbers } from './overview-view.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the route's parts after `#/`
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  await loadTemplates(new URL('./templates.html', import.meta.url));
  if (parts[0] === 'routes-overview') {
    await showOverview(slot, session, parts[1] ?? null);
    return () => {};
  }
  const school = parts[1] || ownSchool(session) || '';
  const numbersOnly = ['Coordinator', 'Curator'].includes(session.me.member.role);
  if (parts[2] && parts[3]) await showRoute(slot, session, school, parts[2], parts[3]);
  else if (numbersOnly) await showSchoolNumbers(slot, session, school, parts[2] ?? null);
  else await showRouteList(slot, session, school, parts[2] ?? null);
  return () => {};
}
