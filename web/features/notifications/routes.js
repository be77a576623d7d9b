// @ts-check
// Routes of notifications; the router imports this module with import() when one of them is opened.
//   #/feed  the notices   #/profile  e-mail choices and the calendar link   #/undelivered  undelivered e-mails

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
  switch (parts[0]) {
    case 'feed': {
      const m = await lazy(slot, () => Promise.all([import('./feed-view.js'), templates()]).then(([x]) => x));
      await m?.showFeed(slot, session);
      break;
    }
    case 'profile': {
      const m = await lazy(slot, () => Promise.all([import('./profile-view.js'), templates()]).then(([x]) => x));
      await m?.showProfile(slot, session);
      break;
    }
    case 'undelivered': {
      const m = await lazy(slot, () => Promise.all([import('./failed-view.js'), templates()]).then(([x]) => x));
      await m?.showFailed(slot, session);
      break;
    }
    default:
      session.navigate(session.homeHash);
  }
  return () => {};
}
