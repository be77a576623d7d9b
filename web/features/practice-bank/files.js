// @ts-check
// A practice's files: name, kind and size; preview in the page (images, audio and video with the browser's own
// player, text) or in the browser's PDF viewer in a new tab; download; removal from a draft.
// Video, audio and PDF play from a signed link the server gives for the file, so the browser streams them with
// range requests (a video starts at once and seeks without downloading whole); images and text are small and are
// fetched with the token and shown from an object URL. Previews load only when asked for.

import { ApiError } from '../../js/api.js';
import { bankApi } from './api.js';
import { downloadFile, withProgress } from './download.js';
import { fileKindNames, formatBytes, previewKind } from './format.js';
import { busy, clone, el, errorBox } from '../../js/dom.js';

/** @typedef {import('./api.js').PracticeView} PracticeView */
/** @typedef {import('./api.js').PracticeFile} PracticeFile */

/** Above this, the preview button says how much it will download. */
const BIG = 20 * 1024 * 1024;

/**
 * @param {HTMLElement} list the `<ul>`
 * @param {string} mun
 * @param {PracticeView} view the practice
 * @param {{ onChanged: (view: PracticeView) => void }} hooks
 * @returns {() => void} release: frees the previews' memory
 */
export function renderFiles(list, mun, view, hooks) {
  /** @type {Set<string>} */
  const urls = new Set();
  list.replaceChildren();
  if (view.files.length === 0) {
    list.append(el('li', 'muted', view.can.edit ? 'Файлов пока нет.' : 'Файлов нет.'));
  }
  for (const file of view.files) list.append(fileRow(mun, view, file, urls, hooks));
  return () => {
    for (const url of urls) URL.revokeObjectURL(url);
    urls.clear();
  };
}

/**
 * @param {string} mun
 * @param {PracticeView} view
 * @param {PracticeFile} file
 * @param {Set<string>} urls
 * @param {{ onChanged: (view: PracticeView) => void }} hooks
 */
function fileRow(mun, view, file, urls, hooks) {
  const { root, refs } = clone('t-practice-file');
  const kind = previewKind(file);
  refs.kind.textContent = fileKindNames[file.kind] ?? file.kind;
  refs.name.textContent = file.name;
  refs.size.textContent = formatBytes(file.size);
  refs.download.setAttribute('aria-label', `Скачать «${file.name}»`);
  refs.download.addEventListener('click', () =>
    downloadFile(refs.transfer, file.name, file.size, (o) => bankApi.file(mun, view.id, file, { ...o, download: true })));

  if (kind) {
    const label = kind === 'pdf' ? 'Открыть PDF' : 'Просмотр';
    const streams = kind === 'video' || kind === 'audio' || kind === 'pdf';
    const caption = () => (!streams && file.size > BIG ? `${label} (загрузит ${formatBytes(file.size)})` : label);
    refs.preview.hidden = false;
    refs.preview.textContent = caption();
    refs.preview.setAttribute('aria-expanded', 'false');
    /** @type {string | null} */
    let url = null;
    /** @type {Blob | null} */
    let blob = null;
    const close = () => {
      refs.view.replaceChildren();
      refs.preview.setAttribute('aria-expanded', 'false');
      refs.preview.textContent = caption();
    };
    refs.preview.addEventListener('click', async () => {
      if (refs.preview.getAttribute('aria-expanded') === 'true') {
        close();
        return;
      }
      const clicked = performance.now();
      if (!url && streams) {
        refs.preview.disabled = true;
        try {
          url = (await bankApi.fileLink(mun, view.id, file.id)).url;
        } catch (e) {
          refs.transfer.replaceChildren(errorBox(e instanceof ApiError ? e : null));
          return;
        } finally {
          refs.preview.disabled = false;
        }
      }
      if (!url) {
        refs.preview.disabled = true;
        const result = await withProgress(refs.transfer, (o) => bankApi.file(mun, view.id, file, o), { verb: 'Загружается для просмотра' });
        refs.preview.disabled = false;
        if (!result?.blob) return;
        blob = result.blob;
        url = URL.createObjectURL(blob);
        urls.add(url);
      }
      refs.view.replaceChildren(await previewOf(kind, file, url, /** @type {Blob} */ (blob)));
      refs.preview.setAttribute('aria-expanded', 'true');
      refs.preview.textContent = 'Скрыть просмотр';
      // The PDF viewer cannot be framed (the page's policy allows no blob: frames): a new tab, opened at once if
      // the click is recent enough for the browser to allow it, else by the link shown.
      if (kind === 'pdf' && performance.now() - clicked < 4000) window.open(url, '_blank');
    });
  }

  if (view.can.edit) {
    refs.remove.hidden = false;
    refs.remove.setAttribute('aria-label', `Убрать файл «${file.name}»`);
    refs.remove.addEventListener('click', () => {
      if (!window.confirm(`Убрать файл «${file.name}» из практики?`)) return;
      busy(refs.remove, 'Убираем…', async () => {
        try {
          hooks.onChanged(await bankApi.deleteFile(mun, view.id, file.id));
        } catch (e) {
          refs.transfer.replaceChildren(errorBox(e instanceof ApiError ? e : null));
        }
      });
    });
  }
  return root;
}

/**
 * The element that shows a loaded file.
 * @param {'image' | 'audio' | 'video' | 'pdf' | 'text'} kind
 * @param {PracticeFile} file
 * @param {string} url
 * @param {Blob} blob
 * @returns {Promise<HTMLElement>}
 */
async function previewOf(kind, file, url, blob) {
  switch (kind) {
    case 'image': {
      const img = el('img', 'preview-image');
      img.src = url;
      img.alt = `Изображение «${file.name}»`;
      return img;
    }
    case 'audio': {
      const audio = el('audio', 'preview-media');
      audio.controls = true;
      audio.preload = 'metadata';
      audio.src = url;
      audio.setAttribute('aria-label', file.name);
      return audio;
    }
    case 'video': {
      const video = el('video', 'preview-media');
      video.controls = true;
      video.playsInline = true;
      video.preload = 'metadata';
      video.src = url;
      video.setAttribute('aria-label', file.name);
      return video;
    }
    case 'pdf': {
      const p = el('p', 'small');
      const a = el('a', 'button secondary', 'Открыть PDF в новой вкладке');
      a.href = url;
      a.target = '_blank';
      a.rel = 'noopener';
      p.append(a, el('span', 'muted', ' — файл откроется во встроенном просмотрщике браузера.'));
      return p;
    }
    default: {
      // Text is shown as text: textContent, never markup. The first 200 KB are plenty to see what it is.
      const text = await blob.slice(0, 200 * 1024).text();
      const pre = el('pre', 'preview-text', text);
      pre.tabIndex = 0;
      return pre;
    }
  }
}
