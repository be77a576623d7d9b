// @ts-check
// The only module that talks to the server. Every failure becomes an ApiError with a readable Russian message;
// problem+json answers keep their title, detail, field errors and extensions (a conflict carries `current`).

/** Cache Storage name of the API answers kept for opening offline (sw.js leaves it across releases). */
export const API_CACHE = 'methoddays-api';

/** Requests slower than this are abandoned: on a rural line a hung request is worse than a clear retry. */
const TIMEOUT_MS = 45000;

/**
 * The first screen's GETs started by the shell's inline script (js/early.js) before any module arrived.
 * @typedef {{ take(path: string): Promise<Response> | null, drop(): void }} Early
 */

/** Absent when the shell's script did not run (a page opened without it): every request is then asked here. */
const early = /** @type {{ methodDaysEarly?: Early }} */ (/** @type {unknown} */ (globalThis)).methodDaysEarly;

/**
 * The answer of a GET the shell started early, once; null when none was started for this path.
 * @param {string} path
 */
function takeEarly(path) {
  return early ? early.take(path) : null;
}

/** Once the first view is drawn, answers nobody took are dropped: a later visit to that page asks afresh. */
export function dropEarly() {
  early?.drop();
}

/** An API failure a view can show: status 0 means the server could not be reached. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 when there was no answer.
   * @param {string} title Short Russian title.
   * @param {string} detail What happened and what to do.
   * @param {Record<string, string[]>} [errors] Field errors keyed by request field (`values.1.1.1`).
   * @param {Problem | null} [problem] The whole problem+json body (extensions such as `current`).
   */
  constructor(status, title, detail, errors = {}, problem = null) {
    super(detail || title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.problem = problem;
  }

  /** True when the request never reached the server (offline, timeout). */
  get offline() {
    return this.status === 0;
  }
}

/** @type {() => Promise<string | null>} */
let tokenProvider = async () => null;
/** @type {(error: ApiError) => void} */
let onUnauthorized = () => {};

/**
 * Where the bearer token comes from (sessionStorage in development, MSAL in Entra mode).
 * @param {() => Promise<string | null>} provider
 */
export function setTokenProvider(provider) {
  tokenProvider = provider;
}

/**
 * Called on 401: the token expired or was revoked; the app returns to sign-in (drafts stay on the device).
 * @param {(error: ApiError) => void} handler
 */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

const fallbackTitles = /** @type {Record<number, string>} */ ({
  400: 'Неверный запрос',
  401: 'Требуется вход в систему',
  403: 'Нет доступа',
  404: 'Не найдено',
  409: 'Конфликт изменений',
  413: 'Слишком большой запрос',
  429: 'Слишком много запросов',
  500: 'Внутренняя ошибка',
  502: 'Сервер недоступен',
  503: 'Сервис временно недоступен',
  504: 'Сервер не ответил вовремя',
});

/**
 * A problem+json body as the server sends it. Parsed from the answer and read field by field (problemError checks
 * each type), so nothing here is trusted beyond that.
 * `current` (on a 409) is the record as it now is on the server: its shape is the endpoint's (a sheet, a plan item,
 * a topic), which only the caller knows, hence open.
 * @typedef {{ title?: unknown, detail?: unknown, errors?: unknown, current?: any, [extension: string]: unknown }} Problem
 */

/**
 * @typedef {{ method?: string, body?: unknown, ifMatch?: string | null, anonymous?: boolean, blob?: boolean, keep?: boolean }} RequestOptions
 *   `keep`: a GET whose last answer is kept on the device and given back when the server cannot be reached, so the
 *   page (the signed-in person, the template, a sheet) opens with no network; cleared on sign-out.
 */

/**
 * An answer with its ETag. `T` is the JSON's shape, named by the endpoint that asks (a Blob for `blob: true`). Its
 * default stays open because api.js cannot know the shapes of other sections' endpoints; each names its own.
 * @template [T=any]
 * @typedef {{ data: T, etag: string | null, response: Response }} ApiAnswer
 */

/**
 * Rejects as an aborted fetch would when the signal fires (the timeout of a request started early).
 * @param {AbortSignal} signal
 * @returns {Promise<never>}
 */
function aborted(signal) {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('Timed out', 'AbortError')), { once: true });
  });
}

/**
 * One request to the API (JSON, or a small blob with `blob: true`). Exported for the endpoint modules of
 * other sections (`bank-api.js`, `cycle-api.js`), which build paths and bodies but never call `fetch` themselves.
 * The answer's shape is the caller's to name (`@returns {Promise<ApiAnswer<X>>}` on its endpoint function).
 * @template [T=any]
 * @param {string} path
 * @param {RequestOptions} [options]
 * @returns {Promise<ApiAnswer<T>>}
 */
export async function request(path, options = {}) {
  const headers = new Headers({ Accept: options.blob ? '*/*' : 'application/json' });
  if (!options.anonymous) {
    const token = await tokenProvider();
    if (token) headers.set('Authorization', `Bearer ${token}`);
  }
  // A Blob (a chosen file) goes as it is; anything else as JSON.
  const raw = options.body instanceof Blob;
  if (options.body !== undefined) headers.set('Content-Type', raw ? 'application/octet-stream' : 'application/json');
  if (options.ifMatch) headers.set('If-Match', options.ifMatch);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  /** @type {Response} */
  let response;
  try {
    // The first screen's GETs may already be on their way (early.js): take that answer instead of asking again.
    const started = (options.method ?? 'GET') === 'GET' && !options.blob ? takeEarly(path) : null;
    response = await (started ? Promise.race([started, aborted(controller.signal)]) : fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : raw ? /** @type {Blob} */ (options.body) : JSON.stringify(options.body),
      signal: controller.signal,
      credentials: 'same-origin',
    }));
  } catch (e) {
    clearTimeout(timer);
    const kept = options.keep ? await keptAnswer(path) : null;
    if (kept) return kept;
    const timedOut = e instanceof DOMException && e.name === 'AbortError';
    throw new ApiError(0,
      timedOut ? 'Сервер не ответил вовремя' : 'Нет связи с сервером',
      timedOut
        ? 'Связь слишком медленная или сервер занят. Попробуйте ещё раз через минуту.'
        : 'Проверьте подключение к интернету. Введённые данные сохранены на этом устройстве.');
  }

  try {
    if (!response.ok) throw await toError(response);
    if (options.keep) keepAnswer(path, response.clone());
    const etag = response.headers.get('ETag');
    if (options.blob) return { data: /** @type {T} */ (/** @type {unknown} */ (await response.blob())), etag, response };
    const text = await response.text();
    return { data: text ? JSON.parse(text) : null, etag, response };
  } catch (e) {
    if (e instanceof ApiError) {
      if (e.status === 401) onUnauthorized(e);
      throw e;
    }
    const timedOut = e instanceof DOMException && e.name === 'AbortError';
    throw new ApiError(0, timedOut ? 'Сервер не ответил вовремя' : 'Ответ не получен полностью',
      'Связь прервалась во время загрузки. Попробуйте ещё раз.');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Keeps a GET's answer for opening offline (best effort: no Cache Storage, no copy).
 * @param {string} path
 * @param {Response} response
 */
function keepAnswer(path, response) {
  if (typeof caches === 'undefined') return;
  caches.open(API_CACHE).then((cache) => cache.put(path, response)).catch(() => {});
}

/** On sign-out: the next person on this device must not open the previous one's answers offline. */
export async function forgetKeptAnswers() {
  try {
    await caches.delete(API_CACHE);
  } catch {
    // no Cache Storage (private mode): nothing was kept
  }
}

/**
 * The kept answer of a GET, read as a fresh one, or null.
 * @param {string} path
 * @returns {Promise<ApiAnswer | null>} the JSON as kept (what the server sent then)
 */
async function keptAnswer(path) {
  try {
    if (typeof caches === 'undefined') return null;
    const response = await (await caches.open(API_CACHE)).match(path);
    if (!response) return null;
    const text = await response.text();
    return { data: text ? JSON.parse(text) : null, etag: response.headers.get('ETag'), response };
  } catch {
    return null;
  }
}

/**
 * @param {Response} response
 * @returns {Promise<ApiError>}
 */
async function toError(response) {
  const type = response.headers.get('Content-Type') ?? '';
  /** @type {Problem | null} parsed JSON, checked field by field in problemError */
  let body = null;
  if (type.includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  }
  return problemError(response.status, body);
}

/**
 * An ApiError from a status and a parsed problem+json body (or null).
 * @param {number} status
 * @param {Problem | null} body parsed JSON: any value, each field's type is checked before use
 * @returns {ApiError}
 */
function problemError(status, body) {
  const title = (body && typeof body.title === 'string' && body.title) || fallbackTitles[status] || `Ошибка ${status}`;
  const detail = (body && typeof body.detail === 'string' && body.detail)
    || (status >= 500 ? 'Сервер временно не может выполнить запрос. Повторите через минуту.' : '');
  /** @type {Record<string, string[]>} */
  const errors = {};
  if (body && body.errors && typeof body.errors === 'object') {
    for (const [key, value] of Object.entries(body.errors)) {
      errors[key] = Array.isArray(value) ? value.map(String) : [String(value)];
    }
  }
  return new ApiError(status, title, detail, errors, body);
}

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/**
 * @param {string} mun
 * @param {string} school
 */
const sheetBase = (mun, school) => `/api/municipalities/${seg(mun)}/schools/${seg(school)}/self-assessment`;

/**
 * The file name from Content-Disposition (RFC 5987 `filename*` first).
 * @param {Response} response
 * @param {string} fallback
 */
function fileNameOf(response, fallback) {
  const header = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch { /* fall through */ }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

/**
 * @param {string} path
 * @param {string} fallbackName
 * @returns {Promise<{ blob: Blob, fileName: string }>}
 */
async function download(path, fallbackName) {
  const { data, response } = /** @type {ApiAnswer<Blob>} */ (await request(path, { blob: true }));
  return { blob: data, fileName: fileNameOf(response, fallbackName) };
}

/** A block upload or a download with no byte moving for this long is abandoned: a stalled line, not a slow one. */
const STALL_MS = 60000;

/**
 * @param {boolean} timedOut
 * @returns {ApiError}
 */
function connectionError(timedOut) {
  return new ApiError(0,
    timedOut ? 'Связь остановилась' : 'Нет связи с сервером',
    timedOut
      ? 'Данные перестали передаваться больше минуты. Попробуем ещё раз.'
      : 'Проверьте подключение к интернету. Передача продолжится с того же места.');
}

/** @param {AbortSignal | undefined} signal */
const cancelled = (signal) => (signal?.aborted ? new DOMException('Отменено', 'AbortError') : null);

/**
 * Sends raw bytes (PUT, application/octet-stream) and reports bytes sent. XMLHttpRequest rather than fetch: only
 * it reports upload progress, and one 4 MiB block takes half a minute on a slow rural line. The body is a Blob
 * (a slice of a File), which the browser reads from disk as it sends. No overall time limit, only a stall limit.
 * @param {string} path
 * @param {Blob} body
 * @template [T=unknown]
 * @param {{ onProgress?: (sent: number) => void, signal?: AbortSignal, method?: 'PUT' | 'POST' }} [options] `method`:
 *   PUT (a block of an upload) unless named; an import of a whole file is a POST
 * @returns {Promise<T>} the JSON answer, of the shape the caller names
 */
export async function sendBytes(path, body, options = {}) {
  const token = await tokenProvider();
  if (options.signal?.aborted) throw cancelled(options.signal);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let timedOut = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let stall;
    const arm = () => {
      clearTimeout(stall);
      stall = setTimeout(() => { timedOut = true; xhr.abort(); }, STALL_MS);
    };
    const abort = () => xhr.abort();
    const settle = () => {
      clearTimeout(stall);
      options.signal?.removeEventListener('abort', abort);
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    xhr.open(options.method ?? 'PUT', path);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      arm();
      options.onProgress?.(e.loaded);
    };
    xhr.onprogress = arm;
    xhr.onload = () => {
      settle();
      /** @type {unknown} */
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(/** @type {T} */ (data));
        return;
      }
      const error = problemError(xhr.status, /** @type {Problem | null} */ (data));
      if (error.status === 401) onUnauthorized(error);
      reject(error);
    };
    xhr.onerror = () => {
      settle();
      reject(connectionError(false));
    };
    xhr.onabort = () => {
      settle();
      reject(cancelled(options.signal) ?? connectionError(timedOut));
    };
    arm();
    xhr.send(body);
  });
}

/**
 * Downloads a file with progress into a Blob, or straight into a writable stream (a file the user chose on disk,
 * for archives too large to hold in memory). Only a stall limit: a large file on a slow line may take an hour.
 * @param {string} path
 * @param {{ onProgress?: (received: number, total: number | null) => void, signal?: AbortSignal,
 *   sink?: WritableStream<Uint8Array>, size?: number, fallbackName?: string }} [options]
 * @returns {Promise<{ blob: Blob | null, fileName: string, type: string, size: number }>}
 */
export async function fetchFile(path, options = {}) {
  const headers = new Headers({ Accept: '*/*' });
  const token = await tokenProvider();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let stall;
  const arm = () => {
    clearTimeout(stall);
    stall = setTimeout(() => { timedOut = true; controller.abort(); }, STALL_MS);
  };
  arm();
  try {
    /** @type {Response} */
    let response;
    try {
      response = await fetch(path, { headers, signal: controller.signal, credentials: 'same-origin' });
    } catch {
      throw cancelled(options.signal) ?? connectionError(timedOut);
    }
    if (!response.ok || !response.body) {
      const error = await toError(response);
      if (error.status === 401) onUnauthorized(error);
      throw error;
    }
    const total = Number(response.headers.get('Content-Length')) || options.size || null;
    const type = response.headers.get('Content-Type') ?? '';
    const fileName = fileNameOf(response, options.fallbackName ?? 'файл');
    const reader = response.body.getReader();
    const writer = options.sink?.getWriter();
    /** @type {BlobPart[]} */
    const chunks = [];
    let received = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        received += value.byteLength;
        if (writer) await writer.write(value);
        else chunks.push(value);
        options.onProgress?.(received, total);
      }
      await writer?.close();
    } catch {
      await writer?.abort().catch(() => {});
      throw cancelled(options.signal) ?? connectionError(timedOut);
    }
    return { blob: writer ? null : new Blob(chunks, { type }), fileName, type, size: received };
  } finally {
    clearTimeout(stall);
    options.signal?.removeEventListener('abort', abort);
  }
}

/**
 * @typedef {{ templateVersion: string, values: Record<string, string>, base?: Record<string, string | null> }} SheetInput
 */

/**
 * The answers of the shell's own endpoints (server: ClientConfigResponse, DevPerson, MeResponse).
 * @typedef {{ authMode: 'development' | 'entra', clientId: string | null, authority: string | null, scope: string | null }} ClientConfig
 *   Entra mode always has the three settings; development mode has none.
 * @typedef {'Coordinator' | 'Methodist' | 'Curator' | 'SchoolAdmin' | 'Teacher'} Role
 * @typedef {{ municipalityId: string, municipalityName: string, personId: string, displayName: string, role: Role,
 *   schools: string[] }} DevPerson  `schools`: the short names of the person's schools
 * @typedef {{ municipalityId: string, personId: string, displayName: string, email: string | null, role: Role,
 *   schoolIds: string[], active: boolean }} Member
 * @typedef {{ id: string, name: string, timeZone: string, programmeStart: string }} Municipality
 *   `programmeStart` (yyyy-MM): the first month with sheets
 * @typedef {{ municipalityId: string, id: string, name: string, shortName: string, kind: 'Basic' | 'Secondary',
 *   lowResults: boolean, improving: boolean, leader: boolean }} School
 * @typedef {{ member: Member, municipality: Municipality, schools: School[], timeZoneName?: string, timeZoneBy?: string }} Me  `schools`: the municipality's schools; `timeZoneName` the zone in words («омское время, UTC+6»), `timeZoneBy` «по омскому времени (UTC+6)»
 * @typedef {import('../features/self-assessment/score.js').Template} SheetTemplate
 *   the self-assessment sheet's template (a type only: the shell loads it, the feature owns its shape)
 * The self-assessment sheet's answers (types only, like the template):
 * @typedef {import('../features/self-assessment/types.js').SheetView} SheetView
 * @typedef {import('../features/self-assessment/types.js').RevisionView} RevisionView
 * @typedef {import('../features/self-assessment/types.js').HistoryView} HistoryView
 * @typedef {import('../features/self-assessment/types.js').SummaryView} SummaryView
 * @typedef {import('../features/self-assessment/types.js').TrendView} TrendView
 */

/**
 * The API, one function per endpoint the page uses. The self-assessment sheet's answers (the sheet, a revision, the
 * history, the summary, the trend) are that feature's shapes (types only, features/self-assessment/types.js).
 */
export const api = {
  /** @returns {Promise<ClientConfig>} */
  config: async () => (await request('/api/config', { anonymous: true, keep: true })).data,
  /** @returns {Promise<DevPerson[]>} demo people (development mode only) */
  devPeople: async () => (await request('/api/dev/people', { anonymous: true })).data,
  /**
   * @param {string} municipalityId
   * @param {string} personId
   * @returns {Promise<{accessToken: string, expiresAt: string, me: { member: { role: string, schoolIds: string[] }, municipality: { id: string, timeZone: string } }}>}
   */
  devSignIn: async (municipalityId, personId) =>
    (await request('/api/dev/sign-in', { method: 'POST', body: { municipalityId, personId }, anonymous: true })).data,
  /** @returns {Promise<Me>} who is signed in */
  me: async () => (await request('/api/me', { keep: true })).data,
  /**
   * @param {string} version a template version or "current"
   * @returns {Promise<SheetTemplate>}
   */
  template: async (version) => (await request(`/api/self-assessment/templates/${seg(version)}`, { keep: true })).data,

  /**
   * @param {string} mun @param {string} school @param {string} month yyyy-MM
   * @returns {Promise<ApiAnswer<SheetView>>} the sheet and its ETag
   */
  sheet: (mun, school, month) => request(`${sheetBase(mun, school)}/${seg(month)}`, { keep: true }),
  /**
   * Saves a draft. `ifMatch` is the sheet's ETag when it exists; without it the server only creates.
   * @param {string} mun @param {string} school @param {string} month
   * @param {SheetInput} input
   * @param {string | null} ifMatch
   * @returns {Promise<ApiAnswer<SheetView>>}
   */
  saveDraft: (mun, school, month, input, ifMatch) =>
    request(`${sheetBase(mun, school)}/${seg(month)}`, { method: 'PUT', body: input, ifMatch }),
  /**
   * @param {string} mun @param {string} school @param {string} month
   * @param {SheetInput} input
   * @param {string | null} ifMatch
   * @returns {Promise<ApiAnswer<SheetView>>}
   */
  submit: (mun, school, month, input, ifMatch) =>
    request(`${sheetBase(mun, school)}/${seg(month)}/submit`, { method: 'POST', body: input, ifMatch }),
  /** With `ifMatch` a draft's answers are replaced. @param {string} mun @param {string} school @param {string} month @param {string | null} [ifMatch] @returns {Promise<ApiAnswer<SheetView>>} */
  startFromPrevious: (mun, school, month, ifMatch = null) =>
    request(`${sheetBase(mun, school)}/${seg(month)}/start-from-previous`, { method: 'POST', ifMatch }),
  /** @param {string} mun @param {string} school @param {string} month @param {number} n @returns {Promise<RevisionView>} */
  revision: async (mun, school, month, n) => (await request(`${sheetBase(mun, school)}/${seg(month)}/revisions/${n}`)).data,
  /** @param {string} mun @param {string} school @param {string} month @param {string} text @returns {Promise<import('./sheet-panels.js').Comment>} */
  comment: async (mun, school, month, text) =>
    (await request(`${sheetBase(mun, school)}/${seg(month)}/comments`, { method: 'POST', body: { text } })).data,
  /** @param {string} mun @param {string} school @returns {Promise<HistoryView>} */
  history: async (mun, school) => (await request(`${sheetBase(mun, school)}`, { keep: true })).data,
  /** @param {string} mun @param {string} school @param {string} month */
  sheetXlsx: (mun, school, month) => download(`${sheetBase(mun, school)}/${seg(month)}/xlsx`, `Лист оценки ${school} ${month}.xlsx`),

  /** @param {string} mun @param {string} month @returns {Promise<SummaryView>} */
  summary: async (mun, month) => (await request(`/api/municipalities/${seg(mun)}/self-assessment/${seg(month)}/summary`)).data,
  /** @param {string} mun @param {string} month */
  summaryXlsx: (mun, month) => download(`/api/municipalities/${seg(mun)}/self-assessment/${seg(month)}/summary/xlsx`, `Лист оценки ${mun} ${month}.xlsx`),
  /** @param {string} mun @returns {Promise<TrendView>} */
  trend: async (mun) => (await request(`/api/municipalities/${seg(mun)}/self-assessment/trend`)).data,
};
