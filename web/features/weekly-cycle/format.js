// @ts-check
// ISO weeks ("2026-W47") in the municipality's local time, and the Russian wording of the weekly cycle:
// step states, kinds, actors, weekdays, notification kinds.

const DAY = 86400000;

const genitive = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/**
 * @param {string} text
 * @returns {{ year: number, week: number } | null}
 */
export function parseWeek(text) {
  const m = /^(\d{4})-W(\d{2})$/.exec(text ?? '');
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksIn(year)) return null;
  return { year, week };
}

/**
 * @param {string | null | undefined} text
 * @returns {text is string}
 */
export function isWeek(text) {
  return parseWeek(text ?? '') !== null;
}

/** ISO years have 52 or 53 weeks: 53 when 28 December falls in week 53. @param {number} year */
function weeksIn(year) {
  const d = Date.UTC(year, 11, 28);
  return Number(weekOfDate(d).slice(6));
}

/**
 * The ISO week of a calendar day given as a UTC midnight timestamp.
 * @param {number} utcMidnight
 */
function weekOfDate(utcMidnight) {
  const day = (new Date(utcMidnight).getUTCDay() + 6) % 7; // Monday 0
  const thursday = utcMidnight + (3 - day) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Monday of the week as a UTC midnight Date (a calendar day, not an instant).
 * @param {string} week
 */
export function mondayOf(week) {
  const p = parseWeek(week);
  if (!p) throw new Error(`Not a week: ${week}`);
  const jan4 = Date.UTC(p.year, 0, 4);
  const firstMonday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  return new Date(firstMonday + (p.week - 1) * 7 * DAY);
}

/**
 * This week in the municipality's time zone (not the phone's): Monday morning in Omsk is still Sunday in Moscow.
 * @param {string} timeZone
 * @param {Date} [now]
 */
export function currentWeek(timeZone, now = new Date()) {
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  }
  const get = (/** @type {string} */ t) => Number(parts.find((p) => p.type === t)?.value);
  return weekOfDate(Date.UTC(get('year'), get('month') - 1, get('day')));
}

/**
 * @param {string} week
 * @param {number} n weeks to add (negative for earlier)
 */
export function addWeeks(week, n) {
  return weekOfDate(mondayOf(week).getTime() + n * 7 * DAY);
}

/** "16–22 ноября 2026", "30 ноября – 6 декабря 2026", as the server writes it. @param {string} week */
export function weekRange(week) {
  const monday = mondayOf(week);
  const sunday = new Date(monday.getTime() + 6 * DAY);
  const end = `${sunday.getUTCDate()} ${genitive[sunday.getUTCMonth()]} ${sunday.getUTCFullYear()}`;
  return monday.getUTCMonth() === sunday.getUTCMonth()
    ? `${monday.getUTCDate()}–${end}`
    : `${monday.getUTCDate()} ${genitive[monday.getUTCMonth()]} – ${end}`;
}

/** "неделя 47" @param {string} week */
export function weekNumber(week) {
  return Number(week.slice(6));
}

/**
 * A step's state on the board and in a school's week: a symbol and words, never colour alone.
 * `cls` picks the colour: ok (done), warn (late or due), bad (overdue), off (nothing to do).
 */
export const stateNames = /** @type {Record<string, { mark: string, text: string, short: string, cls: string }>} */ ({
  done: { mark: '✓', text: 'выполнено', short: 'выполнено', cls: 'ok' },
  late: { mark: '✓', text: 'выполнено с опозданием', short: 'с опозданием', cls: 'warn' },
  due: { mark: '…', text: 'срок идёт', short: 'срок идёт', cls: 'due' },
  overdue: { mark: '!', text: 'просрочено', short: 'просрочено', cls: 'bad' },
  upcoming: { mark: '○', text: 'впереди', short: 'впереди', cls: 'off' },
  info: { mark: 'i', text: 'по расписанию', short: 'по расписанию', cls: 'off' },
  pending: { mark: '○', text: 'ждёт публикации темы', short: 'ждёт темы', cls: 'off' },
  none: { mark: '–', text: 'не требуется: тема вышла после срока', short: 'не требуется', cls: 'off' },
  skipped: { mark: '–', text: 'неделя пропущена', short: 'пропущена', cls: 'off' },
});

/** @param {string} state */
export function stateOf(state) {
  return stateNames[state] ?? { mark: '?', text: state, short: state, cls: 'off' };
}

/** Short column names for the board (the step's own title is long). */
export const kindShort = /** @type {Record<string, string>} */ ({
  Publish: 'Публикация темы',
  Form: 'Форма ЕМД',
  Questions: 'Вопросы',
  CuratorMeeting: 'Встреча с куратором',
  Call: 'ВКС',
  MethodDay: 'ЕМД в школе',
  Decision: 'Решение',
});

export const kindNames = /** @type {Record<string, string>} */ ({
  Publish: 'публикация темы',
  Form: 'выбор формы ЕМД',
  Questions: 'вопросы по видеосеминарам',
  CuratorMeeting: 'встреча куратора со школой',
  Call: 'ВКС с координатором',
  MethodDay: 'проведение ЕМД',
  Decision: 'управленческое решение',
});

export const actorNames = /** @type {Record<string, string>} */ ({
  Coordinator: 'координатор',
  Curator: 'куратор',
  School: 'школа',
});

export const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const weekdayNames = /** @type {Record<string, string>} */ ({
  Monday: 'понедельник', Tuesday: 'вторник', Wednesday: 'среда', Thursday: 'четверг',
  Friday: 'пятница', Saturday: 'суббота', Sunday: 'воскресенье',
});

/** What each kind of notice is, for the feed and the e-mail choices. */
export const noticeKinds = /** @type {Record<string, { name: string, hint: string }>} */ ({
  TopicPublished: { name: 'Новая тема ЕМД', hint: 'когда координатор публикует тему недели' },
  Reminder: { name: 'Напоминания о сроках', hint: 'до срока шага, который ещё не отмечен' },
  Overdue: { name: 'Просроченные шаги', hint: 'когда срок шага прошёл' },
  MonthlySheet: { name: 'Ежемесячные листы', hint: 'срок листа оценки и листа продвижения' },
  Comment: { name: 'Комментарии', hint: 'к листам вашей школы' },
  Review: { name: 'Рассмотрение практик', hint: 'решения по практикам в банке' },
  Visit: { name: 'Посещения школ', hint: '«Методический день»: команда, уроки, запросы школ' },
  PracticeInvitation: { name: 'Приглашения в банк практик', hint: 'опыт, который команда «Методического дня» предлагает распространить' },
  RouteItemOverdue: { name: 'Сроки маршрутов (ИОМ)', hint: 'когда срок мероприятия маршрута прошёл, а оно не выполнено' },
  Subscription: { name: 'Методический абонемент', hint: 'заявки школ на включение в проект и ответы на них' },
});

/** @param {string} iso @param {string} timeZone "19 ноября, 11:00" in the municipality's time */
export function shortDateTime(iso, timeZone) {
  const options = /** @type {Intl.DateTimeFormatOptions} */ ({ day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
  try {
    return new Intl.DateTimeFormat('ru-RU', { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('ru-RU', options).format(new Date(iso));
  }
}

/** @param {string} iso @param {string} timeZone "19.11" for narrow board cells */
export function dayMonth(iso, timeZone) {
  const options = /** @type {Intl.DateTimeFormatOptions} */ ({ day: '2-digit', month: '2-digit' });
  try {
    return new Intl.DateTimeFormat('ru-RU', { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('ru-RU', options).format(new Date(iso));
  }
}

/**
 * A link from a notice, kept inside the app: only "/#/…" or "#/…" paths become hash links; anything else is dropped.
 * @param {string | null | undefined} link
 * @returns {string | null}
 */
export function appHash(link) {
  if (!link) return null;
  const m = /^\/?(#\/[\w\-/%.|]*)$/.exec(link.trim());
  return m ? m[1] : null;
}

/**
 * When a cycle step falls for a topic week, as the municipality reads it: "среда, 25 ноября, 16:00".
 * @param {string} week
 * @param {{ weekOffset: number, weekday: string, time: string }} step
 */
export function stepDate(week, step) {
  const index = step.weekOffset * 7 + Math.max(0, weekdays.indexOf(step.weekday));
  const day = new Date(mondayOf(week).getTime() + index * DAY);
  return `${weekdayNames[step.weekday] ?? step.weekday}, ${day.getUTCDate()} ${genitive[day.getUTCMonth()]}, ${step.time}`;
}
