// @ts-check
// The municipality's weekly cycle (DOMAIN.md §1, "our design"): the steps with weekday, local time, actor,
// reminder and overdue notice; the two regulations as presets (Poltava, Ust-Ishim); weeks skipped for holidays;
// the municipality's name and time zone. The coordinator edits; others read.

import { cycleApi } from './api.js';
import { canManage } from '../../js/session.js';
import { clone, el, errorBox, loading } from '../../js/dom.js';
import { actorNames, addWeeks, currentWeek, kindNames, weekdayNames, weekdays, weekRange } from './format.js';
import { clearActionError, labelFor, showActionError } from './parts.js';

/** @typedef {import('../../js/session.js').Session} Session */
/** @typedef {import('./api.js').CycleStep} CycleStep */
/** @typedef {import('./types.js').CycleView} CycleView */

/** Russia's zones, west to east. */
const zones = [
  ['Europe/Kaliningrad', 'Калининград, UTC+2'], ['Europe/Moscow', 'Москва, UTC+3'], ['Europe/Volgograd', 'Волгоград, UTC+3'],
  ['Europe/Samara', 'Самара, UTC+4'], ['Asia/Yekaterinburg', 'Екатеринбург, UTC+5'], ['Asia/Omsk', 'Омск, UTC+6'],
  ['Asia/Novosibirsk', 'Новосибирск, UTC+7'], ['Asia/Barnaul', 'Барнаул, UTC+7'], ['Asia/Tomsk', 'Томск, UTC+7'],
  ['Asia/Novokuznetsk', 'Новокузнецк, UTC+7'], ['Asia/Krasnoyarsk', 'Красноярск, UTC+7'], ['Asia/Irkutsk', 'Иркутск, UTC+8'],
  ['Asia/Chita', 'Чита, UTC+9'], ['Asia/Yakutsk', 'Якутск, UTC+9'], ['Asia/Vladivostok', 'Владивосток, UTC+10'],
  ['Asia/Sakhalin', 'Сахалин, UTC+11'], ['Asia/Magadan', 'Магадан, UTC+11'], ['Asia/Kamchatka', 'Камчатка, UTC+12'],
  ['Asia/Anadyr', 'Анадырь, UTC+12'],
];

/** Default ids for new steps: done marks are kept by step id, so existing steps keep theirs. */
const kindIds = /** @type {Record<string, string>} */ ({
  Publish: 'publish', Form: 'form', Questions: 'questions', CuratorMeeting: 'curator-meeting', Call: 'call', MethodDay: 'method-day', Decision: 'decision',
});

/** @param {CycleStep} s */
const minutes = (s) => (s.weekOffset * 7 + weekdays.indexOf(s.weekday)) * 1440 + Number(s.time.slice(0, 2)) * 60 + Number(s.time.slice(3, 5));

/**
 * @param {HTMLElement} main
 * @param {Session} session
 */
export async function showCycleSettings(main, session) {
  const { root, refs } = clone('t-cycle');
  document.title = 'Недельный цикл ЕМД — MethodDays';
  refs.body.append(loading('Загружаем настройки цикла…'));
  main.replaceChildren(root);
  /** @type {CycleView} */
  let cycle;
  try {
    cycle = await cycleApi.cycle(session.mun);
  } catch (e) {
    refs.body.replaceChildren(errorBox(e, () => session.navigate(location.hash)));
    return;
  }
  new CyclePage(refs, session).render(cycle, '');
}

class CyclePage {
  /**
   * @param {import('../../js/dom.js').Refs} refs
   * @param {Session} session
   */
  constructor(refs, session) {
    this.refs = refs;
    this.session = session;
    this.manage = canManage(session);
  }

  /**
   * @param {CycleView} cycle
   * @param {string} message
   */
  render(cycle, message) {
    this.cycle = cycle;
    const body = /** @type {HTMLElement} */ (this.refs.body);
    body.replaceChildren(this.stepsPanel(cycle), ...(this.manage ? [this.presetsPanel(cycle)] : []), this.skipPanel(cycle),
      ...(this.manage ? [this.settingsPanel(cycle)] : []));
    if (this.manage) {
      const p = el('p', 'week-links');
      const a = el('a', '', 'Недоставленные письма');
      a.href = '#/undelivered';
      p.append(a);
      body.append(p);
    }
    this.say(message);
  }

  /** @param {string} message */
  say(message) {
    const status = /** @type {HTMLElement} */ (this.refs.status);
    status.textContent = message;
    status.className = message ? 'success' : '';
    if (message) status.focus();
  }

  /** @param {CycleView} cycle */
  stepsPanel(cycle) {
    const { root, refs } = clone('t-cycle-steps');
    refs.title.textContent = cycle.template.title;
    refs.zone.textContent = `Время шагов — местное время муниципалитета (${this.session.zoneName}). Шаги темы идут на её неделе и на следующей.`;
    const sorted = [...cycle.template.steps].sort((a, b) => minutes(a) - minutes(b));
    for (const s of sorted) refs.list.append(stepLine(s, cycle.template.preset !== 'custom'));
    if (this.manage) {
      refs.edit.addEventListener('click', () => {
        refs.edit.hidden = true;
        refs.editor.replaceChildren(this.stepsEditor(cycle, () => {
          refs.editor.replaceChildren();
          refs.edit.hidden = false;
          refs.edit.focus();
        }));
        /** @type {HTMLElement | null} */ (refs.editor.querySelector('input'))?.focus();
      });
    } else {
      refs.edit.remove();
    }
    return root;
  }

  /**
   * @param {CycleView} cycle
   * @param {() => void} close
   */
  stepsEditor(cycle, close) {
    const { root, refs } = clone('t-cycle-editor');
    labelFor(refs['title-label'], refs.name, 'cycle-title');
    refs.name.value = cycle.template.title;
    const list = /** @type {HTMLElement} */ (refs.list);
    /** Each row's step as loaded: an hour left as it was keeps its source (the regulation's or the municipality's). */
    const originals = /** @type {Map<Element, CycleStep>} */ (new Map());
    /** @param {CycleStep} step */
    const add = (step) => {
      const row = clone('t-cycle-step');
      row.root.dataset.id = step.id;
      labelFor(row.refs['title-label'], row.refs.title, 'step-title');
      row.refs.title.value = step.title;
      for (const [k, name] of Object.entries(kindNames)) row.refs.kind.append(option(k, name, k === step.kind));
      for (const [a, name] of Object.entries(actorNames)) row.refs.actor.append(option(a, name, a === step.actor));
      for (const d of weekdays) row.refs.weekday.append(option(d, weekdayNames[d], d === step.weekday));
      row.refs.offset.value = String(step.weekOffset);
      row.refs.time.value = step.time;
      row.refs.remind.value = String(step.remindBeforeHours);
      row.refs.overdue.checked = step.overdueNotice;
      originals.set(row.root, step);
      const preset = cycle.template.preset !== 'custom';
      row.refs.source.textContent = step.id ? `Время шага: ${origin(step.source, preset)}.` : 'Новый шаг: время — настройка муниципалитета.';
      for (const d of weekdays) row.refs['d-weekday'].append(option(d, weekdayNames[d], d === (step.deadline?.weekday ?? step.weekday)));
      row.refs['d-offset'].value = String(step.deadline?.weekOffset ?? step.weekOffset);
      row.refs['d-time'].value = step.deadline?.time ?? step.time;
      row.refs['has-deadline'].checked = Boolean(step.deadline);
      row.refs['deadline-label'].textContent = step.deadline
        ? `Срок шага (${origin(step.deadline.source, preset)}): после него шаг просрочен`
        : 'Срок шага: после него шаг просрочен (в регламенте срока нет — выключен, пока вы его не зададите)';
      const sync = () => {
        // The topic's publication and the coordinator's call have no deadline.
        const coordinator = row.refs.actor.value === 'Coordinator' || ['Publish', 'Call'].includes(row.refs.kind.value);
        if (coordinator) row.refs['has-deadline'].checked = false;
        /** @type {HTMLElement} */ (row.refs['has-deadline'].closest('label')).hidden = coordinator;
        const on = /** @type {HTMLInputElement} */ (row.refs['has-deadline']).checked;
        row.refs['deadline-fields'].hidden = !on;
        row.refs.overdue.disabled = !on;
        if (!on) row.refs.overdue.checked = false;
      };
      row.refs['has-deadline'].addEventListener('change', sync);
      row.refs.kind.addEventListener('change', sync);
      row.refs.actor.addEventListener('change', sync);
      sync();
      row.refs.remove.addEventListener('click', () => {
        row.root.remove();
        number();
      });
      list.append(row.root);
      number();
      return row.root;
    };
    const number = () => [...list.children].forEach((row, i) => {
      /** @type {HTMLElement} */ (row.querySelector('[data-ref="order"]')).textContent = `Шаг ${i + 1}`;
      /** @type {HTMLElement} */ (row.querySelector('[data-ref="remove"]')).textContent = `Удалить шаг ${i + 1}`;
    });
    for (const s of [...cycle.template.steps].sort((a, b) => minutes(a) - minutes(b))) add(s);
    refs.add.addEventListener('click', () => {
      add({ id: '', kind: 'MethodDay', title: '', weekOffset: 1, weekday: 'Thursday', time: '14:00', actor: 'School', remindBeforeHours: 0, overdueNotice: false })
        .querySelector('input')?.focus();
    });
    refs.cancel.addEventListener('click', close);
    root.addEventListener('submit', async (event) => {
      event.preventDefault();
      for (const e of root.querySelectorAll('.field-error')) {
        e.textContent = '';
        /** @type {HTMLElement} */ (e).hidden = true;
      }
      const rows = /** @type {HTMLElement[]} */ ([...list.children]);
      const used = new Set(rows.map((r) => r.dataset.id).filter(Boolean));
      /** @type {CycleStep[]} */
      const steps = rows.map((row) => {
        const v = (/** @type {string} */ ref) => /** @type {HTMLInputElement} */ (row.querySelector(`[data-ref="${ref}"]`));
        const kind = v('kind').value;
        let id = row.dataset.id ?? '';
        if (!id) {
          id = kindIds[kind] ?? 'step';
          for (let n = 2; used.has(id); n++) id = `${kindIds[kind] ?? 'step'}-${n}`;
          used.add(id);
        }
        const was = originals.get(row);
        const at = { weekOffset: Number(v('offset').value), weekday: v('weekday').value, time: v('time').value };
        /** @typedef {{ weekOffset: number, weekday: string, time: string }} At */
        const same = (/** @type {At | null | undefined} */ a, /** @type {At | null | undefined} */ b) => a != null && b != null && a.weekOffset === b.weekOffset && a.weekday === b.weekday && a.time === b.time;
        const due = v('has-deadline').checked
          ? { weekOffset: Number(v('d-offset').value), weekday: v('d-weekday').value, time: v('d-time').value }
          : null;
        return {
          id, kind, title: v('title').value.trim(), ...at,
          actor: v('actor').value, remindBeforeHours: Number(v('remind').value || 0), overdueNotice: Boolean(due) && v('overdue').checked,
          source: same(at, was) && was?.source === 'seed' ? 'seed' : 'municipality',
          deadline: due && { ...due, source: same(due, was?.deadline) && was?.deadline?.source === 'seed' ? 'seed' : 'municipality' },
        };
      });
      const button = /** @type {HTMLButtonElement} */ (refs.save);
      button.disabled = true;
      button.textContent = 'Сохраняем…';
      try {
        const next = await cycleApi.saveSteps(this.session.mun, refs.name.value.trim(), steps, 'custom');
        this.render(next, 'Шаги цикла сохранены. Напоминания пойдут по новому расписанию.');
      } catch (e) {
        const error = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (e);
        const general = [];
        for (const [key, messages] of Object.entries(error?.errors ?? {})) {
          const m = /^steps\[(\d+)\]/.exec(key);
          const row = m ? rows[Number(m[1])] : null;
          const slot = /** @type {HTMLElement | null} */ (row?.querySelector('[data-ref="error"]') ?? null);
          if (slot) {
            slot.textContent = [slot.textContent, ...messages].filter(Boolean).join(' ');
            slot.hidden = false;
          } else {
            general.push(...messages);
          }
        }
        if (general.length > 0 || Object.keys(error?.errors ?? {}).length === 0) {
          showActionError(refs.error, general.length > 0 ? { title: 'Цикл не сохранён', detail: general.join(' ') } : error);
        } else {
          showActionError(refs.error, { title: 'Цикл не сохранён: исправьте отмеченные шаги.' });
        }
        /** @type {HTMLElement | null} */ (root.querySelector('.field-error:not([hidden])'))?.scrollIntoView({ block: 'center' });
      } finally {
        button.disabled = false;
        button.textContent = 'Сохранить шаги';
      }
    });
    return root;
  }

  /** @param {CycleView} cycle */
  presetsPanel(cycle) {
    const { root, refs } = clone('t-cycle-presets');
    for (const preset of cycle.presets) {
      const card = clone('t-cycle-preset');
      card.refs.title.textContent = preset.title;
      const active = cycle.template.preset === preset.preset;
      card.refs.current.hidden = !active;
      for (const s of [...preset.steps].sort((a, b) => minutes(a) - minutes(b))) card.refs.steps.append(stepLine(s, true));
      card.refs.summary.textContent = `Шаги пресета (${preset.steps.length})`;
      card.refs.choose.textContent = active ? 'Вернуть шаги пресета' : 'Выбрать этот цикл';
      card.refs.choose.addEventListener('click', () => {
        card.refs.confirm.hidden = false;
        card.refs.choose.hidden = true;
        card.refs.yes.focus();
      });
      card.refs.no.addEventListener('click', () => {
        card.refs.confirm.hidden = true;
        card.refs.choose.hidden = false;
        card.refs.choose.focus();
      });
      card.refs.yes.addEventListener('click', async () => {
        card.refs.yes.disabled = true;
        card.refs.yes.textContent = 'Применяем…';
        try {
          this.render(await cycleApi.choosePreset(this.session.mun, preset.preset), `Выбран цикл: ${preset.title}.`);
        } catch (e) {
          card.refs.yes.disabled = false;
          card.refs.yes.textContent = 'Да, заменить шаги';
          showActionError(card.refs.error, e);
        }
      });
      refs.list.append(card.root);
    }
    return root;
  }

  /** @param {CycleView} cycle */
  skipPanel(cycle) {
    const { root, refs } = clone('t-cycle-skip');
    const current = currentWeek(this.session.timeZone);
    if (cycle.skipped.length === 0) refs.list.append(el('li', 'muted', 'Пропущенных недель нет.'));
    for (const s of cycle.skipped) {
      const li = el('li', 'skip-item');
      li.append(el('strong', '', s.weekRange), el('span', '', ` — ${s.reason}`));
      if (this.manage && s.week >= current) {
        const back = el('button', 'button secondary small-button', 'Вернуть неделю');
        back.type = 'button';
        back.setAttribute('aria-label', `Вернуть неделю ${s.weekRange}`);
        back.addEventListener('click', async () => {
          back.disabled = true;
          back.textContent = 'Возвращаем…';
          try {
            this.render(await cycleApi.unskipWeek(this.session.mun, s.week), `Неделя ${s.weekRange} снова в цикле.`);
          } catch (e) {
            back.disabled = false;
            back.textContent = 'Вернуть неделю';
            li.append(errorBox(e));
          }
        });
        li.append(back);
      }
      refs.list.append(li);
    }
    if (!this.manage) {
      refs.form.remove();
      return root;
    }
    const skipped = new Set(cycle.skipped.map((s) => s.week));
    for (let i = 0; i <= 52; i++) {
      const w = addWeeks(current, i);
      if (!skipped.has(w)) refs.week.append(option(w, `${weekRange(w)}${i === 0 ? ' (эта неделя)' : ''}`, false));
    }
    labelFor(refs['week-label'], refs.week, 'skip-week');
    labelFor(refs['reason-label'], refs.reason, 'skip-reason');
    refs.form.addEventListener('submit', async (/** @type {Event} */ event) => {
      event.preventDefault();
      clearActionError(refs.error);
      const reason = refs.reason.value.trim();
      if (reason.length < 3) {
        showActionError(refs.error, { title: 'Укажите причину, например «осенние каникулы».' });
        refs.reason.focus();
        return;
      }
      refs.send.disabled = true;
      refs.send.textContent = 'Сохраняем…';
      try {
        this.render(await cycleApi.skipWeek(this.session.mun, refs.week.value, reason), `Неделя ${weekRange(refs.week.value)} пропущена: напоминаний не будет.`);
      } catch (e) {
        refs.send.disabled = false;
        refs.send.textContent = 'Пропустить неделю';
        showActionError(refs.error, e, 'reason');
      }
    });
    return root;
  }

  /** @param {CycleView} cycle */
  settingsPanel(cycle) {
    const { root, refs } = clone('t-cycle-settings');
    labelFor(refs['name-label'], refs.name, 'mun-name');
    labelFor(refs['zone-label'], refs.zone, 'mun-zone');
    refs.name.value = this.session.me.municipality.name;
    const known = zones.some(([z]) => z === cycle.timeZone);
    if (!known && cycle.timeZone) refs.zone.append(option(cycle.timeZone, this.session.zoneName, true));
    for (const [z, name] of zones) refs.zone.append(option(z, name, z === cycle.timeZone));
    refs.form.addEventListener('submit', async (/** @type {Event} */ event) => {
      event.preventDefault();
      clearActionError(refs.error);
      refs.send.disabled = true;
      refs.send.textContent = 'Сохраняем…';
      try {
        const saved = await cycleApi.saveSettings(this.session.mun, refs.name.value.trim(), refs.zone.value);
        // Dates on every page follow the new zone from now on.
        this.session.me.municipality = saved;
        this.session.timeZone = saved.timeZone;
        const header = document.getElementById('municipality-name');
        if (header) header.textContent = saved.name;
        this.render({ .../** @type {CycleView} rendered before */ (this.cycle), timeZone: saved.timeZone }, 'Настройки муниципалитета сохранены.');
      } catch (e) {
        refs.send.disabled = false;
        refs.send.textContent = 'Сохранить';
        const error = /** @type {import('../../js/api.js').ApiError | null | undefined} */ (e);
        showActionError(refs.error, error, error?.errors?.timeZone ? 'timeZone' : 'name');
      }
    });
    return root;
  }
}

/** @param {{ weekOffset: number, weekday: string, time: string }} t */
const when = (t) => `${t.weekOffset === 0 ? 'неделя темы' : 'следующая неделя'}, ${weekdayNames[t.weekday] ?? t.weekday} ${t.time}`;

/**
 * Where a step's hour or deadline comes from: the regulation's own words, or the municipality's setting (a default
 * of a preset the municipality can change, or one the coordinator set).
 * @param {string | undefined} source
 * @param {boolean} preset the step is a preset's, unchanged
 */
const origin = (source, preset) => (source === 'seed' ? 'по регламенту' : preset ? 'по умолчанию, муниципалитет может изменить' : 'настройка муниципалитета');

/**
 * A step with where each of its settings comes from: "неделя темы, среда 16:00 — по регламенту", its deadline (or
 * none, off until the coordinator sets one), who acts, which schools it concerns, reminders.
 * @param {CycleStep} s
 * @param {boolean} preset the steps are a preset's (not changed by the coordinator)
 */
function stepLine(s, preset) {
  const li = el('li', 'cycle-line');
  const coordinator = s.actor === 'Coordinator' || s.kind === 'Publish' || s.kind === 'Call';
  const deadline = s.deadline
    ? `Срок: ${when(s.deadline)} — ${origin(s.deadline.source, preset)}`
    : coordinator ? 'Срока нет: шаг координатора'
      : 'Срок: не задан — в регламенте его нет; выключен, пока координатор его не задаст (без срока шаг не бывает просрочен)';
  li.append(
    el('span', 'cycle-when', when(s)),
    el('span', 'muted small', ` — ${origin(s.source, preset)}`),
    el('span', 'block', s.title),
    el('span', 'small block step-deadline', deadline),
    el('span', 'muted small block', [
      actorNames[s.actor] ?? s.actor,
      s.schools === 'withCurator' ? 'школы, у которых есть куратор' : 'все школы',
      s.remindBeforeHours > 0 ? `напоминание за ${s.remindBeforeHours} ч` : '',
      s.deadline && s.overdueNotice ? 'уведомление о просрочке' : '',
    ].filter(Boolean).join(' · ')),
  );
  return li;
}

/**
 * @param {string} value
 * @param {string} text
 * @param {boolean} selected
 */
function option(value, text, selected) {
  const o = el('option', '', text);
  o.value = value;
  o.selected = selected;
  return o;
}
