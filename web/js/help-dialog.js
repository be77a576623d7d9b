// @ts-check
// The «Справка» dialog of the page header (page-header.js), loaded when a person first opens it. Leaf module.

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | undefined} cls
 * @param {string} text
 */
function part(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  node.textContent = text;
  return node;
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
export async function openHelp(key, pageTitle, opener) {
  const [feature, page] = key.split('/');
  const dialog = document.createElement('dialog');
  dialog.className = 'help-dialog';
  dialog.setAttribute('aria-labelledby', 'help-title');
  const heading = part('h2', undefined, `Справка: ${pageTitle}`);
  heading.id = 'help-title';
  const body = part('div', 'help-body', 'Загружаем справку…');
  const close = part('button', 'button secondary', 'Закрыть');
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
