// @ts-check
// A school's plan of targeted help (план адресной помощи, seed 001 §2.17): kept by the school's curator, the
// methodists and the coordinator, read by the school. Opened from a request for help
// (#/help-plan/{school}/new/{month}/{request}), the new item's form starts from that request.

import { clone, el, errorBox, loading } from '../../js/dom.js';
import { monthName, roleNames } from '../../js/format.js';
import { itemCard, itemForm, recipientValue } from './help-plan-item.js';
import { progressApi } from './api.js';
import { addDays, localToday, newItemId } from './format.js';

/**
 * @typedef {import('../../js/session.js').Session} Session
 * @typedef {import('./types.js').HelpItemView} HelpItemView
 */

const KEY = 'methoddays:help-item:';

/**
 * @param {HTMLElement} main
 * @param {Session} session
 * @param {{ school: string, from: { month: string, requestId: string } | null }} route
 */
export async function showHelpPlan(main, session, route) {
  const { mun, timeZone } = session;
  const school = session.me.schools.find((s) => s.id === route.school);
  main.replaceChildren(loading('Загружаем план адресной помощи…'));
  /** @type {import('./types.js').HelpPlanView} */
  let plan;
  /** @type {import('./content.js').RequestRow | null} */
  let request = null;
  try {
    [plan, request] = await Promise.all([progressApi.plan(mun, route.school), route.from ? findRequest(session, route.school, route.from) : null]);
  } catch (e) {
    main.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return;
  }

  const { root, refs } = clone('t-hp-plan');
  refs.eyebrow.textContent = 'План адресной помощи';
  refs.title.textContent = school?.shortName ?? plan.schoolName;
  refs['school-name'].textContent = plan.schoolName;
  document.title = `План помощи — ${school?.shortName ?? plan.schoolName} — MethodDays`;
  if (plan.can.edit) {
    const back = el('a', 'back-link', 'Все планы помощи');
    back.href = '#/help-plan';
    refs.toolbar.append(back);
  }
  const sheet = el('a', 'back-link', 'Лист продвижения школы');
  sheet.href = `#/progress/${route.school}`;
  refs.toolbar.append(sheet);
  refs.intro.textContent = plan.can.edit
    ? 'Пункты плана составляются по листам продвижения школы: мероприятие, ответственный, срок. Меняйте статус по мере выполнения — история сохраняется.'
    : 'План составляют куратор школы и методический отдел по листам продвижения. Здесь его можно только посмотреть.';

  /** @type {HelpItemView[]} */
  const items = plan.items;
  const say = (/** @type {string} */ text) => { refs.status.textContent = text; };

  function drawCounts() {
    const open = items.filter((i) => i.status === 'planned' || i.status === 'inProgress').length;
    const overdue = items.filter((i) => i.overdue).length;
    refs.counts.textContent = items.length === 0 ? 'В плане пока нет пунктов.'
      : `Пунктов: ${items.length}; в работе и запланировано: ${open}; выполнено: ${items.filter((i) => i.status === 'done').length}`
        + (overdue > 0 ? `; просрочено: ${overdue}` : '') + '.';
  }

  function drawItems() {
    refs.items.replaceChildren(...items.map(card));
    drawCounts();
  }

  /** @param {HelpItemView} item */
  function card(item) {
    const { root: li, refs: parts } = itemCard(item, timeZone);
    if (plan.can.edit) {
      parts.edit.hidden = false;
      parts.edit.addEventListener('click', () => {
        parts.edit.hidden = true;
        parts.editor.replaceChildren(itemForm({
          mun, school: route.school, timeZone, me: session.me.member.personId, item, id: item.id, storageKey: `${KEY}${mun}:${route.school}:${item.id}`,
          initial: {
            action: item.action, responsible: item.responsible, dueDate: item.dueDate, status: item.status, notes: item.notes ?? '', statusComment: '',
            recipient: recipientValue(item),
          },
          source: item.source ? { month: item.source.month, requestId: item.source.requestId, label: sourceLabel(item.source) } : null,
          onSaved: (saved) => {
            items[items.indexOf(item)] = saved;
            drawItems();
            say(`Пункт «${saved.action}» сохранён.`);
            refs.items.querySelector(`[data-item="${CSS.escape(saved.id)}"]`)?.scrollIntoView({ block: 'center' });
          },
          onCancel: () => {
            parts.editor.replaceChildren();
            parts.edit.hidden = false;
          },
        }));
        /** @type {HTMLElement | null} */ (parts.editor.querySelector('textarea'))?.focus();
      });
    }
    li.dataset.item = item.id;
    return li;
  }

  /** @param {{ month: string, requestId: string, topic: string, text: string } | null} from */
  function openNew(from) {
    refs.add.hidden = true;
    const key = `${KEY}${mun}:${route.school}:new${from ? `:${from.month}:${from.requestId}` : ''}`;
    const me = session.me.member;
    refs.editor.replaceChildren(itemForm({
      mun, school: route.school, timeZone, me: session.me.member.personId, item: null, id: newItemId(), storageKey: key,
      initial: {
        action: from ? from.topic : '',
        responsible: `${me.displayName}, ${(roleNames[me.role] ?? '').toLowerCase()}`,
        dueDate: addDays(localToday(timeZone), 14),
        status: 'planned',
        notes: from ? `Запрос школы: ${from.text}` : '',
        statusComment: '',
        recipient: 'leadership',
      },
      source: from ? { month: from.month, requestId: from.requestId, label: `запрос «${from.topic}» из листа продвижения за ${monthName(from.month)}` } : null,
      onSaved: (saved) => {
        items.push(saved);
        items.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
        refs.editor.replaceChildren();
        refs.add.hidden = false;
        drawItems();
        say(`Пункт «${saved.action}» добавлен в план.`);
        if (from) history.replaceState(null, '', `#/help-plan/${route.school}`);
      },
      onCancel: () => {
        refs.editor.replaceChildren();
        refs.add.hidden = false;
      },
    }));
    refs.editor.scrollIntoView({ block: 'start' });
    /** @type {HTMLElement | null} */ (refs.editor.querySelector('textarea'))?.focus({ preventScroll: true });
  }

  refs.add.hidden = !plan.can.edit;
  refs.add.addEventListener('click', () => openNew(null));
  drawItems();
  main.replaceChildren(root);
  if (route.from && plan.can.edit) {
    if (request) openNew({ ...route.from, topic: request.topic ?? '', text: request.text ?? '' });
    else refs.notice.replaceChildren(el('p', 'notice', `В отправленном листе продвижения за ${monthName(route.from.month)} такого запроса нет. Пункт можно добавить без связи с запросом.`));
  }
}

/** @param {import('./types.js').HelpSource} source */
function sourceLabel(source) {
  return source.requestTopic
    ? `запрос «${source.requestTopic}» из листа продвижения за ${monthName(source.month)}`
    : `лист продвижения за ${monthName(source.month)}`;
}

/**
 * The request a new item answers, from the school's last submitted sheet of that month.
 * @param {Session} session
 * @param {string} school
 * @param {{ month: string, requestId: string }} from
 */
async function findRequest(session, school, from) {
  const { data: view } = await progressApi.sheet(session.mun, school, from.month);
  if (view.revision === 0) return null;
  const sheet = view.status === 'changed' ? (await progressApi.revision(session.mun, school, from.month, view.revision)).sheet : view.sheet;
  return sheet.requests.find((r) => r.id === from.requestId) ?? null;
}
