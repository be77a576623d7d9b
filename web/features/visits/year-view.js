// @ts-check
// #/visits/year/{year}: the municipality's figures for a school year (September–August), counted from the records —
// visits, schools, lessons observed, ШНОР schools and those that left the list, repeat visits, help items, requests —
// with the lessons by month and each school's mean protocol mark from its first visit to its last, and the .xlsx.

import { barChart } from '../../js/chart.js';
import { busy, clone, el, errorBox, loading, saveFile } from '../../js/dom.js';
import { visitsApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */

/** @param {number | null | undefined} v */
const pct = (v) => (v === null || v === undefined ? '—' : `${String(v).replace('.', ',')} %`);

/** @param {string} iso */
const day = (iso) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string | null} wanted
 */
export async function showYear(main, session, wanted) {
  const { root, refs } = clone('t-vs-year');
  document.title = 'Итоги учебного года — MethodDays';
  refs.body.append(loading('Считаем итоги года…'));
  main.replaceChildren(root);
  const month = Number(session.today.slice(5, 7));
  const first = Number(session.today.slice(0, 4)) - (month >= 9 ? 0 : 1);
  const year = wanted ?? `${first - 1}-${first}`;
  try {
    const view = await visitsApi.year(session.mun, year);
    refs.subtitle.textContent = `${view.yearLabel}: с ${day(view.from)} по ${day(view.to)}, по записям на ${day(view.asOf)}`;
    const pick = el('select');
    pick.setAttribute('aria-label', 'Учебный год');
    for (const y of /** @type {string[]} */ (view.years)) pick.append(new Option(y.replace('-', '/'), y));
    pick.value = view.year;
    pick.addEventListener('change', () => session.navigate(`#/visits/year/${pick.value}`));
    const download = el('button', 'button secondary', 'Скачать .xlsx');
    download.type = 'button';
    download.addEventListener('click', () => void busy(download, 'Готовим…', async () => {
      const file = await visitsApi.yearFile(session.mun, view.year);
      if (file.blob) saveFile(file.blob, file.fileName);
    }));
    refs.toolbar.prepend(pick, download);
    refs.body.replaceChildren(totalsPanel(view), monthsPanel(view), schoolsPanel(view));
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => showYear(main, session, year)));
  }
}

/** @param {import('./types.js').VisitYearView} view */
function totalsPanel(view) {
  const t = view.totals;
  const section = el('section', 'panel');
  section.setAttribute('aria-labelledby', 'vy-totals');
  const h = el('h2', undefined, 'Итоги года');
  h.id = 'vy-totals';
  const lead = el('p', 'lead');
  lead.dataset.testid = 'year-lead';
  lead.textContent = t.visits === 0
    ? 'В этом учебном году посещений ещё не было.'
    : `Посещено ${t.lessonsObserved} ${plural(t.lessonsObserved, 'урок', 'урока', 'уроков')} в ${t.schools} ${plural(t.schools, 'школе', 'школах', 'школах')}, `
      + `в том числе ${t.shnorSchools} ШНОР (${t.shnorLeft} ${plural(t.shnorLeft, 'вышла', 'вышли', 'вышли')} из списка, ${t.shnorSchools - t.shnorLeft} ещё в списке).`;
  const dl = el('dl', 'figures');
  /** @type {[string, string | number][]} */
  const rows = [
    ['Посещений («Методических дней»)', t.visits],
    ['из них повторных', t.repeatVisits],
    ['Школ посещено', t.schools],
    ['Уроков посещено', t.lessonsObserved],
    ['Протоколов наблюдения', t.protocols],
    ['ШНОР среди посещённых', t.shnorSchools],
    ['вышли из списка ШНОР', t.shnorLeft],
    ['Пунктов помощи выполнено', `${t.helpDone} из ${t.helpItems}`],
    ['Пунктов помощи просрочено', t.helpOverdue],
    ['Запросов школ рассмотрено', t.requestsAnswered],
    ['Запросов ждут ответа', t.requestsPending],
  ];
  if (t.plannedAhead > 0) rows.push(['Посещений ещё запланировано', t.plannedAhead]);
  for (const [label, value] of rows) {
    const dt = el('dt', undefined, label);
    const dd = el('dd', undefined, String(value));
    dl.append(dt, dd);
  }
  section.append(h, lead, dl,
    el('p', 'muted small', 'Урок посещён, если по нему есть хотя бы один протокол. Повторное посещение — второе и следующие посещения школы в этом учебном году. '
      + 'Пункты помощи — посещённых школ, со сроком в этом учебном году; просрочен — не выполнен и не отменён, а срок уже прошёл.'));
  return section;
}

/** @param {import('./types.js').VisitYearView} view */
function monthsPanel(view) {
  const section = el('section', 'panel');
  section.setAttribute('aria-labelledby', 'vy-months');
  const h = el('h2', undefined, 'Уроки по месяцам');
  h.id = 'vy-months';
  const months = view.months;
  section.append(h, barChart(months.map((m) => ({ label: m.label, value: m.lessonsObserved, cls: m.lessonsObserved > 0 ? 'high' : 'none' })), 'Уроков посещено по месяцам'));
  return section;
}

/** @param {import('./types.js').VisitYearView} view */
function schoolsPanel(view) {
  const section = el('section', 'panel');
  section.setAttribute('aria-labelledby', 'vy-schools');
  const h = el('h2', undefined, 'Школы: посещения и средний балл протоколов');
  h.id = 'vy-schools';
  section.append(h);
  const schools = view.schools;
  if (schools.length === 0) {
    section.append(el('p', 'muted', 'Посещённых школ нет.'));
    return section;
  }

  // A last mark is only there with a first one (and the change between them): VisitYearFigures.
  const moved = schools.filter((s) => s.lastMark !== null);
  if (moved.length > 0) {
    section.append(el('h3', undefined, 'Первое и последнее посещение, % от максимума шкалы'),
      barChart(moved.flatMap((s) => [
        { label: `${s.schoolName}: первое`, value: /** @type {number} */ (s.firstMark), cls: 'none' },
        { label: `${s.schoolName}: последнее`, value: /** @type {number} */ (s.lastMark), cls: /** @type {number} */ (s.lastMark) >= /** @type {number} */ (s.firstMark) ? 'high' : 'low' },
      ]), 'Средний балл протоколов: первое и последнее посещение'));
  }

  const table = el('table', 'summary-table');
  const head = el('tr');
  for (const c of ['Школа', 'ШНОР', 'Посещения', 'Уроков', 'Средний балл: первое → последнее', 'Помощь: выполнено / просрочено']) head.append(el('th', undefined, c));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const s of schools) {
    const tr = el('tr');
    tr.append(
      el('th', undefined, s.schoolName),
      el('td', undefined, s.shnor ? (s.leftShnor ? 'вышла из списка' : 'в списке') : '—'),
      el('td', undefined, s.visits.map((v) => day(v.date)).join(', ')),
      el('td', undefined, String(s.lessonsObserved)),
      el('td', undefined, s.lastMark === null ? pct(s.firstMark) : `${pct(s.firstMark)} → ${pct(s.lastMark)} (${/** @type {number} */ (s.markChange) > 0 ? '+' : ''}${String(s.markChange).replace('.', ',')})`),
      el('td', undefined, `${s.helpDone} / ${s.helpOverdue}`));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const wrap = el('div', 'table-scroll');
  wrap.append(table);
  section.append(wrap, el('p', 'muted small', 'Средний балл протоколов — среднее всех отметок протоколов посещения, каждая как доля от максимума своей шкалы (0 % — низшая отметка, 100 % — высшая).'));
  return section;
}

/**
 * @param {number} n
 * @param {string} one
 * @param {string} few
 * @param {string} many
 */
function plural(n, one, few, many) {
  const d = n % 10;
  const dd = n % 100;
  if (d === 1 && dd !== 11) return one;
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return few;
  return many;
}
