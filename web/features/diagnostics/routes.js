// @ts-check
// The routes of the teachers' diagnostics: #/diagnostics/{school}[/{round}] (a school's rounds and seed 004's table)
// and #/diagnostics-map (the municipality's schools side by side). The router imports this module with import().

import { loadTemplates } from '../../js/lazy.js';
import { showDiagnostics } from './diagnostics-view.js';
import { showHeatMap } from './heat-map-view.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the route's parts after `#/`
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  await loadTemplates(new URL('./templates.html', import.meta.url));
  if (parts[0] === 'diagnostics-map') await showHeatMap(slot, session);
  else await showDiagnostics(slot, session, parts[1] ?? session.me.member.schoolIds[0] ?? '', parts[2] ?? null);
  return () => {};
}
