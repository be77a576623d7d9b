// @ts-check
// On a school's sheet: indicators scored 0 two months running, each with practices from the bank that help with
// it. Loaded after the sheet is on screen, only for a submitted month, so the sheet's first screen stays small.

import { bankApi } from './bank-api.js';
import { clone, el } from './dom.js';

/**
 * Adds the panel before `anchor` when the school has weak indicators; adds nothing otherwise or on failure.
 * @param {HTMLElement} anchor
 * @param {string} mun
 * @param {string} school
 * @param {string} month
 */
export async function showSuggestions(anchor, mun, school, month) {
  /** @type {any[]} */
  let weak;
  try {
    weak = await bankApi.suggestions(mun, school, month);
  } catch {
    return; // a hint, not the sheet: it stays out of the way when it cannot load
  }
  if (weak.length === 0 || !anchor.isConnected) return;
  const { root, refs } = clone('t-suggestions');
  for (const item of weak) {
    const li = el('li', 'weak');
    li.append(el('p', 'weak-text', ''));
    /** @type {HTMLElement} */ (li.firstElementChild).append(el('span', 'item-id', item.id), document.createTextNode(` ${item.text}`));
    if (item.practices.length === 0) {
      li.append(el('p', 'muted small', 'В банке пока нет практик по этому показателю.'));
    } else {
      const list = el('ul', 'weak-practices');
      for (const p of item.practices) {
        const a = el('a', '', p.title);
        a.href = `#/practice/${encodeURIComponent(p.id)}`;
        const row = el('li');
        row.append(a, el('span', 'muted small', ` — ${p.schoolName}`));
        list.append(row);
      }
      li.append(list);
    }
    refs.list.append(li);
  }
  anchor.before(root);
}
