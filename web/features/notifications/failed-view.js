// @ts-check
// The coordinator's list of e-mails that could not be delivered after every retry (the notification queue's
// poison queue), with a button that puts them back on the queue. The in-app feed got them regardless.

import { notificationsApi } from './api.js';
import { canManage } from '../../js/session.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { plural } from '../../js/format.js';
import { noticeKinds, shortDateTime } from '../weekly-cycle/format.js';
import { showActionError } from '../weekly-cycle/parts.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string} [message]
 */
export async function showFailed(main, session, message = '') {
  const { root, refs } = clone('t-failed');
  document.title = 'Недоставленные письма — MethodDays';
  main.replaceChildren(root);
  if (!canManage(session)) {
    refs.body.append(el('p', 'notice', 'Недоставленные письма видит муниципальный координатор.'));
    return;
  }
  refs.status.textContent = message;
  refs.status.className = message ? 'success' : '';
  refs.body.append(loading('Загружаем недоставленные письма…'));
  /** @type {import('./api.js').FailedNotices} */
  let failed;
  try {
    failed = await notificationsApi.failedNotices(session.mun);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => showFailed(main, session)));
    return;
  }
  refs.body.replaceChildren();
  if (failed.total === 0) {
    refs.body.append(el('p', 'success', 'Все письма доставлены: недоставленных нет.'));
    return;
  }
  const { root: block, refs: r } = clone('t-failed-list');
  r.count.textContent = `Не доставлено ${failed.total} ${plural(failed.total, 'письмо', 'письма', 'писем')} после всех попыток.`
    + (failed.items.length < failed.total ? ` Показаны первые ${failed.items.length}.` : '');
  for (const n of failed.items) {
    const tr = el('tr');
    tr.append(
      el('td', '', n.personName),
      el('td', '', noticeKinds[n.kind]?.name ?? n.kind),
      el('td', '', n.subject),
      el('td', '', shortDateTime(n.createdAt, session.timeZone)),
      el('td', 'num', n.dequeueCount),
    );
    r.rows.append(tr);
  }
  const button = /** @type {HTMLButtonElement} */ (r.resend);
  button.textContent = `Отправить ещё раз (${failed.total})`;
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Отправляем…';
    try {
      const { resent } = await notificationsApi.resendFailed(session.mun);
      await showFailed(main, session, `Снова в очереди на отправку: ${resent} ${plural(resent, 'письмо', 'письма', 'писем')}. Если почтовый сервер по-прежнему недоступен, они вернутся в этот список.`);
    } catch (e) {
      button.disabled = false;
      button.textContent = `Отправить ещё раз (${failed.total})`;
      showActionError(r.error, e);
    }
  });
  refs.body.append(block);
}
