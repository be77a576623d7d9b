// @ts-check
// The municipality's month of progress sheets (coordinator and methodists: every school; a curator: assigned ones):
// who submitted, methodical days and the share of teachers, teachers by stage as a chart and a table, who has not
// submitted, and the requests for help no plan item answers yet, each with «Добавить в план».

import { barChart } from '../../js/chart.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { formatShortDate, monthName, percent, previousMonth, statusNames } from '../../js/format.js';
import { monthPicker } from '../../js/month-picker.js';
import { progressApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ month: string }} route
 */
export async function showProgressSummary(main, session, route) {
  const { root, refs } = clone('t-pg-summary');
  refs.title.textContent = `Листы продвижения за ${monthName(route.month)}`;
  document.title = `Листы продвижения — ${monthName(route.month)} — MethodDays`;
  refs.toolbar.append(monthPicker(session.today, route.month, (m) => session.navigate(`#/progress-summary/${m}`)));
  refs.body.append(loading('Загружаем листы продвижения школ…'));
  main.replaceChildren(root);
  try {
    const summary = await progressApi.summary(session.mun, route.month);
    refs.body.replaceChildren(body(summary, route.month, session.timeZone));
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
  }
}

/**
 * @param {import('./types.js').SummaryView} summary
 * @param {string} month
 * @param {string} timeZone
 */
function body(summary, month, timeZone) {
  const { root, refs } = clone('t-pg-summary-body');
  const t = summary.totals;
  refs.totals.textContent = `Отправили ${t.submitted} из ${t.schools}. ЕМД проведено: ${t.days}. `
    + `Средняя доля педагогов на ЕМД: ${percent(t.averageSharePercent)}. Педагогов в листах: ${t.teachers}.`;
  if (t.submitted === 0 && summary.schools.length > 0) {
    const note = el('p', 'notice', 'За этот месяц листы ещё не отправлены: школы сдают их в конце месяца. ');
    const link = el('a', '', `Открыть ${monthName(previousMonth(month))}`);
    link.href = `#/progress-summary/${previousMonth(month)}`;
    note.append(link);
    refs.totals.after(note);
  }
  refs.chart.append(barChart(t.stages.map((s) => ({ label: s.label, value: s.count, cls: `stage ${s.stage}` })),
    'Педагоги по этапам работы с практикой, все школы'));

  for (const s of summary.schools) refs.rows.append(schoolRow(s, month, timeZone));

  if (summary.notSubmitted.length === 0) refs.missing.append(el('li', 'muted', 'Все школы отправили лист продвижения.'));
  for (const s of summary.notSubmitted) {
    const li = el('li');
    const a = el('a', '', s.shortName);
    a.href = `#/progress/${s.id}/${month}`;
    const row = summary.schools.find((r) => r.schoolId === s.id);
    li.append(a, el('span', 'muted', row?.status === 'draft' ? ' — черновик' : ' — не начат'));
    refs.missing.append(li);
  }

  refs['answered'].textContent = summary.answeredRequests > 0
    ? `Запросов, по которым уже есть пункты планов помощи: ${summary.answeredRequests}.` : '';
  if (summary.openRequests.length === 0) refs.requests.append(el('li', 'muted', 'Открытых запросов нет.'));
  for (const r of summary.openRequests) {
    const { root: item, refs: parts } = clone('t-pg-open-request');
    parts.school.textContent = r.schoolShortName;
    parts.topic.textContent = r.topic || 'Без темы';
    parts.text.textContent = r.text;
    const cancelled = r.planItems;
    parts.items.textContent = cancelled.length > 0 ? `Отменённые пункты плана по запросу: ${cancelled.map((i) => `«${i.action}»`).join(', ')}.` : '';
    parts.add.href = `#/help-plan/${r.schoolId}/new/${month}/${encodeURIComponent(r.requestId)}`;
    parts.add.setAttribute('aria-label', `Добавить в план: ${r.schoolShortName}, «${r.topic}»`);
    parts.plan.href = `#/help-plan/${r.schoolId}`;
    refs.requests.append(item);
  }
  return root;
}

/**
 * @param {import('./types.js').SummaryRow} s
 * @param {string} month
 * @param {string} timeZone
 */
function schoolRow(s, month, timeZone) {
  const tr = el('tr', s.revision > 0 ? '' : 'not-submitted');
  const th = el('th', 'row-head');
  th.scope = 'row';
  const link = el('a', 'school-link', s.shortName);
  link.href = `#/progress/${s.schoolId}/${month}`;
  th.append(link);
  if (s.lowResults) th.append(el('span', 'col-meta', 'ШНОР'));
  const status = el('td');
  const badge = el('span', `badge status ${s.status}`, statusNames[s.status] ?? s.status);
  status.append(badge);
  if (s.submittedAt) status.append(el('span', 'col-meta', `ред. ${s.revision}, ${formatShortDate(s.submittedAt, timeZone)}`));
  tr.append(th, status);
  if (s.revision === 0) {
    const td = el('td', 'muted', 'лист не отправлен');
    td.colSpan = 4 + s.stages.length;
    tr.append(td);
    return tr;
  }
  tr.append(
    el('td', 'num', s.noDays ? 'не проводился' : s.days),
    el('td', 'num', percent(s.averageSharePercent)),
    el('td', 'num', s.teachers));
  for (const stage of s.stages) tr.append(el('td', 'num', stage.count));
  const bar = el('td');
  bar.append(stackedBar(s.stages, s.teachers));
  tr.append(bar);
  if (s.noDays && s.noDaysReason) tr.title = `ЕМД не проводился: ${s.noDaysReason}`;
  return tr;
}

/**
 * One school's teachers by stage as a bar of four parts; the numbers are in the cells beside it.
 * @param {import('./types.js').StageCount[]} stages
 * @param {number} total
 */
function stackedBar(stages, total) {
  const bar = el('span', 'stage-bar');
  bar.setAttribute('aria-hidden', 'true');
  for (const s of stages) {
    if (!s.count || !total) continue;
    const part = el('span', `stage-part ${s.stage}`);
    part.style.width = `${(s.count / total) * 100}%`;
    part.title = `${s.label}: ${s.count}`;
    bar.append(part);
  }
  return bar;
}
