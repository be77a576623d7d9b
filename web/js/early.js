// @ts-check
// The first screen's API requests, started before the page's modules have even been asked for. The server writes this
// file into index.html itself (`<script data-inline>`, allowed by its hash in the page's policy), so on a first visit it
// runs as the shell is parsed instead of arriving, on a slow line, together with the two dozen modules that share the
// same few kilobytes a second. A classic script, not a module: it hands its answers over as `methodDaysEarly` (`take`,
// `drop`), which api.js reads (`takeEarly`, `dropEarly`) instead of asking again.
//
// With a development token in the tab: /api/config and /api/me at once, and the sheet the route will open (a school's
// own sheet or `#/sheet/{school}[/{month}]`) with the current template — at once when the tab knows whose sheet it is
// (the sign-in answer or the last /api/me named the person), else as soon as /api/me answers. Without a
// readable token (Entra: the token comes from MSAL later) only /api/config. Everything inside one function: a
// classic script's top-level names would be the page's globals.

(() => {
  /** @type {Map<string, Promise<Response>>} */
  const started = new Map();
  /** Every path asked early, taken or not: a path is asked at most once per page load. */
  const asked = new Set();

  /**
   * What this module reads of `/api/me` (api.js `Me` has it all; declared here so this module stays on its own).
   * @typedef {{ member: { role: string, schoolIds: string[] }, municipality: { id: string, timeZone: string } }} EarlyMe
   */

  /**
   * The answer of a GET started early, once; null when none was started for this path.
   * @param {string} path
   * @returns {Promise<Response> | null}
   */
  function takeEarly(path) {
    const answer = started.get(path);
    if (!answer) return null;
    started.delete(path);
    return answer;
  }

  /** Once the first view is drawn, answers nobody took are dropped: a later visit to that page asks afresh. */
  function dropEarly() {
    started.clear();
  }

  /**
   * @param {string} path
   * @param {string | null} token
   */
  function get(path, token) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const answer = fetch(path, { headers, credentials: 'same-origin' });
    answer.catch(() => { /* api.js asks again and says what went wrong */ });
    started.set(path, answer);
    asked.add(path);
    return answer;
  }

  /**
   * The development sign-in of this tab, as auth.js keeps it (the token, and who it signs in as the sign-in answer
   * named them); null when absent or about to expire.
   * @returns {{ token: string, me: EarlyMe | null } | null}
   */
  function devSession() {
    try {
      const session = JSON.parse(sessionStorage.getItem('methoddays:dev-session') ?? 'null');
      if (!session || Date.parse(session.expiresAt) <= Date.now() + 60000) return null;
      const me = session.me?.member && session.me?.municipality ? /** @type {EarlyMe} */ (session.me) : null;
      return { token: /** @type {string} */ (session.accessToken), me };
    } catch {
      return null;
    }
  }

  /**
   * This month in the municipality's zone (as format.js `currentMonth`).
   * @param {string} timeZone
   */
  function thisMonth(timeZone) {
    let parts;
    try {
      parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date());
    } catch {
      parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit' }).formatToParts(new Date());
    }
    return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
  }

  /**
   * The sheet the route will open for this person, if it is a sheet: [school, month], else null.
   * @param {EarlyMe} me
   * @returns {[string, string] | null}
   */
  function sheetOf(me) {
    const today = thisMonth(me.municipality.timeZone);
    const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    if (parts.length === 0) {
      const role = me.member.role;
      const own = me.member.schoolIds[0];
      return role === 'Coordinator' || role === 'Methodist' || role === 'Curator' || !own ? null : [own, today];
    }
    if (parts[0] !== 'sheet' || !parts[1] || parts[3]) return null;
    const month = parts[2] && /^\d{4}-(0[1-9]|1[0-2])$/.test(parts[2]) && parts[2] <= today ? parts[2] : today;
    return [parts[1], month];
  }

  /** What a repeat visit needs of the last `/api/me` of this tab's token to name its sheet before `/api/me` answers. */
  const LAST_ME = 'methoddays:early-me';

  /**
   * The last `/api/me` kept for this very token (the tab's session), else null: a new token asks afresh.
   * @param {string} token
   * @returns {EarlyMe | null} as keepMe wrote it (this tab's own storage, so trusted as that shape)
   */
  function lastMe(token) {
    try {
      const kept = JSON.parse(sessionStorage.getItem(LAST_ME) ?? 'null');
      return kept && kept.token === token.slice(-24) ? kept.me : null;
    } catch {
      return null;
    }
  }

  /**
   * @param {string} token
   * @param {EarlyMe} me
   */
  function keepMe(token, me) {
    try {
      const slim = { member: { role: me.member.role, schoolIds: me.member.schoolIds }, municipality: { id: me.municipality.id, timeZone: me.municipality.timeZone } };
      sessionStorage.setItem(LAST_ME, JSON.stringify({ token: token.slice(-24), me: slim }));
    } catch { /* private mode: the next visit waits for /api/me */ }
  }

  /**
   * Starts the route's sheet and the current template, once per path.
   * @param {EarlyMe} me
   * @param {string} token
   */
  function startSheet(me, token) {
    const sheet = sheetOf(me);
    if (!sheet) return;
    const [school, month] = sheet;
    const path = `/api/municipalities/${encodeURIComponent(me.municipality.id)}/schools/${encodeURIComponent(school)}/self-assessment/${encodeURIComponent(month)}`;
    if (!asked.has(path)) get(path, token);
    if (!asked.has('/api/self-assessment/templates/current')) get('/api/self-assessment/templates/current', token);
  }

  function start() {
    get('/api/config', null);
    const session = devSession();
    if (!session) return;
    const { token } = session;
    // Whose sheet it is is known before /api/me answers: from the last /api/me of this token (a repeat visit), else from
    // the sign-in answer that gave the token. The sheet is then asked together with /api/me, one round trip earlier.
    // /api/me still decides: a path it does not confirm is asked then, and an answer nobody takes is dropped when the
    // first view is drawn.
    const kept = lastMe(token) ?? session.me;
    // The template is everyone's: on a route that opens a sheet it is asked at once, beside /api/me.
    if (/^#?\/?(sheet(\/|$)|$)/.test(location.hash)) get('/api/self-assessment/templates/current', token);
    get('/api/me', token).then(async (response) => {
      if (!response.ok) return;
      const me = /** @type {EarlyMe} */ (await response.clone().json());
      keepMe(token, me);
      startSheet(me, token);
    }).catch(() => { /* api.js asks again */ });
    if (kept) startSheet(kept, token);
  }

  /** @type {{ methodDaysEarly?: import('./api.js').Early }} */ (/** @type {unknown} */ (globalThis)).methodDaysEarly = { take: takeEarly, drop: dropEarly };
  start();
})();
