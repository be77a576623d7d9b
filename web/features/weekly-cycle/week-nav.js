// @ts-check
// Week navigation: previous / this week / next, with the dates of the week shown.

import { clone } from '../../js/dom.js';
import { addWeeks, weekNumber, weekRange } from './format.js';

/**
 * @param {string} week the week shown
 * @param {string} current this week in the municipality's time zone
 * @param {(week: string) => string} hashOf the route of another week
 * @returns {HTMLElement}
 */
export function weekNav(week, current, hashOf) {
  const { root, refs } = clone('t-week-nav');
  const prev = addWeeks(week, -1);
  const next = addWeeks(week, 1);
  refs.prev.href = hashOf(prev);
  refs.prev.setAttribute('aria-label', `Пред. неделя (предыдущая): ${weekRange(prev)}`);
  refs.next.href = hashOf(next);
  refs.next.setAttribute('aria-label', `След. неделя (следующая): ${weekRange(next)}`);
  refs.label.textContent = `Неделя ${weekNumber(week)}`;
  if (week === current) {
    refs.now.hidden = true;
    refs.label.textContent += ' · текущая';
  } else {
    refs.now.href = hashOf(current);
  }
  return root;
}
