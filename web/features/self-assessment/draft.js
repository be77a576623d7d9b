// @ts-check
// A school's self-assessment sheet being edited: the answers, kept on the device and synchronised with the server
// as every sheet is (draft-sync.js). Each save names the indicators it changed with the answers it started from
// (`base`), so when someone else saved meanwhile the server merges indicator by indicator; only an indicator both
// answered differently waits for the user's choice.

import { api } from '../../js/api.js';
import { FieldDraft } from '../../js/draft-sync.js';

const KEY_PREFIX = 'methoddays:sheet-draft:';

/**
 * @typedef {import('./types.js').Values} Values
 * @typedef {import('./types.js').SheetView} SheetView
 * @typedef {import('../../js/api.js').SheetInput} SheetInput
 * @typedef {import('../../js/draft-sync.js').FieldConflict<string>} FieldConflict
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

/** The answers, indicator by indicator. @type {import('../../js/draft-sync.js').FieldModel<Values, string, SheetView>} */
const answers = {
  of: (view) => ({ ...(view.values ?? {}) }),
  copy: (values) => ({ ...values }),
  fields: (...all) => new Set(all.flatMap((v) => Object.keys(v))),
  same: (a, b, id) => a[id] === b[id],
  take: (to, from, id) => {
    if (from[id] === undefined) delete to[id];
    else to[id] = from[id];
  },
  baseOf: (base, id) => base[id] ?? null,
  equal: sameValues,
};

/**
 * Edits of one school's sheet for one month, kept on the device and synchronised with the server.
 * @extends {FieldDraft<Values, string, SheetView, SheetInput>}
 */
export class SheetDraft extends FieldDraft {
  /** @param {import('../../js/draft-sync.js').DraftOptions<SheetView>} options */
  constructor(options) {
    super(options, KEY_PREFIX, answers, 'values');
  }

  /** The answers (indicator id → "2" | "1" | "0" | "na"). */
  get values() {
    return this.content;
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
   * Replaces everything with a view the server produced elsewhere (start from previous month).
   * @param {SheetView} view
   * @param {string | null} etag
   */
  reset(view, etag) {
    clearTimeout(this.timer);
    this.accept(view, etag);
    this.content = { ...(view.values ?? {}) };
    this.conflict = null;
    this.savedSeq = this.changeSeq;
    this.clearLocal();
  }

  /** @returns {SheetInput} */
  input() {
    const base = /** @type {Record<string, string | null> | null} */ (this.changedBase());
    const values = { ...this.values };
    return base ? { templateVersion: this.templateVersion, values, base } : { templateVersion: this.templateVersion, values };
  }

  /**
   * @param {'draft' | 'submit'} kind @param {SheetInput} input
   * @returns {Promise<import('../../js/api.js').ApiAnswer<SheetView>>}
   */
  send(kind, input) {
    return kind === 'draft'
      ? api.saveDraft(this.mun, this.school, this.month, input, this.etag)
      : api.submit(this.mun, this.school, this.month, input, this.etag);
  }
}
