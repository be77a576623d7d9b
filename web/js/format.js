// @ts-check
// Russian wording and ru-RU formats: months, dates, percentages, roles, statuses, clusters.

const monthNames = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const monthShort = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

/**
 * "ноябрь 2026" for "2026-11".
 * @param {string} month
 */
export function monthName(month) {
  const [y, m] = month.split('-').map(Number);
  return `${monthNames[m - 1]} ${y}`;
}

/**
 * "ноя 26" for chart axes.
 * @param {string} month
 */
export function monthShortName(month) {
  const [y, m] = month.split('-').map(Number);
  return `${monthShort[m - 1]} ${String(y).slice(2)}`;
}

/**
 * The current month (yyyy-MM) in a municipality's time zone: "this month" is local, not the phone's or UTC.
 * @param {string} timeZone IANA zone, e.g. Asia/Omsk
 * @param {Date} [now]
 */
export function currentMonth(timeZone, now = new Date()) {
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit' }).formatToParts(now);
  }
  const y = parts.find((p) => p.type === 'year')?.value;
  const m = parts.find((p) => p.type === 'month')?.value;
  return `${y}-${m}`;
}

/**
 * The month before.
 * @param {string} month
 */
export function previousMonth(month) {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The last `count` months ending at `latest` (newest first): no future months to choose.
 * @param {string} latest
 * @param {number} [count]
 */
export function recentMonths(latest, count = 24) {
  const list = [latest];
  while (list.length < count) list.push(previousMonth(list[list.length - 1]));
  return list;
}

/** @param {string} text */
export function isMonth(text) {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

/**
 * A formatter in the municipality's zone (the browser's own zone only if the name is unknown to it).
 * @param {Intl.DateTimeFormatOptions} options @param {string} [timeZone]
 */
function zoned(options, timeZone) {
  try {
    return new Intl.DateTimeFormat('ru-RU', { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat('ru-RU', options);
  }
}

/**
 * "31 октября 2026 г., 16:00" in the given zone.
 * @param {string} iso
 * @param {string} [timeZone]
 */
export function formatDateTime(iso, timeZone) {
  return zoned({ day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }, timeZone).format(new Date(iso));
}

/** "31 октября 2026 г." @param {string} iso @param {string} [timeZone] */
export function formatDate(iso, timeZone) {
  return zoned({ day: 'numeric', month: 'long', year: 'numeric' }, timeZone).format(new Date(iso));
}

/** "23.11.2026" for table cells. @param {string} iso @param {string} [timeZone] */
export function formatShortDate(iso, timeZone) {
  return zoned({ day: '2-digit', month: '2-digit', year: 'numeric' }, timeZone).format(new Date(iso));
}

/** "16:05:09" @param {Date} d @param {string} [timeZone] */
export function formatTime(d, timeZone) {
  return zoned({ hour: '2-digit', minute: '2-digit', second: '2-digit' }, timeZone).format(d);
}

/**
 * Whether the device's clock reads differently from the municipality's now (then the page says whose time it shows).
 * @param {string} timeZone @param {Date} [now]
 */
export function otherZone(timeZone, now = new Date()) {
  const hm = { hour: '2-digit', minute: '2-digit', day: 'numeric' };
  return zoned(/** @type {Intl.DateTimeFormatOptions} */ (hm), timeZone).format(now) !== zoned(/** @type {Intl.DateTimeFormatOptions} */ (hm)).format(now);
}

const percentFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });

/**
 * "50,7 %" or "—".
 * @param {number | null | undefined} value
 */
export function percent(value) {
  return value === null || value === undefined ? '—' : `${percentFormat.format(value)} %`;
}

export const roleNames = /** @type {Record<string, string>} */ ({
  Coordinator: 'Координатор',
  Methodist: 'Методист',
  Curator: 'Куратор',
  SchoolAdmin: 'Администрация школы',
  Teacher: 'Педагог',
});

export const roleGroupNames = /** @type {Record<string, string>} */ ({
  Coordinator: 'Муниципальные координаторы',
  Methodist: 'Методисты',
  Curator: 'Кураторы',
  SchoolAdmin: 'Администрации школ',
  Teacher: 'Педагоги',
});

export const statusNames = /** @type {Record<string, string>} */ ({
  empty: 'не начат',
  draft: 'черновик',
  submitted: 'отправлен',
  changed: 'изменён после отправки',
});

export const clusterNames = /** @type {Record<string, string>} */ ({
  high: 'высокий потенциал',
  medium: 'средний потенциал',
  low: 'низкий потенциал',
});

export const clusterShort = /** @type {Record<string, string>} */ ({
  high: 'высокий',
  medium: 'средний',
  low: 'низкий',
});

/** Answer labels: the seed's scale plus our "не применимо". */
export const answerNames = /** @type {Record<string, string>} */ ({
  2: 'полностью да',
  1: 'частично да',
  0: 'нет',
  na: 'не применимо',
});

/** Short answer marks for tables: the digit itself, or "н/п". */
export const answerMarks = /** @type {Record<string, string>} */ ({ 2: '2', 1: '1', 0: '0', na: 'н/п' });

/**
 * "ООШ" / "СОШ" with the ШНОР flag.
 * @param {{kind: string, lowResults?: boolean}} school
 */
export function schoolKind(school) {
  return schoolFlags(school, false).join(', ');
}

/**
 * A school's kind and flags, each once: ["ООШ", "ШНОР", "ПРШ", "школа-лидер"].
 * @param {{kind: string, lowResults?: boolean, improving?: boolean, leader?: boolean}} school @param {boolean} [all]
 */
export function schoolFlags(school, all = true) {
  return [school.kind === 'Basic' ? 'ООШ' : 'СОШ', school.lowResults ? 'ШНОР' : '',
    all && school.improving ? 'ПРШ' : '', all && school.leader ? 'школа-лидер' : ''].filter(Boolean);
}

/**
 * Russian plural: plural(5, 'показатель', 'показателя', 'показателей').
 * @param {number} n @param {string} one @param {string} few @param {string} many
 */
export function plural(n, one, few, many) {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b > 1 && b < 5) return few;
  if (b === 1) return one;
  return many;
}
