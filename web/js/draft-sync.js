// @ts-check
// What every sheet edited on the page shares (the self-assessment sheet, draft.js; the progress sheet,
// progress-draft.js): every change goes to localStorage at once (it survives a closed tab and a lost connection),
// then to the server after a short pause. Requests go one at a time, each with the ETag of the last answer; a stale
// ETag brings the other person's version back and the subclass decides what to do with it — input is never dropped.

import { ApiError } from './api.js';

/** Pause after the last change before saving to the server: fewer requests on a slow line. */
export const SAVE_DELAY_MS = 1500;
/** Retry a failed save this long after a connection error, even without an `online` event. */
const RETRY_MS = 30000;

/**
 * @typedef {'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error' | 'submitting'} SyncState
 * @typedef {{ state: SyncState, error?: ApiError, conflict?: any, at?: Date }} SyncEvent
 * @typedef {{ mun: string, school: string, month: string, templateVersion: string, view: any, etag: string | null,
 *   onChange: (event: SyncEvent) => void }} DraftOptions
 */

/**
 * A view's ETag as the body carries it (a conflict's `current` has no header). The API writes `eTag` (camelCase of
 * ETag); `etag` is accepted too.
 * @param {any} view
 * @returns {string | null}
 */
export function etagOf(view) {
  return view?.eTag ?? view?.etag ?? null;
}

/**
 * One school's sheet for one month, on this device and on the server. Subclasses say what the sheet holds:
 * `input()` (the request body), `send(kind, input)` (the API call), `accept(view, etag, sent)` (take the server's
 * answer), `localCopy(dirty)` (what goes to localStorage) and `conflicted(current, error)` (someone else saved first).
 */
export class DraftSync {
  /**
   * @param {DraftOptions} options
   * @param {string} keyPrefix localStorage key prefix of this kind of sheet
   */
  constructor(options, keyPrefix) {
    this.mun = options.mun;
    this.school = options.school;
    this.month = options.month;
    this.templateVersion = options.templateVersion;
    this.onChange = options.onChange;
    this.key = `${keyPrefix}${options.mun}:${options.school}:${options.month}`;
    /** The last server view. */
    this.view = options.view;
    /** @type {string | null} */
    this.etag = options.etag;
    /** Changes made since the page opened; a save knows which ones it carried. */
    this.changeSeq = 0;
    this.savedSeq = 0;
    /** @type {any} The server's view when a save met someone else's change. */
    this.conflict = null;
    /** @type {SyncState} */
    this.state = 'idle';
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** One request at a time. @type {Promise<unknown>} */
    this.chain = Promise.resolve();
    this.onOnline = () => this.scheduleSave(0);
    window.addEventListener('online', this.onOnline);
  }

  /** @returns {any} the request body */
  input() {
    throw new Error('input() is the subclass’s');
  }

  /**
   * @param {'draft' | 'submit'} kind
   * @param {any} input
   * @returns {Promise<{ data: any, etag: string | null }>}
   */
  send(kind, input) {
    throw new Error('send() is the subclass’s');
  }

  /**
   * What the subclass needs to remember of the content as it was sent (taken just before the request).
   * @returns {any}
   */
  sent() {
    return undefined;
  }

  /**
   * Takes the server's answer.
   * @param {any} view @param {string | null} etag @param {any} [sent] what `sent()` returned for this request
   */
  accept(view, etag, sent) {
    this.view = view;
    this.etag = etag ?? etagOf(view);
  }

  /**
   * Someone else saved first (409 with their version): by default wait for the user.
   * @param {any} current @param {ApiError} error
   */
  conflicted(current, error) {
    this.conflict = current;
    this.emit({ state: 'conflict', conflict: current, error });
  }

  /**
   * @param {boolean} dirty
   * @returns {object} what goes to localStorage
   */
  localCopy(dirty) {
    throw new Error('localCopy() is the subclass’s');
  }

  /** The content changed: keep it on the device now, on the server after a pause. */
  edited() {
    this.changeSeq++;
    this.saveLocal(true);
    if (this.conflict) {
      this.emit({ state: 'conflict', conflict: this.conflict });
      return;
    }
    this.scheduleSave(SAVE_DELAY_MS);
  }

  /** @param {number} delay */
  scheduleSave(delay) {
    clearTimeout(this.timer);
    if (this.savedSeq >= this.changeSeq || this.conflict) return;
    this.emit({ state: 'pending' });
    this.timer = setTimeout(() => {
      this.chain = this.chain.then(() => this.save());
    }, delay);
  }

  /** Sends the current content as a draft (called through the chain only). */
  async save() {
    if (this.savedSeq >= this.changeSeq || this.conflict || this.state === 'submitting') return;
    if (!navigator.onLine) {
      this.emit({ state: 'offline' });
      return;
    }
    const seq = this.changeSeq;
    const sent = this.sent();
    this.emit({ state: 'saving' });
    try {
      const { data, etag } = await this.send('draft', this.input());
      this.accept(data, etag, sent);
      this.savedSeq = seq;
      // Edits made while the request was on its way stay dirty and go with the next save.
      this.saveLocal(this.changeSeq > seq);
      this.emit({ state: 'saved', at: new Date() });
      if (this.changeSeq > seq) this.scheduleSave(SAVE_DELAY_MS);
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * Submits after any save in flight. Resolves with the new view; rejects with the ApiError (400 with field errors
   * when incomplete or invalid, 409 when someone else changed the sheet, status 0 offline).
   * @returns {Promise<any>}
   */
  submit() {
    clearTimeout(this.timer);
    const run = async () => {
      this.emit({ state: 'submitting' });
      const seq = this.changeSeq;
      const sent = this.sent();
      try {
        const { data, etag } = await this.send('submit', this.input());
        this.accept(data, etag, sent);
        this.savedSeq = seq;
        this.saveLocal(this.changeSeq > seq);
        this.emit({ state: 'saved', at: new Date() });
        return data;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 409 || e.offline)) {
          this.fail(e);
        } else {
          // Refused (incomplete, invalid): what was entered still goes to the server as a draft.
          this.emit({ state: 'idle' });
          this.scheduleSave(0);
        }
        throw e;
      }
    };
    const result = this.chain.then(run);
    this.chain = result.catch(() => {});
    return result;
  }

  /** True while some edit is only on this device. */
  get unsaved() {
    return this.savedSeq < this.changeSeq;
  }

  /** Leaving the sheet: send a pending change now rather than after the pause (it is on the device either way). */
  dispose() {
    clearTimeout(this.timer);
    window.removeEventListener('online', this.onOnline);
    if (this.unsaved && !this.conflict && navigator.onLine) {
      this.chain = this.chain.then(() => this.save());
    }
  }

  /** @param {unknown} e */
  fail(e) {
    const error = e instanceof ApiError ? e : new ApiError(0, 'Не удалось сохранить', String(e));
    if (error.status === 409 && error.problem?.current) {
      this.conflicted(error.problem.current, error);
      return;
    }
    // No connection, or the server is briefly unavailable (503 with Retry-After): try again by itself.
    const transient = error.offline || error.status >= 500 || error.status === 429;
    this.emit({ state: error.offline ? 'offline' : 'error', error });
    if (transient) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.chain = this.chain.then(() => this.save()); }, RETRY_MS);
    }
  }

  /** @returns {any} the device copy, if any */
  readLocal() {
    try {
      const text = localStorage.getItem(this.key);
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }

  /** @param {boolean} dirty */
  saveLocal(dirty) {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.localCopy(dirty)));
    } catch {
      // Storage full or disabled (private mode): the server copy is then the only one.
    }
  }

  clearLocal() {
    try {
      localStorage.removeItem(this.key);
    } catch { /* nothing to clear */ }
  }

  /** @param {SyncEvent} event */
  emit(event) {
    this.state = event.state;
    this.onChange(event);
  }
}

/**
 * Loads what a sheet page shows: the month's view with its ETag, the template it was filled in, and — for readers
 * while the school edits again, or when a revision is asked for — the submitted revision (and its template).
 * @param {{ sheet: () => Promise<{ data: any, etag: string | null }>, template: (version: string) => Promise<any>,
 *   revision: (number: number) => Promise<any> }} source
 * @param {number | null} askedRevision
 * @returns {Promise<{ view: any, etag: string | null, template: any, shown: any }>}
 */
export async function loadSheet(source, askedRevision) {
  const [answer, current] = await Promise.all([source.sheet(), source.template('current')]);
  const view = answer.data;
  const etag = answer.etag ?? etagOf(view);
  let template = view.templateVersion === current.version ? current : await source.template(view.templateVersion);
  // Readers see what was submitted: a chosen revision, or the last one while the school edits the sheet again.
  const wanted = askedRevision ?? (!view.can.edit && view.status === 'changed' ? view.revision : null);
  let shown = null;
  if (wanted) {
    shown = await source.revision(wanted);
    if (shown.templateVersion !== template.version) template = await source.template(shown.templateVersion);
  }
  return { view, etag, template, shown };
}
