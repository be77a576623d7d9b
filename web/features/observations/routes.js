// @ts-check
// Routes of the lesson observation protocol; the router imports this module with import() when one of them is opened.
//   #/observe/{school}/{visit}/{lesson}               my protocol of the lesson (works with no network once opened)
//   #/observe/{school}/{visit}/{lesson}/by/{observer} another observer's protocol, read-only
//   #/observe/{school}/{visit}/{lesson}/all           the lesson's protocols side by side, agreement, self-analysis
// Every module of the feature is imported here at once, so the page has them all before the network goes.

import { loadTemplates } from '../../js/lazy.js';
import { showLesson } from './lesson-view.js';
import { showProtocol } from './protocol-view.js';

/** @typedef {import('../../js/session.js').Session} Session */

const templatesUrl = new URL('./templates.html', import.meta.url);

/** The feature's own files, handed to the service worker to keep (sw.js 'keep'). */
const files = ['routes.js', 'api.js', 'store.js', 'sync.js', 'photo.js', 'protocol-view.js', 'lesson-view.js', 'templates.html']
  .map((f) => new URL(`./${f}`, import.meta.url).href);

/**
 * Asks the service worker to keep this feature's files and every versioned file the page has loaded so far: the
 * feature may have been loaded before the worker controlled the page, and an observer opens it next in a school
 * without a network.
 */
function keepOffline() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.ready.then((registration) => {
    const loaded = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/assets/'));
    registration.active?.postMessage({ type: 'keep', urls: [...new Set([...files, ...loaded])] });
  }).catch(() => { /* the page works without it */ });
}

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the hash split on "/", decoded
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  const [, school, visit, lesson, mode, observer] = parts;
  if (!school || !visit || !lesson) {
    session.navigate(session.homeHash);
    return () => {};
  }
  await loadTemplates(templatesUrl);
  keepOffline();
  const ref = { mun: session.mun, school, visit, lesson };
  if (mode === 'all') {
    await showLesson(slot, session, ref);
    return () => {};
  }
  return showProtocol(slot, session, ref, mode === 'by' && observer ? observer : session.me.member.personId);
}
