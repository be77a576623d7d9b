// @ts-check
// A school's diagnostics: its rounds, seed 004's table (teachers × competences, entry and repeat, «Ср. показатель»),
// the level counts, and the .xlsx both ways. Those who keep the diagnostics type per cents in the table; each changed
// row is saved at once with its ETag, and a conflict shows the other person's values without losing the typed ones.

import { clone, el, errorBox, loading, saveFile, busy } from '../../js/dom.js';
import { request } from '../../js/api.js';
import { diagnosticsApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').DiagnosticTable} DiagnosticTable */
/** @typedef {import('./types.js').RoundView} RoundView */
/** @typedef {import('./types.js').RoundList} RoundList */

const ru = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** @param {string} iso yyyy-MM-dd */
const day = (iso) => ru.format(new Date(`${iso}T00:00:00Z`));

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string} school
 * @param {string | null} roundId
 */
export async function showDiagnostics(slot, session, school, roundId) {
  const { root, refs } = clone('t-diagnostics');
  slot.replaceChildren(root);
  const body = /** @type {HTMLElement} */ (refs.body);
  body.replaceChildren(loading());
  /** @type {RoundList} */
  let list;
  try {
    list = await diagnosticsApi.rounds(session.mun, school);
  } catch (e) {
    body.replaceChildren(errorBox(e, () => showDiagnostics(slot, session, school, roundId)));
    return;
  }
  if (refs.school) refs.school.textContent = list.schoolName;

  const entries = list.rounds.filter((r) => r.kind === 'entry').sort((a, b) => b.date.localeCompare(a.date));
  const chosen = entries.find((r) => r.id === roundId || list.rounds.some((x) => x.id === roundId && x.entryRoundId === r.id)) ?? entries[0];
  body.replaceChildren();

  const nav = el('nav', 'round-list');
  nav.setAttribute('aria-label', 'Диагностики школы');
  for (const entry of entries) {
    const repeat = list.rounds.find((r) => r.entryRoundId === entry.id);
    const a = el('a', 'chip', `Входная ${day(entry.date)}${repeat ? ` → повторная ${day(repeat.date)}` : ''}`);
    a.href = `#/diagnostics/${encodeURIComponent(school)}/${encodeURIComponent(entry.id)}`;
    if (entry === chosen) a.setAttribute('aria-current', 'page');
    nav.append(a);
  }
  if (entries.length > 0) body.append(nav);

  if (list.permissions.canKeep) body.append(newRoundForm(session, school, list, chosen));

  if (!chosen) {
    body.append(el('p', 'muted', list.permissions.canKeep
      ? 'Диагностик пока нет. Создайте входную диагностику: затем заполните таблицу на странице или загрузите её из Excel.'
      : 'Школа пока не проводила диагностику.'));
    return;
  }

  const tableSlot = el('div');
  body.append(tableSlot);
  await showTable(tableSlot, session, school, chosen.id, list);
}

/**
 * The form for a new round: an entry round, or the repeat of the chosen entry round.
 * @param {Session} session @param {string} school @param {RoundList} list @param {RoundView | undefined} chosen
 */
function newRoundForm(session, school, list, chosen) {
  const details = el('details', 'panel');
  details.append(el('summary', '', 'Новая диагностика'));
  const form = el('form', 'edit-form');
  form.noValidate = true;
  const hasRepeat = chosen ? list.rounds.some((r) => r.entryRoundId === chosen.id) : true;
  const kind = el('select');
  kind.id = 'dg-kind';
  kind.append(new Option('входная', 'entry'));
  if (chosen && !hasRepeat) kind.append(new Option(`повторная к входной от ${day(chosen.date)}`, 'repeat'));
  const date = el('input');
  date.type = 'date';
  date.id = 'dg-date';
  date.required = true;
  const instrument = el('input');
  instrument.id = 'dg-instrument';
  instrument.maxLength = 200;
  instrument.placeholder = 'например, самодиагностика или независимая диагностика';
  const field = (/** @type {string} */ label, /** @type {HTMLElement} */ input) => {
    const wrap = el('div', 'field');
    const l = el('label', '', label);
    l.htmlFor = input.id;
    wrap.append(l, input);
    return wrap;
  };
  const messages = el('div');
  messages.setAttribute('role', 'alert');
  const submit = el('button', 'button', 'Создать');
  submit.type = 'submit';
  form.append(field('Вид', kind), field('Дата', date), field('Инструмент (необязательно)', instrument), messages, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    messages.replaceChildren();
    await busy(submit, 'Создаём…', async () => {
      try {
        const round = await diagnosticsApi.createRound(session.mun, school, {
          kind: kind.value, date: date.value, instrument: instrument.value || undefined,
          entryRoundId: kind.value === 'repeat' ? chosen?.id : undefined,
        });
        session.navigate(`#/diagnostics/${encodeURIComponent(school)}/${encodeURIComponent(round.entryRoundId ?? round.id)}`);
      } catch (error) {
        messages.append(errorBox(error));
      }
    });
  });
  details.append(form);
  return details;
}

/**
 * Seed 004's table for an entry round and its repeat.
 * @param {HTMLElement} slot @param {Session} session @param {string} school @param {string} entryId @param {RoundList} list
 */
async function showTable(slot, session, school, entryId, list) {
  slot.replaceChildren(loading());
  /** @type {DiagnosticTable} */
  let table;
  /** @type {{ teacherId: string, eTag: string }[]} */
  let entryTags = [];
  /** @type {{ teacherId: string, eTag: string }[]} */
  let repeatTags = [];
  /** @type {{ id: string, fullName: string }[]} */
  let staff = [];
  const keep = list.permissions.canKeep;
  try {
    table = await diagnosticsApi.table(session.mun, school, entryId);
    if (keep) {
      entryTags = (await diagnosticsApi.round(session.mun, school, table.entry.id)).results;
      if (table.repeat) repeatTags = (await diagnosticsApi.round(session.mun, school, table.repeat.id)).results;
      staff = (await request(`/api/municipalities/${encodeURIComponent(session.mun)}/schools/${encodeURIComponent(school)}/staff`)).data.teachers;
    }
  } catch (e) {
    slot.replaceChildren(errorBox(e, () => showTable(slot, session, school, entryId, list)));
    return;
  }
  const competences = table.entry.competences;
  const etags = {
    entry: new Map(entryTags.map((r) => [r.teacherId, r.eTag])),
    repeat: new Map(repeatTags.map((r) => [r.teacherId, r.eTag])),
  };
  slot.replaceChildren();

  const caption = el('p', 'muted small', `${table.entry.title}${table.entry.instrument ? `; инструмент: ${table.entry.instrument}` : ''}.`
    + (table.repeat ? ` Повторная — ${day(table.repeat.date)}.` : ' Повторной диагностики пока нет.'));
  slot.append(caption);

  if (keep) slot.append(fileTools(session, school, table, () => showTable(slot, session, school, entryId, list)));

  const wrap = el('div', 'chart-scroll');
  const t = el('table', 'data diagnostic-table');
  t.append(el('caption', 'visually-hidden', 'Уровень сформированности профессиональных компетенций (%)'));
  const head = el('thead');
  const top = el('tr');
  top.append(th('№ п/п', 2), th('ФИО педагога', 2));
  for (const c of competences) {
    const cell = th(c.label, 1);
    cell.colSpan = 2;
    cell.scope = 'colgroup';
    top.append(cell);
  }
  const sub = el('tr');
  for (const _ of competences) sub.append(th('вх. диагн. %', 1), th('повторн. диагн. %', 1));
  head.append(top, sub);
  t.append(head);

  const tbody = el('tbody');
  const rows = [...table.rows];
  if (keep) {
    let n = rows.length;
    for (const teacher of staff) {
      if (!rows.some((r) => r.teacherId === teacher.id)) {
        rows.push({ number: ++n, teacherId: teacher.id, teacherName: teacher.fullName, cells: competences.map((c) => ({ competence: c.code, entry: null, repeat: null })) });
      }
    }
  }
  for (const row of rows) {
    const tr = el('tr');
    const status = el('span', 'row-status small', '');
    status.setAttribute('aria-live', 'polite');
    const name = el('th', '', row.teacherName ?? '');
    name.scope = 'row';
    name.append(el('br'), status);
    tr.append(el('td', 'num', row.number), name);
    for (const cell of row.cells) {
      for (const when of /** @type {const} */ (['entry', 'repeat'])) {
        const td = el('td', 'num');
        const value = cell[when];
        const editable = keep && row.teacherId && (when === 'entry' || table.repeat);
        if (editable) {
          const input = el('input', 'percent-input');
          input.type = 'number';
          input.min = '0';
          input.max = '100';
          input.step = '1';
          input.inputMode = 'numeric';
          input.value = value === null ? '' : String(value);
          input.dataset.competence = cell.competence;
          input.dataset.when = when;
          const label = competences.find((c) => c.code === cell.competence)?.label ?? cell.competence;
          input.setAttribute('aria-label', `${row.teacherName}: ${label}, ${when === 'entry' ? 'входная' : 'повторная'} диагностика, %`);
          td.append(input);
        } else {
          td.textContent = value === null ? '' : String(value);
        }
        tr.append(td);
      }
    }
    if (keep && row.teacherId) {
      const teacherId = row.teacherId;
      tr.addEventListener('change', async (e) => {
        const input = /** @type {HTMLInputElement} */ (e.target);
        const when = /** @type {'entry' | 'repeat'} */ (input.dataset.when);
        const round = when === 'entry' ? table.entry : table.repeat;
        if (!round) return;
        /** @type {Record<string, number | null>} */
        const levels = {};
        for (const i of /** @type {NodeListOf<HTMLInputElement>} */ (tr.querySelectorAll(`input[data-when="${when}"]`))) {
          levels[i.dataset.competence ?? ''] = i.value === '' ? null : Number(i.value);
        }
        status.textContent = 'Сохраняем…';
        try {
          const saved = await diagnosticsApi.saveResult(session.mun, school, round.id, teacherId, levels, etags[when].get(teacherId) ?? null);
          if (saved.etag) etags[when].set(teacherId, saved.etag);
          status.textContent = 'Сохранено';
        } catch (error) {
          const problem = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (error);
          if (problem?.status === 409 && problem.problem?.current) {
            const current = /** @type {import('./types.js').ResultView} */ (problem.problem.current);
            etags[when].set(teacherId, current.eTag);
            const theirs = competences.map((c) => `${c.label} ${current.levels[c.code] ?? '—'}`).join(', ');
            status.textContent = `${problem.detail} Сейчас: ${theirs}. Ваши значения остались в строке — сохраните ещё раз, изменив любую ячейку.`;
          } else {
            const first = problem?.errors ? Object.values(problem.errors)[0]?.[0] : null;
            status.textContent = first ?? problem?.detail ?? 'Не сохранено.';
          }
        }
      });
    }
    tbody.append(tr);
  }
  const means = el('tr', 'means');
  const label = el('th', '', 'Ср. показатель');
  label.scope = 'row';
  label.colSpan = 2;
  means.append(label);
  for (const m of table.means) means.append(el('td', 'num', m.entry ?? ''), el('td', 'num', m.repeat ?? ''));
  const foot = el('tfoot');
  foot.append(means);
  t.append(tbody, foot);
  wrap.append(t);
  slot.append(wrap);
  if (table.rows.length === 0 && !keep) {
    slot.append(el('p', 'muted small', 'Результаты отдельных педагогов видят администрация школы и методисты; здесь — средние по школе.'));
  }

  slot.append(levelsPanel(table));
}

/** @param {string} text @param {number} rowSpan */
function th(text, rowSpan) {
  const cell = el('th', '', text);
  cell.scope = 'col';
  if (rowSpan > 1) cell.rowSpan = rowSpan;
  return cell;
}

/**
 * Teachers per level at entry and at repeat, the changes, and the cut-offs with where they come from.
 * @param {DiagnosticTable} table
 */
function levelsPanel(table) {
  const section = el('section', 'panel');
  section.append(el('h2', '', 'Уровни'));
  const t = el('table', 'data levels-table');
  const head = el('tr');
  head.append(th('Компетенция', 1), th('Низкий', 1), th('Средний', 1), th('Высокий', 1));
  t.append(el('thead'));
  t.tHead?.append(head);
  const body = el('tbody');
  for (const c of table.entry.competences) {
    const tr = el('tr');
    const name = el('th', '', c.label);
    name.scope = 'row';
    tr.append(name);
    for (const level of ['low', 'medium', 'high']) {
      const count = table.levels.find((l) => l.competence === c.code && l.level === level);
      tr.append(el('td', 'num', table.repeat ? `${count?.atEntry ?? 0} → ${count?.atRepeat ?? 0}` : String(count?.atEntry ?? 0)));
    }
    body.append(tr);
  }
  t.append(body);
  section.append(el('p', 'muted small', table.repeat ? 'Педагогов на уровне: входная → повторная диагностика.' : 'Педагогов на уровне по входной диагностике.'), t);
  if (table.changes.length > 0) {
    const list = el('ul');
    for (const change of table.changes) {
      const c = table.entry.competences.find((x) => x.code === change.competence);
      list.append(el('li', '', `${c?.label ?? change.competence}: ${change.words} — ${change.teachers} пед.`));
    }
    section.append(el('h3', '', 'Изменения после маршрутов'), list);
  }
  if (table.repeat) section.append(el('p', '', `Высокого уровня хотя бы по одной компетенции после повторной диагностики достигли: ${table.highInAnyAfterRepeat} пед.`));
  section.append(el('p', 'muted small', 'Границы уровней (по умолчанию MethodDays; документ их не называет, школа или муниципалитет может изменить): '
    + table.entry.competences.map((c) => `${c.label} — средний с ${c.cutOff.medium} %, высокий с ${c.cutOff.high} %`).join('; ') + '.'));
  return section;
}

/**
 * Download the table as .xlsx, and import a filled one: checked first, then applied.
 * @param {Session} session @param {string} school @param {DiagnosticTable} table @param {() => void} reload
 */
function fileTools(session, school, table, reload) {
  const box = el('div', 'toolbar');
  const download = el('button', 'button secondary', 'Скачать таблицу .xlsx');
  download.type = 'button';
  download.addEventListener('click', () => busy(download, 'Готовим файл…', async () => {
    const file = await diagnosticsApi.workbook(session.mun, school, table.entry.id);
    if (file.blob) saveFile(file.blob, file.fileName);
  }));
  const label = el('label', 'button secondary', 'Загрузить из Excel…');
  const input = el('input');
  input.type = 'file';
  input.accept = '.xlsx';
  input.className = 'visually-hidden';
  label.append(input);
  const result = el('div', 'import-result');
  result.setAttribute('role', 'status');
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    result.replaceChildren(loading('Проверяем файл…'));
    try {
      const check = await diagnosticsApi.importFile(session.mun, school, table.entry.id, file, true);
      const apply = el('button', 'button', `Записать: новых ${check.added}, изменённых ${check.changed}`);
      apply.type = 'button';
      apply.disabled = check.added + check.changed === 0;
      apply.addEventListener('click', () => busy(apply, 'Записываем…', async () => {
        try {
          await diagnosticsApi.importFile(session.mun, school, table.entry.id, file, false);
          reload();
        } catch (e) {
          result.replaceChildren(errorBox(e));
        }
      }));
      result.replaceChildren(el('p', '', `Файл проверен: педагогов ${check.teachers}; новых результатов ${check.added}, изменённых ${check.changed}, без изменений ${check.unchanged}.`), apply);
    } catch (e) {
      const problem = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (e);
      const cells = /** @type {{ message: string }[]} */ (problem?.problem?.cells ?? []);
      const list = el('ul');
      for (const c of cells) list.append(el('li', '', c.message));
      result.replaceChildren(errorBox(e), list);
    } finally {
      input.value = '';
    }
  });
  box.append(download, label, result);
  return box;
}
