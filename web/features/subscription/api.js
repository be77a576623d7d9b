// @ts-check
// Endpoints of the methodical subscription (seed 002). Paths and bodies only: requests go through api.js.

import { request } from '../../js/api.js';
import { formatDate } from '../../js/format.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun */
const base = (mun) => `/api/municipalities/${seg(mun)}/subscription`;

/** @param {string} mun @param {string} school */
const school = (mun, school) => `/api/municipalities/${seg(mun)}/schools/${seg(school)}/subscription`;

export const subscriptionApi = {
  /** @param {string} mun @returns {Promise<import('./types.js').MunicipalityOverview>} */
  overview: async (mun) => (await request(base(mun))).data,
  /** @param {string} mun @returns {Promise<import('./types.js').Indicators>} */
  indicators: async (mun) => (await request(`${base(mun)}/indicators`)).data,
  /** @param {string} mun @param {string} id @param {{ decision: string, comment: string | null }} body
   * @returns {Promise<import('./types.js').ApplicationView>} */
  answer: async (mun, id, body) => (await request(`${base(mun)}/applications/${seg(id)}/answer`, { method: 'POST', body })).data,
  /** @param {string} mun @param {import('./types.js').ModuleInput} body @returns {Promise<import('./types.js').ModuleView>} */
  createModule: async (mun, body) => (await request(`${base(mun)}/modules`, { method: 'POST', body })).data,
  /** @param {string} mun @param {string} id @returns {Promise<import('./types.js').ModuleDetails>} */
  module: async (mun, id) => (await request(`${base(mun)}/modules/${seg(id)}`)).data,
  /**
   * @param {string} mun @param {string} id @param {import('./types.js').ModuleInput} body @param {string} ifMatch
   * @returns {Promise<import('./types.js').ModuleView>}
   */
  updateModule: async (mun, id, body, ifMatch) => (await request(`${base(mun)}/modules/${seg(id)}`, { method: 'PUT', body, ifMatch })).data,
  /** @param {string} mun @param {string} id @param {import('./types.js').SessionInput} body @returns {Promise<import('./types.js').SessionView>} */
  session: async (mun, id, body) => (await request(`${base(mun)}/modules/${seg(id)}/sessions`, { method: 'POST', body })).data,
  /** @param {string} mun @param {string} s @returns {Promise<import('./types.js').SchoolOverview>} */
  school: async (mun, s) => (await request(school(mun, s))).data,
  /** @param {string} mun @param {string} s @param {import('./types.js').ApplicationInput} body @returns {Promise<import('./types.js').ApplicationView>} */
  apply: async (mun, s, body) => (await request(`${school(mun, s)}/applications`, { method: 'POST', body })).data,
  /** @param {string} mun @param {string} s @param {import('./types.js').NeedInput} body @returns {Promise<import('./types.js').NeedView>} */
  need: async (mun, s, body) => (await request(`${school(mun, s)}/needs`, { method: 'POST', body })).data,
  /** @param {string} mun @param {string} s @returns {Promise<import('./types.js').RouteAgreementView>} */
  agreeRoute: async (mun, s) => (await request(`${school(mun, s)}/route-agreement`, { method: 'POST', body: {} })).data,
};

/** @param {string} iso yyyy-MM-dd → «14 ноября 2026 г.» */
export function day(iso) {
  return formatDate(iso, 'UTC');
}
