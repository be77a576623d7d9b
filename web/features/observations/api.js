// @ts-check
// The observation protocol's endpoints. Paths and bodies only: requests go through js/api.js.

import { fetchFile, request, sendBytes } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/**
 * @param {string} mun @param {string} school @param {string} visit @param {string} lesson
 */
const lessonPath = (mun, school, visit, lesson) =>
  `/api/municipalities/${seg(mun)}/schools/${seg(school)}/visits/${seg(visit)}/lessons/${seg(lesson)}`;

/** @typedef {{ mun: string, school: string, visit: string, lesson: string }} LessonRef */
/**
 * @template T
 * @typedef {import('../../js/api.js').ApiAnswer<T>} ApiAnswer
 */

/** @param {LessonRef} l @param {string} observer */
const protocolPath = (l, observer) => `${lessonPath(l.mun, l.school, l.visit, l.lesson)}/observations/${seg(observer)}`;

export const observationApi = {
  /**
   * The protocol (kept on the device: it opens with no network). @param {LessonRef} l @param {string} observer
   * @returns {Promise<ApiAnswer<import('./types.js').ProtocolView>>}
   */
  protocol: (l, observer) => request(protocolPath(l, observer), { keep: true }),
  /**
   * @param {LessonRef} l @param {string} observer @param {import('./types.js').ProtocolInput} body @param {string | null} ifMatch
   * @returns {Promise<ApiAnswer<import('./types.js').ProtocolView>>}
   */
  save: (l, observer, body, ifMatch) => request(protocolPath(l, observer), { method: 'PUT', body, ifMatch }),
  /** @param {LessonRef} l @param {string} observer */
  release: (l, observer) => request(`${protocolPath(l, observer)}/release`, { method: 'POST' }),
  /** @param {LessonRef} l @returns {Promise<ApiAnswer<import('./types.js').LessonObservationsView>>} */
  lesson: (l) => request(`${lessonPath(l.mun, l.school, l.visit, l.lesson)}/observations`, { keep: true }),
  /** @param {LessonRef} l @param {string} text @param {string | null} ifMatch @returns {Promise<ApiAnswer<import('./types.js').SelfAnalysisView>>} */
  selfAnalysis: (l, text, ifMatch) =>
    request(`${lessonPath(l.mun, l.school, l.visit, l.lesson)}/self-analysis`, { method: 'PUT', body: { text, writtenAt: new Date().toISOString() }, ifMatch }),
  /** A protocol version (never changes once published: kept on the device). @param {string} mun @param {string} version
   * @returns {Promise<import('./types.js').ProtocolTemplate>} */
  template: async (mun, version) => (await request(`/api/municipalities/${seg(mun)}/observation-templates/${seg(version)}`, { keep: true })).data,
  /** @param {LessonRef} l @param {string} observer @param {string} id @param {Blob} blob @param {string} takenAt
   * @returns {Promise<import('./types.js').PhotoView>} */
  uploadPhoto: (l, observer, id, blob, takenAt) => sendBytes(`${protocolPath(l, observer)}/photos/${seg(id)}?takenAt=${seg(takenAt)}`, blob),
  /** @param {LessonRef} l @param {string} observer @param {string} id */
  photo: (l, observer, id) => fetchFile(`${protocolPath(l, observer)}/photos/${seg(id)}`),
};
