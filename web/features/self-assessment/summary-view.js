// @ts-check
// The municipality's month in the seed's shape: indicators as rows, schools as columns, area subtotals, totals,
// applicable maximum, percentage and cluster; who has not submitted; cluster counts; Excel; the trend.

import { api } from '../../js/api.js';
import { barChart, lineChart } from '../../js/chart.js';
import { busy, clone, el, errorBox, loading, saveFile } from '../../js/dom.js';
import { answerMarks, answerNames, clusterShort, formatShortDate, monthName, monthShortName, percent, schoolKind, statusNames } from '../../js/format.js';
import { monthPicker } from '../../js/month-picker.js';
import { clusterRules, clusterRuleText, thresholds } from './score.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ month: string }} route
 */
export async function showSummary(main, session, route) {
  const { root, refs } = clone('t-summary');
  refs.title.textContent = `Лист оценки результативности за ${monthName(route.month)}`;
  document.title = `Сводная таблица — ${monthName(route.month)} — MethodDays`;
  refs.toolbar.append(monthPicker(session.today, route.month, (m) => session.navigate(`#/summary/${m}`)));
  refs.body.append(loading('Загружаем сводную таблицу…'));
  main.replaceChildren(root);
  try {
    const [summary, template] = await Promise.all([api.summary(session.mun, route.month), session.template('current')]);
    refs.body.replaceChildren(renderBody(summary, template, session, route.month));
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
  }
}

/**
 * @param {import('./types.js').SummaryView} summary
 * @param {import('./types.js').Template} template
 * @param {Session} session
 * @param {string} month
 */
function renderBody(summary, template, session, month) {
  const { root, refs } = clone('t-summary-body');
  const schools = summary.schools;
  const submitted = schools.filter((s) => s.revision > 0).length;
  refs.clusters.append(
    barChart([
      { label: 'высокий', value: summary.clusters.high, cls: 'high' },
      { label: 'средний', value: summary.clusters.medium, cls: 'medium' },
      { label: 'низкий', value: summary.clusters.low, cls: 'low' },
      { label: 'не отправили', value: summary.notSubmitted.length, cls: 'none' },
    ], 'Число школ по кластерам'),
    el('p', 'muted small', `Отправили ${submitted} из ${schools.length}. Кластер — по проценту от применимого максимума: ${clusterRuleText(template.clusters, clusterShort)}.`));

  if (summary.notSubmitted.length === 0) refs.missing.append(el('li', 'muted', 'Все школы отправили лист.'));
  for (const s of summary.notSubmitted) {
    const li = el('li');
    const a = el('a', '', s.shortName);
    a.href = `#/sheet/${s.id}/${month}`;
    const col = schools.find((c) => c.schoolId === s.id);
    li.append(a, el('span', 'muted', col?.status === 'draft' ? ' — черновик' : ' — не начат'));
    refs.missing.append(li);
  }

  refs.download.addEventListener('click', () => busy(refs.download, 'Готовим файл…', async () => {
    try {
      const file = await api.summaryXlsx(session.mun, month);
      saveFile(file.blob, file.fileName);
    } catch (e) {
      refs.download.after(errorBox(e));
    }
  }));

  refs.legend.append(legend(template));
  refs.table.append(...table(template, schools, month, session.timeZone));
  loadTrend(refs.trend, session, template);
  return root;
}

/** @param {{ clusters: import('./score.js').Cluster[] }} template */
function legend(template) {
  const list = el('ul', 'legend-list');
  for (const v of ['2', '1', '0', 'na']) {
    const li = el('li');
    li.append(el('span', `cell-mark v${v}`, answerMarks[v]), document.createTextNode(` ${answerNames[v]}`));
    list.append(li);
  }
  const none = el('li');
  none.append(el('span', 'cell-mark none', '—'), document.createTextNode(' лист не отправлен'));
  list.append(none);
  for (const { id: c, rule } of clusterRules(template.clusters)) {
    const li = el('li');
    li.append(el('span', `cell-mark cluster ${c}`, clusterShort[c]), document.createTextNode(` ${rule}`));
    list.append(li);
  }
  return list;
}

/**
 * @param {import('./types.js').Template} template
 * @param {import('./types.js').SummaryColumn[]} schools
 * @param {string} month
 * @param {string} timeZone
 * @returns {HTMLElement[]}
 */
function table(template, schools, month, timeZone) {
  const width = schools.length + 1;
  const thead = el('thead');
  const head = el('tr');
  const corner = el('th', 'corner', 'Показатель');
  corner.scope = 'col';
  head.append(corner);
  for (const s of schools) {
    const th = el('th', `school-col ${s.revision > 0 ? '' : 'not-submitted'}`);
    th.scope = 'col';
    const link = el('a', 'school-link', s.shortName);
    link.href = `#/sheet/${s.schoolId}/${month}`;
    link.title = s.name;
    th.append(link, el('span', 'col-meta', schoolKind(s)),
      el('span', 'col-meta', s.revision > 0 ? `ред. ${s.revision}${s.status === 'changed' ? ', правится' : ''}` : statusNames[s.status] ?? s.status));
    head.append(th);
  }
  thead.append(head);

  const tbody = el('tbody');
  for (const area of template.areas) {
    tbody.append(groupRow(`${area.id}. ${area.title}`, 'area-row', width));
    for (const criterion of area.criteria) {
      tbody.append(groupRow(`${criterion.id}. ${criterion.title}`, 'criterion-row', width));
      for (const item of criterion.items) {
        if (item.scored === false) {
          tbody.append(groupRow(`${item.id}. ${item.text}`, 'heading-row', width));
          continue;
        }
        const tr = el('tr', item.parent ? 'sub' : '');
        tr.append(rowHead(item.id, item.text));
        for (const s of schools) {
          const v = s.revision > 0 ? s.values[item.id] : undefined;
          const td = el('td', `cell v${v ?? 'none'}`, v === undefined ? '—' : answerMarks[v]);
          if (v !== undefined) td.title = `${s.shortName}: ${answerNames[v]}`;
          tr.append(td);
        }
        tbody.append(tr);
      }
    }
    const sub = el('tr', 'subtotal');
    sub.append(rowHead('', `Итого баллов за п.${area.id} (макс. ${area.max})`));
    for (const s of schools) {
      const a = s.areas?.find((x) => x.id === area.id);
      sub.append(el('td', 'num', a ? `${a.score}` : '—'));
    }
    tbody.append(sub);
  }
  /** @type {[string, (s: import('./types.js').SummaryColumn) => string, string][]} */
  const totals = [
    [`Всего баллов (макс. ${template.maxTotal})`, (s) => (s.revision > 0 ? `${s.total}` : 'не отправлен'), 'total'],
    ['Применимый максимум', (s) => (s.revision > 0 ? `${s.applicableMax}` : '—'), 'total-sub'],
    ['Процент от применимого максимума', (s) => percent(s.percent), 'total-sub'],
  ];
  for (const [label, value, cls] of totals) {
    const tr = el('tr', cls);
    tr.append(rowHead('', label));
    for (const s of schools) tr.append(el('td', 'num', value(s)));
    tbody.append(tr);
  }
  const clusterRow = el('tr', 'cluster-row');
  clusterRow.append(rowHead('', 'Кластер'));
  for (const s of schools) clusterRow.append(el('td', `cluster-cell ${s.cluster ?? 'none'}`, s.cluster ? clusterShort[s.cluster] : '—'));
  tbody.append(clusterRow);
  const when = el('tr', 'total-sub');
  when.append(rowHead('', 'Отправлен'));
  for (const s of schools) when.append(el('td', 'small', s.submittedAt ? formatShortDate(s.submittedAt, timeZone) : '—'));
  tbody.append(when);
  return [thead, tbody];
}

/**
 * @param {string} text
 * @param {string} cls
 * @param {number} width
 */
function groupRow(text, cls, width) {
  const tr = el('tr', cls);
  const th = el('th');
  th.colSpan = width;
  th.scope = 'rowgroup';
  th.append(el('span', 'sticky-label', text));
  tr.append(th);
  return tr;
}

/**
 * @param {string} id
 * @param {string} text
 */
function rowHead(id, text) {
  const th = el('th', 'row-head');
  th.scope = 'row';
  if (id) th.append(el('span', 'item-id', id), document.createTextNode(' '));
  th.append(el('span', 'row-text', text));
  th.title = text;
  return th;
}

/**
 * The municipality's monthly figures (computed nightly; empty until the first run).
 * @param {HTMLElement} target
 * @param {Session} session
 * @param {import('./types.js').Template} template
 */
async function loadTrend(target, session, template) {
  target.replaceChildren(loading('Загружаем динамику…'));
  try {
    const trend = await api.trend(session.mun);
    const months = trend.months ?? [];
    if (months.length === 0) {
      target.replaceChildren(el('p', 'muted', 'Ни одна школа ещё не отправила лист: итоги появятся, как только первая школа отправит свой.'));
      return;
    }
    const series = [{ name: 'Средний % по школам', values: months.map((m) => m.averagePercent) }];
    for (const area of template.areas) {
      series.push({ name: `Область ${area.id}`, values: months.map((m) => m.areaAverages?.[area.id] ?? null) });
    }
    const chart = lineChart({ labels: months.map((m) => monthShortName(m.month)), series, caption: 'Средний процент школ муниципалитета по месяцам', thresholds: thresholds(template.clusters) });
    const list = el('ul', 'plain-list small');
    for (const m of [...months].reverse()) {
      list.append(el('li', '', `${monthName(m.month)}: отправили ${m.submitted} из ${m.schools}; высокий — ${m.high}, средний — ${m.medium}, низкий — ${m.low}; в среднем ${percent(m.averagePercent)}`));
    }
    target.replaceChildren(chart, list);
  } catch (e) {
    target.replaceChildren(errorBox(e));
  }
}
