// @ts-check
// The upload part of a practice's files: what may be uploaded and how big, the file chooser, one row per file with
// its progress (percent, MB of MB, time left), cancel and retry, refusals with the server's reason, and uploads
// left unfinished on this device, which continue when the same file is chosen again.

import { bankApi } from './api.js';
import { bytesOf, formatBytes, formatDuration } from './format.js';
import { clone, el } from '../../js/dom.js';
import { checkFile, discard, startUpload, tasksFor, unfinished } from './upload.js';

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
      refs.list.append(taskRow(task, unsubscribe));
    }
    showUnfinished();
  });

  for (const task of tasksFor(mun, view.id)) refs.list.append(taskRow(task, unsubscribe));

  function showUnfinished() {
    const sessions = unfinished(mun, view.id);
    refs.unfinished.replaceChildren();
    for (const s of sessions) {
      const box = el('div', 'notice small');
      box.setAttribute('role', 'status');
      const text = el('p', '', `Загрузка файла «${s.name}» (${formatBytes(s.size)}) не закончена. `
        + 'Выберите этот файл ещё раз — загрузка продолжится с того же места.');
      const forget = el('button', 'button secondary', 'Не продолжать');
      forget.type = 'button';
      forget.addEventListener('click', () => {
        discard(s);
        box.remove();
      });
      box.append(text, forget);
      refs.unfinished.append(box);
      // How far it got, from the server (one small request per unfinished file).
      bankApi.uploadStatus(mun, view.id, s.uploadId).then((u) => {
        if (u.state !== 'open') {
          discard(s);
          box.remove();
          return;
        }
        const done = Math.min(s.size, u.received.length * u.blockSize);
        text.textContent = `Загрузка файла «${s.name}» остановилась на ${Math.floor((100 * done) / s.size)} % (${bytesOf(done, s.size)}). `
          + 'Выберите этот файл ещё раз — загрузка продолжится с того же места.';
      }).catch(() => { /* the hint above still holds */ });
    }
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

/**
 * @param {import('./upload.js').UploadTask} task
 * @param {(() => void)[]} unsubscribe
 */
function taskRow(task, unsubscribe) {
  const { root, refs } = clone('t-bank-upload');
  refs.name.textContent = task.file.name;
  refs.size.textContent = formatBytes(task.total);
  refs.bar.setAttribute('aria-label', `Загрузка файла «${task.file.name}»`);
  refs.cancel.setAttribute('aria-label', `Отменить загрузку «${task.file.name}»`);
  refs.cancel.addEventListener('click', () => task.cancel());
  refs.retry.addEventListener('click', () => task.retryNow());
  let lastState = '';
  const draw = () => {
    const pct = Math.floor((100 * task.loaded) / task.total);
    refs.bar.value = pct;
    const left = task.rate > 0 && task.state === 'uploading' ? ` · осталось ${formatDuration((task.total - task.loaded) / task.rate)}` : '';
    refs.figures.textContent = `${pct} % · ${bytesOf(task.loaded, task.total)}${left}`;
    if (task.message !== refs.message.textContent) refs.message.textContent = task.message;
    if (task.state !== lastState) {
      lastState = task.state;
      root.className = `upload ${task.state}`;
      const stopped = task.state === 'refused' || task.state === 'failed';
      refs.message.setAttribute('role', stopped ? 'alert' : 'status');
      refs.retry.hidden = task.state !== 'retrying';
      refs.cancel.hidden = !task.active;
      if (stopped) {
        const dismiss = el('button', 'button secondary', 'Понятно');
        dismiss.type = 'button';
        dismiss.addEventListener('click', () => {
          task.state = 'cancelled';
          root.remove();
        });
        refs.cancel.after(dismiss);
      }
      if (task.state === 'done' || task.state === 'cancelled') root.remove();
    }
  };
  unsubscribe.push(task.subscribe(draw));
  draw();
  return root;
}
