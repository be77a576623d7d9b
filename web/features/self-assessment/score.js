// @ts-check
// The live score, computed exactly as the server does (SheetScoring): unanswered lines stay in the maximum,
// "не применимо" leaves it; the percentage is over the applicable maximum and the raw score out of 140 is kept.
// Clusters are our reading of seed 003's overlapping point ranges, by percentage; the thresholds come from the template
// (`clusters[].minPercent`), never from constants here.

/**
 * @typedef {{ id: string, text: string, scored?: boolean, parent?: string, seniorGradesOnly?: boolean }} Item
 * @typedef {{ id: string, title: string, items: Item[] }} Criterion
 * @typedef {{ id: string, title: string, max: number, criteria: Criterion[] }} Area
 * @typedef {{ id: string, title: string, minPercent: number, seedText?: string }} Cluster
 * @typedef {{ version: string, title: string, scaleCaption: string, maxTotal: number, areas: Area[], clusters: Cluster[] }} Template
 * @typedef {{ id: string, score: number, applicableMax: number, max: number, percent: number | null }} AreaScore
 * @typedef {{ total: number, applicableMax: number, maxTotal: number, percent: number | null, cluster: string | null,
 *   answered: number, notApplicable: number, indicatorCount: number, areas: AreaScore[] }} Score
 */

/**
 * Scored lines of a template (the ВПР heading is not scored).
 * @param {Template} template
 * @returns {Item[]}
 */
export function indicators(template) {
  return template.areas.flatMap((a) => a.criteria.flatMap((c) => c.items.filter((i) => i.scored !== false)));
}

/**
 * @param {Template} template
 * @param {Record<string, string>} values
 * @returns {Score}
 */
export function score(template, values) {
  let total = 0;
  let applicableMax = 0;
  let answered = 0;
  let notApplicable = 0;
  let count = 0;
  /** @type {AreaScore[]} */
  const areas = [];
  for (const area of template.areas) {
    let s = 0;
    let max = 0;
    for (const item of area.criteria.flatMap((c) => c.items)) {
      if (item.scored === false) continue;
      count++;
      const v = values[item.id];
      if (v === undefined || v === null) {
        max += 2;
        continue;
      }
      answered++;
      if (v === 'na') {
        notApplicable++;
        continue;
      }
      s += Number(v) || 0;
      max += 2;
    }
    areas.push({ id: area.id, score: s, applicableMax: max, max: area.max, percent: percentOf(s, max) });
    total += s;
    applicableMax += max;
  }
  return {
    total, applicableMax, maxTotal: template.maxTotal, percent: percentOf(total, applicableMax),
    cluster: clusterOf(total, applicableMax, template.clusters), answered, notApplicable, indicatorCount: count, areas,
  };
}

/**
 * The template's clusters, highest threshold first.
 * @param {Cluster[] | undefined} clusters
 * @returns {Cluster[]}
 */
export function byThreshold(clusters) {
  return [...(clusters ?? [])].sort((a, b) => b.minPercent - a.minPercent);
}

/**
 * The cluster of a score: the highest whose threshold it reaches, in exact fractions (105 of 140 is exactly 75 %).
 * @param {number} points
 * @param {number} max
 * @param {Cluster[]} clusters the template's
 * @returns {string | null}
 */
export function clusterOf(points, max, clusters) {
  if (max <= 0) return null;
  const ordered = byThreshold(clusters);
  return (ordered.find((c) => points * 100 >= c.minPercent * max) ?? ordered.at(-1))?.id ?? null;
}

/**
 * Each cluster's range in words, from the template's thresholds: «75 % и выше», «от 50 % до 75 % (не включая 75 %)»,
 * «ниже 50 %».
 * @param {Cluster[] | undefined} clusters
 * @returns {{ id: string, rule: string }[]} highest first
 */
export function clusterRules(clusters) {
  const ordered = byThreshold(clusters);
  return ordered.map((c, i) => {
    const upper = i === 0 ? null : ordered[i - 1].minPercent;
    const rule = upper === null ? `${c.minPercent} % и выше`
      : i === ordered.length - 1 && c.minPercent <= 0 ? `ниже ${upper} %`
        : `от ${c.minPercent} % до ${upper} % (не включая ${upper} %)`;
    return { id: c.id, rule };
  });
}

/**
 * The whole rule in one line: «высокий — 75 % и выше; средний — от 50 % до 75 % (не включая 75 %); низкий — ниже 50 %».
 * @param {Cluster[] | undefined} clusters
 * @param {Record<string, string>} names short names by cluster id
 */
export function clusterRuleText(clusters, names) {
  return clusterRules(clusters).map((r) => `${names[r.id] ?? r.id} — ${r.rule}`).join('; ');
}

/**
 * The thresholds a chart draws (the clusters' lower bounds above 0).
 * @param {Cluster[] | undefined} clusters
 * @returns {number[]}
 */
export function thresholds(clusters) {
  return byThreshold(clusters).map((c) => c.minPercent).filter((p) => p > 0);
}

/**
 * Rounded to one decimal like the server (.NET Math.Round: halves to even, so 2 of 32 is 6.2 %, not 6.3 %).
 * @param {number} points
 * @param {number} max
 */
export function percentOf(points, max) {
  if (max <= 0) return null;
  const n = points * 1000;
  let tenths = Math.floor(n / max);
  const twiceRest = 2 * (n - tenths * max);
  if (twiceRest > max || (twiceRest === max && tenths % 2 === 1)) tenths++;
  return tenths / 10;
}
