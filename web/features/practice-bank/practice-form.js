// @ts-check
// The new-practice and edit-practice form. The server checks everything; its problem+json field names (title,
// description, subject, grades, kind, authors, topicWeek, links[0].url, indicators…) put each message under its
// field, with a summary on top. Typed text is kept on this device until it is saved, so a lost connection or a
// closed tab loses nothing. Files are attached on the practice's page once the draft exists.

import { ApiError, request } from '../../js/api.js';
import { bankApi } from './api.js';
import { kindNames } from './format.js';
import { busy, clone, el, errorBox, loading } from '../../js/dom.js';
import { flashNext } from './practice-view.js';
import { allowedList } from './uploads.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./api.js').PracticeInput} PracticeInput */

const KEY = 'methoddays:practice-form:';

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string | null} id null for a new practice
 * @returns {Promise<() => void>}
 */
export async function showPracticeForm(main, session, id) {
  const { mun } = session;
  main.replaceChildren(loading(id ? 'Загружаем практику…' : 'Готовим форму…'));
  /** @type {import('./api.js').PracticeOptions} */
  let options;
  /** @type {import('./api.js').TopicSummary[]} */
  let topics;
  /** @type {import('../../js/api.js').SheetTemplate} */
  let template;
  /** @type {import('./api.js').PracticeView | null} */
  let view = null;
  /** @type {string | null} */
  let etag = null;
  try {
    const [o, t, tpl, answer] = await Promise.all([
      bankApi.options(),
      bankApi.topics(mun).catch(() => []),
      session.template('current'),
      id ? bankApi.get(mun, id) : Promise.resolve(null),
    ]);
    options = o;
    topics = t;
    template = tpl;
    if (answer) {
      view = answer.data;
      etag = answer.etag ?? view.eTag ?? null;
    }
  } catch (e) {
    main.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return () => {};
  }

  const { root, refs } = clone('t-practice-form');
  if (view && !view.can.edit) {
    main.replaceChildren(errorBox(new ApiError(403, 'Изменить нельзя',
      'Практику меняют её автор или администрация школы, пока она черновик или возвращена на доработку.')));
    return () => {};
  }
  const storageKey = `${KEY}${mun}:${id ?? 'new'}`;
  const back = id ? `#/practice/${encodeURIComponent(id)}` : '#/bank';
  refs.back.href = back;
  refs.back.textContent = id ? '← К практике' : '← Банк практик';
  refs.cancel.href = back;
  refs.heading.textContent = id ? 'Изменить практику' : 'Новая практика';
  document.title = `${id ? 'Изменить практику' : 'Новая практика'} — Банк практик — MethodDays`;
  refs.save.textContent = id ? 'Сохранить изменения' : 'Сохранить черновик';
  if (id) {
    refs['files-note'].textContent = 'Файлы прикладываются и убираются на странице практики.';
  } else {
    refs['files-note'].replaceChildren(
      el('p', '', 'Файлы прикладываются после сохранения черновика, на странице практики. Можно приложить:'),
      allowedList(options.upload),
      el('p', '', `Не больше ${options.upload.maxFilesPerPractice} файлов. Исполняемые файлы, архивы и документы с макросами не принимаются.`));
  }

  fillSelect(refs.kind, [['', 'Выберите вид'], ...options.kinds.map((/** @type {string} */ k) => [k, capital(kindNames[k] ?? k)])]);
  fillSelect(refs.subject, [['', 'Выберите предмет'], ...options.subjects.map((/** @type {string} */ s) => [s, s])]);
  fillSelect(refs.topic, [['', 'Без темы ЕМД'],
    ...topics.filter((t) => t.state !== 'draft').map((t) => [t.week, `${t.weekRange}: ${t.title}`])]);
  for (let g = 1; g <= 11; g++) {
    const label = el('label', 'chip');
    const box = el('input');
    box.type = 'checkbox';
    box.name = 'grades';
    box.value = String(g);
    label.append(box, el('span', '', String(g)));
    refs.grades.append(label);
  }
  for (const c of options.competences) {
    const label = el('label', 'check');
    const box = el('input');
    box.type = 'checkbox';
    box.name = 'competences';
    box.value = c.code;
    label.append(box, document.createTextNode(` ${capital(c.label)}`));
    refs.competences.append(label);
  }
  const schools = session.me.schools.filter((s) => session.me.member.schoolIds.includes(s.id));
  if (!id && schools.length > 1) {
    refs['school-field'].hidden = false;
    fillSelect(refs.school, schools.map((s) => [s.id, s.shortName]));
  }
  indicatorPicker(refs.indicators, template);
  refs['add-link'].addEventListener('click', () => {
    const row = linkRow({ title: '', url: '' });
    refs.links.append(row);
    /** @type {HTMLInputElement} */ (row.querySelector('input')).focus();
    renumberLinks();
  });

  /** @returns {PracticeInput} */
  function collect() {
    const form = /** @type {HTMLFormElement} */ (refs.form);
    return {
      title: refs.title.value.trim(),
      description: refs.description.value.trim(),
      topicWeek: refs.topic.value || null,
      subject: refs.subject.value,
      grades: [...form.querySelectorAll('input[name="grades"]:checked')].map((b) => Number(/** @type {HTMLInputElement} */ (b).value)),
      kind: refs.kind.value || null,
      authors: refs.authors.value.split('\n').map((/** @type {string} */ a) => a.trim()).filter(Boolean),
      links: [...refs.links.children].map((row) => ({
        title: /** @type {HTMLInputElement} */ (row.querySelector('[data-ref="title"]')).value.trim(),
        url: /** @type {HTMLInputElement} */ (row.querySelector('[data-ref="url"]')).value.trim(),
      })).filter((l) => l.title || l.url),
      indicators: [...refs.indicators.querySelectorAll('input:checked')].map((b) => /** @type {HTMLInputElement} */ (b).value),
      competences: [...refs.competences.querySelectorAll('input:checked')].map((b) => /** @type {HTMLInputElement} */ (b).value),
    };
  }

  /** @param {PracticeInput} input */
  function fill(input) {
    refs.title.value = input.title ?? '';
    refs.description.value = input.description ?? '';
    refs.kind.value = input.kind ?? '';
    refs.subject.value = input.subject ?? '';
    ensureOption(refs.topic, input.topicWeek ?? '');
    refs.topic.value = input.topicWeek ?? '';
    for (const box of refs.grades.querySelectorAll('input')) box.checked = (input.grades ?? []).includes(Number(box.value));
    refs.authors.value = (input.authors ?? []).join('\n');
    refs.links.replaceChildren(...(input.links ?? []).map(linkRow));
    renumberLinks();
    for (const box of refs.indicators.querySelectorAll('input')) box.checked = (input.indicators ?? []).includes(box.value);
    countIndicators();
    for (const box of refs.competences.querySelectorAll('input')) box.checked = (input.competences ?? []).includes(box.value);
  }

  function renumberLinks() {
    [...refs.links.children].forEach((row, i) => {
      /** @type {HTMLElement} */ (row.querySelector('[data-ref="title-field"]')).dataset.field = `links[${i}].title`;
      /** @type {HTMLElement} */ (row.querySelector('[data-ref="url-field"]')).dataset.field = `links[${i}].url`;
    });
  }

  function countIndicators() {
    const n = refs.indicators.querySelectorAll('input:checked').length;
    refs['indicators-summary'].textContent = `Показатели листа оценки, с которыми помогает практика${n > 0 ? ` (выбрано: ${n})` : ''}`;
  }
  refs.indicators.addEventListener('change', countIndicators);

  /** @type {PracticeInput} */
  const initial = view
    ? { title: view.title, description: view.description, topicWeek: view.topicWeek, subject: view.subject, grades: view.grades,
      kind: view.kind, authors: view.authors, links: view.links, indicators: view.indicators, competences: view.competences ?? [] }
    : { title: '', description: '', topicWeek: null, subject: '', grades: [], kind: '', authors: [session.me.member.displayName], links: [], indicators: [],
      competences: [] };
  fill(initial);

  // Unsaved typing from an earlier visit, if it was based on this same version of the practice.
  const kept = readKept(storageKey);
  if (kept && kept.etag === etag) {
    fill(kept.input);
    const note = el('div', 'notice');
    note.setAttribute('role', 'status');
    const reset = el('button', 'button secondary', 'Вернуть как было');
    reset.type = 'button';
    reset.addEventListener('click', () => {
      forgetKept(storageKey);
      fill(initial);
      note.remove();
    });
    note.append(el('p', '', 'Восстановлены несохранённые правки с этого устройства.'), reset);
    refs.messages.append(note);
  } else if (kept) {
    forgetKept(storageKey);
  }

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let keepTimer;
  refs.form.addEventListener('input', () => {
    clearTimeout(keepTimer);
    keepTimer = setTimeout(() => keep(storageKey, etag, collect()), 400);
  });
  refs.form.addEventListener('click', (/** @type {Event} */ e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    if (target.dataset.ref !== 'remove') return;
    target.closest('li')?.remove();
    renumberLinks();
    keep(storageKey, etag, collect());
  });

  refs.form.addEventListener('submit', (/** @type {Event} */ event) => {
    event.preventDefault();
    clearTimeout(keepTimer);
    const input = collect();
    keep(storageKey, etag, input);
    clearErrors(refs.form);
    busy(refs.save, 'Сохраняем…', async () => {
      try {
        if (id) {
          await bankApi.update(mun, id, input, etag);
          forgetKept(storageKey);
          flashNext('Изменения сохранены.');
          session.navigate(`#/practice/${encodeURIComponent(id)}`);
        } else {
          const created = await bankApi.create(mun, input, refs['school-field'].hidden ? null : refs.school.value);
          await answerInvitation(mun, created.id);
          forgetKept(storageKey);
          flashNext('Черновик сохранён. Теперь приложите файлы и отправьте практику на рассмотрение.');
          session.navigate(`#/practice/${encodeURIComponent(created.id)}`);
        }
      } catch (e) {
        failed(e);
      }
    });
  });

  /** @param {unknown} e */
  function failed(e) {
    const box = errorBox(e);
    if (e instanceof ApiError && e.status === 409) {
      // Someone saved in between: the typing stays in the form and on this device until the person decides.
      const reload = el('button', 'button secondary', 'Загрузить версию с сервера (ваши правки пропадут)');
      reload.type = 'button';
      reload.addEventListener('click', () => {
        forgetKept(storageKey);
        session.navigate(location.hash);
      });
      box.append(reload);
    }
    // Field errors go under their fields too; the summary (role=alert) lists them with a way to reach each.
    if (e instanceof ApiError) showErrors(refs.form, e.errors, box);
    refs.messages.replaceChildren(box);
    box.scrollIntoView({ block: 'start' });
  }

  main.replaceChildren(root);
  return () => clearTimeout(keepTimer);
}

/** @param {string} s */
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * @param {HTMLSelectElement} select
 * @param {string[][]} items [value, text]
 */
function fillSelect(select, items) {
  select.replaceChildren(...items.map(([value, text]) => {
    const o = el('option', '', text);
    o.value = value;
    return o;
  }));
}

/**
 * Keeps a value selectable even when the list no longer offers it (an old topic week).
 * @param {HTMLSelectElement} select
 * @param {string} value
 */
function ensureOption(select, value) {
  if (!value || [...select.options].some((o) => o.value === value)) return;
  const o = el('option', '', value);
  o.value = value;
  select.append(o);
}

/** @param {{ title: string, url: string }} link */
function linkRow(link) {
  const { root, refs } = clone('t-practice-link-row');
  const n = Math.random().toString(36).slice(2, 8);
  refs.title.id = `pl-title-${n}`;
  refs['title-label'].htmlFor = refs.title.id;
  refs.url.id = `pl-url-${n}`;
  refs['url-label'].htmlFor = refs.url.id;
  refs.title.value = link.title ?? '';
  refs.url.value = link.url ?? '';
  return root;
}

/**
 * The 70 indicators as checkboxes by area (the ВПР heading is a caption, not a choice).
 * @param {HTMLElement} host
 * @param {import('../../js/api.js').SheetTemplate} template
 */
function indicatorPicker(host, template) {
  for (const area of template.areas) {
    const set = el('fieldset', 'indicator-area');
    set.append(el('legend', '', `${area.id}. ${area.title}`));
    for (const criterion of area.criteria) {
      for (const item of criterion.items) {
        if (item.scored === false) {
          // The ВПР line is a heading over its subject lines, as on the sheet.
          set.append(el('p', 'check-heading', `${item.id} ${item.text} — по предметам:`));
          continue;
        }
        const label = el('label', 'check');
        const box = el('input');
        box.type = 'checkbox';
        box.value = item.id;
        label.append(box, el('span', 'item-id', item.id), document.createTextNode(` ${item.text}`));
        set.append(label);
      }
    }
    host.append(set);
  }
}

/**
 * Puts each field error under its field (matched by `data-field`) and lists them all in the summary box.
 * @param {HTMLElement} form
 * @param {Record<string, string[]>} errors
 * @param {HTMLElement} box
 */
function showErrors(form, errors, box) {
  if (Object.keys(errors).length === 0) return;
  const list = el('ul', 'error-list');
  for (const [key, messages] of Object.entries(errors)) {
    const text = messages.join(' ');
    const field = /** @type {HTMLElement | null} */ (form.querySelector(`[data-field="${CSS.escape(key)}"]`));
    const li = el('li');
    if (field) {
      const control = /** @type {HTMLElement | null} */ (field.querySelector('input, select, textarea'));
      const p = el('p', 'field-error', text);
      p.id = `err-${key.replace(/[^a-z0-9]/gi, '-')}`;
      field.classList.add('invalid');
      field.append(p);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${p.id}`.trim());
      }
      const go = el('button', 'link-like', text);
      go.type = 'button';
      go.addEventListener('click', () => {
        if (field instanceof HTMLDetailsElement) field.open = true;
        field.scrollIntoView({ block: 'center' });
        control?.focus();
      });
      li.append(go);
    } else {
      li.textContent = text;
    }
    list.append(li);
  }
  box.append(list);
}

/** @param {HTMLElement} form */
function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) p.remove();
  for (const f of form.querySelectorAll('.invalid')) f.classList.remove('invalid');
  for (const c of form.querySelectorAll('[aria-invalid]')) {
    c.removeAttribute('aria-invalid');
    const ids = (c.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && !x.startsWith('err-'));
    if (ids.length > 0) c.setAttribute('aria-describedby', ids.join(' '));
    else c.removeAttribute('aria-describedby');
  }
}

/** @param {string} key @returns {{ etag: string | null, input: PracticeInput } | null} */
function readKept(key) {
  try {
    const text = localStorage.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** @param {string} key @param {string | null} etag @param {PracticeInput} input */
function keep(key, etag, input) {
  try {
    localStorage.setItem(key, JSON.stringify({ etag, input }));
  } catch { /* storage full: the form still works */ }
}

/** @param {string} key */
function forgetKept(key) {
  try {
    localStorage.removeItem(key);
  } catch { /* nothing kept */ }
}

/**
 * A practice written in answer to an invitation of a «Методический день» team (#/practice/new?invitation={visit}.{item}):
 * the visit is told which practice it became. Best effort: the practice is saved whatever the answer.
 * @param {string} mun
 * @param {string} practiceId
 */
async function answerInvitation(mun, practiceId) {
  const invitation = new URLSearchParams(location.hash.split('?')[1] ?? '').get('invitation') ?? '';
  const [visit, item] = invitation.split('.');
  if (!visit || !item) return;
  const seg = encodeURIComponent;
  await request(`/api/municipalities/${seg(mun)}/visits/${seg(visit)}/review/experience/${seg(item)}/practice`, { method: 'POST', body: { practiceId } })
    .catch(() => undefined);
}
