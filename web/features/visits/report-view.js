// @ts-check
// The report of a visit (#/visit/{id}/report, «справка по итогам методического дня»): the lessons observed, the marks
// of the protocols (items × lessons), strengths, problems and recommendations from the protocols' analyses, the
// report's own text (summary, conclusions, recommendations, agreements) kept by the team lead, the coordinator and
// methodists, each problem made an item of the school's plan of targeted help, and on a repeat visit the comparison
// with the first. Sections other parts of the visit add (documents, directions, interview) come in `report.sections`.

import { ApiError } from '../../js/api.js';
import { busy, clone, el, errorBox, loading, saveFile } from '../../js/dom.js';
import { dayName } from './api.js';
import { reportApi } from './report-api.js';
import { problemBox } from './visit-view.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').VisitReportView} VisitReportView */

/**
 * A titled panel.
 * @param {string} title
 * @param {string} [id]
 */
function panel(title, id) {
  const section = el('section', 'panel');
  const h = el('h2', undefined, title);
  if (id) {
    h.id = id;
    section.setAttribute('aria-labelledby', id);
  }
  section.append(h);
  return section;
}

/**
 * A bulleted list, or a muted line when there is nothing.
 * @param {string[]} lines
 * @param {string} empty
 */
function list(lines, empty) {
  if (lines.length === 0) return el('p', 'muted', empty);
  const ul = el('ul');
  for (const line of lines) ul.append(el('li', undefined, line));
  return ul;
}

/**
 * Text with its line breaks as paragraphs.
 * @param {string} text
 */
function paragraphs(text) {
  const box = el('div');
  for (const line of text.split('\n')) box.append(el('p', undefined, line));
  return box;
}

/** @param {import('./types.js').ProtocolLine} l */
const lineText = (l) => `${l.teacherName}: ${l.text} (${l.observerName})`;

/** @param {import('./types.js').GridCell | undefined} cell */
function cellText(cell) {
  if (!cell) return '—';
  const text = cell.marks.length > 1 ? `${cell.value} (${cell.marks.join(' и ')})` : cell.value;
  return cell.low ? `▼ ${text}` : text;
}

/** yyyy-MM-dd a month after today (the help item's default due date). */
function inAMonth() {
  const d = new Date();
  d.setMonth(d.getMonth() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string} id
 */
export async function showReport(main, session, id) {
  const { root, refs } = clone('t-vs-report');
  refs.body.append(loading('Собираем справку…'));
  main.replaceChildren(root);
  if (refs.back instanceof HTMLAnchorElement) refs.back.href = `#/visit/${encodeURIComponent(id)}`;
  try {
    const { data: r, etag } = await reportApi.report(session.mun, id);
    render(main, session, refs, r, etag);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => showReport(main, session, id)));
  }
}

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {Record<string, HTMLElement>} refs
 * @param {VisitReportView} r
 * @param {string | null} etag
 */
function render(main, session, refs, r, etag) {
  const reload = () => showReport(main, session, r.visitId);
  document.title = `Справка: ${r.schoolName}, ${dayName(r.date)} — MethodDays`;
  refs.subtitle.textContent = `${r.schoolName} · ${dayName(r.date)}`;
  refs.toolbar.replaceChildren();
  const docx = el('button', 'button secondary', 'Скачать .docx');
  docx.type = 'button';
  docx.addEventListener('click', () => void busy(docx, 'Готовим…', async () => {
    const file = await reportApi.docx(session.mun, r.visitId, `Справка ${r.schoolName} ${r.date}.docx`);
    if (file.blob) saveFile(file.blob, file.fileName);
  }));
  refs.toolbar.append(docx);
  if (r.can.canPlanRepeat) {
    const repeat = el('a', 'button secondary', 'Запланировать повторное посещение');
    repeat.href = `#/visit/${encodeURIComponent(r.visitId)}/repeat`;
    refs.toolbar.append(repeat);
  }

  const body = el('div');
  if (r.repeatOf) {
    const note = el('p', 'notice', 'Повторное посещение по итогам ');
    const first = el('a', undefined, `«Методического дня» ${dayName(r.repeatOf.date)}`);
    first.href = `#/visit/${encodeURIComponent(r.repeatOf.id)}/report`;
    note.append(first, '.');
    body.append(note);
  }

  const about = panel('Посещение', 'vr-about');
  about.append(el('p', undefined, `Цель: ${r.purpose}`), el('p', undefined, `Направления: ${r.directions.join('; ')}`));
  about.append(el('h3', undefined, 'Состав муниципальной команды'),
    list(r.team.map((t) => `${t.name}${t.schoolName ? ` (${t.schoolName})` : ''} — ${t.roleLabel}`), 'Команда не указана.'));
  body.append(about);

  // The lessons observed.
  const lessons = panel('Посещённые уроки', 'vr-lessons');
  if (r.lessons.length === 0) lessons.append(el('p', 'muted', 'Уроки не посещались.'));
  else {
    const table = el('table', 'data');
    const head = el('tr');
    for (const h of ['№', 'Педагог', 'Предмет', 'Класс', 'Время', 'Наблюдатели', 'Протоколы']) head.append(el('th', undefined, h));
    table.append(el('thead'), el('tbody'));
    table.tHead?.append(head);
    for (const l of r.lessons) {
      const tr = el('tr');
      const protocols = el('td');
      const link = el('a', undefined, `${l.protocols} (опубликовано ${l.released})`);
      link.href = `#/observe/${encodeURIComponent(r.schoolId)}/${encodeURIComponent(r.visitId)}/${encodeURIComponent(l.lessonId)}/all`;
      protocols.append(link);
      tr.append(el('td', undefined, l.number), el('td', undefined, l.teacherName), el('td', undefined, l.subject), el('td', undefined, l.grade),
        el('td', undefined, `${l.start}–${l.end}`), el('td', undefined, l.observers.join(', ')), protocols);
      table.tBodies[0]?.append(tr);
    }
    const scroll = el('div', 'table-scroll');
    scroll.append(table);
    lessons.append(scroll);
  }
  body.append(lessons);

  // The marks: protocol items (rows) × lessons (columns).
  const grid = panel('Отметки по протоколам наблюдения', 'vr-grid');
  grid.append(el('p', 'small muted', `${r.grid.templateTitle} (версия ${r.grid.templateVersion}). ${r.grid.note} Низкие отметки — со знаком ▼.`));
  if (r.grid.lessons.length > 0) {
    const table = el('table', 'data vr-grid');
    table.append(el('caption', 'visually-hidden', 'Отметки по пунктам протокола и урокам'));
    const head = el('tr');
    head.append(el('th', undefined, 'Пункт протокола'));
    for (const c of r.grid.lessons) {
      const th = el('th', undefined, `${c.teacherName}, ${c.subject}, ${c.grade}`);
      th.scope = 'col';
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    let section = '';
    for (const item of r.grid.items) {
      if (item.section !== section) {
        section = item.section;
        const tr = el('tr');
        const th = el('th', undefined, section);
        th.colSpan = r.grid.lessons.length + 1;
        tr.append(th);
        tbody.append(tr);
      }
      const tr = el('tr');
      const th = el('th', undefined, `${item.text} (из ${item.max})`);
      th.scope = 'row';
      tr.append(th);
      for (const c of r.grid.lessons) tr.append(el('td', undefined, cellText(r.grid.cells[item.id]?.[c.lessonId])));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    const scroll = el('div', 'table-scroll');
    scroll.append(table);
    grid.append(scroll);
  }
  body.append(grid);

  const analysis = panel('Анализ уроков', 'vr-analysis');
  analysis.append(el('h3', undefined, 'Сильные стороны'), list(r.strengths.map(lineText), 'Не отмечены.'),
    el('h3', undefined, 'Проблемы'), list(r.problems.map(lineText), 'Не отмечены.'),
    el('h3', undefined, 'Рекомендации по протоколам наблюдения'), list(r.recommendations.map(lineText), 'Нет.'));
  body.append(analysis);

  body.append(textPanel(session, r, etag, reload));

  // Sections other parts of the visit add (documents, directions, interview and agreements).
  for (const s of r.sections) {
    const p = panel(s.title);
    for (const text of s.paragraphs) p.append(paragraphs(text));
    if (s.items.length > 0) p.append(list(s.items, ''));
    body.append(p);
  }

  body.append(findingsPanel(session, r, reload));
  if (r.comparison) body.append(comparisonPanel(r));
  refs.body.replaceChildren(body);
}

/**
 * The report's own text: read, or edited by the team lead, the coordinator and methodists (ETag; a 409 keeps the
 * text on the page and shows the other version).
 * @param {Session} session
 * @param {VisitReportView} r
 * @param {string | null} etag
 * @param {() => void} reload
 */
function textPanel(session, r, etag, reload) {
  const box = panel('Итоги, выводы, рекомендации и договорённости', 'vr-text');
  const t = r.text;
  if (!r.can.canEdit) {
    if (t.summary) box.append(el('h3', undefined, 'Общие итоги'), paragraphs(t.summary));
    if (t.conclusions) box.append(el('h3', undefined, 'Выводы'), paragraphs(t.conclusions));
    box.append(el('h3', undefined, 'Рекомендации по итогам посещения'), list(t.recommendations.map((l) => l.text), 'Нет.'),
      el('h3', undefined, 'Договорённости'), list(t.agreements.map((l) => l.text), 'Нет.'));
    if (t.updatedByName) box.append(el('p', 'small muted', `Текст справки изменён: ${t.updatedByName}.`));
    return box;
  }

  let tag = etag;
  const form = el('form', 'stack-form');
  form.noValidate = true;
  const messages = el('div');
  /** @param {string} label @param {string} value @param {string} fieldId */
  const area = (label, value, fieldId) => {
    const wrap = el('div', 'field');
    const l = el('label', undefined, label);
    l.htmlFor = fieldId;
    const a = el('textarea');
    a.id = fieldId;
    a.rows = 4;
    a.maxLength = 8000;
    a.value = value;
    wrap.append(l, a);
    form.append(wrap);
    return a;
  };
  const summary = area('Общие итоги', t.summary, 'vr-summary');
  const conclusions = area('Выводы', t.conclusions, 'vr-conclusions');
  /** @param {string} title @param {import('./types.js').ReportLine[]} lines @param {string} one */
  const lineList = (title, lines, one) => {
    const set = el('fieldset', 'field');
    set.append(el('legend', undefined, title));
    const ol = el('ol', 'edit-rows');
    /** @type {{ id: string | null, input: HTMLInputElement }[]} */
    const rows = [];
    /** @param {string | null} lineId @param {string} text */
    const add = (lineId, text) => {
      const li = el('li', 'edit-row');
      const input = el('input');
      input.type = 'text';
      input.maxLength = 2000;
      input.value = text;
      input.setAttribute('aria-label', `${one} ${rows.length + 1}`);
      const remove = el('button', 'button secondary small-button', 'Убрать');
      remove.type = 'button';
      const row = { id: lineId, input };
      remove.addEventListener('click', () => { rows.splice(rows.indexOf(row), 1); li.remove(); });
      li.append(input, remove);
      ol.append(li);
      rows.push(row);
      return input;
    };
    for (const l of lines) add(l.id, l.text);
    const more = el('button', 'button secondary', `+ ${one}`);
    more.type = 'button';
    more.addEventListener('click', () => add(null, '').focus());
    set.append(ol, more);
    form.append(set);
    return () => rows.map((x) => ({ id: x.id, text: x.input.value }));
  };
  const recommendations = lineList('Рекомендации по итогам посещения', t.recommendations, 'Рекомендация');
  const agreements = lineList('Договорённости с администрацией школы', t.agreements, 'Договорённость');
  const save = el('button', 'button primary', 'Сохранить текст справки');
  save.type = 'submit';
  const actions = el('div', 'actions');
  actions.append(save);
  form.append(actions);
  if (t.updatedByName) form.append(el('p', 'small muted', `Текст справки изменён: ${t.updatedByName}.`));
  form.addEventListener('submit', (/** @type {SubmitEvent} */ e) => {
    e.preventDefault();
    const input = { summary: summary.value, conclusions: conclusions.value, recommendations: recommendations(), agreements: agreements() };
    void busy(save, 'Сохраняем…', async () => {
      try {
        await reportApi.save(session.mun, r.visitId, input, tag);
        reload();
      } catch (err) {
        const box = problemBox(err);
        if (err instanceof ApiError && err.status === 409 && err.problem) {
          // Someone saved meanwhile: our text stays in the form; theirs is shown, and the next save goes over it.
          tag = typeof err.problem['etag'] === 'string' ? err.problem['etag'] : tag;
          const current = /** @type {Partial<import('./types.js').ReportText>} */ (err.problem.current ?? {});
          const theirs = el('div', 'conflict');
          theirs.append(el('h3', undefined, 'Текущая версия'), paragraphs(`${current.summary ?? ''}\n${current.conclusions ?? ''}`.trim()),
            list([...(current.recommendations ?? []), ...(current.agreements ?? [])].map((l) => l.text), ''));
          box.append(theirs);
        }
        messages.replaceChildren(box);
        messages.scrollIntoView({ block: 'start' });
      }
    });
  });
  box.append(messages, form);
  return box;
}

/**
 * Problems found (low marks, the protocols' «проблемы», the report's recommendations), each with its item of the
 * school's plan of targeted help or a way to make one.
 * @param {Session} session
 * @param {VisitReportView} r
 * @param {() => void} reload
 */
function findingsPanel(session, r, reload) {
  const box = panel('Проблемы и адресная помощь', 'vr-findings');
  box.append(el('p', 'small muted', 'Каждую проблему можно сделать пунктом плана адресной помощи школе: он появится в плане со ссылкой на эту справку. Повторное нажатие не создаёт второй пункт.'));
  if (r.findings.length === 0) {
    box.append(el('p', 'muted', 'Проблем не выявлено: низких отметок и записей о проблемах в протоколах нет.'));
    return box;
  }
  const ul = el('ul', 'plain-list vr-findings');
  for (const f of r.findings) {
    const li = el('li', 'vr-finding');
    li.append(el('span', 'badge', f.kindLabel), ' ', el('span', undefined, f.text));
    if (f.helpItem) {
      const made = el('p', 'small');
      const link = el('a', undefined, `В плане адресной помощи: ${f.helpItem.action}`);
      link.href = `#/help-plan/${encodeURIComponent(r.schoolId)}`;
      made.append(link, ` — ${f.helpItem.statusLabel.toLowerCase()}, срок ${dayName(f.helpItem.dueDate)}.`);
      li.append(made);
    } else if (r.can.canMakeHelpItems) {
      const open = el('button', 'button secondary small-button', 'Сделать пунктом плана адресной помощи');
      open.type = 'button';
      open.addEventListener('click', () => {
        open.hidden = true;
        li.append(helpForm(session, r, f, reload, () => { open.hidden = false; }));
      });
      li.append(el('br'), open);
    }
    ul.append(li);
  }
  box.append(ul);
  return box;
}

/**
 * @param {Session} session
 * @param {VisitReportView} r
 * @param {import('./types.js').Finding} f
 * @param {() => void} reload
 * @param {() => void} cancelled
 */
function helpForm(session, r, f, reload, cancelled) {
  const form = el('form', 'stack-form vr-help-form');
  form.noValidate = true;
  const messages = el('div');
  /** @param {string} label @param {HTMLInputElement | HTMLTextAreaElement} control */
  const field = (label, control) => {
    const l = el('label', 'field', `${label} `);
    l.append(control);
    return l;
  };
  const action = el('textarea');
  action.rows = 2;
  action.maxLength = 1000;
  action.value = f.suggestedAction;
  const responsible = el('input');
  responsible.type = 'text';
  responsible.maxLength = 300;
  responsible.value = session.me.member.displayName ?? '';
  const due = el('input');
  due.type = 'date';
  due.value = inAMonth();
  const add = el('button', 'button primary small-button', 'Добавить в план');
  add.type = 'submit';
  const cancel = el('button', 'button secondary small-button', 'Отмена');
  cancel.type = 'button';
  cancel.addEventListener('click', () => { form.remove(); cancelled(); });
  const actions = el('div', 'actions');
  actions.append(add, cancel);
  form.append(messages, field('Мероприятие помощи', action), field('Ответственный', responsible), field('Срок', due),
    el('p', 'small muted', f.teacherName ? `Кому: педагог ${f.teacherName}.` : 'Кому: руководители школы.'), actions);
  form.addEventListener('submit', (/** @type {SubmitEvent} */ e) => {
    e.preventDefault();
    void busy(add, 'Добавляем…', async () => {
      try {
        await reportApi.helpItem(session.mun, r.visitId, { findingId: f.id, action: action.value, responsible: responsible.value, dueDate: due.value });
        reload();
      } catch (err) {
        messages.replaceChildren(problemBox(err));
      }
    });
  });
  return form;
}

/** On a repeat visit: per teacher and item, the mark then and now; the first visit's help items with their status. @param {VisitReportView} r */
function comparisonPanel(r) {
  const c = /** @type {import('./types.js').RepeatComparison} */ (r.comparison); // shown only when there is one
  const box = panel(`Сравнение с посещением ${dayName(c.firstDate)}`, 'vr-compare');
  box.append(el('p', 'small muted', 'По каждому педагогу и пункту протокола — средняя отметка тогда и сейчас.'));
  if (c.rows.length === 0) box.append(el('p', 'muted', 'Отметок для сравнения нет.'));
  else {
    const table = el('table', 'data');
    const head = el('tr');
    for (const h of ['Педагог', 'Пункт протокола', 'Тогда', 'Сейчас', 'Изменение']) head.append(el('th', undefined, h));
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    for (const row of c.rows) {
      const tr = el('tr', `vr-${row.change}`);
      tr.append(el('td', undefined, row.teacherName), el('td', undefined, row.itemText), el('td', undefined, row.before ?? '—'),
        el('td', undefined, row.now ?? '—'), el('td', undefined, row.changeLabel));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    const scroll = el('div', 'table-scroll');
    scroll.append(table);
    box.append(scroll);
  }
  box.append(el('h3', undefined, 'Адресная помощь по итогам первого посещения'),
    list(c.helpItems.map((h) => `${h.action} — ${h.statusLabel.toLowerCase()}, срок ${dayName(h.dueDate)}`), 'Пунктов не было.'));
  return box;
}
