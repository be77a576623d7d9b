// @ts-check
// Routes of the self-assessment sheet (the first screen of school admins and teachers), the municipality's month
// summary and a curator's schools. index.html preloads the sheet's modules and the templates, so the first screen
// costs one round trip for the code.
//   #/sheet/{school}[/{yyyy-MM}[/revision/{n}]]   #/summary[/{yyyy-MM}]   #/schools[/{yyyy-MM}]

import { lazy, loadTemplates } from '../../js/lazy.js';
import { isMonth } from '../../js/format.js';
import { showSheet } from './sheet-view.js';

/** @typedef {import('../../js/session.js').Session} Session */

/** Loaded after the sheet is drawn (the panels under it and the history chart), for the service worker to keep. */
export const later = ['./sheet-history.js', '../../js/sheet-panels.js', '../../js/chart.js'].map((f) => new URL(f, import.meta.url).href);

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the hash split on "/", decoded
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  await loadTemplates(new URL('./templates.html', import.meta.url));
  const month = (/** @type {string | undefined} */ m) => (m && isMonth(m) && m <= session.today ? m : session.today);
  switch (parts[0]) {
    case 'sheet': {
      if (!parts[1]) break;
      const revision = parts[3] === 'revision' ? Number(parts[4]) || null : null;
      return showSheet(slot, session, { school: parts[1], month: month(parts[2]), revision });
    }
    case 'summary': {
      // The reviewers' pages are not on the sheet's first screen: loaded when opened.
      const m = await lazy(slot, () => import('./summary-view.js'));
      await m?.showSummary(slot, session, { month: month(parts[1]) });
      return () => {};
    }
    case 'schools': {
      const m = await lazy(slot, () => import('./schools-view.js'));
      await m?.showSchools(slot, session, { month: month(parts[1]) });
      return () => {};
    }
    default:
      break;
  }
  session.navigate(session.homeHash);
  return () => {};
}
