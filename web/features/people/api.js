// @ts-check
// Endpoints of the municipality's people and schools. Paths and bodies only: requests go through api.js.

import { request } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun */
const base = (mun) => `/api/municipalities/${seg(mun)}`;

/**
 * @typedef {{ name: string, shortName: string, kind: 'Basic' | 'Secondary', lowResults: boolean, improving: boolean, leader: boolean }} SchoolInput
 * @typedef {{ displayName: string, email: string, role: string, schoolIds: string[], active: boolean }} MemberInput
 */

export const peopleApi = {
  /** @param {string} mun @returns {Promise<any[]>} the schools (all of them for a coordinator or methodist) */
  schools: async (mun) => (await request(`${base(mun)}/schools`)).data,
  /** @param {string} mun @returns {Promise<any[]>} the members */
  members: async (mun) => (await request(`${base(mun)}/members`)).data,
  /** @param {string} mun @param {string} id @param {SchoolInput} school @returns {Promise<any>} the saved school */
  saveSchool: async (mun, id, school) => (await request(`${base(mun)}/schools/${seg(id)}`, { method: 'PUT', body: school })).data,
  /** @param {string} mun @param {SchoolInput} school @returns {Promise<any>} the new school, its code made from its short name */
  createSchool: async (mun, school) => (await request(`${base(mun)}/schools`, { method: 'POST', body: school })).data,
  /** @param {string} mun @param {MemberInput} member @returns {Promise<any>} the new member, the code made from the name */
  createMember: async (mun, member) => (await request(`${base(mun)}/members`, { method: 'POST', body: member })).data,
  /** @param {string} mun @param {string} id @param {MemberInput} member @returns {Promise<any>} the saved member */
  saveMember: async (mun, id, member) => (await request(`${base(mun)}/members/${seg(id)}`, { method: 'PUT', body: member })).data,
};
