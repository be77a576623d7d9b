// @ts-check
// Teachers' individual educational routes (ИОМ, seed 004). The list: the school's teachers with their route's state
// («нет», «черновик», «согласован», «утверждён») and the December effectiveness review. A route: its items, the draft
// from the latest entry diagnostic, the plan's editor, the teacher's and the tutor's marks, the approval by the
// school's order, progress with evidence (a certificate, a practice of the bank), consultations and earlier revisions.
// A conflict (someone saved first) shows the current route and keeps what this person typed beside it.

import { clone, el, errorBox, loading, saveFile, busy } from '../../js/dom.js';
import { ApiError } from '../../js/api.js';
import { formatDate } from '../../js/format.js';
import { routesApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').RouteView} RouteView */
/** @typedef {import('./types.js').RouteItem} RouteItem */
/** @typedef {import('./types.js').ItemInput} ItemInput */
/** @typedef {import('./types.js').RouteInput} RouteInput */
/** @typedef {import('./types.js').CompetencePractices} CompetencePractices */
/** @typedef {import('./types.js').ModuleChoice} ModuleChoice */

const competences = [
  ['subject', 'предметная'], ['methodical', 'методическая'], ['digital', 'цифровая'],
  ['communicative', 'коммуникативная'], ['psychological', 'психолого-педагогическая'],
];
const forms = [
  ['course', 'курс повышения квалификации'], ['seminar', 'семинар'], ['subscription', 'модуль методического абонемента'],
  ['mentoring', 'наставничество'], ['self-education', 'самообразование'], ['open-lesson', 'открытый урок'],
  ['method-day', 'практика на методическом дне'], ['other', 'другое'],
];
const statuses = [['planned', 'запланировано'], ['in-progress', 'выполняется'], ['done', 'выполнено'], ['cancelled', 'отменено']];
const stateWords = /** @type {Record<string, string>} */ ({ none: 'нет', draft: 'черновик', agreed: 'согласован', approved: 'утверждён' });

/** «14 ноября 2026 г.»: the calendar date of a yyyy-MM-dd (or of an instant's first ten characters). @param {string} iso */
export const day = (iso) => formatDate(iso.slice(0, 10), 'UTC');
/** @param {number} n */
export const hours = (n) => `${String(n).replace('.', ',')} ч`;

/** Today in the municipality's time zone, yyyy-MM-dd (`session.today` is the month). @param {Session} session */
function todayIn(session) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: session.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/** The school year of a date: «2026-27» from September 2026 to August 2027. @param {string} today yyyy-MM-dd */
function periodOf(today) {
  const year = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 9 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The chips of the last, this and next school year. @param {Session} session @param {string} period @param {(p: string) => string} href */
export function years(session, period, href) {
  const nav = el('nav', 'round-list');
  nav.setAttribute('aria-label', 'Учебный год');
  const start = Number(periodOf(session.today).slice(0, 4));
  for (const y of [start - 1, start, start + 1]) {
    const p = `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
    const a = el('a', 'chip', `${y}/${p.slice(5)} учебный год`);
    a.href = href(p);
    if (p === period) a.setAttribute('aria-current', 'page');
    nav.append(a);
  }
  return nav;
}

/** @param {string | null} chosen @param {Session} session */
export const periodFrom = (chosen, session) => (chosen && /^\d{4}-\d{2}$/.test(chosen) ? chosen : periodOf(session.today));

/** @param {Session} session */
const keeps = (session) => ['SchoolAdmin', 'Methodist'].includes(session.me.member.role);

/** @param {string} label @param {HTMLElement} input @param {string} [hint] */
function field(label, input, hint) {
  const wrap = el('div', 'field');
  const l = el('label', '', label);
  l.htmlFor = input.id;
  wrap.append(l);
  if (hint) wrap.append(el('p', 'hint', hint));
  wrap.append(input);
  return wrap;
}

let uid = 0;
/** @template {keyof HTMLElementTagNameMap} K @param {K} tag @returns {HTMLElementTagNameMap[K]} */
function control(tag) {
  const node = el(tag);
  node.id = `rt-${++uid}`;
  return node;
}

/** @param {string[][]} options @param {string} value */
function select(options, value) {
  const s = control('select');
  for (const [code, label] of options) s.append(new Option(label, code, false, code === value));
  return s;
}

/** @param {string} type @param {string | number | null | undefined} value */
function input(type, value) {
  const i = control('input');
  i.type = type;
  i.value = value === null || value === undefined ? '' : String(value);
  return i;
}

/** A practice's id from what a person pastes: the id itself or a link «…#/practice/{id}». @param {string} text */
function practiceId(text) {
  const t = text.trim();
  const m = /#\/practice\/([A-Za-z0-9_-]+)/.exec(t);
  return m ? m[1] : t || null;
}

/**
 * The school's teachers and their routes for a school year; for the school's keepers also the effectiveness review.
 * @param {HTMLElement} slot @param {Session} session @param {string} school @param {string | null} chosen
 */
export async function showRouteList(slot, session, school, chosen) {
  const { root, refs } = clone('t-routes');
  slot.replaceChildren(root);
  const body = /** @type {HTMLElement} */ (refs.body);
  const period = periodFrom(chosen, session);
  body.replaceChildren(loading());
  const keeper = keeps(session);
  /** @type {import('./types.js').RouteSummary[]} */
  let routes;
  /** @type {{ id: string, fullName: string }[]} */
  let teachers = [];
  try {
    const [list, staff] = await Promise.all([
      routesApi.list(session.mun, school, period),
      keeper ? routesApi.staff(session.mun, school) : Promise.resolve(null),
    ]);
    routes = list;
    if (staff) {
      teachers = staff.teachers;
      if (refs.school) refs.school.textContent = staff.schoolName;
    }
  } catch (e) {
    body.replaceChildren(errorBox(e, () => showRouteList(slot, session, school, chosen)));
    return;
  }
  body.replaceChildren();
  if (session.me.member.role === 'Methodist') {
    const back = el('a', '', '← Маршруты по школам');
    back.href = `#/routes-overview/${period}`;
    const line = el('p');
    line.append(back);
    body.append(line);
  }

  body.append(years(session, period, (p) => `#/routes/${encodeURIComponent(school)}/${p}`));

  /** @type {Map<string, import('./types.js').RouteSummary>} */
  const byTeacher = new Map(routes.map((r) => [r.teacherId, r]));
  const rows = keeper
    ? teachers.map((t) => ({ id: t.id, name: t.fullName, route: byTeacher.get(t.id) ?? null }))
    : routes.map((r) => ({ id: r.teacherId, name: r.teacherName, route: r }));
  if (rows.length === 0) {
    body.append(el('p', 'muted', keeper
      ? 'В списке школы пока нет педагогов: добавьте их на странице «Педагоги школы».'
      : 'Маршрута на этот учебный год у вас пока нет: его составляет администрация школы вместе с вами по итогам диагностики.'));
    return;
  }

  const wrap = el('div', 'table-scroll');
  const table = el('table', 'data routes-table');
  const head = el('tr');
  for (const h of ['Педагог', 'Маршрут', 'Выполнено', 'Часы']) head.append(el('th', '', h));
  table.append(el('thead'), el('tbody'));
  table.tHead?.append(head);
  for (const row of rows) {
    const tr = el('tr');
    const name = el('th');
    name.scope = 'row';
    const a = el('a', '', row.name);
    a.href = `#/routes/${encodeURIComponent(school)}/${encodeURIComponent(row.id)}/${period}`;
    name.append(a);
    const state = row.route?.state ?? 'none';
    const badge = el('span', `badge route-state ${state}`, stateWords[state] ?? state);
    tr.append(name, cell(badge),
      el('td', '', row.route ? `${row.route.done} из ${row.route.items}` : '—'),
      el('td', '', row.route ? hours(row.route.totalHours) : '—'));
    table.tBodies[0].append(tr);
  }
  wrap.append(table);
  body.append(wrap);

  if (keeper) body.append(reviewPanel(session, school, period));
}

/** @param {Node} node */
function cell(node) {
  const td = el('td');
  td.append(node);
  return td;
}

/**
 * A closed panel that fills itself when first opened; a failure says so and the next opening tries again.
 * @param {string} summary @param {(slot: HTMLElement) => Promise<void>} fill
 */
function loadedWhenOpened(summary, fill) {
  const details = el('details', 'panel');
  details.append(el('summary', '', summary));
  const slot = el('div');
  details.append(slot);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    slot.replaceChildren(loading());
    try {
      await fill(slot);
    } catch (e) {
      loaded = false;
      slot.replaceChildren(errorBox(e));
    }
  });
  return details;
}

/** The December review: per teacher and the school's totals, loaded when opened. @param {Session} session @param {string} school @param {string} period */
function reviewPanel(session, school, period) {
  return loadedWhenOpened('Анализ эффективности мероприятий ИОМ (декабрь)', async (slot) => {
    const review = await routesApi.review(session.mun, school, period);
    slot.replaceChildren(reviewTable(review));
  });
}

/** @param {import('./types.js').SchoolReview} review */
function reviewTable(review) {
  const frag = el('div');
  if (review.rows.length === 0) {
    frag.append(el('p', 'muted', 'Маршрутов на этот учебный год пока нет.'));
    return frag;
  }
  if (!review.repeatRoundId) frag.append(el('p', 'hint', 'Повторной диагностики пока нет: изменение уровня компетенций появится после неё.'));
  const labels = review.totals.means.map((m) => m.label);
  const wrap = el('div', 'table-scroll');
  const table = el('table', 'data review-table');
  const head = el('tr');
  for (const h of ['№', 'Педагог', 'Выполнено мероприятий', 'Часы: выполнено из запланированных', ...labels.map((l) => `${l}: вх. → повт. %`)]) head.append(el('th', '', h));
  table.append(el('thead'), el('tbody'), el('tfoot'));
  table.tHead?.append(head);
  /** @param {import('./types.js').CompetenceChange} c */
  const change = (c) => c.entry === null ? '—' : c.repeat === null ? `${c.entry} → …` : `${c.entry} → ${c.repeat} (${(c.change ?? 0) > 0 ? '+' : ''}${c.change})`;
  for (const r of review.rows) {
    const tr = el('tr');
    tr.append(el('td', '', r.number), el('th', '', r.teacherName ?? '—'), el('td', '', `${r.itemsDone} из ${r.itemsTotal}`),
      el('td', '', `${hours(r.hoursDone)} из ${hours(r.hoursPlanned)}`), ...r.changes.map((c) => el('td', '', change(c))));
    table.tBodies[0].append(tr);
  }
  const t = review.totals;
  const total = el('tr', 'total');
  total.append(el('td'), el('th', '', `По школе (педагогов: ${t.teachers}, утверждено: ${t.approved})`), el('td', '', `${t.itemsDone} из ${t.itemsTotal}`),
    el('td', '', `${hours(t.hoursDone)} из ${hours(t.hoursPlanned)}`), ...t.means.map((c) => el('td', '', change(c))));
  table.tFoot?.append(total);
  wrap.append(table);
  frag.append(wrap);
  return frag;
}

/**
 * What this person typed and did not get saved because someone saved first: shown beside the current route.
 * @typedef {{ kind: 'plan', input: RouteInput, message: string } | { kind: 'progress', item: string,
 *   values: { status: string, practiceId: string | null, evidenceNote: string | null }, message: string }} Pending
 */

/**
 * One teacher's route for a school year.
 * @param {HTMLElement} slot @param {Session} session @param {string} school @param {string} teacher @param {string} period
 * @param {{ route?: RouteView | null, pending?: Pending | null, edit?: RouteInput | null, message?: string | null, offers?: CompetencePractices[] | null }} [state]
 */
export async function showRoute(slot, session, school, teacher, period, state = {}) {
  const { root, refs } = clone('t-route');
  slot.replaceChildren(root);
  const body = /** @type {HTMLElement} */ (refs.body);
  const label = `${period.replace('-', '/')} учебный год`;
  if (refs.period) refs.period.textContent = `ИОМ · ${label}`;
  body.replaceChildren(loading());
  const keeper = keeps(session);
  /** @type {RouteView | null} */
  let route = state.route ?? null;
  if (state.route === undefined) {
    try {
      route = await routesApi.get(session.mun, school, teacher, period);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404 && keeper && /пока нет/.test(e.detail))) {
        body.replaceChildren(errorBox(e, () => showRoute(slot, session, school, teacher, period)));
        return;
      }
    }
  }
  body.replaceChildren();
  const back = el('a', '', '← Все маршруты школы');
  back.href = `#/routes/${encodeURIComponent(school)}/${period}`;
  const backLine = el('p');
  backLine.append(back);
  body.append(backLine);
  /** @param {{ route?: RouteView | null, pending?: Pending | null, edit?: RouteInput | null, message?: string | null, offers?: CompetencePractices[] | null }} next */
  const again = (next) => showRoute(slot, session, school, teacher, period, next);
  const ctx = { session, school, teacher, period, again };

  if (state.message) {
    const note = el('p', 'notice', state.message);
    note.setAttribute('role', 'status');
    body.append(note);
  }

  if (!route) {
    if (refs.teacher) refs.teacher.textContent = 'Маршрут педагога';
    body.append(el('p', 'muted', `Маршрута на ${label} пока нет.`));
    if (state.edit) body.append(editor(ctx, null, state.edit, state.offers ?? []));
    else body.append(startPanel(ctx));
    return;
  }
  if (refs.teacher) refs.teacher.textContent = route.teacherName;

  if (state.pending) body.append(pendingBox(ctx, route, state.pending));

  const summary = el('div', 'panel route-summary');
  const line = el('p');
  line.append(el('span', `badge route-state ${route.state}`, stateWords[route.state] ?? route.state), ` ${route.stateLabel}`,
    route.revision > 1 ? ` · редакция ${route.revision}` : '');
  summary.append(line, el('p', '', `Тьютор: ${route.tutorName}`), el('p', '', `Всего: ${hours(route.totalHours)} · мероприятий: ${route.items.length}`));
  if (route.teacherAgreement) summary.append(el('p', 'muted', `Согласовано педагогом: ${route.teacherAgreement.byName}, ${day(route.teacherAgreement.at)}`));
  if (route.tutorAgreement) summary.append(el('p', 'muted', `Согласовано тьютором: ${route.tutorAgreement.byName}, ${day(route.tutorAgreement.at)}`));
  if (route.approval) summary.append(el('p', '', `${route.approval.words} (${route.approval.byName})`));
  summary.append(el('p', 'muted small', `Изменил(а): ${route.updatedByName}, ${day(route.updatedAt)}`));
  body.append(summary);

  const messages = el('div');
  messages.setAttribute('role', 'alert');
  body.append(marks(ctx, route, messages), messages);

  const list = el('section', 'route-items');
  list.setAttribute('aria-label', 'Мероприятия маршрута');
  list.append(el('h2', '', 'Мероприятия'));
  for (const item of route.items) list.append(itemCard(ctx, route, item, state.pending?.kind === 'progress' && state.pending.item === item.id ? state.pending.values : null));
  body.append(list);

  if (keeper) {
    if (state.edit) body.append(editor(ctx, route, state.edit));
    else {
      const change = el('button', 'button secondary', 'Изменить план маршрута');
      change.type = 'button';
      change.addEventListener('click', () => again({ route, edit: inputOf(route) }));
      body.append(change);
      if (route.state === 'approved') body.append(el('p', 'hint', 'Изменение плана утверждённого маршрута — новая редакция: её снова согласуют и утверждают. Отметки о выполнении плана не меняют.'));
    }
  }

  body.append(consultations(ctx, route), revisions(ctx));
}

/**
 * @typedef {{ session: Session, school: string, teacher: string, period: string,
 *   again: (next: { route?: RouteView | null, pending?: Pending | null, edit?: RouteInput | null, message?: string | null, offers?: CompetencePractices[] | null }) => Promise<void> }} Ctx
 */

/** @param {RouteView} route @returns {RouteInput} */
function inputOf(route) {
  return {
    tutorName: route.tutorName, tutorMemberId: route.tutorMemberId, entryRoundId: route.entryRoundId,
    items: route.items.map((i) => ({
      id: i.id, competence: i.competence, content: i.content, form: i.form, hours: i.hours, startDate: i.startDate, endDate: i.endDate,
      responsibleName: i.responsibleName, responsibleMemberId: i.responsibleMemberId, status: i.status, practiceId: i.practiceId, evidenceNote: i.evidenceNote,
      moduleId: i.moduleId,
    })),
  };
}

/**
 * A conflict's answer: the route as it is now, and what this person sent.
 * @param {Ctx} ctx @param {unknown} error @param {Pending} pending @param {HTMLElement} messages
 */
async function conflict(ctx, error, pending, messages) {
  if (error instanceof ApiError && error.status === 409 && error.problem && typeof error.problem === 'object' && 'current' in error.problem && error.problem.current) {
    await ctx.again({ route: /** @type {RouteView} */ (error.problem.current), pending: { ...pending, message: error.detail } });
    return;
  }
  messages.replaceChildren(errorBox(error));
}

/** @param {Ctx} ctx @param {RouteView} route @param {Pending} pending */
function pendingBox(ctx, route, pending) {
  const box = el('div', 'panel route-conflict');
  box.setAttribute('role', 'alert');
  box.append(el('h2', '', 'Маршрут изменил другой человек'), el('p', '', pending.message),
    el('p', '', 'Ниже — текущий маршрут. Ваш вариант не потерян:'));
  if (pending.kind === 'plan') {
    const ol = el('ol');
    for (const i of pending.input.items) ol.append(el('li', '', `${i.content} — ${hours(i.hours)}, ${day(i.startDate)} — ${day(i.endDate)}`));
    const restore = el('button', 'button primary', 'Вернуть мой вариант в форму');
    restore.type = 'button';
    restore.addEventListener('click', () => ctx.again({ route, edit: pending.input }));
    box.append(el('p', '', `Тьютор: ${pending.input.tutorName ?? '—'}`), ol, restore);
  } else {
    const s = statuses.find(([c]) => c === pending.values.status)?.[1] ?? pending.values.status;
    box.append(el('p', '', `Ваша отметка: ${s}${pending.values.evidenceNote ? ` — ${pending.values.evidenceNote}` : ''}. Она подставлена в форму мероприятия: проверьте и сохраните ещё раз.`));
  }
  return box;
}

/** Start of a route: a draft from the latest entry diagnostic, or an empty plan. @param {Ctx} ctx */
function startPanel(ctx) {
  const panel = el('div', 'panel');
  const messages = el('div');
  messages.setAttribute('role', 'alert');
  const draft = el('button', 'button primary', 'Составить по диагностике');
  draft.type = 'button';
  draft.addEventListener('click', () => busy(draft, 'Составляем…', async () => {
    messages.replaceChildren();
    try {
      const { rounds } = await routesApi.rounds(ctx.session.mun, ctx.school);
      const entry = rounds.filter((r) => r.kind === 'entry').sort((a, b) => b.date.localeCompare(a.date))[0];
      if (!entry) {
        messages.append(el('p', 'field-error', 'У школы нет входной диагностики: проведите её на странице «Диагностика педагогов» или составьте маршрут вручную.'));
        return;
      }
      const d = await routesApi.draft(ctx.session.mun, ctx.school, ctx.teacher, entry.id, ctx.period);
      await ctx.again({
        route: null, message: `По входной диагностике от ${day(d.roundDate)}. ${d.message}`, offers: d.practices,
        edit: { tutorName: null, tutorMemberId: null, entryRoundId: d.entryRoundId, items: d.items.map((i) => ({ ...i, practiceId: null, evidenceNote: null })) },
      });
    } catch (e) {
      messages.append(errorBox(e));
    }
  }));
  const empty = el('button', 'button secondary', 'Составить вручную');
  empty.type = 'button';
  empty.addEventListener('click', () => ctx.again({ route: null, edit: { tutorName: null, tutorMemberId: null, entryRoundId: null, items: [blankItem(ctx.period)] } }));
  panel.append(el('p', '', 'Маршрут составляют по итогам входной диагностики: по мероприятию на каждую компетенцию низкого и среднего уровня.'), draft, ' ', empty, messages);
  return panel;
}

/** @param {string} period @returns {ItemInput} */
function blankItem(period) {
  const y = Number(period.slice(0, 4));
  return { id: '', competence: 'methodical', content: '', form: 'seminar', hours: 18, startDate: `${y}-09-01`, endDate: `${y}-12-15`,
    responsibleName: null, responsibleMemberId: null, status: 'planned', practiceId: null, evidenceNote: null, moduleId: null };
}

/**
 * The plan's editor: the tutor and the items. Saving a new route needs no ETag; changing one sends the one read.
 * A draft from the diagnostic brings the bank's accepted practices for its competences: each item offers those of
 * its competence, and one can be taken as the item's practice.
 * @param {Ctx} ctx @param {RouteView | null} route @param {RouteInput} input @param {CompetencePractices[]} [offers]
 */
function editor(ctx, route, input, offers = []) {
  const form = el('form', 'panel edit-form route-editor');
  form.noValidate = true;
  form.append(el('h2', '', route ? 'План маршрута' : 'Новый маршрут'));
  const me = ctx.session.me.member;
  const name = inputBox('text', input.tutorName);
  name.maxLength = 200;
  const self = control('input');
  self.type = 'checkbox';
  self.checked = input.tutorMemberId === me.personId;
  const selfLabel = el('label', 'check');
  selfLabel.htmlFor = self.id;
  selfLabel.append(self, ` Тьютор — я (${me.displayName}): отметку тьютора ставлю сам(а)`);
  form.append(field('Тьютор (наставник)', name, 'ФИО тьютора, который сопровождает маршрут. Если тьютора нет в системе, его отметку ставит администрация школы.'), selfLabel);

  const items = el('div', 'route-edit-items');
  /** @type {(() => ItemInput)[]} */
  const readers = [];
  /** The subscription's modules for this school and year, asked once when an item in that form first needs them. @type {Promise<ModuleChoice[]> | null} */
  let choices = null;
  const loadChoices = () => (choices ??= routesApi.modules(ctx.session.mun, ctx.school, ctx.period).then((c) => c.modules));
  /** @param {ItemInput} item */
  const addItem = (item) => {
    const box = el('fieldset', 'panel route-edit-item');
    const n = items.children.length + 1;
    box.append(el('legend', '', `Мероприятие ${n}`));
    const competence = select(competences, item.competence);
    const content = control('textarea');
    content.value = item.content;
    content.maxLength = 1000;
    content.rows = 3;
    const formSel = select(forms, item.form);
    const h = inputBox('number', item.hours);
    h.step = '0.5';
    h.min = '0.5';
    const start = inputBox('date', item.startDate);
    const end = inputBox('date', item.endDate);
    const responsible = inputBox('text', item.responsibleName);
    const status = select(statuses, item.status);
    const remove = el('button', 'link-button', 'Убрать мероприятие');
    remove.type = 'button';
    let practice = item.practiceId;
    const offered = el('div', 'route-offers');
    const showOffers = () => {
      const found = offers.find((o) => o.competence === competence.value)?.practices ?? [];
      offered.replaceChildren();
      if (found.length === 0) return;
      const ul = el('ul', 'plain-list');
      for (const p of found) {
        const li = el('li');
        const a = el('a', '', p.title);
        a.href = `#/practice/${encodeURIComponent(p.id)}`;
        a.target = '_blank';
        const words = practice === p.id ? 'Практика мероприятия' : 'Взять в мероприятие';
        const take = el('button', 'link-button', words);
        take.type = 'button';
        take.setAttribute('aria-label', `${words}: ${p.title}`);
        take.disabled = practice === p.id;
        take.addEventListener('click', () => { practice = p.id; showOffers(); });
        li.append(a, ' ', take);
        ul.append(li);
      }
      offered.append(el('p', 'hint', 'Практики банка по этой компетенции'), ul);
    };
    competence.addEventListener('change', showOffers);
    showOffers();
    // «Модуль методического абонемента»: one of the municipality's modules fills the item and links it, so that
    // attending the module marks this item (docs/routes.md).
    let moduleId = item.moduleId ?? null;
    const picker = el('div', 'route-module');
    const showPicker = async () => {
      if (formSel.value !== 'subscription') {
        picker.replaceChildren();
        return;
      }
      picker.replaceChildren(loading('Загружаем модули абонемента…'));
      /** @type {ModuleChoice[]} */
      let list;
      try {
        list = await loadChoices();
      } catch (e) {
        choices = null;
        picker.replaceChildren(errorBox(e, () => void showPicker()));
        return;
      }
      if (formSel.value !== 'subscription') {
        picker.replaceChildren();
        return;
      }
      const sel = control('select');
      sel.append(new Option('— не выбран: содержание впишу сам(а) —', '', false, moduleId === null));
      const own = el('optgroup');
      own.label = 'Комплексный маршрут школы';
      const other = el('optgroup');
      other.label = 'Другие модули муниципалитета';
      for (const m of list) {
        const text = `${m.formLabel} «${m.topic}» · ${hours(m.hours)} · ${day(m.startDate)} — ${day(m.endDate)}`;
        (m.inSchoolRoute ? own : other).append(new Option(text, m.id, false, m.id === moduleId));
      }
      if (own.children.length > 0) sel.append(own);
      if (other.children.length > 0) sel.append(other);
      if (moduleId && !list.some((m) => m.id === moduleId)) sel.append(new Option('выбранный ранее модуль (завершён)', moduleId, false, true));
      const note = el('p', 'hint');
      const explain = () => {
        const m = list.find((x) => x.id === moduleId);
        note.textContent = !moduleId ? (list.length === 0 ? 'Модулей абонемента на этот учебный год пока нет.' : '')
          : !m ? 'Посещение занятия модуля отметит это мероприятие выполненным.'
            : !m.inSchoolRoute ? 'Модуль запланирован не для этой школы: посещение отметят, когда муниципальный центр добавит школу в модуль.'
              : `Ведущий: ${m.leadName}; место: ${m.place}.${m.agreedBySchool ? '' : ' Школа ещё не согласовала этот модуль в комплексном маршруте.'} Посещение занятия отметит это мероприятие выполненным.`;
      };
      sel.addEventListener('change', () => {
        moduleId = sel.value || null;
        const m = list.find((x) => x.id === moduleId);
        if (m) {
          competence.value = m.competence;
          content.value = `Модуль методического абонемента: ${m.formLabel} «${m.topic}»`;
          h.value = String(m.hours);
          start.value = m.startDate;
          end.value = m.endDate;
          responsible.value = m.leadName;
          showOffers();
        }
        explain();
      });
      explain();
      picker.replaceChildren(field('Модуль методического абонемента', sel, 'Модули комплексного маршрута школы — первыми. Выбор заполнит компетенцию, содержание, часы, сроки и ведущего.'), note);
    };
    formSel.addEventListener('change', () => void showPicker());
    void showPicker();
    const reader = () => ({
      id: item.id, competence: competence.value, content: content.value, form: formSel.value, hours: Number(h.value.replace(',', '.')),
      startDate: start.value, endDate: end.value, responsibleName: responsible.value || null, responsibleMemberId: item.responsibleMemberId,
      status: status.value, practiceId: practice, evidenceNote: item.evidenceNote, moduleId: formSel.value === 'subscription' ? moduleId : null,
    });
    readers.push(reader);
    remove.addEventListener('click', () => { box.remove(); readers.splice(readers.indexOf(reader), 1); });
    box.append(field('Компетенция', competence), offered, field('Содержание', content), field('Форма', formSel), picker, field('Часы', h),
      field('Начало', start), field('Окончание', end), field('Ответственный', responsible), field('Состояние', status), remove);
    items.append(box);
  };
  for (const item of input.items) addItem(item);
  const add = el('button', 'button secondary', 'Добавить мероприятие');
  add.type = 'button';
  add.addEventListener('click', () => addItem(blankItem(ctx.period)));
  const messages = el('div');
  messages.setAttribute('role', 'alert');
  const save = el('button', 'button primary', 'Сохранить маршрут');
  save.type = 'submit';
  const cancel = el('button', 'button secondary', 'Отмена');
  cancel.type = 'button';
  cancel.addEventListener('click', () => ctx.again(route ? { route } : {}));
  form.append(items, add, messages, save, ' ', cancel);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    messages.replaceChildren();
    /** @type {RouteInput} */
    const sent = {
      tutorName: name.value.trim() || null,
      tutorMemberId: self.checked ? me.personId : input.tutorMemberId === me.personId ? null : input.tutorMemberId,
      entryRoundId: input.entryRoundId,
      items: readers.map((r) => r()),
    };
    void busy(save, 'Сохраняем…', async () => {
      try {
        const saved = await routesApi.save(ctx.session.mun, ctx.school, ctx.teacher, ctx.period, sent, route?.eTag ?? null);
        await ctx.again({ route: saved, message: 'Маршрут сохранён.' });
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
          messages.append(errorBox(error), fieldErrors(error));
          return;
        }
        await conflict(ctx, error, { kind: 'plan', input: sent, message: '' }, messages);
      }
    });
  });
  return form;
}

/** @param {string} type @param {string | number | null | undefined} value */
function inputBox(type, value) {
  return input(type, value);
}

/** The field errors of a 400, each as «Мероприятие 2, часы: …». @param {ApiError} error */
function fieldErrors(error) {
  const ul = el('ul', 'field-error');
  const names = /** @type {Record<string, string>} */ ({
    competence: 'компетенция', content: 'содержание', form: 'форма', hours: 'часы', startDate: 'начало', endDate: 'окончание',
    responsibleName: 'ответственный', status: 'состояние', practiceId: 'практика банка', evidenceNote: 'примечание', tutorName: 'тьютор', tutorMemberId: 'тьютор',
    moduleId: 'модуль абонемента',
  });
  for (const [key, list] of Object.entries(error.errors ?? {})) {
    const m = /^items\.(\d+)\.?(\w*)$/.exec(key);
    const where = m ? `Мероприятие ${Number(m[1]) + 1}${m[2] ? `, ${names[m[2]] ?? m[2]}` : ''}` : names[key] ?? key;
    for (const text of list) ul.append(el('li', '', `${where}: ${text}`));
  }
  return ul;
}

/** The teacher's and the tutor's marks and the approval by order. @param {Ctx} ctx @param {RouteView} route @param {HTMLElement} messages */
function marks(ctx, route, messages) {
  const box = el('div', 'toolbar route-marks');
  if (route.state === 'approved') return box;
  const me = ctx.session.me.member;
  const keeper = keeps(ctx.session);
  /** @param {'teacher' | 'tutor'} as @param {string} text */
  const agree = (as, text) => {
    const b = el('button', 'button primary', text);
    b.type = 'button';
    b.addEventListener('click', () => busy(b, 'Отмечаем…', async () => {
      messages.replaceChildren();
      try {
        const next = await routesApi.agree(ctx.session.mun, ctx.school, ctx.teacher, ctx.period, as, route.eTag);
        await ctx.again({ route: next, message: as === 'teacher' ? 'Согласование педагога отмечено.' : 'Согласование тьютора отмечено.' });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409 && e.problem?.current) {
          await ctx.again({ route: /** @type {RouteView} */ (e.problem.current), message: `${e.detail} Показана текущая редакция.` });
          return;
        }
        messages.replaceChildren(errorBox(e));
      }
    }));
    return b;
  };
  if (!route.teacherAgreement && me.role === 'Teacher' && route.tutorMemberId !== me.personId) box.append(agree('teacher', 'Согласовать маршрут (педагог)'));
  if (!route.tutorAgreement && (route.tutorMemberId === me.personId || (route.tutorMemberId === null && keeper))) {
    box.append(agree('tutor', route.tutorMemberId === null ? `Отметить согласование тьютора (${route.tutorName})` : 'Согласовать маршрут (тьютор)'));
  }
  if (me.role === 'SchoolAdmin' && route.state === 'agreed') box.append(approvalForm(ctx, route, messages));
  else if (me.role === 'SchoolAdmin') box.append(el('p', 'hint', 'Утвердить приказом можно после отметок педагога и тьютора.'));
  return box;
}

/** @param {Ctx} ctx @param {RouteView} route @param {HTMLElement} messages */
function approvalForm(ctx, route, messages) {
  const form = el('form', 'edit-form');
  form.noValidate = true;
  const date = inputBox('date', todayIn(ctx.session));
  const number = inputBox('text', '');
  number.maxLength = 50;
  const submit = el('button', 'button primary', 'Утвердить приказом');
  submit.type = 'submit';
  form.append(el('h2', '', 'Приказ об утверждении ИОМ'), field('Дата приказа', date), field('Номер приказа', number), submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    messages.replaceChildren();
    void busy(submit, 'Утверждаем…', async () => {
      try {
        const next = await routesApi.approve(ctx.session.mun, ctx.school, ctx.teacher, ctx.period, { orderDate: date.value, orderNumber: number.value }, route.eTag);
        await ctx.again({ route: next, message: 'Маршрут утверждён.' });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && error.problem?.current) {
          await ctx.again({ route: /** @type {RouteView} */ (error.problem.current), message: `${error.detail}` });
          return;
        }
        messages.replaceChildren(errorBox(error));
        if (error instanceof ApiError && error.status === 400) messages.append(fieldErrors(error));
      }
    });
  });
  return form;
}

/**
 * An item as read, with its evidence; the teacher and the school's keepers record its progress here.
 * @param {Ctx} ctx @param {RouteView} route @param {RouteItem} item
 * @param {{ status: string, practiceId: string | null, evidenceNote: string | null } | null} typed what a conflict kept
 */
function itemCard(ctx, route, item, typed) {
  const card = el('article', `panel route-item ${item.status}`);
  card.append(el('h3', '', item.content));
  const meta = el('p', 'muted');
  meta.textContent = `${item.competenceLabel} компетенция · ${item.formLabel} · ${hours(item.hours)} · ${day(item.startDate)} — ${day(item.endDate)}`
    + (item.responsibleName ? ` · ответственный: ${item.responsibleName}` : '');
  const status = el('p');
  status.append(el('span', `badge item-status ${item.status}`, item.statusLabel));
  const overdue = item.status !== 'done' && item.status !== 'cancelled' && item.endDate < todayIn(ctx.session);
  if (overdue) status.append(' ', el('span', 'field-error', 'срок прошёл'));
  card.append(meta, status);
  if (item.moduleId) card.append(el('p', 'muted small', 'Модуль методического абонемента: посещение занятия отмечает это мероприятие.'));
  if (item.evidenceNote) card.append(el('p', '', `Подтверждение: ${item.evidenceNote}`));
  if (item.practiceId) {
    const a = el('a', '', 'Практика в банке');
    a.href = `#/practice/${encodeURIComponent(item.practiceId)}`;
    const p = el('p');
    p.append(a);
    card.append(p);
  }
  if (item.certificate) {
    const c = item.certificate;
    const b = el('button', 'link-button', `Удостоверение: ${c.fileName}`);
    b.type = 'button';
    b.addEventListener('click', () => busy(b, 'Скачиваем…', async () => {
      const file = await routesApi.certificate(ctx.session.mun, ctx.school, ctx.teacher, ctx.period, item.id, c.fileName);
      if (file.blob) saveFile(file.blob, file.fileName);
    }));
    const p = el('p');
    p.append(b, el('span', 'muted small', ` (загрузил(а) ${c.byName}, ${day(c.at)})`));
    card.append(p);
  }
  const me = ctx.session.me.member;
  if (keeps(ctx.session) || me.role === 'Teacher') card.append(progressForm(ctx, route, item, typed));
  return card;
}

/** @param {Ctx} ctx @param {RouteView} route @param {RouteItem} item @param {{ status: string, practiceId: string | null, evidenceNote: string | null } | null} typed */
function progressForm(ctx, route, item, typed) {
  const details = el('details', 'route-progress');
  details.open = typed !== null;
  details.append(el('summary', '', item.status === 'done' ? 'Изменить отметку о выполнении' : 'Отметить выполнение'));
  const form = el('form', 'edit-form');
  form.noValidate = true;
  const options = keeps(ctx.session) ? statuses : statuses.filter(([c]) => c !== 'cancelled' || item.status === 'cancelled');
  const status = select(options, typed?.status ?? (item.status === 'planned' ? 'done' : item.status));
  const note = inputBox('text', typed?.evidenceNote ?? item.evidenceNote);
  note.maxLength = 2000;
  const practice = inputBox('text', typed?.practiceId ?? item.practiceId);
  const file = control('input');
  file.type = 'file';
  file.accept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
  const messages = el('div');
  messages.setAttribute('role', 'alert');
  const submit = el('button', 'button primary', 'Сохранить отметку');
  submit.type = 'submit';
  form.append(field('Состояние', status),
    field('Удостоверение или сертификат', file, 'PDF, JPEG или PNG, до 5 МБ.'),
    field('Подтверждение (номер удостоверения, где выступал(а))', note),
    field('Практика в банке (ссылка или код)', practice, 'Если по итогам мероприятия вы опубликовали практику в банке.'),
    messages, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    messages.replaceChildren();
    const values = { status: status.value, practiceId: practiceId(practice.value), evidenceNote: note.value.trim() || null };
    void busy(submit, 'Сохраняем…', async () => {
      let current = route;
      try {
        const chosen = file.files?.[0];
        if (chosen) {
          if (chosen.size > 5 * 1024 * 1024) {
            messages.append(el('p', 'field-error', 'Файл больше 5 МБ: отсканируйте удостоверение с меньшим разрешением или сохраните его в PDF.'));
            return;
          }
          current = /** @type {RouteView} */ (await routesApi.upload(ctx.session.mun, ctx.school, ctx.teacher, ctx.period, item.id, chosen));
        }
        const next = await routesApi.progress(ctx.session.mun, ctx.school, ctx.teacher, ctx.period, item.id, values, current.eTag);
        await ctx.again({ route: next, message: `Отмечено: «${item.content}» — ${statuses.find(([c]) => c === values.status)?.[1] ?? values.status}.` });
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
          messages.append(errorBox(error), fieldErrors(error));
          return;
        }
        await conflict(ctx, error, { kind: 'progress', item: item.id, values, message: '' }, messages);
      }
    });
  });
  details.append(form);
  return details;
}

/** The tutor's consultations: the log, and a new one by the tutor or the school's keepers. @param {Ctx} ctx @param {RouteView} route */
function consultations(ctx, route) {
  const section = el('section', 'panel');
  section.append(el('h2', '', 'Консультации тьютора'));
  if (route.consultations.length === 0) section.append(el('p', 'muted', 'Консультаций пока не записано.'));
  else {
    const ul = el('ul');
    for (const c of route.consultations) ul.append(el('li', '', `${day(c.date)} — ${c.note} (${c.byName})`));
    section.append(ul);
  }
  const me = ctx.session.me.member;
  if (!keeps(ctx.session) && route.tutorMemberId !== me.personId) return section;
  const form = el('form', 'edit-form');
  form.noValidate = true;
  const date = inputBox('date', todayIn(ctx.session));
  const note = control('textarea');
  note.rows = 2;
  note.maxLength = 2000;
  const messages = el('div');
  messages.setAttribute('role', 'alert');
  const submit = el('button', 'button secondary', 'Записать консультацию');
  submit.type = 'submit';
  form.append(field('Дата консультации', date), field('О чём', note), messages, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    messages.replaceChildren();
    void busy(submit, 'Записываем…', async () => {
      try {
        await routesApi.consult(ctx.session.mun, ctx.school, ctx.teacher, ctx.period, { date: date.value, note: note.value });
        await ctx.again({ message: 'Консультация записана.' });
      } catch (error) {
        messages.append(errorBox(error));
        if (error instanceof ApiError && error.status === 400) messages.append(fieldErrors(error));
      }
    });
  });
  section.append(form);
  return section;
}

/** Earlier approved revisions, loaded when opened. @param {Ctx} ctx */
function revisions(ctx) {
  return loadedWhenOpened('Прежние утверждённые редакции', async (slot) => {
    const list = await routesApi.revisions(ctx.session.mun, ctx.school, ctx.teacher, ctx.period);
    slot.replaceChildren();
    if (list.length === 0) slot.append(el('p', 'muted', 'Прежних редакций нет: план после утверждения не менялся.'));
    for (const r of list) {
      const box = el('div', 'route-revision');
      box.append(el('h3', '', `Редакция ${r.revision}${r.approval ? ` — ${r.approval.words}` : ''}`));
      const ol = el('ol');
      for (const i of r.items) ol.append(el('li', '', `${i.competenceLabel}: ${i.content} — ${i.formLabel}, ${hours(i.hours)}, ${day(i.startDate)} — ${day(i.endDate)}`));
      box.append(ol);
      slot.append(box);
    }
  });
}
