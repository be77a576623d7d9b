// @ts-check
// A progress sheet's content as the page edits it: copies, the form the server would store it in (to compare two
// versions), and merging this device's version with someone else's, part by part.

/**
 * The sheet's content (the server's ProgressContent shape).
 * @typedef {{ days: any[], noDays: boolean, noDaysReason: string | null, decisions: string[], difficulties: string | null,
 *   requests: any[], teachers: any[] }} Content
 */

/** @param {any} sheet @returns {Content} a deep copy the form may change */
export function copyContent(sheet) {
  const s = sheet ?? {};
  return {
    days: (s.days ?? []).map((/** @type {any} */ d) => ({ ...d })),
    noDays: Boolean(s.noDays),
    noDaysReason: s.noDaysReason ?? null,
    decisions: [...(s.decisions ?? [])],
    difficulties: s.difficulties ?? null,
    requests: (s.requests ?? []).map((/** @type {any} */ r) => ({ ...r })),
    teachers: (s.teachers ?? []).map((/** @type {any} */ t) => ({ ...t })),
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

/** The parts of a sheet that merge on their own: a part only one side changed takes that side's version. */
export const sections = /** @type {const} */ ([
  ['days', 'Проведённые ЕМД', ['days', 'noDays', 'noDaysReason']],
  ['decisions', 'Управленческие решения', ['decisions']],
  ['difficulties', 'Затруднения', ['difficulties']],
  ['requests', 'Запросы на помощь', ['requests']],
  ['teachers', 'Педагоги', ['teachers']],
]);

/** @type {Content} */
const empty = { days: [], noDays: false, noDaysReason: null, decisions: [], difficulties: null, requests: [], teachers: [] };

/** @param {Content} c @param {readonly string[]} keys */
const part = (c, keys) => canonical({ ...empty, ...Object.fromEntries(keys.map((k) => [k, /** @type {any} */ (c)[k]])) });

/**
 * Merges this device's sheet with the server's newer one, part by part, against the version this device started
 * from: a part changed only on the server comes from the server, a part changed only here stays, a part changed on
 * both is a clash (kept as ours until the user chooses).
 * @param {Content | null} base what this device's edits started from (null: unknown, every difference clashes)
 * @param {Content} mine
 * @param {Content} theirs
 * @returns {{ content: Content, taken: string[], clashes: string[] }}
 */
export function mergeSheets(base, mine, theirs) {
  const content = copyContent(mine);
  /** @type {string[]} */
  const taken = [];
  /** @type {string[]} */
  const clashes = [];
  for (const [id, name, keys] of sections) {
    const a = part(mine, keys);
    const b = part(theirs, keys);
    if (a === b) continue;
    if (base && a === part(base, keys)) {
      const copy = /** @type {any} */ (copyContent(theirs));
      for (const k of keys) /** @type {any} */ (content)[k] = copy[k];
      taken.push(name);
    } else if (base && b === part(base, keys)) {
      // Only this device changed it.
    } else {
      clashes.push(id);
    }
  }
  return { content, taken, clashes };
}

