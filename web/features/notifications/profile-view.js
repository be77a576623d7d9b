// @ts-check
// The person's profile: which e-mails to receive (the in-app feed always gets every notice), and for school
// staff and curators the school's calendar of the week's steps to subscribe to on a phone.

import { cycleApi } from '../weekly-cycle/api.js';
import { notificationsApi } from './api.js';
import { clone, errorBox, loading } from '../../js/dom.js';
import { roleNames } from '../../js/format.js';
import { noticeKinds } from '../weekly-cycle/format.js';
import { clearActionError, showActionError } from '../weekly-cycle/parts.js';

/** @typedef {import('../../js/session.js').Session} Session */

/**
 * @param {HTMLElement} main
 * @param {Session} session
 */
export async function showProfile(main, session) {
  const { root, refs } = clone('t-profile');
  const me = session.me;
  document.title = 'Профиль — MethodDays';
  refs.name.textContent = me.member.displayName;
  refs.meta.textContent = [roleNames[me.member.role] ?? me.member.role, me.member.email, me.municipality.name].filter(Boolean).join(' · ');
  refs.prefs.append(loading('Загружаем настройки писем…'));
  main.replaceChildren(root);

  const calendarSchools = ['SchoolAdmin', 'Teacher', 'Curator'].includes(me.member.role)
    ? me.schools.filter((s) => me.member.schoolIds.includes(s.id))
    : [];
  if (calendarSchools.length === 0) refs['calendar-panel'].remove();
  for (const s of calendarSchools) refs.calendars.append(calendarRow(session, s));

  try {
    refs.prefs.replaceChildren(preferences(await notificationsApi.emailPreferences(), me.member.email));
  } catch (e) {
    refs.prefs.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
  }
}

/**
 * @param {{ off: string[], kinds: string[] }} prefs
 * @param {string | null} email
 */
function preferences(prefs, email) {
  const { root, refs } = clone('t-email-prefs');
  refs.lead.textContent = email
    ? `Письма приходят на ${email}. Все уведомления всегда видны в разделе «Уведомления».`
    : 'Адрес электронной почты не указан: уведомления видны только в разделе «Уведомления».';
  const off = new Set(prefs.off);
  for (const kind of prefs.kinds) {
    const { root: row, refs: r } = clone('t-email-kind');
    r.input.value = kind;
    r.input.checked = !off.has(kind);
    r.name.textContent = noticeKinds[kind]?.name ?? kind;
    r.hint.textContent = noticeKinds[kind]?.hint ?? '';
    refs.kinds.append(row);
  }
  root.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearActionError(refs.error);
    refs.saved.textContent = '';
    const inputs = /** @type {HTMLInputElement[]} */ ([...root.querySelectorAll('input[type="checkbox"]')]);
    const button = /** @type {HTMLButtonElement} */ (refs.save);
    button.disabled = true;
    button.textContent = 'Сохраняем…';
    try {
      const saved = await notificationsApi.saveEmailPreferences(inputs.filter((i) => !i.checked).map((i) => i.value));
      refs.saved.textContent = saved.off.length === 0
        ? 'Сохранено: приходят все письма.'
        : `Сохранено: не присылать — ${saved.off.map((k) => noticeKinds[k]?.name ?? k).join(', ')}.`;
    } catch (e) {
      showActionError(refs.error, e, 'off');
    } finally {
      button.disabled = false;
      button.textContent = 'Сохранить';
    }
  });
  return root;
}

/**
 * A school's calendar link: fetched on request (it creates the school's secret address once), with a copy button.
 * @param {Session} session
 * @param {import('../../js/api.js').School} school
 */
function calendarRow(session, school) {
  const { root, refs } = clone('t-calendar-row');
  refs.school.textContent = school.shortName;
  refs.get.setAttribute('aria-label', `Получить ссылку на календарь: ${school.shortName}`);
  refs.get.addEventListener('click', async () => {
    clearActionError(refs.error);
    refs.get.disabled = true;
    refs.get.textContent = 'Получаем ссылку…';
    try {
      const { url } = await cycleApi.calendar(session.mun, school.id);
      refs.url.value = url;
      refs.box.hidden = false;
      refs.get.hidden = true;
      refs.open.href = url.replace(/^https?:/, 'webcal:');
      refs.url.focus();
      refs.url.select();
    } catch (e) {
      refs.get.disabled = false;
      refs.get.textContent = 'Получить ссылку';
      showActionError(refs.error, e);
    }
  });
  refs.copy.setAttribute('aria-label', `Скопировать ссылку на календарь: ${school.shortName}`);
  refs.copy.addEventListener('click', async () => {
    const url = /** @type {HTMLInputElement} */ (refs.url);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url.value);
      copied = true;
    } catch {
      // Older phones or a page without clipboard permission: select the text for a manual copy.
      url.focus();
      url.select();
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
    }
    refs.copied.textContent = copied ? 'Ссылка скопирована.' : 'Скопируйте выделенную ссылку вручную.';
  });
  return root;
}
