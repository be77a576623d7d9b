// @ts-check
// The one page header (eyebrow, title, subtitle, actions, «Справка», «Печать»), built from a template's
// <header data-page-head …> placeholder by clone() in dom.js; the attributes are listed in docs/frontend.md. Leaf module.

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
        // The dialog's code loads on the first click, keeping it off the first screen.
        button.addEventListener('click', () => { void import('./help-dialog.js').then((m) => m.openHelp(key, title.textContent ?? '', button)); });
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
