// @ts-check
// #/visit-results[/{year}]: the register of each school's results by school year, entered per school or imported
// from the Excel template (checked whole: the bad cells are listed and nothing is saved).

import { busy, clone, el, errorBox, loading, saveFile } from '../../js/dom.js';
import { visitsApi } from './api.js';
import { problemBox } from './visit-view.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').SchoolResultsInput} SchoolResultsInput */
/**
 * A school's figure of the register (a number field of SchoolResultsInput).
 * @typedef {'qualityPercent' | 'attainmentPercent' | 'olympiadSchoolParticipants' | 'olympiadSchoolWinners'
 *   | 'olympiadHigherParticipants' | 'olympiadHigherWinners' | 'innovationTeachers'} Figure
 */

/** @type {[Figure, string][]} */
const figures = [
  ['qualityPercent', 'Качество знаний, %'], ['attainmentPercent', 'Успеваемость, %'],
  ['olympiadSchoolParticipants', 'ВсОШ, школьный этап: участники'], ['olympiadSchoolWinners', 'ВсОШ, школьный этап: победители и призёры'],
  ['olympiadHigherParticipants', 'ВсОШ, муниципальный этап и выше: участники'], ['olympiadHigherWinners', 'ВсОШ, муниципальный этап и выше: победители и призёры'],
  ['innovationTeachers', 'Педагогов в инновационной деятельности'],
];

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string | null} wanted
 */
export async function showResults(main, session, wanted) {
  const { root, refs } = clone('t-vs-results');
  document.title = 'Результаты школ — MethodDays';
  refs.body.append(loading('Загружаем результаты…'));
  main.replaceChildren(root);
  const month = Number(session.today.slice(5, 7));
  const first = Number(session.today.slice(0, 4)) - (month >= 9 ? 0 : 1);
  const year = wanted ?? `${first}-${first + 1}`;
  const reload = () => showResults(main, session, year);
  try {
    const view = await visitsApi.results(session.mun, year);
    refs.subtitle.textContent = view.yearLabel;
    const pick = el('select');
    pick.setAttribute('aria-label', 'Учебный год');
    for (const y of /** @type {string[]} */ ([...new Set([...view.years, `${first - 1}-${first}`])]).sort().reverse()) pick.append(new Option(y.replace('-', '/'), y));
    pick.value = view.year;
    pick.addEventListener('change', () => session.navigate(`#/visit-results/${pick.value}`));
    const download = el('button', 'button secondary', 'Скачать шаблон .xlsx');
    download.type = 'button';
    download.addEventListener('click', () => void busy(download, 'Готовим…', async () => {
      const file = await visitsApi.template(session.mun, view.year);
      if (file.blob) saveFile(file.blob, file.fileName);
    }));
    const upload = el('input');
    upload.type = 'file';
    upload.accept = '.xlsx';
    upload.setAttribute('aria-label', 'Загрузить заполненный шаблон');
    const report = el('div');
    upload.addEventListener('change', async () => {
      const file = upload.files?.[0];
      if (!file) return;
      report.replaceChildren(loading('Проверяем файл…'));
      try {
        const result = await visitsApi.importResults(session.mun, view.year, file);
        report.replaceChildren(el('p', 'notice', `Загружено: школ ${result.schools}, строк экзаменов ${result.exams}; изменено школ: ${result.changed}.`));
        setTimeout(reload, 1500);
      } catch (e) {
        const box = errorBox(e);
        const list = el('ul', 'error-list');
        const error = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (e);
        for (const c of /** @type {import('./types.js').ImportCellError[]} */ (error?.problem?.cells ?? [])) list.append(el('li', undefined, c.message));
        box.append(list);
        report.replaceChildren(box);
      }
      upload.value = '';
    });
    refs.toolbar.prepend(pick, download, upload);

    const table = el('table', 'summary-table');
    const head = el('tr');
    for (const h of ['Школа', 'ШНОР', 'Качество, %', 'Успеваемость, %', 'ВсОШ: призёры (муниц. и выше)', 'Инновации', 'Экзамены']) head.append(el('th', undefined, h));
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    table.append(thead, tbody);
    const editors = el('div');
    for (const s of view.schools) {
      const tr = el('tr');
      const belowMun = s.exams.filter((x) => x.municipality != null && x.school != null && x.school < x.municipality).length;
      tr.append(el('th', undefined, s.schoolName), el('td', undefined, s.onShnorList ? 'да' : '—'), el('td', undefined, s.qualityPercent ?? '—'),
        el('td', undefined, s.attainmentPercent ?? '—'), el('td', undefined, s.olympiadHigherWinners ?? '—'), el('td', undefined, s.innovationTeachers ?? '—'),
        el('td', undefined, s.exams.length ? `${s.exams.length}, ниже муниципалитета: ${belowMun}` : '—'));
      tbody.append(tr);
      editors.append(editor(session, view.year, s, reload));
    }
    const scroll = el('div', 'table-scroll');
    scroll.append(table);
    refs.body.replaceChildren(report, scroll, el('h2', undefined, 'Внести или исправить по школе'), editors);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, reload));
  }
}

/**
 * @param {Session} session
 * @param {string} year
 * @param {import('./types.js').SchoolResultsView} s
 * @param {() => void} reload
 */
function editor(session, year, s, reload) {
  const details = el('details', 'panel');
  details.append(el('summary', undefined, s.schoolName));
  const form = el('form', 'stack-form');
  const messages = el('div');
  form.append(messages);
  /** @type {Record<string, HTMLInputElement>} */
  const inputs = {};
  for (const [key, label] of /** @type {['shnorFrom' | 'shnorTo' | Figure, string][]} */ ([['shnorFrom', 'В списке ШНОР с (учебный год, «2021-2022»)'], ['shnorTo', 'по (пусто — ещё в списке)'], ...figures])) {
    const input = el('input');
    input.type = key.startsWith('shnor') ? 'text' : 'number';
    input.step = 'any';
    input.value = String(s[key] ?? '');
    const l = el('label', undefined, `${label} `);
    l.append(input);
    inputs[key] = input;
    form.append(l);
  }
  const exams = el('ol', 'edit-rows');
  /** @param {import('./types.js').ExamResult} [x] */
  const addExam = (x) => {
    const li = el('li', 'edit-row');
    const exam = el('select');
    for (const [code, label] of [['OGE', 'ОГЭ'], ['EGE', 'ЕГЭ'], ['VPR', 'ВПР']]) exam.append(new Option(label, code));
    exam.value = x?.exam ?? 'OGE';
    const cells = /** @type {('subject' | 'grade' | 'school' | 'municipality' | 'city')[]} */ (['subject', 'grade', 'school', 'municipality', 'city']).map((k) => {
      const i = el('input');
      i.type = k === 'subject' ? 'text' : 'number';
      i.step = 'any';
      i.value = String(x?.[k] ?? '');
      i.dataset.key = k;
      i.setAttribute('aria-label', { subject: 'Предмет', grade: 'Класс (ВПР)', school: 'Средний школы', municipality: 'Средний муниципалитета', city: 'Средний города' }[k] ?? k);
      i.placeholder = i.getAttribute('aria-label') ?? '';
      return i;
    });
    const remove = el('button', 'button secondary small-button', 'Убрать');
    remove.type = 'button';
    remove.addEventListener('click', () => li.remove());
    li.append(exam, ...cells, remove);
    exams.append(li);
  };
  for (const x of s.exams) addExam(x);
  const add = el('button', 'button secondary', '+ Экзамен');
  add.type = 'button';
  add.addEventListener('click', () => addExam());
  const save = el('button', 'button primary', 'Сохранить');
  save.type = 'submit';
  form.append(el('h3', undefined, 'ОГЭ, ЕГЭ, ВПР: средние результаты'), exams, add, save);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    /** @param {string} v */
    const num = (v) => (v === '' ? null : Number(v));
    // The figures are filled in below, by their names.
    const body = /** @type {SchoolResultsInput} */ (/** @type {Partial<SchoolResultsInput>} */ ({ shnorFrom: inputs.shnorFrom?.value || null, shnorTo: inputs.shnorTo?.value || null }));
    for (const [key] of figures) body[key] = num(inputs[key]?.value ?? '');
    body.exams = [...exams.children].map((li) => {
      /** @type {Record<string, string | number | null>} */
      const x = { exam: /** @type {HTMLSelectElement} */ (li.querySelector('select')).value };
      for (const i of li.querySelectorAll('input')) x[i.dataset.key ?? ''] = i.dataset.key === 'subject' ? i.value : num(i.value);
      return /** @type {import('./types.js').ExamResultInput} */ (x);
    });
    void busy(save, 'Сохраняем…', async () => {
      try {
        await visitsApi.saveResults(session.mun, year, s.schoolId, body, s.eTag);
        reload();
      } catch (err) {
        messages.replaceChildren(problemBox(err));
      }
    });
  });
  details.append(form);
  return details;
}
