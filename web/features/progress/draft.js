// @ts-check
// A progress sheet being edited, kept on the device and synchronised with the server as every sheet is
// (draft-sync.js). Each save names the fields it changed with the values it started from (`base`), so when someone
// else saved meanwhile the server merges field by field; only a field both changed differently waits for the user.
// Nothing typed is dropped.

import { progressApi } from './api.js';
import { canonical, copyContent, fields, putField, sameField } from './content.js';
import { FieldDraft } from '../../js/draft-sync.js';

const KEY_PREFIX = 'methoddays:progress-draft:';

/**
 * @typedef {import('./content.js').Content} Content
 * @typedef {import('./content.js').Field} Field
 * @typedef {import('./types.js').ProgressView} ProgressView
 * @typedef {import('./api.js').ProgressInput} ProgressInput
 * @typedef {import('../../js/draft-sync.js').FieldConflict<Field>} FieldConflict
 * @typedef {import('../../js/draft-sync.js').SyncState} SyncState
 * @typedef {import('../../js/draft-sync.js').SyncEvent} SyncEvent
 */

/** The content, field by field (content.js). @type {import('../../js/draft-sync.js').FieldModel<Content, Field, ProgressView>} */
const parts = {
  of: (view) => copyContent(view.sheet),
  copy: copyContent,
  fields: () => fields,
  same: sameField,
  take: putField,
  baseOf: (base, key) => base[key],
  equal: (a, b) => canonical(a) === canonical(b),
};

/**
 * One school's progress sheet for one month, on this device and on the server.
 * @extends {FieldDraft<Content, Field, ProgressView, ProgressInput>}
 */
export class ProgressDraft extends FieldDraft {
  /** @param {import('../../js/draft-sync.js').DraftOptions<ProgressView>} options */
  constructor(options) {
    super(options, KEY_PREFIX, parts, 'content');
  }

  /** The form changed `content` in place: keep it on the device now, on the server after a pause. */
  changed() {
    this.edited();
  }

  /** @returns {ProgressInput} */
  input() {
    const c = this.content;
    /** @type {ProgressInput} */
    const input = {
      templateVersion: this.templateVersion,
      days: c.days.map((d) => ({
        date: d.date || null, form: d.form || null, formOther: d.form === 'other' ? d.formOther ?? null : null, topic: d.topic ?? null,
        sharePercent: d.sharePercent === '' || d.sharePercent === undefined ? null : /** @type {number | null} */ (d.sharePercent),
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
    const base = this.changedBase();
    if (base) input.base = base;
    return input;
  }

  /**
   * Takes the server's answer (draft-sync.js). New requests get the ids the server gave them, so a plan item made
   * from a request keeps pointing at it after the school edits the text.
   * @param {ProgressView} view
   * @param {string | null} etag
   * @param {{ requests: import('./content.js').RequestRow[], content: Content }} [sent] the request rows (objects of `content`) and a copy of the content that went
   */
  accept(view, etag, sent) {
    if (sent && sameField(copyContent(view.sheet), sent.content, 'requests')) {
      const stored = view.sheet?.requests ?? [];
      sent.requests.forEach((r, i) => {
        if (!r.id && stored[i]?.id) r.id = stored[i].id;
      });
    }
    super.accept(view, etag, sent);
  }

  /** The request rows (objects of `content`, for the server's ids) and a copy of the content, as they go out. */
  sent() {
    return { requests: this.content.requests.slice(), content: copyContent(this.content) };
  }

  /**
   * @param {'draft' | 'submit'} kind @param {ProgressInput} input
   * @returns {Promise<import('../../js/api.js').ApiAnswer<ProgressView>>}
   */
  send(kind, input) {
    return kind === 'draft'
      ? progressApi.saveDraft(this.mun, this.school, this.month, input, this.etag)
      : progressApi.submit(this.mun, this.school, this.month, input, this.etag);
  }
}
