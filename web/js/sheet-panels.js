// @ts-check
// Panels both sheets (self-assessment and progress) show under the sheet: submitted revisions and reviewers' comments.

import { busy, clone, el } from './dom.js';
import { formatDateTime, roleNames } from './format.js';

/**
 * What both sheets' views carry (server: MonthlyForms FormContracts): a submitted revision in the list, a reviewer's
 * comment, who did something when.
 * @typedef {{ number: number, submittedAt: string, submittedByName: string }} Revision
 * @typedef {{ id: string, authorName: string, authorRole: import('./api.js').Role, text: string, createdAt: string, revision: number }} Comment
 * @typedef {{ personId: string, name: string, at: string }} Stamp
 */

/**
 * Submitted revisions, newest first, each a link to its read-only view with the sheet's own summary of it.
 * @template {Revision} R
 * @param {HTMLElement} target
 * @param {R[] | undefined} revisions
 * @param {string} timeZone
 * @param {(n: number) => string} hrefFor
 * @param {number | null} shown the revision on screen, if any
 * @param {(r: R) => string} describe what the revision held («70 из 140, 50 %», «ЕМД 2, педагогов 5»)
 */
export function renderRevisions(target, revisions, timeZone, hrefFor, shown, describe) {
  revisions ??= [];
  if (revisions.length === 0) {
    target.replaceChildren(el('p', 'muted', 'Лист за этот месяц ещё не отправлялся.'));
    return;
  }
  const list = el('ol', 'revisions');
  for (const r of revisions) {
    const li = el('li');
    const link = el('a', '', `Редакция №${r.number}`);
    link.href = hrefFor(r.number);
    if (shown === r.number) link.setAttribute('aria-current', 'page');
    li.append(link, el('span', 'muted', ` — ${formatDateTime(r.submittedAt, timeZone)}, ${r.submittedByName}: ${describe(r)}`));
    list.append(li);
  }
  target.replaceChildren(list);
}

/**
 * @param {HTMLElement} list
 * @param {Comment[]} comments
 * @param {string} timeZone
 */
export function renderComments(list, comments, timeZone) {
  list.replaceChildren();
  if (comments.length === 0) {
    list.append(el('li', 'muted', 'Комментариев пока нет.'));
    return;
  }
  for (const c of comments) list.append(commentItem(c, timeZone));
}

/**
 * @param {Comment} c
 * @param {string} timeZone
 */
export function commentItem(c, timeZone) {
  const { root, refs } = clone('t-comment');
  refs.author.textContent = c.authorName;
  refs.meta.textContent = `${roleNames[c.authorRole] ?? ''}, ${formatDateTime(c.createdAt, timeZone)}, к редакции №${c.revision}`;
  refs.text.textContent = c.text;
  return root;
}

/**
 * The reviewers' comment box under a sheet: sends the text, shows the comment in the list, keeps the text on failure.
 * @param {import('./dom.js').Refs} refs the page's refs (`comment-form`, `comment-text`, `comment-send`, `comment-error`, `comments`)
 * @param {string} timeZone
 * @param {(text: string) => Promise<Comment>} send
 * @param {{ offlineHint?: boolean }} [options] say that the text stays in the box when the connection is down
 */
export function wireComments(refs, timeZone, send, options = {}) {
  refs['comment-form'].hidden = false;
  refs['comment-form'].addEventListener('submit', (/** @type {Event} */ event) => {
    event.preventDefault();
    const text = refs['comment-text'].value.trim();
    refs['comment-error'].hidden = true;
    if (!text) {
      refs['comment-error'].hidden = false;
      refs['comment-error'].textContent = 'Напишите комментарий.';
      return;
    }
    busy(refs['comment-send'], 'Отправляем…', async () => {
      try {
        const comment = await send(text);
        if (!refs.comments.querySelector('.comment')) refs.comments.replaceChildren();
        refs.comments.append(commentItem(comment, timeZone));
        refs['comment-text'].value = '';
      } catch (e) {
        const err = /** @type {{ errors?: Record<string, string[]>, detail?: string, title?: string, offline?: boolean } | null | undefined} */ (e);
        refs['comment-error'].hidden = false;
        refs['comment-error'].textContent = err?.errors?.text?.join(' ') || err?.detail || err?.title || 'Комментарий не отправлен.';
        if (options.offlineHint && err?.offline) refs['comment-error'].textContent += ' Текст остался в поле — отправьте ещё раз, когда связь вернётся.';
      }
    });
  });
}
