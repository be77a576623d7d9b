// @ts-check
// The questions the progress sheet asks before it acts, loaded on first use: before a submission, before the
// teachers are taken from last month's submitted sheet, and before the sheet is cleared — the last two only while the
// month is not yet submitted. Each says how much would be replaced or lost.

import { ask } from '../../js/ask.js';
import { monthName, plural } from '../../js/format.js';
import { copyContent } from './content.js';

/** @typedef {import('./draft.js').ProgressDraft} ProgressDraft */

/**
 * @param {HTMLElement} button @param {number} missing required fields still empty @param {string} month @param {number} revision
 * @returns {Promise<boolean>}
 */
export function askSubmit(button, missing, month, revision) {
  const what = revision > 0 ? `новую редакцию листа продвижения за ${monthName(month)}` : `лист продвижения за ${monthName(month)}`;
  const filled = missing === 0 ? 'Обязательные поля заполнены'
    : `Не заполнено ${missing} ${plural(missing, 'обязательное поле', 'обязательных поля', 'обязательных полей')}`;
  return ask(button, `Отправить ${what}? ${filled}; после отправки изменения сохраняются как новая редакция.`, 'Да, отправить');
}

/**
 * The teachers, their practices and stages from last month's submitted sheet (methodical days, decisions and requests
 * are the month's own and are not carried over). Asks when teachers already listed would be replaced.
 * @param {HTMLElement} button @param {ProgressDraft} draft @param {import('./types.js').TeacherStage[]} previous @param {string} previousMonth
 * @returns {Promise<boolean>} whether the teachers were replaced
 */
export async function askStart(button, draft, previous, previousMonth) {
  const n = draft.content.teachers.length;
  if (n > 0 && !(await ask(button, `Взять педагогов и их практики из листа за ${monthName(previousMonth)}? ${n} ${
    plural(n, 'педагог этого листа будет заменён', 'педагога этого листа будут заменены', 'педагогов этого листа будет заменено')}.`, 'Да, заменить'))) {
    return false;
  }
  draft.content.teachers = previous.map((p) => ({
    personId: p.personId ?? null, name: p.personId ? p.name : p.name || null, practice: p.practice ?? null,
    ...(p.practiceId ? { practiceId: p.practiceId } : {}), stage: p.stage ?? null, help: null,
  }));
  draft.changed();
  return true;
}

/**
 * Empties the sheet (after asking, with what would be removed); the empty draft is saved at once.
 * @param {HTMLElement} button @param {ProgressDraft} draft @returns {Promise<boolean>} whether it was cleared
 */
export async function askClear(button, draft) {
  const c = draft.content;
  /** @type {string[]} */
  const parts = [];
  if (c.days.length > 0) parts.push(`ЕМД: ${c.days.length}`);
  if (c.noDays) parts.push('отметка «ЕМД не проводился»');
  if (c.decisions.length > 0) parts.push(`решений: ${c.decisions.length}`);
  if (c.difficulties) parts.push('описание затруднений');
  if (c.requests.length > 0) parts.push(`запросов: ${c.requests.length}`);
  if (c.teachers.length > 0) parts.push(`педагогов: ${c.teachers.length}`);
  if (parts.length === 0) return false;
  if (!(await ask(button, `Очистить лист продвижения? Будет удалено: ${parts.join(', ')}.`, 'Да, очистить'))) return false;
  Object.assign(c, copyContent(null));
  draft.changed();
  draft.scheduleSave(0);
  return true;
}
