// @ts-check
// Wires the page: sign-in mode, the signed-in person, the routes and the connection banner. Views do the rest.

import { api, dropEarly, forgetKeptAnswers, setTokenProvider, setUnauthorizedHandler } from './api.js';
import { devAuth, EntraAuth } from './auth.js';
import { el, errorBox, loading } from './dom.js';
import { currentMonth, otherZone, roleNames } from './format.js';
import { lazy } from './lazy.js';
import { setProgrammeStart } from './month-picker.js';
import { buildMenu } from './nav.js';

/** @typedef {import('./session.js').Session} Session */
/** @typedef {import('./api.js').Me} Me */

/**
 * A feature's routes module: shows the route in the slot and returns what releases it (a sheet's pending timers);
 * `later`: the files it loads after its view is drawn (absolute addresses), for the service worker to keep.
 * @typedef {{ show: (slot: HTMLElement, session: Session, parts: string[], hash: string) => Promise<() => void>, later?: string[] }} Feature
 */

/**
 * Each feature is loaded when one of its routes is opened. The router imports the features, never the reverse.
 * @type {Record<string, () => Promise<Feature>>}
 */
const features = {
  'self-assessment': () => import('../features/self-assessment/routes.js'),
  progress: () => import('../features/progress/routes.js'),
  'weekly-cycle': () => import('../features/weekly-cycle/routes.js'),
  notifications: () => import('../features/notifications/routes.js'),
  'practice-bank': () => import('../features/practice-bank/routes.js'),
  people: () => import('../features/people/routes.js'),
  diagnostics: () => import('../features/diagnostics/routes.js'),
  visits: () => import('../features/visits/routes.js'),
  observations: () => import('../features/observations/routes.js'),
  routes: () => import('../features/routes/routes.js'),
  subscription: () => import('../features/subscription/routes.js'),
};

/** The feature of each route's first part. @type {Record<string, string>} */
const owners = {
  sheet: 'self-assessment', summary: 'self-assessment', schools: 'self-assessment',
  progress: 'progress', 'progress-summary': 'progress', 'help-plan': 'progress', 'help-overdue': 'progress',
  week: 'weekly-cycle', board: 'weekly-cycle', agenda: 'weekly-cycle', topics: 'weekly-cycle', topic: 'weekly-cycle', cycle: 'weekly-cycle',
  feed: 'notifications', profile: 'notifications', undelivered: 'notifications',
  bank: 'practice-bank', practice: 'practice-bank',
  people: 'people', 'people-import': 'people', staff: 'people',
  diagnostics: 'diagnostics', 'diagnostics-map': 'diagnostics',
  visits: 'visits', visit: 'visits', 'visit-results': 'visits',
  observe: 'observations',
  routes: 'routes', 'routes-overview': 'routes',
  subscription: 'subscription',
};

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
  // A development token in this tab: who is signed in is asked together with the configuration, one round trip
  // instead of two on a slow line.
  /** @type {Promise<Me> | null} */
  let early = null;
  if (devAuth.token()) {
    setTokenProvider(async () => devAuth.token());
    early = api.me();
    early.catch(() => { /* answered below */ });
  }
  /** @type {import('./api.js').ClientConfig} */
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
    if (early) {
      try {
        await enter(await early);
        return;
      } catch (e) {
        // A token the server no longer accepts: sign in again.
        if (/** @type {{ status?: number } | null} */ (e)?.status === 401) devAuth.signOut();
        else {
          main.replaceChildren(errorBox(e, () => enter()));
          return;
        }
      }
    }
    if (devAuth.token()) {
      await enter();
    } else {
      // The sign-in screen is loaded only when nobody is signed in in this tab.
      const { showDevSignIn } = await import('./signin-view.js');
      await showDevSignIn(main, async (municipalityId, personId) => {
        await devAuth.signIn(municipalityId, personId);
        await enter();
      });
      // The sign-in screen is the first view: the service worker is set up behind it, as behind a signed-in one.
      firstViewDrawn();
    }
    return;
  }

  const { showEntraSignIn } = await import('./signin-view.js');
  // Entra mode: the server always sends the client id, authority and scope.
  const entra = new EntraAuth(/** @type {import('./auth.js').EntraConfig} */ (config));
  setTokenProvider(() => entra.token());
  signOut = () => entra.signOut();
  try {
    if (await entra.start()) {
      await enter();
    } else {
      showEntraSignIn(main, () => entra.signIn());
      firstViewDrawn();
    }
  } catch (e) {
    showEntraSignIn(main, () => entra.signIn(), e);
    firstViewDrawn();
  }
}

/**
 * Opens the app for the signed-in person.
 * @param {Me} [known] who is signed in, when already asked
 */
async function enter(known) {
  let me = known;
  if (!me) {
    main.replaceChildren(loading('Загружаем ваши данные…'));
    try {
      me = await api.me();
    } catch (e) {
      main.replaceChildren(errorBox(e, () => enter()));
      return;
    }
  }
  const timeZone = me.municipality.timeZone;
  const today = currentMonth(timeZone);
  const role = me.member.role;
  const ownSchool = me.member.schoolIds[0];
  setProgrammeStart(me.municipality.programmeStart);
  // Each role's start page: a teacher comes for the bank of practices, not the school's read-only sheet.
  const [homeHash, homeLabel] = role === 'Coordinator' || role === 'Methodist'
    ? ['#/summary', 'Сводная таблица']
    : role === 'Curator' ? ['#/schools', 'Мои школы']
      : role === 'Teacher' ? ['#/bank', 'Банк практик'] : [`#/sheet/${ownSchool}`, 'Лист школы'];
  /** @type {Map<string, Promise<import('./api.js').SheetTemplate>>} */
  const templates = new Map();
  session = {
    me, mun: me.municipality.id, timeZone, zoneName: me.timeZoneName || 'местное время муниципалитета', today, homeHash, homeLabel,
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
  header(session);
  window.addEventListener('hashchange', route);
  route();
}

/**
 * @param {Session} s
 */
function header(s) {
  const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  byId('municipality-name').textContent = s.me.municipality.name;
  byId('who-name').textContent = s.me.member.displayName;
  byId('who-role').textContent = roleNames[s.me.member.role] ?? s.me.member.role;
  byId('who').hidden = false;
  // Times are the municipality's; a device elsewhere is told so, once, above every page.
  if (s.me.timeZoneBy && otherZone(s.timeZone)) byId('main').before(el('p', 'zone-note', `Время указано ${s.me.timeZoneBy}.`));
  const { bell, count } = buildMenu(byId('nav'), s);
  // The unread count comes after the first view is on screen, from the notifications feature.
  firstView.then(() => import('../features/notifications/badge.js'))
    .then((m) => m.startBadge(bell, count))
    .catch(() => { /* the badge waits for the next page load */ });
  const out = byId('sign-out');
  out.hidden = false;
  out.addEventListener('click', async () => {
    release();
    await forgetKeptAnswers();
    await signOut();
    location.replace('/');
  });
}

/** Settles when the first view has been drawn (what waits for it stays off the first screen). */
let firstViewDrawn = () => {};
/** @type {Promise<void>} */
const firstView = new Promise((resolve) => { firstViewDrawn = resolve; });
firstView.then(dropEarly);
/** What the features opened so far load after their view is drawn (Feature `later`). @type {Set<string>} */
const later = new Set();
// The service worker is registered after the first view (its module is not on the first screen).
firstView.then(() => import('./offline.js')).then((m) => m.keepOffline(() => [...later])).catch(() => { /* the page works without it */ });

/** Counts navigations, so a slow view that finishes after the user moved on is dropped. */
let routeSeq = 0;

/** Shows the route in the hash: its feature is loaded (once) and draws into a fresh slot. */
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
  window.scrollTo(0, 0);
  main.focus({ preventScroll: true });

  const owner = owners[(parts[0] ?? '').split('?')[0]];
  if (!owner || (parts[0] === 'sheet' && !parts[1])) {
    location.replace(s.homeHash);
    return;
  }
  const feature = await lazy(slot, features[owner]);
  for (const url of feature?.later ?? []) later.add(url);
  const done = feature ? await feature.show(slot, s, parts, location.hash) : () => {};
  firstViewDrawn();
  if (seq === routeSeq) release = done;
  else done();
}

function connectionBanner() {
  const banner = /** @type {HTMLElement} */ (document.getElementById('connection'));
  const update = () => { banner.hidden = navigator.onLine; };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
}
