// @ts-check
// One school's progress sheet for one month: the school's admin team fills it (drafts kept on the device and saved
// on the server as they type), everyone else who may read the school reads it; reviewers comment and turn a request
// for help into an item of the school's plan.

import { busy, clone, el, errorBox, loading } from '../../js/dom.js';
import { formatDateTime, monthName, plural } from '../../js/format.js';
import { monthPicker } from '../../js/month-picker.js';
import { progressApi } from './api.js';
import { copyContent, sections } from './content.js';
import { LinkedProgressDraft, loadLinks } from './links.js';
import { loadSheet, sheetSync } from '../../js/draft-sync.js';
import { localToday, uid } from './format.js';
import { ProgressForm } from './form.js';
import { describeSection, renderRead, renderStages } from './panels.js';
import { renderComments, renderRevisions, wireComments } from '../../js/sheet-panels.js';
import { renderStatus } from '../../js/sheet-status.js';
import { isSchoolRole } from '../../js/session.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ school: string, month: string, revision: number | null }} route
 * @returns {Promise<() => void>} release
 */
export async function showProgress(main, session, route) {
  const { mun, timeZone } = session;
  const school = session.me.schools.find((s) => s.id === route.school);
  main.replaceChildren(loading(`Загружаем лист продвижения за ${monthName(route.month)}…`));

  /** @type {import('./types.js').ProgressView} */
  let view;
  /** @type {string | null} */
  let etag;
  /** @type {import('./types.js').ProgressTemplate} */
  let template;
  /** @type {import('./types.js').RevisionView | null} */
  let shown = null;
  try {
    ({ view, etag, template, shown } = await loadSheet({
      sheet: () => progressApi.sheet(mun, route.school, route.month),
      template: (version) => progressApi.template(version),
      revision: (n) => progressApi.revision(mun, route.school, route.month, n),
    }, route.revision));
  } catch (e) {
    main.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return () => {};
  }

  const editable = view.can.edit && !route.revision;
  const reviewer = !isSchoolRole(session);
  const { root, refs } = clone('t-pg-sheet');
  refs.eyebrow.textContent = school?.shortName ?? '';
  refs.title.textContent = `Лист продвижения за ${monthName(route.month)}`;
  refs['school-name'].textContent = view.schoolName;
  document.title = `Лист продвижения — ${school?.shortName ?? view.schoolName} — ${monthName(route.month)} — MethodDays`;
  if (reviewer) {
    const back = el('a', 'back-link', 'Сводка листов продвижения');
    back.href = `#/progress-summary/${route.month}`;
    refs.toolbar.append(back);
  }
  refs.toolbar.append(monthPicker(session.today, route.month, (m) => session.navigate(`#/progress/${route.school}/${m}`)));
  const plan = el('a', 'back-link', 'План адресной помощи школе');
  plan.href = `#/help-plan/${route.school}`;
  refs.toolbar.append(plan);

  const message = (/** @type {Node} */ node) => refs.messages.replaceChildren(node);
  // The questions asked before acting (loaded on first use; offline without it the browser asks).
  const tools = () => import('./sheet-tools.js').catch(() => null);
  const teachers = () => (draft ? draft.content.teachers : (shown?.sheet ?? view.sheet).teachers);
  const drawStages = () => renderStages(refs.stages, template, view.previousMonth, view.previousStages ?? [], teachers());

  /** @type {LinkedProgressDraft | null} */
  let draft = null;
  /** @type {ProgressForm | null} */
  let form = null;

  function hint() {
    if (!draft || !refs['submit-hint']) return;
    const missing = missingCount(draft.content);
    refs['submit-hint'].textContent = missing === 0
      ? 'Обязательные поля заполнены — лист можно отправить.'
      : `Не заполнено ${missing} ${plural(missing, 'обязательное поле', 'обязательных поля', 'обязательных полей')}: их подсветим при отправке.`;
  }

  const sync = sheetSync({
    refs, timeZone, me: session.me.member.personId, merges: 'parts', message,
    draft: () => draft,
    view: (v) => { view = v; },
    redraw: (keys) => {
      form?.redraw(keys);
      drawStages();
      hint();
    },
    named: (keys) => sections.filter(([, , fields]) => fields.some((f) => keys.includes(f))).map(([, name]) => name.toLowerCase()).join(', '),
    choices: (d) => {
      const theirs = copyContent(/** @type {import('./types.js').ProgressView} */ (d.conflict).sheet);
      /** @type {(fields: readonly string[]) => import('./draft.js').FieldConflict | undefined} */
      const conflictIn = (fields) => d.pending.find((c) => fields.includes(c.key));
      const parts = sections.filter(([, , fields]) => conflictIn(fields));
      return {
        rows: parts.map(([id, name, fields]) => ({
          key: id, title: name,
          yours: describeSection(id, d.content, template), theirs: describeSection(id, theirs, template),
          by: conflictIn(fields)?.changedBy ?? null,
        })),
        keep: (keepMine) => {
          /** @type {Record<string, boolean>} */
          const byField = {};
          for (const [id, , fields] of parts) for (const f of fields) byField[f] = keepMine[id];
          return byField;
        },
      };
    },
    // A draft the server refuses (a date outside the month, a share over 100 %): say where.
    refused: (error) => form?.highlight(error.errors),
  });

  if (editable) {
    draft = new LinkedProgressDraft({
      mun, school: route.school, month: route.month, templateVersion: template.version, view, etag,
      onChange: sync.onChange,
    });
    const d = draft;
    form = new ProgressForm(refs.body, {
      template, month: route.month, today: localToday(timeZone), schoolTeachers: view.schoolTeachers ?? [], previousStages: view.previousStages ?? [],
      onChange: () => { d.changed(); hint(); },
      onStages: drawStages,
    });
    const restored = draft.restore();
    form.setContent(draft.content);
    // What the practice and topic lists offer: asked once the sheet is on screen, added when they arrive.
    const f0 = form;
    loadLinks(mun, route.month).then((l) => f0.setLinks(l));
    if (restored === 'restored') {
      message(el('p', 'notice', 'Восстановлен лист, сохранённый на этом устройстве, но ещё не отправленный на сервер. Отправляем его.'));
    }
    refs['submit-row'].hidden = false;
    if (view.revision > 0) refs.submit.textContent = 'Отправить новую редакцию';
    hint();
    // While the month is not submitted: start again from last month's teachers, or clear the sheet (asked first).
    refs['start-previous'].hidden = view.revision > 0 || (view.previousStages ?? []).length === 0;
    refs.clear.hidden = view.revision > 0;
    const f = form;
    refs['start-previous'].addEventListener('click', async () => {
      // Shown only with last month's stages, so last month is known.
      const previousMonth = /** @type {string} */ (view.previousMonth);
      if (await (await tools())?.askStart(refs['start-previous'], d, view.previousStages, previousMonth)) {
        f.setContent(d.content);
        drawStages();
        hint();
        message(el('p', 'notice', `Педагоги и их практики взяты из листа за ${monthName(previousMonth)}. Отметьте этапы этого месяца; ЕМД, решения и запросы — месяца свои.`));
      }
    });
    refs.clear.addEventListener('click', async () => {
      if (await (await tools())?.askClear(refs.clear, d)) {
        f.setContent(d.content);
        drawStages();
        hint();
        message(el('p', 'notice', 'Лист очищен. Пустой черновик сохраняется.'));
      }
    });
  } else {
    refs.form.remove();
    const content = copyContent(shown?.sheet ?? view.sheet);
    // A request becomes a plan item only once submitted (the plan points at a submitted sheet's request).
    const planned = reviewer && view.revision > 0 && (shown || view.status === 'submitted');
    renderRead(refs.read, content, {
      template, previousStages: view.previousStages ?? [],
      planHash: planned ? (id) => `#/help-plan/${route.school}/new/${route.month}/${encodeURIComponent(id)}` : null,
    });
  }

  const readOnlyNote = route.revision ? ''
    : !editable && shown ? `Показана отправленная редакция №${shown.number}.`
      : !view.can.edit ? 'Только просмотр: лист заполняет администрация школы.' : '';
  renderStatus(refs, view, timeZone, { readOnlyNote });
  if (route.revision && shown) {
    refs['revision-banner'].hidden = false;
    const back = el('a', '', 'вернуться к текущему листу');
    back.href = `#/progress/${route.school}/${route.month}`;
    refs['revision-banner'].append(document.createTextNode(`Вы смотрите редакцию №${shown.number}: отправлена `
      + `${formatDateTime(shown.submitted.at, timeZone)}, ${shown.submitted.name}. Только просмотр — `), back);
  }
  drawStages();
  const revisionHref = (/** @type {number} */ n) => `#/progress/${route.school}/${route.month}/revision/${n}`;
  renderRevisions(refs.revisions, view.revisions, timeZone, revisionHref, route.revision, describeRevision);
  renderComments(refs.comments, view.comments ?? [], timeZone);
  if (view.can.comment) {
    refs['comment-text'].id = uid('pg-comment');
    refs['comment-label'].htmlFor = refs['comment-text'].id;
    wireComments(refs, timeZone, (text) => progressApi.comment(mun, route.school, route.month, text), { offlineHint: true });
  }

  refs.form.addEventListener('submit', async (/** @type {Event} */ event) => {
    event.preventDefault();
    if (!draft || !form) return;
    const d = draft;
    const f = form;
    if (d.conflict) {
      refs.conflict.scrollIntoView({ block: 'start' });
      return;
    }
    const t = await tools();
    if (!(t ? await t.askSubmit(refs.submit, missingCount(d.content), route.month, view.revision) : window.confirm('Отправить лист продвижения?'))) return;
    busy(refs.submit, 'Отправляем…', async () => {
      try {
        view = await d.submit();
        f.clearErrors();
        f.setContent(d.content);
        renderStatus(refs, view, timeZone);
        renderRevisions(refs.revisions, view.revisions, timeZone, revisionHref, null, describeRevision);
        refs.submit.textContent = 'Отправить новую редакцию';
        refs['start-previous'].hidden = refs.clear.hidden = true;
        const ok = el('p', 'success', `Лист продвижения отправлен: редакция №${view.revision}. Его увидят куратор и методический отдел.`);
        ok.setAttribute('role', 'status');
        message(ok);
        ok.scrollIntoView({ block: 'center' });
      } catch (e) {
        submitFailed(e, f);
      }
    });
  });

  /** @param {unknown} failure @param {ProgressForm} f */
  function submitFailed(failure, f) {
    const e = sync.submitFailed(failure);
    if (!e) return;
    const first = f.highlight(e.errors);
    const box = errorBox(e);
    const count = Object.keys(e.errors).length;
    if (count > 0) box.append(el('p', '', `Ошибок: ${count}. Они показаны у полей красным.`));
    if (first) {
      const go = el('button', 'button secondary', 'Перейти к первой ошибке');
      go.type = 'button';
      go.addEventListener('click', () => {
        first.scrollIntoView({ block: 'center' });
        /** @type {HTMLElement | null} */ (first.querySelector('input, select, textarea'))?.focus({ preventScroll: true });
      });
      box.append(go);
    }
    message(box);
    box.scrollIntoView({ block: 'center' });
  }

  main.replaceChildren(root);
  return () => draft?.dispose();
}

/**
 * Required values still empty, by the server's rules for a submission (seed-free design, DOMAIN.md §2b).
 * @param {import('./content.js').Content} c
 */
function missingCount(c) {
  const blank = (/** @type {unknown} */ v) => v === null || v === undefined || String(v).trim() === '';
  let n = 0;
  if (c.noDays) n += blank(c.noDaysReason) ? 1 : 0;
  else if (c.days.length === 0) n += 1;
  for (const d of c.days) {
    n += [d.date, d.form, d.sharePercent].filter(blank).length + (d.form === 'other' && blank(d.formOther) ? 1 : 0);
  }
  for (const r of c.requests) n += [r.topic, r.text].filter(blank).length;
  for (const d of c.decisions) n += blank(d) ? 1 : 0;
  if (c.teachers.length === 0) n += 1;
  for (const t of c.teachers) n += (blank(t.personId) && blank(t.name) ? 1 : 0) + [t.practice, t.stage].filter(blank).length;
  return n;
}

/**
 * A submitted revision of the progress sheet in a few words.
 * @param {import('./types.js').RevisionSummary} r
 */
function describeRevision(r) {
  return `ЕМД ${r.days}, педагогов ${r.teachers}`;
}
