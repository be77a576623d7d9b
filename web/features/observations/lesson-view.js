// @ts-check
// A lesson's protocols side by side: each observer's marks per item, how far two observers agree, the team lead's
// release for the teacher, and the teacher's self-analysis.

import { busy, clone, el, errorBox } from '../../js/dom.js';
import { formatDateTime } from '../../js/format.js';
import { observationApi } from './api.js';
import { lessonLine } from './protocol-view.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./api.js').LessonRef} LessonRef */

/**
 * «Совпадают 1 из 4 отметок (25 %), в пределах ±1 — 3 из 4 (75 %)».
 * @param {import('./types.js').AgreementView} pair
 */
export function agreementText(pair) {
  if (pair.compared === 0) return `${pair.firstName} и ${pair.secondName}: нет пунктов, отмеченных обоими.`;
  return `${pair.firstName} и ${pair.secondName}: совпадают ${pair.equal} из ${pair.compared} отметок (${pair.equalPercent} %), `
    + `в пределах ±1 — ${pair.withinOne} из ${pair.compared} (${pair.withinOnePercent} %)`;
}

/**
 * @param {HTMLElement} slot
 * @param {Session} session
 * @param {LessonRef} ref
 */
export async function showLesson(slot, session, ref) {
  /** @type {import('./types.js').LessonObservationsView} */
  let data;
  /** @type {string | null} */
  let etag;
  try {
    ({ data, etag } = await observationApi.lesson(ref));
  } catch (e) {
    slot.replaceChildren(errorBox(e, () => window.dispatchEvent(new HashChangeEvent('hashchange'))));
    return;
  }
  const template = await observationApi.template(ref.mun, data.templateVersion).catch(() => null);
  const { root, refs } = clone('t-obs-lesson');
  refs.eyebrow.textContent = `${data.schoolName} · визит`;
  refs.lesson.textContent = lessonLine(data.lesson);

  refs.agreement.replaceChildren(...data.agreement.map((p) => el('li', undefined, agreementText(p))));
  if (data.agreement.length === 0) {
    refs.agreement.append(el('li', 'muted', data.protocols.length < 2 ? 'Согласованность считается, когда урок отметили хотя бы два наблюдателя.' : ''));
  }

  const table = /** @type {HTMLTableElement} */ (refs.table);
  const head = table.createTHead().insertRow();
  head.append(el('th', undefined, 'Пункт'));
  for (const p of data.protocols) {
    const th = el('th');
    const link = el('a', undefined, p.observerName);
    link.href = `#/observe/${encodeURIComponent(ref.school)}/${encodeURIComponent(ref.visit)}/${encodeURIComponent(ref.lesson)}/by/${encodeURIComponent(p.observerId)}`;
    th.append(link);
    th.scope = 'col';
    head.append(th);
  }
  const body = table.createTBody();
  for (const section of template?.sections ?? []) {
    const scored = section.items.filter((i) => /** @type {import('./types.js').ProtocolTemplate} */ (template).scales.find((s) => s.id === i.scale)?.values.length);
    if (scored.length === 0) continue;
    const sectionRow = body.insertRow();
    const cell = el('th', 'section-row', section.title);
    cell.colSpan = data.protocols.length + 1;
    sectionRow.append(cell);
    for (const item of scored) {
      const row = body.insertRow();
      const th = el('th', undefined, item.text);
      th.scope = 'row';
      row.append(th);
      for (const p of data.protocols) row.append(el('td', 'cell-mark', p.marks[item.id] ?? '—'));
    }
  }

  for (const p of data.protocols) {
    if (!data.permissions.canRelease) break;
    const line = el('p');
    if (p.released) {
      line.textContent = `Протокол: ${p.observerName} — опубликован для педагога.`;
    } else {
      const button = el('button', 'button secondary', `Опубликовать для педагога протокол: ${p.observerName}`);
      button.type = 'button';
      button.addEventListener('click', () => busy(button, 'Публикуем…', async () => {
        try {
          await observationApi.release(ref, p.observerId);
          line.replaceChildren(`Протокол: ${p.observerName} — опубликован для педагога.`);
        } catch (e) {
          line.append(errorBox(e));
        }
      }));
      line.append(button);
    }
    refs.releases.append(line);
  }

  const drawSelf = (/** @type {import('./types.js').SelfAnalysisView | null} */ self) => {
    refs['self-text'].textContent = self?.text ?? 'Самоанализ ещё не записан.';
    refs['self-stamp'].textContent = self
      ? `${self.byTeacher ? 'Написал педагог' : `Записал со слов педагога: ${self.byName}`}, ${formatDateTime(self.writtenAt, session.timeZone)}`
      : '';
  };
  drawSelf(data.selfAnalysis);
  if (data.permissions.canWriteSelfAnalysis) {
    refs['self-form'].hidden = false;
    refs['self-label'].textContent = data.permissions.isTeacher ? 'Ваш самоанализ урока' : 'Самоанализ со слов педагога';
    refs['self-input'].value = data.selfAnalysis?.text ?? '';
    refs['self-form'].addEventListener('submit', (/** @type {Event} */ event) => {
      event.preventDefault();
      busy(refs['self-save'], 'Сохраняем…', async () => {
        try {
          const answer = await observationApi.selfAnalysis(ref, refs['self-input'].value, etag);
          etag = answer.etag;
          refs['self-error'].hidden = true;
          drawSelf(answer.data);
        } catch (e) {
          refs['self-error'].hidden = false;
          const error = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (e);
          refs['self-error'].textContent = error?.errors?.text?.[0] ?? error?.detail ?? 'Не сохранено.';
        }
      });
    });
  }
  slot.replaceChildren(root);
}
