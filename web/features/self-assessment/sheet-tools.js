// @ts-check
// The questions the self-assessment sheet asks before it acts, loaded on first use (not on the first screen): before
// a submission (how much is filled, and that later changes become a new revision), before answers are replaced with
// the last submitted sheet's, and before the sheet is cleared — both only while the month is not yet submitted.

import { ask } from '../../js/ask.js';
import { monthName, plural } from '../../js/format.js';
import { score } from './score.js';

/** @typedef {import('./draft.js').SheetDraft} SheetDraft */

/**
 * @param {HTMLElement} button @param {SheetDraft} draft @param {import('./types.js').Template} template @param {string} month @param {number} revision
 * @returns {Promise<boolean>}
 */
export function askSubmit(button, draft, template, month, revision) {
  const s = score(template, draft.values);
  const what = revision > 0 ? `новую редакцию листа за ${monthName(month)}` : `лист за ${monthName(month)}`;
  return ask(button, `Отправить ${what}? Заполнено ${s.answered} из ${s.indicatorCount}; после отправки изменения сохраняются как новая редакция.`,
    'Да, отправить');
}

/**
 * Before the answers are taken from the last submitted sheet: asks only when there are answers to replace, and waits
 * for a save on its way (the server replaces the version this page has).
 * @param {HTMLElement} button @param {SheetDraft} draft @returns {Promise<boolean>}
 */
export async function askStart(button, draft) {
  const n = Object.keys(draft.values).length;
  if (n > 0 && !(await ask(button, `Взять ответы из последнего отправленного листа? ${n} ${
    plural(n, 'ответ этого листа будет заменён', 'ответа этого листа будут заменены', 'ответов этого листа будет заменено')}.`, 'Да, заменить'))) {
    return false;
  }
  await draft.chain;
  return true;
}

/**
 * Clears every answer (after asking); the empty draft is saved at once.
 * @param {HTMLElement} button @param {SheetDraft} draft @returns {Promise<boolean>} whether it was cleared
 */
export async function askClear(button, draft) {
  const ids = Object.keys(draft.values);
  if (ids.length === 0) return false;
  if (!(await ask(button, `Очистить лист? ${ids.length} ${plural(ids.length, 'ответ будет удалён', 'ответа будут удалены', 'ответов будет удалено')}.`,
    'Да, очистить'))) {
    return false;
  }
  for (const id of ids) draft.set(id, null);
  draft.scheduleSave(0);
  return true;
}
