// @ts-check
// Plans of targeted help across schools: the list of schools whose plans a reviewer keeps (#/help-plan), and every
// item past its due date and not done (#/help-overdue), oldest first.

import { clone, el, errorBox, loading } from '../../js/dom.js';
import { plural, schoolKind } from '../../js/format.js';
import { itemCard } from './help-plan-item.js';
import { progressApi } from './api.js';
import { fullDayName } from './format.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 */
export function showPlanIndex(main, session) {
  const { root, refs } = clone('t-hp-index');
  document.title = 'Планы адресной помощи — MethodDays';
  const schools = session.me.schools;
  for (const s of schools) {
    const li = el('li');
    const a = el('a', 'school-card');
    a.href = `#/help-plan/${s.id}`;
    a.append(el('span', 'school-card-name', s.shortName), el('span', 'school-card-meta', `${schoolKind(s)} · ${s.name}`));
    li.append(a);
    refs.schools.append(li);
  }
  if (schools.length === 0) refs.schools.append(el('li', 'muted', 'Вам пока не назначены школы. Обратитесь к муниципальному координатору.'));
  main.replaceChildren(root);
}

/**
 * @param {HTMLElement} main
 * @param {Session} session
 */
export async function showOverdue(main, session) {
  const { root, refs } = clone('t-hp-overdue');
  document.title = 'Просроченные пункты планов помощи — MethodDays';
  refs.body.append(loading('Загружаем просроченные пункты…'));
  main.replaceChildren(root);
  try {
    const overdue = await progressApi.overdue(session.mun);
    const items = overdue.items;
    refs.body.replaceChildren();
    refs.today.textContent = `На ${fullDayName(overdue.today)} (по местному времени муниципалитета): `
      + (items.length === 0 ? 'просроченных пунктов нет.' : `${items.length} ${plural(items.length, 'пункт', 'пункта', 'пунктов')}.`);
    const list = el('ol', 'hp-items');
    for (const o of items) {
      const { root: li, refs: parts } = itemCard(o.item, session.timeZone, { schoolName: o.schoolShortName, schoolHash: `#/help-plan/${o.schoolId}` });
      parts.overdue.textContent = `! просрочено на ${o.daysOverdue} ${plural(o.daysOverdue, 'день', 'дня', 'дней')}`;
      list.append(li);
    }
    if (items.length > 0) refs.body.append(list);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
  }
}
