// @ts-check
// «История изменений» of a visit's review: the texts its parts had before someone wrote over them (who wrote each
// and when, who replaced it and when), newest first, read-only. The team, the coordinator and the methodists see it
// (GET …/review/revisions); the school's administration reads only the review as it stands.

import { request } from '../../js/api.js';
import { el, errorBox, loading } from '../../js/dom.js';
import { formatDateTime } from '../../js/format.js';
import { dayName } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./types.js').VisitReviewView} VisitReviewView */
/** @typedef {import('./types.js').ReviewRevisionView} ReviewRevisionView */

/**
 * The part a revision belongs to, in words.
 * @param {VisitReviewView} v
 * @param {string} part document.{code}, direction.{code}, experience.{id} or interview
 */
export function partName(v, part) {
  const dot = part.indexOf('.');
  const kind = dot < 0 ? part : part.slice(0, dot);
  const code = part.slice(dot + 1);
  switch (kind) {
    case 'document': return `Заключение по документу «${v.documents.find((d) => d.code === code)?.title ?? code}»`;
    case 'direction': return `Анализ направления «${v.directions.find((d) => d.code === code)?.label ?? code}»`;
    case 'experience': return `Опыт: ${v.experience.find((x) => x.id === code)?.name ?? 'удалённая запись'}`;
    default: return 'Собеседование с администрацией школы';
  }
}

/**
 * The earlier text, as lines a person reads.
 * @param {VisitReviewView} v
 * @param {string} part
 * @param {string} content the part's text as stored (JSON)
 * @returns {string[]}
 */
export function earlierText(v, part, content) {
  /** @type {Record<string, unknown>} */
  let c;
  try {
    c = JSON.parse(content) ?? {};
  } catch {
    return [content];
  }
  const text = (/** @type {unknown} */ x) => (typeof x === 'string' && x.trim() ? x : '—');
  if (part.startsWith('document.')) {
    const verdict = v.verdicts.find((x) => x.code === c.verdict)?.label ?? 'не вынесено';
    return [`Заключение: ${verdict}${c.providedOnSite ? ' (документ предоставлен на месте)' : ''}`, `Замечания: ${text(c.remarks)}`];
  }
  if (part.startsWith('direction.')) return [`Сильные стороны: ${text(c.strengths)}`, `Проблемы: ${text(c.problems)}`];
  if (part.startsWith('experience.')) return [`${text(c.name)}: ${text(c.description)}`];
  const codes = Array.isArray(c.problemDirections) ? c.problemDirections.map(String) : [];
  const agreements = Array.isArray(c.agreements) ? c.agreements.map(String) : [];
  return [
    `Дата: ${typeof c.date === 'string' && c.date ? dayName(c.date) : '—'}`,
    `Участники: ${text(c.participants)}`,
    `Проблемные направления: ${codes.map((d) => v.allDirections.find((x) => x.code === d)?.label ?? d).join(', ') || '—'}`,
    `Договорённости: ${agreements.join('; ') || '—'}`,
  ];
}

/**
 * The panel; fills itself when the revisions arrive, and again on refresh (after a part is saved).
 * @param {Session} session
 * @param {VisitReviewView} v
 * @param {string} url the review's address (…/visits/{id}/review)
 * @returns {{ section: HTMLElement, refresh: () => void }}
 */
export function reviewHistory(session, v, url) {
  const section = el('section', 'panel');
  section.setAttribute('aria-labelledby', 'rv-history');
  const heading = el('h2', undefined, 'История изменений');
  heading.id = 'rv-history';
  const body = el('div');
  section.append(heading, el('p', 'hint', 'Прежние тексты частей экспертизы, которые потом переписали: кто и когда их написал, кто и когда заменил. Только для чтения.'), body);
  const load = async () => {
    body.replaceChildren(loading('Загружаем историю изменений…'));
    /** @type {ReviewRevisionView[]} */
    let list;
    try {
      list = (await request(`${url}/revisions`)).data;
    } catch (e) {
      body.replaceChildren(errorBox(e, () => void load()));
      return;
    }
    if (list.length === 0) {
      body.replaceChildren(el('p', 'muted', 'Пока ничего не переписывали.'));
      return;
    }
    /** @type {Map<string, ReviewRevisionView[]>} */
    const byPart = new Map();
    for (const r of list) byPart.set(r.part, [...(byPart.get(r.part) ?? []), r]);
    const parts = el('div');
    for (const [part, revisions] of byPart) {
      const block = el('div', 'panel');
      block.append(el('h3', undefined, partName(v, part)));
      const ol = el('ol', 'plain-list');
      for (const r of revisions) {
        const li = el('li');
        li.append(el('p', 'small muted',
          `Написал(а) ${r.writtenByName}, ${formatDateTime(r.writtenAt, session.timeZone)}; заменил(а) ${r.replacedByName}, ${formatDateTime(r.replacedAt, session.timeZone)}`));
        for (const line of earlierText(v, part, r.content)) li.append(el('p', 'pre-line', line));
        ol.append(li);
      }
      block.append(ol);
      parts.append(block);
    }
    body.replaceChildren(parts);
  };
  void load();
  return { section, refresh: () => void load() };
}
