// @ts-check
// The practice bank's routes, loaded by app.js on first use so the sheet's first screen does not carry them:
// #/bank[?search], #/practice/new, #/practice/{id}, #/practice/{id}/edit.

import { showBank } from './bank-view.js';
import { showPracticeForm } from './practice-form.js';
import { showPractice } from './practice-view.js';

/** @typedef {import('./app.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string} hash location.hash
 * @returns {Promise<() => void>} release
 */
export async function showBankRoute(main, session, hash) {
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
