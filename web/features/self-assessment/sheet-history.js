// @ts-check
// The self-assessment sheet's own panels: what changed since last month and the school's history chart.

import { api } from '../../js/api.js';
import { el, errorBox, loading } from '../../js/dom.js';
import { clusterShort, monthName, monthShortName, percent } from '../../js/format.js';
import { thresholds } from './score.js';
import { answerBadge } from './sheet-form.js';

/**
 * Indicator by indicator: last month's submitted answer → this month's.
 * @param {HTMLElement} target
 * @param {import('./types.js').SheetView} view
 */
export function renderChanges(target, view) {
  if (!view.previousMonth) {
    target.replaceChildren(el('p', 'muted', 'За прошлый месяц лист не отправлен — сравнивать не с чем.'));
    return;
  }
  const changes = view.changesSincePrevious ?? [];
  if (changes.length === 0) {
    target.replaceChildren(el('p', 'muted', `Ответы не отличаются от листа за ${monthName(view.previousMonth)}.`));
    return;
  }
  const intro = el('p', 'muted',
    `Сравнение с листом за ${monthName(view.previousMonth)}: изменилось ${changes.length} ${plural(changes.length)}. `
    + 'Слева — прошлый месяц, справа — текущий.');
  const list = el('ul', 'changes');
  for (const c of changes) {
    const li = el('li');
    const marks = el('span', 'change-marks');
    const before = Number(c.before);
    const after = Number(c.after);
    const direction = c.before === 'na' || c.after === 'na' || c.before == null || c.after == null
      ? 'changed' : after > before ? 'up' : 'down';
    marks.append(answerBadge(c.before), el('span', `arrow ${direction}`, direction === 'up' ? '↗' : direction === 'down' ? '↘' : '→'), answerBadge(c.after));
    li.append(marks, el('span', 'item-id', c.id), document.createTextNode(' '), el('span', '', c.text));
    list.append(li);
  }
  const details = el('details');
  details.open = changes.length <= 8;
  details.append(el('summary', '', `Показать изменения (${changes.length})`), list);
  target.replaceChildren(intro, details);
}

/** @param {number} n */
function plural(n) {
  const a = n % 100;
  const b = n % 10;
  if (a > 10 && a < 20) return 'показателей';
  if (b === 1) return 'показатель';
  return b > 1 && b < 5 ? 'показателя' : 'показателей';
}

/**
 * The school's submitted months: total % and each area's %, as a hand-written SVG chart and a table.
 * Loaded after the sheet is on screen.
 * @param {HTMLElement} target
 * @param {string} mun
 * @param {string} school
 * @param {import('./types.js').Template} template
 * @param {Promise<import('./types.js').HistoryView>} [asked] the history when already asked (a retry asks again)
 */
export async function renderHistory(target, mun, school, template, asked = api.history(mun, school)) {
  target.replaceChildren(loading('Загружаем историю…'));
  try {
    // The chart's module comes with the history, after the sheet is on screen.
    const [history, { lineChart }] = await Promise.all([asked, import('../../js/chart.js')]);
    const months = history.months ?? [];
    if (months.length === 0) {
      target.replaceChildren(el('p', 'muted', 'Отправленных листов пока нет.'));
      return;
    }
    const labels = months.map((m) => monthShortName(m.month));
    const series = [{ name: 'Итого', values: months.map((m) => m.percent) }];
    for (const area of template.areas) {
      series.push({
        name: `Область ${area.id}`,
        values: months.map((m) => m.areas?.find((a) => a.id === area.id)?.percent ?? null),
      });
    }
    const lines = thresholds(template.clusters);
    const chart = lineChart({ labels, series, caption: 'Процент от применимого максимума по месяцам: итог и четыре области', thresholds: lines });
    const note = el('p', 'muted small', `Пунктиром отмечены границы кластеров: ${[...lines].sort((a, b) => a - b).map((p) => `${p} %`).join(' и ')}.`);
    target.replaceChildren(chart, note, historyTable(months, template));
  } catch (e) {
    target.replaceChildren(errorBox(e, () => renderHistory(target, mun, school, template)));
  }
}

/**
 * @param {import('./types.js').HistoryPoint[]} months
 * @param {import('./types.js').Template} template
 */
function historyTable(months, template) {
  const details = el('details', 'history-table');
  details.append(el('summary', '', 'Таблица по месяцам'));
  const wrap = el('div', 'table-scroll small-table');
  const table = el('table', 'data');
  const head = el('tr');
  for (const h of ['Месяц', 'Баллы', 'Итого', ...template.areas.map((a) => `Обл. ${a.id}`), 'Кластер']) {
    const th = el('th', '', h);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const m of [...months].reverse()) {
    const tr = el('tr');
    const th = el('th', '', monthName(m.month));
    th.scope = 'row';
    tr.append(th, el('td', 'num', `${m.total} из ${m.applicableMax}`), el('td', 'num', percent(m.percent)));
    for (const area of template.areas) {
      tr.append(el('td', 'num', percent(m.areas?.find((a) => a.id === area.id)?.percent)));
    }
    tr.append(el('td', `cluster-cell ${m.cluster ?? ''}`, m.cluster ? clusterShort[m.cluster] : '—'));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  wrap.append(table);
  details.append(wrap);
  return details;
}
