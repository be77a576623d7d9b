// @ts-check
// Resumable uploads of a practice's files in 4 MiB blocks (no DOM here; bank-uploads.js draws them).
//
// A file is never read whole: each block is a File.slice the browser reads as it sends. The server's upload
// session id is kept in localStorage under the practice, file name and size, so after a dropped connection, a
// reload or a closed tab the server is asked which blocks it has and only the rest are sent. Failures that a
// retry can cure (no connection, a stalled line, 5xx, 429, a block cut short) are retried with a growing pause;
// while the device is offline the upload waits for the connection to return. Refusals (415: an executable, an
// archive, a renamed file; 400: a forbidden extension or size) stop the file with the server's Russian reason.
// One file uploads at a time for the whole page: on a slow line parallel uploads only share the bandwidth.

import { ApiError } from '../../js/api.js';
import { bankApi } from './api.js';
import { formatBytes } from './format.js';

const KEY = 'methoddays:upload:';

/** Pause before the n-th retry in a row, in seconds. */
const BACKOFF = [2, 5, 10, 20, 30, 60];

/**
 * @typedef {{ uploadId: string, mun: string, practiceId: string, name: string, size: number, lastModified: number,
 *   startedAt: string }} UploadSession
 * @typedef {'waiting' | 'starting' | 'uploading' | 'retrying' | 'offline' | 'completing' | 'done' | 'refused' | 'failed'
 *   | 'cancelled'} UploadState
 * @typedef {import('./api.js').PracticeFile} PracticeFile
 */

/** @param {string} mun @param {string} practiceId @param {string} name @param {number} size */
const keyOf = (mun, practiceId, name, size) => `${KEY}${mun}:${practiceId}:${size}:${name}`;

/** @param {string} key @returns {UploadSession | null} */
function read(key) {
  try {
    const text = localStorage.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** @param {string} key @param {UploadSession} session */
function write(key, session) {
  try {
    localStorage.setItem(key, JSON.stringify(session));
  } catch {
    // Storage full or blocked: the upload still works, it just cannot resume after a reload.
  }
}

/** @param {string} key */
function forget(key) {
  try {
    localStorage.removeItem(key);
  } catch { /* nothing to forget */ }
}

/** @type {UploadTask[]} */
const tasks = [];
/** One upload at a time, in the order chosen. */
let queue = Promise.resolve();

window.addEventListener('beforeunload', (event) => {
  // A reload would resume later, but only after the person picks the file again: ask first.
  if (tasks.some((t) => t.active)) event.preventDefault();
});

/**
 * Uploads of a practice started on this page (not yet finished, or finished with a refusal to show).
 * @param {string} mun
 * @param {string} practiceId
 */
export function tasksFor(mun, practiceId) {
  return tasks.filter((t) => t.mun === mun && t.practiceId === practiceId && t.state !== 'done' && t.state !== 'cancelled');
}

/**
 * Uploads of a practice left unfinished on this device (a reload, a closed tab, a crash): to continue one, the
 * person picks the same file again.
 * @param {string} mun
 * @param {string} practiceId
 * @returns {UploadSession[]}
 */
export function unfinished(mun, practiceId) {
  const prefix = `${KEY}${mun}:${practiceId}:`;
  /** @type {UploadSession[]} */
  const found = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(prefix)) continue;
      const session = read(key);
      if (session && !tasks.some((t) => t.key === key && t.state !== 'cancelled' && t.state !== 'done')) found.push(session);
    }
  } catch { /* storage unavailable */ }
  return found;
}

/** Drops a session left on this device (the person does not want to continue it). @param {UploadSession} s */
export function discard(s) {
  forget(keyOf(s.mun, s.practiceId, s.name, s.size));
}

/**
 * Checks a chosen file against the bank's rules before anything is sent (the server checks again, and also the
 * content). Null when fine, else a Russian reason.
 * @param {File} file
 * @param {import('./api.js').UploadRules} rules `upload` of /api/practice-options
 * @param {number} fileCount files attached or on their way
 */
export function checkFile(file, rules, fileCount) {
  const dot = file.name.lastIndexOf('.');
  const extension = dot > 0 ? file.name.slice(dot).toLowerCase() : '';
  const rule = rules.kinds.find((k) => k.extensions.includes(extension));
  if (!rule) {
    return `Файлы «${extension || 'без расширения'}» не принимаются. Можно: ${allowedText(rules)}.`;
  }
  if (file.size === 0) return 'Файл пустой.';
  if (file.size > rule.maxBytes) {
    return `Файл слишком большой: ${formatBytes(file.size)}, а ${rule.title.toLowerCase()} можно до ${formatBytes(rule.maxBytes)}.`;
  }
  if (fileCount >= rules.maxFilesPerPractice) return `К практике можно приложить не больше ${rules.maxFilesPerPractice} файлов.`;
  return null;
}

/**
 * "документы (.doc, .docx …) до 50 МБ; …": what may be uploaded, as the form and the refusals say it.
 * @param {import('./api.js').UploadRules} rules
 */
function allowedText(rules) {
  return rules.kinds.map((k) => `${k.title.toLowerCase()} (${k.extensions.join(', ')}) до ${formatBytes(k.maxBytes)}`).join('; ');
}

/**
 * Queues a file for upload to a practice.
 * @param {{ mun: string, practiceId: string, file: File, onDone: (file: PracticeFile) => void }} options
 * @returns {UploadTask}
 */
export function startUpload(options) {
  const task = new UploadTask(options);
  tasks.push(task);
  // run() settles every outcome itself; the catch only keeps the queue moving past a bug.
  queue = queue.then(() => task.run()).catch(() => task.set('failed', 'Не удалось загрузить файл. Выберите его ещё раз.'));
  return task;
}

/** @param {unknown} e */
const isAbort = (e) => e instanceof DOMException && e.name === 'AbortError';

/** @param {unknown} e */
function retryable(e) {
  if (!(e instanceof ApiError)) return false;
  // 400 with `body` (a block cut short) or `blocks` (completion before every block arrived): send again.
  return e.status === 0 || e.status >= 500 || e.status === 429 || e.status === 408
    || (e.status === 400 && Boolean(e.errors.body || e.errors.blocks));
}

/** One file on its way to one practice. */
export class UploadTask {
  /** @param {{ mun: string, practiceId: string, file: File, onDone: (file: PracticeFile) => void }} options */
  constructor(options) {
    this.mun = options.mun;
    this.practiceId = options.practiceId;
    this.file = options.file;
    this.onDone = options.onDone;
    this.key = keyOf(this.mun, this.practiceId, this.file.name, this.file.size);
    /** @type {UploadState} */
    this.state = 'waiting';
    /** What is happening, in Russian (the reason of a refusal, the next retry…). */
    this.message = 'Ждёт очереди: файлы загружаются по одному.';
    /** Bytes the server has confirmed. */
    this.sent = 0;
    /** Bytes of the block on its way. */
    this.current = 0;
    /** Bytes the server already had when this upload (re)started, if it continued an earlier one. */
    this.resumedAt = 0;
    /** Bytes per second over the last half-minute, or 0 while unknown. */
    this.rate = 0;
    this.failures = 0;
    this.controller = new AbortController();
    /** @type {AbortController | null} aborts the block in flight when the device goes offline */
    this.attempt = null;
    /** @type {(() => void) | null} */
    this.wake = null;
    /** @type {Set<(task: UploadTask) => void>} */
    this.listeners = new Set();
    /** @type {[number, number][]} (time, bytes) samples for the rate */
    this.samples = [];
  }

  get total() {
    return this.file.size;
  }

  get loaded() {
    return Math.min(this.total, this.sent + this.current);
  }

  /** Still uploading or about to. */
  get active() {
    return !['done', 'refused', 'failed', 'cancelled'].includes(this.state);
  }

  /**
   * @param {(task: UploadTask) => void} listener
   * @returns {() => void} unsubscribe
   */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit() {
    for (const l of this.listeners) l(this);
  }

  /** @param {UploadState} state @param {string} message */
  set(state, message) {
    if (this.state === 'cancelled') return;
    this.state = state;
    this.message = message;
    this.emit();
  }

  /** Stops the upload; what reached the server is dropped by its nightly cleanup. */
  cancel() {
    if (!this.active) return;
    this.controller.abort();
    this.wake?.();
    forget(this.key);
    this.current = 0;
    this.set('cancelled', 'Загрузка отменена.');
  }

  /** Throws when the person cancelled while a request was on its way. */
  check() {
    if (this.controller.signal.aborted) throw new DOMException('Отменено', 'AbortError');
  }

  /** Skips the pause before the next retry. */
  retryNow() {
    this.wake?.();
  }

  async run() {
    if (!this.active) return;
    const goneOffline = () => this.attempt?.abort();
    window.addEventListener('offline', goneOffline);
    let restarts = 0;
    try {
      for (;;) {
        if (this.controller.signal.aborted) return;
        try {
          await this.upload();
          return;
        } catch (e) {
          if (this.controller.signal.aborted) return;
          const error = isAbort(e) ? new ApiError(0, 'Нет связи с сервером', 'Связь пропала.') : e;
          if (error instanceof ApiError && error.status === 404 && restarts < 2) {
            // The server dropped the session (it was too old): start this file over.
            restarts++;
            forget(this.key);
            continue;
          }
          if (!retryable(error)) {
            this.fail(error);
            return;
          }
          this.failures++;
          await this.pause(/** @type {ApiError} */ (error));
        }
      }
    } finally {
      window.removeEventListener('offline', goneOffline);
    }
  }

  /** One pass: ask the server what it has, send the rest, complete. */
  async upload() {
    const { mun, practiceId, file } = this;
    this.set('starting', this.failures > 0 ? 'Спрашиваем сервер, какие части файла уже получены…' : 'Начинаем загрузку…');
    let session = read(this.key);
    if (session && session.lastModified !== file.lastModified) {
      // Same name and size but another file: its earlier parts would not fit.
      forget(this.key);
      session = null;
    }
    /** @type {import('./api.js').UploadView | null} */
    let view = null;
    if (session) {
      try {
        view = await bankApi.uploadStatus(mun, practiceId, session.uploadId);
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 403)) throw e;
      }
      if (!view || view.state === 'refused') {
        forget(this.key);
        view = null;
      }
    }
    if (!view) {
      view = await bankApi.startUpload(mun, practiceId, file.name, file.size);
      this.check();
      write(this.key, {
        uploadId: view.id, mun, practiceId, name: file.name, size: file.size, lastModified: file.lastModified,
        startedAt: new Date().toISOString(),
      });
    }

    const { blockSize, blockCount } = view;
    const uploadId = /** @type {string} */ (view.id);
    const have = new Set(/** @type {number[]} */ (view.received));
    const sizeOf = (/** @type {number} */ i) => Math.min(blockSize, file.size - i * blockSize);
    this.sent = [...have].reduce((sum, i) => sum + sizeOf(i), 0);
    this.current = 0;
    if (this.sent > 0 && this.resumedAt === 0) this.resumedAt = this.sent;

    if (view.state !== 'complete') {
      for (let i = 0; i < blockCount; i++) {
        if (have.has(i)) continue;
        this.check();
        this.set('uploading', this.resumedAt > 0 && this.sent === this.resumedAt
          ? `Продолжаем с того места, где загрузка прервалась (${Math.floor((100 * this.sent) / file.size)} %).`
          : 'Загружается…');
        this.attempt = new AbortController();
        const attempt = this.attempt;
        const cancel = () => attempt.abort();
        this.controller.signal.addEventListener('abort', cancel, { once: true });
        try {
          await bankApi.sendBlock(mun, practiceId, uploadId, i, file.slice(i * blockSize, i * blockSize + sizeOf(i)), {
            signal: attempt.signal,
            onProgress: (n) => {
              this.current = n;
              this.measure();
              this.emit();
            },
          });
        } catch (e) {
          // 409: the session was refused or completed meanwhile (another tab); a status answer says which.
          if (e instanceof ApiError && e.status === 409) {
            const now = await bankApi.uploadStatus(mun, practiceId, uploadId);
            if (now.state !== 'complete') throw new ApiError(415, 'Файл не принят', e.detail);
            break;
          }
          throw e;
        } finally {
          this.controller.signal.removeEventListener('abort', cancel);
          this.current = 0;
        }
        this.sent += sizeOf(i);
        this.failures = 0;
        this.emit();
      }
    }

    this.check();
    this.set('completing', 'Файл получен, сервер проверяет его…');
    const done = await bankApi.completeUpload(mun, practiceId, uploadId);
    forget(this.key);
    this.sent = file.size;
    this.set('done', 'Загружен.');
    this.onDone(/** @type {PracticeFile} */ (done.file)); // a completed upload has its file
  }

  /** Updates the transfer rate from the last half-minute of progress. */
  measure() {
    const now = performance.now();
    this.samples.push([now, this.loaded]);
    while (this.samples.length > 2 && now - this.samples[0][0] > 30000) this.samples.shift();
    const [t0, b0] = this.samples[0];
    this.rate = now - t0 > 3000 ? ((this.loaded - b0) * 1000) / (now - t0) : 0;
  }

  /** @param {unknown} e */
  fail(e) {
    forget(this.key);
    const error = e instanceof ApiError ? e : null;
    // A refusal at the start names its reason in field errors (fileName, size); a content refusal in detail.
    const reasons = error ? Object.values(error.errors).flat() : [];
    const text = reasons.length > 0 ? reasons.join(' ') : error?.detail || error?.title || 'Не удалось загрузить файл.';
    this.samples = [];
    this.set(error && (error.status === 415 || error.status === 400) ? 'refused' : 'failed', text);
  }

  /**
   * Waits before the next try: until the connection returns when offline, else a growing pause.
   * @param {ApiError} error
   */
  async pause(error) {
    this.samples = [];
    this.rate = 0;
    await new Promise((/** @type {(v?: unknown) => void} */ resolve) => {
      /** @type {ReturnType<typeof setInterval> | undefined} */
      let tick;
      const done = () => {
        clearInterval(tick);
        window.removeEventListener('online', done);
        this.wake = null;
        resolve();
      };
      this.wake = done;
      window.addEventListener('online', done);
      if (!navigator.onLine) {
        this.set('offline', 'Нет связи. Загрузка продолжится сама, когда связь вернётся.');
        return;
      }
      let left = BACKOFF[Math.min(this.failures - 1, BACKOFF.length - 1)];
      const say = () => this.set('retrying', `${error.title}. Повторим через ${left} с.`);
      say();
      tick = setInterval(() => {
        left--;
        if (left <= 0) done();
        else say();
      }, 1000);
    });
  }
}
