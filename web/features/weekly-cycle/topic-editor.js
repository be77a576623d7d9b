// @ts-check
// The coordinator prepares a week's topic: title, video-seminar links, discussion questions, the technical
// assignment, and when schools see it (draft, at the cycle's publish step, now). Updates carry the ETag of the
// version edited; when someone else saved in between, the server answers 409 with its version and the page
// offers to keep either. Typed text is copied to the device at once, so a lost connection or a closed tab loses
// nothing.

import { cycleApi } from './api.js';
import { canManage } from '../../js/session.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { addWeeks, currentWeek, shortDateTime, stepDate, weekRange } from './format.js';
import { weekNav } from './week-nav.js';
import { labelFor } from './parts.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./api.js').TopicInput} TopicInput */
/** @typedef {import('./types.js').TopicView} TopicView */

const stateText = /** @type {Record<string, string>} */ ({
  draft: 'Черновик: школы тему не видят.',
  scheduled: 'Публикация запланирована',
  published: 'Опубликована',
});

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ week: string }} route
 */
export async function showTopicEditor(main, session, route) {
  const { root, refs } = clone('t-topic-editor');
  const current = currentWeek(session.timeZone);
  refs.title.textContent = `Тема недели ${weekRange(route.week)}`;
  document.title = `Тема недели ${weekRange(route.week)} — MethodDays`;
  const back = el('a', 'back-link', '← Все темы');
  back.href = '#/topics';
  refs.toolbar.append(back, weekNav(route.week, current, (w) => `#/topic/${w}`));
  main.replaceChildren(root);
  if (!canManage(session)) {
    refs.form.replaceWith(el('p', 'notice', 'Темы недели готовит муниципальный координатор. Опубликованные темы — в разделе «Архив тем».'));
    return;
  }
  refs.form.hidden = true;
  refs.form.before(loading('Загружаем тему недели…'));

  /** @type {TopicView | null} */
  let topic = null;
  /** @type {import('./types.js').CycleView | null} */
  let cycle = null;
  try {
    const [t, c] = await Promise.all([
      cycleApi.topic(session.mun, route.week).catch((e) => {
        if (e?.status === 404) return null;
        throw e;
      }),
      cycleApi.cycle(session.mun).catch(() => null),
    ]);
    topic = t;
    cycle = c;
  } catch (e) {
    root.querySelector('.loading')?.replaceWith(errorBox(e, () => session.navigate(location.hash)));
    return;
  }
  root.querySelector('.loading')?.remove();
  refs.form.hidden = false;
  new TopicEditor(refs, session, route.week, current, topic, cycle).start();
}

class TopicEditor {
  /**
   * @param {import('../../js/dom.js').Refs} refs
   * @param {Session} session
   * @param {string} week
   * @param {string} current
   * @param {TopicView | null} topic
   * @param {import('./types.js').CycleView | null} cycle
   */
  constructor(refs, session, week, current, topic, cycle) {
    this.refs = refs;
    this.session = session;
    this.week = week;
    /** @type {TopicView | null} */
    this.topic = topic;
    /** @type {string | null} */
    this.etag = topic?.eTag ?? null;
    this.past = week < current;
    this.tooFar = week > addWeeks(current, 26);
    this.publishStep = cycle?.template?.steps?.find((s) => s.kind === 'Publish') ?? null;
    this.key = `methoddays:topic-draft:${session.mun}:${week}`;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
  }

  start() {
    const { refs } = this;
    labelFor(refs['name-label'], refs.name, 'topic-title');
    labelFor(refs['assignment-label'], refs.assignment, 'topic-assignment');
    if (this.publishStep) {
      refs['at-step'].textContent = `В срок публикации по циклу: ${stepDate(this.week, this.publishStep)} (если этот срок уже прошёл — сразу)`;
    }
    refs['add-video'].addEventListener('click', () => {
      this.addVideo({ title: '', url: '' }).querySelector('input')?.focus();
      this.changed();
    });
    refs['add-question'].addEventListener('click', () => {
      this.addQuestion('').querySelector('textarea')?.focus();
      this.changed();
    });
    refs.form.addEventListener('input', () => this.changed());
    refs.form.addEventListener('change', () => this.changed());
    refs.form.addEventListener('submit', (/** @type {Event} */ e) => {
      e.preventDefault();
      this.save(this.etag);
    });
    this.fill(this.topic ? fromView(this.topic) : { title: '', videos: [{ title: '', url: '' }], questions: [''], assignment: '', publish: 'AtPublishStep' });
    this.showState();
    this.offerRestore();
    if (this.past || this.tooFar) {
      refs.state.append(el('p', 'notice', this.past
        ? 'Неделя уже прошла: тему менять нельзя. Её вопросы и ответы — в разделе «Вопросы и ответы».'
        : 'Тему можно готовить не больше чем на полгода вперёд.'));
      for (const f of refs.form.elements) /** @type {HTMLInputElement} */ (f).disabled = true;
    }
  }

  /** The topic's state and what saving will do. */
  showState() {
    const { refs, topic } = this;
    const published = topic?.state === 'published';
    refs['state-line'].textContent = !topic
      ? 'Новая тема: ещё не сохранена.'
      : topic.state === 'draft' ? stateText.draft
        : `${stateText[topic.state]}: ${shortDateTime(/** @type {string} scheduled or published */ (topic.publishedAt), this.session.timeZone)}.${published ? ' Исправления школы увидят сразу.' : ''}`;
    refs['state-by'].textContent = topic ? `Последнее изменение: ${topic.updatedByName}, ${shortDateTime(topic.updatedAt, this.session.timeZone)}` : '';
    refs.publish.hidden = published;
    this.saveLabel();
  }

  saveLabel() {
    const published = this.topic?.state === 'published';
    const mode = this.publishMode();
    this.refs.save.textContent = published ? 'Сохранить исправления'
      : mode === 'Draft' ? 'Сохранить черновик'
        : mode === 'Now' ? 'Опубликовать сейчас' : 'Запланировать публикацию';
  }

  /** @returns {import('./api.js').PublishMode} */
  publishMode() {
    const checked = /** @type {HTMLInputElement | null} */ (this.refs.form.querySelector('input[name="publish"]:checked'));
    return /** @type {import('./api.js').PublishMode} */ (checked?.value ?? 'AtPublishStep');
  }

  /** @param {TopicInput} input */
  fill(input) {
    const { refs } = this;
    refs.name.value = input.title;
    refs.assignment.value = input.assignment;
    refs.videos.replaceChildren();
    refs.questions.replaceChildren();
    for (const v of input.videos) this.addVideo(v);
    for (const q of input.questions) this.addQuestion(q);
    const radio = /** @type {HTMLInputElement | null} */ (refs.form.querySelector(`input[name="publish"][value="${input.publish}"]`));
    if (radio) radio.checked = true;
    this.saveLabel();
  }

  /** @param {{ title: string, url: string }} video */
  addVideo(video) {
    const { root, refs } = clone('t-video-row');
    labelFor(refs['title-label'], refs.title, 'video-title');
    labelFor(refs['url-label'], refs.url, 'video-url');
    refs.title.value = video.title;
    refs.url.value = video.url;
    refs.remove.addEventListener('click', () => {
      root.remove();
      this.renumber();
      this.changed();
    });
    this.refs.videos.append(root);
    this.renumber();
    return root;
  }

  /** @param {string} text */
  addQuestion(text) {
    const { root, refs } = clone('t-question-row');
    labelFor(refs.label, refs.text, 'topic-question');
    refs.text.value = text;
    refs.remove.addEventListener('click', () => {
      root.remove();
      this.renumber();
      this.changed();
    });
    this.refs.questions.append(root);
    this.renumber();
    return root;
  }

  /** Row labels and error slots follow the rows' order (the server names fields videos[i].url, questions[i]). */
  renumber() {
    [...this.refs.videos.children].forEach((row, i) => {
      row.querySelector('[data-ref="title-label"]').textContent = `Видеосеминар ${i + 1}: название`;
      row.querySelector('[data-ref="url-label"]').textContent = `Видеосеминар ${i + 1}: ссылка`;
      row.querySelector('[data-ref="title-error"]').dataset.field = `videos[${i}].title`;
      row.querySelector('[data-ref="url-error"]').dataset.field = `videos[${i}].url`;
      row.querySelector('[data-ref="remove"]').textContent = `Удалить видеосеминар ${i + 1}`;
    });
    [...this.refs.questions.children].forEach((row, i) => {
      row.querySelector('[data-ref="label"]').textContent = `Вопрос ${i + 1}`;
      row.querySelector('[data-ref="error"]').dataset.field = `questions[${i}]`;
      row.querySelector('[data-ref="remove"]').textContent = `Удалить вопрос ${i + 1}`;
    });
  }

  /** @returns {TopicInput} */
  input() {
    const { refs } = this;
    return {
      title: refs.name.value.trim(),
      videos: [...refs.videos.children]
        .map((row) => ({ title: row.querySelector('[data-ref="title"]').value.trim(), url: row.querySelector('[data-ref="url"]').value.trim() }))
        .filter((v) => v.title || v.url),
      questions: [...refs.questions.children].map((row) => row.querySelector('textarea').value.trim()).filter(Boolean),
      assignment: refs.assignment.value.trim(),
      publish: this.publishMode(),
    };
  }

  /** Copies the form to the device (debounced) and relabels the save button. */
  changed() {
    this.saveLabel();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      try {
        localStorage.setItem(this.key, JSON.stringify({ input: this.input(), baseEtag: this.etag, at: new Date().toISOString() }));
      } catch { /* storage full or off: the form still works */ }
    }, 400);
  }

  /** Offers unsaved text from this device, if it differs from the server's topic. */
  offerRestore() {
    /** What `keep` wrote (parsed JSON of an earlier page, read field by field). @type {{ input?: TopicInput, at: string, baseEtag: string | null } | null} */
    let local = null;
    try {
      local = JSON.parse(localStorage.getItem(this.key) ?? 'null');
    } catch {
      local = null;
    }
    if (!local?.input) return;
    const server = this.topic ? fromView(this.topic) : null;
    if (server && same(local.input, server)) {
      localStorage.removeItem(this.key);
      return;
    }
    const { root, refs } = clone('t-topic-restore');
    refs.text.textContent = `На этом устройстве есть несохранённые правки темы (${shortDateTime(local.at, this.session.timeZone)}).`
      + (this.topic && local.baseEtag !== this.etag ? ' С тех пор тему сохраняли: сравните перед сохранением.' : '');
    refs.restore.addEventListener('click', () => {
      this.fill(/** @type {TopicInput} */ (local.input));
      root.remove();
      this.refs.name.focus();
    });
    refs.drop.addEventListener('click', () => {
      localStorage.removeItem(this.key);
      root.remove();
    });
    this.refs.restore.replaceChildren(root);
  }

  /**
   * Saves the topic. When the save would tell people at once — publishing now, or correcting a published topic —
   * the server first says how many will be told and the coordinator confirms in a dialog; cancelling sends nothing.
   * @param {string | null} ifMatch
   */
  async save(ifMatch) {
    const { refs } = this;
    this.clearErrors();
    refs.conflict.replaceChildren();
    const input = this.input();
    if (input.title.length < 3) {
      this.showErrors({ title: ['Название темы: от 3 до 300 символов.'] });
      return;
    }
    const button = /** @type {HTMLButtonElement} */ (refs.save);
    const label = button.textContent;
    button.disabled = true;
    button.textContent = 'Проверяем…';
    /** @type {import('./types.js').TopicPreview} */
    let preview;
    try {
      preview = await cycleApi.previewTopic(this.session.mun, this.week, input, ifMatch);
    } catch (e) {
      button.disabled = false;
      button.textContent = label;
      this.failed(e, input);
      return;
    }
    if (preview.notifies && !(await this.confirm(preview))) {
      button.disabled = false;
      button.textContent = label;
      this.announce('Ничего не отправлено: тема не сохранена, правки остались в форме.');
      return;
    }
    button.textContent = preview.effect === 'publish' ? 'Публикуем…' : 'Сохраняем…';
    try {
      const saved = await cycleApi.saveTopic(this.session.mun, this.week, input, ifMatch);
      this.topic = saved;
      this.etag = saved.eTag ?? null;
      clearTimeout(this.timer);
      localStorage.removeItem(this.key);
      this.refs.restore.replaceChildren();
      this.showState();
      const effect = preview.effect;
      this.announce(effect === 'publish' ? 'Тема опубликована: школы видят её и получили уведомление.'
        : effect === 'correction' ? 'Исправление сохранено: школы видят новую версию и получили уведомление «Исправление».'
          : effect === 'unchanged' ? 'Тема не изменилась: уведомлений не было.'
            : saved.state === 'scheduled' ? `Публикация запланирована: ${shortDateTime(/** @type {string} */ (saved.publishedAt), this.session.timeZone)}.`
              : saved.state === 'published' ? 'Тема опубликована: школы видят её и получили уведомление.' : 'Черновик сохранён: школы его не видят.');
    } catch (e) {
      this.failed(e, input);
    } finally {
      button.disabled = false;
      if (button.textContent === 'Сохраняем…' || button.textContent === 'Публикуем…') button.textContent = label;
      this.saveLabel();
    }
  }

  /**
   * @param {unknown} e ApiError
   * @param {TopicInput} input
   */
  failed(e, input) {
    const error = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (e);
    if (error?.status === 409 && error.problem?.current) this.conflict(error.problem.current, input);
    else if (error?.status === 400 && Object.keys(error.errors ?? {}).length > 0) this.showErrors(error.errors);
    else this.refs.summary.replaceChildren(errorBox(error));
  }

  /**
   * Asks, in a dialog on the page, whether to tell the people the server counted. Resolves true to go on.
   * @param {import('./types.js').TopicPreview} preview
   * @returns {Promise<boolean>}
   */
  confirm(preview) {
    const { root, refs } = clone('t-topic-confirm');
    const dialog = /** @type {HTMLDialogElement} */ (root);
    const correction = preview.effect === 'correction';
    refs.title.textContent = correction ? 'Сохранить исправление и сообщить о нём?' : 'Опубликовать тему сейчас?';
    refs.text.textContent = preview.message;
    if (correction && preview.changes.length > 0) {
      refs.changes.hidden = false;
      for (const c of preview.changes) refs.changes.append(el('li', '', `Изменено: ${c}`));
    }
    refs.note.textContent = correction
      ? 'Уведомление придёт с пометкой «Исправление»; прежний текст темы сохранится в её истории.'
      : 'После публикации тему можно исправить: об исправлении получат уведомление те же люди.';
    refs.yes.textContent = correction ? 'Сохранить и сообщить' : 'Опубликовать';
    const opener = /** @type {HTMLElement} */ (this.refs.save);
    return new Promise((resolve) => {
      let answer = false;
      refs.yes.addEventListener('click', () => { answer = true; dialog.close(); });
      refs.no.addEventListener('click', () => dialog.close());
      dialog.addEventListener('close', () => {
        dialog.remove();
        opener.focus();
        resolve(answer);
      });
      document.body.append(dialog);
      dialog.showModal();
      /** @type {HTMLElement} */ (refs.no).focus();
    });
  }

  /** @param {string} message */
  announce(message) {
    const status = /** @type {HTMLElement} */ (this.refs.status);
    status.textContent = message;
    status.className = 'success';
    status.focus();
  }

  clearErrors() {
    for (const e of this.refs.form.querySelectorAll('.field-error')) {
      e.textContent = '';
      e.hidden = true;
    }
    for (const f of this.refs.form.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
    this.refs.summary.replaceChildren();
  }

  /**
   * Field errors next to their fields, and all of them in a summary at the top.
   * @param {Record<string, string[]>} errors
   */
  showErrors(errors) {
    const { refs } = this;
    const summary = el('div', 'error-box');
    summary.setAttribute('role', 'alert');
    summary.append(el('p', 'error-title', 'Тема не сохранена: проверьте поля.'));
    const list = el('ul');
    /** @type {HTMLElement | null} */
    let first = null;
    for (const [key, messages] of Object.entries(errors)) {
      const slot = /** @type {HTMLElement | null} */ (refs.form.querySelector(`[data-field="${CSS.escape(key)}"]`));
      const text = messages.join(' ');
      list.append(el('li', '', text));
      if (slot) {
        slot.textContent = text;
        slot.hidden = false;
        const field = /** @type {HTMLElement | null} */ (slot.previousElementSibling);
        if (field && /^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName)) {
          field.setAttribute('aria-invalid', 'true');
          first ??= field;
        }
      }
    }
    summary.append(list);
    refs.summary.replaceChildren(summary);
    (first ?? summary).focus?.();
    if (!first) summary.scrollIntoView({ block: 'center' });
  }

  /**
   * Someone saved the topic in between: show what differs and let the coordinator keep either version.
   * @param {TopicView} current the server's
   * @param {TopicInput} mine
   */
  conflict(current, mine) {
    const { root, refs } = clone('t-topic-conflict');
    refs.text.textContent = `Тему уже изменил(а) ${current.updatedByName} (${shortDateTime(current.updatedAt, this.session.timeZone)}). `
      + 'Ваши правки не сохранены, они остаются в форме.';
    const theirs = fromView(current);
    /** @type {[string, string, string][]} */
    const diffs = [];
    if (theirs.title !== mine.title) diffs.push(['Название', mine.title, theirs.title]);
    if (JSON.stringify(theirs.videos) !== JSON.stringify(mine.videos)) {
      diffs.push(['Видеосеминары', mine.videos.map((v) => v.title).join('; ') || '—', theirs.videos.map((v) => v.title).join('; ') || '—']);
    }
    if (JSON.stringify(theirs.questions) !== JSON.stringify(mine.questions)) {
      diffs.push(['Вопросы для обсуждения', mine.questions.join(' / ') || '—', theirs.questions.join(' / ') || '—']);
    }
    if (theirs.assignment !== mine.assignment) diffs.push(['Техническое задание', mine.assignment || '—', theirs.assignment || '—']);
    if (current.state !== this.topic?.state) diffs.push(['Состояние', stateText[/** @type {string} (undefined: no topic yet) */ (this.topic?.state)] ?? 'новая', stateText[current.state] ?? current.state]);
    for (const [what, a, b] of diffs) {
      const li = el('li');
      li.append(el('strong', '', `${what}: `), el('span', '', `у вас — «${a}»; на сервере — «${b}»`));
      refs.diff.append(li);
    }
    if (diffs.length === 0) refs.diff.append(el('li', '', 'Содержимое совпадает с вашим: можно просто сохранить.'));
    refs.keep.addEventListener('click', () => {
      this.topic = current;
      this.etag = current.eTag ?? null;
      this.showState();
      this.save(this.etag);
    });
    refs.take.addEventListener('click', () => {
      this.topic = current;
      this.etag = current.eTag ?? null;
      this.fill(theirs);
      localStorage.removeItem(this.key);
      root.remove();
      this.showState();
      this.announce('В форме — версия с сервера.');
    });
    this.refs.conflict.replaceChildren(root);
    root.focus();
  }
}

/**
 * @param {TopicView} view
 * @returns {TopicInput}
 */
function fromView(view) {
  return {
    title: view.title,
    videos: view.videos.map((v) => ({ title: v.title ?? '', url: v.url ?? '' })),
    questions: [...view.questions],
    assignment: view.assignment ?? '',
    publish: view.state === 'draft' ? 'Draft' : 'AtPublishStep',
  };
}

/** @param {TopicInput} a @param {TopicInput} b */
function same(a, b) {
  return a.title === b.title && a.assignment === b.assignment
    && JSON.stringify(a.videos) === JSON.stringify(b.videos) && JSON.stringify(a.questions) === JSON.stringify(b.questions);
}
