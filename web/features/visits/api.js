// @ts-check
// Endpoints of the school visits: the results register, the candidates list and its criteria, schools' requests and
// the visits. Paths and bodies only: every request goes through api.js, so failures are the same ApiError.

import { fetchFile, request, sendBytes } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun */
const base = (mun) => `/api/municipalities/${seg(mun)}`;

/**
 * @template T
 * @typedef {import('../../js/api.js').ApiAnswer<T>} ApiAnswer
 */

export const visitsApi = {
  /** @param {string} mun @param {string | null} year @returns {Promise<import('./types.js').CandidatesView>} */
  candidates: async (mun, year) => (await request(`${base(mun)}/visits/candidates${year ? `?year=${seg(year)}` : ''}`)).data,
  /** @param {string} mun @returns {Promise<ApiAnswer<import('./types.js').CriteriaView>>} */
  criteria: (mun) => request(`${base(mun)}/visits/criteria`),
  /**
   * @param {string} mun @param {import('./types.js').CriterionSetting[]} criteria @param {string | null} ifMatch
   * @returns {Promise<import('./types.js').CriteriaView>}
   */
  saveCriteria: async (mun, criteria, ifMatch) => (await request(`${base(mun)}/visits/criteria`, { method: 'PUT', body: { criteria }, ifMatch })).data,
  /** @param {string} mun @returns {Promise<import('./types.js').VisitListView>} */
  list: async (mun) => (await request(`${base(mun)}/visits`)).data,
  /** @param {string} mun @param {string} school @returns {Promise<import('./types.js').VisitListView>} */
  school: async (mun, school) => (await request(`${base(mun)}/schools/${seg(school)}/visits`)).data,
  /** @param {string} mun @returns {Promise<import('./types.js').PlanningOptions>} */
  options: async (mun) => (await request(`${base(mun)}/visits/options`)).data,
  /** @param {string} mun @param {string} id @returns {Promise<ApiAnswer<import('./types.js').VisitView>>} */
  visit: (mun, id) => request(`${base(mun)}/visits/${seg(id)}`),
  /** @param {string} mun @param {import('./types.js').VisitInput} input @returns {Promise<ApiAnswer<import('./types.js').VisitView>>} */
  plan: (mun, input) => request(`${base(mun)}/visits`, { method: 'POST', body: input }),
  /**
   * @param {string} mun @param {string} id @param {import('./types.js').VisitInput} input @param {string | null} ifMatch
   * @returns {Promise<ApiAnswer<import('./types.js').VisitView>>}
   */
  update: (mun, id, input, ifMatch) => request(`${base(mun)}/visits/${seg(id)}`, { method: 'PUT', body: input, ifMatch }),
  /** @param {string} mun @param {string} school @param {{ month: string, reason: string }} input @returns {Promise<import('./types.js').VisitRequestView>} */
  ask: async (mun, school, input) => (await request(`${base(mun)}/schools/${seg(school)}/visit-requests`, { method: 'POST', body: input })).data,
  /** @param {string} mun @param {string} id @param {{ decision: string, comment: string | null }} input @returns {Promise<import('./types.js').VisitRequestView>} */
  answer: async (mun, id, input) => (await request(`${base(mun)}/visit-requests/${seg(id)}/answer`, { method: 'POST', body: input })).data,
  /** @param {string} mun @param {string} school @returns {Promise<import('../people/types.js').StaffListView>} */
  staff: async (mun, school) => (await request(`${base(mun)}/schools/${seg(school)}/staff`)).data,
  /** @param {string} mun @param {string} year @returns {Promise<import('./types.js').ResultsYearView>} */
  results: async (mun, year) => (await request(`${base(mun)}/results/${seg(year)}`)).data,
  /**
   * @param {string} mun @param {string} year @param {string} school @param {import('./types.js').SchoolResultsInput} input
   * @param {string | null} ifMatch @returns {Promise<ApiAnswer<import('./types.js').SchoolResultsView>>}
   */
  saveResults: (mun, year, school, input, ifMatch) =>
    request(`${base(mun)}/results/${seg(year)}/schools/${seg(school)}`, { method: 'PUT', body: input, ifMatch }),
  /** @param {string} mun @param {string} year */
  template: (mun, year) => fetchFile(`${base(mun)}/results/${seg(year)}/template`, { fallbackName: `Результаты школ ${year}.xlsx` }),
  /** @param {string} mun @param {string} year @param {Blob} file @returns {Promise<import('./types.js').ResultsImportResult>} */
  importResults: (mun, year, file) => sendBytes(`${base(mun)}/results/${seg(year)}/import`, file),
  /** @param {string} mun @param {string} year @returns {Promise<import('./types.js').VisitYearView>} */
  year: async (mun, year) => (await request(`${base(mun)}/visits/years/${seg(year)}`)).data,
  /** @param {string} mun @param {string} year */
  yearFile: (mun, year) => fetchFile(`${base(mun)}/visits/years/${seg(year)}.xlsx`, { fallbackName: `Итоги посещений ${year}.xlsx` }),
};

/** «3 декабря 2026» from «2026-12-03». @param {string} iso */
export function dayName(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1))).replace(' г.', '');
}

/** «январь 2027» from «2027-01». @param {string} month */
export function monthLabel(month) {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1))).replace(' г.', '');
}
