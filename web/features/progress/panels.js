// @ts-check
// The progress sheet read (reviewers, teachers, revisions), teachers' stages beside last month's, revisions, and
// a section in words for the conflict's choice.

import { practiceNode, topicNode } from './links.js';
import { clone, el } from '../../js/dom.js';
import { monthName } from '../../js/format.js';
import { compareStages, dayName, trendNames } from './format.js';
import { templateField } from './form.js';

/**
 * @typedef {import('./content.js').Content} Content
 * @typedef {import('./types.js').ProgressTemplate} ProgressTemplate
 */

/** @param {ProgressTemplate} template @param {string | null | undefined} id */
const stageLabel = (template, id) => template.stages.find((s) => s.id === id)?.label ?? '—';

/** @param {ProgressTemplate} template @param {import('./content.js').DayRow} d a methodical day */
function formLabel(template, d) {
  if (d.form === 'other') return d.formOther || 'другое';
  return template.forms.find((f) => f.id === d.form)?.label ?? 'форма не указана';
}

/** @param {ProgressTemplate} template @param {import('./content.js').DayRow} d */
function dayLine(template, d) {
  const share = d.sharePercent === null || d.sharePercent === undefined ? 'доля не указана' : `${String(d.sharePercent).replace('.', ',')} % педагогов`;
  return `${dayName(d.date)} — ${formLabel(template, d)}, ${share}`;
}

/**
 * The sheet's content as text, for everyone who reads it.
 * @param {HTMLElement} target
 * @param {Content} content
 * @param {{ template: ProgressTemplate, previousStages: import('./types.js').TeacherStage[], planHash: ((requestId: string) => string) | null }} options
 */
export function renderRead(target, content, options) {
  const { template } = options;
  const { root, refs } = clone('t-pg-read');
  refs['days-title'].textContent = templateField(template, 'days').label;
  if (content.noDays) {
    refs.days.append(el('li', '', `ЕМД в этом месяце не проводился. Причина: ${content.noDaysReason ?? 'не указана'}`));
  }
  for (const d of content.days) {
    const li = el('li', '', dayLine(template, d));
    if (d.topic) li.append(topicNode(d));
    refs.days.append(li);
  }
  if (!content.noDays && content.days.length === 0) refs.days.append(el('li', 'muted', 'Не указаны.'));

  for (const d of content.decisions) refs.decisions.append(el('li', 'pg-text', d));
  if (content.decisions.length === 0) refs.decisions.replaceWith(el('p', 'muted', 'Не указаны.'));
  refs.difficulties.textContent = content.difficulties ?? 'Не указаны.';
  refs.difficulties.classList.toggle('muted', !content.difficulties);

  for (const r of content.requests) {
    const { root: item, refs: parts } = clone('t-pg-request');
    parts.topic.textContent = r.topic ?? 'Без темы';
    parts.text.textContent = r.text ?? '';
    const hash = r.id && options.planHash ? options.planHash(r.id) : null;
    if (hash) parts.plan.href = hash;
    else parts.plan.remove();
    refs.requests.append(item);
  }
  if (content.requests.length === 0) refs.requests.append(el('li', 'muted', 'Запросов на помощь нет.'));

  const trends = compareStages(options.previousStages, content.teachers);
  content.teachers.forEach((t, i) => {
    const { root: item, refs: parts } = clone('t-pg-teacher');
    parts.name.textContent = t.name || 'ФИО не указано';
    parts.practice.replaceChildren(practiceNode(t));
    parts.stage.textContent = stageLabel(template, t.stage);
    parts.stage.className = `badge stage ${t.stage ?? 'none'}`;
    const trend = trends[i];
    parts.trend.textContent = options.previousStages.length === 0 ? ''
      : trend.trend === 'new' ? trendNames.new : `${trendNames[trend.trend]} (было: ${stageLabel(template, trend.previousStage)})`;
    parts.help.textContent = t.help ? `Нужна помощь: ${t.help}` : '';
    parts.help.hidden = !t.help;
    refs.teachers.append(item);
  });
  if (content.teachers.length === 0) refs.teachers.append(el('li', 'muted', 'Педагоги не указаны.'));
  target.replaceChildren(root);
}

/**
 * Teachers' stages last month and this month, with the movement in words (seed 001 §2.18: methodists judge the
 * participants' growth from the sheets).
 * @param {HTMLElement} target
 * @param {ProgressTemplate} template
 * @param {string | null} previousMonth
 * @param {import('./types.js').TeacherStage[]} previousStages
 * @param {import('./content.js').TeacherRow[]} teachers
 */
export function renderStages(target, template, previousMonth, previousStages, teachers) {
  if (!previousMonth || previousStages.length === 0) {
    target.replaceChildren(el('p', 'muted', 'За прошлый месяц лист продвижения не отправлен — сравнивать не с чем.'));
    return;
  }
  const listed = teachers.filter((t) => t.personId || t.name);
  // Nobody listed yet (an untouched sheet): no movement to show, rather than everyone from last month as «выбыли».
  if (listed.length === 0) {
    target.replaceChildren(el('p', 'muted', `В этом месяце педагоги ещё не указаны. Сравнение с листом за ${monthName(previousMonth)} появится, когда они будут добавлены.`));
    return;
  }
  const changes = compareStages(previousStages, listed);
  const { root, refs } = clone('t-pg-stages');
  refs.caption.textContent = `Сравнение с листом за ${monthName(previousMonth)}`;
  /** @type {Record<string, number>} */
  const counts = {};
  for (const c of changes) {
    counts[c.trend] = (counts[c.trend] ?? 0) + 1;
    const tr = el('tr', `trend-${c.trend}`);
    const th = el('th', '', c.name || 'ФИО не указано');
    th.scope = 'row';
    tr.append(th, el('td', '', c.previousStage ? stageLabel(template, c.previousStage) : '—'),
      el('td', '', c.trend === 'gone' ? '—' : stageLabel(template, c.stage)), el('td', 'trend', trendNames[c.trend]));
    refs.rows.append(tr);
  }
  refs.counts.textContent = [['up', 'продвинулись'], ['same', 'без изменений'], ['down', 'вернулись назад'], ['new', 'новые'], ['gone', 'выбыли']]
    .filter(([k]) => counts[k]).map(([k, w]) => `${w}: ${counts[k]}`).join(' · ');
  target.replaceChildren(root);
}

/**
 * One section of the sheet in words (days, decisions, difficulties, requests, teachers), for the conflict's choice.
 * @param {string} id a section id (content.js `sections`)
 * @param {Content} c
 * @param {ProgressTemplate} template
 */
export function describeSection(id, c, template) {
  /** @type {Record<string, (c: Content) => string>} */
  const show = {
    days: (c) => (c.noDays ? `не проводился (${c.noDaysReason ?? 'причина не указана'})` : c.days.map((d) => dayLine(template, d)).join('; ') || 'нет'),
    decisions: (c) => c.decisions.filter(Boolean).join('; ') || 'нет',
    difficulties: (c) => c.difficulties || 'нет',
    requests: (c) => c.requests.map((r) => `${r.topic || 'без темы'}: ${r.text || 'текст не указан'}`).join('; ') || 'нет',
    teachers: (c) => c.teachers.map((t) => `${t.name || '—'} — ${t.practice || 'практика не указана'}, ${stageLabel(template, t.stage)}`
      + (t.help ? `, помощь: ${t.help}` : '')).join('; ') || 'нет',
  };
  return show[id]?.(c) ?? '';
}
