// @ts-check
// Routes (ИОМ) across schools, in numbers, for those who follow several schools: methodists and the coordinator every
// school of the municipality, a curator their own. Per school: teachers, teachers with a route, approved, items done
// and overdue; a school's line opens its routes — the list with names for methodists, the school's numbers for the
// coordinator and curators (routes are personal data).

import { clone, el, errorBox, loading } from '../../js/dom.js';
import { routesApi } from './api.js';
import { day, hours, periodFrom, years } from './routes-view.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').SchoolRoutesLine} SchoolRoutesLine */

/**
 * `#/routes-overview[/{period}]`: the schools the person follows, each in numbers.
 * @param {HTMLElement} slot @param {Session} session @param {string | null} chosen
 */
export async function showOverview(slot, session, chosen) {
  const { root, refs } = clone('t-routes-overview');
  slot.replaceChildren(root);
  document.title = 'Маршруты (ИОМ) по школам — MethodDays';
  const body = /** @type {HTMLElement} */ (refs.body);
  const period = periodFrom(chosen, session);
  body.replaceChildren(loading());
  /** @type {import('./types.js').RoutesOverview} */
  let data;
  try {
    data = await routesApi.overview(session.mun, period);
  } catch (e) {
    body.replaceChildren(errorBox(e, () => showOverview(slot, session, chosen)));
    return;
  }
  body.replaceChildren(years(session, period, (p) => `#/routes-overview/${p}`));
  if (data.schools.length === 0) {
    body.append(el('p', 'muted', 'За вами не закреплено ни одной школы.'));
    return;
  }
  body.append(el('p', 'hint', data.namesOpen
    ? 'Название школы открывает маршруты её педагогов.'
    : 'Маршруты педагогов — их персональные данные: название школы открывает её сводку в числах, без имён.'));

  const wrap = el('div', 'table-scroll');
  const table = el('table', 'data routes-overview-table');
  table.append(el('caption', 'visually-hidden', `Маршруты (ИОМ) по школам, ${data.periodLabel} учебный год`), el('thead'), el('tbody'), el('tfoot'));
  const head = el('tr');
  for (const h of ['Школа', 'Педагогов', 'С маршрутом', 'Утверждено', 'Мероприятий выполнено', 'Просрочено']) head.append(el('th', '', h));
  table.tHead?.append(head);
  /** @param {SchoolRoutesLine} line @param {Node} name */
  const row = (line, name) => {
    const tr = el('tr');
    const th = el('th');
    th.scope = 'row';
    th.append(name);
    const overdue = el('td', line.itemsOverdue > 0 ? 'field-error' : '', String(line.itemsOverdue));
    tr.append(th, el('td', '', line.teachers), el('td', '', line.withRoutes), el('td', '', line.approved),
      el('td', '', `${line.itemsDone} из ${line.itemsTotal}`), overdue);
    return tr;
  };
  for (const line of data.schools) {
    const a = el('a', '', line.schoolName);
    a.href = `#/routes/${encodeURIComponent(line.schoolId)}/${period}`;
    table.tBodies[0].append(row(line, a));
  }
  const total = row(data.totals, document.createTextNode('Всего'));
  total.className = 'total';
  table.tFoot?.append(total);
  wrap.append(table);
  body.append(wrap, el('p', 'muted small', `Просрочено — мероприятия, которые не выполнены, хотя срок окончания прошёл (на ${day(data.today)}). Отменённые мероприятия не считаются.`));
}

/**
 * `#/routes/{school}[/{period}]` for the coordinator and curators: the school's routes in numbers (the December
 * review's totals), without names or item texts.
 * @param {HTMLElement} slot @param {Session} session @param {string} school @param {string | null} chosen
 */
export async function showSchoolNumbers(slot, session, school, chosen) {
  const { root, refs } = clone('t-routes');
  slot.replaceChildren(root);
  const body = /** @type {HTMLElement} */ (refs.body);
  const period = periodFrom(chosen, session);
  body.replaceChildren(loading());
  /** @type {import('./types.js').SchoolReview} */
  let review;
  try {
    review = await routesApi.review(session.mun, school, period);
  } catch (e) {
    body.replaceChildren(errorBox(e, () => showSchoolNumbers(slot, session, school, chosen)));
    return;
  }
  if (refs.school) refs.school.textContent = review.schoolName;
  const back = el('a', '', '← Маршруты по школам');
  back.href = `#/routes-overview/${period}`;
  const backLine = el('p');
  backLine.append(back);
  body.replaceChildren(backLine, years(session, period, (p) => `#/routes/${encodeURIComponent(school)}/${p}`));
  const t = review.totals;
  const panel = el('section', 'panel');
  panel.setAttribute('aria-label', 'Маршруты школы в числах');
  panel.append(el('h2', '', 'Маршруты школы в числах'),
    el('p', 'muted small', 'Маршруты педагогов — их персональные данные: координатору и куратору видны только числа.'));
  if (t.teachers === 0) {
    panel.append(el('p', 'muted', 'Маршрутов на этот учебный год пока нет.'));
    body.append(panel);
    return;
  }
  const list = el('ul', 'plain-list');
  list.append(el('li', '', `Педагогов с маршрутом: ${t.teachers}`), el('li', '', `Утверждено приказом: ${t.approved}`),
    el('li', '', `Мероприятий выполнено: ${t.itemsDone} из ${t.itemsTotal}`), el('li', '', `Часов выполнено: ${hours(t.hoursDone)} из ${hours(t.hoursPlanned)}`));
  panel.append(list);
  const measured = t.means.filter((m) => m.entry !== null && m.repeat !== null);
  if (measured.length > 0) {
    const ul = el('ul', 'plain-list');
    for (const m of measured) ul.append(el('li', '', `${m.label}: ${m.entry} → ${m.repeat} % (${(m.change ?? 0) > 0 ? '+' : ''}${m.change})`));
    panel.append(el('h3', '', 'Компетенции: входная → повторная диагностика, среднее'), ul);
  } else {
    panel.append(el('p', 'hint', 'Повторной диагностики пока нет: изменение уровня компетенций появится после неё.'));
  }
  body.append(panel);
}
