// @ts-check
// An observer's protocol of a lesson, on a phone with or without a network: every change goes to the phone at once
// (IndexedDB, store.js) and to the server when it can be reached (sync.js). Someone else's protocol opens read-only.

import { clone, el, errorBox } from '../../js/dom.js';
import { formatDate, formatDateTime, formatTime, plural } from '../../js/format.js';
import { observationApi } from './api.js';
import { compress } from './photo.js';
import { getProtocol, newId, pending, photosOf, protocolKey, putPhoto, putProtocol } from './store.js';
import { baseOf, contentOf, onSync, startSync, syncNow } from './sync.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./api.js').LessonRef} LessonRef */
/** @typedef {import('./store.js').ProtocolRecord} ProtocolRecord */

/** Pause after the last change before sending: fewer requests on a slow line. */
const SEND_DELAY_MS = 1500;

/**
 * «Не отправлено: 2 протокола, 3 фото», or null when everything reached the server.
 * @param {{ protocols: number, photos: number }} p
 */
export function pendingText(p) {
  const parts = [];
  if (p.protocols) parts.push(`${p.protocols} ${plural(p.protocols, 'протокол', 'протокола', 'протоколов')}`);
  if (p.photos) parts.push(`${p.photos} фото`);
  return parts.length ? `Не отправлено: ${parts.join(', ')}` : null;
}

/**
 * The lesson's line under the title: date, class, subject, teacher.
 * @param {import('./types.js').LessonView} lesson
 */
export function lessonLine(lesson) {
  return [formatDate(lesson.date), lesson.className, lesson.subject, lesson.teacherName].filter(Boolean).join(' · ');
}

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {LessonRef} ref
 * @param {string} observer
 * @returns {Promise<() => void>} release
 */
export async function showProtocol(slot, session, ref, observer) {
  const own = observer === session.me.member.personId;
  const key = protocolKey(ref.mun, ref.school, ref.visit, ref.lesson, observer);
  /** @type {ProtocolRecord | undefined} */
  let record = own ? await getProtocol(key).catch(() => undefined) : undefined;
  /** @type {import('./types.js').ProtocolView | null} */
  let server = null;
  /** @type {string | null} */
  let serverEtag = null;
  /** @type {import('../../js/api.js').ApiError | null | undefined} */
  let failure = null;
  try {
    const answer = await observationApi.protocol(ref, observer);
    server = answer.data;
    serverEtag = answer.etag ?? server?.eTag ?? null;
  } catch (e) {
    failure = /** @type {import('../../js/api.js').ApiError} */ (e);
  }
  const view = server ?? record?.server;
  if (!view) {
    slot.replaceChildren(errorBox(failure?.offline
      ? { title: 'Нет связи', detail: 'Этот протокол ещё не открывался на этом телефоне. Откройте его один раз при связи — дальше он будет работать и без неё.' }
      : failure, () => window.dispatchEvent(new HashChangeEvent('hashchange'))));
    return () => {};
  }
  const editable = own && view.permissions?.canEdit === true;
  if (editable && !record) {
    record = {
      key, mun: ref.mun, school: ref.school, visit: ref.visit, lesson: ref.lesson, observer,
      templateVersion: view.templateVersion, content: contentOf(view.content), writtenAt: view.writtenAt ?? new Date().toISOString(),
      base: view.exists ? baseOf(view.content) : null, etag: view.exists ? serverEtag : null, dirty: false, seq: 0, server: view,
    };
    await putProtocol(record).catch(() => {});
  } else if (record && server && !record.dirty) {
    // Nothing waits on the phone: the server's copy (another device's changes included) is the one to show.
    record = { ...record, content: contentOf(server.content), base: server.exists ? baseOf(server.content) : null,
      etag: server.exists ? serverEtag : null, templateVersion: server.templateVersion, server };
    await putProtocol(record).catch(() => {});
  }

  /** @type {import('./types.js').ProtocolTemplate} */
  let template;
  try {
    template = await observationApi.template(ref.mun, record?.templateVersion ?? view.templateVersion);
  } catch (e) {
    slot.replaceChildren(errorBox(e, () => window.dispatchEvent(new HashChangeEvent('hashchange'))));
    return () => {};
  }

  const content = record ? record.content : contentOf(view.content);
  const { root, refs } = clone('t-obs-protocol');
  refs.eyebrow.textContent = `${view.schoolName} · визит`;
  refs.lesson.textContent = `${lessonLine(view.lesson)} · наблюдатель: ${view.observerName}`;
  refs['lesson-link'].href = `#/observe/${encodeURIComponent(ref.school)}/${encodeURIComponent(ref.visit)}/${encodeURIComponent(ref.lesson)}/all`;
  if (template.isDefault) {
    refs['default-note'].hidden = false;
    refs['default-note'].textContent = `${template.title}, версия ${template.version} — протокол по умолчанию: разделы и шкалы предложены MethodDays, муниципалитет адаптирует их и публикует свою версию.`;
  }

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** Writes to the phone go one after another, each over the latest stored record (the sender updates it too). */
  let queue = Promise.resolve();
  const changed = () => {
    queue = queue.then(async () => {
      const stored = (await getProtocol(key)) ?? record;
      if (!stored) return;
      record = { ...stored, content: structuredClone(content), seq: stored.seq + 1, dirty: true, error: null, writtenAt: new Date().toISOString() };
      await putProtocol(record);
    }).catch(() => {});
    queue.then(status);
    clearTimeout(timer);
    timer = setTimeout(() => { queue.then(() => syncNow()); }, SEND_DELAY_MS);
  };

  for (const section of template.sections) {
    const panel = el('section', 'panel');
    panel.setAttribute('aria-label', section.title);
    panel.append(el('h2', undefined, section.title));
    for (const item of section.items) panel.append(itemField(template, item, content, editable, changed, refs));
    refs.sections.append(panel);
  }

  const drawNotes = () => {
    refs.notes.replaceChildren(...content.notes.map((n) => el('li', undefined, `${formatTime(new Date(n.at))} — ${n.text}`)));
    if (content.notes.length === 0) refs.notes.append(el('li', 'muted', 'Заметок пока нет.'));
  };
  drawNotes();
  refs['note-form'].hidden = !editable;
  refs['note-add'].addEventListener('click', () => {
    const text = refs['note-text'].value.trim();
    if (!text) return;
    content.notes.push({ id: newId(), at: new Date().toISOString(), text });
    refs['note-text'].value = '';
    drawNotes();
    changed();
  });

  for (const field of /** @type {const} */ (['strengths', 'problems', 'recommendations'])) {
    const area = /** @type {HTMLTextAreaElement} */ (refs[field]);
    area.value = content[field];
    area.disabled = !editable;
    area.addEventListener('input', () => {
      content[field] = area.value;
      changed();
    });
  }

  /** @param {import('./types.js').ProtocolView} shown the server's last view of the protocol */
  const drawPhotos = async (shown) => {
    const local = await photosOf(key).catch(() => []);
    const sent = shown?.photos ?? [];
    const items = local.map((p) => el('li', p.error ? 'field-error' : undefined,
      `${formatTime(new Date(p.takenAt))} — ${p.error ? `не принято: ${p.error}` : `на телефоне, ${Math.round(p.blob.size / 1024)} КБ, ждёт отправки`}`));
    if (sent.length) items.push(el('li', 'muted', `На сервере: ${sent.length} фото`));
    refs.photos.replaceChildren(...items);
  };
  refs['photo-label'].hidden = !editable;
  refs['photo-input'].addEventListener('change', async () => {
    const input = /** @type {HTMLInputElement} */ (refs['photo-input']);
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const blob = await compress(file);
      await putPhoto({ id: newId(), protocol: key, blob, takenAt: new Date().toISOString() });
      // The protocol goes first: a photo is filed under a protocol the server has.
      if (!record?.etag && !record?.dirty) changed();
      await status();
      syncNow();
    } catch (e) {
      refs.error.hidden = false;
      refs.error.textContent = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (e)?.detail ?? 'Не удалось сохранить фото.';
    }
  });

  async function status() {
    const current = own ? (await getProtocol(key).catch(() => undefined)) ?? record : record;
    const shown = current?.server ?? /** @type {import('./types.js').ProtocolView} */ (view);
    refs.badge.textContent = shown.released ? 'Опубликован для педагога' : shown.exists ? 'Черновик наблюдателя' : 'Новый';
    refs.badge.className = `badge status ${shown.released ? 'submitted' : 'draft'}`;
    refs.stamps.textContent = shown.writtenAt
      ? `Записан ${formatDateTime(shown.writtenAt, session.timeZone)}, получен сервером ${formatDateTime(/** @type {string} */ (shown.receivedAt), session.timeZone)}`
      : '';
    await drawPhotos(shown);
    if (current?.error) {
      refs.error.hidden = false;
      refs.error.textContent = `Сервер не принял протокол: ${current.error}`;
    } else if (refs.error.textContent.startsWith('Сервер не принял')) {
      refs.error.hidden = true;
    }
    if (!own) {
      refs.sync.textContent = '';
      return;
    }
    const waiting = pendingText(await pending().catch(() => ({ protocols: 0, photos: 0 })));
    refs.sync.textContent = waiting
      ? `${navigator.onLine ? 'Отправляем…' : 'Нет связи: всё сохранено на телефоне.'} ${waiting}`
      : 'Всё отправлено на сервер.';
  }

  slot.replaceChildren(root);
  await status();
  const stop = onSync(() => { status(); });
  if (own) startSync();
  return () => {
    clearTimeout(timer);
    stop();
  };
}

/**
 * One item of the protocol: the marks of its scale, or a hint for a note-only item.
 * @param {import('./types.js').ProtocolTemplate} template @param {import('./types.js').ProtocolItem} item
 * @param {import('./store.js').Content} content @param {boolean} editable @param {() => void} changed
 * @param {import('../../js/dom.js').Refs} refs the protocol's elements (the note's field)
 */
function itemField(template, item, content, editable, changed, refs) {
  const scale = template.scales.find((s) => s.id === item.scale);
  const { root, refs: r } = clone('t-obs-item');
  r.text.textContent = item.text;
  if (!scale || scale.values.length === 0) {
    r.choices.remove();
    r.hint.hidden = false;
    r.hint.textContent = 'Пункт без отметки: запишите наблюдение в заметки.';
    if (editable) {
      const button = el('button', 'button secondary', 'Заметка к пункту');
      button.type = 'button';
      button.addEventListener('click', () => {
        refs['note-text'].value = `${item.text}: `;
        refs['note-text'].focus();
      });
      root.append(button);
    }
    return root;
  }
  for (const v of scale.values) {
    const { root: choice, refs: c } = clone('t-obs-choice');
    const input = /** @type {HTMLInputElement} */ (c.input);
    input.name = `mark-${item.id}`;
    input.value = v.value;
    input.checked = content.marks[item.id] === v.value;
    input.disabled = !editable;
    input.setAttribute('aria-label', `${v.value} — ${v.label}`);
    c.value.textContent = v.value;
    c.label.textContent = v.label;
    input.addEventListener('change', () => {
      content.marks[item.id] = v.value;
      changed();
    });
    r.choices.append(choice);
  }
  return root;
}
