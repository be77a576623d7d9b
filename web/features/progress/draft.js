// @ts-check
// A progress sheet being edited, kept on the device and synchronised with the server as every sheet is
// (draft-sync.js). When someone else saved first, the parts that do not clash merge by themselves; clashes wait for
// the user. Nothing typed is dropped.

import { progressApi } from './api.js';
import { canonical, copyContent, mergeSheets } from './content.js';
import { DraftSync, etagOf } from '../../js/draft-sync.js';

const KEY_PREFIX = 'methoddays:progress-draft:';

/**
 * @typedef {import('./content.js').Content} Content
 * @typedef {{ content: Content, base?: Content, baseEtag: string | null, templateVersion: string, dirty: boolean, savedAt: string }} LocalCopy
 * @typedef {import('../../js/draft-sync.js').SyncState} SyncState
 * @typedef {import('../../js/draft-sync.js').SyncEvent} SyncEvent
 */

/** One school's progress sheet for one month, on this device and on the server. */
export class ProgressDraft extends DraftSync {
  /** @param {import('../../js/draft-sync.js').DraftOptions} options */
  constructor(options) {
    super(options, KEY_PREFIX);
    /** @type {Content} */
    this.content = copyContent(options.view.sheet);
    /** The server's content this device's edits are based on (for merging with someone else's save). @type {Content | null} */
    this.base = copyContent(options.view.sheet);
    /** The last merge with someone else's version: parts taken from it, parts that clash. @type {ReturnType<typeof mergeSheets> | null} */
    this.merge = null;
  }

  /**
   * Reconciles the device copy with the server's sheet when the page opens.
   * @returns {'none' | 'restored' | 'conflict'}
   */
  restore() {
    /** @type {LocalCopy | null} */
    const local = this.readLocal();
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
    this.edited();
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

  /** @returns {import('./api.js').ProgressInput} */
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
  accept(view, etag, sentRequests = []) {
    super.accept(view, etag);
    this.base = copyContent(view.sheet);
    const stored = view.sheet?.requests ?? [];
    sentRequests.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
      if (!r.id && stored[i]?.id) r.id = stored[i].id;
    });
  }

  /** The request rows (objects of `content`) as they go out, so the server's ids can be given back to them. */
  sent() {
    return this.content.requests.slice();
  }

  /** @param {'draft' | 'submit'} kind @param {any} input */
  send(kind, input) {
    return kind === 'draft'
      ? progressApi.saveDraft(this.mun, this.school, this.month, input, this.etag)
      : progressApi.submit(this.mun, this.school, this.month, input, this.etag);
  }

  /** Someone else saved first: merge what does not clash. @param {any} current */
  conflicted(current) {
    this.meet(current, copyContent(current.sheet));
  }

  /** @param {boolean} dirty @returns {LocalCopy} */
  localCopy(dirty) {
    return {
      content: this.content, base: this.base ?? undefined, baseEtag: this.etag, templateVersion: this.templateVersion, dirty, savedAt: new Date().toISOString(),
    };
  }
}
