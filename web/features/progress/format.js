// @ts-check
// Wording and small rules of the progress sheet and the help plan: stages and their order, a teacher's movement
// since last month (the server's rules, so the page can show it while the sheet is being filled), local dates.

const dayFormat = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const fullDayFormat = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Stage ids in order (DOMAIN.md §2b): studying → trying → using → sharing. */
export const stageOrder = ['studying', 'trying', 'using', 'sharing'];

/** Words for a teacher's movement; never colour alone. */
export const trendNames = /** @type {Record<string, string>} */ ({
  up: '↗ продвинулся',
  same: '→ без изменений',
  down: '↘ вернулся на этап назад',
  new: '＋ новый в листе',
  gone: '− нет в этом месяце',
});

export const helpStatusNames = /** @type {Record<string, string>} */ ({
  planned: 'Запланировано',
  inProgress: 'Выполняется',
  done: 'Выполнено',
  cancelled: 'Отменено',
});

/**
 * "2026-11-23": today in the municipality's time zone (the server checks dates against its local day).
 * @param {string} timeZone
 * @param {Date} [now]
 */
export function localToday(timeZone, now = new Date()) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

/**
 * First and last day of a month (yyyy-MM-dd).
 * @param {string} month yyyy-MM
 */
export function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * A local date plus some days (yyyy-MM-dd), in calendar days.
 * @param {string} date
 * @param {number} days
 */
export function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "12 ноября" for a yyyy-MM-dd date. @param {string | null | undefined} date */
export function dayName(date) {
  return date ? dayFormat.format(new Date(`${date}T12:00:00Z`)) : 'дата не указана';
}

/** "12 ноября 2026 г." @param {string} date */
export function fullDayName(date) {
  return fullDayFormat.format(new Date(`${date}T12:00:00Z`));
}

/**
 * A typed-in name compared across rows and months as the server does: case, spaces and ё ignored.
 * @param {string} name
 */
export function nameKey(name) {
  return `name:${name.split(' ').filter(Boolean).join(' ').toLocaleLowerCase('ru-RU').replaceAll('ё', 'е')}`;
}

/** @param {{ personId?: string | null, name?: string | null }} t */
export function teacherKey(t) {
  return t.personId || nameKey(t.name ?? '');
}

/**
 * Each teacher's stage beside last month's: up / same / down / new, then the ones who are gone.
 * @param {import('./types.js').TeacherStage[]} previous last month's
 * @param {{ personId?: string | null, name?: string | null, stage?: string | null }[]} current
 * @returns {{ key: string, name: string, stage: string | null | undefined, previousStage: string | null, trend: string }[]}
 */
export function compareStages(previous, current) {
  /** @type {Map<string, import('./types.js').TeacherStage>} */
  const before = new Map();
  for (const t of previous) if (!before.has(teacherKey(t))) before.set(teacherKey(t), t);
  const changes = [];
  for (const t of current) {
    const key = teacherKey(t);
    const was = before.get(key);
    before.delete(key);
    const now = stageOrder.indexOf(t.stage ?? '');
    const then = stageOrder.indexOf(was?.stage ?? '');
    const trend = !was ? 'new' : now < 0 || then < 0 || now === then ? 'same' : now > then ? 'up' : 'down';
    changes.push({ key, name: t.name ?? '', stage: t.stage, previousStage: was?.stage ?? null, trend });
  }
  for (const [key, t] of before) changes.push({ key, name: t.name ?? '', stage: null, previousStage: t.stage, trend: 'gone' });
  return changes;
}

/**
 * A short random id for a new help-plan item, so a create retried after a lost answer is not doubled.
 * @returns {string}
 */
export function newItemId() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `p${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

let counter = 0;

/** A unique id for label/field pairs in cloned templates. @param {string} prefix */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}
