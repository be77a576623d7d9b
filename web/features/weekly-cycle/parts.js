// @ts-check
// Pieces shared by the week pages: a question with its answer, safe outside links, field errors, typed text that
// survives a redraw.

import { clone, el } from '../../js/dom.js';
import { shortDateTime } from './format.js';

/** @typedef {import('./types.js').QuestionView} QuestionView */

let counter = 0;

/** A unique id for label/field pairs in cloned templates. @param {string} prefix */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * Connects a label to its field with a fresh id.
 * @param {HTMLLabelElement} label
 * @param {HTMLElement} field
 * @param {string} prefix
 */
export function labelFor(label, field, prefix) {
  field.id = uid(prefix);
  label.htmlFor = field.id;
}

/**
 * A question of a school with its answer (or «ответа пока нет»).
 * @param {QuestionView} q
 * @param {string[]} topicQuestions the topic's discussion questions
 * @param {string} timeZone
 * @param {{ showSchool?: boolean, showAbout?: boolean }} [options]
 */
export function questionItem(q, topicQuestions, timeZone, options = {}) {
  const item = clone('t-question');
  const { refs } = item;
  const about = q.topicQuestion >= 0 && q.topicQuestion < topicQuestions.length
    ? `К вопросу ${q.topicQuestion + 1}: «${topicQuestions[q.topicQuestion]}»`
    : 'Общий вопрос';
  refs.about.textContent = options.showAbout === false ? '' : about;
  refs.late.hidden = !q.late;
  refs.text.textContent = q.text;
  refs.by.textContent = `${options.showSchool ? `${q.schoolName} · ` : ''}${q.askedByName}, ${shortDateTime(q.askedAt, timeZone)}`;
  setAnswer(item, q, timeZone);
  return item;
}

/**
 * @param {{ root: HTMLElement, refs: import('../../js/dom.js').Refs }} item a t-question clone
 * @param {QuestionView} q
 * @param {string} timeZone
 */
export function setAnswer(item, q, timeZone) {
  const { refs } = item;
  const answered = typeof q.answer === 'string' && q.answer.length > 0;
  refs['answer-box'].hidden = !answered;
  refs['no-answer'].hidden = answered;
  refs.answer.textContent = answered ? q.answer : '';
  refs['answer-by'].textContent = answered ? `${q.answeredByName}, ${shortDateTime(/** @type {string} */ (q.answeredAt), timeZone)}` : '';
  item.root.classList.toggle('answered', answered);
}

/**
 * A link to a video seminar: only http(s) addresses become links, opened in a new tab without a referrer.
 * @param {{ title: string | null, url: string | null }} video
 */
export function videoLink(video) {
  /** @type {URL | null} */
  let url = null;
  try {
    url = new URL(/** @type {string} no address throws here too */ (video.url));
  } catch {
    url = null;
  }
  const li = el('li');
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    li.append(el('span', '', video.title), el('span', 'muted small block', video.url));
    return li;
  }
  const a = el('a', 'video-link', video.title || url.host);
  a.href = url.href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  li.append(a, el('span', 'muted small block', `${url.host} · откроется в новой вкладке`));
  return li;
}

/**
 * Shows what went wrong with an action next to its form: the field's message for a 400, otherwise the title and
 * detail (offline: the text stays in the field).
 * @param {HTMLElement} box the form's error line
 * @param {unknown} failure an ApiError (anything else shows the general words)
 * @param {string} [field] the request field whose message to prefer
 */
export function showActionError(box, failure, field) {
  const error = /** @type {{ errors?: Record<string, string[]>, title?: string, detail?: string, offline?: boolean } | null | undefined} */ (failure);
  const fieldMessage = field && error?.errors?.[field]?.[0];
  const message = fieldMessage
    || [error?.title?.replace(/\.$/, ''), error?.detail].filter(Boolean).join('. ')
    || 'Не получилось. Повторите.';
  box.textContent = error?.offline ? `${message} Текст остался в поле — отправьте ещё раз, когда связь вернётся.` : message;
  box.hidden = false;
  box.setAttribute('role', 'alert');
}

/** @param {HTMLElement} box */
export function clearActionError(box) {
  box.textContent = '';
  box.hidden = true;
}

/**
 * Text typed into fields marked `data-keep`, so a redraw after another action does not lose it.
 * @param {HTMLElement} root
 * @returns {Map<string, string>}
 */
export function keepTyped(root) {
  /** @type {Map<string, string>} */
  const kept = new Map();
  for (const field of root.querySelectorAll('[data-keep]')) {
    const f = /** @type {HTMLTextAreaElement | HTMLInputElement | HTMLSelectElement} */ (field);
    if (f.value) kept.set(f.dataset.keep ?? '', f.value);
  }
  return kept;
}

/**
 * @param {HTMLElement} root
 * @param {Map<string, string>} kept
 * @param {string | null} sent the field whose text was just sent (not restored)
 */
export function restoreTyped(root, kept, sent) {
  for (const field of root.querySelectorAll('[data-keep]')) {
    const f = /** @type {HTMLTextAreaElement | HTMLInputElement | HTMLSelectElement} */ (field);
    const key = f.dataset.keep ?? '';
    if (key !== sent && kept.has(key)) {
      f.value = kept.get(key) ?? '';
      // An edit box that held text opens again.
      f.closest('[data-edit]')?.removeAttribute('hidden');
    }
  }
}
