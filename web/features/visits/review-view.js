// @ts-check
// The review of a visit (#/visit/{id}/review), seed 000: «экспертиза нормативно-правовой базы» (the documents the
// school uploads before the visit, in resumable blocks through js/block-upload.js, and the experts' verdicts),
// «анализ различных направлений деятельности школы» (the five directions' findings), experience worth spreading (with
// an invitation to the bank of practices) and the interview with the administration. Each part is saved on its own
// with its ETag; on a conflict the typed text stays in the form and the version saved meanwhile is shown under it, so
// nothing is lost.

import { ApiError, fetchFile, request, sendBytes } from '../../js/api.js';
import { startUpload, tasksFor, unfinished, unfinishedNote, uploadRow } from '../../js/block-upload.js';
import { formatBytes } from '../../js/bytes.js';
import { busy, clone, el, errorBox, loading, saveFile } from '../../js/dom.js';
import { dayName } from './api.js';
import { reviewHistory } from './review-history.js';
import { problemBox } from './visit-view.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').VisitReviewView} VisitReviewView */

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {Session} session @param {string} id */
const base = (session, id) => `/api/municipalities/${seg(session.mun)}/visits/${seg(id)}/review`;

/**
 * A labelled field.
 * @param {string} label
 * @param {HTMLElement} control
 */
function field(label, control) {
  const wrap = el('div', 'field');
  const id = `rv-${Math.random().toString(36).slice(2, 10)}`;
  control.id = id;
  const l = el('label', undefined, label);
  l.htmlFor = id;
  wrap.append(l, control);
  return wrap;
}

/** @param {string} value @param {number} rows @param {number} max */
function area(value, rows = 3, max = 4000) {
  const t = el('textarea');
  t.rows = rows;
  t.maxLength = max;
  t.value = value;
  return t;
}

/** @param {string} text @param {'primary' | 'secondary'} [kind] */
function button(text, kind = 'secondary') {
  const b = el('button', `button ${kind}`, text);
  b.type = 'button';
  return b;
}

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string} id the visit
 */
export async function showReview(main, session, id) {
  const { root, refs } = clone('t-vs-review');
  refs.body.append(loading('Загружаем экспертизу…'));
  main.replaceChildren(root);
  /** @type {VisitReviewView} */
  let v;
  try {
    v = (await request(base(session, id))).data;
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => void showReview(main, session, id)));
    return;
  }
  document.title = `Экспертиза и собеседование: ${v.schoolName} — MethodDays`;
  refs.title.textContent = `Экспертиза и собеседование: ${v.schoolName}`;
  refs.subtitle.textContent = `«Методический день» ${dayName(v.date)}${v.status === 'cancelled' ? ' · отменено' : ''}`;
  const back = /** @type {HTMLAnchorElement | null} */ (root.querySelector('a[href="#/visits"]'));
  if (back) back.href = `#/visit/${seg(id)}`;
  const body = el('div');
  if (!v.findingsVisible) {
    body.append(el('p', 'notice', `Загрузите документы из перечня до посещения. Заключения экспертов, анализ направлений и итоги собеседования станут видны с ${dayName(v.findingsFrom)}.`));
  }
  body.append(documents(session, v), ...(v.findingsVisible ? [directions(session, v), experience(session, v, main), interview(session, v)] : []));
  if (v.can.edit) {
    // The texts written over, for those who write the review; a save adds one, so the panel reads them again.
    const history = reviewHistory(session, v, base(session, id));
    body.append(history.section);
    body.addEventListener('review-saved', history.refresh);
  }
  refs.body.replaceChildren(body);
}

/**
 * Saves a part with its ETag; on a conflict shows the saved version under the form and takes its ETag, so saving
 * again replaces it on purpose.
 * @param {HTMLButtonElement} save
 * @param {HTMLElement} messages
 * @param {string} path
 * @template {{ eTag?: string }} T the part's view (ReviewDocumentView, ReviewDirectionView, ReviewInterviewView)
 * @param {() => object} input the part's body
 * @param {{ etag: string | null }} state
 * @param {(current: T) => string} describe the saved version in words
 * @param {(saved: T) => void} [done]
 */
function saveWith(save, messages, path, input, state, describe, done) {
  save.addEventListener('click', () => void busy(save, 'Сохраняем…', async () => {
    messages.replaceChildren();
    try {
      /** @type {import('../../js/api.js').ApiAnswer<T>} */
      const answer = await request(path, { method: 'PUT', body: input(), ifMatch: state.etag });
      state.etag = answer.etag ?? answer.data?.eTag ?? null;
      messages.replaceChildren(el('p', 'success', 'Сохранено.'));
      messages.dispatchEvent(new CustomEvent('review-saved', { bubbles: true }));
      done?.(answer.data);
    } catch (e) {
      const box = problemBox(e);
      if (e instanceof ApiError && e.status === 409 && e.problem?.current) {
        const current = /** @type {T} */ (e.problem.current);
        state.etag = current.eTag ?? null;
        box.append(el('p', undefined, `Сейчас сохранено: ${describe(current)}`),
          el('p', 'small', 'Ваш текст остался в форме: исправьте его с учётом этой версии и сохраните ещё раз.'));
      }
      messages.replaceChildren(box);
    }
  }));
}

/** @param {Session} session @param {VisitReviewView} v */
function documents(session, v) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, 'Экспертиза нормативно-правовой базы'),
    el('p', 'hint', `Школа загружает документы до посещения: PDF, Word, Excel, OpenDocument или сканы (JPEG, PNG), до ${Math.round(v.maxFileBytes / 1024 / 1024)} МБ каждый. `
      + 'Файлы загружаются частями по 4 МБ: если связь прервётся, загрузка продолжится с того же места.'));
  const list = el('ol', 'plain-list');
  for (const d of v.documents) list.append(documentItem(session, v, d));
  section.append(list);
  return section;
}

/** @param {Session} session @param {VisitReviewView} v @param {import('./types.js').ReviewDocumentView} d */
function documentItem(session, v, d) {
  const li = el('li', 'panel');
  li.setAttribute('aria-label', d.title);
  li.append(el('h3', undefined, d.title));
  if (d.group) li.append(el('p', 'muted small', d.group));
  const status = el('p', undefined, d.provided ? 'Предоставлен' : 'Не предоставлен');
  li.append(status);
  const files = el('ul', 'plain-list');
  const messages = el('div');
  /** @param {import('./types.js').ReviewFileView} f */
  const fileRow = (f) => {
    const row = el('li');
    const link = button(`${f.name} (${formatBytes(f.size)})`);
    link.className = 'link-button';
    link.addEventListener('click', () => void (async () => {
      try {
        const got = await fetchFile(`${base(session, v.visitId)}/documents/${seg(d.code)}/files/${seg(f.id)}`, { fallbackName: f.name });
        if (got.blob) saveFile(got.blob, got.fileName);
      } catch (e) {
        messages.replaceChildren(errorBox(e));
      }
    })());
    row.append(link, el('span', 'muted small', ` · загрузил(а) ${f.uploadedByName}`));
    if (v.can.upload) {
      const remove = button(`Убрать файл «${f.name}»`);
      remove.addEventListener('click', () => void busy(remove, 'Убираем…', async () => {
        try {
          await request(`${base(session, v.visitId)}/documents/${seg(d.code)}/files/${seg(f.id)}`, { method: 'DELETE' });
          row.remove();
          if (files.children.length === 0 && !d.providedOnSite) status.textContent = 'Не предоставлен';
        } catch (e) {
          messages.replaceChildren(errorBox(e));
        }
      }));
      row.append(' ', remove);
    }
    return row;
  };
  for (const f of d.files) files.append(fileRow(f));
  li.append(files);
  if (v.can.upload) li.append(uploader(session, v, d, (saved) => {
    files.append(fileRow(saved));
    status.textContent = 'Предоставлен';
    messages.replaceChildren(el('p', 'success', `Файл «${saved.name}» загружен.`));
  }));
  if (v.findingsVisible) {
    if (v.can.judge) {
      const state = { etag: d.eTag ?? null };
      const verdict = el('select');
      verdict.append(new Option('— заключение не дано —', ''));
      for (const x of v.verdicts) verdict.append(new Option(x.label, x.code, false, x.code === d.verdict));
      const remarks = area(d.remarks);
      const onSite = el('input');
      onSite.type = 'checkbox';
      onSite.checked = d.providedOnSite;
      const onSiteLabel = el('label', 'check');
      onSiteLabel.append(onSite, ` Предоставлен на месте (на бумаге): ${d.title}`);
      const save = button(`Сохранить заключение: ${d.title}`, 'primary');
      li.append(field(`Заключение: ${d.title}`, verdict), field(`Замечания: ${d.title}`, remarks), onSiteLabel, save);
      saveWith(save, messages, `${base(session, v.visitId)}/documents/${seg(d.code)}`,
        () => ({ verdict: verdict.value || null, remarks: remarks.value, providedOnSite: onSite.checked }), state,
        (/** @type {import('./types.js').ReviewDocumentView} */ c) => `${c.verdictLabel ?? 'заключение не дано'}${c.remarks ? `; ${c.remarks}` : ''} (${c.judgedByName ?? ''})`,
        (saved) => { status.textContent = saved.provided ? 'Предоставлен' : 'Не предоставлен'; });
    } else {
      li.append(el('p', undefined, `Заключение: ${d.verdictLabel ?? 'не дано'}`));
      if (d.remarks) li.append(el('p', 'pre-line', `Замечания: ${d.remarks}`));
    }
  }
  li.append(messages);
  return li;
}

/**
 * The file chooser of a document and its uploads in 4 MiB blocks (js/block-upload.js): progress, retries after a
 * dropped connection, refusals with the server's reason, and uploads left unfinished on this device, which continue
 * when the same file is chosen again.
 * @param {Session} session
 * @param {VisitReviewView} v
 * @param {import('./types.js').ReviewDocumentView} d
 * @param {(file: import('./types.js').ReviewFileView) => void} onFile
 */
function uploader(session, v, d, onFile) {
  const box = el('div', 'uploads');
  const url = `${base(session, v.visitId)}/documents/${seg(d.code)}/uploads`;
  const scope = `${session.mun}:visit:${v.visitId}:${d.code}`;
  const input = el('input');
  input.type = 'file';
  input.accept = v.fileExtensions.join(',');
  const notes = el('div');
  const pending = el('div');
  const list = el('ul', 'upload-list');
  /** @type {(() => void)[]} */
  const unsubscribe = [];
  const maxMb = Math.round(v.maxFileBytes / 1024 / 1024);

  /** @param {File} file */
  const refusal = (file) => {
    const dot = file.name.lastIndexOf('.');
    const extension = dot > 0 ? file.name.slice(dot).toLowerCase() : '';
    if (!v.fileExtensions.includes(extension)) {
      return `Файл «${file.name}» не принимается: загрузите документ PDF, Word, Excel, OpenDocument или скан (JPEG, PNG).`;
    }
    if (file.size === 0) return `Файл «${file.name}» пустой.`;
    if (file.size > v.maxFileBytes) return `Файл «${file.name}» больше ${maxMb} МБ: сохраните документ в PDF поменьше или разделите его на части.`;
    return null;
  };

  /** @param {string} id */
  const status = async (id) => (await request(`${url}/${seg(id)}`)).data;
  const showUnfinished = () => {
    pending.replaceChildren(...unfinished(scope).map((s) => unfinishedNote(s, status)));
  };

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    notes.replaceChildren();
    if (!file) return;
    const reason = refusal(file);
    if (reason) {
      const p = el('p', 'notice', reason);
      p.setAttribute('role', 'alert');
      notes.append(p);
      return;
    }
    if (tasksFor(scope).some((t) => t.active && t.file.name === file.name && t.file.size === file.size)) return;
    const task = startUpload({
      scope,
      file,
      onDone: (view) => onFile(/** @type {import('./types.js').ReviewFileView} */ (view.file)),
      endpoints: {
        start: async () => (await request(url, { method: 'POST', body: { fileName: file.name, size: file.size } })).data,
        status,
        sendBlock: (id, index, bytes, options) => sendBytes(`${url}/${seg(id)}/blocks/${index}`, bytes, options),
        complete: async (id) => (await request(`${url}/${seg(id)}/complete`, { method: 'POST' })).data,
      },
    });
    list.append(uploadRow(task, unsubscribe));
    showUnfinished();
  });

  for (const task of tasksFor(scope)) list.append(uploadRow(task, unsubscribe));
  showUnfinished();
  box.append(field(`Загрузить файл: ${d.title}`, input), notes, pending, list);
  return box;
}

/** @param {Session} session @param {VisitReviewView} v */
function directions(session, v) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, 'Анализ направлений деятельности школы'));
  for (const d of v.directions) {
    const block = el('div', 'panel');
    block.append(el('h3', undefined, d.label + (d.planned ? ' (в цели посещения)' : '')));
    const messages = el('div');
    if (v.can.edit) {
      const state = { etag: d.eTag ?? null };
      const strengths = area(d.strengths);
      const problems = area(d.problems);
      const save = button(`Сохранить: ${d.label}`, 'primary');
      block.append(field(`Сильные стороны: ${d.label}`, strengths), field(`Проблемы: ${d.label}`, problems), save);
      saveWith(save, messages, `${base(session, v.visitId)}/directions/${seg(d.code)}`,
        () => ({ strengths: strengths.value, problems: problems.value }), state,
        (/** @type {import('./types.js').ReviewDirectionView} */ c) => `сильные стороны — ${c.strengths || '—'}; проблемы — ${c.problems || '—'} (${c.updatedByName ?? ''})`);
    } else if (d.strengths || d.problems) {
      if (d.strengths) block.append(el('p', 'pre-line', `Сильные стороны: ${d.strengths}`));
      if (d.problems) block.append(el('p', 'pre-line', `Проблемы: ${d.problems}`));
    } else {
      block.append(el('p', 'muted', 'Не анализировалось.'));
    }
    block.append(messages);
    section.append(block);
  }
  return section;
}

/** @param {Session} session @param {VisitReviewView} v @param {HTMLElement} main */
function experience(session, v, main) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, 'Опыт, достойный распространения'));
  const list = el('ul', 'plain-list');
  for (const x of v.experience) {
    const li = el('li');
    li.append(el('p', undefined, `${x.name} (${x.kindLabel})`), el('p', 'pre-line', x.description));
    const messages = el('div');
    if (x.practiceId) {
      const a = el('a', undefined, `Практика в банке: «${x.practiceTitle ?? x.practiceId}»`);
      a.href = `#/practice/${seg(x.practiceId)}`;
      li.append(a);
    } else if (x.invitedAt) {
      li.append(el('p', 'muted small', `Приглашение в банк практик отправлено (${x.invitedByName}); практика ещё не подана.`));
    } else if (v.can.edit) {
      const invite = button(`Пригласить в банк практик: ${x.name}`);
      invite.addEventListener('click', () => void busy(invite, 'Отправляем…', async () => {
        try {
          await request(`${base(session, v.visitId)}/experience/${seg(x.id)}/invitation`, { method: 'POST' });
          await showReview(main, session, v.visitId);
        } catch (e) {
          messages.replaceChildren(problemBox(e));
        }
      }));
      li.append(invite);
    }
    li.append(messages);
    list.append(li);
  }
  if (v.experience.length === 0) list.append(el('li', 'muted', 'Пока не записан.'));
  section.append(list);
  if (v.can.edit) {
    const kind = el('select');
    kind.append(new Option('опыт педагога', 'teacher'), new Option('опыт школы', 'school'));
    const teacher = el('select');
    for (const t of v.teachers) teacher.append(new Option(t.name, t.id));
    const description = area('', 3);
    const teacherField = field('Педагог', teacher);
    kind.addEventListener('change', () => { teacherField.hidden = kind.value !== 'teacher'; });
    const add = button('Добавить опыт', 'primary');
    const messages = el('div');
    add.addEventListener('click', () => void busy(add, 'Сохраняем…', async () => {
      try {
        await request(`${base(session, v.visitId)}/experience`, {
          method: 'POST', body: { kind: kind.value, teacherId: kind.value === 'teacher' ? teacher.value : null, description: description.value },
        });
        await showReview(main, session, v.visitId);
      } catch (e) {
        messages.replaceChildren(problemBox(e));
      }
    }));
    section.append(el('h3', undefined, 'Записать опыт'), field('Чей опыт', kind), teacherField, field('Описание опыта', description), add, messages);
  }
  return section;
}

/** @param {Session} session @param {VisitReviewView} v */
function interview(session, v) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, 'Собеседование с администрацией школы'),
    el('p', 'hint', 'По выявленным проблемным направлениям, а при необходимости и с педагогическим коллективом.'));
  const i = v.interview;
  const messages = el('div');
  if (v.can.edit) {
    const state = { etag: i?.eTag ?? null };
    const date = el('input');
    date.type = 'date';
    date.value = i?.date ?? v.date;
    const participants = area(i?.participants ?? '', 2, 2000);
    const boxes = el('fieldset', 'field');
    boxes.append(el('legend', undefined, 'Проблемные направления'));
    const chosen = new Set((i?.problemDirections ?? []).map((d) => d.code));
    for (const d of v.allDirections) {
      const box = el('input');
      box.type = 'checkbox';
      box.value = d.code;
      box.checked = chosen.has(d.code);
      const label = el('label', 'check');
      label.append(box, ` ${d.label}`);
      boxes.append(label);
    }
    const agreements = area((i?.agreements ?? []).join('\n'), 4, 30 * 1001);
    const save = button('Сохранить собеседование', 'primary');
    section.append(field('Дата собеседования', date), field('Участники собеседования', participants), boxes,
      field('Договорённости (каждая с новой строки)', agreements), save);
    saveWith(save, messages, `${base(session, v.visitId)}/interview`, () => ({
      date: date.value || null,
      participants: participants.value,
      problemDirections: [...boxes.querySelectorAll('input:checked')].map((b) => /** @type {HTMLInputElement} */ (b).value),
      agreements: agreements.value.split('\n').map((s) => s.trim()).filter(Boolean),
    }), state, (/** @type {import('./types.js').ReviewInterviewView} */ c) => `${c.participants || '—'}; договорённости: ${(c.agreements ?? []).join('; ') || '—'} (${c.updatedByName ?? ''})`);
  } else if (i) {
    if (i.date) section.append(el('p', undefined, `Дата: ${dayName(i.date)}`));
    if (i.participants) section.append(el('p', 'pre-line', `Участники: ${i.participants}`));
    if (i.problemDirections.length > 0) {
      section.append(el('h3', undefined, 'Проблемные направления'));
      const ul = el('ul');
      for (const d of i.problemDirections) ul.append(el('li', undefined, d.label));
      section.append(ul);
    }
    section.append(el('h3', undefined, 'Договорённости'));
    const ol = el('ol');
    for (const a of i.agreements) ol.append(el('li', undefined, a));
    if (i.agreements.length === 0) ol.append(el('li', 'muted', 'Нет.'));
    section.append(ol);
  } else {
    section.append(el('p', 'muted', 'Собеседование ещё не записано.'));
  }
  section.append(messages);
  return section;
}
