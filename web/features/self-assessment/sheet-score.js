// @ts-check
// The score card: points over the applicable maximum, the raw score out of 140 beside it, the percentage,
// the cluster, "заполнено N из 70", each area, and a note on how the seed's overlapping ranges are read.

import { clone, el } from '../../js/dom.js';
import { clusterNames, clusterShort, percent } from '../../js/format.js';
import { clusterRules, clusterRuleText } from './score.js';

/**
 * @typedef {import('./score.js').Score} Score
 * @typedef {import('./score.js').Template} Template
 */

export class ScoreCard {
  /**
   * @param {HTMLElement} container
   * @param {HTMLElement} sticky the bar fixed at the bottom of a phone screen
   * @param {Template} template
   */
  constructor(container, sticky, template) {
    const { root, refs } = clone('t-score');
    this.refs = refs;
    this.sticky = sticky;
    this.template = template;
    /** @type {Map<string, {points: HTMLElement, pct: HTMLElement}>} */
    this.rows = new Map();
    for (const area of template.areas) {
      const tr = el('tr');
      const name = el('th', '', `${area.id}. ${area.title}`);
      name.scope = 'row';
      const points = el('td', 'num');
      const pct = el('td', 'num');
      tr.append(name, points, pct);
      refs.areas.append(tr);
      this.rows.set(area.id, { points, pct });
    }
    refs.note.textContent = 'В рекомендациях (приложение 1) диапазоны баллов пересекаются: «105–140», «70–97», «0–96». '
      + `Мы относим школу к кластеру по проценту: ${clusterRuleText(template.clusters, clusterShort)}. `
      + 'Строки «не применимо» не входят в максимум: процент считается от применимого максимума, '
      + `а сырой балл из ${template.maxTotal} показан рядом.`;
    const rules = new Map(clusterRules(template.clusters).map((r) => [r.id, r.rule]));
    for (const c of template.clusters ?? []) {
      const li = el('li');
      li.append(el('strong', '', `${c.title}: `), document.createTextNode(`${rules.get(c.id)} (в тексте рекомендаций: ${c.seedText})`));
      refs.rules.append(li);
    }
    container.replaceChildren(root);
  }

  /**
   * @param {Score} s
   * @param {{ caption?: string }} [options]
   */
  show(s, options = {}) {
    const r = this.refs;
    r.points.textContent = `${s.total} из ${s.applicableMax} баллов`;
    r.percent.textContent = percent(s.percent);
    setCluster(r.cluster, s.cluster);
    r.raw.textContent = `Сырой балл: ${s.total} из ${s.maxTotal}`
      + (s.notApplicable > 0 ? ` · «не применимо»: ${s.notApplicable} (применимый максимум ${s.applicableMax})` : '')
      + (options.caption ? ` · ${options.caption}` : '');
    r.answered.textContent = `Заполнено ${s.answered} из ${s.indicatorCount}`;
    r.progress.max = s.indicatorCount;
    r.progress.value = s.answered;
    for (const a of s.areas) {
      const row = this.rows.get(a.id);
      if (!row) continue;
      row.points.textContent = `${a.score} из ${a.applicableMax}`;
      if (a.applicableMax !== a.max) row.points.append(el('span', 'muted block', `всего ${a.max}`));
      row.pct.textContent = percent(a.percent);
    }
    const bar = [
      `Заполнено ${s.answered} из ${s.indicatorCount}`,
      `${s.total} из ${s.applicableMax}`,
      percent(s.percent),
      s.cluster ? clusterShort[s.cluster] : '',
    ].filter(Boolean).join(' · ');
    this.sticky.textContent = bar;
  }
}

/**
 * Writes a cluster badge: the word itself, colour only as a second signal.
 * @param {HTMLElement} badge
 * @param {string | null | undefined} cluster
 */
export function setCluster(badge, cluster) {
  badge.className = `badge cluster ${cluster ?? 'none'}`;
  badge.textContent = cluster ? clusterNames[cluster] : 'кластер не определён';
}
