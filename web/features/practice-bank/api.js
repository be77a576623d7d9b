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
 *   kind: string | null, authors: string[], links: { title: string, url: string }[], indicators: string[] }} PracticeInput
 */

/** @type {Map<string, Promise<any>>} */
const cache = new Map();

/**
 * Loads once per page life: options and topics hardly change while someone browses the bank.
 * @param {string} key
 * @param {() => Promise<any>} load
 */
function once(key, load) {
  let p = cache.get(key);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export const bankApi = {
  /** @returns {Promise<any>} `{subjects, kinds, upload: {kinds, maxFilesPerPractice, maxBytesPerPractice, blockSize}}` */
  options: () => once('options', async () => (await request('/api/practice-options')).data),
  /** @param {string} mun @returns {Promise<any[]>} the weeks' topics (published ones for schools) */
  topics: (mun) => once(`topics:${mun}`, async () => (await request(`/api/municipalities/${seg(mun)}/topics`)).data),

  /**
   * @param {string} mun
   * @param {BankQuery} query
   * @param {number} skip
   * @param {number} take
   * @returns {Promise<{ total: number, items: any[], schools: { id: string, name: string }[] }>} a page of the
   *   results and the school filter's options (the schools whose practices this person may see)
   */
  list: async (mun, query, skip, take) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v && k !== 'page') params.set(k, v);
    params.set('skip', String(skip));
    params.set('take', String(take));
    return (await request(`${practices(mun)}?${params}`)).data;
  },
  /** @param {string} mun @param {string} id @returns {Promise<import('../../js/api.js').ApiAnswer>} the view and its ETag */
  get: (mun, id) => request(practice(mun, id)),
  /**
   * @param {string} mun @param {PracticeInput} input @param {string | null} schoolId
   * @returns {Promise<any>}
   */
  create: async (mun, input, schoolId) =>
    (await request(`${practices(mun)}${schoolId ? `?schoolId=${seg(schoolId)}` : ''}`, { method: 'POST', body: input })).data,
  /**
   * @param {string} mun @param {string} id @param {PracticeInput} input @param {string | null} ifMatch
   * @returns {Promise<import('../../js/api.js').ApiAnswer>}
   */
  update: (mun, id, input, ifMatch) => request(practice(mun, id), { method: 'PUT', body: input, ifMatch }),
  /** @param {string} mun @param {string} id */
  remove: async (mun, id) => { await request(practice(mun, id), { method: 'DELETE' }); },
  /** @param {string} mun @param {string} id @param {string | null} ifMatch @returns {Promise<any>} */
  submit: async (mun, id, ifMatch) => (await request(`${practice(mun, id)}/submit`, { method: 'POST', ifMatch })).data,
  /**
   * @param {string} mun @param {string} id @param {'start' | 'accept' | 'return'} action @param {string} comment
   * @param {string | null} ifMatch
   * @returns {Promise<any>}
   */
  review: async (mun, id, action, comment, ifMatch) =>
    (await request(`${practice(mun, id)}/review`, { method: 'POST', body: { action, comment }, ifMatch })).data,

  /** @param {string} mun @param {string} id @param {string} fileName @param {number} size @returns {Promise<any>} UploadView */
  startUpload: async (mun, id, fileName, size) =>
    (await request(`${practice(mun, id)}/uploads`, { method: 'POST', body: { fileName, size } })).data,
  /** @param {string} mun @param {string} id @param {string} uploadId @returns {Promise<any>} UploadView with `received` */
  uploadStatus: async (mun, id, uploadId) => (await request(upload(mun, id, uploadId))).data,
  /**
   * @param {string} mun @param {string} id @param {string} uploadId @param {number} index @param {Blob} bytes
   * @param {{ onProgress?: (sent: number) => void, signal?: AbortSignal }} options
   */
  sendBlock: (mun, id, uploadId, index, bytes, options) => sendBytes(`${upload(mun, id, uploadId)}/blocks/${index}`, bytes, options),
  /** @param {string} mun @param {string} id @param {string} uploadId @returns {Promise<any>} UploadView with `file` */
  completeUpload: async (mun, id, uploadId) => (await request(`${upload(mun, id, uploadId)}/complete`, { method: 'POST' })).data,

  /**
   * A practice's file, for preview or (download) saving.
   * @param {string} mun @param {string} id @param {any} file PracticeFile
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
  /** @param {string} mun @param {string} id @param {string} fileId @returns {Promise<any>} the practice view */
  deleteFile: async (mun, id, fileId) => (await request(`${practice(mun, id)}/files/${seg(fileId)}`, { method: 'DELETE' })).data,

  /** @param {string} mun @param {Record<string, unknown>} filters @returns {Promise<any>} ExportView */
  startExport: async (mun, filters) => (await request(exportsOf(mun), { method: 'POST', body: filters })).data,
  /** @param {string} mun @param {string} jobId @returns {Promise<any>} ExportView */
  exportStatus: async (mun, jobId) => (await request(`${exportsOf(mun)}/${seg(jobId)}`)).data,
  /** @param {string} mun @returns {Promise<any[]>} the latest exports, newest first */
  exports: async (mun) => (await request(exportsOf(mun))).data,
  /**
   * @param {string} downloadUrl as the job gives it (same origin)
   * @param {{ onProgress?: (received: number, total: number | null) => void, signal?: AbortSignal,
   *   sink?: WritableStream<Uint8Array>, size?: number }} options
   */
  exportZip: (downloadUrl, options) => fetchFile(downloadUrl, { ...options, fallbackName: 'Банк практик.zip' }),

  /**
   * @param {string} mun @param {string} school @param {string} month
   * @returns {Promise<{ weakCount: number, indicators: any[], noneFound: string | null, ruleNote: string }>} weak
   *   indicators that have practices in the bank, the line to show when none has, and whose rule «weak» is
   */
  suggestions: async (mun, school, month) =>
    (await request(`/api/municipalities/${seg(mun)}/schools/${seg(school)}/self-assessment/${seg(month)}/practice-suggestions`)).data,
};
