// @ts-check
// Routes of the progress sheet and the plans of targeted help; the router imports this module with import() on the
// first such route, so none of these views is on the self-assessment sheet's first screen.
//   #/progress/{school}[/{yyyy-MM}[/revision/{n}]]   a school's progress sheet (school admin edits, others read)
//   #/progress-summary[/{yyyy-MM}]                  the municipality's month (coordinator, methodist, curator)
//   #/help-plan                                     reviewers: the schools whose plans they keep; school: its plan
//   #/help-plan/{school}[/new/{yyyy-MM}/{request}]  a school's plan; a new item from a request for help
//   #/help-overdue                                  items past their due date in every school

import { isMonth } from '../../js/format.js';
import { lazy, loadTemplates } from '../../js/lazy.js';
import { isSchoolRole } from '../../js/session.js';

/** @typedef {import('../../js/session.js').Session} Session */

const templates = () => loadTemplates(new URL('./templates.html', import.meta.url));

// Each page's modules are requested together rather than level by level as imports are discovered: on a slow line
// that is one round trip instead of four. The browser fetches each module once.
const common = () => [import('./api.js'), import('./format.js'), templates()];
const sheetModules = () => Promise.all([import('./sheet-view.js'), import('./form.js'), import('./fields.js'),
  import('./draft.js'), import('./content.js'), import('./panels.js'), import('./links.js'), ...common()]).then(([m]) => m);
const planModules = () => Promise.all([import('./help-plan-view.js'), import('./help-plan-item.js'), import('./fields.js'),
  ...common()]).then(([m]) => m);

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {string[]} parts the hash split on "/", decoded
 * @returns {Promise<() => void>} release
 */
export async function show(slot, session, parts) {
  const month = (/** @type {string | undefined} */ m) => (m && isMonth(m) && m <= session.today ? m : session.today);
  const own = session.me.member.schoolIds[0];
  // Reviewers reach a school's sheet from the summary and a school's plan from the list: keep their menu item lit.
  const section = parts[0] === 'progress' && !isSchoolRole(session) ? '#/progress-summary'
    : parts[0] === 'help-overdue' ? '#/help-plan' : null;
  const link = section ? document.querySelector(`#nav a[href="${section}"]`) : null;
  link?.setAttribute('aria-current', 'page');
  let release = () => {};
  switch (parts[0]) {
    case 'progress': {
      if (!parts[1]) {
        session.navigate(isSchoolRole(session) ? `#/progress/${own}` : '#/progress-summary');
        break;
      }
      const m = await lazy(slot, sheetModules);
      const revision = parts[3] === 'revision' ? Number(parts[4]) || null : null;
      if (m) release = await m.showProgress(slot, session, { school: parts[1], month: month(parts[2]), revision });
      break;
    }
    case 'progress-summary': {
      if (isSchoolRole(session)) {
        session.navigate(`#/progress/${own}`);
        break;
      }
      const m = await lazy(slot, () => Promise.all([import('./summary-view.js'), ...common()]).then(([x]) => x));
      await m?.showProgressSummary(slot, session, { month: month(parts[1]) });
      break;
    }
    case 'help-plan': {
      const school = parts[1] ?? (isSchoolRole(session) ? own : null);
      if (!school) {
        const m = await lazy(slot, () => Promise.all([import('./help-plan-overdue.js'), templates()]).then(([x]) => x));
        m?.showPlanIndex(slot, session);
        break;
      }
      const from = parts[2] === 'new' && parts[3] && isMonth(parts[3]) && parts[4] ? { month: parts[3], requestId: parts[4] } : null;
      const m = await lazy(slot, planModules);
      await m?.showHelpPlan(slot, session, { school, from });
      break;
    }
    case 'help-overdue': {
      const m = await lazy(slot, () => Promise.all([import('./help-plan-overdue.js'), templates()]).then(([x]) => x));
      await m?.showOverdue(slot, session);
      break;
    }
    default:
      session.navigate(session.homeHash);
  }
  return () => {
    link?.removeAttribute('aria-current');
    release();
  };
}
