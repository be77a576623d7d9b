// @ts-check
// The practice bank's endpoints, on top of api.js (which alone talks to the server): practices, reviews, resumable
// block uploads, files, exports and the sheet's suggestions. Loaded only with the bank's pages.

import { fetchFile, request, sendBytes } from '../../js/api.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);
/** @param {string} mun */
const practices = (mun) => `/api/municipalities/${seg(mun)}/practices`;
/** @param {string} mun @param {string} id */
const practice = (mun, id) => `${practices(mun)}/${seg(id)}`;
/** @param {string} mun @param {string} id @param {string} uploadId */
const upload = (mun, id, uploadId) => `${practice(mun, id)}/uploads/${seg(uploadId)}`;
/** @param {string} mun */
const exportsOf = (mun) => `/api/municipalities/${seg(mun)}/practice-exports`;

/**
 * The bank's search and filters, as the list endpoint and the page's hash take them.
 * @typedef {{ q?: string, topic?: string, subject?: string, grade?: string, kind?: string, school?: string,
 *   year?: string, state?: string, page?: string }} BankQuery
 */

/**
 * A practice as the form sends it.
 * @typedef {{ title: string, description: string, topicWeek: string | null, subject: string, grades: number[],
 *   kind: string | null, authors: string[], links: { title: string, url: string }[], indicators: string[],
 *   competences?: string[] }} PracticeInput  `competences`: codes of the diagnostics' five (subject, methodical…)
 */

/**
 * The server's answers (PracticeContracts.cs; topics: WeeklyCycleContracts.cs TopicSummary). Dates are ISO strings.
 * @typedef {'LessonScenario' | 'VideoLesson' | 'PracticeDescription' | 'MasterClass' | 'Other'} PracticeKind
 * @typedef {'Draft' | 'Submitted' | 'InReview' | 'Accepted' | 'Returned'} PracticeState
 * @typedef {{ title: string, url: string }} PracticeLink  as stored: an address is required and checked on save
 * @typedef {{ id: string, name: string, size: number, contentType: string, kind: string, uploadedAt: string }} PracticeFile
 *   `kind`: document, presentation, spreadsheet, pdf, image, audio or video
 * @typedef {{ at: string, byName: string, action: string, comment: string | null, version: number }} PracticeEvent
 * @typedef {{ id: string, municipalityId: string, schoolId: string, schoolName: string, title: string, description: string,
 *   topicWeek: string | null, topicTitle: string | null, subject: string, grades: number[], kind: PracticeKind,
 *   authors: string[], links: PracticeLink[], indicators: string[], files: PracticeFile[], state: PracticeState,
 *   version: number, schoolYear: string, createdById: string, createdByName: string, updatedAt: string,
 *   eTag: string | null, history: PracticeEvent[], can: { edit: boolean, review: boolean }, competences: string[] }} PracticeView
 * @typedef {{ id: string, title: string, schoolId: string, schoolName: string, topicWeek: string | null,
 *   topicTitle: string | null, subject: string, grades: number[], kind: PracticeKind, authors: string[],
 *   state: PracticeState, schoolYear: string, files: number, updatedAt: string, snippet: string }} PracticeCard
 *   one line of the list; `files` is how many it has
 * @typedef {{ total: number, items: PracticeCard[], schools: { id: string, name: string }[] }} PracticeList
 * @typedef {{ kind: string, title: string, extensions: string[], maxBytes: number }} UploadRule
 * @typedef {{ kinds: UploadRule[], maxFilesPerPractice: number, maxBytesPerPractice: number, blockSize: number }} UploadRules
 * @typedef {{ code: string, label: string }} CompetenceOption
 * @typedef {{ subjects: string[], kinds: PracticeKind[], upload: UploadRules, competences: CompetenceOption[] }} PracticeOptions
 * @typedef {{ week: string, weekRange: string, title: string, state: string, publishedAt: string | null }} TopicSummary
 * @typedef {{ id: string, practiceId: string, fileName: string, size: number, blockSize: number, blockCount: number,
 *   received: number[], state: string, file: PracticeFile | null }} UploadView
 *   an upload in progress: the blocks the server has; `file` once complete
 * @typedef {{ query: string | null, topicWeek: string | null, subject: string | null, grade: number | null,
 *   kind: PracticeKind | null, schoolId: string | null, schoolYear: string | null }} ExportFilters
 * @typedef {{ id: string, state: string, total: number, done: number, bytes: number, createdAt: string,
 *   finishedAt: string | null, error: string | null, downloadUrl: string | null, filters: ExportFilters | null,
 *   fileName: string }} ExportView  `state`: queued, running, done or failed; `downloadUrl` once done
 * @typedef {{ id: string, text: string, practices: PracticeCard[] }} WeakIndicator
 */

/** @type {Map<string, Promise<unknown>>} */
const cache = new Map();

/**
 * Loads once per page life: options and topics hardly change while someone browses the bank.
 * @template T
 * @param {string} key
 * @param {() => Promise<T>} load
 * @returns {Promise<T>}
 */
function once(key, load) {
  let p = /** @type {Promise<T> | undefined} */ (cache.get(key));
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export const bankApi = {
  /** @returns {Promise<PracticeOptions>} subjects, kinds and the upload rules */
  options: () => once('options', async () => /** @type {PracticeOptions} */ ((await request('/api/practice-options')).data)),
  /** @param {string} mun @returns {Promise<TopicSummary[]>} the weeks' topics (published ones for schools) */
  topics: (mun) => once(`topics:${mun}`, async () => /** @type {TopicSummary[]} */ ((await request(`/api/municipalities/${seg(mun)}/topics`)).data)),

  /**
   * @param {string} mun
   * @param {BankQuery} query
   * @param {number} skip
   * @param {number} take
   * @returns {Promise<PracticeList>} a page of the
   *   results and the school filter's options (the schools whose practices this person may see)
   */
  list: async (mun, query, skip, take) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v && k !== 'page') params.set(k, v);
    params.set('skip', String(skip));
    params.set('take', String(take));
    return (await request(`${practices(mun)}?${params}`)).data;
  },
  /** @param {string} mun @param {string} id @returns {Promise<import('../../js/api.js').ApiAnswer<PracticeView>>} the view and its ETag */
  get: (mun, id) => request(practice(mun, id)),
  /**
   * @param {string} mun @param {PracticeInput} input @param {string | null} schoolId
   * @returns {Promise<PracticeView>}
   */
  create: async (mun, input, schoolId) =>
    (await request(`${practices(mun)}${schoolId ? `?schoolId=${seg(schoolId)}` : ''}`, { method: 'POST', body: input })).data,
  /**
   * @param {string} mun @param {string} id @param {PracticeInput} input @param {string | null} ifMatch
   * @returns {Promise<import('../../js/api.js').ApiAnswer<PracticeView>>}
   */
  update: (mun, id, input, ifMatch) => request(practice(mun, id), { method: 'PUT', body: input, ifMatch }),
  /** @param {string} mun @param {string} id */
  remove: async (mun, id) => { await request(practice(mun, id), { method: 'DELETE' }); },
  /** @param {string} mun @param {string} id @param {string | null} ifMatch @returns {Promise<PracticeView>} */
  submit: async (mun, id, ifMatch) => (await request(`${practice(mun, id)}/submit`, { method: 'POST', ifMatch })).data,
  /**
   * @param {string} mun @param {string} id @param {'start' | 'accept' | 'return'} action @param {string} comment
   * @param {string | null} ifMatch
   * @returns {Promise<PracticeView>}
   */
  review: async (mun, id, action, comment, ifMatch) =>
    (await request(`${practice(mun, id)}/review`, { method: 'POST', body: { action, comment }, ifMatch })).data,

  /** @param {string} mun @param {string} id @param {string} fileName @param {number} size @returns {Promise<UploadView>} */
  startUpload: async (mun, id, fileName, size) =>
    (await request(`${practice(mun, id)}/uploads`, { method: 'POST', body: { fileName, size } })).data,
  /** @param {string} mun @param {string} id @param {string} uploadId @returns {Promise<UploadView>} with `received` */
  uploadStatus: async (mun, id, uploadId) => (await request(upload(mun, id, uploadId))).data,
  /**
   * @param {string} mun @param {string} id @param {string} uploadId @param {number} index @param {Blob} bytes
   * @param {{ onProgress?: (sent: number) => void, signal?: AbortSignal }} options
   * @returns {Promise<unknown>} the server's note of the block (not read)
   */
  sendBlock: (mun, id, uploadId, index, bytes, options) => sendBytes(`${upload(mun, id, uploadId)}/blocks/${index}`, bytes, options),
  /** @param {string} mun @param {string} id @param {string} uploadId @returns {Promise<UploadView>} with `file` */
  completeUpload: async (mun, id, uploadId) => (await request(`${upload(mun, id, uploadId)}/complete`, { method: 'POST' })).data,

  /**
   * A practice's file, for preview or (download) saving.
   * @param {string} mun @param {string} id @param {PracticeFile} file
   * @param {{ download?: boolean, onProgress?: (received: number, total: number | null) => void, signal?: AbortSignal,
   *   sink?: WritableStream<Uint8Array> }} [options]
   */
  file: (mun, id, file, options = {}) =>
    fetchFile(`${practice(mun, id)}/files/${seg(file.id)}${options.download ? '?download=true' : ''}`,
      { ...options, size: file.size, fallbackName: file.name }),
  /**
   * A signed link to stream a file (video, audio, PDF) without the token: valid two hours, with Range support.
   * @param {string} mun @param {string} id @param {string} fileId @returns {Promise<{ url: string, expiresAt: string }>}
   */
  fileLink: async (mun, id, fileId) => (await request(`${practice(mun, id)}/files/${seg(fileId)}/link`, { method: 'POST' })).data,
  /** @param {string} mun @param {string} id @param {string} fileId @returns {Promise<PracticeView>} */
  deleteFile: async (mun, id, fileId) => (await request(`${practice(mun, id)}/files/${seg(fileId)}`, { method: 'DELETE' })).data,

  /** @param {string} mun @param {Record<string, unknown>} filters @returns {Promise<ExportView>} */
  startExport: async (mun, filters) => (await request(exportsOf(mun), { method: 'POST', body: filters })).data,
  /** @param {string} mun @param {string} jobId @returns {Promise<ExportView>} */
  exportStatus: async (mun, jobId) => (await request(`${exportsOf(mun)}/${seg(jobId)}`)).data,
  /** @param {string} mun @returns {Promise<ExportView[]>} the latest exports, newest first */
  exports: async (mun) => (await request(exportsOf(mun))).data,
  /**
   * @param {string} downloadUrl as the job gives it (same origin)
   * @param {{ onProgress?: (received: number, total: number | null) => void, signal?: AbortSignal,
   *   sink?: WritableStream<Uint8Array>, size?: number }} options
   */
  exportZip: (downloadUrl, options) => fetchFile(downloadUrl, { ...options, fallbackName: 'Банк практик.zip' }),

  /**
   * @param {string} mun @param {string} school @param {string} month
   * @returns {Promise<{ weakCount: number, indicators: WeakIndicator[], noneFound: string | null, ruleNote: string }>} weak
   *   indicators that have practices in the bank, the line to show when none has, and whose rule «weak» is
   */
  suggestions: async (mun, school, month) =>
    (await request(`/api/municipalities/${seg(mun)}/schools/${seg(school)}/self-assessment/${seg(month)}/practice-suggestions`)).data,
};
