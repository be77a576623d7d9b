// @ts-check
// Endpoints of the teachers' competence diagnostics. Paths and bodies only: requests go through api.js.

import { request, fetchFile, sendBytes } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun @param {string} school */
const rounds = (mun, school) => `/api/municipalities/${seg(mun)}/schools/${seg(school)}/diagnostics`;

/**
 * @typedef {import('./types.js').RoundList} RoundList
 * @typedef {import('./types.js').RoundView} RoundView
 * @typedef {import('./types.js').ResultView} ResultView
 * @typedef {import('./types.js').DiagnosticTable} DiagnosticTable
 * @typedef {import('./types.js').ImportResult} ImportResult
 * @typedef {import('./types.js').HeatMap} HeatMap
 */

export const diagnosticsApi = {
  /** @param {string} mun @param {string} school @returns {Promise<RoundList>} */
  rounds: async (mun, school) => (await request(rounds(mun, school))).data,
  /**
   * @param {string} mun @param {string} school
   * @param {{ kind: string, date: string, instrument?: string, entryRoundId?: string }} input
   * @returns {Promise<RoundView>}
   */
  createRound: async (mun, school, input) => (await request(rounds(mun, school), { method: 'POST', body: input })).data,
  /** @param {string} mun @param {string} school @param {string} round @returns {Promise<DiagnosticTable>} */
  table: async (mun, school, round) => (await request(`${rounds(mun, school)}/${seg(round)}/table`)).data,
  /**
   * @param {string} mun @param {string} school @param {string} round @param {string} teacher
   * @param {Record<string, number | null>} levels @param {string | null} etag
   * @returns {Promise<{ data: ResultView, etag: string | null }>}
   */
  saveResult: async (mun, school, round, teacher, levels, etag) => {
    /** @type {import('../../js/api.js').ApiAnswer<ResultView>} */
    const answer = await request(`${rounds(mun, school)}/${seg(round)}/results/${seg(teacher)}`, { method: 'PUT', body: { levels }, ifMatch: etag });
    return { data: answer.data, etag: answer.etag };
  },
  /** @param {string} mun @param {string} school @param {string} round @returns {Promise<{ round: RoundView, results: { teacherId: string, eTag: string }[] }>} */
  round: async (mun, school, round) => (await request(`${rounds(mun, school)}/${seg(round)}`)).data,
  /** @param {string} mun @param {string} school @param {string} round */
  workbook: (mun, school, round) => fetchFile(`${rounds(mun, school)}/${seg(round)}/workbook`, { fallbackName: 'Диагностика компетенций.xlsx' }),
  /**
   * @param {string} mun @param {string} school @param {string} round @param {Blob} file @param {boolean} dryRun
   * @returns {Promise<ImportResult>}
   */
  importFile: async (mun, school, round, file, dryRun) =>
    /** @type {ImportResult} */ (await sendBytes(`${rounds(mun, school)}/${seg(round)}/import${dryRun ? '?dryRun=true' : ''}`, file, { method: 'POST' })),
  /** @param {string} mun @returns {Promise<HeatMap>} */
  heatMap: async (mun) => (await request(`/api/municipalities/${seg(mun)}/diagnostics/heat-map`)).data,
};
