// @ts-check
// A progress sheet's content as the page edits it: copies, the form the server would store it in (to compare two
// versions), field by field.

/**
 * The sheet's content (the server's ProgressContent shape), as the form edits it: a row's fields may be missing or
 * empty while it is typed (`sharePercent` '' while its box is empty).
 * @typedef {{ date?: string | null, form?: string | null, formOther?: string | null, topic?: string | null,
 *   sharePercent?: number | string | null, topicWeek?: string | null }} DayRow
 * @typedef {{ id?: string | null, topic?: string | null, text?: string | null }} RequestRow
 * @typedef {{ personId?: string | null, name?: string | null, practice?: string | null, practiceId?: string | null,
 *   stage?: string | null, help?: string | null }} TeacherRow
 * @typedef {{ days: DayRow[], noDays: boolean, noDaysReason: string | null, decisions: string[], difficulties: string | null,
 *   requests: RequestRow[], teachers: TeacherRow[] }} Content
 */

/** @param {Partial<Content> | null | undefined} sheet the server's (or a device copy's) @returns {Content} a deep copy the form may change */
export function copyContent(sheet) {
  const s = sheet ?? {};
  return {
    days: (s.days ?? []).map((d) => ({ ...d })),
    noDays: Boolean(s.noDays),
    noDaysReason: s.noDaysReason ?? null,
    decisions: [...(s.decisions ?? [])],
    difficulties: s.difficulties ?? null,
    requests: (s.requests ?? []).map((r) => ({ ...r })),
    teachers: (s.teachers ?? []).map((t) => ({ ...t })),
  };
}

/** @param {string | null | undefined} s */
const text = (s) => (s ?? '').trim() || null;

/**
 * The content as the server would store it, for comparing a device copy with the server's: trimmed text, no request
 * ids the device never had, a member's name from the server.
 * @param {Content} c
 */
export function canonical(c) {
  return JSON.stringify({
    days: c.days.map((d) => [text(d.date), text(d.form), d.form === 'other' ? text(d.formOther) : null, text(d.topic),
      d.sharePercent === null || d.sharePercent === undefined || d.sharePercent === '' ? null : Math.round(Number(d.sharePercent) * 10) / 10]),
    noDays: c.noDays,
    reason: text(c.noDaysReason),
    decisions: c.decisions.map((d) => text(d) ?? ''),
    difficulties: text(c.difficulties),
    requests: c.requests.map((r) => [text(r.topic), text(r.text)]),
    teachers: c.teachers.map((t) => [t.personId || text(t.name), text(t.practice), text(t.stage), text(t.help)]),
  });
}

/**
 * The sheet's sections as the page names them, each with the fields of the stored content it holds. A field is what
 * the server merges on its own (`base`): a field only one person changed keeps that change.
 */
export const sections = /** @type {const} */ ([
  ['days', 'Проведённые ЕМД', ['days', 'noDays', 'noDaysReason']],
  ['decisions', 'Управленческие решения', ['decisions']],
  ['difficulties', 'Затруднения', ['difficulties']],
  ['requests', 'Запросы на помощь', ['requests']],
  ['teachers', 'Педагоги', ['teachers']],
]);

/** @typedef {'days' | 'noDays' | 'noDaysReason' | 'decisions' | 'difficulties' | 'requests' | 'teachers'} Field */

/** Every field of the stored content. @type {Field[]} */
export const fields = sections.flatMap(([, , keys]) => [...keys]);

/** @type {Content} */
const empty = { days: [], noDays: false, noDaysReason: null, decisions: [], difficulties: null, requests: [], teachers: [] };

/**
 * Whether a field reads the same in two versions, as the server would store it.
 * @param {Content} a @param {Content} b @param {Field} key
 */
export function sameField(a, b, key) {
  return canonical({ ...empty, [key]: a[key] }) === canonical({ ...empty, [key]: b[key] });
}

/**
 * Copies one field from another version into `content` (in place: the form edits this object).
 * @param {Content} content @param {Content} from @param {Field} key
 */
export function putField(content, from, key) {
  /** @type {Record<Field, unknown>} */ (content)[key] = copyContent(from)[key];
}
