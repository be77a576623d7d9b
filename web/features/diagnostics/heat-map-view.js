// @ts-check
// The municipality's schools side by side: each competence's mean level by the school's latest entry diagnostic
// (and its repeat), shaded so that deficits stand out, and the same by subject. Means only: no teacher is named.

import { clone, el, errorBox, loading } from '../../js/dom.js';
import { diagnosticsApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').TableCell} TableCell */

/**
 * A cell's shade: lighter and warmer where the level is lower. The number is always written; the colour only helps.
 * @param {number | null} value
 */
function shade(value) {
  if (value === null) return '';
  return value >= 85 ? 'heat-high' : value >= 70 ? 'heat-good' : value >= 60 ? 'heat-medium' : 'heat-low';
}

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 */
export async function showHeatMap(slot, session) {
  const { root, refs } = clone('t-diagnostics-map');
  slot.replaceChildren(root);
  const body = /** @type {HTMLElement} */ (refs.body);
  body.replaceChildren(loading());
  /** @type {import('./types.js').HeatMap} */
  let map;
  try {
    map = await diagnosticsApi.heatMap(session.mun);
  } catch (e) {
    body.replaceChildren(errorBox(e, () => showHeatMap(slot, session)));
    return;
  }
  body.replaceChildren();
  const legend = el('p', 'muted small', 'Цвет: ниже 60 % — дефицит; 60–69 %; 70–84 %; от 85 % — высокий уровень. Через «→» — повторная диагностика.');
  body.append(legend);

  /**
   * @param {string} caption @param {string} first
   * @param {{ name: string, href?: string, teachers: number, note?: string, means: TableCell[] }[]} lines
   */
  const grid = (caption, first, lines) => {
    const wrap = el('div', 'chart-scroll');
    const t = el('table', 'data heat-map');
    t.append(el('caption', '', caption));
    const head = el('tr');
    const h = el('th', '', first);
    h.scope = 'col';
    head.append(h);
    const count = el('th', 'num', 'Педагогов');
    count.scope = 'col';
    head.append(count);
    for (const c of map.competences) {
      const cell = el('th', '', c.label);
      cell.scope = 'col';
      head.append(cell);
    }
    t.append(el('thead'));
    t.tHead?.append(head);
    const tbody = el('tbody');
    for (const line of lines) {
      const tr = el('tr');
      const name = el('th');
      name.scope = 'row';
      if (line.href) {
        const a = el('a', '', line.name);
        a.href = line.href;
        name.append(a);
      } else {
        name.textContent = line.name;
      }
      if (line.note) name.append(el('span', 'muted small', ` ${line.note}`));
      tr.append(name, el('td', 'num', line.teachers || ''));
      for (const c of map.competences) {
        const m = line.means.find((x) => x.competence === c.code);
        const td = el('td', `num ${shade(m?.repeat ?? m?.entry ?? null)}`,
          m?.entry === null || m?.entry === undefined ? '—' : m.repeat === null ? `${m.entry}` : `${m.entry} → ${m.repeat}`);
        tr.append(td);
      }
      tbody.append(tr);
    }
    t.append(tbody);
    wrap.append(t);
    return wrap;
  };

  body.append(grid('Средний уровень компетенций по школам, %', 'Школа', map.schools.map((s) => ({
    name: s.schoolName,
    href: `#/diagnostics/${encodeURIComponent(s.schoolId)}`,
    teachers: s.teachers,
    note: [s.shnor ? 'ШНОР' : '', s.entryDate ? '' : 'диагностики нет'].filter(Boolean).join(', '),
    means: s.means,
  }))));
  if (map.subjects.length > 0) {
    body.append(grid('Дефициты по предметам: средний уровень по входной диагностике, %', 'Предмет',
      map.subjects.map((s) => ({ name: s.subject, teachers: s.teachers, means: s.means }))));
  }
}
