// @ts-check
// Small pieces both subscription pages use: a labelled field, a check box, a choice list and an error with its fields.

import { el, errorBox } from '../../js/dom.js';

let next = 0;

/**
 * A labelled control in a `.field` block; `data-field` names the request field it reports errors for.
 * @template {HTMLElement} T
 * @param {string} label @param {T} control @param {string} field
 */
export function field(label, control, field) {
  const box = el('div', 'field');
  box.dataset.field = field;
  control.id = control.id || `sub-${field}-${++next}`;
  const l = el('label', undefined, label);
  l.htmlFor = control.id;
  box.append(l, control);
  return box;
}

/** @param {string} type @param {string} [value] */
export function input(type, value = '') {
  const i = el('input');
  i.type = type;
  i.value = value;
  return i;
}

/** @param {{ code: string, label: string }[]} choices @param {string} [selected] @param {string} [empty] */
export function select(choices, selected = '', empty) {
  const s = el('select');
  if (empty !== undefined) s.append(new Option(empty, ''));
  for (const c of choices) s.append(new Option(c.label, c.code, false, c.code === selected));
  return s;
}

/** @param {string} label @param {boolean} [checked] */
export function check(label, checked = false) {
  const box = el('input');
  box.type = 'checkbox';
  box.checked = checked;
  const l = el('label', 'check');
  l.append(box, ` ${label}`);
  return { label: l, box };
}

/**
 * Shows a refusal: its title and detail, then each field's message beside its field (or in the list when the form has none).
 * @param {HTMLElement} messages @param {HTMLElement} form @param {unknown} error
 */
export function showError(messages, form, error) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const f of form.querySelectorAll('.field.invalid')) f.classList.remove('invalid');
  messages.replaceChildren(errorBox(error));
  const errors = /** @type {{ errors?: Record<string, string[]> }} */ (error ?? {}).errors ?? {};
  const list = el('ul', 'plain-list');
  for (const [name, texts] of Object.entries(errors)) {
    const at = form.querySelector(`[data-field="${CSS.escape(name.split('.')[0])}"]`);
    for (const text of texts) {
      if (at) {
        at.classList.add('invalid');
        at.append(el('p', 'field-error', text));
      } else {
        list.append(el('li', 'field-error', text));
      }
    }
  }
  if (list.childElementCount > 0) messages.append(list);
}
