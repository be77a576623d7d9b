// @ts-check
// A curator's assigned schools with this month's status; each opens the school's sheet (read-only, with comments).

import { api } from '../../js/api.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { clusterShort, formatDate, percent, schoolKind, statusNames } from '../../js/format.js';
import { monthPicker } from '../../js/month-picker.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ month: string }} route
 */
export async function showSchools(main, session, route) {
  const { root, refs } = clone('t-schools');
  document.title = 'Мои школы — MethodDays';
  refs.toolbar.append(monthPicker(session.today, route.month, (m) => session.navigate(`#/schools/${m}`)));
  refs.list.append(loading('Загружаем школы…'));
  main.replaceChildren(root);
  try {
    const summary = await api.summary(session.mun, route.month);
    refs.list.replaceChildren();
    if (summary.schools.length === 0) refs.list.append(el('li', 'muted', 'Вам пока не назначены школы. Обратитесь к муниципальному координатору.'));
    for (const s of summary.schools) {
      const card = clone('t-school-card');
      card.refs.link.href = `#/sheet/${s.schoolId}/${route.month}`;
      card.refs.name.textContent = s.shortName;
      card.refs.meta.textContent = `${schoolKind(s)} · ${s.name}`;
      card.refs.status.className = `badge status ${s.status}`;
      card.refs.status.textContent = statusNames[s.status] ?? s.status;
      card.refs.score.textContent = s.revision > 0
        ? `${[`${s.total} из ${s.applicableMax}`, percent(s.percent), s.cluster ? clusterShort[s.cluster] : ''].filter(Boolean).join(', ')} · ${formatDate(/** @type {string} */ (s.submittedAt), session.timeZone)}`
        : 'лист не отправлен';
      refs.list.append(card.root);
    }
  } catch (e) {
    refs.list.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
  }
}
