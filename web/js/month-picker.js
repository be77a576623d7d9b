// @ts-check
// A month chooser: the current month in the municipality's time zone and the 23 before it, never a future month and
// never a month before the municipality's programme start (no sheet exists for it; the server refuses it).

import { clone } from './dom.js';
import { monthName, recentMonths } from './format.js';

/** The first month of the programme (yyyy-MM), set by the router from the signed-in person's municipality. */
let earliest = '';

/**
 * Sets the earliest month offered: the municipality's programme start.
 * @param {string | undefined} month yyyy-MM
 */
export function setProgrammeStart(month) {
  earliest = month ?? '';
}

/**
 * @param {string} latest the current month (yyyy-MM)
 * @param {string} selected
 * @param {(month: string) => void} onChange
 * @returns {HTMLElement}
 */
export function monthPicker(latest, selected, onChange) {
  const { root, refs } = clone('t-month-picker');
  const select = /** @type {HTMLSelectElement} */ (refs.select);
  const months = recentMonths(latest, 24).filter((m) => m >= earliest || m === latest);
  if (!months.includes(selected) && selected < latest && selected >= earliest) months.push(selected);
  for (const m of months) {
    const option = document.createElement('option');
    option.value = m;
    option.textContent = m === latest ? `${monthName(m)} (текущий)` : monthName(m);
    option.selected = m === selected;
    select.append(option);
  }
  select.addEventListener('change', () => onChange(select.value));
  return root;
}
