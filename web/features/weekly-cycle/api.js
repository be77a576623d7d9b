// @ts-check
// Endpoints of the weekly cycle of the unified methodical day. Paths and bodies only:
// every request goes through api.js (the one module that calls fetch), so errors are the same ApiError.

import { request } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/** @param {string} mun */
const base = (mun) => `/api/municipalities/${seg(mun)}`;

/**
 * @typedef {'Draft' | 'AtPublishStep' | 'Now'} PublishMode
 * @typedef {{ title: string, videos: { title: string, url: string }[], questions: string[], assignment: string, publish: PublishMode }} TopicInput
 * @typedef {{ id: string, kind: string, title: string, weekOffset: number, weekday: string, time: string, actor: string,
 *   remindBeforeHours: number, overdueNotice: boolean, source?: string,
 *   deadline?: { weekOffset: number, weekday: string, time: string, source?: string } | null, schools?: string }} CycleStep
 */

export const cycleApi = {
  /** @param {string} mun @returns {Promise<import('./types.js').CycleView>} template, presets, skipped, time zone */
  cycle: async (mun) => (await request(`${base(mun)}/cycle`)).data,
  /** @param {string} mun @param {string} preset @returns {Promise<import('./types.js').CycleView>} */
  choosePreset: async (mun, preset) => (await request(`${base(mun)}/cycle`, { method: 'PUT', body: { preset } })).data,
  /** @param {string} mun @param {string} title @param {CycleStep[]} steps @param {string | null} preset @returns {Promise<import('./types.js').CycleView>} */
  saveSteps: async (mun, title, steps, preset) =>
    (await request(`${base(mun)}/cycle`, { method: 'PUT', body: { title, steps, preset } })).data,
  /** @param {string} mun @param {string} week @param {string} reason @returns {Promise<import('./types.js').CycleView>} */
  skipWeek: async (mun, week, reason) => (await request(`${base(mun)}/weeks/${seg(week)}/skip`, { method: 'PUT', body: { reason } })).data,
  /** @param {string} mun @param {string} week @returns {Promise<import('./types.js').CycleView>} */
  unskipWeek: async (mun, week) => (await request(`${base(mun)}/weeks/${seg(week)}/skip`, { method: 'DELETE' })).data,
  /** @param {string} mun @param {string} name @param {string} timeZone @returns {Promise<import('../../js/api.js').Municipality>} */
  saveSettings: async (mun, name, timeZone) => (await request(`${base(mun)}/settings`, { method: 'PUT', body: { name, timeZone } })).data,

  /** @param {string} mun @returns {Promise<import('./types.js').TopicSummary[]>} newest week first */
  topics: async (mun) => (await request(`${base(mun)}/topics`)).data,
  /** @param {string} mun @param {string} week @returns {Promise<import('./types.js').TopicView>} (404 when there is none yet) */
  topic: async (mun, week) => (await request(`${base(mun)}/weeks/${seg(week)}/topic`)).data,
  /**
   * Creates (no ETag) or updates (ETag of the version edited) the week's topic; 409 carries the server's `current`.
   * @param {string} mun @param {string} week @param {TopicInput} input @param {string | null} ifMatch
   * @returns {Promise<import('./types.js').TopicView>}
   */
  saveTopic: async (mun, week, input, ifMatch) =>
    (await request(`${base(mun)}/weeks/${seg(week)}/topic`, { method: 'PUT', body: input, ifMatch })).data,

  /**
   * What saving the topic would do and who would be told (nothing is stored); same checks and 409 as saveTopic.
   * @param {string} mun @param {string} week @param {TopicInput} input @param {string | null} ifMatch
   * @returns {Promise<import('./types.js').TopicPreview>}
   */
  previewTopic: async (mun, week, input, ifMatch) =>
    (await request(`${base(mun)}/weeks/${seg(week)}/topic/preview`, { method: 'POST', body: input, ifMatch })).data,
  /** @param {string} mun @param {string} week @returns {Promise<import('./types.js').TopicRevision[]>} newest first */
  topicRevisions: async (mun, week) => (await request(`${base(mun)}/weeks/${seg(week)}/topic/revisions`)).data,

  /** @param {string} mun @param {string} school @param {string} week @returns {Promise<import('./types.js').SchoolWeekView>} */
  schoolWeek: async (mun, school, week) => (await request(`${base(mun)}/schools/${seg(school)}/weeks/${seg(week)}`)).data,
  /** @param {string} mun @param {string} school @param {string} week @param {string} stepId @param {string} text @returns {Promise<import('./types.js').SchoolWeekView>} */
  markStep: async (mun, school, week, stepId, text) =>
    (await request(`${base(mun)}/schools/${seg(school)}/weeks/${seg(week)}/steps/${seg(stepId)}`, { method: 'POST', body: { text } })).data,
  /**
   * @param {string} mun @param {string} school @param {string} week @param {string} text
   * @param {number | null} topicQuestion index of the topic's discussion question, or null for a general one
   * @returns {Promise<import('./types.js').SchoolWeekView>}
   */
  ask: async (mun, school, week, text, topicQuestion) =>
    (await request(`${base(mun)}/schools/${seg(school)}/weeks/${seg(week)}/questions`, {
      method: 'POST', body: topicQuestion === null ? { text } : { text, topicQuestion },
    })).data,

  /** @param {string} mun @param {string} week @returns {Promise<import('./types.js').BoardView>} */
  board: async (mun, week) => (await request(`${base(mun)}/weeks/${seg(week)}/board`)).data,
  /** @param {string} mun @param {string} week @returns {Promise<import('./types.js').AgendaView>} */
  agenda: async (mun, week) => (await request(`${base(mun)}/weeks/${seg(week)}/agenda`)).data,
  /** Question ids contain "|": encoded as one path segment. @param {string} mun @param {string} week @param {string} questionId @param {string} answer @returns {Promise<import('./types.js').QuestionView>} */
  answer: async (mun, week, questionId, answer) =>
    (await request(`${base(mun)}/weeks/${seg(week)}/questions/${seg(questionId)}/answer`, { method: 'PUT', body: { answer } })).data,

  /** One answer to several questions. @param {string} mun @param {string} week @param {string[]} questionIds @param {string} answer @returns {Promise<import('./types.js').BulkAnswerView>} */
  answerMany: async (mun, week, questionIds, answer) =>
    (await request(`${base(mun)}/weeks/${seg(week)}/answers`, { method: 'PUT', body: { questionIds, answer } })).data,

  /** @param {string} mun @param {string} school @returns {Promise<{ url: string }>} */
  calendar: async (mun, school) => (await request(`${base(mun)}/schools/${seg(school)}/calendar`)).data,
};
