// @ts-check
// One school's sheet for one month: editable for the school's admin team, read-only for everyone else
// (teachers, curators, the municipality), with a comment box for reviewers.

import { api } from '../../js/api.js';
import { busy, clone, el, errorBox, loading, saveFile } from '../../js/dom.js';
import { SheetDraft } from './draft.js';
import { loadSheet, sheetSync } from '../../js/draft-sync.js';
import { answerNames, clusterShort, formatDateTime, monthName, percent, plural, schoolKind } from '../../js/format.js';
import { monthPicker } from '../../js/month-picker.js';
import { score } from './score.js';
import { SheetForm } from './sheet-form.js';
import { ScoreCard } from './sheet-score.js';
import { renderStatus } from '../../js/sheet-status.js';

/**
 * @typedef {import('../../js/session.js').Session} Session
 * @typedef {import('./types.js').SheetView} SheetView
 * @typedef {import('./types.js').RevisionView} RevisionView
 */

/**
 * The panels under the sheet (what changed since last month, the school's history, revisions, comments): loaded once
 * the sheet is on screen, so a slow line brings the sheet first.
 * @typedef {typeof import('./sheet-history.js') & typeof import('../../js/sheet-panels.js')} Panels
 * @returns {Promise<Panels>}
 */
function panels() {
  return Promise.all([import('./sheet-history.js'), import('../../js/sheet-panels.js')]).then(([own, shared]) => ({ ...own, ...shared }));
}

/**
 * Shows the sheet; returns a function that releases it (pending saves stay on the device).
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ school: string, month: string, revision: number | null }} route
 * @returns {Promise<() => void>}
 */
export async function showSheet(main, session, route) {
  const { mun, timeZone } = session;
  const school = session.me.schools.find((s) => s.id === route.school);
  main.replaceChildren(loading(`Загружаем лист за ${monthName(route.month)}…`));
  /** @type {Promise<Panels> | null} */
  let loaded = null;
  /**
   * Draws into the panels under the sheet when their modules are here (in the order asked).
   * @param {(p: Panels) => void} draw @param {() => void} [failed]
   */
  const below = (draw, failed = () => {}) => {
    loaded ??= panels();
    loaded.then(draw, failed);
  };

  /** @type {SheetView} */
  let view;
  /** @type {string | null} */
  let etag;
  /** @type {import('./types.js').Template} */
  let template;
  /** @type {RevisionView | null} */
  let shownRevision = null;
  try {
    ({ view, etag, template, shown: shownRevision } = await loadSheet({
      sheet: () => api.sheet(mun, route.school, route.month),
      template: (version) => session.template(version),
      revision: (n) => api.revision(mun, route.school, route.month, n),
    }, route.revision));
  } catch (e) {
    main.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return () => {};
  }

  /** @param {number} n */
  const revisionHash = (n) => `#/sheet/${route.school}/${route.month}/revision/${n}`;
  const editable = view.can.edit && !route.revision;
  const { root, refs } = clone('t-sheet');
  refs['school-short'].textContent = school ? `${school.shortName} · ${schoolKind(school)}` : '';
  refs.title.textContent = `Лист оценки результативности за ${monthName(route.month)}`;
  document.title = `${school?.shortName ?? view.schoolName} — ${monthName(route.month)} — MethodDays`;
  refs['school-name'].textContent = view.schoolName;
  refs.toolbar.append(monthPicker(session.today, route.month, (m) => session.navigate(`#/sheet/${route.school}/${m}`)));
  if (session.homeHash !== `#/sheet/${route.school}`) {
    const back = el('a', 'back-link', session.homeLabel);
    back.href = session.homeHash;
    refs.toolbar.prepend(back);
  }
  refs.scale.textContent = `Шкала: ${template.scaleCaption}; «н/п» — не применимо (строка не входит в максимум).`;

  const form = new SheetForm(refs.areas, template, {
    basicSchool: view.schoolKind === 'Basic',
    onChange: (id, value) => {
      draft?.set(id, value);
      form.markAnswered(id, value);
      refresh();
    },
  });
  const scoreCard = new ScoreCard(refs.score, refs.sticky, template);

  /** @type {SheetDraft | null} */
  let draft = null;
  const values = () => draft?.values ?? shownRevision?.values ?? view.values ?? {};

  function refresh() {
    const s = draft ? score(template, draft.values) : shownRevision?.score ?? view.score;
    scoreCard.show(s, { caption: draft ? 'считается по мере заполнения' : shownRevision ? `редакция №${shownRevision.number}` : '' });
    form.showAreaScores(s);
    if (draft) {
      const missing = s.indicatorCount - s.answered;
      refs['submit-hint'].textContent = missing === 0
        ? 'Все показатели заполнены — лист можно отправить.'
        : `Без оценки ${missing} ${plural(missing, 'показатель', 'показателя', 'показателей')}: их подсветим при отправке.`;
    }
  }

  function message(/** @type {Node} */ node) {
    refs.messages.replaceChildren(node);
  }

  const sync = sheetSync({
    refs, timeZone, me: session.me.member.personId, merges: 'indicators', message,
    draft: () => draft,
    view: (v) => { view = v; },
    saved: (v) => below((p) => p.renderChanges(refs.changes, v)),
    redraw: () => {
      form.setValues(draft?.values ?? {});
      refresh();
    },
    named: (ids) => (ids.length > 3 ? `${ids.slice(0, 3).join(', ')} и ещё ${ids.length - 3}` : ids.join(', ')),
    choices: (d) => {
      const items = new Map(template.areas.flatMap((a) => a.criteria.flatMap((c) => c.items)).map((i) => [i.id, i]));
      return {
        rows: d.pending.map((c) => ({
          key: c.key, title: c.key, text: items.get(c.key)?.text, yours: answer(d.content[c.key]), theirs: answer(/** @type {string | null} */ (c.theirs)), by: c.changedBy,
        })),
      };
    },
  });

  if (editable) {
    draft = new SheetDraft({
      mun, school: route.school, month: route.month, templateVersion: template.version, view, etag,
      onChange: sync.onChange,
    });
    const restored = draft.restore();
    if (restored === 'restored') {
      message(el('p', 'notice', 'Восстановлены ответы, сохранённые на этом устройстве, но ещё не отправленные на сервер. Отправляем их.'));
    }
    refs['submit-row'].hidden = false;
    if (view.revision > 0) refs.submit.textContent = 'Отправить новую редакцию';
    refs['start-previous'].hidden = refs.clear.hidden = view.revision > 0;
  }

  form.setValues(values());
  form.setReadOnly(!editable);
  const readOnlyNote = route.revision ? ''
    : !editable && shownRevision ? `Показана отправленная редакция №${shownRevision.number}.`
      : !view.can.edit ? 'Только просмотр: лист заполняет администрация школы.' : '';
  renderStatus(refs, view, timeZone, { readOnlyNote });
  if (route.revision && shownRevision) {
    refs['revision-banner'].hidden = false;
    const back = el('a', '', 'вернуться к текущему листу');
    back.href = `#/sheet/${route.school}/${route.month}`;
    refs['revision-banner'].append(
      document.createTextNode(`Вы смотрите редакцию №${shownRevision.number}: отправлена `
        + `${formatDateTime(shownRevision.submitted.at, timeZone)}, ${shownRevision.submitted.name}. Только просмотр — `), back);
  }
  refs.download.hidden = view.revision === 0;
  refresh();

  refs.download.addEventListener('click', () => busy(refs.download, 'Готовим файл…', async () => {
    try {
      const file = await api.sheetXlsx(mun, route.school, route.month);
      saveFile(file.blob, file.fileName);
    } catch (e) {
      message(errorBox(e));
    }
  }));

  // Asked first (sheet-tools.js, loaded on first use; offline without it the browser asks).
  const tools = () => import('./sheet-tools.js').catch(() => null);
  refs.clear.addEventListener('click', async () => {
    if (draft && await (await tools())?.askClear(refs.clear, draft)) {
      form.setValues({});
      refresh();
      message(el('p', 'notice', 'Лист очищен. Пустой черновик сохраняется.'));
    }
  });
  refs['start-previous'].addEventListener('click', async () => draft && await (await tools())?.askStart(refs['start-previous'], draft) && busy(refs['start-previous'], 'Копируем…', async () => {
    if (!draft) return;
    try {
      const answer = await api.startFromPrevious(mun, route.school, route.month, draft.etag);
      draft.reset(answer.data, answer.etag);
      view = answer.data;
      form.setValues(draft.values);
      renderStatus(refs, view, timeZone);
      below((p) => p.renderChanges(refs.changes, view));
      refresh();
      message(el('p', 'notice', 'Черновик заполнен ответами из последнего отправленного листа. Проверьте и исправьте то, что изменилось.'));
    } catch (e) {
      message(errorBox(e));
    }
  }));

  refs.form.addEventListener('submit', async (/** @type {Event} */ event) => {
    event.preventDefault();
    if (!draft) return;
    const d = draft;
    if (d.conflict) {
      refs.conflict.scrollIntoView({ block: 'start' });
      return;
    }
    const t = await tools();
    if (!(t ? await t.askSubmit(refs.submit, d, template, route.month, view.revision) : window.confirm('Отправить лист?'))) return;
    busy(refs.submit, 'Отправляем…', async () => {
      try {
        view = await d.submit();
        form.clearErrors();
        renderStatus(refs, view, timeZone);
        below((p) => {
          p.renderRevisions(refs.revisions, view.revisions, timeZone, revisionHash, null, describeRevision);
          p.renderChanges(refs.changes, view);
          p.renderHistory(refs.history, mun, route.school, template);
        });
        refs.download.hidden = false;
        refs['start-previous'].hidden = refs.clear.hidden = true;
        refs.submit.textContent = 'Отправить новую редакцию';
        refresh();
        const ok = el('p', 'success');
        ok.setAttribute('role', 'status');
        ok.textContent = `Лист отправлен: редакция №${view.revision}. Итог — ${view.score.total} из ${view.score.applicableMax}.`;
        message(ok);
        ok.scrollIntoView({ block: 'center' });
      } catch (e) {
        submitFailed(e);
      }
    });
  });

  /** @param {unknown} failure */
  function submitFailed(failure) {
    const e = sync.submitFailed(failure);
    if (!e) return;
    const first = form.highlight(e.errors);
    const box = errorBox(e);
    if (first) {
      const go = el('button', 'button secondary', 'Перейти к первому незаполненному');
      go.type = 'button';
      go.addEventListener('click', () => SheetForm.reveal(first));
      box.append(go);
    }
    message(box);
    box.scrollIntoView({ block: 'center' });
  }

  main.replaceChildren(root);
  // Under the sheet, once it is drawn: the history is asked at once, beside its module.
  const history = api.history(mun, route.school);
  history.catch(() => { /* shown by renderHistory */ });
  refs.history.replaceChildren(loading('Загружаем историю…'));
  below((p) => {
    p.renderChanges(refs.changes, view);
    p.renderRevisions(refs.revisions, view.revisions, timeZone, revisionHash, route.revision, describeRevision);
    p.renderComments(refs.comments, view.comments ?? [], timeZone);
    if (view.can.comment) p.wireComments(refs, timeZone, (text) => api.comment(mun, route.school, route.month, text));
    p.renderHistory(refs.history, mun, route.school, template, history);
  }, () => {
    const note = () => el('p', 'muted', 'Эта часть страницы не загрузилась. Проверьте подключение к интернету и обновите страницу.');
    for (const target of [refs.changes, refs.history, refs.revisions]) target.replaceChildren(note());
  });
  // Practices from the bank for indicators at 0 two months running (a submitted month only; loaded on demand).
  if (view.revision > 0) {
    import('../practice-bank/suggestions.js')
      .then((m) => m.showSuggestions(refs['changes-panel'], mun, route.school, route.month))
      .catch(() => {});
  }
  return () => draft?.dispose();
}

/** An answer in words, for the conflict's choice. @param {string | null | undefined} v */
function answer(v) {
  return v === null || v === undefined ? 'нет ответа' : `${v === 'na' ? 'н/п' : v} (${answerNames[v] ?? v})`;
}

/**
 * A submitted revision of the self-assessment sheet in a few words: points, percentage, cluster.
 * @param {import('./types.js').RevisionSummary} r
 */
function describeRevision(r) {
  return `${r.total} из ${r.applicableMax}, ${percent(r.percent)}` + (r.cluster ? `, ${clusterShort[r.cluster]}` : '');
}
