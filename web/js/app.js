// @ts-check
// Wires the page: sign-in mode, the signed-in person, the routes and the connection banner. Views do the rest.

import { api, setTokenProvider, setUnauthorizedHandler } from './api.js';
import { devAuth, EntraAuth } from './auth.js';
import { cycleNav, cycleRoute } from './cycle-routes.js';
import { el, errorBox, loading } from './dom.js';
import { currentMonth, isMonth, roleNames } from './format.js';
import { showSchools } from './schools-view.js';
import { showSheet } from './sheet-view.js';
import { showDevSignIn, showEntraSignIn } from './signin-view.js';
import { showSummary } from './summary-view.js';

/**
 * What every view gets: the person, their municipality, "today" and shared loaders.
 * @typedef {{
 *   me: any, mun: string, timeZone: string, today: string,
 *   template: (version: string) => Promise<any>,
 *   navigate: (hash: string) => void,
 *   homeHash: string, homeLabel: string,
 * }} Session
 */

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
/** @type {Session | null} */
let session = null;
/** Releases the current view (a sheet's pending timers). */
let release = () => {};
/** @type {() => Promise<void> | void} */
let signOut = () => {};

connectionBanner();
start();

async function start() {
  main.replaceChildren(loading());
  /** @type {any} */
  let config;
  try {
    config = await api.config();
  } catch (e) {
    main.replaceChildren(errorBox(e, start));
    return;
  }

  if (config.authMode === 'development') {
    setTokenProvider(async () => devAuth.token());
    signOut = () => devAuth.signOut();
    setUnauthorizedHandler(() => {
      devAuth.signOut();
      if (session) location.reload();
    });
    if (devAuth.token()) {
      await enter();
    } else {
      await showDevSignIn(main, async (municipalityId, personId) => {
        await devAuth.signIn(municipalityId, personId);
        await enter();
      });
    }
    return;
  }

  const entra = new EntraAuth(config);
  setTokenProvider(() => entra.token());
  signOut = () => entra.signOut();
  try {
    if (await entra.start()) {
      await enter();
    } else {
      showEntraSignIn(main, () => entra.signIn());
    }
  } catch (e) {
    showEntraSignIn(main, () => entra.signIn(), e);
  }
}

async function enter() {
  main.replaceChildren(loading('Загружаем ваши данные…'));
  /** @type {any} */
  let me;
  try {
    me = await api.me();
  } catch (e) {
    main.replaceChildren(errorBox(e, enter));
    return;
  }
  const timeZone = me.municipality.timeZone;
  const today = currentMonth(timeZone);
  const role = me.member.role;
  const ownSchool = me.member.schoolIds[0];
  const [homeHash, homeLabel] = role === 'Coordinator' || role === 'Methodist'
    ? ['#/summary', 'Сводная таблица']
    : role === 'Curator' ? ['#/schools', 'Мои школы'] : [`#/sheet/${ownSchool}`, 'Лист школы'];
  /** @type {Map<string, Promise<any>>} */
  const templates = new Map();
  session = {
    me, mun: me.municipality.id, timeZone, today, homeHash, homeLabel,
    template: (version) => {
      let t = templates.get(version);
      if (!t) {
        t = api.template(version);
        t.catch(() => templates.delete(version));
        templates.set(version, t);
      }
      return t;
    },
    navigate: (hash) => {
      if (location.hash === hash) route();
      else location.hash = hash;
    },
  };
  header(me, homeHash, homeLabel);
  window.addEventListener('hashchange', route);
  route();
}

/**
 * @param {any} me
 * @param {string} homeHash
 * @param {string} homeLabel
 */
function header(me, homeHash, homeLabel) {
  const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  byId('municipality-name').textContent = me.municipality.name;
  byId('who-name').textContent = me.member.displayName;
  byId('who-role').textContent = roleNames[me.member.role] ?? me.member.role;
  byId('who').hidden = false;
  const nav = byId('nav');
  const link = el('a', '', homeLabel);
  link.href = homeHash;
  nav.replaceChildren(link);
  // Practice bank: every role.
  const bank = el('a', '', 'Банк практик');
  bank.href = '#/bank';
  nav.append(bank);
  // Progress sheet and plan of targeted help (progress-routes.js): the school's own, or the reviewers' overviews.
  const ownSchool = me.member.schoolIds[0];
  const schoolRole = ['SchoolAdmin', 'Teacher'].includes(me.member.role);
  for (const [hash, label] of [[schoolRole ? `#/progress/${ownSchool}` : '#/progress-summary', 'Лист продвижения'],
    [schoolRole ? `#/help-plan/${ownSchool}` : '#/help-plan', 'План помощи']]) {
    const item = el('a', '', label);
    item.href = hash;
    nav.append(item);
  }
  // Weekly cycle, topics, notifications and profile (cycle-routes.js).
  if (session) cycleNav(nav, session);
  // People and schools: the coordinator keeps them, methodists read them.
  if (me.member.role === 'Coordinator' || me.member.role === 'Methodist') {
    const people = el('a', '', 'Люди и школы');
    people.href = '#/people';
    nav.append(people);
  }
  nav.hidden = false;
  const out = byId('sign-out');
  out.hidden = false;
  out.addEventListener('click', async () => {
    release();
    await signOut();
    location.replace('/');
  });
}

/** Counts navigations, so a slow view that finishes after the user moved on is dropped. */
let routeSeq = 0;

/** Routes: #/sheet/{school}[/{month}[/revision/{n}]], #/summary[/{month}], #/schools[/{month}], the bank's. */
async function route() {
  if (!session) return;
  const s = session;
  release();
  release = () => {};
  const seq = ++routeSeq;
  // Each view draws into its own slot; a stale one draws into a detached slot nobody sees.
  const slot = el('div');
  main.replaceChildren(slot);
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const month = (/** @type {string | undefined} */ m) => (m && isMonth(m) && m <= s.today ? m : s.today);
  window.scrollTo(0, 0);
  main.focus({ preventScroll: true });

  // Practice bank (#/bank[?search], #/practice/…): its modules load on first use, off the sheet's first screen.
  if (/^(bank|practice)(\?|$)/.test(parts[0] ?? '')) {
    const { showBankRoute } = await import('./bank-routes.js');
    const done = await showBankRoute(slot, s, location.hash);
    if (seq === routeSeq) release = done;
    else done();
    return;
  }

  // Progress sheet, its month summary and the plans of targeted help: loaded on first use, like the bank.
  if (/^(progress|progress-summary|help-plan|help-overdue)$/.test(parts[0] ?? '')) {
    slot.replaceChildren(loading('Загружаем раздел…'));
    const routes = await import('./progress-routes.js').catch(() => null);
    const done = routes ? await routes.showProgressRoute(slot, s, parts) : () => {};
    if (!routes) slot.replaceChildren(errorBox({ title: 'Раздел не загрузился', detail: 'Проверьте подключение к интернету и повторите.' }, route));
    if (seq === routeSeq) release = done;
    else done();
    return;
  }

  switch (parts[0]) {
    case 'sheet': {
      if (!parts[1]) break;
      const revision = parts[3] === 'revision' ? Number(parts[4]) || null : null;
      const done = await showSheet(slot, s, { school: parts[1], month: month(parts[2]), revision });
      if (seq === routeSeq) release = done;
      else done();
      return;
    }
    case 'summary':
      await showSummary(slot, s, { month: month(parts[1]) });
      return;
    case 'schools':
      await showSchools(slot, s, { month: month(parts[1]) });
      return;
    case 'people': {
      // People and schools: coordinator and methodists; loaded on first use.
      const { showPeople } = await import('./people-view.js');
      await showPeople(slot, s);
      return;
    }
    default:
      // Weekly cycle and notifications: cycle-routes.js loads each view on demand.
      if (await cycleRoute(slot, s, parts)) return;
      break;
  }
  location.replace(s.homeHash);
}

function connectionBanner() {
  const banner = /** @type {HTMLElement} */ (document.getElementById('connection'));
  const update = () => { banner.hidden = navigator.onLine; };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
}
