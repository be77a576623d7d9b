// @ts-check
// Endpoints of the teachers' individual educational routes (ИОМ). Paths and bodies only: requests go through api.js.

import { request, fetchFile, sendBytes } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun @param {string} school */
const base = (mun, school) => `/api/municipalities/${seg(mun)}/schools/${seg(school)}/routes`;

/**
 * @typedef {import('./types.js').Consultation} Consultation
 * @typedef {import('./types.js').RouteView} RouteView
 * @typedef {import('./types.js').RouteDraft} RouteDraft
 * @typedef {import('./types.js').RouteSummary} RouteSummary
 * @typedef {import('./types.js').SchoolReview} SchoolReview
 * @typedef {import('./types.js').RouteInput} RouteInput
 * @typedef {import('./types.js').ModuleChoices} ModuleChoices
 * @typedef {import('./types.js').RoutesOverview} RoutesOverview
 */

export const routesApi = {
  /** @param {string} mun @param {string} school @param {string} period @returns {Promise<RouteSummary[]>} */
  list: async (mun, school, period) => (await request(`${base(mun, school)}?period=${seg(period)}`)).data,
  /** @param {string} mun @param {string} school @param {string} teacher @param {string} period @returns {Promise<RouteView>} */
  get: async (mun, school, teacher, period) => (await request(`${base(mun, school)}/${seg(teacher)}/${seg(period)}`)).data,
  /** @param {string} mun @param {string} school @param {string} teacher @param {string} period @returns {Promise<RouteView[]>} */
  revisions: async (mun, school, teacher, period) => (await request(`${base(mun, school)}/${seg(teacher)}/${seg(period)}/revisions`)).data,
  /** @param {string} mun @param {string} school @param {string} teacher @param {string} round @param {string} period @returns {Promise<RouteDraft>} */
  draft: async (mun, school, teacher, round, period) =>
    (await request(`${base(mun, school)}/${seg(teacher)}/draft?round=${seg(round)}&period=${seg(period)}`, { method: 'POST', body: {} })).data,
  /** @param {string} mun @param {string} school @param {string} teacher @param {string} period @param {RouteInput} input @param {string | null} etag @returns {Promise<RouteView>} */
  save: async (mun, school, teacher, period, input, etag) =>
    (await request(`${base(mun, school)}/${seg(teacher)}/${seg(period)}`, { method: 'PUT', body: input, ifMatch: etag ?? undefined })).data,
  /** @param {string} mun @param {string} school @param {string} teacher @param {string} period @param {'teacher' | 'tutor'} as @param {string} etag @returns {Promise<RouteView>} */
  agree: async (mun, school, teacher, period, as, etag) =>
    (await request(`${base(mun, school)}/${seg(teacher)}/${seg(period)}/agreements`, { method: 'POST', body: { as }, ifMatch: etag })).data,
  /** @param {string} mun @param {string} school @param {string} teacher @param {string} period @param {{ orderDate: string, orderNumber: string }} order @param {string} etag @returns {Promise<RouteView>} */
  approve: async (mun, school, teacher, period, order, etag) =>
    (await request(`${base(mun, school)}/${seg(teacher)}/${seg(period)}/approval`, { method: 'POST', body: order, ifMatch: etag })).data,
  /** @param {string} mun @param {string} school @param {string} teacher @param {string} period @param {{ date: string, note: string }} input @returns {Promise<Consultation>} */
  consult: async (mun, school, teacher, period, input) =>
    (await request(`${base(mun, school)}/${seg(teacher)}/${seg(period)}/consultations`, { method: 'POST', body: input })).data,
  /**
   * @param {string} mun @param {string} school @param {string} teacher @param {string} period @param {string} item
   * @param {{ status: string, practiceId: string | null, evidenceNote: string | null }} input @param {string} etag
   * @returns {Promise<RouteView>}
   */
  progress: async (mun, school, teacher, period, item, input, etag) =>
    (await request(`${base(mun, school)}/${seg(teacher)}/${seg(period)}/items/${seg(item)}/progress`, { method: 'PUT', body: input, ifMatch: etag })).data,
  /** @param {string} mun @param {string} school @param {string} teacher @param {string} period @param {string} item @param {File} file @returns {Promise<RouteView>} */
  upload: (mun, school, teacher, period, item, file) =>
    sendBytes(`${base(mun, school)}/${seg(teacher)}/${seg(period)}/items/${seg(item)}/certificate?name=${seg(file.name)}`, file, { method: 'PUT' }),
  /** @param {string} mun @param {string} school @param {string} teacher @param {string} period @param {string} item @param {string} name */
  certificate: (mun, school, teacher, period, item, name) =>
    fetchFile(`${base(mun, school)}/${seg(teacher)}/${seg(period)}/items/${seg(item)}/certificate`, { fallbackName: name }),
  /** @param {string} mun @param {string} school @param {string} period @returns {Promise<SchoolReview>} */
  review: async (mun, school, period) => (await request(`${base(mun, school)}/review?period=${seg(period)}`)).data,
  /** @param {string} mun @param {string} school @param {string} period @returns {Promise<ModuleChoices>} */
  modules: async (mun, school, period) => (await request(`${base(mun, school)}/modules?period=${seg(period)}`)).data,
  /** @param {string} mun @param {string} period @returns {Promise<RoutesOverview>} */
  overview: async (mun, period) => (await request(`/api/municipalities/${seg(mun)}/routes/overview?period=${seg(period)}`)).data,
  /** @param {string} mun @param {string} school @returns {Promise<{ rounds: { id: string, kind: string, date: string }[] }>} */
  rounds: async (mun, school) => (await request(`/api/municipalities/${seg(mun)}/schools/${seg(school)}/diagnostics`)).data,
  /** @param {string} mun @param {string} school @returns {Promise<{ schoolName: string, teachers: { id: string, fullName: string, active?: boolean }[] }>} */
  staff: async (mun, school) => (await request(`/api/municipalities/${seg(mun)}/schools/${seg(school)}/staff`)).data,
};
