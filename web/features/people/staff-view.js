// @ts-check
// A school's staff list (#/staff/{school}): its teachers — with or without a MethodDays account — with subjects,
// position and qualification category; the categories' shares («68 % высшая / 17 % первая / 15 % без категории»);
// adding, editing, removing to the archive (and back); the list from Excel. The school's administration, the
// coordinator and methodists edit; the curator reads; a teacher sees colleagues' names and subjects only.

import { ApiError } from '../../js/api.js';
import { ask } from '../../js/ask.js';
import { busy, clone, el, errorBox, loading, saveFile } from '../../js/dom.js';
import { plural } from '../../js/format.js';
import { peopleApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */

/** @typedef {import('./types.js').TeacherView} TeacherView */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string} schoolId
 */
export async function showStaff(main, session, schoolId) {
  main.replaceChildren(loading('Загружаем список педагогов…'));
  /** @type {import('./types.js').StaffListView} */
  let view;
  try {
    view = await peopleApi.staff(session.mun, schoolId);
  } catch (e) {
    main.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return;
  }
  const { root, refs } = clone('t-staff');
  const school = session.me.schools.find((s) => s.id === schoolId);
  refs.eyebrow.textContent = school?.shortName ?? view.schoolName;
  refs['school-name'].textContent = view.schoolName;
  document.title = `Педагоги — ${school?.shortName ?? view.schoolName} — MethodDays`;
  const wide = ['Coordinator', 'Methodist'].includes(session.me.member.role);
  if (refs.back instanceof HTMLAnchorElement) refs.back.href = wide ? '#/people' : session.homeHash;
  const canEdit = Boolean(view.permissions.canEdit);
  const say = (/** @type {Node | null} */ node) => refs.messages.replaceChildren(...(node ? [node] : []));
  /** @type {TeacherView[]} */
  let teachers = view.teachers;

  async function drawSummary() {
    if (!view.permissions.seesDetails) return;
    try {
      const { summary } = await peopleApi.staffSummary(session.mun, schoolId);
      refs['summary-panel'].hidden = false;
      refs['summary-line'].textContent = summary.total === 0 ? 'В списке пока нет педагогов.' : summary.line;
      refs['summary-counts'].textContent = summary.total === 0 ? ''
        : `${summary.total} ${plural(summary.total, 'педагог', 'педагога', 'педагогов')}: `
          + summary.categories.map((c) => `${c.short} — ${c.count}`).join(', ') + '.';
    } catch {
      refs['summary-panel'].hidden = true;
    }
  }

  function draw() {
    const active = teachers.filter((t) => t.active !== false);
    const archived = teachers.filter((t) => t.active === false);
    refs['list-title'].textContent = `Педагоги (${active.length})`;
    refs.list.replaceChildren(...active.map((t) => line(t)));
    if (active.length === 0) refs.list.append(el('li', 'muted', 'В списке пока нет педагогов.'));
    refs['archive-box'].hidden = archived.length === 0;
    refs['archive-title'].textContent = `В архиве (${archived.length})`;
    refs.archive.replaceChildren(...archived.map((t) => line(t)));
  }

  /** @param {TeacherView} t */
  function line(t) {
    const li = el('li', t.active === false ? 'people-item inactive' : 'people-item');
    li.dataset.teacher = t.id;
    const details = [t.subjects.join(', '), t.categoryLabel, t.position, t.email].filter(Boolean).join(' · ');
    li.append(el('strong', '', t.fullName), el('span', 'muted small', details ? ` · ${details}` : ''));
    if (!canEdit) return li;
    if (t.active === false) {
      li.append(button('Вернуть из архива', `Вернуть из архива: ${t.fullName}`, (b) => busy(b, 'Возвращаем…', () => save(t, { ...input(t), active: true }, `${t.fullName} — снова в списке.`))));
      return li;
    }
    li.append(
      button('Изменить', `Изменить: ${t.fullName}`, () => edit(li, t)),
      button('Убрать из списка', `Убрать из списка: ${t.fullName}`, async (b) => {
        if (await ask(b, `Убрать «${t.fullName}» из списка педагогов школы? Запись уйдёт в архив, её можно будет вернуть.`, 'Да, убрать')) {
          await busy(b, 'Убираем…', () => save(t, { ...input(t), active: false }, `${t.fullName} — в архиве.`));
        }
      }),
    );
    return li;
  }

  /** @param {TeacherView} t @returns {import('./api.js').StaffInput} */
  const input = (t) => ({ fullName: t.fullName, subjects: t.subjects, category: t.category, position: t.position, email: t.email ?? null });

  /**
   * @param {TeacherView | null} t the teacher, or null for a new one (those who edit see its details and ETag)
   * @param {import('./api.js').StaffInput} body
   * @param {string} done
   * @returns {Promise<TeacherView>} the saved teacher (the error is shown and rethrown)
   */
  async function save(t, body, done) {
    try {
      const saved = t ? await peopleApi.saveTeacher(session.mun, schoolId, t.id, body, /** @type {string} */ (t.eTag)) : await peopleApi.addTeacher(session.mun, schoolId, body);
      teachers = [...teachers.filter((x) => x.id !== saved.id), saved].sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
      draw();
      const ok = el('p', 'success', done);
      ok.setAttribute('role', 'status');
      say(ok);
      drawSummary();
      return saved;
    } catch (e) {
      /** @type {TeacherView | null} */
      const current = e instanceof ApiError && e.status === 409 ? e.problem?.current : null;
      if (current) {
        teachers = [...teachers.filter((x) => x.id !== current.id), current];
        draw();
      }
      throw e;
    }
  }

  /** @param {HTMLElement} host @param {TeacherView | null} t */
  function edit(host, t) {
    refs.editor.replaceChildren();
    host.querySelector('form')?.remove();
    const { root: form, refs: f } = clone('t-teacher-form');
    f.title.textContent = t ? `Изменить: ${t.fullName}` : 'Новый педагог';
    for (const c of view.categories) f.category.append(new Option(c.label, c.code));
    f['full-name'].value = t?.fullName ?? '';
    f.subjects.value = (t?.subjects ?? []).join('; ');
    f.category.value = t?.category ?? 'none';
    f.position.value = t?.position ?? 'учитель';
    f.email.value = t?.email ?? '';
    f.cancel.addEventListener('click', () => form.remove());
    form.addEventListener('submit', (/** @type {SubmitEvent} */ event) => {
      event.preventDefault();
      busy(f.save, 'Сохраняем…', async () => {
        clearErrors(form);
        /** @type {import('./api.js').StaffInput} */
        const body = {
          fullName: f['full-name'].value, subjects: f.subjects.value.split(/[;,]/).map((/** @type {string} */ s) => s.trim()).filter(Boolean),
          category: f.category.value, position: f.position.value, email: f.email.value.trim() || null,
        };
        try {
          const saved = await save(t, body, t ? 'Изменения сохранены.' : `${body.fullName.trim()} — в списке педагогов.`);
          form.remove();
          refs.list.querySelector(`[data-teacher="${CSS.escape(saved.id)}"]`)?.scrollIntoView({ block: 'center' });
        } catch (e) {
          showErrors(form, f.messages, e);
        }
      });
    });
    host.append(form);
    /** @type {HTMLElement} */ (f['full-name']).focus();
  }

  if (canEdit) {
    refs['edit-actions'].hidden = false;
    refs['import-panel'].hidden = false;
    refs.add.addEventListener('click', () => edit(refs.editor, null));
    refs.template.addEventListener('click', () => busy(refs.template, 'Готовим файл…', async () => {
      try {
        const file = await peopleApi.staffTemplate(session.mun, schoolId);
        if (file.blob) saveFile(file.blob, file.fileName);
      } catch (e) {
        refs['import-result'].replaceChildren(errorBox(e));
      }
    }));
    refs.import.addEventListener('click', () => busy(refs.import, 'Загружаем…', async () => {
      const file = /** @type {HTMLInputElement} */ (refs.file).files?.[0];
      if (!file) {
        refs['import-result'].replaceChildren(el('p', 'field-error', 'Выберите файл .xlsx.'));
        return;
      }
      try {
        const r = await peopleApi.importStaff(session.mun, schoolId, file);
        const ok = el('p', 'success', `Файл загружен: строк ${r.rows}; добавлено ${r.added}, изменено ${r.updated}, возвращено из архива ${r.restored}, без изменений ${r.unchanged}.`);
        ok.setAttribute('role', 'status');
        refs['import-result'].replaceChildren(ok);
        /** @type {HTMLInputElement} */ (refs.file).value = '';
        teachers = (await peopleApi.staff(session.mun, schoolId)).teachers;
        draw();
        drawSummary();
      } catch (e) {
        refs['import-result'].replaceChildren(importFailure(e));
      }
    }));
  }

  draw();
  main.replaceChildren(root);
  await drawSummary();
}

/**
 * @param {string} text @param {string} label @param {(b: HTMLButtonElement) => void} act
 * @returns {HTMLButtonElement}
 */
function button(text, label, act) {
  const b = /** @type {HTMLButtonElement} */ (el('button', 'link-like', text));
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.addEventListener('click', () => act(b));
  return b;
}

/** A refused file: every bad cell («Ячейка C7 (строка 7, «Категория»): …»). @param {unknown} e */
function importFailure(e) {
  const cells = e instanceof ApiError && Array.isArray(e.problem?.cells) ? /** @type {{ cell: string, message: string }[]} */ (e.problem.cells) : [];
  if (cells.length === 0) return errorBox(e);
  const box = errorBox(e);
  box.setAttribute('role', 'alert');
  const list = el('ul', '');
  for (const c of cells) list.append(el('li', '', c.message));
  box.append(list);
  return box;
}

/** @param {HTMLElement} form */
function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) p.remove();
  for (const f of form.querySelectorAll('.field.invalid')) f.classList.remove('invalid');
}

/**
 * Field errors under their fields (`subjects.1` under «Предметы»), anything else in the message box.
 * @param {HTMLElement} form @param {HTMLElement} box @param {unknown} e
 */
function showErrors(form, box, e) {
  if (!(e instanceof ApiError) || Object.keys(e.errors).length === 0) {
    box.replaceChildren(errorBox(e));
    return;
  }
  box.replaceChildren();
  for (const [key, messages] of Object.entries(e.errors)) {
    const field = form.querySelector(`[data-field="${CSS.escape(key.split('.')[0])}"]`);
    const p = el('p', 'field-error', messages.join(' '));
    p.setAttribute('role', 'alert');
    (field ?? box).append(p);
    field?.classList.add('invalid');
  }
}
