// @ts-check
// A school's week of the unified methodical day (DOMAIN.md §1): the topic, the steps with their local deadlines
// and state, the school's questions with answers, the previous topic's decision. The school's admin team acts on
// the steps and sends questions; teachers read; the school's curator opens it as the meeting view, which starts
// with the previous topic's decision (seed 003 §II.6) and records the meeting.

import { cycleApi } from './api.js';
import { isSchoolRole } from '../../js/session.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { addWeeks, currentWeek, shortDateTime, stateOf, weekRange } from './format.js';
import { weekNav } from './week-nav.js';
import { clearActionError, keepTyped, labelFor, questionItem, restoreTyped, showActionError, videoLink } from './parts.js';

/**
 * @typedef {import('../../js/session.js').Session} Session
 * @typedef {import('./types.js').SchoolWeekView} SchoolWeekView
 * @typedef {import('./types.js').StepView} StepView
 */

/** What a school (or its curator) writes for each step it marks. */
const actions = /** @type {Record<string, { label: string, send: string, edit: string, busy: string, min: number, max: number, done: string }>} */ ({
  Form: {
    label: 'Подробности (необязательно, если форма выбрана из списка)', send: 'Сообщить форму ЕМД', edit: 'Изменить форму ЕМД',
    busy: 'Отправляем…', min: 3, max: 500, done: 'Форма ЕМД отправлена координатору.',
  },
  MethodDay: {
    label: 'Комментарий (необязательно): как прошёл ЕМД, сколько педагогов участвовало', send: 'Отметить: ЕМД проведён',
    edit: 'Изменить комментарий', busy: 'Отмечаем…', min: 0, max: 2000, done: 'Отмечено: ЕМД проведён.',
  },
  Decision: {
    label: 'Управленческое решение по итогам ЕМД', send: 'Сообщить решение', edit: 'Изменить решение',
    busy: 'Отправляем…', min: 3, max: 4000, done: 'Решение отправлено координатору.',
  },
  CuratorMeeting: {
    label: 'Итоги встречи', send: 'Записать итоги встречи', edit: 'Изменить итоги встречи',
    busy: 'Сохраняем…', min: 3, max: 4000, done: 'Итоги встречи записаны.',
  },
});

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ week: string, school: string }} route
 */
export async function showWeek(main, session, route) {
  const { mun } = session;
  const current = currentWeek(session.timeZone);
  const school = session.me.schools.find((s) => s.id === route.school);
  const own = isSchoolRole(session) && session.me.member.schoolIds[0] === route.school;
  const { root, refs } = clone('t-week');
  refs.eyebrow.textContent = `${school?.shortName ?? 'Школа'} · единый методический день`;
  refs.title.textContent = `Неделя ${weekRange(route.week)}`;
  document.title = `ЕМД, неделя ${weekRange(route.week)} — ${school?.shortName ?? ''} — MethodDays`;
  if (!own) {
    const back = el('a', 'back-link', '← Доска недели');
    back.href = `#/board/${route.week}`;
    refs.toolbar.append(back);
  }
  refs.toolbar.append(weekNav(route.week, current, (w) => (own ? `#/week/${w}` : `#/week/${w}/${route.school}`)));
  refs.body.append(loading('Загружаем неделю школы…'));
  main.replaceChildren(root);

  /** @type {SchoolWeekView} */
  let view;
  /** @type {SchoolWeekView | null} */
  let previous = null;
  try {
    // This week also shows what is still open from last week's topic (its steps reach into this week).
    const last = route.week === current
      ? cycleApi.schoolWeek(mun, route.school, addWeeks(route.week, -1)).catch(() => null)
      : Promise.resolve(null);
    [view, previous] = await Promise.all([cycleApi.schoolWeek(mun, route.school, route.week), last]);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return;
  }
  refs.eyebrow.textContent = `${view.schoolName} · единый методический день`;
  document.title = `ЕМД, неделя ${view.weekRange} — ${view.schoolName} — MethodDays`;
  new WeekPage(refs, session, route, school, previous).render(view, null, '');
}

class WeekPage {
  /**
   * @param {import('../../js/dom.js').Refs} refs
   * @param {Session} session
   * @param {{ week: string, school: string }} route
   * @param {import('../../js/api.js').School | undefined} school the school from /api/me, if listed
   * @param {SchoolWeekView | null} previous last week's view, when this week is shown
   */
  constructor(refs, session, route, school, previous) {
    this.refs = refs;
    this.session = session;
    this.route = route;
    this.school = school;
    this.previous = previous;
  }

  /**
   * Draws the week; text typed in other boxes survives (only the box just sent is emptied).
   * @param {SchoolWeekView} view
   * @param {string | null} sent the `data-keep` key of the box just sent
   * @param {string} message what just happened, announced
   */
  render(view, sent, message) {
    this.view = view;
    const body = /** @type {HTMLElement} */ (this.refs.body);
    const kept = keepTyped(body);
    const meeting = view.steps.find((s) => s.kind === 'CuratorMeeting');
    // The curator's own schools open as the meeting view; the coordinator can still mark the meeting in the steps.
    const meetingMode = Boolean(view.can.meet && meeting && this.session.me.member.role === 'Curator');
    /** @type {Node[]} */
    const sections = [...this.banners(view)];
    const tails = this.tails();
    if (tails) sections.push(tails);
    if (meetingMode) sections.push(this.meetingPanel(view, /** @type {StepView} meetingMode needs it */ (meeting)));
    if (view.topic) sections.push(this.topicPanel(view.topic));
    sections.push(this.stepsPanel(view, meetingMode));
    if (view.topic && view.topic.state === 'published') sections.push(this.questionsPanel(view));
    if (!meetingMode && view.previousDecision) sections.push(this.previousPanel(view.previousDecision, 'Решение по прошлой теме'));
    sections.push(this.footer(view));
    body.replaceChildren(...sections);
    restoreTyped(body, kept, sent);

    const status = /** @type {HTMLElement} */ (this.refs.status);
    status.textContent = message;
    status.className = message ? 'success' : '';
    if (message) status.focus();
  }

  /** Whether the school can still act this week. @param {SchoolWeekView} view */
  open(view) {
    return view.topic?.state === 'published' && !view.closed && !view.skipped;
  }

  /** @param {SchoolWeekView} view */
  banners(view) {
    /** @type {HTMLElement[]} */
    const list = [];
    const publish = view.steps.find((s) => s.kind === 'Publish');
    if (view.skipped) {
      list.push(el('p', 'notice', `Неделя пропущена: ${view.skipReason}. Шагов, напоминаний и вопросов на этой неделе нет.`));
    } else if (!view.topic) {
      list.push(el('p', 'notice', publish
        ? `Тема на эту неделю ещё не опубликована. По циклу муниципалитета она выходит: ${publish.localAt}.`
        : 'Тема на эту неделю ещё не опубликована.'));
    } else if (view.topic.state !== 'published') {
      list.push(el('p', 'notice', view.topic.state === 'draft'
        ? 'Тема — черновик: школы её пока не видят.'
        : `Публикация темы запланирована: ${shortDateTime(/** @type {string} scheduled */ (view.topic.publishedAt), this.session.timeZone)}. Школы её пока не видят.`));
    }
    if (view.closed && !view.skipped) {
      list.push(el('p', 'notice', 'Цикл этой темы закрыт: отметки шагов и вопросы по ней больше не принимаются. Страница остаётся в архиве.'));
    }
    if (this.school && !this.school.lowResults && !this.school.improving) {
      list.push(el('p', 'notice', 'Школа не входит в программу (не ШНОР и не ПРШ): шаги недели для неё не обязательны и не отслеживаются на доске.'));
    }
    if (this.session.me.member.role === 'Teacher') {
      list.push(el('p', 'muted small', 'Шаги отмечает и вопросы отправляет административная команда школы (ответственный за ЕМД). Здесь вы видите тему, сроки, вопросы и ответы.'));
    }
    return list;
  }

  /** Steps of last week's topic still waiting, shown on this week's page. */
  tails() {
    const prev = this.previous;
    if (!prev || prev.closed || prev.skipped || !prev.topic) return null;
    const waiting = prev.steps.filter((s) => s.state === 'due' || s.state === 'overdue');
    if (waiting.length === 0) return null;
    const { root, refs } = clone('t-week-tails');
    refs.title.textContent = `По теме прошлой недели «${prev.topic.title}» ещё ждёт:`;
    for (const s of waiting) {
      const st = stateOf(s.state);
      const li = el('li');
      li.append(el('span', `state-mark ${st.cls}`, `${st.mark} ${st.text}`), document.createTextNode(` ${s.title} — срок: ${s.localAt}`));
      refs.list.append(li);
    }
    const own = isSchoolRole(this.session);
    refs.link.href = own ? `#/week/${prev.week}` : `#/week/${prev.week}/${this.route.school}`;
    refs.link.textContent = `Открыть неделю ${prev.weekRange}`;
    return root;
  }

  /**
   * The curator's meeting: the previous topic's decision first, then the notes box.
   * @param {SchoolWeekView} view
   * @param {StepView} step the CuratorMeeting step
   */
  meetingPanel(view, step) {
    const { root, refs } = clone('t-week-meeting');
    const st = stateOf(step.state);
    refs.when.textContent = `${step.title}. Срок: ${step.localAt}.`;
    refs.state.append(el('span', `state-mark ${st.cls}`, `${st.mark} ${st.text}`));
    refs.previous.append(view.previousDecision
      ? this.previousPanel(view.previousDecision, 'Начните с решения по прошлой теме')
      : el('p', 'muted', 'По прошлой неделе темы не было: обмениваться решениями не о чем.'));
    if (step.text) {
      refs.done.hidden = false;
      refs['done-text'].textContent = step.text;
      refs['done-by'].textContent = `${step.doneByName}, ${shortDateTime(/** @type {string} */ (step.doneAt), this.session.timeZone)}${step.late ? ' · записано после срока' : ''}`;
    }
    if (this.open(view)) refs.form.append(this.stepForm(view, step));
    else if (!view.closed && !view.skipped) refs.form.append(el('p', 'muted', 'Итоги встречи можно записать, когда тема опубликована.'));
    return root;
  }

  /** @param {import('./types.js').TopicView} topic */
  topicPanel(topic) {
    const { root, refs } = clone('t-week-topic');
    refs.title.textContent = topic.title;
    refs.state.textContent = topic.publishedAt && topic.state === 'published'
      ? `Опубликована ${shortDateTime(topic.publishedAt, this.session.timeZone)}`
      : '';
    if (topic.videos.length === 0) refs.videos.append(el('li', 'muted', 'Ссылок на видеосеминары нет.'));
    for (const v of topic.videos) refs.videos.append(videoLink(v));
    if (topic.questions.length === 0) refs.questions.replaceWith(el('p', 'muted', 'Вопросов для обсуждения нет.'));
    for (const q of topic.questions) refs.questions.append(el('li', '', q));
    refs.assignment.textContent = topic.assignment || 'Техническое задание не указано.';
    return root;
  }

  /**
   * @param {SchoolWeekView} view
   * @param {boolean} meetingMode the meeting's form is in the meeting panel above
   */
  stepsPanel(view, meetingMode) {
    const { root, refs } = clone('t-week-steps');
    const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    refs.note.textContent = deviceZone && deviceZone !== this.session.timeZone
      ? `Время — по часовому поясу муниципалитета (${this.session.timeZone}). Шаги темы продолжаются на следующей неделе.`
      : 'Шаги темы продолжаются на следующей неделе.';
    for (const step of view.steps) refs.list.append(this.stepItem(view, step, meetingMode));
    return root;
  }

  /**
   * @param {SchoolWeekView} view
   * @param {StepView} step
   * @param {boolean} meetingMode
   */
  stepItem(view, step, meetingMode) {
    const { root, refs } = clone('t-week-step');
    const st = stateOf(step.state);
    root.classList.add(`step-${st.cls}`);
    root.dataset.step = step.id;
    refs.mark.className = `state-mark ${st.cls}`;
    refs.mark.textContent = `${st.mark} ${st.text}`;
    refs.title.textContent = step.title;
    const deadline = ['Form', 'Questions', 'Decision', 'CuratorMeeting'].includes(step.kind);
    const who = step.actor === 'School' ? 'школа' : step.actor === 'Curator' ? 'куратор' : 'координатор';
    refs.meta.textContent = `${deadline ? 'Срок' : 'Когда'}: ${step.localAt} · ${who}`;
    if (step.doneAt) {
      refs.done.hidden = false;
      refs.text.textContent = step.kind === 'Questions' ? '' : step.text ?? '';
      refs.text.hidden = !refs.text.textContent;
      refs.by.textContent = `Отметил(а) ${step.doneByName}, ${shortDateTime(step.doneAt, this.session.timeZone)}${step.late ? ' — после срока' : ''}`;
    }

    const canMark = (step.actor === 'School' && view.can.act) || (step.actor === 'Curator' && view.can.meet);
    if (step.kind === 'Questions' && view.can.act && this.open(view) && !step.doneAt) {
      refs.action.append(el('p', 'hint', 'Шаг отметится сам, когда вы отправите первый вопрос (ниже).'));
    } else if (step.kind === 'CuratorMeeting' && meetingMode) {
      refs.action.append(el('p', 'hint', 'Итоги встречи записываются в начале страницы.'));
    } else if (canMark && actions[step.kind] && this.open(view)) {
      refs.action.append(this.stepForm(view, step));
    }
    return root;
  }

  /**
   * The form that marks a step (or corrects its text: the first time stays).
   * @param {SchoolWeekView} view
   * @param {StepView} step
   */
  stepForm(view, step) {
    const a = actions[step.kind];
    const wrap = el('div');
    const { root, refs } = clone('t-step-form');
    const form = /** @type {HTMLFormElement} */ (root);
    const text = /** @type {HTMLTextAreaElement} */ (refs.text);
    labelFor(refs.label, text, `step-${step.id}`);
    refs.label.textContent = a.label;
    text.maxLength = a.max;
    text.dataset.keep = `step-${view.week}-${step.id}`;
    text.rows = step.kind === 'MethodDay' ? 2 : 4;
    refs.send.textContent = a.send;

    /** @type {HTMLSelectElement | null} */
    let choice = null;
    if (step.kind === 'Form') {
      const c = clone('t-form-choice');
      choice = /** @type {HTMLSelectElement} */ (c.refs.select);
      choice.dataset.keep = `choice-${view.week}-${step.id}`;
      refs.extra.append(c.root);
    }

    if (step.doneAt) {
      // Done: show a button that opens the form with the current text.
      const edit = el('button', 'button secondary', a.edit);
      edit.type = 'button';
      const box = el('div');
      box.dataset.edit = '';
      box.hidden = true;
      box.append(form);
      refs.cancel.hidden = false;
      edit.addEventListener('click', () => {
        fill(step.text ?? '');
        box.hidden = false;
        edit.hidden = true;
        text.focus();
      });
      refs.cancel.addEventListener('click', () => {
        box.hidden = true;
        edit.hidden = false;
        clearActionError(refs.error);
        edit.focus();
      });
      wrap.append(edit, box);
    } else {
      wrap.append(form);
    }

    /** @param {string} value */
    const fill = (value) => {
      if (choice) {
        const option = [...choice.options].find((o) => o.value && o.value !== 'other' && value.startsWith(o.value));
        choice.value = option ? option.value : value ? 'other' : '';
        text.value = option ? value.slice(option.value.length).replace(/^[.:\s—-]+/, '') : value;
      } else {
        text.value = value;
      }
    };

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearActionError(refs.error);
      let value = text.value.trim();
      if (choice) {
        if (!choice.value) {
          showActionError(refs.error, { title: 'Выберите форму проведения ЕМД из списка или «Другая форма» и опишите её.' });
          choice.focus();
          return;
        }
        if (choice.value !== 'other') value = value ? `${choice.value}: ${value}` : choice.value;
      }
      if (value.length < a.min) {
        showActionError(refs.error, { title: step.kind === 'Decision' ? 'Опишите принятое решение (хотя бы несколько слов).' : 'Напишите хотя бы несколько слов.' });
        text.focus();
        return;
      }
      const button = /** @type {HTMLButtonElement} */ (refs.send);
      button.disabled = true;
      button.textContent = a.busy;
      try {
        const next = await cycleApi.markStep(this.session.mun, this.route.school, view.week, step.id, value);
        this.render(next, text.dataset.keep ?? null, a.done);
      } catch (e) {
        button.disabled = false;
        button.textContent = a.send;
        showActionError(refs.error, e, 'text');
      }
    });
    return wrap;
  }

  /** @param {SchoolWeekView} view with a published topic */
  questionsPanel(view) {
    const { root, refs } = clone('t-week-questions');
    const topicQuestions = /** @type {import('./types.js').TopicView} */ (view.topic).questions;
    const step = view.steps.find((s) => s.kind === 'Questions');
    if (step && view.can.act && this.open(view)) {
      const past = step.state === 'overdue' || ((step.state === 'done' || step.state === 'late') && Date.parse(step.at) < Date.now());
      refs.deadline.textContent = past
        ? `Срок вопросов прошёл (${step.localAt}). Вопросы всё равно принимаются и помечаются как поздние.`
        : `Срок вопросов: ${step.localAt}.`;
    }
    if (view.can.act && this.open(view)) {
      const select = /** @type {HTMLSelectElement} */ (refs.topic);
      topicQuestions.forEach((q, i) => {
        const option = el('option', '', `${i + 1}. ${q.length > 90 ? `${q.slice(0, 90)}…` : q}`);
        option.value = String(i);
        select.append(option);
      });
      select.dataset.keep = `question-topic-${view.week}`;
      refs.text.dataset.keep = `question-${view.week}`;
      refs.form.addEventListener('submit', (/** @type {Event} */ event) => this.ask(event, refs));
    } else {
      refs.form.remove();
    }
    const list = /** @type {HTMLElement} */ (refs.list);
    if (view.questions.length === 0) list.append(el('li', 'muted', 'Школа пока не задавала вопросов по этой теме.'));
    for (const q of view.questions) list.append(questionItem(q, topicQuestions, this.session.timeZone).root);
    refs.agenda.href = `#/agenda/${view.week}`;
    return root;
  }

  /**
   * @param {Event} event
   * @param {import('../../js/dom.js').Refs} refs
   */
  async ask(event, refs) {
    event.preventDefault();
    clearActionError(refs.error);
    const text = refs.text.value.trim();
    if (text.length < 3) {
      showActionError(refs.error, { title: 'Напишите вопрос (хотя бы несколько слов).' });
      refs.text.focus();
      return;
    }
    const topicQuestion = refs.topic.value === '' ? null : Number(refs.topic.value);
    refs.send.disabled = true;
    refs.send.textContent = 'Отправляем…';
    try {
      const next = await cycleApi.ask(this.session.mun, this.route.school, /** @type {SchoolWeekView} rendered */ (this.view).week, text, topicQuestion);
      const late = next.questions[next.questions.length - 1]?.late;
      this.render(next, refs.text.dataset.keep, late ? 'Вопрос отправлен после срока: он принят и помечен как поздний.' : 'Вопрос отправлен.');
    } catch (e) {
      refs.send.disabled = false;
      refs.send.textContent = 'Отправить вопрос';
      showActionError(refs.error, e, 'text');
    }
  }

  /**
   * @param {import('./types.js').PreviousDecision} p
   * @param {string} heading
   */
  previousPanel(p, heading) {
    const { root, refs } = clone('t-week-previous');
    refs.heading.textContent = heading;
    refs.topic.textContent = `Тема недели ${weekRange(p.week)}: «${p.topicTitle ?? 'без названия'}»`;
    if (p.text) {
      refs.text.textContent = p.text;
      refs.meta.textContent = p.at ? `Сообщено ${shortDateTime(p.at, this.session.timeZone)}` : '';
    } else if (p.state === 'overdue') {
      // Red only after a deadline the seed or the municipality set has passed.
      refs.text.replaceWith(el('p', 'missing', `Школа не сообщила решение по этой теме: срок прошёл (${p.localDue}).`));
      refs.meta.remove();
    } else {
      refs.text.replaceWith(el('p', 'muted pending-decision', 'Решение пока не сообщено.'));
      refs.meta.textContent = p.localDue
        ? `Срок — ${p.localDue}.`
        : 'Срока у этого шага нет: ни документы программы, ни муниципалитет его не установили.';
    }
    return root;
  }

  /** @param {SchoolWeekView} view */
  footer(view) {
    const p = el('p', 'week-links');
    const agenda = el('a', '', 'Вопросы и ответы всех школ по теме');
    agenda.href = `#/agenda/${view.week}`;
    p.append(agenda);
    if (isSchoolRole(this.session) || view.can.meet) {
      const calendar = el('a', '', 'Сроки в календаре телефона');
      calendar.href = '#/profile';
      p.append(calendar);
    }
    return p;
  }
}
