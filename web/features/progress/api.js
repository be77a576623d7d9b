// @ts-check
// Endpoints of the progress sheet (Лист продвижения), its month summary and the schools' plans of targeted help.
// Paths and bodies only: every request goes through api.js, so failures are the same ApiError.

import { request } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun @param {string} school */
const schoolBase = (mun, school) => `/api/municipalities/${seg(mun)}/schools/${seg(school)}`;

/**
 * What the page sends for a sheet (drafts may be partial; the server checks a submission for completeness); `base`:
 * each part the page changed, as the server gave it when the edits started (content.js).
 * @typedef {{ date: string | null, form: string | null, formOther: string | null, topic: string | null, sharePercent: number | null,
 *   topicWeek?: string | null }} DayInput
 * @typedef {{ id: string | null, topic: string | null, text: string | null }} RequestInput
 * @typedef {{ personId: string | null, name: string | null, practice: string | null, stage: string | null, help: string | null,
 *   practiceId?: string | null }} TeacherInput
 * @typedef {{ templateVersion: string, days: DayInput[], noDays: boolean, noDaysReason: string | null, decisions: string[],
 *   difficulties: string | null, requests: RequestInput[], teachers: TeacherInput[], base?: Record<string, unknown> }} ProgressInput
 * @typedef {{ id?: string, action: string, responsible: string, dueDate: string, status?: string,
 *   source: { month: string, requestId: string | null } | null, notes: string | null, statusComment?: string | null,
 *   recipient?: { kind: string, teacherId: string | null } }} HelpItemInput
 */

/**
 * @typedef {import('./types.js').ProgressView} ProgressView
 * @typedef {import('./types.js').ProgressTemplate} ProgressTemplate
 * @typedef {import('./types.js').HelpItemView} HelpItemView
 */

/** The template is the same for the whole page life (the server also lets the browser cache it for an hour). */
/** @type {Map<string, Promise<ProgressTemplate>>} */
const templates = new Map();

export const progressApi = {
  /** @param {string} version "current" or a version @returns {Promise<ProgressTemplate>} */
  template: (version) => {
    let t = templates.get(version);
    if (!t) {
      t = request(`/api/progress/templates/${seg(version)}`).then((/** @type {import('../../js/api.js').ApiAnswer<ProgressTemplate>} */ a) => a.data);
      t.catch(() => templates.delete(version));
      templates.set(version, t);
    }
    return t;
  },
  /** @param {string} mun @param {string} school @param {string} month @returns {Promise<import('../../js/api.js').ApiAnswer<ProgressView>>} */
  sheet: (mun, school, month) => request(`${schoolBase(mun, school)}/progress/${seg(month)}`),
  /**
   * A draft; `ifMatch` is the sheet's ETag once it exists (without it the server only creates).
   * @param {string} mun @param {string} school @param {string} month @param {ProgressInput} input @param {string | null} ifMatch
   * @returns {Promise<import('../../js/api.js').ApiAnswer<ProgressView>>}
   */
  saveDraft: (mun, school, month, input, ifMatch) =>
    request(`${schoolBase(mun, school)}/progress/${seg(month)}`, { method: 'PUT', body: input, ifMatch }),
  /** @param {string} mun @param {string} school @param {string} month @param {ProgressInput} input @param {string | null} ifMatch @returns {Promise<import('../../js/api.js').ApiAnswer<ProgressView>>} */
  submit: (mun, school, month, input, ifMatch) =>
    request(`${schoolBase(mun, school)}/progress/${seg(month)}/submit`, { method: 'POST', body: input, ifMatch }),
  /** @param {string} mun @param {string} school @param {string} month @param {number} n @returns {Promise<import('./types.js').RevisionView>} */
  revision: async (mun, school, month, n) => (await request(`${schoolBase(mun, school)}/progress/${seg(month)}/revisions/${n}`)).data,
  /** @param {string} mun @param {string} school @param {string} month @param {string} text @returns {Promise<import('../../js/sheet-panels.js').Comment>} */
  comment: async (mun, school, month, text) =>
    (await request(`${schoolBase(mun, school)}/progress/${seg(month)}/comments`, { method: 'POST', body: { text } })).data,
  /** @param {string} mun @param {string} month @returns {Promise<import('./types.js').SummaryView>} */
  summary: async (mun, month) => (await request(`/api/municipalities/${seg(mun)}/progress/${seg(month)}/summary`)).data,

  /** @param {string} mun @param {string} school @returns {Promise<import('./types.js').HelpPlanView>} */
  plan: async (mun, school) => (await request(`${schoolBase(mun, school)}/help-plan`)).data,
  /** @param {string} mun @param {string} school @param {HelpItemInput} input @returns {Promise<HelpItemView>} */
  addItem: async (mun, school, input) => (await request(`${schoolBase(mun, school)}/help-plan`, { method: 'POST', body: input })).data,
  /**
   * 409 carries the item as it is now in `problem.current`.
   * @param {string} mun @param {string} school @param {string} id @param {HelpItemInput} input @param {string} ifMatch
   * @returns {Promise<HelpItemView>}
   */
  updateItem: async (mun, school, id, input, ifMatch) =>
    (await request(`${schoolBase(mun, school)}/help-plan/${seg(id)}`, { method: 'PUT', body: input, ifMatch })).data,
  /** @param {string} mun @param {string} school @returns {Promise<import('./types.js').StaffList>} the school's teachers */
  staff: async (mun, school) => (await request(`${schoolBase(mun, school)}/staff`)).data,
  /** @param {string} mun @returns {Promise<import('./types.js').OverdueHelpView>} */
  overdue: async (mun) => (await request(`/api/municipalities/${seg(mun)}/help-plan/overdue`)).data,
};
