// @ts-check
// #/subscription/{school}: the school's application to the project (once a school year), the requests of its teachers
// and of the school, and its complex route — the modules planned for it, with its teachers' attendance. A teacher sees
// their own requests and the modules they attended or asked for.

import { busy, clone, el, errorBox, loading } from '../../js/dom.js';
import { day, subscriptionApi } from './api.js';
import { check, field, input, select, showError } from './parts.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').SchoolOverview} SchoolOverview */

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string} schoolId
 */
export async function showSchool(slot, session, schoolId) {
  const { root, refs } = clone('t-sub-school');
  document.title = 'Методический абонемент — MethodDays';
  slot.replaceChildren(root);
  refs.body.replaceChildren(loading('Загружаем абонемент…'));
  const reload = () => showSchool(slot, session, schoolId);
  /** @type {SchoolOverview} */
  let data;
  try {
    data = await subscriptionApi.school(session.mun, schoolId);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, reload));
    return;
  }
  refs.school.textContent = data.schoolName;
  const teacher = session.me.member.role === 'Teacher';
  refs.subtitle.textContent = teacher
    ? `${data.yearLabel}. Ваши запросы и модули, на которых вы были или которые отвечают на ваши запросы.`
    : `${data.yearLabel}. Заявка школы, запросы педагогов и комплексный образовательный маршрут.`;
  refs.body.replaceChildren();
  if (!teacher) refs.body.append(applicationPanel(session, data, reload));
  refs.body.append(needsPanel(session, data, reload), routePanel(session, data, reload));
}

/** @param {Session} session @param {SchoolOverview} data @param {() => void} reload */
function applicationPanel(session, data, reload) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, 'Заявка на включение в проект'));
  const a = data.application;
  if (a) {
    const p = el('p', undefined, `Заявка на ${a.yearLabel}: `);
    p.append(el('span', 'badge', a.statusLabel));
    section.append(p, el('p', 'small', `Основания: ${a.criteria.map((c) => c.label).join('; ')}.`), el('p', 'small', a.justification));
    if (a.comment) section.append(el('p', 'small', `${a.answeredByName}: ${a.comment}`));
    return section;
  }
  if (!data.canApply) {
    section.append(el('p', 'muted', 'Школа ещё не подавала заявку. Заявку подаёт администрация школы.'));
    return section;
  }
  const form = el('form', 'stack-form');
  form.noValidate = true;
  const messages = el('div');
  const criteria = el('fieldset', 'field');
  criteria.dataset.field = 'criteria';
  criteria.append(el('legend', undefined, 'Основания (критерии отбора школ)'));
  const boxes = /** @type {[string, HTMLInputElement][]} */ ([]);
  for (const c of data.criteria) {
    const box = check(c.label);
    boxes.push([c.code, box.box]);
    criteria.append(box.label);
  }
  const justification = el('textarea');
  justification.rows = 4;
  const send = el('button', 'button primary', 'Подать заявку');
  send.type = 'submit';
  form.append(messages, criteria, field('Обоснование: дефициты и результаты школы', justification, 'justification'), send);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(send, 'Отправляем…', async () => {
      try {
        await subscriptionApi.apply(session.mun, data.schoolId, {
          year: data.year, criteria: boxes.filter(([, b]) => b.checked).map(([c]) => c), justification: justification.value,
        });
        reload();
      } catch (err) {
        showError(messages, form, err);
      }
    });
  });
  section.append(el('p', 'hint', 'Официальный запрос в муниципальный центр о включении в проект «Методический абонемент» — один на учебный год.'), form);
  return section;
}

/** @param {Session} session @param {SchoolOverview} data @param {() => void} reload */
function needsPanel(session, data, reload) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, 'Запросы в банк запросов'));
  const list = el('ul', 'plain-list');
  for (const n of data.needs) {
    list.append(el('li', undefined, `«${n.topic}» — ${n.teacherName ?? 'запрос школы'}; ${n.competenceLabel} компетенция${n.subject ? `, ${n.subject}` : ''}; желаемая форма — ${n.formLabel}${n.moduleIds.length > 0 ? '; модуль запланирован' : ''}`));
  }
  if (data.needs.length === 0) list.append(el('li', 'muted', 'Запросов пока нет.'));
  const form = el('form', 'stack-form');
  form.noValidate = true;
  const messages = el('div');
  /** @type {HTMLSelectElement | null} */
  let who = null;
  if (data.canEnterForOthers) {
    who = select(data.teachers.map((t) => ({ code: t.id, label: t.name })), '', 'запрос школы');
  }
  const topic = input('text');
  const competence = select(data.competences, '', 'выберите компетенцию');
  const subject = input('text');
  const kind = select(data.forms, '', 'выберите форму');
  const add = el('button', 'button primary', 'Добавить запрос');
  add.type = 'submit';
  form.append(messages);
  if (who) form.append(field('Педагог (тьюторант)', who, 'teacherId'));
  form.append(field('Тема: что нужно освоить', topic, 'topic'), field('Компетенция', competence, 'competence'), field('Предмет', subject, 'subject'),
    field('Желаемая форма', kind, 'form'), add);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(add, 'Сохраняем…', async () => {
      try {
        await subscriptionApi.need(session.mun, data.schoolId, {
          year: data.year, teacherId: who?.value || null, topic: topic.value, competence: competence.value, subject: subject.value, form: kind.value,
        });
        reload();
      } catch (err) {
        showError(messages, form, err);
      }
    });
  });
  section.append(list, el('h3', undefined, 'Новый запрос'), form);
  return section;
}

/** @param {Session} session @param {SchoolOverview} data @param {() => void} reload */
function routePanel(session, data, reload) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, 'Комплексный образовательный маршрут'));
  if (data.route.length === 0) {
    section.append(el('p', 'muted', 'Модулей для школы пока не запланировано.'));
    return section;
  }
  const agreed = new Set(data.agreement?.moduleIds ?? []);
  const list = el('ul', 'plain-list');
  for (const m of data.route) {
    const li = el('li', 'panel');
    li.setAttribute('aria-label', `Модуль: ${m.topic}`);
    const head = el('h3', undefined, `${m.formLabel}: «${m.topic}» `);
    if (data.agreement) head.append(el('span', 'badge', agreed.has(m.id) ? 'согласован' : 'новый, не согласован'));
    li.append(head, el('p', 'small', `${m.competenceLabel} компетенция · ${m.leadKindLabel}: ${m.leadName} · ${m.hours} ч · ${day(m.startDate)} — ${day(m.endDate)} · ${m.place}`));
    for (const s of m.sessions) {
      const names = s.attendees.map((a) => a.teacherName).join(', ');
      li.append(el('p', 'small', `Занятие ${day(s.date)}: ${names || 'педагогов школы не было'}.`));
    }
    list.append(li);
  }
  section.append(list);
  if (data.agreement) {
    section.append(el('p', 'small muted', `Маршрут согласовал(а) ${data.agreement.agreedByName}.`));
  }
  if (data.canApply) {
    const messages = el('div');
    const agree = el('button', 'button primary', 'Согласовать маршрут');
    agree.type = 'button';
    agree.addEventListener('click', () => void busy(agree, 'Согласуем…', async () => {
      try {
        await subscriptionApi.agreeRoute(session.mun, data.schoolId);
        reload();
      } catch (e) {
        messages.replaceChildren(errorBox(e));
      }
    }));
    section.append(messages, agree);
  }
  return section;
}
