// @ts-check
// The municipality's people and schools: the coordinator adds and edits them (roles and scope live in the app's
// own members table; the identity provider only proves who someone is); methodists read the lists.

import { ApiError } from '../../js/api.js';
import { busy, clone, el, errorBox, loading } from '../../js/dom.js';
import { roleNames, schoolFlags } from '../../js/format.js';
import { peopleApi } from './api.js';

/** @typedef {import('../../js/session.js').Session} Session */

const roles = ['Coordinator', 'Methodist', 'Curator', 'SchoolAdmin', 'Teacher'];

/**
 * @param {HTMLElement} main
 * @param {Session} session
 */
export async function showPeople(main, session) {
  const { root, refs } = clone('t-people');
  document.title = 'Люди и школы — MethodDays';
  main.replaceChildren(root);
  const canEdit = session.me.member.role === 'Coordinator';
  refs.body.append(loading('Загружаем людей и школы…'));
  /** @type {import('../../js/api.js').School[]} */
  let schools;
  /** @type {import('../../js/api.js').Member[]} */
  let members;
  try {
    [schools, members] = await Promise.all([peopleApi.schools(session.mun), peopleApi.members(session.mun)]);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return;
  }

  const render = () => {
    refs.body.replaceChildren(schoolsPanel(), membersPanel());
    if (canEdit) {
      const setup = el('a', 'button secondary', 'Загрузить школы и людей из Excel');
      setup.href = '#/people-import';
      refs.body.prepend(setup);
    }
  };

  const schoolsPanel = () => {
    const section = el('section', 'panel');
    section.append(el('h2', '', `Школы (${schools.length})`));
    const list = el('ul', 'people-list');
    for (const s of schools) {
      const li = el('li', 'people-item');
      const about = [schoolFlags(s).join(', '), s.name !== s.shortName ? s.name : ''].filter(Boolean).join(' · ');
      li.append(el('strong', '', s.shortName), el('span', 'muted small', ` · ${about}`));
      const staff = el('a', 'link-like', 'Педагоги');
      staff.href = `#/staff/${encodeURIComponent(s.id)}`;
      staff.setAttribute('aria-label', `Педагоги школы «${s.shortName}»`);
      li.append(document.createTextNode(' '), staff);
      if (canEdit) li.append(editButton(`Изменить школу «${s.shortName}»`, () => editSchool(li, s)));
      list.append(li);
    }
    section.append(list);
    if (canEdit) {
      const add = el('button', 'button secondary', 'Добавить школу');
      add.type = 'button';
      add.addEventListener('click', () => editSchool(section, null));
      section.append(add);
    }
    return section;
  };

  const membersPanel = () => {
    const section = el('section', 'panel');
    section.append(el('h2', '', `Участники (${members.length})`));
    const byId = new Map(schools.map((s) => [s.id, s.shortName]));
    for (const role of roles) {
      const group = members.filter((m) => m.role === role);
      if (group.length === 0) continue;
      section.append(el('h3', '', `${roleNames[role] ?? role}: ${group.length}`));
      const list = el('ul', 'people-list');
      for (const m of group.sort((a, b) => a.displayName.localeCompare(b.displayName, 'ru'))) {
        const li = el('li', m.active ? 'people-item' : 'people-item inactive');
        const where = m.schoolIds.map((/** @type {string} */ id) => byId.get(id) ?? id).join(', ');
        li.append(el('strong', '', m.displayName), el('span', 'muted small',
          ` · ${[m.email || 'без почты', where, m.active ? '' : 'доступ закрыт'].filter(Boolean).join(' · ')}`));
        if (canEdit) li.append(editButton(`Изменить участника «${m.displayName}»`, () => editMember(li, m)));
        list.append(li);
      }
      section.append(list);
    }
    if (canEdit) {
      const add = el('button', 'button secondary', 'Добавить участника');
      add.type = 'button';
      add.addEventListener('click', () => editMember(section, null));
      section.append(add);
    }
    return section;
  };

  /** @param {HTMLElement} host @param {import('../../js/api.js').School | null} school */
  const editSchool = (host, school) => {
    const { root: form, refs: f } = clone('t-school-form');
    f.id.value = school?.id ?? '';
    f.id.disabled = Boolean(school);
    f.name.value = school?.name ?? '';
    f['short-name'].value = school?.shortName ?? '';
    f.kind.value = school?.kind ?? 'Secondary';
    /** @type {HTMLInputElement} */ (f['low-results']).checked = Boolean(school?.lowResults);
    /** @type {HTMLInputElement} */ (f.improving).checked = Boolean(school?.improving);
    /** @type {HTMLInputElement} */ (f.leader).checked = Boolean(school?.leader);
    f.cancel.addEventListener('click', () => { form.remove(); });
    f.form.addEventListener('submit', (/** @type {SubmitEvent} */ event) => {
      event.preventDefault();
      busy(f.save, 'Сохраняем…', async () => {
        clearErrors(f.form);
        try {
          const input = {
            name: f.name.value, shortName: f['short-name'].value, kind: /** @type {'Basic' | 'Secondary'} */ (f.kind.value),
            lowResults: /** @type {HTMLInputElement} */ (f['low-results']).checked,
            improving: /** @type {HTMLInputElement} */ (f.improving).checked,
            leader: /** @type {HTMLInputElement} */ (f.leader).checked,
          };
          // A new school without a code gets one made from its short name (Latin letters) by the server.
          const code = f.id.value.trim();
          const saved = code ? await peopleApi.saveSchool(session.mun, code, input) : await peopleApi.createSchool(session.mun, input);
          schools = [...schools.filter((s) => s.id !== saved.id), saved].sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru'));
          render();
        } catch (e) {
          showErrors(f.form, f.messages, e, { schoolId: 'id' });
        }
      });
    });
    host.append(form);
    /** @type {HTMLElement} */ (f.id.disabled ? f.name : f.id).focus();
  };

  /** @param {HTMLElement} host @param {import('../../js/api.js').Member | null} member */
  const editMember = (host, member) => {
    const { root: form, refs: f } = clone('t-member-form');
    f.id.value = member?.personId ?? '';
    f.id.disabled = Boolean(member);
    f['display-name'].value = member?.displayName ?? '';
    f.email.value = member?.email ?? '';
    for (const role of roles) f.role.append(new Option(roleNames[role] ?? role, role));
    f.role.value = member?.role ?? 'Teacher';
    /** @type {HTMLInputElement} */ (f.active).checked = member ? Boolean(member.active) : true;
    for (const s of schools) {
      const label = el('label', 'check');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = s.id;
      box.checked = Boolean(member?.schoolIds.includes(s.id));
      label.append(box, document.createTextNode(` ${s.shortName}`));
      f.schools.append(label);
    }
    f.cancel.addEventListener('click', () => { form.remove(); });
    f.form.addEventListener('submit', (/** @type {SubmitEvent} */ event) => {
      event.preventDefault();
      busy(f.save, 'Сохраняем…', async () => {
        clearErrors(f.form);
        const schoolIds = [...f.schools.querySelectorAll('input:checked')].map((b) => /** @type {HTMLInputElement} */ (b).value);
        try {
          const input = {
            displayName: f['display-name'].value, email: f.email.value, role: f.role.value, schoolIds,
            active: /** @type {HTMLInputElement} */ (f.active).checked,
          };
          const code = f.id.value.trim();
          const saved = code ? await peopleApi.saveMember(session.mun, code, input) : await peopleApi.createMember(session.mun, input);
          members = [...members.filter((m) => m.personId !== saved.personId), saved];
          render();
        } catch (e) {
          showErrors(f.form, f.messages, e, { personId: 'id' });
        }
      });
    });
    host.append(form);
    /** @type {HTMLElement} */ (f.id.disabled ? f['display-name'] : f.id).focus();
  };

  render();
}

/** @param {string} label @param {() => void} open */
function editButton(label, open) {
  const b = el('button', 'link-like', 'Изменить');
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.addEventListener('click', open);
  return b;
}

/** @param {HTMLElement} form */
function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) p.remove();
  for (const f of form.querySelectorAll('.field.invalid')) f.classList.remove('invalid');
}

/**
 * Field errors from problem+json under their fields (`data-field`), anything else in the message box.
 * @param {HTMLElement} form @param {HTMLElement} box @param {unknown} e @param {Record<string, string>} aliases
 */
function showErrors(form, box, e, aliases) {
  if (!(e instanceof ApiError)) {
    box.replaceChildren(errorBox(null));
    return;
  }

  const errors = e.errors ?? {};
  if (Object.keys(errors).length === 0) {
    box.replaceChildren(errorBox(e));
    return;
  }

  box.replaceChildren();
  for (const [key, messages] of Object.entries(errors)) {
    const field = form.querySelector(`[data-field="${CSS.escape(aliases[key] ?? key)}"]`);
    const p = el('p', 'field-error', messages.join(' '));
    p.setAttribute('role', 'alert');
    if (field) {
      field.classList.add('invalid');
      field.append(p);
    } else {
      box.append(p);
    }
  }
}
