// @ts-check
// A practice's files upload in resumable 4 MiB blocks (js/block-upload.js; uploads.js draws them): the bank's four
// upload requests, its sessions kept under the practice, and the bank's rules checked before anything is sent.

import { discard, startUpload as startBlocks, tasksFor as tasksIn, unfinished as unfinishedIn } from '../../js/block-upload.js';
import { bankApi } from './api.js';
import { formatBytes } from './format.js';

export { discard };

/** @param {string} mun @param {string} practiceId */
const scopeOf = (mun, practiceId) => `${mun}:${practiceId}`;

/**
 * Uploads of a practice started on this page (not yet finished, or finished with a refusal to show).
 * @param {string} mun
 * @param {string} practiceId
 */
export function tasksFor(mun, practiceId) {
  return tasksIn(scopeOf(mun, practiceId));
}

/**
 * Uploads of a practice left unfinished on this device: to continue one, the person picks the same file again.
 * @param {string} mun
 * @param {string} practiceId
 */
export function unfinished(mun, practiceId) {
  return unfinishedIn(scopeOf(mun, practiceId));
}

/**
 * Checks a chosen file against the bank's rules before anything is sent (the server checks again, and also the
 * content). Null when fine, else a Russian reason.
 * @param {File} file
 * @param {import('./api.js').UploadRules} rules `upload` of /api/practice-options
 * @param {number} fileCount files attached or on their way
 */
export function checkFile(file, rules, fileCount) {
  const dot = file.name.lastIndexOf('.');
  const extension = dot > 0 ? file.name.slice(dot).toLowerCase() : '';
  const rule = rules.kinds.find((k) => k.extensions.includes(extension));
  if (!rule) {
    return `Файлы «${extension || 'без расширения'}» не принимаются. Можно: ${allowedText(rules)}.`;
  }
  if (file.size === 0) return 'Файл пустой.';
  if (file.size > rule.maxBytes) {
    return `Файл слишком большой: ${formatBytes(file.size)}, а ${rule.title.toLowerCase()} можно до ${formatBytes(rule.maxBytes)}.`;
  }
  if (fileCount >= rules.maxFilesPerPractice) return `К практике можно приложить не больше ${rules.maxFilesPerPractice} файлов.`;
  return null;
}

/**
 * "документы (.doc, .docx …) до 50 МБ; …": what may be uploaded, as the form and the refusals say it.
 * @param {import('./api.js').UploadRules} rules
 */
function allowedText(rules) {
  return rules.kinds.map((k) => `${k.title.toLowerCase()} (${k.extensions.join(', ')}) до ${formatBytes(k.maxBytes)}`).join('; ');
}

/**
 * Queues a file for upload to a practice.
 * @param {{ mun: string, practiceId: string, file: File, onDone: (file: import('./api.js').PracticeFile) => void }} options
 */
export function startUpload(options) {
  const { mun, practiceId, file } = options;
  return startBlocks({
    scope: scopeOf(mun, practiceId),
    file,
    onDone: (view) => options.onDone(/** @type {import('./api.js').PracticeFile} */ (view.file)),
    endpoints: {
      start: () => bankApi.startUpload(mun, practiceId, file.name, file.size),
      status: (uploadId) => bankApi.uploadStatus(mun, practiceId, uploadId),
      sendBlock: (uploadId, index, bytes, o) => bankApi.sendBlock(mun, practiceId, uploadId, index, bytes, o),
      complete: (uploadId) => bankApi.completeUpload(mun, practiceId, uploadId),
    },
  });
}
