// @ts-check
// What a save leaves to the user when two people changed the same field of a sheet differently (an indicator of the
// self-assessment sheet, a part of the progress sheet): each such field with both answers, «Оставить мой ответ» or
// «Взять ответ: <кто>». Everything else was merged by the server. Loaded only when a conflict happens.

import { el } from './dom.js';

/**
 * One field to choose for. `by` is who gave the other answer (the server's `changedBy`).
 * @typedef {{ key: string, title: string, text?: string, yours: string, theirs: string,
 *   by: { personId: string, name: string } | null }} FieldChoice
 * @typedef {{ fields: string, field: string, answer: string, answers: string, mine: string, allMine: string }} Words
 */

/** The self-assessment sheet's words. @type {Words} */
export const indicatorWords = {
  fields: 'эти показатели', field: 'каждого показателя', answer: 'ответ', answers: 'ответы', mine: 'Оставить мой ответ', allMine: 'Оставить все мои ответы',
};

/** The progress sheet's words. @type {Words} */
export const partWords = {
  fields: 'эти разделы', field: 'каждого раздела', answer: 'вариант', answers: 'варианты', mine: 'Оставить мой вариант', allMine: 'Оставить все мои варианты',
};

/**
 * Who gave the other answers, never the reader: the other people's names, or null when every other answer was
 * saved under the reader's own name (another tab or device).
 * @param {FieldChoice[]} rows
 * @param {string} me the reader's person id
 */
export function otherNames(rows, me) {
  const names = [...new Set(rows.filter((r) => r.by && r.by.personId !== me).map((r) => /** @type {{ name: string }} */ (r.by).name))];
  return names.length > 0 ? names : rows.some((r) => r.by?.personId === me) ? null : ['Другой пользователь'];
}

/**
 * The panel: a banner naming the other people, then one row per field with both answers and the two choices. A
 * choice is final for its row; when every row is chosen, `done` gets the choices (key → true: keep mine).
 * @param {{ rows: FieldChoice[], me: string, words: Words, done: (keepMine: Record<string, boolean>) => void }} options
 * @returns {HTMLElement}
 */
export function fieldConflictPanel({ rows, me, words, done }) {
  const root = el('section', 'conflict field-conflict');
  const names = otherNames(rows, me);
  const title = el('p', 'error-title', names
    ? `${names.join(', ')} ${names.length > 1 ? 'изменили' : 'изменил(а)'} ${words.fields}, пока вы заполняли лист`
    : `${words.fields[0].toUpperCase()}${words.fields.slice(1)} изменены от вашего имени в другом окне или вкладке, пока вы заполняли лист`);
  title.id = `field-conflict-${Date.now()}`;
  root.setAttribute('aria-labelledby', title.id);
  root.append(title, el('p', '', `Выберите для ${words.field}, какой ${words.answer} оставить. Остальные изменения — ваши и чужие — `
    + 'сохранятся вместе: ничего не потеряно. Пока вы не выбрали, ваши ответы хранятся на этом устройстве.'));

  /** @type {Record<string, boolean>} */
  const chosen = {};
  const list = el('ul', 'diff');
  /** @type {Map<string, (mine: boolean) => void>} */
  const choosers = new Map();
  const bulk = el('div', 'actions');

  for (const row of rows) {
    const who = row.by && row.by.personId !== me ? row.by.name : row.by ? 'из другой вкладки' : 'с сервера';
    const li = el('li', 'field-choice');
    li.setAttribute('role', 'group');
    li.setAttribute('aria-label', `${row.title} — какой ${words.answer} оставить`);
    const head = el('p');
    head.append(el('span', 'item-id', row.title), document.createTextNode(row.text ? ` ${row.text}` : ''));
    const yours = el('p', '', `Ваш ${words.answer}: `);
    yours.append(el('span', 'diff-values', row.yours));
    const theirs = el('p', '', row.by && row.by.personId !== me ? `${row.by.name}: ` : `${words.answer[0].toUpperCase()}${words.answer.slice(1)} ${who}: `);
    theirs.append(el('span', 'diff-values', row.theirs));
    const actions = el('div', 'actions');
    const keep = el('button', 'button primary', words.mine);
    const take = el('button', 'button secondary', row.by && row.by.personId !== me ? `Взять ${words.answer}: ${who}` : `Взять ${words.answer} ${who}`);
    keep.type = take.type = 'button';
    const outcome = el('p', 'notice');
    outcome.setAttribute('role', 'status');
    outcome.hidden = true;
    const choose = (/** @type {boolean} */ mine) => {
      if (row.key in chosen) return;
      chosen[row.key] = mine;
      actions.remove();
      outcome.hidden = false;
      outcome.textContent = mine ? `Оставлен ваш ${words.answer}.` : `Взят ${words.answer} ${row.by && row.by.personId !== me ? `— ${who}` : who}.`;
      if (Object.keys(chosen).length === rows.length) {
        bulk.remove();
        done(chosen);
      }
    };
    choosers.set(row.key, choose);
    keep.addEventListener('click', () => choose(true));
    take.addEventListener('click', () => choose(false));
    actions.append(keep, take);
    li.append(head, yours, theirs, actions, outcome);
    list.append(li);
  }
  root.append(list);

  if (rows.length > 1) {
    const keepAll = el('button', 'button secondary', words.allMine);
    const takeAll = el('button', 'button secondary', `Взять все чужие ${words.answers}`);
    keepAll.type = takeAll.type = 'button';
    keepAll.addEventListener('click', () => { for (const c of choosers.values()) c(true); });
    takeAll.addEventListener('click', () => { for (const c of choosers.values()) c(false); });
    bulk.append(keepAll, takeAll);
    root.append(bulk);
  }
  return root;
}
