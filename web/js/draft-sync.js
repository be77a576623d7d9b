// @ts-check
// What every sheet edited on the page shares (the self-assessment sheet, self-assessment/draft.js; the progress
// sheet, progress/draft.js): every change goes to localStorage at once (it survives a closed tab and a lost
// connection), then to the server after a short pause. Requests go one at a time, each with the ETag of the last
// answer; a stale ETag brings the other person's version back. `FieldDraft` merges field by field (`base`, the 409's
// conflicts and the user's choice), `sheetSync` is what a sheet page shows of it — one copy for both sheets; each sheet
// says only what its fields are. Input is never dropped.

import { ApiError } from './api.js';
import { el, errorBox } from './dom.js';
import { renderStatus, renderSync } from './sheet-status.js';

/** Pause after the last change before saving to the server: fewer requests on a slow line. */
export const SAVE_DELAY_MS = 1500;
/** Retry a failed save this long after a connection error, even without an `online` event. */
const RETRY_MS = 30000;

/**
 * What the shared code reads of a sheet's view (server: SheetView, ProgressView); each sheet's own type has the rest.
 * @typedef {{ eTag?: string | null, etag?: string | null, templateVersion: string, status: string, revision: number,
 *   can: { edit: boolean, comment: boolean }, submitted?: import('./sheet-panels.js').Stamp | null,
 *   updated?: import('./sheet-panels.js').Stamp | null }} SheetViewBase
 * @typedef {'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error' | 'submitting'} SyncState
 * @typedef {{ state: SyncState, error?: ApiError, conflict?: unknown, at?: Date }} SyncEvent
 */

/**
 * @template {SheetViewBase} V
 * @typedef {{ mun: string, school: string, month: string, templateVersion: string, view: V, etag: string | null,
 *   onChange: (event: SyncEvent) => void }} DraftOptions
 */

/**
 * A view's ETag as the body carries it (a conflict's `current` has no header). The API writes `eTag` (camelCase of
 * ETag); `etag` is accepted too.
 * @param {{ eTag?: string | null, etag?: string | null } | null | undefined} view
 * @returns {string | null}
 */
export function etagOf(view) {
  return view?.eTag ?? view?.etag ?? null;
}

/**
 * One school's sheet for one month, on this device and on the server. Subclasses say what the sheet holds:
 * `input()` (the request body), `send(kind, input)` (the API call), `accept(view, etag, sent)` (take the server's
 * answer), `localCopy(dirty)` (what goes to localStorage) and `conflicted(current, error)` (someone else saved first).
 * `V` is the sheet's view, `I` what a save sends.
 * @template {SheetViewBase} V
 * @template I
 */
export class DraftSync {
  /**
   * @param {DraftOptions<V>} options
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
    /** The server's view when a save met someone else's change. @type {V | null} */
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

  /** @returns {I} the request body */
  input() {
    throw new Error('input() is the subclass’s');
  }

  /**
   * @param {'draft' | 'submit'} kind
   * @param {I} input
   * @returns {Promise<{ data: V, etag: string | null }>}
   */
  send(kind, input) {
    throw new Error('send() is the subclass’s');
  }

  /**
   * What the subclass needs to remember of the content as it was sent (taken just before the request).
   * @returns {unknown}
   */
  sent() {
    return undefined;
  }

  /**
   * Takes the server's answer.
   * @param {V} view @param {string | null} etag @param {unknown} [sent] what `sent()` returned for this request
   */
  accept(view, etag, sent) {
    this.view = view;
    this.etag = etag ?? etagOf(view);
  }

  /**
   * Someone else saved first (409 with their version): by default wait for the user.
   * @param {V} current @param {ApiError} error
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
   * @returns {Promise<V>}
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

  /** @returns {unknown} the device copy, if any (parsed JSON: the subclass reads its own shape) */
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
 * How a sheet's content is compared and merged field by field: the self-assessment sheet's answers by indicator, the
 * progress sheet's content by field. `fields(...all)` names the fields to look at (of some versions of the content);
 * `same` compares one field as the server would store it; `take` copies one field into the content (in place, the
 * form edits that object); `baseOf` is what a save's `base` carries for a field it changed.
 * @template C, K, V
 * @typedef {{ of: (view: V) => C, copy: (content: C) => C, fields: (...all: C[]) => Iterable<K>, same: (a: C, b: C, key: K) => boolean,
 *   take: (to: C, from: C, key: K) => void, baseOf: (base: C, key: K) => unknown, equal: (a: C, b: C) => boolean }} FieldModel
 */

/**
 * A field both changed differently (409 `conflicts`): each one's value and who gave the other.
 * @template K
 * @typedef {{ key: K, yours: unknown, theirs: unknown, changedBy: { personId: string, name: string } | null }} FieldConflict
 */

/**
 * What a sheet keeps on the device: the content under its own name (`values`, `content`), the server's content and
 * ETag the edits started from.
 * @template C
 * @typedef {{ base?: C | null, baseEtag: string | null, templateVersion: string, dirty: boolean, savedAt: string }
 *   & Record<string, C | unknown>} LocalCopy
 */

/**
 * A sheet edited field by field (both sheets). Each save names the fields it changed with the values they started
 * from (`base`), so when someone else saved meanwhile the server merges field by field; only a field both changed
 * differently waits for the user's choice (`pending`, then `resolve`). Nothing typed is dropped.
 * @template C, K
 * @template {SheetViewBase} V
 * @template I
 * @extends {DraftSync<V, I>}
 */
export class FieldDraft extends DraftSync {
  /**
   * @param {DraftOptions<V>} options
   * @param {string} keyPrefix localStorage key prefix of this kind of sheet
   * @param {FieldModel<C, K, V>} model
   * @param {string} localName the content's name in the device copy (kept as earlier versions wrote it)
   */
  constructor(options, keyPrefix, model, localName) {
    super(options, keyPrefix);
    this.model = model;
    this.localName = localName;
    /** What the form edits. @type {C} */
    this.content = model.of(options.view);
    /** The server's content these edits started from (null: unknown, an old device copy). @type {C | null} */
    this.base = model.of(options.view);
    /** Fields the last answer from the server brought in (someone else's changes). @type {K[]} */
    this.taken = [];
    /** Fields both changed differently, waiting for the user (with `conflict`, the server's view). @type {FieldConflict<K>[]} */
    this.pending = [];
    /** @type {string | null} */
    this.conflictEtag = null;
  }

  /**
   * Reconciles the device copy with the server's view when the page opens (before the form shows `content`): unsent
   * edits go to the server with what they started from, so whatever others saved meanwhile is merged, not overwritten.
   * @returns {'none' | 'restored'}
   */
  restore() {
    const local = /** @type {LocalCopy<C> | null} */ (this.readLocal());
    if (!local || !local.dirty || local.templateVersion !== this.templateVersion) {
      if (local && !local.dirty) this.clearLocal();
      return 'none';
    }
    const content = /** @type {C} */ (local[this.localName]);
    if (this.model.equal(content, this.content)) {
      // The last save reached the server but its answer did not reach us.
      this.clearLocal();
      return 'none';
    }
    this.content = this.model.copy(content);
    this.changeSeq = 1;
    if (local.baseEtag !== /** @type {DraftSync<V, I>} */ (this).etag) {
      // The server moved on: send against the version the edits started from; the server merges them.
      this.etag = local.baseEtag;
      this.base = local.base ? this.model.copy(local.base) : null;
    } else if (local.base) {
      this.base = this.model.copy(local.base);
    }
    this.scheduleSave(0);
    return 'restored';
  }

  /**
   * Someone else saved first (409). Their changes to fields this device did not change come in at once; the fields
   * both changed differently wait for `resolve`.
   * @param {V} current the server's view
   * @param {ApiError} error
   */
  conflicted(current, error) {
    const { fields, same } = this.model;
    const theirs = this.model.of(current);
    this.taken = [];
    const base = this.base;
    if (base) {
      for (const key of fields(base, theirs)) {
        if (same(this.content, base, key) && !same(theirs, this.content, key)) this.put(theirs, key);
      }
    }
    this.pending = /** @type {FieldConflict<K>[]} */ (error.problem?.conflicts ?? []);
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
    const theirs = this.model.of(current);
    for (const c of pending) {
      if (!keepMine[/** @type {string} */ (c.key)]) this.put(theirs, c.key);
    }
    this.conflict = null;
    this.pending = [];
    this.changeSeq++;
    this.saveLocal(true);
    this.scheduleSave(0);
  }

  /**
   * Takes the server's answer: the base is now what the server holds; fields the server has differently from what
   * was sent (someone else's, merged in) come into the content, unless the user changed them since.
   * @param {V} view @param {string | null} etag @param {{ content: C }} [sent] a copy of the content as it was sent
   */
  accept(view, etag, sent) {
    super.accept(view, etag);
    const { fields, same } = this.model;
    const server = this.model.of(view);
    this.taken = [];
    if (sent) {
      for (const key of fields(server, sent.content)) {
        if (!same(server, sent.content, key) && same(this.content, sent.content, key)) this.put(server, key);
      }
    }
    this.base = server;
  }

  /** One field from the server's version into the content, noted in `taken`. @param {C} from @param {K} key */
  put(from, key) {
    this.model.take(this.content, from, key);
    this.taken.push(key);
  }

  /** A copy of the content as it goes out. @returns {{ content: C }} */
  sent() {
    return { content: this.model.copy(this.content) };
  }

  /** Each field changed since `base`, with its value there (null: no `base`, an old device copy). @returns {Record<string, unknown> | null} */
  changedBase() {
    const base = this.base;
    if (!base) return null;
    /** @type {Record<string, unknown>} */
    const changed = {};
    for (const key of this.model.fields(base, this.content)) {
      if (!this.model.same(base, this.content, key)) changed[/** @type {string} */ (key)] = this.model.baseOf(base, key);
    }
    return changed;
  }

  /** @param {boolean} dirty @returns {LocalCopy<C>} */
  localCopy(dirty) {
    return {
      [this.localName]: this.content, base: this.base, baseEtag: this.etag, templateVersion: this.templateVersion, dirty, savedAt: new Date().toISOString(),
    };
  }
}

/** What each sheet calls what it merges: the notices' words. */
const mergeWords = {
  indicators: { these: 'ответы', withThese: 'ответами', kept: 'Ответы сохранены' },
  parts: { these: 'изменения', withThese: 'изменениями', kept: 'Всё введённое сохранено' },
};

/**
 * What a sheet page does with its draft, the same for both sheets: the sync line; the status after a save; others'
 * changes the server merged in, put into the form with a word on what came in; the choice a conflict leaves, field
 * by field (field-conflicts.js, loaded when one happens); a submission that met a conflict or no connection.
 * @template C, K
 * @template {SheetViewBase} V
 * @template I
 * @param {{ refs: import('./dom.js').Refs, timeZone: string, me: string, merges: 'indicators' | 'parts',
 *   message: (node: Node) => void, draft: () => FieldDraft<C, K, V, I> | null,
 *   view: (view: V) => void, saved?: (view: V) => void, redraw: (keys: K[]) => void, named: (keys: K[]) => string,
 *   choices: (draft: FieldDraft<C, K, V, I>) => { rows: import('./field-conflicts.js').FieldChoice[], keep?: (keepMine: Record<string, boolean>) => Record<string, boolean> },
 *   refused?: (error: ApiError) => void }} page `view`: the server's view after a save or a choice; `saved`: what
 *   else a save shows; `redraw`: the draft's content into the form (`keys`: the fields that came in); `named`: those
 *   fields in words; `choices`: the conflict's rows (and, when a row holds several fields, the choice by field);
 *   `refused`: a draft the server refused (400)
 * @returns {{ onChange: (event: SyncEvent) => void, submitFailed: (e: unknown) => ApiError | null }} `submitFailed`
 *   shows what it can and returns a refusal whose field errors the page marks
 */
export function sheetSync(page) {
  const { refs, timeZone, message } = page;
  const words = mergeWords[page.merges];
  /** The conflict now shown (a save's 409): its panel stays while the user edits other fields. @type {unknown} */
  let shownConflict = null;

  /** Someone else's changes the server merged in: into the form now, with a word on what came in. */
  function showTaken() {
    const d = page.draft();
    if (!d || d.taken.length === 0) return;
    const keys = d.taken;
    d.taken = [];
    page.redraw(keys);
    message(el('p', 'notice', `Пока вы заполняли лист, в нём сохранили и другие ${words.these} (${page.named(keys)}): `
      + `они перенесены к вам, ваши ${words.these} тоже сохранены.`));
  }

  async function showConflict() {
    const d = page.draft();
    if (!d?.conflict || shownConflict === d.conflict) return;
    shownConflict = d.conflict;
    try {
      const { rows, keep } = page.choices(d);
      const { fieldConflictPanel, indicatorWords, partWords } = await import('./field-conflicts.js');
      const panel = fieldConflictPanel({
        me: page.me,
        words: page.merges === 'indicators' ? indicatorWords : partWords,
        rows,
        done: (keepMine) => {
          d.resolve(keep ? keep(keepMine) : keepMine);
          shownConflict = null;
          refs.conflict.replaceChildren();
          page.view(d.view);
          renderStatus(refs, d.view, timeZone);
          const keys = d.taken;
          d.taken = [];
          page.redraw(keys);
          message(el('p', 'notice', `Выбор сделан: сохраняем лист с вашими и чужими ${words.withThese}. Если вы отправляли лист, отправьте его ещё раз.`));
        },
      });
      refs.conflict.replaceChildren(panel);
      panel.scrollIntoView({ block: 'start' });
    } catch (e) {
      shownConflict = null;
      message(errorBox(e));
    }
  }

  return {
    onChange(event) {
      renderSync(refs.sync, refs['sticky-sync'], event, timeZone);
      if (event.state === 'conflict') {
        showTaken();
        showConflict();
      }
      if (event.state === 'error' && event.error?.status === 400) page.refused?.(event.error);
      const d = page.draft();
      if (event.state === 'saved' && d) {
        page.view(d.view);
        renderStatus(refs, d.view, timeZone);
        page.saved?.(d.view);
        showTaken();
      }
    },
    submitFailed(e) {
      if (!(e instanceof ApiError)) {
        message(errorBox(e));
        return null;
      }
      if (e.status === 409) return null; // the conflict panel is already shown
      if (e.offline) {
        message(errorBox(new ApiError(0, 'Лист не отправлен: нет связи',
          `${words.kept} на этом устройстве. Когда связь вернётся, черновик уйдёт на сервер сам, а лист отправьте ещё раз.`)));
        return null;
      }
      return e;
    },
  };
}

/**
 * Loads what a sheet page shows: the month's view with its ETag, the template it was filled in, and — for readers
 * while the school edits again, or when a revision is asked for — the submitted revision (and its template).
 * @template {SheetViewBase} V
 * @template {{ version: string }} T
 * @template {{ templateVersion: string }} R
 * @param {{ sheet: () => Promise<{ data: V, etag: string | null }>, template: (version: string) => Promise<T>,
 *   revision: (number: number) => Promise<R> }} source
 * @param {number | null} askedRevision
 * @returns {Promise<{ view: V, etag: string | null, template: T, shown: R | null }>}
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
