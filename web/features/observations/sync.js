// @ts-check
// Sends what the phone kept (protocols, then their photos) when the server can be reached: at once when the page
// opens or the connection comes back, and again every half minute while something waits. One run at a time.

import { observationApi } from './api.js';
import { allPhotos, allProtocols, deletePhoto, getProtocol, pending, putPhoto, putProtocol } from './store.js';

/** @typedef {import('./store.js').ProtocolRecord} ProtocolRecord */

const RETRY_MS = 30000;

/** @type {Promise<void> | null} */
let running = null;
let again = false;
/** @type {Set<(state: { sending: boolean, offline: boolean }) => void>} */
const listeners = new Set();
let offline = false;
let started = false;

/**
 * Calls `listener` after every run (and when one starts); returns what stops it.
 * @param {(state: { sending: boolean, offline: boolean }) => void} listener
 */
export function onSync(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @param {boolean} sending */
function tell(sending) {
  for (const l of listeners) l({ sending, offline });
}

/** Starts the sender once per page. */
export function startSync() {
  if (started) return;
  started = true;
  window.addEventListener('online', () => { syncNow(); });
  setInterval(async () => {
    const p = await pending().catch(() => ({ protocols: 0, photos: 0 }));
    if (p.protocols + p.photos > 0) syncNow();
  }, RETRY_MS);
  syncNow();
}

/** Sends everything waiting; a call during a run makes one more run after it. @returns {Promise<void>} */
export function syncNow() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    tell(true);
    try {
      do {
        again = false;
        offline = false;
        await sendAll();
      } while (again && !offline);
    } finally {
      running = null;
      tell(false);
    }
  })();
  return running;
}

async function sendAll() {
  for (const record of await allProtocols()) {
    if (!record.dirty || record.error) continue;
    if (!(await sendProtocol(record))) return;
  }
  const protocols = new Map((await allProtocols()).map((p) => [p.key, p]));
  for (const photo of await allPhotos()) {
    const owner = protocols.get(photo.protocol);
    // A photo goes after its protocol reached the server (the server files it under that protocol).
    if (!owner || photo.error || (owner.etag === null && owner.dirty)) continue;
    try {
      const answer = await observationApi.uploadPhoto(owner, owner.observer, photo.id, photo.blob, photo.takenAt);
      const record = await getProtocol(owner.key);
      if (record?.server) {
        // The server's view of the protocol now lists the photo too (the page shows what the server has).
        const photos = (record.server.photos ?? []).filter((p) => p.id !== photo.id);
        await putProtocol({ ...record, server: { ...record.server, photos: [...photos, answer] } });
      }
      await deletePhoto(photo.id);
    } catch (e) {
      const error = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (e);
      if (error?.status === 0 || (error?.status ?? 0) >= 500 || error?.status === 401) {
        offline = error?.status === 0;
        return;
      }
      await putPhoto({ ...photo, error: error?.detail || 'Фото не принято.' });
    }
  }
}

/**
 * Sends one protocol. A change made meanwhile stays to send; a stale ETag brings the server's copy, which becomes
 * the new starting point, and the observer's own answers go again on top (it is their protocol, on their devices).
 * @param {ProtocolRecord} record
 * @returns {Promise<boolean>} false when the server cannot be reached (stop for now)
 */
async function sendProtocol(record) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const body = { templateVersion: record.templateVersion, ...record.content, writtenAt: record.writtenAt, base: record.base };
    try {
      const { data, etag } = await observationApi.save(record, record.observer, body, record.etag);
      const now = (await getProtocol(record.key)) ?? record;
      const changed = now.seq !== record.seq;
      // Unchanged meanwhile: the server's copy (with what another device added) becomes the phone's.
      await putProtocol({ ...now, etag, base: baseOf(data.content), server: data, dirty: changed, error: null, content: changed ? now.content : contentOf(data.content) });
      return true;
    } catch (e) {
      const error = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (e);
      if (error?.status === 409 && error.problem?.current) {
        const current = /** @type {import('./types.js').ProtocolView} */ (error.problem.current);
        record = { ...record, etag: /** @type {string | null | undefined} */ (error.problem.etag) ?? null, base: baseOf(current.content) };
        continue;
      }
      if (error?.status === 0 || (error?.status ?? 0) >= 500 || error?.status === 401) {
        offline = error?.status === 0;
        return false;
      }
      const now = (await getProtocol(record.key)) ?? record;
      await putProtocol({ ...now, error: fieldMessage(error) });
      return true;
    }
  }
  return true;
}

/** @param {import('../../js/api.js').ApiError | null | undefined} error */
function fieldMessage(error) {
  const first = Object.values(error?.errors ?? {})[0];
  return (Array.isArray(first) && first[0]) || error?.detail || 'Сервер не принял протокол.';
}

/**
 * What the server holds, as the starting point of the next merge.
 * @param {import('./types.js').ProtocolContent | null | undefined} content
 * @returns {import('./store.js').Base}
 */
export function baseOf(content) {
  return {
    marks: { ...(content?.marks ?? {}) },
    strengths: content?.strengths ?? '',
    problems: content?.problems ?? '',
    recommendations: content?.recommendations ?? '',
  };
}

/**
 * @param {import('./types.js').ProtocolContent | null | undefined} content
 * @returns {import('./store.js').Content}
 */
export function contentOf(content) {
  return { ...baseOf(content), notes: [...(content?.notes ?? [])] };
}
