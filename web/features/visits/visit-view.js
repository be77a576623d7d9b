// @ts-check
// A visit (#/visit/{id}) and its planning form (#/visit/new/{school}[/{request}], #/visit/{id}/edit): the school,
// date, purpose, directions, the team with each member's role, and the lessons observed.

import { busy, clone, el, errorBox, loading } from '../../js/dom.js';
import { dayName, visitsApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * The server's answer, with every field error spelled out (a form of many rows cannot mark each by itself).
 * @param {unknown} e an ApiError (anything else shows the general words)
 */
export function problemBox(e) {
  const box = errorBox(e);
  const errors = /** @type {Record<string, string[]>} */ (/** @type {import('../../js/api.js').ApiError | null | undefined} */ (e)?.errors ?? {});
  const keys = Object.keys(errors);
  if (keys.length > 0) {
    const list = el('ul', 'error-list');
    for (const k of keys) for (const m of errors[k] ?? []) list.append(el('li', undefined, m));
    box.append(list);
  }
  return box;
}

/** @param {import('./types.js').Lesson} v */
function lessonLine(v) {
  return `${v.number}-й урок, ${v.start}–${v.end} · ${v.subject}, ${v.grade} класс · ${v.teacherName}${v.room ? ` · каб. ${v.room}` : ''}`;
}

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string} id
 */
export async function showVisit(main, session, id) {
  const { root, refs } = clone('t-vs-visit');
  refs.body.append(loading('Загружаем посещение…'));
  main.replaceChildren(root);
  try {
    const { data: v, etag } = await visitsApi.visit(session.mun, id);
    document.title = `Методический день: ${v.schoolName} — MethodDays`;
    refs.title.textContent = `Методический день: ${v.schoolName}`;
    refs.subtitle.textContent = `${dayName(v.date)} · ${v.status === 'cancelled' ? 'отменено' : 'запланировано'}${v.basis === 'request' ? ' · по запросу администрации школы' : ''}`;
    const body = el('div');
    for (const w of /** @type {string[]} */ (v.warnings)) body.append(el('p', 'notice', w));
    const purpose = el('section', 'panel');
    purpose.append(el('h2', undefined, 'Цель'), el('p', undefined, v.purpose), el('h3', undefined, 'Направления'));
    const directions = el('ul');
    for (const d of v.directions) directions.append(el('li', undefined, d.label));
    purpose.append(directions);
    const team = el('section', 'panel');
    team.append(el('h2', undefined, `Команда (${v.team.length} чел.)`));
    const members = el('ul', 'plain-list');
    for (const m of v.team) members.append(el('li', undefined, `${m.name}${m.schoolName ? ` (${m.schoolName})` : ''} — ${m.roleLabel}`));
    team.append(members);
    const lessons = el('section', 'panel');
    lessons.append(el('h2', undefined, 'Расписание посещения уроков'));
    const me = session.me.member.personId;
    const names = Object.fromEntries(v.team.map((m) => [m.personId, m.name]));
    const list = el('ol', 'plain-list');
    for (const l of v.lessons) {
      const li = el('li', undefined, lessonLine(l));
      li.append(el('p', 'small muted', `Наблюдает: ${l.observers.map((/** @type {string} */ o) => names[o] ?? o).join(', ')}`));
      // The lesson's protocols: an observer's own (filled on a phone, also with no network) and all of them side by side.
      const links = el('p', 'lesson-links');
      // A stored lesson always has its id (LessonIds.Assign gives one on every save).
      const base = `#/observe/${encodeURIComponent(v.schoolId)}/${encodeURIComponent(v.id)}/${encodeURIComponent(/** @type {string} */ (l.id))}`;
      if (l.observers.includes(me)) {
        const mine = el('a', 'button small-button', 'Мой протокол');
        mine.href = base;
        links.append(mine, ' ');
      }
      const all = el('a', undefined, 'Протоколы урока');
      all.href = `${base}/all`;
      links.append(all);
      li.append(links);
      list.append(li);
    }
    if (v.lessons.length === 0) list.append(el('li', 'muted', 'Уроки ещё не назначены.'));
    lessons.append(list);
    const review = el('a', 'button secondary', 'Экспертиза документов, анализ направлений и собеседование');
    review.href = `#/visit/${encodeURIComponent(v.id)}/review`;
    const reviewLine = el('p');
    reviewLine.append(review);
    body.append(purpose, team, lessons, reviewLine, el('p', 'muted small', `Изменено: ${v.updatedByName}.`));
    if (v.canEdit) {
      const edit = el('a', 'button primary', 'Изменить');
      edit.href = `#/visit/${v.id}/edit`;
      refs.toolbar.prepend(edit);
      if (v.status !== 'cancelled') {
        const cancel = el('button', 'button secondary', 'Отменить посещение');
        cancel.type = 'button';
        cancel.addEventListener('click', () => void busy(cancel, 'Отменяем…', async () => {
          try {
            await visitsApi.update(session.mun, v.id, { ...inputOf(v), status: 'cancelled' }, etag);
            await showVisit(main, session, id);
          } catch (e) {
            body.prepend(problemBox(e));
          }
        }));
        refs.toolbar.prepend(cancel);
      }
    }
    // The report («справка по итогам»): not for teachers (it holds colleagues' marks).
    if (session.me.member.role !== 'Teacher') {
      const report = el('a', 'button secondary', 'Справка по итогам');
      report.href = `#/visit/${encodeURIComponent(v.id)}/report`;
      refs.toolbar.append(report);
    }
    refs.body.replaceChildren(body);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => showVisit(main, session, id)));
  }
}

/** A stored visit as the API takes it back. @param {import('./types.js').VisitView} v @returns {import('./types.js').VisitInput} */
function inputOf(v) {
  return {
    schoolId: v.schoolId, date: v.date, purpose: v.purpose, requestId: v.requestId, status: v.status,
    directions: v.directions.map((d) => d.code),
    team: v.team.map((m) => ({ personId: m.personId, role: m.role })),
    lessons: v.lessons.map((l) => ({ ...l, date: v.date })),
  };
}

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ school: string | null, request: string | null, id: string | null, repeatOf?: string }} target a repeat visit is prefilled from the first
 */
export async function showVisitForm(main, session, target) {
  const { root, refs } = clone('t-vs-form');
  document.title = 'Запланировать «Методический день» — MethodDays';
  main.replaceChildren(loading('Загружаем форму…'));
  try {
    const options = await visitsApi.options(session.mun);
    /** @type {import('./types.js').VisitView | null} */
    let visit = null;
    /** @type {string | null} */
    let etag = null;
    if (target.id) {
      const answer = await visitsApi.visit(session.mun, target.id);
      visit = answer.data;
      etag = answer.etag;
    }
    // A repeat visit starts from the first one: the same school, directions, team and teachers' lessons.
    const source = target.repeatOf ? (await visitsApi.visit(session.mun, target.repeatOf)).data : null;
    const prefill = visit ?? source;
    const schoolId = visit?.schoolId ?? source?.schoolId ?? target.school ?? '';
    const school = session.me.schools.find((s) => s.id === schoolId);
    const staff = await visitsApi.staff(session.mun, schoolId);
    refs.title.textContent = visit ? `Изменить «Методический день»: ${visit.schoolName}` : `Запланировать «Методический день»: ${school?.shortName ?? schoolId}`;
    refs.subtitle.textContent = target.request ? 'По запросу администрации школы.' : 'Школа выбрана по критериям.';
    if (source) {
      refs.title.textContent = `Запланировать повторное посещение: ${source.schoolName}`;
      refs.subtitle.textContent = `По итогам «Методического дня» ${dayName(source.date)}.`;
    }
    refs['team-hint'].textContent = `Программа называет команду от ${options.teamMin} до ${options.teamMax} человек: методисты, тьюторы, наставники, члены административных команд школ-лидеров.`;
    refs.date.value = visit?.date ?? '';
    refs.purpose.value = visit?.purpose ?? (source ? `Повторное посещение по итогам «Методического дня» ${dayName(source.date)}` : '');
    /** @type {HTMLInputElement[]} */
    const directionBoxes = [];
    for (const d of options.directions) {
      const label = el('label', 'check');
      const box = el('input');
      box.type = 'checkbox';
      box.value = d.code;
      box.checked = prefill ? prefill.directions.some((x) => x.code === d.code) : false;
      directionBoxes.push(box);
      label.append(box, ` ${d.label}`);
      refs.directions.append(label);
    }

    /** @type {{ person: HTMLSelectElement, role: HTMLSelectElement, li: HTMLElement }[]} */
    const team = [];
    /** @type {{ li: HTMLElement, id: string | undefined, teacher: HTMLSelectElement, subject: HTMLInputElement, grade: HTMLInputElement, number: HTMLInputElement, start: HTMLInputElement, end: HTMLInputElement, room: HTMLInputElement, observers: HTMLElement, chosen: Set<string> }[]} */
    const lessons = [];
    const redrawObservers = () => {
      const members = team.map((t) => ({ id: t.person.value, name: t.person.selectedOptions[0]?.textContent ?? '' })).filter((m) => m.id);
      lessons.forEach((l, i) => {
        for (const box of l.observers.querySelectorAll('input')) if (!box.checked) l.chosen.delete(box.value);
        l.observers.replaceChildren(el('span', undefined, 'Наблюдатели: '));
        for (const m of members) {
          const label = el('label', 'check');
          const box = el('input');
          box.type = 'checkbox';
          box.value = m.id;
          box.checked = l.chosen.has(m.id);
          box.addEventListener('change', () => { if (box.checked) l.chosen.add(m.id); else l.chosen.delete(m.id); });
          box.setAttribute('aria-label', `Урок ${i + 1}: наблюдатель ${m.name}`);
          label.append(box, ` ${m.name}`);
          l.observers.append(label);
        }
      });
    };
    /** @param {string} labelText @param {HTMLElement} control */
    const labelled = (labelText, control) => {
      const label = el('label', undefined, `${labelText} `);
      label.append(control);
      return label;
    };
    /** @param {import('./types.js').TeamMember} [m] */
    const addMember = (m) => {
      const li = el('li', 'edit-row');
      const n = team.length + 1;
      const person = el('select');
      person.append(new Option('— выберите —', ''));
      for (const p of options.people) {
        const role = { Coordinator: 'координатор', Methodist: 'методист', Curator: 'куратор (тьютор)', SchoolAdmin: 'администрация', Teacher: 'педагог' }[/** @type {string} */ (p.memberRole)] ?? '';
        person.append(new Option(`${p.name} — ${role}${p.schoolName ? `, ${p.schoolName}${p.leaderSchool ? ' (школа-лидер)' : ''}` : ''}`, p.personId));
      }
      person.value = m?.personId ?? '';
      person.setAttribute('aria-label', `Участник команды ${n}`);
      const role = el('select');
      for (const r of options.roles) role.append(new Option(r.label, r.code));
      role.value = m?.role ?? (team.length === 0 ? 'leader' : 'observer');
      role.setAttribute('aria-label', `Роль участника ${n}`);
      const remove = el('button', 'button secondary small-button', 'Убрать');
      remove.type = 'button';
      const row = { person, role, li };
      remove.addEventListener('click', () => { team.splice(team.indexOf(row), 1); li.remove(); redrawObservers(); });
      person.addEventListener('change', redrawObservers);
      li.append(person, role, remove);
      team.push(row);
      refs.team.append(li);
      redrawObservers();
    };
    /** @param {import('./types.js').Lesson} [l] */
    const addLesson = (l) => {
      const li = el('li', 'edit-row');
      const n = lessons.length + 1;
      const teacher = el('select');
      teacher.append(new Option('— педагог школы —', ''));
      for (const t of staff.teachers) teacher.append(new Option(`${t.fullName}${t.subjects.length ? ` (${t.subjects.join(', ')})` : ''}`, t.id));
      teacher.value = l?.teacherId ?? '';
      const input = (/** @type {string} */ type, /** @type {string} */ value) => {
        const i = el('input');
        i.type = type;
        i.value = value;
        return i;
      };
      const subject = input('text', l?.subject ?? '');
      teacher.addEventListener('change', () => {
        const t = staff.teachers.find((x) => x.id === teacher.value);
        if (t && !subject.value && t.subjects[0]) subject.value = t.subjects[0];
      });
      const row = {
        li, id: /** @type {string | undefined} */ (l?.id), teacher, subject, grade: input('text', l?.grade ?? ''), number: input('number', String(l?.number ?? n)),
        start: input('time', l?.start ?? ''), end: input('time', l?.end ?? ''), room: input('text', l?.room ?? ''),
        observers: el('div', 'check-list'), chosen: new Set(/** @type {string[]} */ (l?.observers ?? [])),
      };
      const remove = el('button', 'button secondary small-button', 'Убрать урок');
      remove.type = 'button';
      remove.addEventListener('click', () => { lessons.splice(lessons.indexOf(row), 1); li.remove(); });
      /** @param {string} text @param {HTMLElement} control */
      const field = (text, control) => {
        // The control's own name says which lesson it belongs to (a label around a list would also read its options).
        control.setAttribute('aria-label', `${text} (урок ${n})`);
        return labelled(text, control);
      };
      li.append(el('b', undefined, `Урок ${n}`), field('Педагог', teacher), field('Предмет', row.subject), field('Класс', row.grade),
        field('Номер урока', row.number), field('Начало', row.start), field('Окончание', row.end), field('Кабинет', row.room), row.observers, remove);
      lessons.push(row);
      refs.lessons.append(li);
      redrawObservers();
    };
    for (const m of prefill?.team ?? []) addMember(m);
    if (!prefill) addMember();
    for (const l of prefill?.lessons ?? []) addLesson(visit ? l : { ...l, id: undefined });
    refs['add-member'].addEventListener('click', () => addMember());
    refs['add-lesson'].addEventListener('click', () => addLesson());
    if (staff.teachers.length === 0) refs.lessons.before(el('p', 'notice', 'В списке педагогов школы пока никого нет: уроки добавят после того, как школа внесёт педагогов.'));

    refs.form.addEventListener('submit', (/** @type {SubmitEvent} */ e) => {
      e.preventDefault();
      const input = {
        schoolId, date: refs.date.value, purpose: refs.purpose.value, requestId: visit?.requestId ?? target.request, status: visit?.status ?? 'planned',
        repeatOf: visit?.repeatOf ?? target.repeatOf ?? null,
        directions: directionBoxes.filter((b) => b.checked).map((b) => b.value),
        team: team.map((t) => ({ personId: t.person.value, role: t.role.value })),
        lessons: lessons.map((l) => ({
          id: l.id, teacherId: l.teacher.value, subject: l.subject.value, grade: l.grade.value, number: Number(l.number.value) || null,
          date: refs.date.value, start: l.start.value, end: l.end.value, room: l.room.value || null, observers: [...l.chosen],
        })),
      };
      void busy(refs.save, 'Сохраняем…', async () => {
        try {
          const answer = visit ? await visitsApi.update(session.mun, visit.id, input, etag) : await visitsApi.plan(session.mun, input);
          session.navigate(`#/visit/${answer.data.id}`);
        } catch (err) {
          refs.messages.replaceChildren(problemBox(err));
          refs.messages.scrollIntoView({ block: 'start' });
        }
      });
    });
    main.replaceChildren(root);
  } catch (e) {
    main.replaceChildren(errorBox(e, () => showVisitForm(main, session, target)));
  }
}
