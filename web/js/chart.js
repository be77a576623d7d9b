// @ts-check
// Hand-written SVG charts (no chart library: the first screen must stay small). Lines differ by colour AND dash
// pattern AND marker, and every chart has a table beside it, so colour is never the only signal.

import { el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @param {string} [text]
 */
function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Series styles: colour, dash, marker shape. */
const styles = [
  { cls: 's0', dash: '', marker: 'circle' },
  { cls: 's1', dash: '6 4', marker: 'square' },
  { cls: 's2', dash: '2 3', marker: 'diamond' },
  { cls: 's3', dash: '10 3 2 3', marker: 'triangle' },
  { cls: 's4', dash: '1 5', marker: 'cross' },
];

/**
 * @param {string} shape
 * @param {number} x
 * @param {number} y
 */
function marker(shape, x, y) {
  const r = 3.5;
  switch (shape) {
    case 'square': return svg('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r });
    case 'diamond': return svg('path', { d: `M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z` });
    case 'triangle': return svg('path', { d: `M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z` });
    case 'cross': return svg('path', { d: `M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}`, class: 'cross' });
    default: return svg('circle', { cx: x, cy: y, r });
  }
}

/**
 * A percentage line chart by month with the cluster thresholds (the template's, e.g. 50 % and 75 %) drawn in.
 * @param {{ labels: string[], series: { name: string, values: (number | null)[] }[], caption: string, thresholds?: number[] }} data
 * @returns {HTMLElement}
 */
export function lineChart(data) {
  const { labels, series } = data;
  const width = Math.max(320, labels.length * 48 + 72);
  const height = 220;
  const left = 36;
  const right = 24;
  const top = 12;
  const bottom = 28;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (/** @type {number} */ i) => left + (labels.length === 1 ? plotW / 2 : (i * plotW) / (labels.length - 1));
  const y = (/** @type {number} */ v) => top + plotH - (v / 100) * plotH;

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': data.caption });
  // Never shrink below the drawn size: on a phone the chart scrolls sideways instead of shrinking its labels.
  root.style.minWidth = `${width}px`;
  root.style.maxWidth = `${Math.round(width * 1.6)}px`;
  const marked = new Set(data.thresholds ?? []);
  for (const v of [...new Set([0, 25, 50, 75, 100, ...marked])].sort((a, b) => a - b)) {
    root.append(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: marked.has(v) ? 'grid threshold' : 'grid' }));
    root.append(svg('text', { x: left - 4, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, `${v}`));
  }
  labels.forEach((label, i) => {
    root.append(svg('text', { x: x(i), y: height - 8, class: 'axis', 'text-anchor': 'middle' }, label));
  });
  series.forEach((s, si) => {
    const style = styles[si % styles.length];
    const g = svg('g', { class: `series ${style.cls}` });
    let d = '';
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      d += `${d && s.values[i - 1] !== null && s.values[i - 1] !== undefined ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
    });
    const path = svg('path', { d, class: 'line' });
    if (style.dash) path.setAttribute('stroke-dasharray', style.dash);
    g.append(path);
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const m = marker(style.marker, x(i), y(v));
      m.append(svg('title', {}, `${s.name}, ${labels[i]}: ${String(v).replace('.', ',')} %`));
      g.append(m);
    });
    root.append(g);
  });

  const figure = el('figure', 'chart-figure');
  const scroller = el('div', 'chart-scroll');
  scroller.append(root);
  figure.append(scroller, legend(series.map((s) => s.name)));
  return figure;
}

/**
 * @param {string[]} names
 */
function legend(names) {
  const list = el('ul', 'chart-legend');
  names.forEach((name, i) => {
    const style = styles[i % styles.length];
    const item = el('li');
    const key = svg('svg', { viewBox: '0 0 34 12', class: `legend-key series ${style.cls}`, 'aria-hidden': 'true' });
    const line = svg('path', { d: 'M2 6L32 6', class: 'line' });
    if (style.dash) line.setAttribute('stroke-dasharray', style.dash);
    key.append(line, marker(style.marker, 17, 6));
    item.append(key, document.createTextNode(` ${name}`));
    list.append(item);
  });
  return list;
}

/**
 * Horizontal bars with their numbers written beside them.
 * @param {{ label: string, value: number, cls: string }[]} bars
 * @param {string} caption
 */
export function barChart(bars, caption) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const list = el('ul', 'bars');
  list.setAttribute('aria-label', caption);
  for (const b of bars) {
    const item = el('li', 'bar-row');
    const label = el('span', 'bar-label', b.label);
    const track = el('span', 'bar-track');
    const fill = el('span', `bar-fill ${b.cls}`);
    fill.style.width = `${(b.value / max) * 100}%`;
    track.append(fill);
    const value = el('span', 'bar-value', b.value);
    item.append(label, track, value);
    list.append(item);
  }
  return list;
}
