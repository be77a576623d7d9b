// @ts-check
// #/subscription for the coordinator and methodists: schools' applications to answer, the bank of requests grouped by
// topic and by competence (a group plans a module), the modules with their sessions and attendance, and seed 002's
// indicators with a chart.

import { barChart } from '../../js/chart.js';
import { busy, clone, el, errorBox, loading } from '../../js/dom.js';
import { plural } from '../../js/format.js';
import { day, subscriptionApi } from './api.js';
import { check, field, input, select, showError } from './parts.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').MunicipalityOverview} MunicipalityOverview */
/** @typedef {import('./types.js').ModuleView} ModuleView */
/** @typedef {{ topic: string, competence: string, needs: import('./types.js').NeedView[] }} Preset a group of requests to plan a module for */

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 */
export async function showMunicipality(slot, session) {
  const { root, refs } = clone('t-sub-municipality');
  document.title = 'Методический абонемент — MethodDays';
  slot.replaceChildren(root);
  refs.body.replaceChildren(loading('Загружаем абонемент…'));
  const reload = () => showMunicipality(slot, session);
  /** @type {MunicipalityOverview} */
  let data;
  /** @type {import('./types.js').Indicators} */
  let indicators;
  try {
    [data, indicators] = await Promise.all([subscriptionApi.overview(session.mun), subscriptionApi.indicators(session.mun)]);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, reload));
    return;
  }
  refs.subtitle.textContent = `${data.yearLabel}. Школы проекта: ${data.agreedSchools.length === 0 ? 'пока нет' : data.agreedSchools.map((s) => s.name).join(', ')}.`;
  const modules = el('section', 'panel');
  const planner = el('div');
  refs.body.replaceChildren(applicationsPanel(session, data, reload), bankPanel(data, (preset) => openPlanner(planner, session, data, preset, reload)),
    modules, indicatorsPanel(indicators));
  modules.setAttribute('aria-labelledby', 'sub-modules');
  const h = el('h2', undefined, 'Модули');
  h.id = 'sub-modules';
  const add = el('button', 'button secondary', 'Новый модуль');
  add.type = 'button';
  add.addEventListener('click', () => openPlanner(planner, session, data, null, reload));
  modules.append(h, add, planner, modulesList(session, data.modules, reload));
}

/** @param {Session} session @param {MunicipalityOverview} data @param {() => void} reload */
function applicationsPanel(session, data, reload) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, 'Заявки школ'));
  if (data.applications.length === 0) section.append(el('p', 'muted', 'Заявок на этот учебный год нет.'));
  const list = el('ul', 'plain-list');
  for (const a of data.applications) {
    const li = el('li', 'panel');
    li.setAttribute('aria-label', `Заявка: ${a.schoolName}`);
    const head = el('h3', undefined, `${a.schoolName} `);
    head.append(el('span', 'badge', a.statusLabel));
    li.append(head, el('p', 'small', `Основания: ${a.criteria.map((c) => c.label).join('; ')}.`), el('p', undefined, a.justification),
      el('p', 'small muted', `Подал(а): ${a.createdByName}`));
    if (a.comment) li.append(el('p', 'small', `${a.answeredByName}: ${a.comment}`));
    if (a.status === 'pending') {
      const form = el('form', 'stack-form');
      const messages = el('div');
      const comment = el('textarea');
      comment.rows = 2;
      const agree = el('button', 'button primary', 'Согласовать');
      const decline = el('button', 'button secondary', 'Отклонить');
      form.append(messages, field(`Ответ школе «${a.schoolName}» (при отклонении — причина)`, comment, 'comment'), el('p'));
      for (const [button, decision] of /** @type {[HTMLButtonElement, string][]} */ ([[agree, 'agreed'], [decline, 'declined']])) {
        button.type = 'button';
        button.addEventListener('click', () => void busy(button, 'Отправляем…', async () => {
          try {
            await subscriptionApi.answer(session.mun, a.id, { decision, comment: comment.value || null });
            reload();
          } catch (e) {
            showError(messages, form, e);
          }
        }));
        form.append(button, ' ');
      }
      li.append(form);
    }
    list.append(li);
  }
  section.append(list);
  return section;
}

/**
 * @param {MunicipalityOverview} data
 * @param {(preset: Preset) => void} plan
 */
function bankPanel(data, plan) {
  const section = el('section', 'panel');
  section.setAttribute('aria-labelledby', 'sub-bank');
  const h = el('h2', undefined, 'Банк запросов');
  h.id = 'sub-bank';
  section.append(h, el('p', 'hint', 'Запросы тьюторантов и школ. Одинаковые темы собраны вместе (без учёта регистра и лишних пробелов).'));
  if (data.byTopic.length === 0) {
    section.append(el('p', 'muted', 'Запросов пока нет.'));
    return section;
  }
  section.append(el('h3', undefined, 'По темам'));
  const topics = el('ul', 'plain-list');
  for (const g of data.byTopic) {
    const li = el('li', 'panel');
    li.setAttribute('aria-label', `Тема: ${g.topic}`);
    li.append(el('p', undefined, `«${g.topic}» — ${g.count} ${plural(g.count, 'запрос', 'запроса', 'запросов')}, ${g.schools} ${plural(g.schools, 'школа', 'школы', 'школ')}; ${g.competences.join(', ')}`));
    const who = el('ul', 'small');
    for (const n of g.needs) {
      who.append(el('li', undefined, `${n.teacherName ?? 'запрос школы'} (${n.schoolName})${n.subject ? `, ${n.subject}` : ''}: желаемая форма — ${n.formLabel}${n.moduleIds.length > 0 ? '; модуль запланирован' : ''}`));
    }
    const button = el('button', 'button secondary', 'Запланировать модуль');
    button.type = 'button';
    button.setAttribute('aria-label', `Запланировать модуль по теме «${g.topic}»`);
    const competence = g.needs[0]?.competence ?? '';
    button.addEventListener('click', () => plan({ topic: g.topic, competence, needs: g.needs }));
    li.append(who, button);
    topics.append(li);
  }
  section.append(topics, el('h3', undefined, 'По компетенциям'));
  const table = el('table', 'data');
  table.append(el('caption', 'muted small', 'Сколько запросов по каждой компетенции и с какими темами'));
  const head = el('tr');
  for (const t of ['Компетенция', 'Запросов', 'Темы']) {
    const th = el('th', undefined, t);
    th.scope = 'col';
    head.append(th);
  }
  table.append(head);
  for (const g of data.byCompetence) {
    const tr = el('tr');
    const th = el('th', undefined, g.label);
    th.scope = 'row';
    tr.append(th, el('td', 'num', g.count), el('td', undefined, g.topics.join('; ')));
    table.append(tr);
  }
  const wrap = el('div', 'chart-scroll');
  wrap.append(table);
  section.append(wrap);
  return section;
}

/**
 * The module form, empty, prefilled from a group of requests, or with a module to edit.
 * @param {HTMLElement} slot @param {Session} session @param {MunicipalityOverview} data
 * @param {Preset | null} preset @param {() => void} reload
 * @param {ModuleView} [module]
 */
function openPlanner(slot, session, data, preset, reload, module) {
  const form = el('form', 'stack-form panel');
  form.noValidate = true;
  form.setAttribute('aria-label', module ? 'Изменить модуль' : 'Новый модуль');
  const messages = el('div');
  const m = /** @type {Partial<ModuleView>} */ (module ?? {});
  const kind = select(data.forms, m.form ?? preset?.needs[0]?.form ?? '', 'выберите форму');
  const topic = input('text', m.topic ?? preset?.topic ?? '');
  const competence = select(data.competences, m.competence ?? preset?.competence ?? '', 'выберите компетенцию');
  const leadKind = select(data.leads, m.leadKind ?? 'specialist');
  const leadName = input('text', m.leadName ?? '');
  const hours = input('number', m.hours ? String(m.hours) : '');
  hours.step = '0.5';
  const start = input('date', m.startDate ?? '');
  const end = input('date', m.endDate ?? '');
  const place = input('text', m.place ?? '');
  const schools = el('fieldset', 'field');
  schools.dataset.field = 'schools';
  schools.append(el('legend', undefined, 'Школы, в комплексный маршрут которых входит модуль'));
  const wanted = new Set(m.schools?.map((s) => s.id) ?? preset?.needs.map((n) => n.schoolId) ?? []);
  const schoolBoxes = /** @type {[string, HTMLInputElement][]} */ ([]);
  for (const s of data.agreedSchools) {
    const c = check(s.name, wanted.has(s.id));
    schoolBoxes.push([s.id, c.box]);
    schools.append(c.label);
  }
  if (data.agreedSchools.length === 0) schools.append(el('p', 'muted small', 'Согласованных заявок пока нет: модуль планируют для школ проекта.'));
  const needs = el('fieldset', 'field');
  needs.dataset.field = 'needIds';
  needs.append(el('legend', undefined, 'Запросы, на которые отвечает модуль'));
  const chosen = new Set(m.needIds ?? preset?.needs.map((n) => n.id) ?? []);
  const needBoxes = /** @type {[string, HTMLInputElement][]} */ ([]);
  for (const g of data.byTopic) {
    for (const n of g.needs) {
      const c = check(`«${n.topic}» — ${n.teacherName ?? 'запрос школы'} (${n.schoolName})`, chosen.has(n.id));
      needBoxes.push([n.id, c.box]);
      needs.append(c.label);
    }
  }
  const save = el('button', 'button primary', module ? 'Сохранить модуль' : 'Запланировать');
  save.type = 'submit';
  const cancel = el('button', 'button secondary', 'Отмена');
  cancel.type = 'button';
  cancel.addEventListener('click', () => slot.replaceChildren());
  form.append(el('h3', undefined, module ? `Модуль «${m.topic}»` : 'Новый модуль'), messages,
    field('Форма', kind, 'form'), field('Тема модуля', topic, 'topic'), field('Компетенция', competence, 'competence'),
    field('Ведущий', leadKind, 'leadKind'), field('ФИО ведущего', leadName, 'leadName'), field('Часов', hours, 'hours'),
    field('Начало', start, 'startDate'), field('Окончание', end, 'endDate'), field('Место проведения', place, 'place'), schools, needs, save, cancel);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(save, 'Сохраняем…', async () => {
      const body = {
        year: data.year, form: kind.value, topic: topic.value, competence: competence.value, leadKind: leadKind.value, leadName: leadName.value,
        // The lead's member (set when the module was planned by its id) stays while the lead's name is the same person's.
        leadMemberId: leadName.value.trim() === (m.leadName ?? '') ? m.leadMemberId ?? null : null,
        hours: hours.value === '' ? null : Number(hours.value), startDate: start.value, endDate: end.value, place: place.value,
        schools: schoolBoxes.filter(([, b]) => b.checked).map(([id]) => id), needIds: needBoxes.filter(([, b]) => b.checked).map(([id]) => id),
      };
      try {
        if (module) await subscriptionApi.updateModule(session.mun, module.id, body, module.eTag);
        else await subscriptionApi.createModule(session.mun, body);
        reload();
      } catch (err) {
        showError(messages, form, err);
      }
    });
  });
  slot.replaceChildren(form);
  topic.focus();
}

/** @param {Session} session @param {ModuleView[]} modules @param {() => void} reload */
function modulesList(session, modules, reload) {
  const list = el('ul', 'plain-list');
  if (modules.length === 0) list.append(el('li', 'muted', 'Модулей пока нет: запланируйте первый из банка запросов.'));
  for (const m of modules) {
    const li = el('li', 'panel');
    li.setAttribute('aria-label', `Модуль: ${m.topic}`);
    li.append(el('h3', undefined, `${m.formLabel}: «${m.topic}»`),
      el('p', 'small', `${m.competenceLabel} компетенция · ${m.leadKindLabel}: ${m.leadName} · ${m.hours} ч · ${day(m.startDate)} — ${day(m.endDate)} · ${m.place}`),
      el('p', 'small', `Школы: ${m.schools.map((s) => s.name).join(', ')}. Запросов: ${m.needIds.length}.`));
    for (const s of m.sessions) {
      const p = el('p', 'small', `Занятие ${day(s.date)}: ${s.attendeesTotal} ${plural(s.attendeesTotal, 'педагог', 'педагога', 'педагогов')}.${s.feedback ? ` Отзыв: ${s.feedback}` : ''}`);
      li.append(p);
      const who = el('ul', 'small');
      for (const a of s.attendees) who.append(el('li', undefined, `${a.teacherName} — ${a.routeOutcomeLabel}`));
      li.append(who);
    }
    const slot = el('div');
    const attend = el('button', 'button primary', 'Отметить занятие');
    attend.type = 'button';
    attend.setAttribute('aria-label', `Отметить занятие: ${m.topic}`);
    attend.addEventListener('click', () => void busy(attend, 'Загружаем…', async () => {
      try {
        const details = await subscriptionApi.module(session.mun, m.id);
        sessionForm(slot, session, details, reload);
      } catch (e) {
        slot.replaceChildren(errorBox(e));
      }
    }));
    const edit = el('button', 'button secondary', 'Изменить');
    edit.type = 'button';
    edit.setAttribute('aria-label', `Изменить модуль: ${m.topic}`);
    edit.addEventListener('click', () => void busy(edit, 'Загружаем…', async () => {
      const data = await subscriptionApi.overview(session.mun);
      openPlanner(slot, session, data, null, reload, m);
    }));
    li.append(attend, ' ', edit, slot);
    list.append(li);
  }
  return list;
}

/** @param {HTMLElement} slot @param {Session} session @param {import('./types.js').ModuleDetails} details @param {() => void} reload */
function sessionForm(slot, session, details, reload) {
  const form = el('form', 'stack-form');
  form.noValidate = true;
  form.setAttribute('aria-label', 'Занятие модуля');
  const messages = el('div');
  const date = input('date');
  const people = el('fieldset', 'field');
  people.dataset.field = 'attendees';
  people.append(el('legend', undefined, 'Кто из педагогов пришёл'));
  const boxes = /** @type {[import('./types.js').RosterTeacher, HTMLInputElement][]} */ ([]);
  for (const t of details.roster) {
    const c = check(`${t.fullName} (${t.schoolName})`);
    boxes.push([t, c.box]);
    people.append(c.label);
  }
  if (details.roster.length === 0) people.append(el('p', 'muted small', 'В списках педагогов школ модуля никого нет.'));
  const feedback = el('textarea');
  feedback.rows = 2;
  const save = el('button', 'button primary', 'Сохранить посещение');
  save.type = 'submit';
  form.append(messages, field('Дата занятия', date, 'date'), people, field('Короткий отзыв', feedback, 'feedback'), save);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(save, 'Сохраняем…', async () => {
      try {
        await subscriptionApi.session(session.mun, details.module.id, {
          date: date.value, feedback: feedback.value,
          attendees: boxes.filter(([, b]) => b.checked).map(([t]) => ({ schoolId: t.schoolId, teacherId: t.teacherId })),
        });
        reload();
      } catch (err) {
        showError(messages, form, err);
      }
    });
  });
  slot.replaceChildren(form);
}

/** @param {import('./types.js').Indicators} x */
function indicatorsPanel(x) {
  const section = el('section', 'panel');
  section.setAttribute('aria-labelledby', 'sub-indicators');
  const h = el('h2', undefined, 'Показатели результативности');
  h.id = 'sub-indicators';
  section.append(h);
  const facts = el('ul', 'plain-list');
  const line = (/** @type {string} */ text) => facts.append(el('li', undefined, text));
  line(`1) Выявлено дефицитов по входной диагностике: ${x.deficitsFound}; устранено по повторной: ${x.deficitsRemoved}; снижено (низкий → средний): ${x.deficitsReduced}.`);
  line(`2) Педагогов на индивидуальных маршрутах с модулями абонемента: ${x.teachersOnRoutes}; выполнено мероприятий маршрутов: ${x.routeItemsDone}.`);
  line(`3) Модулей проведено: ${x.modulesDelivered} из ${x.modulesPlanned} запланированных.`);
  line(`4) Участие: педагогов на занятиях — ${x.teachersAttended}, посещений — ${x.attendances}.`);
  line(`5) Коллективных практик школ проекта принято в банк: ${x.practicesAccepted}.`);
  section.append(facts);
  section.append(el('h3', undefined, 'Проведено модулей по формам'), barChart(x.deliveredByForm.map((f) => ({ label: f.label, value: f.count, cls: 'high' })), 'Проведено модулей по формам'));
  if (x.participationBySchool.length > 0) {
    section.append(el('h3', undefined, 'Участие педагогов по школам'),
      barChart(x.participationBySchool.map((s) => ({ label: s.label, value: s.count, cls: 'medium' })), 'Педагогов на занятиях по школам'));
  }
  section.append(el('p', 'muted small', x.note));
  return section;
}
