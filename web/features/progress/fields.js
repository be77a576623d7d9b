// @ts-check
// Labelled fields and the server's field errors for the progress sheet's and the help plan's forms. Each field is
// registered under its request field name (`days[0].date`, `dueDate`); an error whose key has no field of its own
// is shown at the nearest registered parent (`days[0]`, then `days`).

import { clone } from '../../js/dom.js';
import { uid } from './format.js';

/** @typedef {{ box: HTMLElement, error: HTMLElement, control: HTMLElement | null }} Slot */

export class FieldSlots {
  constructor() {
    /** @type {Map<string, Slot>} */
    this.slots = new Map();
    /** @type {Record<string, string[]>} */
    this.errors = {};
  }

  /**
   * A labelled field with its error line (template `t-pg-field`), registered under `key`.
   * @param {string} key
   * @param {string | null} label null when the control labels itself (a checkbox inside its own label)
   * @param {HTMLElement} control
   */
  field(key, label, control) {
    const { root, refs } = clone('t-pg-field');
    control.id = uid('pg');
    if (label) {
      refs.label.textContent = label;
      refs.label.htmlFor = control.id;
    } else {
      refs.label.remove();
    }
    refs.slot.replaceWith(control.closest('label') ?? control);
    this.register(key, root, refs.error, control);
    return root;
  }

  /** @param {string} key @param {HTMLElement} box @param {HTMLElement} error @param {HTMLElement | null} control */
  register(key, box, error, control) {
    error.id = uid('err');
    this.slots.set(key, { box, error, control });
  }

  /** Forgets the fields of redrawn rows (`days[`). @param {string} prefix */
  forget(prefix) {
    for (const key of [...this.slots.keys()]) if (key.startsWith(prefix)) this.slots.delete(key);
  }

  /** @param {string} key */
  has(key) {
    return this.slots.has(key);
  }

  /**
   * Shows these errors, and only these.
   * @param {Record<string, string[]>} errors
   * @returns {HTMLElement | null} the first field with an error, to scroll to
   */
  show(errors) {
    this.errors = { ...errors };
    return this.apply();
  }

  /** @returns {HTMLElement | null} */
  apply() {
    /** @type {Map<Slot, string[]>} */
    const shown = new Map();
    for (const [key, messages] of Object.entries(this.errors)) {
      const slot = this.slotFor(key);
      if (slot) shown.set(slot, [...(shown.get(slot) ?? []), ...messages]);
    }
    /** @type {HTMLElement | null} */
    let first = null;
    for (const slot of this.slots.values()) {
      const messages = shown.get(slot) ?? [];
      paint(slot, messages);
      if (messages.length > 0) first ??= slot.box;
    }
    return first;
  }

  /** @param {string} key */
  slotFor(key) {
    let k = key;
    for (;;) {
      const slot = this.slots.get(k);
      if (slot) return slot;
      const cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
      if (cut <= 0) return null;
      k = k.slice(0, cut);
    }
  }

  /** The field was edited: its message goes. @param {string} key */
  clear(key) {
    if (!this.errors[key]) return;
    delete this.errors[key];
    this.apply();
  }

  /** Row numbers shift when a row goes: that list's errors no longer point at the right rows. @param {string} list */
  drop(list) {
    for (const key of Object.keys(this.errors)) if (key === list || key.startsWith(`${list}[`)) delete this.errors[key];
  }
}

/** @param {Slot} slot @param {string[]} messages */
function paint(slot, messages) {
  slot.error.textContent = messages.join(' ');
  slot.error.hidden = messages.length === 0;
  slot.box.classList.toggle('invalid', messages.length > 0);
  if (!slot.control) return;
  if (messages.length > 0) {
    slot.control.setAttribute('aria-invalid', 'true');
    slot.control.setAttribute('aria-describedby', slot.error.id);
  } else {
    slot.control.removeAttribute('aria-invalid');
    slot.control.removeAttribute('aria-describedby');
  }
}
