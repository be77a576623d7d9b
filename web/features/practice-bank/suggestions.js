// @ts-check
// On a school's sheet: indicators scored 0 two months running that the bank has practices for, each with them; one
// line when it has none; and a note that the «weak» rule is MethodDays' own. Loaded after the sheet is on screen,
// only for a submitted month, so the sheet's first screen stays small.

import { bankApi } from './api.js';
import { el } from '../../js/dom.js';

/**
 * Adds the panel before `anchor` when the school has weak indicators; adds nothing otherwise or on failure.
 * Indicators the bank has nothing for are not listed one by one: a column of «нет практик» hides the useful lines.
 * @param {HTMLElement} anchor
 * @param {string} mun
 * @param {string} school
 * @param {string} month
 */
export async function showSuggestions(anchor, mun, school, month) {
  /** @type {Awaited<ReturnType<typeof bankApi.suggestions>>} */
  let answer;
  try {
    answer = await bankApi.suggestions(mun, school, month);
  } catch {
    return; // a hint, not the sheet: it stays out of the way when it cannot load
  }
  if (answer.weakCount === 0 || !anchor.isConnected) return;
  // Built here rather than from the bank's templates: the sheet shows this panel without loading the bank.
  const root = el('section', 'panel suggestions');
  root.setAttribute('aria-labelledby', 'suggestions-title');
  const title = el('h2', '', 'Практики банка для слабых показателей');
  title.id = 'suggestions-title';
  const list = el('ul', 'weak-list');
  const open = el('a', '', 'Открыть банк практик');
  open.href = '#/bank';
  const footer = el('p');
  footer.append(open);
  root.append(title, el('p', 'muted small', 'Показатели, оценённые в 0 два месяца подряд, и принятые в банк практики, которые помогают с ними.'));
  if (answer.indicators.length === 0) {
    root.append(el('p', 'none-found', answer.noneFound ?? 'В банке пока нет практик по слабым показателям школы.'));
  } else {
    root.append(list);
  }
  root.append(el('p', 'muted small rule-note', answer.ruleNote), footer);
  for (const item of answer.indicators) {
    const li = el('li', 'weak');
    li.append(el('p', 'weak-text', ''));
    /** @type {HTMLElement} */ (li.firstElementChild).append(el('span', 'item-id', item.id), document.createTextNode(` ${item.text}`));
    const practices = el('ul', 'weak-practices');
    for (const p of item.practices) {
      const a = el('a', '', p.title);
      a.href = `#/practice/${encodeURIComponent(p.id)}`;
      const row = el('li');
      row.append(a, el('span', 'muted small', ` — ${p.schoolName}`));
      practices.append(row);
    }
    li.append(practices);
    list.append(li);
  }
  anchor.before(root);
}
