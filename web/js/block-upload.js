// @ts-check
// Resumable uploads in 4 MiB blocks, shared by the practice bank's files and a visit's documents: each feature gives
// the four requests of its upload API (start, status, block, complete) and a scope its sessions are kept under;
// uploadRow draws one file's progress (percent, MB of MB, time left), cancel and retry, and a refusal's reason.
// Loaded only with the pages that upload (not on the first screen).
//
// A file is never read whole: each block is a File.slice the browser reads as it sends. The server's upload
// session id is kept in localStorage under the scope, file name and size, so after a dropped connection, a
// reload or a closed tab the server is asked which blocks it has and only the rest are sent. Failures that a
// retry can cure (no connection, a stalled line, 5xx, 429, a block cut short) are retried with a growing pause;
// while the device is offline the upload waits for the connection to return. Refusals (415: an executable, an
// archive, a renamed file; 400: a forbidden extension or size) stop the file with the server's Russian reason.
// One file uploads at a time for the whole page: on a slow line parallel uploads only share the bandwidth.

import { ApiError } from './api.js';
import { bytesOf, formatBytes, formatDuration } from './bytes.js';
import { el } from './dom.js';

const KEY = 'methoddays:upload:';

/** Pause before the n-th retry in a row, in seconds. */
const BACKOFF = [2, 5, 10, 20, 30, 60];

/**
 * @typedef {{ uploadId: string, scope: string, name: string, size: number, lastModified: number, startedAt: string,
 *   key?: string }} UploadSession
 * @typedef {'waiting' | 'starting' | 'uploading' | 'retrying' | 'offline' | 'completing' | 'done' | 'refused' | 'failed'
 *   | 'cancelled'} UploadState
 * @typedef {{ id: string | null, blockSize: number, blockCount: number, received: number[], state: string, file?: unknown }} BlockUploadView
 *   an upload as the server answers: the blocks it has; `file` once complete
 * @typedef {{ signal: AbortSignal, onProgress: (loaded: number) => void }} BlockOptions
 * @typedef {{
 *   start: () => Promise<BlockUploadView>,
 *   status: (uploadId: string) => Promise<BlockUploadView>,
 *   sendBlock: (uploadId: string, index: number, bytes: Blob, options: BlockOptions) => Promise<unknown>,
 *   complete: (uploadId: string) => Promise<BlockUploadView>,
 * }} BlockEndpoints the four requests of a feature's upload API, bound to its file and place
 * @typedef {{ scope: string, file: File, endpoints: BlockEndpoints, onDone: (view: BlockUploadView) => void }} UploadOptions
 */

/** @param {string} scope @param {string} name @param {number} size */
const keyOf = (scope, name, size) => `${KEY}${scope}:${size}:${name}`;

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
 * Uploads of a scope started on this page (not yet finished, or finished with a refusal to show).
 * @param {string} scope
 */
export function tasksFor(scope) {
  return tasks.filter((t) => t.scope === scope && t.state !== 'done' && t.state !== 'cancelled');
}

/**
 * Uploads of a scope left unfinished on this device (a reload, a closed tab, a crash): to continue one, the person
 * picks the same file again.
 * @param {string} scope
 * @returns {UploadSession[]}
 */
export function unfinished(scope) {
  const prefix = `${KEY}${scope}:`;
  /** @type {UploadSession[]} */
  const found = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(prefix)) continue;
      const session = read(key);
      if (session && !tasks.some((t) => t.key === key && t.state !== 'cancelled' && t.state !== 'done')) found.push({ ...session, key });
    }
  } catch { /* storage unavailable */ }
  return found;
}

/** Drops a session left on this device (the person does not want to continue it). @param {UploadSession} s */
export function discard(s) {
  forget(s.key ?? keyOf(s.scope, s.name, s.size));
}

/**
 * The notice of an upload left unfinished on this device: its file, how to go on, and «Не продолжать». Given how to
 * ask the server, it then says how far the upload got (or drops the notice when the server no longer has it open).
 * @param {UploadSession} s
 * @param {((uploadId: string) => Promise<BlockUploadView>) | null} status
 * @returns {HTMLElement}
 */
export function unfinishedNote(s, status) {
  const note = el('div', 'notice small');
  note.setAttribute('role', 'status');
  const again = 'Выберите этот файл ещё раз — загрузка продолжится с того же места.';
  const text = el('p', undefined, `Загрузка файла «${s.name}» (${formatBytes(s.size)}) не закончена. ${again}`);
  const forget = el('button', 'button secondary', 'Не продолжать');
  forget.type = 'button';
  forget.setAttribute('aria-label', `Не продолжать загрузку «${s.name}»`);
  forget.addEventListener('click', () => {
    discard(s);
    note.remove();
  });
  note.append(text, forget);
  status?.(s.uploadId).then((u) => {
    if (u.state !== 'open') {
      discard(s);
      note.remove();
      return;
    }
    const done = Math.min(s.size, u.received.length * u.blockSize);
    text.textContent = `Загрузка файла «${s.name}» остановилась на ${Math.floor((100 * done) / s.size)} % (${bytesOf(done, s.size)}). ${again}`;
  }).catch(() => { /* the first wording still holds */ });
  return note;
}

/**
 * Queues a file for upload.
 * @param {UploadOptions} options
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

/** One file on its way. */
export class UploadTask {
  /** @param {UploadOptions} options */
  constructor(options) {
    this.scope = options.scope;
    this.file = options.file;
    this.endpoints = options.endpoints;
    this.onDone = options.onDone;
    this.key = keyOf(this.scope, this.file.name, this.file.size);
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
    const { scope, file, endpoints } = this;
    this.set('starting', this.failures > 0 ? 'Спрашиваем сервер, какие части файла уже получены…' : 'Начинаем загрузку…');
    let session = read(this.key);
    if (session && session.lastModified !== file.lastModified) {
      // Same name and size but another file: its earlier parts would not fit.
      forget(this.key);
      session = null;
    }
    /** @type {BlockUploadView | null} */
    let view = null;
    if (session) {
      try {
        view = await endpoints.status(session.uploadId);
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 403)) throw e;
      }
      if (!view || view.state === 'refused') {
        forget(this.key);
        view = null;
      }
    }
    if (!view) {
      view = await endpoints.start();
      this.check();
      write(this.key, {
        uploadId: /** @type {string} */ (view.id), scope, name: file.name, size: file.size, lastModified: file.lastModified,
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
          await endpoints.sendBlock(uploadId, i, file.slice(i * blockSize, i * blockSize + sizeOf(i)), {
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
            const now = await endpoints.status(uploadId);
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
    const done = await endpoints.complete(uploadId);
    forget(this.key);
    this.sent = file.size;
    this.set('done', 'Загружен.');
    this.onDone(done); // a completed upload has its file
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

/**
 * One file's upload as a list item: its name and size, a progress bar, «37 % · 1,5 из 4,0 МБ · осталось ≈ 20 с», what
 * is happening (or why the file was refused), «Повторить сейчас» while waiting to retry, «Отменить». The item goes
 * away once the file is uploaded or cancelled; a refusal stays until «Понятно».
 * @param {UploadTask} task
 * @param {(() => void)[]} unsubscribe receives the function that stops drawing
 */
export function uploadRow(task, unsubscribe) {
  const root = el('li', 'upload');
  const name = el('p', 'upload-name');
  const bar = el('progress');
  bar.max = 100;
  bar.value = 0;
  const figures = el('p', 'upload-figures');
  const message = el('p', 'upload-message');
  message.setAttribute('role', 'status');
  const actions = el('div', 'actions');
  const retry = el('button', 'button secondary', 'Повторить сейчас');
  retry.type = 'button';
  retry.hidden = true;
  const cancel = el('button', 'button secondary', 'Отменить');
  cancel.type = 'button';
  actions.append(retry, cancel);
  name.append(el('span', '', task.file.name), ' ', el('span', 'muted small', formatBytes(task.total)));
  root.append(name, bar, figures, message, actions);
  const refs = { bar, figures, message, retry, cancel };
  refs.bar.setAttribute('aria-label', `Загрузка файла «${task.file.name}»`);
  refs.cancel.setAttribute('aria-label', `Отменить загрузку «${task.file.name}»`);
  refs.cancel.addEventListener('click', () => task.cancel());
  refs.retry.addEventListener('click', () => task.retryNow());
  let lastState = '';
  const draw = () => {
    const pct = Math.floor((100 * task.loaded) / task.total);
    refs.bar.value = pct;
    const left = task.rate > 0 && task.state === 'uploading' ? ` · осталось ${formatDuration((task.total - task.loaded) / task.rate)}` : '';
    refs.figures.textContent = `${pct} % · ${bytesOf(task.loaded, task.total)}${left}`;
    if (task.message !== refs.message.textContent) refs.message.textContent = task.message;
    if (task.state !== lastState) {
      lastState = task.state;
      root.className = `upload ${task.state}`;
      const stopped = task.state === 'refused' || task.state === 'failed';
      refs.message.setAttribute('role', stopped ? 'alert' : 'status');
      refs.retry.hidden = task.state !== 'retrying';
      refs.cancel.hidden = !task.active;
      if (stopped) {
        const dismiss = el('button', 'button secondary', 'Понятно');
        dismiss.type = 'button';
        dismiss.addEventListener('click', () => {
          task.state = 'cancelled';
          root.remove();
        });
        refs.cancel.after(dismiss);
      }
      if (task.state === 'done' || task.state === 'cancelled') root.remove();
    }
  };
  unsubscribe.push(task.subscribe(draw));
  draw();
  return root;
}
