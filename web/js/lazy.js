// @ts-check
// Loading a feature when its route is opened: its modules (with import()) and its templates (an HTML fragment of
// <template> elements beside its modules). Imports nothing from the features.

import { errorBox, loading } from './dom.js';

/** @type {Map<string, Promise<void>>} */
const fragments = new Map();

/**
 * Adds a feature's <template> elements to the page, once. The fragment is the app's own static file (never
 * anything from the API), served from the same versioned address as the modules and kept by the service worker.
 * @param {URL | string} url usually `new URL('./templates.html', import.meta.url)`
 * @returns {Promise<void>}
 */
export function loadTemplates(url) {
  const key = String(url);
  let done = fragments.get(key);
  if (!done) {
    done = fetch(key, { credentials: 'same-origin' }).then(async (response) => {
      if (!response.ok) throw new Error(`Templates ${key}: ${response.status}`);
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      const holder = document.createElement('div');
      holder.hidden = true;
      holder.dataset.templates = key;
      for (const template of doc.querySelectorAll('template')) holder.append(document.adoptNode(template));
      document.body.append(holder);
    });
    done.catch(() => fragments.delete(key));
    fragments.set(key, done);
  }
  return done;
}

/**
 * Loads a feature (or one of its views) on demand; offline without it, says so with a retry instead of a blank page.
 * @template T
 * @param {HTMLElement} slot
 * @param {() => Promise<T>} load
 * @returns {Promise<T | null>}
 */
export async function lazy(slot, load) {
  if (!slot.firstChild) slot.replaceChildren(loading('Загружаем раздел…'));
  try {
    return await load();
  } catch {
    slot.replaceChildren(errorBox({ title: 'Раздел не загрузился', detail: 'Проверьте подключение к интернету и повторите.' },
      () => window.dispatchEvent(new HashChangeEvent('hashchange'))));
    return null;
  }
}
