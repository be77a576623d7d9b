// @ts-check
// Endpoints of a visit's report («справка по итогам методического дня»): the report, its own text, the .docx and a
// finding made an item of the school's plan of targeted help. Paths and bodies only (every request goes through api.js).

import { fetchFile, request } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun @param {string} id */
const base = (mun, id) => `/api/municipalities/${seg(mun)}/visits/${seg(id)}/report`;

export const reportApi = {
  /** @param {string} mun @param {string} id @returns {Promise<import('../../js/api.js').ApiAnswer<import('./types.js').VisitReportView>>} */
  report: (mun, id) => request(base(mun, id)),
  /**
   * @param {string} mun @param {string} id @param {import('./types.js').ReportTextInput} text @param {string | null} ifMatch
   * @returns {Promise<import('../../js/api.js').ApiAnswer<import('./types.js').VisitReportView>>}
   */
  save: (mun, id, text, ifMatch) => request(base(mun, id), { method: 'PUT', body: text, ifMatch }),
  /** @param {string} mun @param {string} id @param {string} fallbackName */
  docx: (mun, id, fallbackName) => fetchFile(`${base(mun, id)}/docx`, { fallbackName }),
  /** @param {string} mun @param {string} id @param {{ findingId: string, action: string, responsible: string, dueDate: string }} input
   * @returns {Promise<import('../progress/types.js').HelpItemView>} */
  helpItem: async (mun, id, input) => (await request(`${base(mun, id)}/help-items`, { method: 'POST', body: input })).data,
};
