// @ts-check
// A school's self-assessment sheet being edited: the answers, kept on the device and synchronised with the server
// as every sheet is (draft-sync.js). Each save names the indicators it changed with the answers it started from
// (`base`), so when someone else saved meanwhile the server merges indicator by indicator; only an indicator both
// answered differently waits for the user's choice.

import { api } from '../../js/api.js';
import { DraftSync, etagOf } from '../../js/draft-sync.js';

const KEY_PREFIX = 'methoddays:sheet-draft:';

/**
 * @typedef {Record<string, string>} Values
 * @typedef {{ values: Values, base?: Values | null, baseEtag: string | null, templateVersion: string, dirty: boolean, savedAt: string }} LocalDraft
 * @typedef {{ key: string, yours: string | null, theirs: string | null, changedBy: { personId: string, name: string } | null }} FieldConflict
 * @typedef {import('../../js/draft-sync.js').SyncState} SyncState
 * @typedef {import('../../js/draft-sync.js').SyncEvent} SyncEvent
 */

/**
 * @param {Values} a
 * @param {Values} b
 */
export function sameValues(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** @param {...Values} all */
const idsOf = (...all) => new Set(all.flatMap((v) => Object.keys(v)));

/** Edits of one school's sheet for one month, kept on the device and synchronised with the server. */
export class SheetDraft extends DraftSync {
  /** @param {import('../../js/draft-sync.js').DraftOptions} options */
  constructor(options) {
    super(options, KEY_PREFIX);
    /** @type {Values} */
    this.values = { ...(options.view.values ?? {}) };
    /** The server's answers these edits started from (null: unknown, an old device copy). @type {Values | null} */
    this.base = { ...this.values };
    /** Indicators the last answer from the server brought in (someone else's answers). @type {string[]} */
    this.taken = [];
    /** The indicators both changed differently, waiting for the user (with `conflict`, the server's view). @type {FieldConflict[]} */
    this.pending = [];
    /** @type {string | null} */
    this.conflictEtag = null;
  }

  /**
   * Reconciles the device copy with the server's view when the page opens: unsent answers go to the server with
   * the answers they started from, so whatever others saved meanwhile is merged, not overwritten.
   * @returns {'none' | 'restored'}
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
    if (local.baseEtag !== /** @type {DraftSync} */ (this).etag) {
      // The server moved on: send against the version the edits started from; the server merges them.
      this.etag = local.baseEtag;
      this.base = local.base ? { ...local.base } : null;
    } else if (local.base) {
      this.base = { ...local.base };
    }
    this.scheduleSave(0);
    return 'restored';
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

  /**
   * Someone else saved first (409). Their answers to indicators this device did not change are shown at once; the
   * indicators both changed differently wait for `resolve`.
   * @param {any} current the server's view
   * @param {import('../../js/api.js').ApiError} error
   */
  conflicted(current, error) {
    const theirs = /** @type {Values} */ (current.values ?? {});
    this.taken = [];
    if (this.base) {
      for (const id of idsOf(this.base, theirs)) {
        if (this.values[id] === this.base[id] && theirs[id] !== this.values[id]) this.put(id, theirs[id]);
      }
    }
    this.pending = /** @type {FieldConflict[]} */ (error.problem?.conflicts ?? []);
    this.conflictEtag = /** @type {string | undefined} */ (error.problem?.etag) ?? etagOf(current);
    this.saveLocal(true);
    if (this.pending.length === 0) {
      this.conflict = current;
      this.resolve({});
      return;
    }
    super.conflicted(current, error);
  }

  /**
   * The user chose for every conflicting indicator (true: keep mine). The edits now start from the server's
   * current version and go to the server.
   * @param {Record<string, boolean>} keepMine
   */
  resolve(keepMine) {
    const current = this.conflict;
    if (!current) return;
    const pending = this.pending;
    const taken = this.taken;
    this.accept(current, this.conflictEtag);
    this.taken = taken;
    const theirs = /** @type {Values} */ (current.values ?? {});
    for (const c of pending) {
      if (!keepMine[c.key]) this.put(c.key, theirs[c.key]);
    }
    this.conflict = null;
    this.pending = [];
    this.changeSeq++;
    this.saveLocal(true);
    this.scheduleSave(0);
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

  /**
   * Takes the server's answer: the base is now what the server holds; indicators the server has differently
   * from what was sent (someone else's, merged in) are shown, unless the user changed them since.
   * @param {any} view @param {string | null} etag @param {Values} [sent] the answers as they were sent
   */
  accept(view, etag, sent) {
    super.accept(view, etag);
    const server = /** @type {Values} */ (view.values ?? {});
    this.taken = [];
    if (sent) {
      for (const id of idsOf(server, sent)) {
        if (server[id] !== sent[id] && this.values[id] === sent[id]) this.put(id, server[id]);
      }
    }
    this.base = { ...server };
  }

  /** @param {string} id @param {string | undefined} value an answer from the server */
  put(id, value) {
    if (value === undefined) delete this.values[id];
    else this.values[id] = value;
    this.taken.push(id);
  }

  sent() {
    return { ...this.values };
  }

  /** @returns {{ templateVersion: string, values: Values, base?: Record<string, string | null> }} */
  input() {
    const { base, values } = this;
    if (!base) return { templateVersion: this.templateVersion, values: { ...values } };
    /** @type {Record<string, string | null>} */
    const changed = {};
    for (const id of idsOf(base, values)) {
      if (base[id] !== values[id]) changed[id] = base[id] ?? null;
    }
    return { templateVersion: this.templateVersion, values: { ...values }, base: changed };
  }

  /** @param {'draft' | 'submit'} kind @param {any} input */
  send(kind, input) {
    return kind === 'draft'
      ? api.saveDraft(this.mun, this.school, this.month, input, this.etag)
      : api.submit(this.mun, this.school, this.month, input, this.etag);
  }

  /** @param {boolean} dirty @returns {LocalDraft} */
  localCopy(dirty) {
    return { values: this.values, base: this.base, baseEtag: this.etag, templateVersion: this.templateVersion, dirty, savedAt: new Date().toISOString() };
  }
}
