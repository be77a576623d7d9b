// @ts-check
// A school's self-assessment sheet being edited: the answers, kept on the device and synchronised with the server
// as every sheet is (draft-sync.js). When someone else saved first, the user chooses whose answers stay.

import { api } from '../../js/api.js';
import { DraftSync, etagOf } from '../../js/draft-sync.js';

const KEY_PREFIX = 'methoddays:sheet-draft:';

/**
 * @typedef {{ values: Record<string, string>, baseEtag: string | null, templateVersion: string, dirty: boolean, savedAt: string }} LocalDraft
 * @typedef {import('../../js/draft-sync.js').SyncState} SyncState
 * @typedef {import('../../js/draft-sync.js').SyncEvent} SyncEvent
 */

/**
 * @param {Record<string, string>} a
 * @param {Record<string, string>} b
 */
export function sameValues(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Edits of one school's sheet for one month, kept on the device and synchronised with the server. */
export class SheetDraft extends DraftSync {
  /** @param {import('../../js/draft-sync.js').DraftOptions} options */
  constructor(options) {
    super(options, KEY_PREFIX);
    /** @type {Record<string, string>} */
    this.values = { ...(options.view.values ?? {}) };
  }

  /**
   * Reconciles the device copy with the server's view when the page opens. Returns what happened, for a notice.
   * @returns {'none' | 'restored' | 'conflict'}
   */
  restore() {
    /** @type {LocalDraft | null} */
    const local = this.readLocal();
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
    this.edited();
  }

  /** Conflict: keep this device's answers and save them over the server's version. */
  keepMine() {
    if (!this.conflict) return;
    const etag = etagOf(this.conflict);
    if (etag) this.etag = etag;
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

  /** @returns {{ templateVersion: string, values: Record<string, string> }} */
  input() {
    return { templateVersion: this.templateVersion, values: { ...this.values } };
  }

  /** @param {'draft' | 'submit'} kind @param {any} input */
  send(kind, input) {
    return kind === 'draft'
      ? api.saveDraft(this.mun, this.school, this.month, input, this.etag)
      : api.submit(this.mun, this.school, this.month, input, this.etag);
  }

  /** @param {boolean} dirty @returns {LocalDraft} */
  localCopy(dirty) {
    return { values: this.values, baseEtag: this.etag, templateVersion: this.templateVersion, dirty, savedAt: new Date().toISOString() };
  }
}
