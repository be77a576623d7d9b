// @ts-check
// #/visits: for the coordinator and methodists the candidates list (every school ranked by the criteria that are on,
// with the values that put it there), the criteria, the schools' requests and the visits; for a school its visits,
// its requests and the form to ask for a visit; for a team member the visits they are on.

import { busy, clone, el, errorBox, loading } from '../../js/dom.js';
import { plural } from '../../js/format.js';
import { dayName, monthLabel, visitsApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {boolean} planner
 */
export async function showVisits(main, session, planner) {
  const { root, refs } = clone('t-vs-list');
  document.title = 'Посещения школ — MethodDays';
  refs.body.append(loading('Загружаем посещения…'));
  main.replaceChildren(root);
  const reload = () => showVisits(main, session, planner);
  try {
    if (planner) {
      const [candidates, list] = await Promise.all([visitsApi.candidates(session.mun, null), visitsApi.list(session.mun)]);
      refs.subtitle.textContent = `Кандидаты по результатам за ${candidates.yearLabel} и по записям MethodDays.`;
      refs.body.replaceChildren(
        candidatesPanel(candidates),
        await criteriaPanel(session, reload),
        requestsPanel(session, list.requests, reload),
        visitsPanel(list.visits, 'Запланированные посещения'),
        resultsLink());
    } else {
      const role = session.me.member.role;
      const own = session.me.member.schoolIds[0];
      const list = role === 'SchoolAdmin' ? await visitsApi.school(session.mun, own) : await visitsApi.list(session.mun);
      refs.subtitle.textContent = role === 'SchoolAdmin'
        ? 'Посещения вашей школы муниципальной командой и запросы школы на посещение.'
        : 'Посещения, в которых вы участвуете, и посещения ваших школ.';
      refs.body.replaceChildren(visitsPanel(list.visits, role === 'SchoolAdmin' ? 'Посещения школы' : 'Посещения'));
      if (role === 'SchoolAdmin') refs.body.append(requestsPanel(session, list.requests, reload), askPanel(session, own, reload));
    }
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, reload));
  }
}

function resultsLink() {
  const p = el('p');
  const a = el('a', 'button secondary', 'Результаты школ по учебным годам');
  a.href = '#/visit-results';
  const year = el('a', 'button secondary', 'Итоги учебного года');
  year.href = '#/visits/year';
  p.append(a, ' ', year);
  return p;
}

/** @param {import('./types.js').CandidatesView} candidates */
function candidatesPanel(candidates) {
  const section = el('section', 'panel');
  section.setAttribute('aria-labelledby', 'vs-candidates');
  const h = el('h2', undefined, 'Кандидаты на «Методический день»');
  h.id = 'vs-candidates';
  section.append(h, el('p', 'hint', 'Школы по сумме весов критериев, которым они соответствуют. Под школой — почему она здесь.'));
  const list = el('ol', 'plain-list');
  for (const c of candidates.schools) {
    const li = el('li', 'panel');
    li.setAttribute('aria-label', c.schoolName);
    const head = el('h3', undefined, c.schoolName);
    head.append(' ', el('span', 'badge', `${c.score} ${plural(c.score, 'балл', 'балла', 'баллов')}`));
    li.append(head);
    const met = c.reasons.filter((r) => r.met);
    const reasons = el('ul', 'plain-list');
    for (const r of met) {
      const item = el('li');
      item.append(el('b', undefined, `${r.title} (+${r.points}): `), r.detail);
      reasons.append(item);
    }
    if (met.length === 0) reasons.append(el('li', 'muted', 'Ни одному включённому критерию школа не соответствует.'));
    li.append(reasons);
    const missing = c.reasons.filter((r) => r.noData);
    if (missing.length > 0) {
      const text = missing.map((r) => r.detail).join('; ');
      li.append(el('p', 'muted small', `${text.charAt(0).toUpperCase()}${text.slice(1)}.`));
    }
    const facts = [c.lastVisitDate ? `Последнее посещение: ${dayName(c.lastVisitDate)}.` : 'Посещений ещё не было.',
      `Открытых пунктов плана помощи: ${c.openHelpItems}.`];
    if (c.request) facts.push(`Запрос школы на ${monthLabel(c.request.month)} — ${c.request.statusLabel}.`);
    li.append(el('p', 'small', facts.join(' ')));
    const actions = el('p');
    if (c.nextVisitId) {
      const a = el('a', 'button secondary', `Запланировано на ${dayName(/** @type {string} */ (c.nextVisitDate))}`);
      a.href = `#/visit/${c.nextVisitId}`;
      actions.append(a, ' ');
    }
    const plan = el('a', 'button primary', 'Запланировать посещение');
    plan.href = `#/visit/new/${encodeURIComponent(c.schoolId)}${c.request && c.request.status !== 'declined' ? `/${encodeURIComponent(c.request.id)}` : ''}`;
    plan.setAttribute('aria-label', `Запланировать посещение: ${c.schoolName}`);
    actions.append(plan);
    li.append(actions);
    list.append(li);
  }
  section.append(list);
  return section;
}

/**
 * @param {Session} session
 * @param {() => void} reload
 */
async function criteriaPanel(session, reload) {
  const answer = await visitsApi.criteria(session.mun);
  const view = answer.data;
  const details = el('details', 'panel');
  details.append(el('summary', undefined, 'Критерии выбора школы'));
  const form = el('form', 'stack-form');
  const rows = /** @type {{ code: string, on: HTMLInputElement, weight: HTMLInputElement, threshold: HTMLInputElement | null }[]} */ ([]);
  for (const c of view.criteria) {
    const box = el('fieldset', 'field');
    box.append(el('legend', undefined, c.title + (c.source === 'own' ? ' (критерий MethodDays)' : '')));
    const on = el('input');
    on.type = 'checkbox';
    on.checked = c.on;
    on.disabled = !view.canEdit;
    const onLabel = el('label', 'check');
    onLabel.append(on, ' учитывать');
    const weight = el('input');
    weight.type = 'number';
    weight.min = '0';
    weight.max = '10';
    weight.value = String(c.weight);
    weight.disabled = !view.canEdit;
    const weightLabel = el('label', undefined, 'вес ');
    weightLabel.append(weight);
    box.append(onLabel, weightLabel);
    /** @type {HTMLInputElement | null} */
    let threshold = null;
    if (c.thresholdLabel) {
      threshold = el('input');
      threshold.type = 'number';
      threshold.value = String(c.threshold ?? '');
      threshold.disabled = !view.canEdit;
      const t = el('label', undefined, `${c.thresholdLabel} `);
      t.append(threshold);
      box.append(t);
    }
    rows.push({ code: c.code, on, weight, threshold });
    form.append(box);
  }
  const messages = el('div');
  form.prepend(messages);
  if (view.canEdit) {
    const save = el('button', 'button primary', 'Сохранить критерии');
    save.type = 'submit';
    form.append(save);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void busy(save, 'Сохраняем…', async () => {
        try {
          await visitsApi.saveCriteria(session.mun, rows.map((r) => ({
            code: r.code, on: r.on.checked, weight: Number(r.weight.value), threshold: r.threshold && r.threshold.value !== '' ? Number(r.threshold.value) : null,
          })), answer.etag);
          reload();
        } catch (err) {
          messages.replaceChildren(errorBox(err));
        }
      });
    });
  } else {
    form.append(el('p', 'muted small', 'Критерии меняет муниципальный координатор.'));
  }
  details.append(form);
  return details;
}

/**
 * @param {Session} session
 * @param {import('./types.js').VisitRequestView[]} requests
 * @param {() => void} reload
 */
function requestsPanel(session, requests, reload) {
  const planner = ['Coordinator', 'Methodist'].includes(session.me.member.role);
  const section = el('section', 'panel');
  section.append(el('h2', undefined, planner ? 'Запросы школ' : 'Запросы школы'));
  if (requests.length === 0) section.append(el('p', 'muted', 'Запросов нет.'));
  const list = el('ul', 'plain-list');
  for (const q of requests) {
    const li = el('li', 'panel');
    li.append(el('p', undefined, `${q.schoolName}: ${monthLabel(q.month)} — `), el('p', 'small', q.reason));
    /** @type {HTMLElement} */ (li.firstChild).append(el('span', 'badge', q.statusLabel));
    if (q.comment) li.append(el('p', 'small muted', `${q.answeredByName}: ${q.comment}`));
    if (planner && q.status === 'pending') {
      const comment = el('textarea');
      comment.rows = 2;
      comment.setAttribute('aria-label', `Ответ школе «${q.schoolName}»`);
      const agree = el('button', 'button primary', 'Согласовать');
      const decline = el('button', 'button secondary', 'Отклонить');
      const messages = el('div');
      for (const [button, decision] of /** @type {[HTMLButtonElement, string][]} */ ([[agree, 'agreed'], [decline, 'declined']])) {
        button.type = 'button';
        button.addEventListener('click', () => void busy(button, 'Отправляем…', async () => {
          try {
            await visitsApi.answer(session.mun, q.id, { decision, comment: comment.value || null });
            reload();
          } catch (e) {
            messages.replaceChildren(errorBox(e));
          }
        }));
      }
      const plan = el('a', 'button secondary', 'Запланировать по запросу');
      plan.href = `#/visit/new/${encodeURIComponent(q.schoolId)}/${encodeURIComponent(q.id)}`;
      li.append(messages, comment, el('p'), agree, ' ', decline, ' ', plan);
    }
    list.append(li);
  }
  section.append(list);
  return section;
}

/**
 * @param {import('./types.js').VisitSummary[]} visits
 * @param {string} title
 */
function visitsPanel(visits, title) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, title));
  if (visits.length === 0) section.append(el('p', 'muted', 'Посещений пока нет.'));
  const list = el('ul', 'plain-list');
  for (const v of visits) {
    const li = el('li');
    const a = el('a', undefined, `${dayName(v.date)} — ${v.schoolName}`);
    a.href = `#/visit/${v.id}`;
    li.append(a, ` · ${v.status === 'cancelled' ? 'отменено' : 'запланировано'} · команда ${v.teamSize} чел. · уроков ${v.lessons}${v.onTeam ? ' · вы в команде' : ''}`);
    li.append(el('p', 'small muted', v.purpose));
    list.append(li);
  }
  section.append(list);
  return section;
}

/**
 * @param {Session} session
 * @param {string} school
 * @param {() => void} reload
 */
function askPanel(session, school, reload) {
  const section = el('section', 'panel');
  section.append(el('h2', undefined, 'Попросить «Методический день»'), el('p', 'hint', 'Программа: «Методический день» может проводиться по запросу администрации школы. Один запрос на месяц.'));
  const form = el('form', 'stack-form');
  const messages = el('div');
  const month = el('input');
  month.type = 'month';
  month.id = 'vs-ask-month';
  const monthLabelEl = el('label', undefined, 'Месяц');
  monthLabelEl.htmlFor = 'vs-ask-month';
  const reason = el('textarea');
  reason.id = 'vs-ask-reason';
  reason.rows = 3;
  const reasonLabel = el('label', undefined, 'С чем школе нужна помощь');
  reasonLabel.htmlFor = 'vs-ask-reason';
  const send = el('button', 'button primary', 'Отправить запрос');
  send.type = 'submit';
  form.append(messages, monthLabelEl, month, reasonLabel, reason, send);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(send, 'Отправляем…', async () => {
      try {
        await visitsApi.ask(session.mun, school, { month: month.value, reason: reason.value });
        reload();
      } catch (err) {
        messages.replaceChildren(errorBox(err));
      }
    });
  });
  section.append(form);
  return section;
}
