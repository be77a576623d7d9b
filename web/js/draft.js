// @ts-check
// A school's sheet being edited: every change goes to localStorage at once (it survives a closed tab and a lost
// connection), then to the server after a short pause. Requests go one at a time, each with the ETag of the last
// answer; a stale ETag brings the other person's version back and the user decides — their input is never dropped.

import { api, ApiError } from './api.js';

/** Pause after the last change before saving to the server: fewer requests on a slow line. */
const SAVE_DELAY_MS = 1500;
/** Retry a failed save this long after a connection error, even without an `online` event. */
const RETRY_MS = 30000;
const KEY_PREFIX = 'methoddays:sheet-draft:';

/**
 * @typedef {{ values: Record<string, string>, baseEtag: string | null, templateVersion: string, dirty: boolean, savedAt: string }} LocalDraft
 * @typedef {'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error' | 'submitting'} SyncState
 * @typedef {{ state: SyncState, error?: ApiError, conflict?: any, at?: Date }} SyncEvent
 */

/**
 * @param {string} mun @param {string} school @param {string} month
 */
function keyFor(mun, school, month) {
  return `${KEY_PREFIX}${mun}:${school}:${month}`;
}

/**
 * Reads the device copy of a sheet, if any.
 * @param {string} mun @param {string} school @param {string} month
 * @returns {LocalDraft | null}
 */
export function readLocal(mun, school, month) {
  try {
    const text = localStorage.getItem(keyFor(mun, school, month));
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * A sheet view's ETag as the body carries it (a conflict's `current` has no header). The API writes `eTag`
 * (camelCase of ETag); `etag` is accepted too.
 * @param {any} view
 * @returns {string | null}
 */
export function etagOf(view) {
  return view?.eTag ?? view?.etag ?? null;
}

/**
 * @param {Record<string, string>} a
 * @param {Record<string, string>} b
 */
export function sameValues(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Edits of one school's sheet for one month, kept on the device and synchronised with the server. */
export class SheetDraft {
  /**
   * @param {{ mun: string, school: string, month: string, templateVersion: string, view: any, etag: string | null,
   *   onChange: (event: SyncEvent) => void }} options
   */
  constructor(options) {
    this.mun = options.mun;
    this.school = options.school;
    this.month = options.month;
    this.templateVersion = options.templateVersion;
    this.onChange = options.onChange;
    /** The last server view. */
    this.view = options.view;
    /** @type {string | null} */
    this.etag = options.etag;
    /** @type {Record<string, string>} */
    this.values = { ...(options.view.values ?? {}) };
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

  /**
   * Reconciles the device copy with the server's view when the page opens. Returns what happened, for a notice.
   * @returns {'none' | 'restored' | 'conflict'}
   */
  restore() {
    const local = readLocal(this.mun, this.school, this.month);
    if (!local || !local.dirty || local.templateVersion !== this.templateVersion) {
      if (local && !local.dirty) this.clearLocal();
      return 'none';
    }
    if (sameValues(local.values, this.values)) {
      // The last save reached the server but its answer did not reach us.
      this.clearLocal();
      return 'none';
    }
    this.values = { ...local.values };
    this.changeSeq = 1;
    if (local.baseEtag === this.etag) {
      // Unsent edits on top of what the server still has: send them.
      this.scheduleSave(0);
      return 'restored';
    }
    // The server copy moved on since these edits were made: let the user choose.
    this.conflict = this.view;
    this.emit({ state: 'conflict', conflict: this.view });
    return 'conflict';
  }

  /**
   * Sets or clears one answer.
   * @param {string} id
   * @param {string | null} value "2" | "1" | "0" | "na" | null
   */
  set(id, value) {
    if (value === null) delete this.values[id];
    else this.values[id] = value;
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

  /** Sends the current values as a draft (called through the chain only). */
  async save() {
    if (this.savedSeq >= this.changeSeq || this.conflict || this.state === 'submitting') return;
    if (!navigator.onLine) {
      this.emit({ state: 'offline' });
      return;
    }
    const seq = this.changeSeq;
    this.emit({ state: 'saving' });
    try {
      const { data, etag } = await api.saveDraft(this.mun, this.school, this.month, this.input(), this.etag);
      this.accept(data, etag);
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
   * Submits the sheet after any save in flight. Resolves with the new view; rejects with the ApiError
   * (400 with `values.<id>` errors when incomplete, 409 when someone else changed it).
   * @returns {Promise<any>}
   */
  submit() {
    clearTimeout(this.timer);
    const run = async () => {
      this.emit({ state: 'submitting' });
      const seq = this.changeSeq;
      try {
        const { data, etag } = await api.submit(this.mun, this.school, this.month, this.input(), this.etag);
        this.accept(data, etag);
        this.savedSeq = seq;
        this.saveLocal(this.changeSeq > seq);
        this.emit({ state: 'saved', at: new Date() });
        return data;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 409 || e.offline)) {
          this.fail(e);
        } else {
          // Refused (incomplete, invalid): the answers still go to the server as a draft.
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

  /** Conflict: keep this device's answers and save them over the server's version. */
  keepMine() {
    if (!this.conflict) return;
    this.etag = etagOf(this.conflict) ?? this.etag;
    this.view = this.conflict;
    this.conflict = null;
    this.changeSeq++;
    this.saveLocal(true);
    this.scheduleSave(0);
  }

  /** Conflict: drop this device's answers and take the server's. */
  takeServer() {
    if (!this.conflict) return;
    this.accept(this.conflict, etagOf(this.conflict));
    this.values = { ...(this.conflict.values ?? {}) };
    this.conflict = null;
    this.savedSeq = this.changeSeq;
    this.clearLocal();
    this.emit({ state: 'saved', at: new Date() });
  }

  /**
   * Replaces everything with a view the server produced elsewhere (start from previous month).
   * @param {any} view
   * @param {string | null} etag
   */
  reset(view, etag) {
    clearTimeout(this.timer);
    this.accept(view, etag);
    this.values = { ...(view.values ?? {}) };
    this.conflict = null;
    this.savedSeq = this.changeSeq;
    this.clearLocal();
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

  /** @returns {{ templateVersion: string, values: Record<string, string> }} */
  input() {
    return { templateVersion: this.templateVersion, values: { ...this.values } };
  }

  /**
   * @param {any} view
   * @param {string | null} etag
   */
  accept(view, etag) {
    this.view = view;
    this.etag = etag ?? etagOf(view);
  }

  /** @param {unknown} e */
  fail(e) {
    const error = e instanceof ApiError ? e : new ApiError(0, 'Не удалось сохранить', String(e));
    if (error.status === 409 && error.problem?.current) {
      this.conflict = error.problem.current;
      this.emit({ state: 'conflict', conflict: this.conflict, error });
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

  /** @param {boolean} dirty */
  saveLocal(dirty) {
    /** @type {LocalDraft} */
    const draft = {
      values: this.values, baseEtag: this.etag, templateVersion: this.templateVersion, dirty, savedAt: new Date().toISOString(),
    };
    try {
      localStorage.setItem(keyFor(this.mun, this.school, this.month), JSON.stringify(draft));
    } catch {
      // Storage full or disabled (private mode): the server copy is then the only one.
    }
  }

  clearLocal() {
    try {
      localStorage.removeItem(keyFor(this.mun, this.school, this.month));
    } catch { /* nothing to clear */ }
  }

  /** @param {SyncEvent} event */
  emit(event) {
    this.state = event.state;
    this.onChange(event);
  }
}
