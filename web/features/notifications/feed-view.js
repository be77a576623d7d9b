// @ts-check
// The person's notices: new topics, reminders, overdue steps, monthly sheets, comments. Unread ones stand out
// (bold and a word, not only colour); opening a notice's link marks it read; «Прочитать все» clears the count.

import { notificationsApi } from './api.js';
import { canManage } from '../../js/session.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { showUnread } from './badge.js';
import { plural } from '../../js/format.js';
import { appHash, noticeKinds, shortDateTime } from '../weekly-cycle/format.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 */
export async function showFeed(main, session) {
  const { root, refs } = clone('t-feed');
  document.title = 'Уведомления — MethodDays';
  refs.list.append(loading('Загружаем уведомления…'));
  main.replaceChildren(root);
  if (canManage(session)) {
    const p = el('p', 'week-links');
    const a = el('a', '', 'Недоставленные письма');
    a.href = '#/undelivered';
    const prefs = el('a', '', 'Какие письма получать');
    prefs.href = '#/profile';
    p.append(prefs, a);
    refs.links.replaceChildren(p);
  }
  try {
    draw(refs, session, await notificationsApi.feed());
  } catch (e) {
    refs.list.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
  }
}

/**
 * @param {import('../../js/dom.js').Refs} refs
 * @param {Session} session
 * @param {import('./api.js').Feed} feed
 */
function draw(refs, session, feed) {
  showUnread(feed.unread);
  refs.count.textContent = feed.unread === 0 ? 'Новых уведомлений нет.' : `Непрочитанных: ${feed.unread}.`;
  const all = /** @type {HTMLButtonElement} */ (refs['read-all']);
  all.hidden = feed.unread === 0;
  all.onclick = async () => {
    all.disabled = true;
    all.textContent = 'Отмечаем…';
    try {
      draw(refs, session, await notificationsApi.markRead(null));
    } catch (e) {
      refs.count.after(errorBox(e));
    } finally {
      all.disabled = false;
      all.textContent = 'Отметить все прочитанными';
    }
  };

  const list = /** @type {HTMLElement} */ (refs.list);
  list.replaceChildren();
  if (feed.items.length === 0) {
    list.append(el('li', 'muted', 'Здесь будут новые темы ЕМД, напоминания о сроках и комментарии к листам.'));
    return;
  }
  for (const item of feed.items) {
    const { root, refs: r } = clone('t-feed-item');
    root.classList.toggle('unread', !item.read);
    r.kind.textContent = noticeKinds[item.kind]?.name ?? item.kind;
    r.new.hidden = item.read;
    r.subject.textContent = item.subject;
    r.text.textContent = item.text;
    r.when.textContent = shortDateTime(item.createdAt, session.timeZone);
    const hash = appHash(item.link);
    if (hash) {
      r.open.href = hash;
      r.open.addEventListener('click', () => {
        // Marks it read on the way; the page it opens does not wait for that.
        if (!item.read) notificationsApi.markRead(item.id).then((f) => showUnread(f.unread)).catch(() => {});
      });
    } else {
      r.open.remove();
    }
    const read = /** @type {HTMLButtonElement} */ (r.read);
    read.hidden = item.read;
    read.setAttribute('aria-label', `Отметить прочитанным: ${item.subject}`);
    read.addEventListener('click', async () => {
      read.disabled = true;
      try {
        draw(refs, session, await notificationsApi.markRead(item.id));
        refs.count.focus();
      } catch (e) {
        read.disabled = false;
        read.after(errorBox(e));
      }
    });
    list.append(root);
  }
  if (feed.items.length >= 50) {
    list.append(el('li', 'muted small', `Показаны последние ${feed.items.length} ${plural(feed.items.length, 'уведомление', 'уведомления', 'уведомлений')}.`));
  }
}
