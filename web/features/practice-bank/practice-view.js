// @ts-check
// One practice: its data, files (preview, download, upload while editable), links, state and the history of its
// review with comments. The author edits and submits it while it is a draft or returned; methodists and the
// coordinator take it into review, accept it into the bank or return it with a comment.

import { isWeek, weekRange } from '../weekly-cycle/format.js';
import { ApiError } from '../../js/api.js';
import { bankApi } from './api.js';
import { renderFiles } from './files.js';
import { actionNames, competenceNames, gradesText, kindNames, stateClass, stateNames } from './format.js';
import { uploadPanel } from './uploads.js';
import { busy, clone, el, errorBox, loading } from '../../js/dom.js';
import { formatDateTime } from '../../js/format.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./api.js').PracticeView} PracticeView */
/** @typedef {import('../../js/dom.js').Refs} Refs */

/** A message for the next practice page shown (after the form saved). */
let flash = '';

/** @param {string} text */
export function flashNext(text) {
  flash = text;
}

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {string} id
 * @returns {Promise<() => void>}
 */
export async function showPractice(main, session, id) {
  main.replaceChildren(loading('Загружаем практику…'));
  /** @type {PracticeView} */
  let view;
  /** @type {string | null} */
  let etag;
  /** @type {import('./api.js').PracticeOptions} */
  let options;
  try {
    const [answer, opts] = await Promise.all([bankApi.get(session.mun, id), bankApi.options()]);
    view = answer.data;
    etag = answer.etag ?? view.eTag ?? null;
    options = opts;
  } catch (e) {
    main.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return () => {};
  }

  /** @type {(() => void)[]} */
  let releases = [];
  const releaseAll = () => {
    releases.forEach((r) => r());
    releases = [];
  };

  const { root, refs } = clone('t-practice');
  main.replaceChildren(root);
  /** Shows one message under the state (the reviewer's return note stays). @param {Node | null} node */
  const message = (node) => {
    for (const old of refs.messages.querySelectorAll(':scope > :not(.returned-note)')) old.remove();
    if (node) refs.messages.append(node);
  };
  if (flash) {
    const ok = el('p', 'success', flash);
    ok.setAttribute('role', 'status');
    message(ok);
    flash = '';
  }

  /**
   * Redraws the page from a (new) view of the practice.
   * @param {PracticeView} next
   * @param {string | null} [nextEtag]
   */
  function render(next, nextEtag) {
    view = next;
    etag = nextEtag ?? view.eTag ?? etag;
    releaseAll();
    document.title = `${view.title} — Банк практик — MethodDays`;
    refs.title.textContent = view.title;
    refs.meta.textContent = [kindNames[view.kind] ?? view.kind, view.subject, gradesText(view.grades)].filter(Boolean).join(' · ');
    refs.school.textContent = `${view.schoolName} · ${view.schoolYear} учебный год`;
    refs.state.textContent = stateNames[view.state] ?? view.state;
    refs.state.className = `badge state ${stateClass[view.state] ?? ''}`;
    refs.version.textContent = `${view.version > 0 ? `версия ${view.version} · ` : ''}изменена ${formatDateTime(view.updatedAt, session.timeZone)}`;
    refs.description.textContent = view.description;
    facts(refs.facts, view, session);
    returnedNote(refs, view, session);
    authorActions(refs.actions, view);
    reviewForm(refs.review, view);
    releases.push(renderFiles(refs.files, session.mun, view, { onChanged: (v) => render(v) }));
    if (view.can.edit) {
      releases.push(uploadPanel(refs.uploads, {
        mun: session.mun, view, rules: options.upload,
        onFile: async (file) => {
          const ok = el('p', 'success', `Файл «${file.name}» загружен и приложен к практике.`);
          ok.setAttribute('role', 'status');
          try {
            const answer = await bankApi.get(session.mun, view.id);
            if (!root.isConnected) return;
            render(answer.data, answer.etag);
          } catch { /* the file is attached; the list catches up on the next visit */ }
          message(ok);
        },
      }));
    } else {
      refs.uploads.replaceChildren();
    }
    links(refs, view);
    history(refs.history, view, session);
  }

  /** @param {HTMLElement} host @param {PracticeView} v */
  function authorActions(host, v) {
    host.replaceChildren();
    if (!v.can.edit) return;
    const edit = el('a', 'button secondary', 'Изменить');
    edit.href = `#/practice/${encodeURIComponent(v.id)}/edit`;
    const submit = el('button', 'button primary', v.state === 'Returned' ? 'Отправить доработанную практику' : 'Отправить на рассмотрение');
    submit.type = 'button';
    submit.addEventListener('click', () => busy(submit, 'Отправляем…', async () => {
      try {
        render(await bankApi.submit(session.mun, v.id, etag));
        const ok = el('p', 'success', 'Практика отправлена на рассмотрение. Методисты получили уведомление.');
        ok.setAttribute('role', 'status');
        message(ok);
      } catch (e) {
        message(problemBox(e));
      }
    }));
    host.append(submit, edit);
    if (v.version === 0) {
      const remove = el('button', 'button secondary danger', 'Удалить черновик');
      remove.type = 'button';
      remove.addEventListener('click', () => {
        if (!window.confirm(`Удалить черновик «${v.title}» вместе с файлами?`)) return;
        busy(remove, 'Удаляем…', async () => {
          try {
            await bankApi.remove(session.mun, v.id);
            session.navigate('#/bank');
          } catch (e) {
            message(problemBox(e));
          }
        });
      });
      host.append(remove);
    }
    const hint = v.files.length === 0 && v.links.length === 0
      ? 'Перед отправкой приложите хотя бы один файл или ссылку.'
      : 'После отправки практику рассмотрит методист; изменить её можно будет, только если её вернут на доработку.';
    host.append(el('p', 'muted small full', hint));
  }

  /** @param {HTMLElement} host @param {PracticeView} v */
  function reviewForm(host, v) {
    host.replaceChildren();
    if (!v.can.review || !(v.state === 'Submitted' || v.state === 'InReview')) return;
    const { root: form, refs: r } = clone('t-practice-review');
    r.start.hidden = v.state !== 'Submitted';
    /**
     * @param {HTMLButtonElement} button
     * @param {'start' | 'accept' | 'return'} action
     * @param {string} busyText
     * @param {string} done
     */
    const act = (button, action, busyText, done) => {
      const comment = r.comment.value.trim();
      r.error.hidden = true;
      r.comment.removeAttribute('aria-invalid');
      if (action === 'return' && !comment) {
        fieldError('Напишите автору, что доработать: без комментария вернуть практику нельзя.');
        return;
      }
      busy(button, busyText, async () => {
        try {
          render(await bankApi.review(session.mun, v.id, action, comment, etag));
          const ok = el('p', 'success', done);
          ok.setAttribute('role', 'status');
          message(ok);
        } catch (e) {
          if (e instanceof ApiError && e.errors.comment) fieldError(e.errors.comment.join(' '));
          else message(problemBox(e));
        }
      });
    };
    const fieldError = (/** @type {string} */ text) => {
      r.error.hidden = false;
      r.error.textContent = text;
      r.comment.setAttribute('aria-invalid', 'true');
      r.comment.focus();
    };
    r.start.addEventListener('click', () => act(r.start, 'start', 'Берём…', 'Практика взята на рассмотрение: автор получил уведомление.'));
    r.accept.addEventListener('click', () => act(r.accept, 'accept', 'Принимаем…', 'Практика принята в банк.'));
    r.return.addEventListener('click', () => act(r.return, 'return', 'Возвращаем…', 'Практика возвращена автору на доработку с вашим комментарием.'));
    host.append(form);
  }

  render(view, etag);
  return releaseAll;
}

/**
 * A problem's box; a 409 says to reload and offers it.
 * @param {unknown} e
 */
function problemBox(e) {
  const box = errorBox(e);
  if (e instanceof ApiError && e.status === 409) {
    const reload = el('button', 'button secondary', 'Обновить страницу');
    reload.type = 'button';
    reload.addEventListener('click', () => location.reload());
    box.append(reload);
  }
  return box;
}

/**
 * Topic, authors, indicators as a definition list.
 * @param {HTMLElement} dl
 * @param {PracticeView} view
 * @param {Session} session
 */
function facts(dl, view, session) {
  dl.replaceChildren();
  /** @param {string} term @param {string | Node} value */
  const add = (term, value) => {
    const dd = el('dd');
    dd.append(value);
    dl.append(el('dt', '', term), dd);
  };
  add(view.authors.length > 1 ? 'Авторы' : 'Автор', view.authors.join(', '));
  add('Тема ЕМД', view.topicTitle ? `${view.topicTitle}${isWeek(view.topicWeek) ? ` (неделя ${weekRange(view.topicWeek)})` : ''}` : 'не указана');
  add('Школа', view.schoolName);
  if ((view.competences ?? []).length > 0) {
    add('Развивает компетенции', view.competences.map((c) => competenceNames[c] ?? c).join(', '));
  }
  if (view.indicators.length > 0) {
    const list = el('ul', 'plain-list');
    for (const id of view.indicators) list.append(el('li', '', id));
    add('Показатели листа оценки', list);
    // The indicators' texts come with the template (cached); fill them in when it arrives.
    session.template('current').then((template) => {
      /** @type {Map<string, string>} */
      const texts = new Map();
      for (const area of template.areas) for (const c of area.criteria) for (const i of c.items) texts.set(i.id, i.text);
      const items = [...list.children];
      view.indicators.forEach((/** @type {string} */ id, /** @type {number} */ n) => {
        const li = items[n];
        li.replaceChildren(el('span', 'item-id', id), document.createTextNode(` ${texts.get(id) ?? ''}`));
      });
    }).catch(() => { /* ids stay */ });
  }
}

/**
 * A returned practice shows the reviewer's last comment at the top, where the author looks first.
 * @param {Refs} refs
 * @param {PracticeView} view
 * @param {Session} session
 */
function returnedNote(refs, view, session) {
  refs.messages.querySelector('.returned-note')?.remove();
  if (view.state !== 'Returned') return;
  const last = [...view.history].reverse().find((h) => h.action === 'returned');
  if (!last) return;
  const box = el('div', 'conflict returned-note');
  box.append(
    el('p', 'error-title', 'Практика возвращена на доработку'),
    el('p', 'event-comment', last.comment ?? ''),
    el('p', 'muted small', `${last.byName}, ${formatDateTime(last.at, session.timeZone)}`));
  refs.messages.append(box);
}

/**
 * @param {Refs} refs
 * @param {PracticeView} view
 */
function links(refs, view) {
  refs.links.replaceChildren();
  refs['links-panel'].hidden = view.links.length === 0;
  for (const link of view.links) {
    const li = el('li');
    // The server accepts only http(s) addresses; checked again so no other scheme ever becomes a link.
    if (/^https?:\/\//i.test(link.url)) {
      const a = el('a', '', link.title || link.url);
      a.href = link.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      li.append(a, el('span', 'muted small link-url', link.url));
    } else {
      li.append(el('span', '', `${link.title}: ${link.url}`));
    }
    refs.links.append(li);
  }
}

/**
 * @param {HTMLElement} list
 * @param {PracticeView} view
 * @param {Session} session
 */
function history(list, view, session) {
  list.replaceChildren();
  for (const h of [...view.history].reverse()) {
    const { root, refs } = clone('t-practice-event');
    refs.who.textContent = h.byName;
    const file = h.action === 'file-added' || h.action === 'file-removed';
    refs.action.textContent = `${actionNames[h.action] ?? h.action}${file && h.comment ? ` «${h.comment}»` : ''}`;
    refs.when.textContent = `${formatDateTime(h.at, session.timeZone)}${h.version > 0 ? ` · версия ${h.version}` : ''}`;
    if (h.comment && !file) {
      refs.comment.hidden = false;
      refs.comment.textContent = h.comment;
    }
    if (h.action === 'returned' || h.action === 'accepted') root.classList.add(h.action);
    list.append(root);
  }
}
