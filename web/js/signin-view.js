// @ts-check
// The sign-in screen: in development, a list of demo people grouped by role; in Entra mode, one button.

import { api } from './api.js';
import { clone, el, errorBox, loading } from './dom.js';
import { roleGroupNames, roleNames } from './format.js';

const roleOrder = ['Coordinator', 'Methodist', 'Curator', 'SchoolAdmin', 'Teacher'];

/**
 * @param {HTMLElement} main
 * @param {(municipalityId: string, personId: string) => Promise<void>} signIn
 */
export async function showDevSignIn(main, signIn) {
  const { root, refs } = clone('t-signin');
  refs.body.append(loading('Загружаем список участников…'));
  main.replaceChildren(root);
  /** @type {import('./api.js').DevPerson[]} */
  let people;
  try {
    people = await api.devPeople();
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => showDevSignIn(main, signIn)));
    return;
  }
  const dev = clone('t-signin-dev');
  const municipalities = [...new Set(people.map((p) => p.municipalityName))];
  for (const municipality of municipalities) {
    if (municipalities.length > 1) dev.refs.groups.append(el('h2', 'municipality-title', municipality));
    for (const role of roleOrder) {
      const group = people.filter((p) => p.municipalityName === municipality && p.role === role);
      if (group.length === 0) continue;
      const g = clone('t-signin-group');
      g.refs.title.textContent = roleGroupNames[role] ?? role;
      for (const p of group) {
        const item = clone('t-signin-person');
        item.refs.name.textContent = p.displayName;
        item.refs.meta.textContent = p.schools.length > 0 ? `${roleNames[p.role]} · ${p.schools.join(', ')}` : roleNames[p.role];
        const button = /** @type {HTMLButtonElement} */ (item.root.querySelector('button'));
        button.addEventListener('click', async () => {
          button.disabled = true;
          button.setAttribute('aria-busy', 'true');
          try {
            await signIn(p.municipalityId, p.personId);
          } catch (e) {
            button.disabled = false;
            button.removeAttribute('aria-busy');
            dev.refs.groups.prepend(errorBox(e));
          }
        });
        g.refs.list.append(item.root);
      }
      dev.refs.groups.append(g.root);
    }
  }
  refs.body.replaceChildren(dev.root);
}

/**
 * @param {HTMLElement} main
 * @param {() => Promise<void>} signIn
 * @param {unknown} [error]
 */
export function showEntraSignIn(main, signIn, error) {
  const { root, refs } = clone('t-signin');
  const entra = clone('t-signin-entra');
  if (error) refs.body.append(errorBox(error));
  entra.refs.go.addEventListener('click', () => {
    entra.refs.go.disabled = true;
    signIn().catch((e) => {
      entra.refs.go.disabled = false;
      refs.body.prepend(errorBox(e));
    });
  });
  refs.body.append(entra.root);
  main.replaceChildren(root);
}
