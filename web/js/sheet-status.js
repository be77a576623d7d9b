// @ts-check
// The sheet's state in words: status, revision, who and when, the draft's synchronisation, and the conflict panel.

import { clone, el } from './dom.js';
import { answerNames, formatDateTime, formatTime, statusNames } from './format.js';

/**
 * @param {Record<string, any>} refs the sheet template's refs
 * @param {any} view SheetView
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
  conflict: 'лист изменили — выберите версию вверху',
  error: 'не сохранено на сервере — сохранено на устройстве',
  submitting: 'отправляем…',
});

/**
 * The synchronisation line under the status, and its short form in the bottom bar.
 * @param {HTMLElement} target
 * @param {HTMLElement} short
 * @param {import('../features/self-assessment/draft.js').SyncEvent} event
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
      target.textContent = 'Сохранение на сервер приостановлено: лист изменил другой пользователь (см. выше). Ваши ответы сохранены на этом устройстве.';
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

/**
 * The conflict panel: who changed the sheet, what differs, keep mine or take theirs.
 * @param {any} server the server's current SheetView
 * @param {Record<string, string>} mine
 * @param {any} template
 * @param {string} timeZone
 * @param {{ keep: () => void, take: () => void }} actions
 */
export function conflictPanel(server, mine, template, timeZone, actions) {
  const { root, refs } = clone('t-conflict');
  const who = server.updated?.name ?? 'Другой пользователь';
  const when = server.updated?.at ? `, ${formatDateTime(server.updated.at, timeZone)}` : '';
  refs.text.textContent = `${who} сохранил(а) этот лист${when}, пока вы его заполняли. `
    + 'Ваши ответы не потеряны — они сохранены на этом устройстве. Выберите, какую версию оставить.';
  const theirs = /** @type {Record<string, string>} */ (server.values ?? {});
  const items = template.areas.flatMap((/** @type {any} */ a) => a.criteria.flatMap((/** @type {any} */ c) => c.items))
    .filter((/** @type {any} */ i) => i.scored !== false && mine[i.id] !== theirs[i.id]);
  refs['diff-summary'].textContent = items.length === 0
    ? 'Ответы совпадают'
    : `Различаются ${items.length} ${items.length === 1 ? 'ответ' : items.length < 5 ? 'ответа' : 'ответов'}`;
  for (const item of items) {
    const li = el('li');
    li.append(el('span', 'item-id', item.id), document.createTextNode(` ${item.text} `),
      el('span', 'diff-values', `ваш: ${label(mine[item.id])}; на сервере: ${label(theirs[item.id])}`));
    refs.diff.append(li);
  }
  refs.keep.addEventListener('click', actions.keep);
  refs.take.addEventListener('click', actions.take);
  return root;
}

/** @param {string | undefined} v */
function label(v) {
  return v === undefined ? 'нет ответа' : `${v === 'na' ? 'н/п' : v} (${answerNames[v]})`;
}
