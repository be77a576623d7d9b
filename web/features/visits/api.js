// @ts-check
// Endpoints of the school visits: the results register, the candidates list and its criteria, schools' requests and
// the visits. Paths and bodies only: every request goes through api.js, so failures are the same ApiError.

import { fetchFile, request, sendBytes } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun */
const base = (mun) => `/api/municipalities/${seg(mun)}`;

export const visitsApi = {
  /** @param {string} mun @param {string | null} year */
  candidates: async (mun, year) => (await request(`${base(mun)}/visits/candidates${year ? `?year=${seg(year)}` : ''}`)).data,
  /** @param {string} mun */
  criteria: (mun) => request(`${base(mun)}/visits/criteria`),
  /** @param {string} mun @param {any} criteria @param {string | null} ifMatch */
  saveCriteria: async (mun, criteria, ifMatch) => (await request(`${base(mun)}/visits/criteria`, { method: 'PUT', body: { criteria }, ifMatch })).data,
  /** @param {string} mun */
  list: async (mun) => (await request(`${base(mun)}/visits`)).data,
  /** @param {string} mun @param {string} school */
  school: async (mun, school) => (await request(`${base(mun)}/schools/${seg(school)}/visits`)).data,
  /** @param {string} mun */
  options: async (mun) => (await request(`${base(mun)}/visits/options`)).data,
  /** @param {string} mun @param {string} id */
  visit: (mun, id) => request(`${base(mun)}/visits/${seg(id)}`),
  /** @param {string} mun @param {any} input */
  plan: (mun, input) => request(`${base(mun)}/visits`, { method: 'POST', body: input }),
  /** @param {string} mun @param {string} id @param {any} input @param {string | null} ifMatch */
  update: (mun, id, input, ifMatch) => request(`${base(mun)}/visits/${seg(id)}`, { method: 'PUT', body: input, ifMatch }),
  /** @param {string} mun @param {string} school @param {{ month: string, reason: string }} input */
  ask: async (mun, school, input) => (await request(`${base(mun)}/schools/${seg(school)}/visit-requests`, { method: 'POST', body: input })).data,
  /** @param {string} mun @param {string} id @param {{ decision: string, comment: string | null }} input */
  answer: async (mun, id, input) => (await request(`${base(mun)}/visit-requests/${seg(id)}/answer`, { method: 'POST', body: input })).data,
  /** @param {string} mun @param {string} school */
  staff: async (mun, school) => (await request(`${base(mun)}/schools/${seg(school)}/staff`)).data,
  /** @param {string} mun @param {string} year */
  results: async (mun, year) => (await request(`${base(mun)}/results/${seg(year)}`)).data,
  /** @param {string} mun @param {string} year @param {string} school @param {any} input @param {string | null} ifMatch */
  saveResults: (mun, year, school, input, ifMatch) =>
    request(`${base(mun)}/results/${seg(year)}/schools/${seg(school)}`, { method: 'PUT', body: input, ifMatch }),
  /** @param {string} mun @param {string} year */
  template: (mun, year) => fetchFile(`${base(mun)}/results/${seg(year)}/template`, { fallbackName: `Результаты школ ${year}.xlsx` }),
  /** @param {string} mun @param {string} year @param {Blob} file */
  importResults: (mun, year, file) => sendBytes(`${base(mun)}/results/${seg(year)}/import`, file),
  /** @param {string} mun @param {string} year */
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
