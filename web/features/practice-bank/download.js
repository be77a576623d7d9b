// @ts-check
// Downloads that may be large (a video, the bank's zip): a progress line with «Отменить», then the file is saved.
// Requests need the bearer token, so a plain link cannot do it; the bytes come through fetch. Large files go
// straight to disk through the browser's save dialog where it exists (desktop Chrome, Edge), else through memory.

import { ApiError } from '../../js/api.js';
import { bytesOf, formatBytes } from './format.js';
import { clone, el, errorBox, saveFile } from '../../js/dom.js';

/** Above this size a file is written to disk as it arrives, when the browser allows it. */
const TO_DISK = 200 * 1024 * 1024;

/**
 * @typedef {{ onProgress: (received: number, total: number | null) => void, signal: AbortSignal,
 *   sink?: WritableStream<Uint8Array> }} TransferOptions
 * @typedef {(options: TransferOptions) => Promise<{ blob: Blob | null, fileName: string, type: string }>} Transfer
 */

/**
 * Shows a transfer's progress in `host` while `transfer` runs; resolves to its result, or null when cancelled or
 * failed (the failure is shown in `host`).
 * @param {HTMLElement} host
 * @param {Transfer} transfer
 * @param {{ sink?: WritableStream<Uint8Array>, verb?: string }} [options]
 */
export async function withProgress(host, transfer, options = {}) {
  const { root, refs } = clone('t-transfer');
  const controller = new AbortController();
  refs.cancel.addEventListener('click', () => controller.abort());
  const verb = options.verb ?? 'Скачивается';
  refs.text.textContent = `${verb}…`;
  refs.bar.removeAttribute('value');
  refs.bar.setAttribute('aria-label', verb);
  host.replaceChildren(root);
  try {
    const result = await transfer({
      signal: controller.signal,
      sink: options.sink,
      onProgress: (received, total) => {
        if (total) {
          const pct = Math.min(100, Math.floor((100 * received) / total));
          refs.bar.value = pct;
          refs.text.textContent = `${verb}: ${pct} % · ${bytesOf(received, total)}`;
        } else {
          refs.text.textContent = `${verb}: ${formatBytes(received)}`;
        }
      },
    });
    host.replaceChildren();
    return result;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') {
      host.replaceChildren(el('p', 'muted small', 'Отменено.'));
      return null;
    }
    host.replaceChildren(errorBox(e instanceof ApiError ? e : new ApiError(0, 'Не удалось получить файл', String(e))));
    return null;
  }
}

/**
 * Downloads and saves a file named `name` of about `size` bytes.
 * Must be called straight from a click: the save dialog needs the person's gesture.
 * @param {HTMLElement} host
 * @param {string} name
 * @param {number | null} size
 * @param {Transfer} transfer
 */
export async function downloadFile(host, name, size, transfer) {
  /** @type {WritableStream<Uint8Array> | undefined} */
  let sink;
  // Chromium's save dialog; not in every browser, nor yet in TypeScript's DOM types.
  const picker = /** @type {{ showSaveFilePicker?: (options: { suggestedName?: string }) => Promise<FileSystemFileHandle> }} */ (/** @type {unknown} */ (window)).showSaveFilePicker;
  if (size && size > TO_DISK && typeof picker === 'function') {
    try {
      const handle = await picker({ suggestedName: name });
      sink = await handle.createWritable();
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return; // the person closed the dialog
      sink = undefined;
    }
  }
  const result = await withProgress(host, transfer, { sink });
  if (!result) return;
  if (result.blob) saveFile(result.blob, result.fileName || name);
  else host.replaceChildren(el('p', 'success small', `Файл «${name}» сохранён.`));
}
