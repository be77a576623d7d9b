// @ts-check
// Endpoints of notifications: the feed, e-mail choices, undelivered e-mails. Paths and bodies only: every request goes
// through api.js (the one module that calls fetch), so errors are the same ApiError.

import { request } from '../../js/api.js';

/** @param {string} mun */
const base = (mun) => `/api/municipalities/${encodeURIComponent(mun)}`;

export const notificationsApi = {
  /** @param {number} [take] @returns {Promise<{ unread: number, items: any[] }>} */
  feed: async (take) => (await request(take ? `/api/feed?take=${take}` : '/api/feed')).data,
  /** @param {string | null} id one item, or null for all @returns {Promise<{ unread: number, items: any[] }>} */
  markRead: async (id) => (await request('/api/feed/read', { method: 'POST', body: id === null ? {} : { id } })).data,
  /** @returns {Promise<{ off: string[], kinds: string[] }>} */
  emailPreferences: async () => (await request('/api/me/email-preferences')).data,
  /** @param {string[]} off @returns {Promise<{ off: string[], kinds: string[] }>} */
  saveEmailPreferences: async (off) => (await request('/api/me/email-preferences', { method: 'PUT', body: { off } })).data,
  /** @param {string} mun @returns {Promise<{ total: number, items: any[] }>} */
  failedNotices: async (mun) => (await request(`${base(mun)}/notifications/failed`)).data,
  /** @param {string} mun @returns {Promise<{ resent: number }>} */
  resendFailed: async (mun) => (await request(`${base(mun)}/notifications/failed/resend`, { method: 'POST' })).data,
};
