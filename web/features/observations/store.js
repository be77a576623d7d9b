// @ts-check
// Protocols and photos kept on the phone until the server has them (IndexedDB: it survives a closed tab, holds photo
// Blobs, and is not limited to localStorage's few megabytes). Imports nothing.

const DB_NAME = 'methoddays-observations';
const PROTOCOLS = 'protocols';
const PHOTOS = 'photos';

/**
 * @typedef {{ marks: Record<string, string>, notes: { id: string, at: string, text: string }[],
 *   strengths: string, problems: string, recommendations: string }} Content
 * @typedef {{ marks: Record<string, string>, strengths: string, problems: string, recommendations: string }} Base
 * @typedef {{ key: string, mun: string, school: string, visit: string, lesson: string, observer: string,
 *   templateVersion: string, content: Content, writtenAt: string, base: Base | null, etag: string | null,
 *   dirty: boolean, seq: number, error?: string | null, server?: import('./types.js').ProtocolView }} ProtocolRecord
 *   `base`: what the server held at the last sync (the merge starts from it); `seq` counts local changes, so a send
 *   knows whether the person changed something while it was on its way; `server`: the last server view.
 * @typedef {{ id: string, protocol: string, blob: Blob, takenAt: string, error?: string | null }} PhotoRecord
 */

/** @type {Promise<IDBDatabase> | null} */
let opening = null;

/** @returns {Promise<IDBDatabase>} */
function db() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        const d = request.result;
        d.createObjectStore(PROTOCOLS, { keyPath: 'key' });
        d.createObjectStore(PHOTOS, { keyPath: 'id' }).createIndex('protocol', 'protocol');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    opening.catch(() => { opening = null; });
  }
  return opening;
}

/**
 * @template T
 * @param {string} store
 * @param {IDBTransactionMode} mode
 * @param {(s: IDBObjectStore) => IDBRequest<T>} action
 * @returns {Promise<T>}
 */
async function run(store, mode, action) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const tx = d.transaction(store, mode);
    const request = action(tx.objectStore(store));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * The key of an observer's protocol of a lesson.
 * @param {string} mun @param {string} school @param {string} visit @param {string} lesson @param {string} observer
 */
export const protocolKey = (mun, school, visit, lesson, observer) => [mun, school, visit, lesson, observer].join('|');

/** @param {string} key @returns {Promise<ProtocolRecord | undefined>} */
export const getProtocol = (key) => run(PROTOCOLS, 'readonly', (s) => s.get(key));

/** @param {ProtocolRecord} record */
export const putProtocol = (record) => run(PROTOCOLS, 'readwrite', (s) => s.put(record));

/** @returns {Promise<ProtocolRecord[]>} */
export const allProtocols = () => run(PROTOCOLS, 'readonly', (s) => s.getAll());

/** @param {PhotoRecord} photo */
export const putPhoto = (photo) => run(PHOTOS, 'readwrite', (s) => s.put(photo));

/** @param {string} id */
export const deletePhoto = (id) => run(PHOTOS, 'readwrite', (s) => s.delete(id));

/** @returns {Promise<PhotoRecord[]>} */
export const allPhotos = () => run(PHOTOS, 'readonly', (s) => s.getAll());

/** @param {string} key @returns {Promise<PhotoRecord[]>} */
export const photosOf = (key) => run(PHOTOS, 'readonly', (s) => s.index('protocol').getAll(key));

/** What is still only on this phone. @returns {Promise<{ protocols: number, photos: number }>} */
export async function pending() {
  const [protocols, photos] = await Promise.all([allProtocols(), allPhotos()]);
  return { protocols: protocols.filter((p) => p.dirty).length, photos: photos.length };
}

/** A new id for a note or a photo: letters and digits, as the server accepts. */
export function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
