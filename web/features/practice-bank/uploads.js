// @ts-check
// The upload part of a practice's files: what may be uploaded and how big, the file chooser, one row per file with
// its progress (js/block-upload.js uploadRow), refusals with the server's reason, and uploads left unfinished on this
// device, which continue when the same file is chosen again.

import { bankApi } from './api.js';
import { formatBytes } from './format.js';
import { clone, el } from '../../js/dom.js';
import { unfinishedNote, uploadRow } from '../../js/block-upload.js';
import { checkFile, startUpload, tasksFor, unfinished } from './upload.js';

/**
 * @param {HTMLElement} host
 * @param {{ mun: string, view: import('./api.js').PracticeView, rules: import('./api.js').UploadRules,
 *   onFile: (file: import('./api.js').PracticeFile) => void }} options
 * @returns {() => void} release: stops drawing (uploads go on; the page finds them again when reopened)
 */
export function uploadPanel(host, options) {
  const { mun, view, rules } = options;
  const { root, refs } = clone('t-bank-uploads');
  /** @type {(() => void)[]} */
  const unsubscribe = [];

  refs.rules.replaceChildren(allowedList(rules), el('p', 'muted', `Не больше ${rules.maxFilesPerPractice} файлов к одной практике. `
    + 'Большие файлы загружаются частями по 4 МБ: если связь прервётся, загрузка продолжится с того же места.'));
  refs.input.accept = rules.kinds.flatMap((k) => k.extensions).join(',');

  const count = () => view.files.length + tasksFor(mun, view.id).filter((t) => t.active).length;

  refs.input.addEventListener('change', () => {
    const files = /** @type {File[]} */ ([...refs.input.files]);
    refs.input.value = '';
    for (const file of files) {
      const same = tasksFor(mun, view.id).find((t) => t.active && t.file.name === file.name && t.file.size === file.size);
      if (same) continue;
      const reason = checkFile(file, rules, count());
      if (reason) {
        refs.list.prepend(refusedRow(file, reason));
        continue;
      }
      const task = startUpload({ mun, practiceId: view.id, file, onDone: options.onFile });
      refs.list.append(uploadRow(task, unsubscribe));
    }
    showUnfinished();
  });

  for (const task of tasksFor(mun, view.id)) refs.list.append(uploadRow(task, unsubscribe));

  function showUnfinished() {
    // How far each got, from the server (one small request per unfinished file).
    refs.unfinished.replaceChildren(...unfinished(mun, view.id).map((s) => unfinishedNote(s, (id) => bankApi.uploadStatus(mun, view.id, id))));
  }
  showUnfinished();

  host.replaceChildren(root);
  return () => unsubscribe.forEach((u) => u());
}

/**
 * What may be uploaded and how big, one kind a line.
 * @param {import('./api.js').UploadRules} rules `upload` of /api/practice-options
 */
export function allowedList(rules) {
  const list = el('ul', 'allowed');
  for (const k of rules.kinds) {
    const li = el('li');
    li.append(el('strong', '', k.title), document.createTextNode(` (${k.extensions.join(', ')}) — до ${formatBytes(k.maxBytes)}`));
    list.append(li);
  }
  return list;
}

/**
 * @param {File} file
 * @param {string} reason
 */
function refusedRow(file, reason) {
  const li = el('li', 'upload refused');
  const message = el('p', 'upload-message', reason);
  message.setAttribute('role', 'alert');
  const dismiss = el('button', 'button secondary', 'Понятно');
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => li.remove());
  li.append(el('p', 'upload-name', `${file.name} · ${formatBytes(file.size)}`), message, dismiss);
  return li;
}
