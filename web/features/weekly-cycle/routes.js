// @ts-check
// Routes of the weekly cycle of the unified methodical day; the router imports this module with import() when one
// of them is opened, and each view is imported only when its route is.
//   #/week[/{week}[/{school}]]  a school's week (school roles: their own; others: the board, or a school with its id)
//   #/board[/{week}]  #/agenda[/{week}]  #/topics  #/topic[/{week}]  #/cycle

import { lazy, loadTemplates } from '../../js/lazy.js';
import { isSchoolRole, ownSchool } from '../../js/session.js';
import { currentWeek, isWeek } from './format.js';

/** @typedef {import('../../js/session.js').Session} Session */

const templates = () => loadTemplates(new URL('./templates.html', import.meta.url));

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the hash split on "/", decoded
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  const now = currentWeek(session.timeZone);
  const week = (/** @type {string | undefined} */ w) => (w && isWeek(w) ? w : now);
  const release = () => {};
  switch (parts[0]) {
    case 'week': {
      const school = parts[2] ?? (isSchoolRole(session) ? ownSchool(session) : null);
      if (!school) {
        const m = await lazy(slot, () => Promise.all([import('./board-view.js'), templates()]).then(([x]) => x));
        await m?.showBoard(slot, session, { week: week(parts[1]) });
        break;
      }
      const m = await lazy(slot, () => Promise.all([import('./week-view.js'), templates()]).then(([x]) => x));
      await m?.showWeek(slot, session, { week: week(parts[1]), school });
      break;
    }
    case 'board': {
      const m = await lazy(slot, () => Promise.all([import('./board-view.js'), templates()]).then(([x]) => x));
      await m?.showBoard(slot, session, { week: week(parts[1]) });
      break;
    }
    case 'agenda': {
      const m = await lazy(slot, () => Promise.all([import('./agenda-view.js'), templates()]).then(([x]) => x));
      await m?.showAgenda(slot, session, { week: week(parts[1]) });
      break;
    }
    case 'topics': {
      const m = await lazy(slot, () => Promise.all([import('./topics-view.js'), templates()]).then(([x]) => x));
      await m?.showTopics(slot, session);
      break;
    }
    case 'topic': {
      const m = await lazy(slot, () => Promise.all([import('./topic-editor.js'), templates()]).then(([x]) => x));
      await m?.showTopicEditor(slot, session, { week: week(parts[1]) });
      break;
    }
    case 'cycle': {
      const m = await lazy(slot, () => Promise.all([import('./settings-view.js'), templates()]).then(([x]) => x));
      await m?.showCycleSettings(slot, session);
      break;
    }
    default:
      session.navigate(session.homeHash);
  }
  return release;
}
