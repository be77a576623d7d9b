// @ts-check
// A question asked in the page, in place of the button that needs it (not the browser's confirm(): it reads as the
// page's own text and looks the same on every phone). Leaf module, loaded when a question is first asked.

/** The question open at each button: asking again answers it «no» first. @type {WeakMap<HTMLElement, (ok: boolean) => void>} */
const open = new WeakMap();

/**
 * Hides `anchor` and shows the question with two buttons after it; resolves true on «yes». Either answer removes
 * the question and gives the button back (focus returns to it on «no»).
 * @param {HTMLElement} anchor the button that asked
 * @param {string} question
 * @param {string} yes
 * @param {string} [no]
 * @returns {Promise<boolean>}
 */
export function ask(anchor, question, yes, no = 'Отмена') {
  open.get(anchor)?.(false);
  const panel = document.createElement('div');
  panel.className = 'conflict ask';
  panel.setAttribute('role', 'group');
  const text = document.createElement('p');
  text.id = `ask-${Math.random().toString(36).slice(2, 10)}`;
  text.textContent = question;
  panel.setAttribute('aria-labelledby', text.id);
  const row = document.createElement('div');
  row.className = 'actions';
  const make = (/** @type {string} */ label, /** @type {string} */ cls) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `button ${cls}`;
    b.textContent = label;
    return b;
  };
  const yesButton = make(yes, 'primary');
  const noButton = make(no, 'secondary');
  row.append(yesButton, noButton);
  panel.append(text, row);
  const wasHidden = anchor.hidden;
  anchor.hidden = true;
  anchor.after(panel);
  yesButton.focus();
  return new Promise((resolve) => {
    const answer = (/** @type {boolean} */ ok) => {
      open.delete(anchor);
      panel.remove();
      anchor.hidden = wasHidden;
      if (!ok) anchor.focus();
      resolve(ok);
    };
    open.set(anchor, answer);
    yesButton.addEventListener('click', () => answer(true));
    noButton.addEventListener('click', () => answer(false));
  });
}

