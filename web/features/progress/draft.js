// @ts-check
// A progress sheet being edited, kept on the device and synchronised with the server as every sheet is
// (draft-sync.js). Each save names the fields it changed with the values it started from (`base`), so when someone
// else saved meanwhile the server merges field by field; only a field both changed differently waits for the user.
// Nothing typed is dropped.

import { progressApi } from './api.js';
import { canonical, copyContent, fields, putField, sameField } from './content.js';
import { DraftSync, etagOf } from '../../js/draft-sync.js';

const KEY_PREFIX = 'methoddays:progress-draft:';

/**
 * @typedef {import('./content.js').Content} Content
 * @typedef {import('./content.js').Field} Field
 * @typedef {{ content: Content, base?: Content | null, baseEtag: string | null, templateVersion: string, dirty: boolean, savedAt: string }} LocalCopy
 * @typedef {{ key: Field, yours: unknown, theirs: unknown, changedBy: { personId: string, name: string } | null }} FieldConflict
 * @typedef {import('../../js/draft-sync.js').SyncState} SyncState
 * @typedef {import('../../js/draft-sync.js').SyncEvent} SyncEvent
 */

/** One school's progress sheet for one month, on this device and on the server. */
export class ProgressDraft extends DraftSync {
  /** @param {import('../../js/draft-sync.js').DraftOptions} options */
  constructor(options) {
    super(options, KEY_PREFIX);
    /** What the form edits, in place. @type {Content} */
    this.content = copyContent(options.view.sheet);
    /** The server's content these edits started from (null: unknown, an old device copy). @type {Content | null} */
    this.base = copyContent(options.view.sheet);
    /** Fields the last answer from the server brought in (someone else's changes). @type {Field[]} */
    this.taken = [];
    /** Fields both changed differently, waiting for the user (with `conflict`, the server's view). @type {FieldConflict[]} */
    this.pending = [];
    /** @type {string | null} */
    this.conflictEtag = null;
  }

  /**
   * Reconciles the device copy with the server's sheet when the page opens (before the form shows `content`):
   * unsent edits go to the server with what they started from, so the server merges them with others' changes.
   * @returns {'none' | 'restored'}
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
    this.content = copyContent(local.content);
    this.changeSeq = 1;
    if (local.baseEtag !== /** @type {DraftSync} */ (this).etag) {
      this.etag = local.baseEtag;
      this.base = local.base ? copyContent(local.base) : null;
    } else if (local.base) {
      this.base = copyContent(local.base);
    }
    this.scheduleSave(0);
    return 'restored';
  }

  /** The form changed `content` in place: keep it on the device now, on the server after a pause. */
  changed() {
    this.edited();
  }

  /**
   * Someone else saved first (409). Their changes to fields this device did not change come in at once; the fields
   * both changed differently wait for `resolve`.
   * @param {any} current the server's view
   * @param {import('../../js/api.js').ApiError} error
   */
  conflicted(current, error) {
    const theirs = copyContent(current.sheet);
    this.taken = [];
    const base = this.base;
    if (base) {
      for (const key of fields) {
        if (sameField(this.content, base, key) && !sameField(theirs, this.content, key)) this.put(theirs, key);
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
   * The user chose for every conflicting field (true: keep mine). The edits now start from the server's current
   * version and go to the server; `taken` lists the fields that took the other answer.
   * @param {Record<string, boolean>} keepMine
   */
  resolve(keepMine) {
    const current = this.conflict;
    if (!current) return;
    const pending = this.pending;
    const taken = this.taken;
    this.accept(current, this.conflictEtag);
    this.taken = taken;
    const theirs = copyContent(current.sheet);
    for (const c of pending) {
      if (!keepMine[c.key]) this.put(theirs, c.key);
    }
    this.conflict = null;
    this.pending = [];
    this.changeSeq++;
    this.saveLocal(true);
    this.scheduleSave(0);
  }

  /** @param {Content} from @param {Field} key */
  put(from, key) {
    putField(this.content, from, key);
    this.taken.push(key);
  }

  /** @returns {import('./api.js').ProgressInput} */
  input() {
    const c = this.content;
    /** @type {import('./api.js').ProgressInput} */
    const input = {
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
    const base = this.base;
    if (base) {
      input.base = Object.fromEntries(fields.filter((key) => !sameField(c, base, key)).map((key) => [key, base[key]]));
    }
    return input;
  }

  /**
   * Takes the server's answer. Fields the server has differently from what was sent (someone else's, merged in)
   * come into the form unless the user changed them since. New requests get the ids the server gave them, so a
   * plan item made from a request keeps pointing at it after the school edits the text.
   * @param {any} view
   * @param {string | null} etag
   * @param {{ requests: any[], content: Content }} [sent] the request rows (objects of `content`) and a copy of the content that went
   */
  accept(view, etag, sent) {
    super.accept(view, etag);
    const server = copyContent(view.sheet);
    this.taken = [];
    if (sent) {
      if (sameField(server, sent.content, 'requests')) {
        const stored = view.sheet?.requests ?? [];
        sent.requests.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
          if (!r.id && stored[i]?.id) r.id = stored[i].id;
        });
      }
      for (const key of fields) {
        if (!sameField(server, sent.content, key) && sameField(this.content, sent.content, key)) this.put(server, key);
      }
    }
    this.base = server;
  }

  /** The request rows (objects of `content`, for the server's ids) and a copy of the content, as they go out. */
  sent() {
    return { requests: this.content.requests.slice(), content: copyContent(this.content) };
  }

  /** @param {'draft' | 'submit'} kind @param {any} input */
  send(kind, input) {
    return kind === 'draft'
      ? progressApi.saveDraft(this.mun, this.school, this.month, input, this.etag)
      : progressApi.submit(this.mun, this.school, this.month, input, this.etag);
  }

  /** @param {boolean} dirty @returns {LocalCopy} */
  localCopy(dirty) {
    return {
      content: this.content, base: this.base, baseEtag: this.etag, templateVersion: this.templateVersion, dirty, savedAt: new Date().toISOString(),
    };
  }
}
