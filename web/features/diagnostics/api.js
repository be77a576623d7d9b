// @ts-check
// Endpoints of the teachers' competence diagnostics. Paths and bodies only: requests go through api.js.

import { request, fetchFile, sendBytes } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun @param {string} school */
const rounds = (mun, school) => `/api/municipalities/${seg(mun)}/schools/${seg(school)}/diagnostics`;

/**
 * @typedef {{ medium: number, high: number }} CutOff
 * @typedef {{ code: string, label: string, cutOff: CutOff }} CompetenceView
 * @typedef {{ id: string, kind: 'entry' | 'repeat', kindLabel: string, date: string, title: string, instrument: string,
 *   entryRoundId: string | null, competences: CompetenceView[], teachers: number, updatedAt: string, updatedByName: string,
 *   eTag: string }} RoundView
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, rounds: RoundView[],
 *   permissions: { canKeep: boolean, seesTeachers: boolean } }} RoundList
 * @typedef {{ competence: string, entry: number | null, repeat: number | null }} TableCell
 * @typedef {{ number: number, teacherId: string | null, teacherName: string | null, cells: TableCell[] }} TableRow
 * @typedef {{ competence: string, level: string, levelLabel: string, atEntry: number, atRepeat: number }} LevelCount
 * @typedef {{ competence: string, from: string, to: string, words: string, teachers: number }} LevelChange
 * @typedef {{ schoolName: string, entry: RoundView, repeat: RoundView | null, rows: TableRow[], means: TableCell[],
 *   levels: LevelCount[], changes: LevelChange[], highInAnyAfterRepeat: number }} DiagnosticTable
 * @typedef {{ dryRun: boolean, teachers: number, added: number, changed: number, unchanged: number }} ImportResult
 * @typedef {{ schoolId: string, schoolName: string, shnor: boolean, entryDate: string | null, repeatDate: string | null,
 *   teachers: number, means: TableCell[] }} HeatMapSchool
 * @typedef {{ subject: string, teachers: number, means: TableCell[] }} HeatMapSubject
 * @typedef {{ competences: CompetenceView[], schools: HeatMapSchool[], subjects: HeatMapSubject[] }} HeatMap
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
   * @returns {Promise<{ data: any, etag: string | null }>}
   */
  saveResult: async (mun, school, round, teacher, levels, etag) => {
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
