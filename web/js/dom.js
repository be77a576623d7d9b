// @ts-check
// Rendering helpers: every view clones a <template> and fills it with textContent, never HTML strings.

import { expandPageHeaders } from './page-header.js';

/**
 * A cloned template's `data-ref` elements by name. Open on purpose: which element a name is (an input, a button, a
 * list) is written in the HTML template, not known to the type checker; views use them as what their template has.
 * @typedef {Record<string, any>} Refs
 */

/**
 * Clones a <template> by id and returns its first element with its `data-ref` children.
 * @param {string} id
 * @returns {{ root: HTMLElement, refs: Refs }}
 */
export function clone(id) {
  const template = /** @type {HTMLTemplateElement | null} */ (document.getElementById(id));
  if (!template) throw new Error(`Template ${id} is missing`);
  const root = /** @type {HTMLElement} */ (template.content.firstElementChild?.cloneNode(true));
  expandPageHeaders(root);
  /** @type {Refs} */
  const refs = {};
  if (root.dataset.ref) refs[root.dataset.ref] = root;
  for (const el of root.querySelectorAll('[data-ref]')) {
    refs[/** @type {HTMLElement} */ (el).dataset.ref ?? ''] = el;
  }
  return { root, refs };
}

/**
 * Creates an element with an optional class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string | number | null} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/**
 * Replaces an element's children.
 * @param {Element} parent
 * @param {...(Node | string)} children
 */
export function replace(parent, ...children) {
  parent.replaceChildren(...children);
}

/**
 * A loading state with a message.
 * @param {string} [text]
 */
export function loading(text = 'Загрузка…') {
  const { root, refs } = clone('t-loading');
  refs.text.textContent = text;
  return root;
}

/**
 * A readable error box from an ApiError (or anything thrown).
 * @param {unknown} error
 * @param {(() => void) | null} [retry]
 */
export function errorBox(error, retry = null) {
  const { root, refs } = clone('t-error');
  // ApiError, or an Error given a title and detail (auth.js); anything else shows as text.
  const told = /** @type {{ title?: string, detail?: string } | null | undefined} */ (error);
  refs.title.textContent = told?.title ?? 'Что-то пошло не так';
  refs.detail.textContent = told?.detail ?? (error instanceof Error ? 'Обновите страницу и попробуйте ещё раз.' : String(error ?? ''));
  if (retry) {
    refs.retry.hidden = false;
    refs.retry.addEventListener('click', retry);
  }
  return root;
}

/**
 * Saves a Blob as a file via a temporary link (the API needs the Authorization header, so no plain link).
 * @param {Blob} blob
 * @param {string} fileName
 */
export function saveFile(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = el('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * Runs an async action with the button disabled and a busy label.
 * @param {HTMLButtonElement} button
 * @param {string} busyText
 * @param {() => Promise<unknown>} action its result is not used
 */
export async function busy(button, busyText, action) {
  const text = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyText;
  try {
    await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    // The action may have relabelled the button (e.g. "Отправить новую редакцию"); keep that.
    if (button.textContent === busyText) button.textContent = text;
  }
}
