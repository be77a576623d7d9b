// @ts-check
// The unread count beside «Уведомления» in the header. One small request (`take=1`) after the first view, again
// when the person comes back to the tab or moves to another page (at most once a minute), and every five minutes
// while the tab is visible. A failure keeps the last count: the header never shows an error.

import { notificationsApi } from './api.js';
import { plural } from '../../js/format.js';

const MIN_GAP_MS = 60_000;
const POLL_MS = 5 * 60_000;

/** @type {HTMLAnchorElement | null} */
let link = null;
/** @type {HTMLElement | null} */
let count = null;
let last = 0;
let inFlight = false;

/**
 * @param {HTMLAnchorElement} bell
 * @param {HTMLElement} counter
 */
export function startBadge(bell, counter) {
  link = bell;
  count = counter;
  refresh(true);
  window.addEventListener('hashchange', () => refresh(false));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refresh(false);
  });
  setInterval(() => {
    if (document.visibilityState === 'visible') refresh(true);
  }, POLL_MS);
}

/** @param {boolean} force */
async function refresh(force) {
  if (inFlight || (!force && Date.now() - last < MIN_GAP_MS)) return;
  inFlight = true;
  try {
    const feed = await notificationsApi.feed(1);
    showUnread(feed.unread);
  } catch {
    // Keep the last count; the feed page itself reports errors.
  } finally {
    last = Date.now();
    inFlight = false;
  }
}

/**
 * Sets the count (the feed page calls this after marking notices read).
 * @param {number} unread
 */
export function showUnread(unread) {
  if (!link || !count) return;
  count.hidden = unread === 0;
  count.textContent = unread > 99 ? '99+' : String(unread);
  // The spoken name starts with what is seen («Уведомления 3»), as WCAG 2.5.3 asks.
  link.setAttribute('aria-label', unread === 0 ? 'Уведомления: новых нет'
    : `Уведомления: ${unread} ${plural(unread, 'непрочитанное', 'непрочитанных', 'непрочитанных')}`);
  link.classList.toggle('has-unread', unread > 0);
}
