// @ts-check
// Routes of the school visits (seed 000, «Методический день»); the router imports this module with import() on the
// first such route.
//   #/visits                          planners: candidates, requests, visits; a school: its visits and requests
//   #/visit/new/{school}[/{request}]  plan a visit (coordinator, methodist)
//   #/visit/{id}[/edit]               a visit; planners change it
//   #/visit/{id}/review               its documents, directions, experience and interview
//   #/visit/{id}/report               the visit's report («справка по итогам»)
//   #/visit/{id}/repeat               plan a repeat visit, prefilled from this one
//   #/visit-results[/{year}]          the register of schools' results by school year
//   #/visits/year[/{year}]            the municipality's figures for a school year (planners)

import { lazy, loadTemplates } from '../../js/lazy.js';

/** @typedef {import('../../js/session.js').Session} Session */

const templates = () => loadTemplates(new URL('./templates.html', import.meta.url));

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the hash split on "/", decoded
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  const planner = ['Coordinator', 'Methodist'].includes(session.me.member.role);
  if (parts[0] !== 'visits') document.querySelector('#nav a[href="#/visits"]')?.setAttribute('aria-current', 'page');
  switch (parts[0]) {
    case 'visits': {
      if (parts[1] === 'year') {
        const y = await lazy(slot, () => Promise.all([import('./year-view.js'), templates()]).then(([x]) => x));
        await y?.showYear(slot, session, parts[2] ?? null);
        break;
      }
      const m = await lazy(slot, () => Promise.all([import('./list-view.js'), templates()]).then(([x]) => x));
      await m?.showVisits(slot, session, planner);
      break;
    }
    case 'visit': {
      if (parts[1] && parts[1] !== 'new' && parts[2] === 'review') {
        const r = await lazy(slot, () => Promise.all([import('./review-view.js'), templates()]).then(([x]) => x));
        await r?.showReview(slot, session, parts[1]);
        break;
      }
      const m = await lazy(slot, () => Promise.all([import('./visit-view.js'), templates()]).then(([x]) => x));
      if (parts[1] === 'new' && parts[2]) await m?.showVisitForm(slot, session, { school: parts[2], request: parts[3] ?? null, id: null });
      else if (parts[1] && parts[2] === 'edit') await m?.showVisitForm(slot, session, { school: null, request: null, id: parts[1] });
      else if (parts[1] && parts[2] === 'repeat') await m?.showVisitForm(slot, session, { school: null, request: null, id: null, repeatOf: parts[1] });
      else if (parts[1] && parts[2] === 'report') {
        const r = await lazy(slot, () => Promise.all([import('./report-view.js'), templates()]).then(([x]) => x));
        await r?.showReport(slot, session, parts[1]);
      }
      else if (parts[1]) await m?.showVisit(slot, session, parts[1]);
      else session.navigate('#/visits');
      break;
    }
    case 'visit-results': {
      const m = await lazy(slot, () => Promise.all([import('./results-view.js'), templates()]).then(([x]) => x));
      await m?.showResults(slot, session, parts[1] ?? null);
      break;
    }
    default:
      session.navigate(session.homeHash);
  }
  return () => {};
}
