// @ts-check
// An item of a school's plan of targeted help: its card (status in words, due date, overdue, what it answers, the
// history of status changes) and the form that adds or edits it. The form's text is kept on the device while it is
// open, an edit goes with the item's ETag, and a 409 shows the other person's version beside ours.

import { ApiError } from '../../js/api.js';
import { busy, clone, el } from '../../js/dom.js';
import { formatDateTime, monthName } from '../../js/format.js';
import { progressApi } from './api.js';
import { FieldSlots } from './fields.js';
import { fullDayName, helpStatusNames, uid } from './format.js';

/**
 * @typedef {{ action: string, responsible: string, dueDate: string, status: string, notes: string, statusComment: string, recipient?: string }} ItemValues
 * @typedef {{ values: ItemValues, base: ItemValues, baseEtag: string | null, id: string }} ItemCopy
 * @typedef {import('./types.js').HelpItemView} HelpItemView
 */

/**
 * @param {HelpItemView} item
 * @param {string} timeZone
 * @param {{ schoolHash?: string | null, schoolName?: string | null }} [options]
 */
export function itemCard(item, timeZone, options = {}) {
  const { root, refs } = clone('t-hp-item');
  refs.status.textContent = item.statusLabel ?? helpStatusNames[item.status] ?? item.status;
  refs.status.className = `badge hp-status ${item.status}`;
  refs.overdue.textContent = item.overdue ? '! просрочено' : '';
  refs.action.textContent = item.action;
  refs.action.id = uid('hp-action');
  root.setAttribute('aria-labelledby', refs.action.id);
  root.classList.toggle('overdue', Boolean(item.overdue));
  if (options.schoolName) {
    const school = options.schoolHash ? el('a', '', options.schoolName) : el('span', '', options.schoolName);
    if (school instanceof HTMLAnchorElement && options.schoolHash) school.href = options.schoolHash;
    refs.school.append(school);
  } else {
    refs.school.remove();
  }
  refs.due.textContent = fullDayName(item.dueDate);
  refs.responsible.textContent = item.responsible;
  if (item.recipient) refs.recipient.textContent = item.recipient.label;
  else {
    refs['recipient-label'].remove();
    refs.recipient.remove();
  }
  if (item.source) {
    const link = el('a', '', item.source.requestTopic
      ? `запрос «${item.source.requestTopic}» из листа продвижения за ${monthName(item.source.month)}`
      : `лист продвижения за ${monthName(item.source.month)}`);
    link.href = `#/progress/${item.schoolId}/${item.source.month}`;
    refs.source.append(link);
  } else if (!item.visit) {
    refs['source-label'].remove();
    refs.source.remove();
  }
  if (item.visit) {
    // Made from a finding of a school visit's report: back to that report.
    const visit = el('a', '', `по итогам посещения ${fullDayName(item.visit.date)}`);
    visit.href = `#/visit/${encodeURIComponent(item.visit.visitId)}/report`;
    if (item.source) refs.source.append('; ');
    refs.source.append(visit);
  }
  if (item.notes) refs.notes.textContent = item.notes;
  else {
    refs['notes-label'].remove();
    refs.notes.remove();
  }
  refs.stamps.textContent = `Добавлен: ${item.created.name}, ${formatDateTime(item.created.at, timeZone)}.`
    + (item.updated.at !== item.created.at ? ` Изменён: ${item.updated.name}, ${formatDateTime(item.updated.at, timeZone)}.` : '');
  const history = item.history ?? [];
  refs['history-summary'].textContent = `История статусов (${history.length})`;
  for (const h of history) {
    const li = el('li');
    const what = h.from ? `${helpStatusNames[h.from] ?? h.from} → ${helpStatusNames[h.to] ?? h.to}` : `добавлен: ${helpStatusNames[h.to] ?? h.to}`;
    li.append(el('strong', '', what), el('span', 'muted', ` — ${h.byName}, ${formatDateTime(h.at, timeZone)}`));
    if (h.comment) li.append(el('span', 'block pg-text', h.comment));
    refs.history.append(li);
  }
  if (history.length === 0) refs['history-box'].remove();
  return { root, refs };
}

const LEADERSHIP = 'Руководители школы';

/**
 * The form's value of whom an item is for: "leadership" or "teacher:{id}".
 * @param {HelpItemView} item
 */
export function recipientValue(item) {
  return item?.recipient?.kind === 'teacher' ? `teacher:${item.recipient.teacherId}` : 'leadership';
}

/**
 * Adds the school's teachers to the recipient list and chooses `wanted()` (a teacher already chosen who has left the
 * list stays chosen, marked so).
 * @param {string} mun @param {string} school @param {HTMLSelectElement} select @param {() => string} wanted
 */
async function staffOptions(mun, school, select, wanted) {
  const wait = new Option('Загружаем список педагогов…', '');
  wait.disabled = true;
  select.append(wait);
  try {
    const list = await progressApi.staff(mun, school);
    const chosen = wanted();
    const chosenText = [...select.options].find((o) => o.value === chosen)?.text;
    for (const o of [...select.options]) if (o.value.startsWith('teacher:')) o.remove();
    for (const t of list.teachers) select.append(new Option(`Педагог: ${t.fullName}`, `teacher:${t.id}`));
    if (list.teachers.length === 0) select.append(Object.assign(new Option('В списке педагогов школы пока никого нет', ''), { disabled: true }));
    if (chosen.startsWith('teacher:') && ![...select.options].some((o) => o.value === chosen)) {
      select.append(new Option(`${chosenText ?? `Педагог: ${chosen.slice(8)}`} (нет в списке школы)`, chosen));
    }
    select.value = chosen;
    if (select.selectedIndex < 0) select.value = 'leadership';
  } catch {
    select.append(Object.assign(new Option('Список педагогов не загрузился', ''), { disabled: true }));
  } finally {
    wait.remove();
  }
}

/** @param {string} key */
function readCopy(key) {
  try {
    const text = localStorage.getItem(key);
    return text ? /** @type {ItemCopy} */ (JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

/** @param {string} key @param {ItemCopy | null} copy */
function writeCopy(key, copy) {
  try {
    if (copy) localStorage.setItem(key, JSON.stringify(copy));
    else localStorage.removeItem(key);
  } catch { /* storage full or off: the form still works */ }
}

/**
 * The add / edit form.
 * @param {{ mun: string, school: string, timeZone: string, me: string, item: HelpItemView | null, id: string, storageKey: string,
 *   initial: ItemValues, source: { month: string, requestId: string | null, label: string } | null,
 *   onSaved: (item: HelpItemView) => void, onCancel: () => void }} options
 * @returns {HTMLElement}
 */
export function itemForm(options) {
  const { root, refs } = clone('t-hp-form');
  const editing = options.item !== null;
  refs.title.textContent = editing ? 'Изменить пункт плана' : 'Новый пункт плана';
  refs.save.textContent = editing ? 'Сохранить изменения' : 'Добавить в план';
  const slots = new FieldSlots();
  let etag = options.item?.eTag ?? null;
  let source = options.source;

  const stored = readCopy(options.storageKey);
  const id = stored?.id ?? options.id;
  if (stored && stored.baseEtag) etag = stored.baseEtag;
  const values = stored?.values ?? options.initial;
  /** What the form started from: tells which fields this person changed when someone else saved meanwhile. */
  let base = stored?.base ?? options.initial;
  if (stored && JSON.stringify(stored.values) !== JSON.stringify(options.initial)) {
    refs.restored.hidden = false;
    refs.discard.addEventListener('click', () => {
      writeCopy(options.storageKey, null);
      etag = options.item?.eTag ?? null;
      base = options.initial;
      fill(options.initial);
      refs.restored.hidden = true;
    });
  }

  /** @param {string} key @param {string} label @param {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} control */
  const field = (key, label, control) => {
    const box = slots.field(key, label, control);
    control.addEventListener('input', () => { slots.clear(key); keep(); });
    control.addEventListener('change', () => { slots.clear(key); keep(); });
    refs.fields.append(box);
    return box;
  };
  const action = document.createElement('textarea');
  action.rows = 3;
  action.maxLength = 1000;
  const responsible = document.createElement('input');
  responsible.type = 'text';
  responsible.maxLength = 300;
  const due = document.createElement('input');
  due.type = 'date';
  // Whom the help is for: the school's leadership or a teacher of its staff list (loaded as the form opens).
  const recipient = document.createElement('select');
  recipient.append(new Option(LEADERSHIP, 'leadership'));
  const current = options.item?.recipient;
  if (current?.kind === 'teacher') recipient.append(new Option(`Педагог: ${current.name ?? current.teacherId}`, `teacher:${current.teacherId}`));
  /** The choice to make once the teachers are listed (a restored copy may name one not listed yet). */
  let wanted = 'leadership';
  recipient.addEventListener('change', () => { wanted = recipient.value; });
  const status = document.createElement('select');
  for (const [value, label] of Object.entries(helpStatusNames)) status.append(new Option(label, value));
  const comment = document.createElement('textarea');
  comment.rows = 2;
  comment.maxLength = 500;
  const notes = document.createElement('textarea');
  notes.rows = 3;
  notes.maxLength = 4000;
  field('action', 'Мероприятие помощи', action);
  field('recipient', 'Кому адресована помощь', recipient);
  field('responsible', 'Ответственный (ФИО, должность или организация)', responsible);
  field('dueDate', 'Срок выполнения', due);
  const statusBox = field('status', 'Статус', status);
  const commentBox = field('statusComment', 'Комментарий к смене статуса (необязательно)', comment);
  field('notes', 'Примечания (необязательно)', notes);
  statusBox.hidden = !editing;
  const drawComment = () => { commentBox.hidden = !editing || status.value === options.item?.status; };
  status.addEventListener('change', drawComment);

  /** @param {ItemValues} v */
  function fill(v) {
    action.value = v.action;
    responsible.value = v.responsible;
    due.value = v.dueDate;
    status.value = v.status;
    comment.value = v.statusComment;
    notes.value = v.notes;
    wanted = v.recipient ?? 'leadership';
    recipient.value = wanted;
    if (recipient.selectedIndex < 0) recipient.value = 'leadership';
    drawComment();
  }
  /** @returns {ItemValues} */
  const read = () => ({
    action: action.value, responsible: responsible.value, dueDate: due.value, status: status.value, notes: notes.value, statusComment: comment.value,
    recipient: recipient.value,
  });
  const keep = () => writeCopy(options.storageKey, { values: read(), base, baseEtag: etag, id });
  fill(values);
  staffOptions(options.mun, options.school, recipient, () => wanted);

  function drawSource() {
    refs['source-box'].hidden = !source;
    refs.source.textContent = source ? `Основание: ${source.label}` : '';
  }
  drawSource();
  refs.unlink.addEventListener('click', () => {
    source = null;
    drawSource();
  });

  async function save() {
    const v = read();
    const input = {
      action: v.action, responsible: v.responsible, dueDate: v.dueDate, notes: v.notes.trim() || null,
      source: source ? { month: source.month, requestId: source.requestId } : null,
      recipient: v.recipient?.startsWith('teacher:') ? { kind: 'teacher', teacherId: v.recipient.slice(8) } : { kind: 'leadership', teacherId: null },
      ...(editing ? { status: v.status, statusComment: v.statusComment.trim() || null } : { id }),
    };
    refs.error.hidden = true;
    slots.show({});
    try {
      const saved = editing
        ? await progressApi.updateItem(options.mun, options.school, /** @type {HelpItemView} */ (options.item).id, input, etag ?? /** @type {HelpItemView} */ (options.item).eTag)
        : await progressApi.addItem(options.mun, options.school, input);
      writeCopy(options.storageKey, null);
      options.onSaved(saved);
    } catch (e) {
      failed(e);
    }
  }

  /** @param {unknown} e */
  function failed(e) {
    const error = e instanceof ApiError ? e : new ApiError(0, 'Не сохранено', String(e));
    if (error.status === 409 && error.problem?.current && editing) {
      conflict(error.problem.current, error);
      return;
    }
    slots.show(error.errors);
    const unplaced = Object.keys(error.errors).some((key) => !slots.slotFor(key));
    const fields = Object.keys(error.errors).length > 0 && !unplaced;
    refs.error.textContent = fields ? 'Исправьте отмеченные поля.'
      : [error.title, error.detail, ...Object.values(error.errors).flat()].filter(Boolean).join('. ');
    if (error.offline) refs.error.textContent += ' Введённое сохранено на этом устройстве — сохраните ещё раз, когда связь вернётся.';
    refs.error.hidden = false;
    /** @type {HTMLElement | null} */ (root.querySelector('[aria-invalid="true"]'))?.focus();
  }

  /**
   * Someone saved the item since this form opened. Fields only they changed come into the form; fields both changed
   * are listed side by side; the user saves their version (with the new ETag) or takes the server's.
   * @param {HelpItemView} current @param {ApiError} error
   */
  function conflict(current, error) {
    const { root: panel, refs: parts } = clone('t-conflict');
    /** @type {HTMLElement} */ (panel.querySelector('.error-title')).textContent = 'Пункт изменили, пока вы его редактировали';
    // The other person by name; the reader's own save from another tab is not «someone else».
    const mineElsewhere = current.updated?.personId === options.me;
    parts.text.textContent = `${mineElsewhere ? 'Пункт уже изменён от вашего имени в другом окне или вкладке.' : error.detail} Ваш вариант остался в форме.`;
    const mine = read();
    /** @type {ItemValues} */
    const theirs = {
      action: current.action, responsible: current.responsible, dueDate: current.dueDate, status: current.status, notes: current.notes ?? '', statusComment: '',
      recipient: recipientValue(current),
    };
    /** @type {[keyof ItemValues, string, (v: string) => string][]} */
    const fields = [
      ['action', 'Мероприятие', (v) => v], ['responsible', 'Ответственный', (v) => v],
      ['recipient', 'Кому', (v) => [...recipient.options].find((o) => o.value === v)?.text ?? v],
      ['dueDate', 'Срок', (v) => (v ? fullDayName(v) : '—')], ['status', 'Статус', (v) => helpStatusNames[v] ?? v], ['notes', 'Примечания', (v) => v],
    ];
    let taken = 0;
    let both = 0;
    for (const [key, name, show] of fields) {
      const a = (mine[key] ?? '').trim();
      const b = (theirs[key] ?? '').trim();
      const was = (base[key] ?? '').trim();
      if (a === b) continue;
      const li = el('li');
      if (a === was) {
        // Only the other person changed it: keep their change.
        mine[key] = theirs[key] ?? '';
        taken++;
        li.append(el('strong', '', `${name}: `), el('span', 'diff-values', `взято с сервера — ${show(b) || '—'} (вы это поле не меняли)`));
      } else {
        both++;
        li.append(el('strong', '', `${name}: `), el('span', 'diff-values', `ваш вариант — ${show(a) || '—'}; на сервере — ${show(b) || '—'}`));
      }
      parts.diff.append(li);
    }
    fill(mine);
    base = theirs;
    parts['diff-summary'].textContent = `Изменили оба: ${both}; перенесено с сервера: ${taken}`;
    /** @type {HTMLDetailsElement} */ (parts['diff-box']).open = true;
    parts.keep.textContent = both > 0 ? 'Сохранить мой вариант' : 'Сохранить вместе с их изменениями';
    parts.keep.addEventListener('click', () => busy(parts.keep, 'Сохраняем…', async () => {
      etag = current.eTag;
      options.item = current;
      keep();
      refs.conflict.replaceChildren();
      await save();
    }));
    parts.take.addEventListener('click', () => {
      writeCopy(options.storageKey, null);
      options.onSaved(current);
    });
    refs.conflict.replaceChildren(panel);
    panel.scrollIntoView({ block: 'center' });
  }

  root.addEventListener('submit', (/** @type {Event} */ event) => {
    event.preventDefault();
    busy(refs.save, 'Сохраняем…', save);
  });
  refs.cancel.addEventListener('click', () => {
    writeCopy(options.storageKey, null);
    options.onCancel();
  });
  return root;
}
