// @ts-check
// Endpoints of the municipality's people and schools. Paths and bodies only: requests go through api.js.

import { fetchFile, request } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun */
const base = (mun) => `/api/municipalities/${seg(mun)}`;

/**
 * @typedef {{ name: string, shortName: string, kind: 'Basic' | 'Secondary', lowResults: boolean, improving: boolean, leader: boolean }} SchoolInput
 * @typedef {{ displayName: string, email: string, role: string, schoolIds: string[], active: boolean }} MemberInput
 * @typedef {{ fullName: string, subjects: string[], category?: string, position?: string, email: string | null, active?: boolean }} StaffInput
 */

export const peopleApi = {
  /** @param {string} mun @returns {Promise<import('./types.js').School[]>} the schools (all of them for a coordinator or methodist) */
  schools: async (mun) => (await request(`${base(mun)}/schools`)).data,
  /** @param {string} mun @returns {Promise<import('./types.js').Member[]>} the members */
  members: async (mun) => (await request(`${base(mun)}/members`)).data,
  /** @param {string} mun @param {string} id @param {SchoolInput} school @returns {Promise<import('./types.js').School>} the saved school */
  saveSchool: async (mun, id, school) => (await request(`${base(mun)}/schools/${seg(id)}`, { method: 'PUT', body: school })).data,
  /** @param {string} mun @param {SchoolInput} school @returns {Promise<import('./types.js').School>} the new school, its code made from its short name */
  createSchool: async (mun, school) => (await request(`${base(mun)}/schools`, { method: 'POST', body: school })).data,
  /** @param {string} mun @param {MemberInput} member @returns {Promise<import('./types.js').Member>} the new member, the code made from the name */
  createMember: async (mun, member) => (await request(`${base(mun)}/members`, { method: 'POST', body: member })).data,
  /** @param {string} mun @param {string} id @param {MemberInput} member @returns {Promise<import('./types.js').Member>} the saved member */
  saveMember: async (mun, id, member) => (await request(`${base(mun)}/members/${seg(id)}`, { method: 'PUT', body: member })).data,

  /** @param {string} mun the Excel template of schools and people */
  importTemplate: (mun) => fetchFile(`${base(mun)}/people-import/template`, { fallbackName: 'Школы и люди — шаблон.xlsx' }),
  /**
   * A filled template: checked only (`dryRun`) or imported. 422 carries every bad cell in `problem.errors` ({ cell, reason }).
   * @param {string} mun @param {Blob} file @param {boolean} dryRun @returns {Promise<import('./types.js').ImportReport>}
   */
  importPeople: async (mun, file, dryRun) =>
    (await request(`${base(mun)}/people-import?dryRun=${dryRun}`, { method: 'POST', body: file })).data,

  /** @param {string} mun @param {string} school @returns {Promise<import('./types.js').StaffListView>} (archived too when the person sees details) */
  staff: async (mun, school) => (await request(`${base(mun)}/schools/${seg(school)}/staff?archived=true`)).data,
  /** @param {string} mun @param {string} school @returns {Promise<import('./types.js').SchoolStaffSummaryView>} */
  staffSummary: async (mun, school) => (await request(`${base(mun)}/schools/${seg(school)}/staff/summary`)).data,
  /** @param {string} mun @param {string} school @param {StaffInput} teacher @returns {Promise<import('./types.js').TeacherView>} */
  addTeacher: async (mun, school, teacher) => (await request(`${base(mun)}/schools/${seg(school)}/staff`, { method: 'POST', body: teacher })).data,
  /**
   * 409 carries the teacher as now in `problem.current`.
   * @param {string} mun @param {string} school @param {string} id @param {StaffInput} teacher @param {string} etag @returns {Promise<import('./types.js').TeacherView>}
   */
  saveTeacher: async (mun, school, id, teacher, etag) =>
    (await request(`${base(mun)}/schools/${seg(school)}/staff/${seg(id)}`, { method: 'PUT', body: teacher, ifMatch: etag })).data,
  /** @param {string} mun @param {string} school */
  staffTemplate: (mun, school) => fetchFile(`${base(mun)}/schools/${seg(school)}/staff/template`, { fallbackName: `Педагоги ${school}.xlsx` }),
  /**
   * All or nothing; 400 carries every bad cell in `problem.cells` ({ cell, message }).
   * @param {string} mun @param {string} school @param {Blob} file @returns {Promise<import('./types.js').StaffImportResult>}
   */
  importStaff: async (mun, school, file) => (await request(`${base(mun)}/schools/${seg(school)}/staff/import`, { method: 'POST', body: file })).data,
};
