// @ts-check
// The page header every view shows, one copy: the eyebrow line, the title, a subtitle, the actions slot, and the
// «Справка» (and, on the printable pages, «Печать») buttons. A view's template holds only its data:
//
//   <header data-page-head data-help="self-assessment/sheet" data-eyebrow-ref="school-short"
//           data-title="Лист оценки результативности" data-title-ref="title" data-actions="toolbar" data-print></header>
//
// `clone()` (dom.js) turns every such placeholder into the header below before the view sees its `data-ref`
// elements, so views keep filling `refs.title`, `refs.toolbar`… Any children of the placeholder (a page's extra
// lines) follow the subtitle. Leaf module: imports nothing (dom.js imports it).
//
// Attributes: data-eyebrow (text) / data-eyebrow-ref, data-back (the eyebrow is a link there) / data-back-ref,
// data-title / data-title-ref / data-title-class, data-subtitle / data-subtitle-ref / data-subtitle-class,
// data-actions (the slot's ref) / data-actions-class, data-help ("feature/page": the text is the
// <template id="help-{page}"> in features/{feature}/help.html, fetched when first opened), data-print.

/**
 * @typedef {{
 *   eyebrow?: string, eyebrowRef?: string, back?: string, backRef?: string,
 *   title?: string, titleRef?: string, titleClass?: string,
 *   subtitle?: string, subtitleRef?: string, subtitleClass?: string,
 *   actions?: string, actionsClass?: string, help?: string, print?: string
 * }} PageHeader
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | undefined} cls
 * @param {string | undefined} ref
 * @param {string | undefined} text
 */
function part(tag, cls, ref, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (ref) node.dataset.ref = ref;
  if (text) node.textContent = text;
  return node;
}

/**
 * The header for a page, from its data.
 * @param {PageHeader} data
 * @param {Node[]} [extra] page-specific lines after the subtitle
 * @returns {HTMLElement}
 */
export function renderPageHeader(data, extra = []) {
  const head = document.createElement('header');
  head.className = 'page-head';
  if (data.eyebrow !== undefined || data.eyebrowRef || data.back !== undefined) {
    const eyebrow = part('p', 'eyebrow', data.back !== undefined ? undefined : data.eyebrowRef, data.back !== undefined ? undefined : data.eyebrow);
    if (data.back !== undefined) {
      const link = part('a', undefined, data.backRef, data.eyebrow);
      link.href = data.back;
      eyebrow.append(link);
    }
    head.append(eyebrow);
  }
  const title = part('h1', data.titleClass, data.titleRef, data.title);
  head.append(title);
  if (data.subtitle !== undefined || data.subtitleRef) {
    head.append(part('p', data.subtitleClass ?? 'muted', data.subtitleRef, data.subtitle));
  }
  head.append(...extra);
  const tools = data.help || data.print !== undefined;
  if (data.actions || tools) {
    const actions = part('div', data.actionsClass ?? 'toolbar', data.actions, undefined);
    if (tools) {
      const own = part('div', 'page-tools', undefined, undefined);
      if (data.help) {
        const button = part('button', 'button secondary help-button', undefined, 'Справка');
        button.type = 'button';
        button.setAttribute('aria-haspopup', 'dialog');
        const key = data.help;
        button.addEventListener('click', () => { void openHelp(key, title.textContent ?? '', button); });
        own.append(button);
      }
      if (data.print !== undefined) {
        const button = part('button', 'button secondary print-button', undefined, 'Печать');
        button.type = 'button';
        button.addEventListener('click', () => window.print());
        own.append(button);
      }
      actions.append(own);
    }
    head.append(actions);
  }
  return head;
}

/**
 * Replaces every `[data-page-head]` placeholder in a cloned template with its header.
 * @param {HTMLElement} root
 */
export function expandPageHeaders(root) {
  for (const holder of root.querySelectorAll('[data-page-head]')) {
    const data = /** @type {PageHeader} */ ({ ...(/** @type {HTMLElement} */ (holder).dataset) });
    holder.replaceWith(renderPageHeader(data, [...holder.childNodes]));
  }
}

/** @type {Map<string, Promise<Document>>} */
const helpFiles = new Map();

/**
 * A feature's help texts: the app's own static file beside the feature's modules (same release address, so the
 * service worker keeps it once opened). Never anything from the API.
 * @param {string} feature
 */
function helpFile(feature) {
  const url = new URL(`../features/${feature}/help.html`, import.meta.url).href;
  let file = helpFiles.get(url);
  if (!file) {
    file = fetch(url, { credentials: 'same-origin' }).then(async (response) => {
      if (!response.ok) throw new Error(`help ${feature}: ${response.status}`);
      return new DOMParser().parseFromString(await response.text(), 'text/html');
    });
    file.catch(() => helpFiles.delete(url));
    helpFiles.set(url, file);
  }
  return file;
}

/**
 * Opens the page's «Справка» as a dialog.
 * @param {string} key "feature/page"
 * @param {string} pageTitle
 * @param {HTMLElement} opener focus returns here when it closes
 */
async function openHelp(key, pageTitle, opener) {
  const [feature, page] = key.split('/');
  const dialog = document.createElement('dialog');
  dialog.className = 'help-dialog';
  dialog.setAttribute('aria-labelledby', 'help-title');
  const heading = part('h2', undefined, undefined, `Справка: ${pageTitle}`);
  heading.id = 'help-title';
  const body = part('div', 'help-body', undefined, 'Загружаем справку…');
  const close = part('button', 'button secondary', undefined, 'Закрыть');
  close.type = 'button';
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => { dialog.remove(); opener.focus(); });
  dialog.append(heading, body, close);
  document.body.append(dialog);
  dialog.showModal();
  try {
    const doc = await helpFile(feature ?? '');
    const template = /** @type {HTMLTemplateElement | null} */ (doc.getElementById(`help-${page}`));
    body.replaceChildren(template ? document.importNode(template.content, true) : 'Справки для этой страницы пока нет.');
  } catch {
    body.textContent = 'Справка не загрузилась. Проверьте подключение к интернету и откройте её ещё раз.';
  }
}
