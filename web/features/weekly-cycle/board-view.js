// @ts-check
// The week board: schools × steps with a traffic light per cell, in words as well as colour (выполнено, срок идёт,
// просрочено…), counts per step and the questions each school sent. Coordinators and methodists see every school
// in the programme, a curator their assigned schools; each school opens its week (for a curator: the meeting view).

import { cycleApi } from './api.js';
import { canManage } from '../../js/session.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { plural } from '../../js/format.js';
import { addWeeks, currentWeek, dayMonth, kindShort, stateNames, stateOf, weekRange } from './format.js';
import { weekNav } from './week-nav.js';

/**
 * @typedef {import('../../js/session.js').Session} Session
 * @typedef {import('./types.js').BoardView} BoardView
 * @typedef {import('./types.js').BoardRow} BoardRow
 */

/** Legend, what needs attention first: every mark a cell of the board can show. */
const legendStates = /** @type {[string, string][]} */ ([
  ['overdue', 'срок прошёл, шаг не отмечен'],
  ['due', 'срок ещё не наступил'],
  ['late', 'отмечено после срока'],
  ['done', 'отмечено вовремя'],
  ['upcoming', 'время шага ещё не наступило; срока у шага нет'],
  ['info', 'шаг без срока: не отмечен, но и просрочки у него не бывает'],
  ['none', 'шаг не касается школы (нет куратора) или тема вышла позже его срока'],
  ['pending', 'тема ещё не опубликована'],
  ['skipped', 'неделя пропущена (каникулы, праздники)'],
]);

/** Which schools the board shows: all, or only ШНОР, or only ПРШ (the school's flags). */
const filters = /** @type {[string, string, (row: BoardRow) => boolean][]} */ ([
  ['all', 'Все школы', () => true],
  ['low', 'ШНОР', (r) => r.lowResults],
  ['improving', 'ПРШ', (r) => r.improving],
]);

const filterKey = 'methoddays:board-filter';

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ week: string }} route
 */
export async function showBoard(main, session, route) {
  const curator = session.me.member.role === 'Curator';
  const { root, refs } = clone('t-board');
  refs.eyebrow.textContent = curator ? 'Мои школы · неделя ЕМД' : 'Доска недели ЕМД';
  refs.title.textContent = `Неделя ${weekRange(route.week)}`;
  document.title = `Доска недели ${weekRange(route.week)} — MethodDays`;
  refs.toolbar.append(weekNav(route.week, currentWeek(session.timeZone), (w) => `#/board/${w}`));
  refs.body.append(loading('Загружаем доску недели…'));
  main.replaceChildren(root);
  try {
    // On this week's board, last topic's steps that are still open (its decisions fall in this week).
    const current = currentWeek(session.timeZone);
    const last = route.week === current ? cycleApi.board(session.mun, addWeeks(current, -1)).catch(() => null) : Promise.resolve(null);
    const [board, previous] = await Promise.all([cycleApi.board(session.mun, route.week), last]);
    const nodes = render(board, session, route.week);
    const tail = previous && tails(previous);
    if (tail) nodes.splice(1, 0, tail);
    refs.body.replaceChildren(...nodes);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
  }
}

/**
 * @param {BoardView} board
 * @param {Session} session
 * @param {string} week
 * @returns {Node[]}
 */
function render(board, session, week) {
  /** @type {Node[]} */
  const nodes = [];
  const head = clone('t-board-head');
  head.refs.topic.textContent = board.topicTitle ? `Тема: «${board.topicTitle}»` : 'Темы на эту неделю нет.';
  head.refs.state.textContent = board.skipped
    ? 'Неделя пропущена: шагов и напоминаний нет.'
    : board.topicTitle && !board.published ? 'Тема ещё не опубликована: школы её не видят, шаги ждут публикации.' : '';
  head.refs.state.hidden = !head.refs.state.textContent;
  const questions = board.rows.reduce((/** @type {number} */ n, r) => n + r.questions, 0);
  head.refs.agenda.href = `#/agenda/${week}`;
  head.refs.agenda.textContent = `Вопросы школ: ${questions} — повестка ВКС и ответы`;
  if (canManage(session)) {
    head.refs.edit.href = `#/topic/${week}`;
    head.refs.edit.textContent = board.topicTitle ? 'Изменить тему недели' : 'Подготовить тему недели';
  } else {
    head.refs.edit.remove();
  }
  nodes.push(head.root);

  if (board.rows.length === 0) {
    nodes.push(el('p', 'notice', session.me.member.role === 'Curator'
      ? 'Вам не назначены школы программы. Обратитесь к муниципальному координатору.'
      : 'В программе нет школ (ШНОР или ПРШ).'));
    return nodes;
  }

  // The filter keeps its choice while the person moves between weeks (this tab only).
  let chosen = 'all';
  try {
    chosen = sessionStorage.getItem(filterKey) ?? 'all';
  } catch { /* storage off: all schools */ }
  if (!filters.some(([k]) => k === chosen)) chosen = 'all';
  const bar = el('p', 'board-filter');
  const label = el('label', '', 'Показать: ');
  const select = el('select');
  select.id = 'board-filter';
  label.htmlFor = select.id;
  for (const [k, name, test] of filters) {
    const n = board.rows.filter(test).length;
    const o = el('option', '', `${name} (${n})`);
    o.value = k;
    o.selected = k === chosen;
    select.append(o);
  }
  bar.append(label, select);
  nodes.push(bar);
  const part = el('div', 'board-part');
  const fill = () => {
    const test = filters.find(([k]) => k === select.value)?.[2] ?? (() => true);
    const rows = board.rows.filter(test);
    part.replaceChildren(...(rows.length === 0
      ? [el('p', 'notice', 'Таких школ на доске нет.')]
      : table({ ...board, rows }, session, week)), legend());
  };
  select.addEventListener('change', () => {
    try {
      sessionStorage.setItem(filterKey, select.value);
    } catch { /* storage off */ }
    fill();
  });
  fill();
  nodes.push(part);
  return nodes;
}

/**
 * The summary line and the table of the rows shown.
 * @param {BoardView} board with the rows to show
 * @param {Session} session
 * @param {string} week
 * @returns {Node[]}
 */
function table(board, session, week) {
  const questions = board.rows.reduce((/** @type {number} */ n, r) => n + r.questions, 0);
  const { root, refs } = clone('t-board-table');
  const grid = /** @type {HTMLTableElement} */ (refs.table);
  const headRow = el('tr');
  const corner = el('th', 'corner', 'Школа');
  corner.scope = 'col';
  headRow.append(corner);
  for (const c of board.columns) {
    const th = el('th', 'step-col');
    th.scope = 'col';
    th.title = c.title;
    th.append(el('span', 'block', kindShort[c.kind] ?? c.title), el('span', 'col-meta', c.localUntil));
    headRow.append(th);
  }
  const qh = el('th', 'step-col', 'Вопросы');
  qh.scope = 'col';
  headRow.append(qh);
  const thead = el('thead');
  thead.append(headRow);

  const tbody = el('tbody');
  for (const row of board.rows) {
    const tr = el('tr');
    const th = el('th', 'row-head');
    th.scope = 'row';
    const a = el('a', 'school-link', row.schoolName);
    a.href = `#/week/${week}/${row.schoolId}`;
    th.append(a);
    const flags = [row.lowResults ? 'ШНОР' : '', row.improving ? 'ПРШ' : '', row.leader ? 'школа-лидер' : ''].filter(Boolean);
    if (flags.length > 0) th.append(el('span', 'col-meta school-flags', flags.join(' · ')));
    tr.append(th);
    for (const cell of row.cells) {
      const st = stateOf(cell.state);
      const td = el('td', `board-cell ${st.cls}`);
      td.dataset.step = cell.stepId;
      td.append(el('span', 'cell-state', `${st.mark} ${st.short}`));
      if (cell.doneAt) td.append(el('span', 'col-meta', dayMonth(cell.doneAt, session.timeZone)));
      tr.append(td);
    }
    const q = el('td', 'num', row.questions);
    tr.append(q);
    tbody.append(tr);
  }

  const tfoot = el('tfoot');
  const foot = el('tr');
  const label = el('th', 'row-head', 'Выполнено');
  label.scope = 'row';
  foot.append(label);
  board.columns.forEach((c, i) => {
    const cells = board.rows.map((r) => r.cells[i]);
    const done = cells.filter((x) => x.state === 'done' || x.state === 'late').length;
    const overdue = cells.filter((x) => x.state === 'overdue').length;
    const td = el('td', 'count-cell', `${done} из ${cells.length}`);
    if (overdue > 0) td.append(el('span', 'col-meta bad-text', `просрочено ${overdue}`));
    foot.append(td);
  });
  foot.append(el('td', 'num', questions));
  tfoot.append(foot);
  grid.append(thead, tbody, tfoot);
  return [summary(board), root];
}

/**
 * «По теме прошлой недели: просрочено 2» with a link, when last week's board still has open steps.
 * @param {BoardView} board last week's
 */
function tails(board) {
  if (board.skipped || !board.published) return null;
  const cells = board.rows.flatMap((r) => r.cells);
  const overdue = cells.filter((c) => c.state === 'overdue').length;
  const due = cells.filter((c) => c.state === 'due').length;
  if (overdue + due === 0) return null;
  const p = el('p', 'notice');
  p.append(document.createTextNode(`По теме прошлой недели «${board.topicTitle}» ${openSteps(overdue, due)}. `));
  const a = el('a', '', `Доска недели ${board.weekRange}`);
  a.href = `#/board/${board.week}`;
  p.append(a);
  return p;
}

/**
 * «ещё не закрыто 5 шагов: 2 просрочены, 3 ждут своего срока», the numbers agreeing with their words.
 * @param {number} overdue @param {number} due
 */
export function openSteps(overdue, due) {
  const n = overdue + due;
  const head = `ещё ${plural(n, 'не закрыт', 'не закрыто', 'не закрыто')} ${n} ${plural(n, 'шаг', 'шага', 'шагов')}`;
  if (!overdue) return `${head}, срок по ${n === 1 ? 'нему' : 'ним'} идёт`;
  if (!due) return `${head}, ${n === 1 ? 'он просрочен' : 'все просрочены'}`;
  return `${head}: ${overdue} ${plural(overdue, 'просрочен', 'просрочены', 'просрочено')}, ${due} ${plural(due, 'ждёт', 'ждут', 'ждут')} своего срока`;
}

/** Counts by state across the board, worst first. @param {BoardView} board */
function summary(board) {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const r of board.rows) for (const c of r.cells) counts[c.state] = (counts[c.state] ?? 0) + 1;
  const p = el('p', 'board-summary');
  p.setAttribute('role', 'status');
  const parts = [];
  const schoolsBehind = board.rows.filter((r) => r.cells.some((c) => c.state === 'overdue')).length;
  parts.push(`${board.rows.length} ${plural(board.rows.length, 'школа', 'школы', 'школ')}`);
  if (schoolsBehind > 0) parts.push(`с просрочкой: ${schoolsBehind}`);
  for (const s of ['overdue', 'due', 'late', 'done']) {
    if (counts[s]) parts.push(`${stateNames[s].short}: ${counts[s]}`);
  }
  p.textContent = parts.join(' · ');
  return p;
}

function legend() {
  const list = el('ul', 'legend-list');
  list.setAttribute('aria-label', 'Условные обозначения');
  for (const [s, meaning] of legendStates) {
    const st = stateNames[s];
    const li = el('li');
    li.append(el('span', `state-mark ${st.cls}`, `${st.mark} ${st.short}`), document.createTextNode(` — ${meaning}`));
    list.append(li);
  }
  return list;
}
