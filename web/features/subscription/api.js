// @ts-check
// Endpoints of the methodical subscription (seed 002). Paths and bodies only: requests go through api.js.

import { request } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun */
const base = (mun) => `/api/municipalities/${seg(mun)}/subscription`;

/** @param {string} mun @param {string} school */
const school = (mun, school) => `/api/municipalities/${seg(mun)}/schools/${seg(school)}/subscription`;

export const subscriptionApi = {
  /** @param {string} mun */
  overview: async (mun) => (await request(base(mun))).data,
  /** @param {string} mun */
  indicators: async (mun) => (await request(`${base(mun)}/indicators`)).data,
  /** @param {string} mun @param {string} id @param {{ decision: string, comment: string | null }} body */
  answer: async (mun, id, body) => (await request(`${base(mun)}/applications/${seg(id)}/answer`, { method: 'POST', body })).data,
  /** @param {string} mun @param {any} body */
  createModule: async (mun, body) => (await request(`${base(mun)}/modules`, { method: 'POST', body })).data,
  /** @param {string} mun @param {string} id */
  module: async (mun, id) => (await request(`${base(mun)}/modules/${seg(id)}`)).data,
  /** @param {string} mun @param {string} id @param {any} body @param {string} ifMatch */
  updateModule: async (mun, id, body, ifMatch) => (await request(`${base(mun)}/modules/${seg(id)}`, { method: 'PUT', body, ifMatch })).data,
  /** @param {string} mun @param {string} id @param {any} body */
  session: async (mun, id, body) => (await request(`${base(mun)}/modules/${seg(id)}/sessions`, { method: 'POST', body })).data,
  /** @param {string} mun @param {string} s */
  school: async (mun, s) => (await request(school(mun, s))).data,
  /** @param {string} mun @param {string} s @param {any} body */
  apply: async (mun, s, body) => (await request(`${school(mun, s)}/applications`, { method: 'POST', body })).data,
  /** @param {string} mun @param {string} s @param {any} body */
  need: async (mun, s, body) => (await request(`${school(mun, s)}/needs`, { method: 'POST', body })).data,
  /** @param {string} mun @param {string} s */
  agreeRoute: async (mun, s) => (await request(`${school(mun, s)}/route-agreement`, { method: 'POST', body: {} })).data,
};

/** @param {string} iso yyyy-MM-dd → «14 ноября 2026» */
export function day(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
