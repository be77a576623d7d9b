// @ts-check
// The header's menu for the person's role: every section's item and the notifications link. A leaf of the shell: it
// knows the sections' addresses, not their modules (the router loads those), and imports nothing from the features.

import { el } from './dom.js';
import { isSchoolRole, ownSchool } from './session.js';

/** @typedef {import('./session.js').Session} Session */

/**
 * Fills the menu and returns the unread count's element (the router starts the notifications badge on it).
 * @param {HTMLElement} nav
 * @param {Session} session
 * @returns {{ bell: HTMLAnchorElement, count: HTMLElement }}
 */
export function buildMenu(nav, session) {
  const role = session.me.member.role;
  const school = isSchoolRole(session);
  /** @type {[string, string][]} */
  const items = [
    [session.homeHash, session.homeLabel],
    // A teacher's home is the bank; the school's sheet comes second.
    session.homeHash === '#/bank' ? [`#/sheet/${ownSchool(session)}`, 'Лист школы'] : ['#/bank', 'Банк практик'],
    // Progress sheet and plan of targeted help: the school's own, or the reviewers' overviews.
    [school ? `#/progress/${ownSchool(session)}` : '#/progress-summary', 'Лист продвижения'],
    [school ? `#/help-plan/${ownSchool(session)}` : '#/help-plan', 'План помощи'],
    // Weekly cycle and topics.
    [school ? '#/week' : '#/board', 'Неделя ЕМД'],
    ...(/** @type {[string, string][]} */ (role === 'Coordinator' ? [['#/topics', 'Темы'], ['#/cycle', 'Цикл']] : [['#/topics', 'Архив тем']])),
    // Teachers' competence diagnostics: the school's own table, or the municipality's schools side by side.
    ...(/** @type {[string, string][]} */ (school ? [[`#/diagnostics/${ownSchool(session)}`, 'Диагностика педагогов']]
      : role === 'Coordinator' || role === 'Methodist' ? [['#/diagnostics-map', 'Диагностика педагогов']] : [])),
    // Teachers' individual educational routes (ИОМ): the school's list; a teacher's own route and those they tutor;
    // for methodists, the coordinator and curators the schools they follow in numbers.
    ...(/** @type {[string, string][]} */ (school ? [[`#/routes/${ownSchool(session)}`, 'Маршруты (ИОМ)']]
      : ['Coordinator', 'Methodist', 'Curator'].includes(role) ? [['#/routes-overview', 'Маршруты (ИОМ)']] : [])),
    ['#/profile', 'Профиль'],
  ];
  // People and schools: the coordinator keeps them, methodists read them.
  if (role === 'Coordinator' || role === 'Methodist') items.push(['#/people', 'Люди и школы']);
  if (role === 'SchoolAdmin') items.push([`#/staff/${ownSchool(session)}`, 'Педагоги школы']);
  if (role !== 'Teacher') items.push(['#/visits', 'Посещения']);
  // The methodical subscription: the municipal centre's page, or the school's own (a teacher sees their part).
  if (role !== 'Curator') items.push([school ? `#/subscription/${ownSchool(session)}` : '#/subscription', 'Методический абонемент']);
  nav.replaceChildren();
  for (const [hash, label] of items) {
    const a = el('a', '', label);
    a.href = hash;
    nav.append(a);
  }

  const bell = el('a', 'feed-link');
  bell.href = '#/feed';
  bell.id = 'feed-link';
  const count = el('span', 'feed-count');
  count.hidden = true;
  // The space keeps the word and the count apart in what is read and compared with the spoken name.
  bell.append(bellIcon(), el('span', 'feed-label', 'Уведомления'), ' ', count);
  bell.setAttribute('aria-label', 'Уведомления');
  document.getElementById('sign-out')?.before(bell);

  const mark = () => {
    const here = location.hash.split('/')[1] ?? '';
    for (const a of nav.querySelectorAll('a')) {
      const target = (a.getAttribute('href') ?? '').split('/')[1] ?? '';
      const same = target === here || (target === 'board' && here === 'week' && !school);
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
  nav.hidden = false;
  return { bell, count };
}

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
