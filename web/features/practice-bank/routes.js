// @ts-check
// The practice bank's routes, loaded by the router on first use so the sheet's first screen does not carry them:
// #/bank[?search], #/practice/new, #/practice/{id}, #/practice/{id}/edit.

import { loadTemplates } from '../../js/lazy.js';
import { showBank } from './search-view.js';
import { showPracticeForm } from './practice-form.js';
import { showPractice } from './practice-view.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string[]} _parts the hash split on "/" (the bank reads its search from the hash itself)
 * @param {string} hash location.hash
 * @returns {Promise<() => void>} release
 */
export async function show(main, session, _parts, hash) {
  await loadTemplates(new URL('./templates.html', import.meta.url));
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const link = document.querySelector('#nav a[href="#/bank"]');
  link?.setAttribute('aria-current', 'page');
  let release = () => {};
  if (parts[0] === 'bank') release = await showBank(main, session, new URLSearchParams(search));
  else if (parts[1] === 'new') release = await showPracticeForm(main, session, null);
  else if (parts[1] && parts[2] === 'edit') release = await showPracticeForm(main, session, parts[1]);
  else if (parts[1]) release = await showPractice(main, session, parts[1]);
  else session.navigate('#/bank');
  return () => {
    link?.removeAttribute('aria-current');
    release();
  };
}
