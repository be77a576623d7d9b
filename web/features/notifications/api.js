// @ts-check
// Endpoints of notifications: the feed, e-mail choices, undelivered e-mails. Paths and bodies only: every request goes
// through api.js (the one module that calls fetch), so errors are the same ApiError.

import { request } from '../../js/api.js';

/**
 * The server's answers (NotificationContracts.cs). Dates are ISO strings; `link` is the page's hash to open.
 * @typedef {'TopicPublished' | 'Reminder' | 'Overdue' | 'MonthlySheet' | 'Comment' | 'Review' | 'Visit' | 'PracticeInvitation' | 'RouteItemOverdue' | 'Subscription'} NotificationKind
 * @typedef {{ id: string, kind: NotificationKind, subject: string, text: string, link: string | null, createdAt: string,
 *   read: boolean }} FeedItem
 * @typedef {{ unread: number, items: FeedItem[] }} Feed
 * @typedef {{ messageId: string, personId: string, personName: string, kind: NotificationKind, subject: string,
 *   createdAt: string, dequeueCount: number }} FailedNotice  an e-mail that could not be sent, with its attempts
 * @typedef {{ total: number, items: FailedNotice[] }} FailedNotices
 * @typedef {{ off: NotificationKind[], kinds: NotificationKind[] }} EmailPreferences
 */

/** @param {string} mun */
const base = (mun) => `/api/municipalities/${encodeURIComponent(mun)}`;

export const notificationsApi = {
  /** @param {number} [take] @returns {Promise<Feed>} */
  feed: async (take) => (await request(take ? `/api/feed?take=${take}` : '/api/feed')).data,
  /** @param {string | null} id one item, or null for all @returns {Promise<Feed>} */
  markRead: async (id) => (await request('/api/feed/read', { method: 'POST', body: id === null ? {} : { id } })).data,
  /** @returns {Promise<EmailPreferences>} */
  emailPreferences: async () => (await request('/api/me/email-preferences')).data,
  /** @param {string[]} off @returns {Promise<EmailPreferences>} */
  saveEmailPreferences: async (off) => (await request('/api/me/email-preferences', { method: 'PUT', body: { off } })).data,
  /** @param {string} mun @returns {Promise<FailedNotices>} */
  failedNotices: async (mun) => (await request(`${base(mun)}/notifications/failed`)).data,
  /** @param {string} mun @returns {Promise<{ resent: number }>} */
  resendFailed: async (mun) => (await request(`${base(mun)}/notifications/failed/resend`, { method: 'POST' })).data,
};
