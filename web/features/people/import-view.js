// @ts-check
// Setting up the municipality from one workbook (#/people-import, the coordinator): the template to download, a
// filled file checked first (every bad cell with its address and reason, nothing stored), then imported.

import { ApiError } from '../../js/api.js';
import { busy, clone, el, errorBox, saveFile } from '../../js/dom.js';
import { plural } from '../../js/format.js';
import { peopleApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 */
export function showImport(main, session) {
  const { root, refs } = clone('t-people-import');
  document.title = 'Школы и люди из Excel — MethodDays';
  main.replaceChildren(root);
  const file = /** @type {HTMLInputElement} */ (refs.file);
  const show = (/** @type {Node[]} */ ...nodes) => refs.result.replaceChildren(...nodes);
  if (session.me.member.role !== 'Coordinator') {
    show(el('p', 'notice', 'Школы и людей из файла загружает муниципальный координатор.'));
    for (const b of root.querySelectorAll('button, input')) /** @type {HTMLButtonElement} */ (b).disabled = true;
    return;
  }

  refs.template.addEventListener('click', () => busy(refs.template, 'Готовим файл…', async () => {
    try {
      const f = await peopleApi.importTemplate(session.mun);
      if (f.blob) saveFile(f.blob, f.fileName);
    } catch (e) {
      show(errorBox(e));
    }
  }));
  file.addEventListener('change', () => show());

  refs.check.addEventListener('click', () => busy(refs.check, 'Проверяем…', async () => {
    const chosen = file.files?.[0];
    if (!chosen) {
      show(el('p', 'field-error', 'Выберите заполненный файл .xlsx.'));
      file.focus();
      return;
    }
    try {
      const report = await peopleApi.importPeople(session.mun, chosen, true);
      const panel = reportPanel(report);
      const go = el('button', 'button primary', 'Загрузить в MethodDays');
      go.type = 'button';
      go.addEventListener('click', () => busy(go, 'Загружаем…', async () => {
        try {
          const done = await peopleApi.importPeople(session.mun, chosen, false);
          const ok = reportPanel(done);
          const back = el('a', 'button secondary', 'К списку людей и школ');
          back.href = '#/people';
          ok.append(back);
          show(ok);
          file.value = '';
        } catch (e) {
          show(failure(e));
        }
      }));
      panel.append(go);
      show(panel);
      go.focus();
    } catch (e) {
      show(failure(e));
    }
  }));
}

/**
 * What the file adds and changes (or, after the import, added and changed).
 * @param {import('./types.js').ImportReport} report
 */
function reportPanel(report) {
  const panel = el('section', report.dryRun ? 'panel notice' : 'panel success');
  panel.setAttribute('role', 'status');
  const counts = (/** @type {import('./types.js').ImportCounts} */ c) => `новых ${c.created}, изменится ${c.updated}, без изменений ${c.unchanged}`;
  const done = (/** @type {import('./types.js').ImportCounts} */ c) => `добавлено ${c.created}, изменено ${c.updated}, без изменений ${c.unchanged}`;
  panel.append(
    el('h2', '', report.dryRun ? 'Проверка пройдена: ошибок нет' : 'Файл загружен'),
    el('p', '', report.dryRun
      ? `Школы: ${counts(report.schools)}. Люди: ${counts(report.people)}. Пока ничего не сохранено.`
      : `Школы: ${done(report.schools)}. Люди: ${done(report.people)}.`),
  );
  if (report.changes.length > 0) {
    const list = el('ul', 'people-list');
    for (const c of report.changes) {
      const what = c.action === 'created' ? (report.dryRun ? 'будет добавлен(а)' : 'добавлен(а)') : (report.dryRun ? 'изменится' : 'изменён(а)');
      list.append(el('li', 'people-item', `${c.sheet}, строка ${c.row}: ${c.name} (${c.id}) — ${what}`));
    }
    panel.append(list);
  }
  return panel;
}

/**
 * A refused file: every bad cell with its reason, or the one reason the file was not read.
 * @param {unknown} e
 */
function failure(e) {
  const cells = e instanceof ApiError && Array.isArray(e.problem?.errors) ? /** @type {{ cell: string, reason: string }[]} */ (e.problem.errors) : [];
  if (cells.length === 0) return errorBox(e);
  const box = el('section', 'error-box');
  box.setAttribute('role', 'alert');
  box.append(el('h2', '', `В файле ${cells.length} ${plural(cells.length, 'ошибка', 'ошибки', 'ошибок')}: ничего не сохранено`),
    el('p', '', 'Исправьте отмеченные ячейки и проверьте файл ещё раз.'));
  const table = el('table', 'data-table');
  const head = el('tr');
  head.append(el('th', '', 'Ячейка'), el('th', '', 'Что не так'));
  table.append(head);
  for (const c of cells) {
    const row = el('tr');
    row.append(el('td', '', c.cell), el('td', '', c.reason));
    table.append(row);
  }
  box.append(table);
  return box;
}
