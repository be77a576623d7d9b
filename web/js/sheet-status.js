// @ts-check
// The sheet's state in words: status, revision, who and when, the draft's synchronisation.

import { formatDateTime, formatTime, statusNames } from './format.js';

/**
 * @param {import('./dom.js').Refs} refs the sheet template's refs
 * @param {import('./draft-sync.js').SheetViewBase} view
 * @param {string} timeZone
 * @param {{ readOnlyNote?: string }} [options]
 */
export function renderStatus(refs, view, timeZone, options = {}) {
  refs.status.className = `badge status ${view.status}`;
  refs.status.textContent = statusNames[view.status] ?? view.status;
  const parts = [];
  if (view.revision > 0 && view.submitted) {
    parts.push(`Редакция №${view.revision} отправлена ${formatDateTime(view.submitted.at, timeZone)} (${view.submitted.name}).`);
  }
  if (view.status === 'changed') {
    parts.push(view.can?.edit
      ? 'После отправки лист изменён: отправьте его ещё раз, чтобы изменения увидели куратор и координатор.'
      : 'После отправки школа вносит изменения; в сводной таблице — отправленная редакция.');
  }
  if (view.status === 'draft') parts.push('Лист ещё не отправлен.');
  if (view.status === 'empty') parts.push(view.can?.edit ? 'Лист за этот месяц ещё не начат.' : 'Школа ещё не начала лист за этот месяц.');
  if (options.readOnlyNote) parts.push(options.readOnlyNote);
  refs['status-text'].textContent = parts.join(' ');
  refs.stamps.textContent = view.updated
    ? `Последнее изменение: ${view.updated.name}, ${formatDateTime(view.updated.at, timeZone)}.`
    : '';
}

/** Short forms for the bar at the bottom of the screen, visible while scrolling through the questions. */
const shortSync = /** @type {Record<string, string>} */ ({
  pending: 'сохранено на устройстве',
  saving: 'сохраняем…',
  saved: 'сохранено на сервере',
  offline: 'нет связи — сохранено на устройстве',
  conflict: 'лист изменили — выберите ответы вверху',
  error: 'не сохранено на сервере — сохранено на устройстве',
  submitting: 'отправляем…',
});

/**
 * The synchronisation line under the status, and its short form in the bottom bar.
 * @param {HTMLElement} target
 * @param {HTMLElement} short
 * @param {import('./draft-sync.js').SyncEvent} event
 * @param {string} timeZone the municipality's: the saved time reads as the other stamps on the page
 */
export function renderSync(target, short, event, timeZone) {
  short.textContent = shortSync[event.state] ?? '';
  short.className = `sticky-sync sync-${event.state}`;
  target.className = `status-line sync sync-${event.state}`;
  switch (event.state) {
    case 'pending':
      target.textContent = 'Изменения сохранены на этом устройстве, отправляем на сервер…';
      break;
    case 'saving':
      target.textContent = 'Сохраняем черновик на сервере…';
      break;
    case 'saved':
      target.textContent = `Черновик сохранён на сервере в ${formatTime(event.at ?? new Date(), timeZone)}.`;
      break;
    case 'offline':
      target.textContent = 'Нет связи: изменения сохранены на этом устройстве и уйдут на сервер, когда связь вернётся.';
      break;
    case 'conflict':
      target.textContent = 'Сохранение на сервер приостановлено: выберите выше, какие ответы оставить. Ваши ответы сохранены на этом устройстве.';
      break;
    case 'error':
      target.textContent = `Черновик не сохранён на сервере: ${event.error?.detail || event.error?.title || 'ошибка'}. Ваши ответы сохранены на этом устройстве.`;
      break;
    case 'submitting':
      target.textContent = 'Отправляем лист…';
      break;
    default:
      target.textContent = '';
  }
}
