// @ts-check
// The sheet's questions: the template's 4 areas, their criteria and each indicator's exact text with a
// 2 / 1 / 0 / «не применимо» choice. The ВПР line is a heading with its 10 subject lines under it.

import { clone, el } from '../../js/dom.js';
import { answerNames } from '../../js/format.js';

const choices = ['2', '1', '0', 'na'];
const choiceMarks = /** @type {Record<string, string>} */ ({ 2: '2', 1: '1', 0: '0', na: 'н/п' });

/**
 * @typedef {import('./score.js').Template} Template
 * @typedef {{ root: HTMLElement, error: HTMLElement, inputs: HTMLInputElement[] }} IndicatorRefs
 */

export class SheetForm {
  /**
   * @param {HTMLElement} container where the areas go
   * @param {Template} template
   * @param {{ basicSchool: boolean, onChange: (id: string, value: string | null) => void }} options
   */
  constructor(container, template, options) {
    this.template = template;
    /** @type {Map<string, IndicatorRefs>} */
    this.indicators = new Map();
    /** @type {Map<string, HTMLElement>} */
    this.areaScores = new Map();
    this.readOnly = false;
    const proto = SheetForm.prototypeIndicator();
    const fragment = document.createDocumentFragment();
    for (const area of template.areas) {
      const a = clone('t-area');
      a.refs.title.textContent = `${area.id}. ${area.title}`;
      this.areaScores.set(area.id, a.refs.score);
      for (const criterion of area.criteria) {
        const c = clone('t-criterion');
        c.refs.title.textContent = `${criterion.id}. ${criterion.title}`;
        for (const item of criterion.items) {
          if (item.scored === false) {
            const h = clone('t-heading-item');
            h.refs.id.textContent = item.id;
            h.refs.text.textContent = item.text;
            c.refs.items.append(h.root);
            continue;
          }
          c.refs.items.append(this.indicator(proto, item, options.basicSchool));
        }
        a.refs.criteria.append(c.root);
      }
      fragment.append(a.root);
    }
    // One listener for every choice (a change bubbles up from its radio button).
    container.addEventListener('change', (event) => {
      const input = event.target;
      if (this.readOnly || !(input instanceof HTMLInputElement) || input.type !== 'radio') return;
      const id = input.closest('fieldset')?.dataset.id;
      if (!id || !this.indicators.has(id)) return;
      this.clearError(id);
      options.onChange(id, input.value);
    });
    container.replaceChildren(fragment);
  }

  /**
   * One indicator with its four choices, built once from the templates; each indicator of the sheet is a copy of it
   * (70 copies of one node instead of 350 template clones).
   * @returns {HTMLElement}
   */
  static prototypeIndicator() {
    const { root, refs } = clone('t-indicator');
    for (const value of choices) {
      const c = clone('t-choice');
      const input = /** @type {HTMLInputElement} */ (c.refs.input);
      input.value = value;
      input.setAttribute('aria-label', `${choiceMarks[value]} — ${answerNames[value]}`);
      c.refs.value.textContent = choiceMarks[value];
      c.refs.label.textContent = answerNames[value];
      if (value === 'na') c.root.classList.add('na');
      refs.choices.append(c.root);
    }
    return root;
  }

  /**
   * @param {HTMLElement} proto the indicator built once (prototypeIndicator)
   * @param {import('./score.js').Item} item
   * @param {boolean} basicSchool
   */
  indicator(proto, item, basicSchool) {
    const root = /** @type {HTMLElement} */ (proto.cloneNode(true));
    /** @type {Record<string, HTMLElement>} */
    const refs = {};
    for (const node of root.querySelectorAll('[data-ref]')) refs[/** @type {HTMLElement} */ (node).dataset.ref ?? ''] = /** @type {HTMLElement} */ (node);
    root.dataset.id = item.id;
    root.id = `indicator-${item.id.replaceAll('.', '-')}`;
    if (item.parent) root.classList.add('sub');
    refs.id.textContent = item.id;
    refs.text.textContent = item.text;
    if (item.seniorGradesOnly) {
      refs.hint.hidden = false;
      refs.hint.textContent = basicSchool
        ? 'Касается 10–11 классов: в основной школе (ООШ) их нет — отметьте «не применимо».'
        : 'Касается 10–11 классов.';
    }
    const name = `answer-${item.id}`;
    const inputs = /** @type {HTMLInputElement[]} */ ([...root.querySelectorAll('input')]);
    for (const input of inputs) input.name = name;
    this.indicators.set(item.id, { root, error: refs.error, inputs });
    return root;
  }

  /**
   * Shows the answers (missing ones unchecked).
   * @param {Record<string, string>} values
   */
  setValues(values) {
    for (const [id, refs] of this.indicators) {
      const v = values[id];
      for (const input of refs.inputs) input.checked = input.value === v;
      refs.root.classList.toggle('answered', v !== undefined);
    }
  }

  /**
   * @param {string} id
   * @param {string | null} value
   */
  markAnswered(id, value) {
    this.indicators.get(id)?.root.classList.toggle('answered', value !== null);
  }

  /** @param {boolean} readOnly */
  setReadOnly(readOnly) {
    this.readOnly = readOnly;
    for (const refs of this.indicators.values()) {
      for (const input of refs.inputs) input.disabled = readOnly;
      refs.root.classList.toggle('readonly', readOnly);
    }
  }

  /**
   * Highlights indicators named in a 400's `errors` (`values.<id>`); returns the first one.
   * @param {Record<string, string[]>} errors
   * @returns {HTMLElement | null}
   */
  highlight(errors) {
    this.clearErrors();
    /** @type {HTMLElement | null} */
    let first = null;
    for (const [key, messages] of Object.entries(errors)) {
      if (!key.startsWith('values.')) continue;
      const refs = this.indicators.get(key.slice('values.'.length));
      if (!refs) continue;
      refs.root.classList.add('invalid');
      refs.error.hidden = false;
      refs.error.textContent = messages.join(' ');
      refs.inputs[0].setAttribute('aria-invalid', 'true');
      first ??= refs.root;
    }
    return first;
  }

  /** @param {string} id */
  clearError(id) {
    const refs = this.indicators.get(id);
    if (!refs || !refs.root.classList.contains('invalid')) return;
    refs.root.classList.remove('invalid');
    refs.error.hidden = true;
    refs.inputs[0].removeAttribute('aria-invalid');
  }

  clearErrors() {
    for (const id of this.indicators.keys()) this.clearError(id);
  }

  /**
   * Writes each area's live score into its heading.
   * @param {import('./score.js').Score} score
   */
  showAreaScores(score) {
    for (const a of score.areas) {
      const target = this.areaScores.get(a.id);
      if (target) target.textContent = `${a.score} из ${a.applicableMax}`;
    }
  }

  /** Ids of unanswered indicators, in sheet order. @param {Record<string, string>} values */
  missing(values) {
    return [...this.indicators.keys()].filter((id) => values[id] === undefined);
  }

  /**
   * Brings an indicator into view and focuses its first choice.
   * @param {HTMLElement} root
   */
  static reveal(root) {
    root.scrollIntoView({ block: 'center' });
    root.querySelector('input')?.focus({ preventScroll: true });
  }
}

/**
 * A short answer badge for lists (before → after).
 * @param {string | null | undefined} value
 */
export function answerBadge(value) {
  if (value === null || value === undefined) return el('span', 'answer-mark none', '—');
  const mark = el('span', `answer-mark v${value}`, choiceMarks[value] ?? value);
  mark.title = answerNames[value] ?? value;
  return mark;
}
