// @ts-check
// The municipal bank of best practices: full-text search, filters (topic, subject, grade, kind, school, school
// year, state), result cards and pages. The search and filters live in the hash (#/bank?q=…&subject=…&page=2), so
// a search can be shared and the back button returns to it. Everything typed by people is shown as text.

import { bankApi } from './api.js';
import { exportPanel } from './export.js';
import { gradesText, kindNames, schoolYears, stateClass, stateNames } from './format.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { plural } from '../../js/format.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./api.js').BankQuery} BankQuery */

const PAGE_SIZE = 20;
const FILTERS = /** @type {const} */ (['topic', 'subject', 'grade', 'kind', 'school', 'year', 'state']);

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {URLSearchParams} params
 * @returns {Promise<() => void>}
 */
export async function showBank(main, session, params) {
  const { mun } = session;
  const role = session.me.member.role;
  const reviewer = role === 'Coordinator' || role === 'Methodist';
  const author = role === 'Teacher' || role === 'SchoolAdmin';
  /** @type {BankQuery} */
  const query = {};
  for (const k of ['q', ...FILTERS, 'page']) {
    const v = params.get(k);
    if (v) /** @type {Record<string, string>} */ (query)[k] = v;
  }
  document.title = 'Банк практик — MethodDays';

  const { root, refs } = clone('t-bank');
  refs.q.value = query.q ?? '';
  refs.results.append(loading('Ищем практики…'));
  main.replaceChildren(root);

  if (role === 'Teacher' || role === 'SchoolAdmin') {
    const add = el('a', 'button primary', 'Добавить практику');
    add.href = '#/practice/new';
    refs['head-actions'].append(add);
  }

  /** @type {() => void} */
  let releaseExport = () => {};
  if (reviewer) {
    releaseExport = exportPanel(refs.export, session, () => ({ filters: exportFilters(query), text: describe(query, selects) }));
  }

  /** @type {Record<string, HTMLSelectElement>} */
  const selects = {};
  /** Counts requests, so a slow answer to an older search never replaces a newer one. */
  let seq = 0;

  async function search() {
    const mine = ++seq;
    const page = Math.max(1, Number(query.page) || 1);
    refs.results.setAttribute('aria-busy', 'true');
    refs.results.classList.add('stale');
    if (!refs.results.querySelector('.practice-cards')) refs.results.replaceChildren(loading('Ищем практики…'));
    try {
      const list = await bankApi.list(mun, query, (page - 1) * PAGE_SIZE, PAGE_SIZE);
      if (mine !== seq) return;
      showResults(list, page);
    } catch (e) {
      if (mine !== seq) return;
      refs.count.textContent = '';
      refs.pager.hidden = true;
      refs.results.replaceChildren(errorBox(e, search));
    } finally {
      if (mine === seq) {
        refs.results.removeAttribute('aria-busy');
        refs.results.classList.remove('stale');
      }
    }
  }

  /**
   * @param {{ total: number, items: import('./api.js').PracticeCard[] }} list
   * @param {number} page
   */
  function showResults(list, page) {
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    refs.count.textContent = list.total === 0
      ? 'Ничего не найдено. Попробуйте другие слова или сбросьте фильтры.'
      : `Найдено ${list.total} ${plural(list.total, 'практика', 'практики', 'практик')}`;
    const ol = el('ol', 'practice-cards');
    ol.start = (page - 1) * PAGE_SIZE + 1;
    for (const card of list.items) ol.append(cardOf(card));
    refs.results.replaceChildren(ol);
    refs.pager.hidden = pages <= 1;
    refs.page.textContent = `Страница ${page} из ${pages}`;
    refs.prev.disabled = page <= 1;
    refs.next.disabled = page >= pages;
  }

  /** @param {boolean} push a new history entry (a page, a filter) or replace it */
  function go(push) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    const hash = `#/bank${params.size > 0 ? `?${params}` : ''}`;
    if (location.hash !== hash) {
      if (push) history.pushState(null, '', hash);
      else history.replaceState(null, '', hash);
    }
    summary();
    search();
  }

  function summary() {
    const n = FILTERS.filter((k) => query[k]).length;
    refs['filters-summary'].textContent = n > 0 ? `Фильтры (выбрано: ${n})` : 'Фильтры';
    refs.reset.hidden = n === 0;
  }

  refs.form.addEventListener('submit', (/** @type {Event} */ e) => {
    e.preventDefault();
    query.q = refs.q.value.trim() || undefined;
    delete query.page;
    go(true);
  });
  refs.reset.addEventListener('click', () => {
    for (const k of FILTERS) {
      delete query[k];
      if (selects[k]) selects[k].value = '';
    }
    delete query.page;
    go(true);
  });
  refs.prev.addEventListener('click', () => {
    query.page = String(Math.max(1, (Number(query.page) || 1) - 1));
    go(true);
    refs.count.scrollIntoView({ block: 'start' });
  });
  refs.next.addEventListener('click', () => {
    query.page = String((Number(query.page) || 1) + 1);
    go(true);
    refs.count.scrollIntoView({ block: 'start' });
  });

  // Wide screens show the filters open; a phone keeps them folded above the results.
  refs.filters.open = window.matchMedia('(min-width: 720px)').matches;
  summary();
  search();

  // The filters' choices: options and topics are cached for the page's life.
  try {
    // The school filter offers the schools the results can come from (every school whose practices this person
    // sees, as the list answers), not only the person's own school.
    const [options, topics, first] = await Promise.all([
      bankApi.options(),
      bankApi.topics(mun).catch(() => []),
      bankApi.list(mun, {}, 0, 1).catch(() => ({ total: 0, items: [], schools: [] })),
    ]);
    /** @type {[typeof FILTERS[number], string, string[][]][]} */
    const filters = [
      ['topic', 'Тема ЕМД', topics.filter((t) => t.state !== 'draft').map((t) => [t.week, `${t.weekRange}: ${t.title}`])],
      ['subject', 'Предмет', options.subjects.map((/** @type {string} */ s) => [s, s])],
      ['grade', 'Класс', Array.from({ length: 11 }, (_, i) => [String(i + 1), `${i + 1} класс`])],
      ['kind', 'Вид', options.kinds.map((/** @type {string} */ k) => [k, kindNames[k] ?? k])],
      ['school', 'Школа', first.schools.map((s) => [s.id, s.name])],
      ['year', 'Учебный год', schoolYears(session.today).map((y) => [y, y])],
      ['state', 'Состояние', stateChoices(author)],
    ];
    for (const [name, label, items] of filters) {
      const f = clone('t-bank-filter');
      f.refs.label.textContent = label;
      const select = /** @type {HTMLSelectElement} */ (f.refs.select);
      select.name = name;
      select.dataset.label = label;
      // Unset, the state is the bank itself: accepted practices.
      const all = el('option', '', name === 'state' ? 'в банке' : 'все');
      all.value = '';
      select.append(all);
      const current = query[name];
      if (current && !items.some(([v]) => v === current)) items.push([current, current]);
      for (const [value, text] of items) {
        const o = el('option', '', text);
        o.value = value;
        select.append(o);
      }
      select.value = current ?? '';
      select.addEventListener('change', () => {
        query[name] = select.value || undefined;
        delete query.page;
        go(true);
      });
      selects[name] = select;
      refs.grid.append(f.root);
    }
    if (reviewer) waiting(refs['head-actions'], session, query, selects, go);
  } catch (e) {
    refs.grid.replaceChildren(errorBox(e));
  }

  return () => {
    seq++;
    releaseExport();
  };
}

/**
 * Methodists and the coordinator see how many practices wait for review, one tap from the list of them.
 * @param {HTMLElement} host
 * @param {Session} session
 * @param {BankQuery} query
 * @param {Record<string, HTMLSelectElement>} selects
 * @param {(push: boolean) => void} go
 */
async function waiting(host, session, query, selects, go) {
  try {
    const list = await bankApi.list(session.mun, { state: 'Review' }, 0, 1);
    if (list.total === 0) return;
    const button = el('button', 'button secondary', `Ждут рассмотрения: ${list.total}`);
    button.type = 'button';
    button.addEventListener('click', () => {
      for (const k of FILTERS) delete query[k];
      delete query.q;
      delete query.page;
      query.state = 'Review';
      for (const [k, s] of Object.entries(selects)) s.value = k === 'state' ? 'Review' : '';
      go(true);
    });
    host.append(button);
  } catch { /* the list itself shows errors */ }
}

/**
 * The state filter's choices beyond the bank (the unset choice): the review queue (reviewers see all of it, a school
 * its own practices on the way in), returned practices, and for a school's staff their own drafts, which nobody else
 * sees.
 * @param {boolean} author
 * @returns {string[][]}
 */
function stateChoices(author) {
  /** @type {string[][]} */
  const choices = [['Review', 'на рассмотрении'], ['Returned', stateNames.Returned]];
  if (author) choices.push(['Draft', 'мои черновики']);
  return choices;
}

/**
 * The export's filters from the page's search (the export takes accepted practices only, so no state).
 * @param {BankQuery} q
 */
function exportFilters(q) {
  return {
    query: q.q || null,
    topicWeek: q.topic || null,
    subject: q.subject || null,
    grade: q.grade ? Number(q.grade) : null,
    kind: q.kind || null,
    schoolId: q.school || null,
    schoolYear: q.year || null,
  };
}

/**
 * "поиск «оценивание», предмет: Математика": what the page shows, in words (the export remembers it).
 * @param {BankQuery} q
 * @param {Record<string, HTMLSelectElement>} selects
 */
function describe(q, selects) {
  const parts = q.q ? [`поиск «${q.q}»`] : [];
  for (const k of FILTERS) {
    const s = selects[k];
    if (q[k] && s && k !== 'state') parts.push(`${(s.dataset.label ?? k).toLowerCase()}: ${s.selectedOptions[0]?.textContent ?? q[k]}`);
  }
  return parts.join(', ');
}

/** @param {import('./api.js').PracticeCard} card */
function cardOf(card) {
  const { root, refs } = clone('t-bank-card');
  if (card.state !== 'Accepted') {
    refs.state.hidden = false;
    refs.state.textContent = stateNames[card.state] ?? card.state;
    refs.state.className = `badge state ${stateClass[card.state] ?? ''}`;
  }
  refs.kind.textContent = kindNames[card.kind] ?? card.kind;
  refs.link.textContent = card.title;
  refs.link.href = `#/practice/${encodeURIComponent(card.id)}`;
  refs.meta.textContent = [card.subject, gradesText(card.grades), card.topicTitle ? `тема ЕМД: ${card.topicTitle}` : '']
    .filter(Boolean).join(' · ');
  refs.snippet.textContent = card.snippet;
  const files = card.files > 0 ? `${card.files} ${plural(card.files, 'файл', 'файла', 'файлов')}` : 'без файлов';
  refs.foot.textContent = [card.schoolName, card.authors.join(', '), files, card.schoolYear].filter(Boolean).join(' · ');
  return root;
}
