// @ts-check
// The weekly cycle's and the notifications' part of the header and the routes. Small on purpose: it is loaded
// with the first screen, and each view module is imported only when its route is opened.

import { el, errorBox, loading } from './dom.js';

/** @typedef {import('./app.js').Session} Session */

/** @param {Session} session */
export const isSchoolRole = (session) => ['SchoolAdmin', 'Teacher'].includes(session.me.member.role);

/** @param {Session} session */
export const canManage = (session) => session.me.member.role === 'Coordinator';

/** Coordinators and methodists answer the schools' questions. @param {Session} session */
export const canAnswer = (session) => ['Coordinator', 'Methodist'].includes(session.me.member.role);

/**
 * Adds the cycle's sections to the header menu for the person's role, and the notifications link with its unread
 * count (the count is fetched after the first view, by a module loaded on demand).
 * @param {HTMLElement} nav
 * @param {Session} session
 */
export function cycleNav(nav, session) {
  const role = session.me.member.role;
  /** @type {[string, string][]} */
  const items = [[isSchoolRole(session) ? '#/week' : '#/board', 'Неделя ЕМД']];
  if (role === 'Coordinator') items.push(['#/topics', 'Темы'], ['#/cycle', 'Цикл']);
  else items.push(['#/topics', 'Архив тем']);
  items.push(['#/profile', 'Профиль']);
  for (const [hash, label] of items) {
    const a = el('a', '', label);
    a.href = hash;
    nav.append(a);
  }

  const bell = el('a', 'feed-link');
  bell.href = '#/feed';
  bell.id = 'feed-link';
  const label = el('span', 'feed-label', 'Уведомления');
  const count = el('span', 'feed-count');
  count.hidden = true;
  bell.append(bellIcon(), label, count);
  bell.setAttribute('aria-label', 'Уведомления');
  document.getElementById('sign-out')?.before(bell);
  import('./feed-badge.js').then((m) => m.startBadge(bell, count)).catch(() => { /* the badge waits for the next page load */ });

  const mark = () => {
    const here = location.hash.split('/')[1] ?? '';
    for (const a of nav.querySelectorAll('a')) {
      const target = (a.getAttribute('href') ?? '').split('/')[1] ?? '';
      const same = target === here || (target === 'board' && here === 'week' && !isSchoolRole(session));
      if (same) {
        a.setAttribute('aria-current', 'page');
        // On a phone the menu scrolls sideways: keep the current section in sight.
        if (nav.scrollWidth > nav.clientWidth) nav.scrollLeft = Math.max(0, a.offsetLeft - nav.offsetLeft - 16);
      } else {
        a.removeAttribute('aria-current');
      }
    }
  };
  window.addEventListener('hashchange', mark);
  mark();
}

const routes = new Set(['week', 'board', 'agenda', 'topics', 'topic', 'cycle', 'undelivered', 'feed', 'profile']);

/** A bell drawn inline (no icon font, no extra request). */
function bellIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6v-5a7 7 0 0 0-5-6.71V3.5a2 2 0 0 0-4 0v.79A7 7 0 0 0 5 11v5l-2 2v1h18v-1z');
  svg.append(path);
  return svg;
}

/**
 * Loads a view module on demand; offline, says so with a retry instead of a blank page.
 * @template T
 * @param {HTMLElement} slot
 * @param {() => Promise<T>} load
 * @returns {Promise<T | null>}
 */
async function lazy(slot, load) {
  slot.replaceChildren(loading('Загружаем раздел…'));
  try {
    return await load();
  } catch {
    slot.replaceChildren(errorBox({ title: 'Раздел не загрузился', detail: 'Проверьте подключение к интернету и повторите.' },
      () => window.dispatchEvent(new HashChangeEvent('hashchange'))));
    return null;
  }
}

/**
 * Routes of the weekly cycle and notifications. Returns false for a hash it does not know.
 *   #/week[/{week}[/{school}]]  a school's week (school roles: their own; others: the board, or a school with its id)
 *   #/board[/{week}]  #/agenda[/{week}]  #/topics  #/topic[/{week}]  #/cycle  #/undelivered  #/feed  #/profile
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the hash split on "/", decoded
 * @returns {Promise<boolean>}
 */
export async function cycleRoute(slot, session, parts) {
  if (!routes.has(parts[0])) return false;
  const dates = await lazy(slot, () => import('./week-format.js'));
  if (!dates) return true;
  const now = dates.currentWeek(session.timeZone);
  const week = (/** @type {string | undefined} */ w) => (w && dates.isWeek(w) ? w : now);
  switch (parts[0]) {
    case 'week': {
      const school = parts[2] ?? (isSchoolRole(session) ? session.me.member.schoolIds[0] : null);
      if (!school) {
        const m = await lazy(slot, () => import('./week-board.js'));
        await m?.showBoard(slot, session, { week: week(parts[1]) });
        return true;
      }
      const m = await lazy(slot, () => import('./week-view.js'));
      await m?.showWeek(slot, session, { week: week(parts[1]), school });
      return true;
    }
    case 'board': {
      const m = await lazy(slot, () => import('./week-board.js'));
      await m?.showBoard(slot, session, { week: week(parts[1]) });
      return true;
    }
    case 'agenda': {
      const m = await lazy(slot, () => import('./week-agenda.js'));
      await m?.showAgenda(slot, session, { week: week(parts[1]) });
      return true;
    }
    case 'topics': {
      const m = await lazy(slot, () => import('./week-topics.js'));
      await m?.showTopics(slot, session);
      return true;
    }
    case 'topic': {
      const m = await lazy(slot, () => import('./week-topic.js'));
      await m?.showTopicEditor(slot, session, { week: week(parts[1]) });
      return true;
    }
    case 'cycle': {
      const m = await lazy(slot, () => import('./cycle-settings.js'));
      await m?.showCycleSettings(slot, session);
      return true;
    }
    case 'undelivered': {
      const m = await lazy(slot, () => import('./feed-failed.js'));
      await m?.showFailed(slot, session);
      return true;
    }
    case 'feed': {
      const m = await lazy(slot, () => import('./feed-view.js'));
      await m?.showFeed(slot, session);
      return true;
    }
    case 'profile': {
      const m = await lazy(slot, () => import('./feed-profile.js'));
      await m?.showProfile(slot, session);
      return true;
    }
    default:
      return false;
  }
}
