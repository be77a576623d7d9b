// @ts-check
// A progress sheet being edited, kept the way the self-assessment draft is (draft.js): every change goes to
// localStorage at once, then to the server after a pause, one request at a time with the ETag of the last answer.
// A stale ETag brings the other person's version back and the user decides; nothing typed is dropped.

import { ApiError } from './api.js';
import { progressApi } from './progress-api.js';
import { canonical, copyContent, mergeSheets } from './progress-content.js';

const SAVE_DELAY_MS = 1500;
const RETRY_MS = 30000;
const KEY_PREFIX = 'methoddays:progress-draft:';

/**
 * @typedef {import('./progress-content.js').Content} Content
 * @typedef {{ content: Content, base?: Content, baseEtag: string | null, templateVersion: string, dirty: boolean, savedAt: string }} LocalCopy
 * @typedef {import('./draft.js').SyncState | 'merged'} SyncState
 * @typedef {{ state: SyncState, error?: ApiError, conflict?: any, at?: Date }} SyncEvent
 */

/** @param {string} mun @param {string} school @param {string} month */
const keyFor = (mun, school, month) => `${KEY_PREFIX}${mun}:${school}:${month}`;

/** @param {any} view @returns {string | null} */
export const etagOf = (view) => view?.eTag ?? view?.etag ?? null;

/** One school's progress sheet for one month, on this device and on the server. */
export class ProgressDraft {
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
    this.view = options.view;
    /** @type {string | null} */
    this.etag = options.etag;
    /** @type {Content} */
    this.content = copyContent(options.view.sheet);
    /** The server's content this device's edits are based on (for merging with someone else's save). @type {Content | null} */
    this.base = copyContent(options.view.sheet);
    /** The last merge with someone else's version: parts taken from it, parts that clash. @type {ReturnType<typeof mergeSheets> | null} */
    this.merge = null;
    this.changeSeq = 0;
    this.savedSeq = 0;
    /** @type {any} */
    this.conflict = null;
    /** @type {SyncState} */
    this.state = 'idle';
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {Promise<unknown>} */
    this.chain = Promise.resolve();
    this.onOnline = () => this.scheduleSave(0);
    window.addEventListener('online', this.onOnline);
  }

  /**
   * Reconciles the device copy with the server's sheet when the page opens.
   * @returns {'none' | 'restored' | 'conflict'}
   */
  restore() {
    /** @type {LocalCopy | null} */
    let local = null;
    try {
      const stored = localStorage.getItem(keyFor(this.mun, this.school, this.month));
      local = stored ? JSON.parse(stored) : null;
    } catch {
      local = null;
    }
    if (!local || !local.dirty || local.templateVersion !== this.templateVersion) {
      if (local && !local.dirty) this.clearLocal();
      return 'none';
    }
    if (canonical(local.content) === canonical(this.content)) {
      // The last save reached the server but its answer did not reach us.
      this.clearLocal();
      return 'none';
    }
    const server = this.content;
    this.content = copyContent(local.content);
    this.base = local.base ? copyContent(local.base) : null;
    this.changeSeq = 1;
    if (local.baseEtag === this.etag) {
      this.scheduleSave(0);
      return 'restored';
    }
    return this.meet(this.view, server) ? 'restored' : 'conflict';
  }

  /**
   * The server's sheet moved on since this device's edits: merge what does not clash; clashes wait for the user.
   * @param {any} current the server's view
   * @param {Content} theirs its content
   * @returns {boolean} true when merged without a clash (and the merge is on its way to the server)
   */
  meet(current, theirs) {
    const merged = mergeSheets(this.base, this.content, theirs);
    this.merge = merged;
    if (merged.clashes.length === 0) {
      this.content = merged.content;
      this.view = current;
      this.etag = etagOf(current);
      this.base = copyContent(current.sheet);
      this.changeSeq++;
      this.saveLocal(true);
      this.emit({ state: 'merged', conflict: current });
      this.scheduleSave(0);
      return true;
    }
    this.conflict = current;
    this.emit({ state: 'conflict', conflict: current });
    return false;
  }

  /** The form changed `content` in place: keep it on the device now, on the server after a pause. */
  changed() {
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

  async save() {
    if (this.savedSeq >= this.changeSeq || this.conflict || this.state === 'submitting') return;
    if (!navigator.onLine) {
      this.emit({ state: 'offline' });
      return;
    }
    const seq = this.changeSeq;
    const requests = this.content.requests.slice();
    this.emit({ state: 'saving' });
    try {
      const { data, etag } = await progressApi.saveDraft(this.mun, this.school, this.month, this.input(), this.etag);
      this.accept(data, etag, requests);
      this.savedSeq = seq;
      this.saveLocal(this.changeSeq > seq);
      this.emit({ state: 'saved', at: new Date() });
      if (this.changeSeq > seq) this.scheduleSave(SAVE_DELAY_MS);
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * Submits after any save in flight; resolves with the new view, rejects with the ApiError (400 with field
   * errors such as `days[0].date`, 409 when someone else changed the sheet, status 0 offline).
   * @returns {Promise<any>}
   */
  submit() {
    clearTimeout(this.timer);
    const run = async () => {
      this.emit({ state: 'submitting' });
      const seq = this.changeSeq;
      const requests = this.content.requests.slice();
      try {
        const { data, etag } = await progressApi.submit(this.mun, this.school, this.month, this.input(), this.etag);
        this.accept(data, etag, requests);
        this.savedSeq = seq;
        this.saveLocal(this.changeSeq > seq);
        this.emit({ state: 'saved', at: new Date() });
        return data;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 409 || e.offline)) {
          this.fail(e);
        } else {
          // Refused (incomplete): what was typed still goes to the server as a draft.
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

  /** Conflict: keep this device's sheet and save it over the server's version. */
  keepMine() {
    if (!this.conflict) return;
    this.etag = etagOf(this.conflict) ?? this.etag;
    this.view = this.conflict;
    if (this.merge) this.content = this.merge.content;
    this.base = copyContent(this.conflict.sheet);
    this.conflict = null;
    this.changeSeq++;
    this.saveLocal(true);
    this.scheduleSave(0);
  }

  /** Conflict: drop this device's sheet and take the server's. */
  takeServer() {
    if (!this.conflict) return;
    this.view = this.conflict;
    this.etag = etagOf(this.conflict);
    this.content = copyContent(this.conflict.sheet);
    this.base = copyContent(this.conflict.sheet);
    this.conflict = null;
    this.savedSeq = this.changeSeq;
    this.clearLocal();
    this.emit({ state: 'saved', at: new Date() });
  }

  get unsaved() {
    return this.savedSeq < this.changeSeq;
  }

  dispose() {
    clearTimeout(this.timer);
    window.removeEventListener('online', this.onOnline);
    if (this.unsaved && !this.conflict && navigator.onLine) {
      this.chain = this.chain.then(() => this.save());
    }
  }

  /** @returns {import('./progress-api.js').ProgressInput} */
  input() {
    const c = this.content;
    return {
      templateVersion: this.templateVersion,
      days: c.days.map((d) => ({
        date: d.date || null, form: d.form || null, formOther: d.form === 'other' ? d.formOther ?? null : null, topic: d.topic ?? null,
        sharePercent: d.sharePercent === '' || d.sharePercent === undefined ? null : d.sharePercent,
      })),
      noDays: c.noDays,
      noDaysReason: c.noDaysReason,
      decisions: [...c.decisions],
      difficulties: c.difficulties,
      requests: c.requests.map((r) => ({ id: r.id ?? null, topic: r.topic ?? null, text: r.text ?? null })),
      teachers: c.teachers.map((t) => ({
        personId: t.personId || null, name: t.personId ? null : t.name ?? null, practice: t.practice ?? null, stage: t.stage || null, help: t.help ?? null,
      })),
    };
  }

  /**
   * Takes the server's answer. New requests get the ids the server gave them, so a plan item made from a request
   * keeps pointing at it after the school edits the text.
   * @param {any} view
   * @param {string | null} etag
   * @param {any[]} sentRequests the request rows (objects of `content`) that went with the request
   */
  accept(view, etag, sentRequests) {
    this.view = view;
    this.etag = etag ?? etagOf(view);
    this.base = copyContent(view.sheet);
    const stored = view.sheet?.requests ?? [];
    sentRequests.forEach((r, i) => {
      if (!r.id && stored[i]?.id) r.id = stored[i].id;
    });
  }

  /** @param {unknown} e */
  fail(e) {
    const error = e instanceof ApiError ? e : new ApiError(0, 'Не удалось сохранить', String(e));
    if (error.status === 409 && error.problem?.current) {
      this.meet(error.problem.current, copyContent(error.problem.current.sheet));
      return;
    }
    const transient = error.offline || error.status >= 500 || error.status === 429;
    this.emit({ state: error.offline ? 'offline' : 'error', error });
    if (transient) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.chain = this.chain.then(() => this.save()); }, RETRY_MS);
    }
  }

  /** @param {boolean} dirty */
  saveLocal(dirty) {
    /** @type {LocalCopy} */
    const copy = {
      content: this.content, base: this.base ?? undefined, baseEtag: this.etag, templateVersion: this.templateVersion, dirty, savedAt: new Date().toISOString(),
    };
    try {
      localStorage.setItem(keyFor(this.mun, this.school, this.month), JSON.stringify(copy));
    } catch {
      // Storage full or disabled: the server copy is then the only one.
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
