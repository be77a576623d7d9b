// @ts-check
// Topics by week. The coordinator prepares the coming weeks' topics here (drafts and scheduled ones included);
// everyone else finds the published topics with their questions and answers: the archive.

import { cycleApi } from './api.js';
import { canManage, isSchoolRole } from '../../js/session.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { addWeeks, currentWeek, shortDateTime, weekRange } from './format.js';

/** @typedef {import('../../js/session.js').Session} Session */

const stateLabels = /** @type {Record<string, string>} */ ({ draft: 'черновик', scheduled: 'запланирована', published: 'опубликована' });

/**
 * @param {HTMLElement} main
 * @param {Session} session
 */
export async function showTopics(main, session) {
  const manage = canManage(session);
  const { root, refs } = clone('t-topics');
  refs.title.textContent = manage ? 'Темы ЕМД по неделям' : 'Архив тем ЕМД';
  refs.lead.textContent = manage
    ? 'Подготовьте тему заранее: черновик школы не видят, запланированная выходит в срок публикации по циклу.'
    : 'Темы прошлых недель: видеосеминары, задание, вопросы школ и ответы координатора.';
  document.title = `${refs.title.textContent} — MethodDays`;
  refs.list.append(loading('Загружаем темы…'));
  main.replaceChildren(root);

  /** @type {import('./types.js').TopicSummary[]} */
  let topics;
  try {
    topics = await cycleApi.topics(session.mun);
  } catch (e) {
    refs.list.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return;
  }

  const current = currentWeek(session.timeZone);
  if (manage) refs.tools.append(newTopicPicker(session, current, new Set(topics.map((t) => t.week))));
  else refs.tools.remove();

  refs.list.replaceChildren();
  if (topics.length === 0) refs.list.append(el('li', 'muted', manage ? 'Тем пока нет.' : 'Опубликованных тем пока нет.'));
  for (const t of topics) {
    const item = clone('t-topic-item');
    item.refs.week.textContent = `${t.week === current ? 'Эта неделя · ' : ''}${t.weekRange}`;
    item.refs.title.textContent = t.title;
    item.refs.state.className = `badge topic-state ${t.state}`;
    item.refs.state.textContent = t.state === 'draft' ? stateLabels.draft
      : `${stateLabels[t.state] ?? t.state} ${shortDateTime(/** @type {string} scheduled or published */ (t.publishedAt), session.timeZone)}`;
    // Others see only published topics, except methodists, who also see drafts: those are marked.
    if (!manage && t.state === 'published') item.refs.state.hidden = true;
    /** @type {[string, string][]} */
    const links = [];
    if (manage && t.week >= current) links.push([`#/topic/${t.week}`, 'Изменить']);
    links.push([isSchoolRole(session) ? `#/week/${t.week}` : `#/board/${t.week}`, isSchoolRole(session) ? 'Неделя школы' : 'Доска недели']);
    if (t.state === 'published' || manage) links.push([`#/agenda/${t.week}`, 'Вопросы и ответы']);
    for (const [href, text] of links) {
      const a = el('a', '', text);
      a.href = href;
      item.refs.links.append(a);
    }
    refs.list.append(item.root);
  }
}

/**
 * The coordinator's chooser of a week without a topic (this week and the 26 after it, as the server allows).
 * @param {Session} session
 * @param {string} current
 * @param {Set<string>} taken
 */
function newTopicPicker(session, current, taken) {
  const { root, refs } = clone('t-topic-new');
  const select = /** @type {HTMLSelectElement} */ (refs.select);
  for (let i = 0; i <= 26; i++) {
    const w = addWeeks(current, i);
    if (taken.has(w)) continue;
    const option = el('option', '', `${weekRange(w)}${i === 0 ? ' (эта неделя)' : i === 1 ? ' (следующая)' : ''}`);
    option.value = w;
    select.append(option);
  }
  root.addEventListener('submit', (event) => {
    event.preventDefault();
    if (select.value) session.navigate(`#/topic/${select.value}`);
  });
  return root;
}
