// @ts-check
// Week navigation: previous / this week / next, with the dates of the week shown.

import { clone } from '../../js/dom.js';
import { plural } from '../../js/format.js';
import { addWeeks, mondayOf, weekRange } from './format.js';

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
  // Where the week is from this one, in words: a person does not count ISO week numbers.
  const n = Math.round((mondayOf(week).getTime() - mondayOf(current).getTime()) / (7 * 86400000));
  const weeks = plural(Math.abs(n), 'неделю', 'недели', 'недель');
  refs.label.textContent = n === 0 ? 'Текущая неделя' : n === -1 ? 'Прошлая неделя' : n === 1 ? 'Следующая неделя'
    : n < 0 ? `${-n} ${weeks} назад` : `Через ${n} ${weeks}`;
  if (week === current) {
    refs.now.hidden = true;
  } else {
    refs.now.href = hashOf(current);
  }
  return root;
}
