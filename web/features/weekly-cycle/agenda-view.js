// @ts-check
// The video call's agenda and the archive of questions and answers: a week's questions grouped by the topic's
// discussion question, then school. The coordinator and methodists answer in place; everyone else reads.

import { cycleApi } from './api.js';
import { canAnswer } from '../../js/session.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { plural } from '../../js/format.js';
import { currentWeek, weekRange } from './format.js';
import { weekNav } from './week-nav.js';
import { clearActionError, labelFor, questionItem, setAnswer, showActionError } from './parts.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').QuestionView} QuestionView */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ week: string }} route
 */
export async function showAgenda(main, session, route) {
  const answering = canAnswer(session);
  const { root, refs } = clone('t-agenda');
  refs.eyebrow.textContent = answering ? 'Повестка ВКС' : 'Архив вопросов и ответов';
  refs.title.textContent = `Вопросы школ: неделя ${weekRange(route.week)}`;
  document.title = `Вопросы школ, неделя ${weekRange(route.week)} — MethodDays`;
  refs.toolbar.append(weekNav(route.week, currentWeek(session.timeZone), (w) => `#/agenda/${w}`));
  refs.body.append(loading('Загружаем вопросы школ…'));
  main.replaceChildren(root);

  /** @type {import('./types.js').AgendaView} */
  let agenda;
  try {
    agenda = await cycleApi.agenda(session.mun, route.week);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return;
  }

  const head = clone('t-agenda-head');
  head.refs.topic.textContent = agenda.topicTitle ? `Тема: «${agenda.topicTitle}»` : 'Темы на эту неделю нет.';
  const counts = /** @type {HTMLElement} */ (head.refs.counts);
  const showCounts = () => {
    counts.textContent = agenda.total === 0
      ? 'Вопросов пока нет.'
      : `Всего ${agenda.total} ${plural(agenda.total, 'вопрос', 'вопроса', 'вопросов')}, без ответа: ${agenda.unanswered}.`;
  };
  showCounts();
  const filter = /** @type {HTMLInputElement} */ (head.refs.filter);
  if (!answering || agenda.total === 0) head.refs['filter-row'].remove();
  head.refs.print.addEventListener('click', () => window.print());
  refs.body.replaceChildren(head.root);
  if (agenda.total === 0) return;

  const groups = el('div', 'agenda-groups');
  /** Questions picked for one common answer: id → the question and its item. */
  const picked = /** @type {Map<string, { q: QuestionView, item: { root: HTMLElement, refs: import('../../js/dom.js').Refs }, box: HTMLInputElement }>} */ (new Map());
  const common = answering ? commonAnswer(session, route.week, picked, (answered) => {
    agenda.unanswered -= answered;
    showCounts();
  }) : null;
  for (const g of agenda.groups) {
    const { root: section, refs: gr } = clone('t-agenda-group');
    gr.title.textContent = g.topicQuestion >= 0 ? `Вопрос ${g.topicQuestion + 1}. ${g.title}` : g.title;
    for (const s of g.schools) {
      const school = el('section', 'agenda-school');
      school.append(el('h3', '', s.schoolName));
      const list = el('ol', 'question-list');
      for (const q of s.questions) {
        // Grouped under their discussion question already: the item does not repeat it.
        const item = questionItem(q, [], session.timeZone, { showAbout: false });
        item.root.dataset.question = q.id;
        if (answering) {
          item.refs['answer-form'].append(answerForm(session, route.week, q, item, (wasAnswered) => {
            if (!wasAnswered) agenda.unanswered -= 1;
            showCounts();
          }));
          const pick = el('label', 'check pick-question');
          const box = el('input');
          box.type = 'checkbox';
          box.setAttribute('aria-label', `Выбрать для общего ответа: ${s.schoolName}, «${q.text.length > 60 ? `${q.text.slice(0, 60)}…` : q.text}»`);
          pick.append(box, document.createTextNode(' Выбрать для общего ответа'));
          box.addEventListener('change', () => {
            if (box.checked) picked.set(q.id, { q, item, box });
            else picked.delete(q.id);
            common?.update();
          });
          item.root.prepend(pick);
        }
        list.append(item.root);
      }
      school.append(list);
      gr.schools.append(school);
    }
    groups.append(section);
  }
  filter.addEventListener('change', () => groups.classList.toggle('only-unanswered', filter.checked));
  if (common) refs.body.append(common.root);
  refs.body.append(groups);
}

/**
 * One answer to the questions picked below — the same question asked by several schools. Each asking school's
 * administration is told about the answer, as for a single one.
 * @param {Session} session
 * @param {string} week
 * @param {Map<string, { q: QuestionView, item: { root: HTMLElement, refs: import('../../js/dom.js').Refs }, box: HTMLInputElement }>} picked
 * @param {(newlyAnswered: number) => void} onAnswered
 */
function commonAnswer(session, week, picked, onAnswered) {
  const root = el('section', 'panel common-answer');
  root.setAttribute('aria-labelledby', 'common-answer-title');
  const title = el('h2', '', 'Общий ответ на несколько вопросов');
  title.id = 'common-answer-title';
  const hint = el('p', 'muted small', 'Одинаковый вопрос задали несколько школ? Отметьте их вопросы ниже («Выбрать для общего ответа») и ответьте всем сразу: каждая школа увидит ответ у своего вопроса и получит уведомление.');
  const count = el('p', '', '');
  count.setAttribute('role', 'status');
  const form = el('form', 'stack-form');
  form.noValidate = true;
  const label = el('label', '', 'Общий ответ на выбранные вопросы');
  const text = el('textarea');
  text.rows = 3;
  text.maxLength = 8000;
  labelFor(label, text, 'common-answer');
  const error = el('p', 'field-error');
  error.hidden = true;
  const send = el('button', 'button primary', '');
  send.type = 'submit';
  const done = el('p', 'muted small');
  done.setAttribute('role', 'status');
  const actions = el('div', 'actions');
  actions.append(send);
  form.append(label, text, error, actions);
  root.append(title, hint, count, form, done);

  const update = () => {
    const n = picked.size;
    const schools = new Set([...picked.values()].map((p) => p.q.schoolName));
    count.textContent = n === 0
      ? 'Вопросы не выбраны.'
      : `Выбрано ${n} ${plural(n, 'вопрос', 'вопроса', 'вопросов')} от ${schools.size} ${plural(schools.size, 'школы', 'школ', 'школ')}: ${[...schools].join(', ')}.`;
    send.textContent = n === 0 ? 'Ответить на выбранные' : `Ответить на выбранные (${n})`;
    send.disabled = n === 0;
  };
  update();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearActionError(error);
    const answer = text.value.trim();
    if (!answer) {
      showActionError(error, { title: 'Напишите ответ.' });
      text.focus();
      return;
    }
    const chosen = [...picked.values()];
    send.disabled = true;
    send.textContent = 'Сохраняем…';
    try {
      const saved = await cycleApi.answerMany(session.mun, week, chosen.map((p) => p.q.id), answer);
      let newly = 0;
      for (const view of saved.answered) {
        const p = picked.get(view.id);
        if (!p) continue;
        if (!p.q.answer) newly += 1;
        Object.assign(p.q, view);
        setAnswer(p.item, view, session.timeZone);
        // The question's own editor shows «Изменить ответ» from now on.
        p.item.refs.markAnswered?.();
        p.box.checked = false;
      }
      picked.clear();
      text.value = '';
      const schools = new Set(saved.answered.map((v) => v.schoolName));
      done.textContent = `Ответ сохранён для ${saved.answered.length} ${plural(saved.answered.length, 'вопроса', 'вопросов', 'вопросов')}; `
        + `уведомление получат администрации школ: ${[...schools].join(', ')}.`;
      onAnswered(newly);
    } catch (e) {
      showActionError(error, e, 'answer');
    } finally {
      update();
    }
  });
  return { root, update };
}

/**
 * The answer box under a question: open when unanswered, behind «Изменить ответ» when answered.
 * @param {Session} session
 * @param {string} week
 * @param {QuestionView} q
 * @param {{ root: HTMLElement, refs: import('../../js/dom.js').Refs }} item the question's clone
 * @param {(wasAnswered: boolean) => void} onAnswered
 */
function answerForm(session, week, q, item, onAnswered) {
  const { root, refs } = clone('t-answer-form');
  const form = /** @type {HTMLFormElement} */ (root.querySelector('form'));
  const text = /** @type {HTMLTextAreaElement} */ (refs.text);
  labelFor(refs.label, text, 'answer');
  let answered = Boolean(q.answer);
  const setOpen = (/** @type {boolean} */ open) => {
    form.hidden = !open;
    refs.edit.hidden = open || !answered;
    refs.cancel.hidden = !answered;
  };
  setOpen(!answered);
  item.refs.markAnswered = () => {
    answered = true;
    setOpen(false);
  };
  refs.edit.addEventListener('click', () => {
    text.value = q.answer ?? '';
    setOpen(true);
    text.focus();
  });
  refs.cancel.addEventListener('click', () => {
    clearActionError(refs.error);
    setOpen(false);
    refs.edit.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearActionError(refs.error);
    const answer = text.value.trim();
    if (!answer) {
      showActionError(refs.error, { title: 'Напишите ответ.' });
      text.focus();
      return;
    }
    const button = /** @type {HTMLButtonElement} */ (refs.send);
    button.disabled = true;
    button.textContent = 'Сохраняем…';
    try {
      const saved = await cycleApi.answer(session.mun, week, q.id, answer);
      const was = answered;
      Object.assign(q, saved);
      answered = true;
      setAnswer(item, saved, session.timeZone);
      text.value = '';
      setOpen(false);
      refs.saved.textContent = 'Ответ сохранён, школа увидит его на странице недели.';
      onAnswered(was);
    } catch (e) {
      showActionError(refs.error, e, 'answer');
    } finally {
      button.disabled = false;
      button.textContent = 'Сохранить ответ';
    }
  });
  return root;
}
