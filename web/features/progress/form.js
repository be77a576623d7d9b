// @ts-check
// The progress sheet's form: methodical days (or "none this month" with a reason), decisions, difficulties, requests
// for help, and each teacher's practice, stage and needed help. It edits the draft's content in place and redraws a
// list only when rows are added or removed, so typing never loses focus. Field errors from the server
// (`days[0].date`, `teachers[2].stage`) are shown at their fields.

import { clone, el } from '../../js/dom.js';
import { FieldSlots } from './fields.js';
import { compareStages, dayName, monthRange, trendNames, uid } from './format.js';
import { linkPicker } from './links.js';

/**
 * @typedef {import('./content.js').Content} Content
 * @typedef {import('./types.js').ProgressTemplate} ProgressTemplate
 * @typedef {import('./types.js').TemplateField} TemplateField
 */

/**
 * A field of the versioned template by its path (`days.sharePercent`); a path the template lacks reads as its label.
 * @param {ProgressTemplate} template
 * @param {string} path
 * @returns {Partial<TemplateField> & { label: string }}
 */
export function templateField(template, path) {
  let level = template.sections.flatMap((s) => s.fields);
  /** @type {TemplateField | null} */
  let found = null;
  for (const part of path.split('.')) {
    found = level.find((f) => f.id === part) ?? null;
    level = found?.fields ?? [];
  }
  return found ?? { label: path };
}

export class ProgressForm {
  /**
   * @param {HTMLElement} target
   * @param {{ template: ProgressTemplate, month: string, today: string, schoolTeachers: import('./types.js').SchoolTeacher[],
   *   previousStages: import('./types.js').TeacherStage[],
   *   links?: import('./links.js').Links, onChange: () => void, onStages: () => void }} options
   */
  constructor(target, options) {
    this.options = options;
    this.template = options.template;
    const { root, refs } = clone('t-pg-form');
    this.refs = refs;
    this.fields = new FieldSlots();
    /** @type {Content} */
    this.content = { days: [], noDays: false, noDaysReason: null, decisions: [], difficulties: null, requests: [], teachers: [] };
    const range = monthRange(options.month);
    this.minDate = range.first;
    this.maxDate = options.today < range.last ? options.today : range.last;
    const label = (/** @type {string} */ path) => templateField(this.template, path).label;

    refs['school-title'].textContent = this.template.sections[0]?.title ?? '';
    refs['teachers-title'].textContent = this.template.sections[1]?.title ?? '';
    refs['days-title'].textContent = label('days');
    refs['days-hint'].textContent = `Даты — с ${dayName(this.minDate)} по ${dayName(this.maxDate)}: отмечаются проведённые ЕМД.`;
    refs['decisions-title'].textContent = label('decisions');
    refs['requests-title'].textContent = label('requests');
    refs['requests-hint'].textContent = templateField(this.template, 'requests').hint ?? '';
    refs['teachers-hint'].textContent = templateField(this.template, 'teachers').hint ?? '';
    this.fields.register('days', refs['days-box'], refs['days-error'], null);
    this.fields.register('decisions', refs['decisions-box'], refs['decisions-error'], null);
    this.fields.register('requests', refs['requests-box'], refs['requests-error'], null);
    this.fields.register('teachers', refs['teachers-box'], refs['teachers-error'], null);

    // "No ЕМД this month" with its reason.
    const noDays = document.createElement('input');
    noDays.type = 'checkbox';
    this.noDays = noDays;
    const check = el('label', 'check');
    check.append(noDays, el('span', '', label('noDays')));
    refs['no-days-slot'].replaceWith(this.field('noDays', null, noDays));
    noDays.addEventListener('change', () => {
      this.content.noDays = noDays.checked;
      this.fields.clear('noDays');
      this.drawNoDays();
      this.options.onChange();
    });
    const reason = this.textArea(3, templateField(this.template, 'noDaysReason').maxLength, (v) => { this.content.noDaysReason = v; });
    this.reason = reason;
    refs['reason-box'].append(this.field('noDaysReason', label('noDaysReason'), reason));

    const difficulties = this.textArea(4, templateField(this.template, 'difficulties').maxLength, (v) => { this.content.difficulties = v; });
    this.difficulties = difficulties;
    refs['difficulties-box'].append(this.field('difficulties', label('difficulties'), difficulties));

    refs['add-day'].addEventListener('click', () => this.addRow('days', { date: null, form: null, formOther: null, topic: null, sharePercent: null }));
    refs['add-decision'].addEventListener('click', () => this.addRow('decisions', ''));
    refs['add-request'].addEventListener('click', () => this.addRow('requests', { id: null, topic: null, text: null }));
    refs['add-teacher'].addEventListener('click', () => this.addRow('teachers', { personId: null, name: null, practice: null, stage: null, help: null }));
    refs['add-school-teachers'].addEventListener('click', () => this.addSchoolTeachers());
    refs['copy-previous'].addEventListener('click', () => this.copyPrevious());
    target.replaceChildren(root);
  }

  /** @param {Content} content the draft's content, edited in place from now on */
  setContent(content) {
    this.content = content;
    this.noDays.checked = content.noDays;
    this.reason.value = content.noDaysReason ?? '';
    this.difficulties.value = content.difficulties ?? '';
    this.drawList('days');
    this.drawList('decisions');
    this.drawList('requests');
    this.drawList('teachers');
    this.drawNoDays();
  }

  /**
   * Shows fields of the content that changed under the form (someone else's, merged in); the rest, where the user
   * may be typing, is left alone.
   * @param {readonly string[]} keys fields of the content (content.js `fields`)
   */
  redraw(keys) {
    const c = this.content;
    if (keys.includes('noDays')) this.noDays.checked = c.noDays;
    if (keys.includes('noDaysReason')) this.reason.value = c.noDaysReason ?? '';
    if (keys.includes('difficulties')) this.difficulties.value = c.difficulties ?? '';
    for (const list of /** @type {const} */ (['days', 'decisions', 'requests', 'teachers'])) {
      if (keys.includes(list)) this.drawList(list);
    }
    this.drawNoDays();
  }

  /**
   * The bank's practices and the month's topics arrived: the days and teachers are drawn again with their lists,
   * unless the person is typing in them (then the lists come with the next redraw).
   * @param {import('./links.js').Links} links
   */
  setLinks(links) {
    this.options.links = links;
    if (links.practices.length === 0 && links.topics.length === 0) return;
    const active = document.activeElement;
    if (!this.refs.days.contains(active)) this.drawList('days');
    if (!this.refs.teachers.contains(active)) this.drawList('teachers');
  }

  /** Days and "no ЕМД" exclude each other (the server refuses both): the box is offered only while there are no rows. */
  drawNoDays() {
    const c = this.content;
    const box = this.noDays;
    box.disabled = c.days.length > 0 && !c.noDays;
    this.refs['no-days-hint'].textContent = box.disabled ? 'Чтобы отметить, что ЕМД не проводился, удалите строки ЕМД выше.' : '';
    this.refs['reason-box'].hidden = !c.noDays;
    this.refs['add-day'].disabled = c.noDays;
    this.refs['add-day'].hidden = c.days.length >= (templateField(this.template, 'days').maxItems ?? 10);
  }

  /**
   * @template {'days' | 'decisions' | 'requests' | 'teachers'} L
   * @param {L} list @param {Content[L][number]} row
   */
  addRow(list, row) {
    /** @type {Content[L][number][]} */ (this.content[list]).push(row);
    this.fields.drop(list);
    this.drawList(list);
    this.drawNoDays();
    this.options.onChange();
    const rows = this.refs[list].children;
    /** @type {HTMLElement | null} */ (rows[rows.length - 1]?.querySelector('input, select, textarea'))?.focus();
  }

  /** @param {'days' | 'decisions' | 'requests' | 'teachers'} list @param {number} index */
  removeRow(list, index) {
    /** @type {unknown[]} */ (this.content[list]).splice(index, 1);
    this.fields.drop(list);
    this.drawList(list);
    this.drawNoDays();
    this.options.onChange();
    if (list === 'teachers') this.options.onStages();
  }

  /** @param {'days' | 'decisions' | 'requests' | 'teachers'} list */
  drawList(list) {
    this.fields.forget(`${list}[`);
    const target = this.refs[list];
    const rows = /** @type {unknown[]} */ (this.content[list]);
    target.replaceChildren(...rows.map((_, i) => this.row(list, i)));
    this.refs[`${list}-empty`].hidden = rows.length > 0;
    if (list === 'teachers') this.drawTeacherActions();
    this.fields.apply();
  }

  /** @param {'days' | 'decisions' | 'requests' | 'teachers'} list @param {number} i */
  row(list, i) {
    const names = { days: 'ЕМД', decisions: 'Решение', requests: 'Запрос', teachers: 'Педагог' };
    const { root, refs } = clone('t-pg-row');
    refs.legend.textContent = `${names[list]} ${i + 1}`;
    refs.remove.setAttribute('aria-label', `Удалить: ${names[list]} ${i + 1}`);
    refs.remove.addEventListener('click', () => this.removeRow(list, i));
    this.fields.register(`${list}[${i}]`, refs.fields, refs.error, null);
    const key = `${list}[${i}]`;
    const c = this.content;
    if (list === 'decisions') {
      const area = this.textArea(2, templateField(this.template, 'decisions').maxLength, (v) => { c.decisions[i] = v ?? ''; });
      area.value = c.decisions[i] ?? '';
      refs.fields.append(this.field(key, `Текст решения ${i + 1}`, area));
    } else if (list === 'days') {
      this.dayFields(refs.fields, c.days[i], key);
    } else if (list === 'requests') {
      const r = c.requests[i];
      const topic = this.input('text', templateField(this.template, 'requests.topic').maxLength, (v) => { r.topic = v; }, `${key}.topic`);
      topic.value = r.topic ?? '';
      const text = this.textArea(3, templateField(this.template, 'requests.text').maxLength, (v) => { r.text = v; }, `${key}.text`);
      text.value = r.text ?? '';
      refs.fields.append(
        this.field(`${key}.topic`, templateField(this.template, 'requests.topic').label, topic),
        this.field(`${key}.text`, templateField(this.template, 'requests.text').label, text));
    } else {
      this.teacherFields(refs.fields, c.teachers[i], key);
    }
    return root;
  }

  /** @param {HTMLElement} box @param {import('./content.js').DayRow} d @param {string} key */
  dayFields(box, d, key) {
    const f = (/** @type {string} */ p) => templateField(this.template, `days.${p}`);
    const date = this.input('date', null, (v) => { d.date = v; }, `${key}.date`);
    date.min = this.minDate;
    date.max = this.maxDate;
    date.value = d.date ?? '';
    const form = document.createElement('select');
    form.append(new Option('— выберите форму —', ''));
    for (const choice of this.template.forms) form.append(new Option(choice.label, choice.id, false, d.form === choice.id));
    const other = this.input('text', f('formOther').maxLength, (v) => { d.formOther = v; }, `${key}.formOther`);
    other.value = d.formOther ?? '';
    const otherBox = this.field(`${key}.formOther`, 'Форма проведения словами', other);
    otherBox.hidden = d.form !== 'other';
    form.addEventListener('change', () => {
      d.form = form.value || null;
      otherBox.hidden = d.form !== 'other';
      this.fields.clear(`${key}.form`);
      this.options.onChange();
    });
    const topic = this.input('text', f('topic').maxLength, (v) => { d.topic = v; }, `${key}.topic`);
    topic.value = d.topicWeek ? '' : d.topic ?? '';
    // The week's topic: picked from the topics published in this month, or typed when none fits (or none is published).
    const topics = this.options.links?.topics ?? [];
    let topicField = this.field(`${key}.topic`, `${f('topic').label} (необязательно)`, topic);
    /** @type {HTMLElement[]} */
    const topicText = [];
    if (topics.length > 0 || d.topicWeek) {
      const textBox = this.field(`${key}.topicText`, 'Тема словами', topic);
      const pick = linkPicker({
        choices: topics.map((t) => ({ value: t.week, label: t.range ? `${t.title} (${t.range})` : t.title })),
        linked: d.topicWeek ?? null, text: d.topic ?? null, none: '— без темы —', typed: 'Другая тема (вписать словами)', textBox,
        onPick: (v) => {
          d.topicWeek = v && v !== '*' ? v : null;
          d.topic = v === '*' ? topic.value.trim() || null : topics.find((t) => t.week === v)?.title ?? (v ? d.topic : null);
          this.fields.clear(`${key}.topic`);
          this.options.onChange();
          if (v === '*') topic.focus();
        },
      });
      topicField = this.field(`${key}.topic`, `${f('topic').label} (необязательно)`, pick);
      topicText.push(textBox);
    }
    const share = this.input('number', null, (v) => {
      d.sharePercent = v === null ? null : Number(v.replace(',', '.'));
      if (Number.isNaN(d.sharePercent)) d.sharePercent = null;
    }, `${key}.sharePercent`);
    share.min = '0';
    share.max = '100';
    share.step = '0.1';
    share.inputMode = 'decimal';
    share.value = d.sharePercent === null || d.sharePercent === undefined ? '' : String(d.sharePercent);
    box.append(
      this.field(`${key}.date`, f('date').label, date),
      this.field(`${key}.sharePercent`, f('sharePercent').label, share),
      this.field(`${key}.form`, f('form').label, form),
      otherBox,
      topicField,
      ...topicText);
    box.classList.add('pg-day');
  }

  /** @param {HTMLElement} box @param {import('./content.js').TeacherRow} t @param {string} key */
  teacherFields(box, t, key) {
    const f = (/** @type {string} */ p) => templateField(this.template, `teachers.${p}`);
    const who = document.createElement('select');
    who.append(new Option('— выберите педагога —', ''));
    for (const m of this.options.schoolTeachers) who.append(new Option(m.name, m.personId, false, t.personId === m.personId));
    // A member who has since left the school keeps their row.
    if (t.personId && !this.options.schoolTeachers.some((m) => m.personId === t.personId)) who.append(new Option(t.name || t.personId, t.personId, false, true));
    const typed = new Option('Другой педагог (вписать ФИО)', '*', false, !t.personId && t.name !== null && t.name !== undefined);
    who.append(typed);
    if (this.options.schoolTeachers.length === 0) typed.selected = true;
    const name = this.input('text', f('name').maxLength, (v) => { t.name = v; this.options.onStages(); }, `${key}.name`);
    name.value = t.personId ? '' : t.name ?? '';
    const nameBox = this.field(`${key}.name`, f('name').label, name);
    nameBox.hidden = who.value !== '*';
    who.addEventListener('change', () => {
      const member = this.options.schoolTeachers.find((m) => m.personId === who.value);
      t.personId = member?.personId ?? null;
      t.name = member ? member.name : who.value === '*' ? name.value.trim() || '' : null;
      nameBox.hidden = who.value !== '*';
      this.fields.clear(`${key}.personId`);
      this.fields.clear(`${key}.name`);
      if (who.value === '*') name.focus();
      this.options.onChange();
      this.options.onStages();
    });
    const practice = this.textArea(2, f('practice').maxLength, (v) => { t.practice = v; }, `${key}.practice`);
    practice.value = t.practiceId ? '' : t.practice ?? '';
    // The practice: one of the bank's, or typed when it is not in the bank (or the bank is empty).
    const practices = this.options.links?.practices ?? [];
    let practiceField = this.field(`${key}.practice`, f('practice').label, practice);
    /** @type {HTMLElement[]} */
    const practiceText = [];
    if (practices.length > 0 || t.practiceId) {
      const textBox = this.field(`${key}.practiceText`, 'Практика словами (не из банка)', practice);
      const pick = linkPicker({
        choices: practices.map((p) => ({ value: p.id, label: p.title })),
        linked: t.practiceId ?? null, text: t.practice ?? null, none: '— выберите практику из банка —', typed: 'Другая практика (вписать словами)', textBox,
        onPick: (v) => {
          t.practiceId = v && v !== '*' ? v : null;
          t.practice = v === '*' ? practice.value.trim() || null : practices.find((p) => p.id === v)?.title ?? (v ? t.practice : null);
          this.fields.clear(`${key}.practice`);
          this.options.onChange();
          if (v === '*') practice.focus();
        },
      });
      practiceField = this.field(`${key}.practice`, f('practice').label, pick);
      practiceText.push(textBox);
    }

    const { root: stages, refs } = clone('t-pg-choices');
    refs.legend.textContent = f('stage').label;
    const group = uid('stage');
    for (const s of this.template.stages) {
      const chip = el('label', 'chip');
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = group;
      radio.value = s.id;
      radio.checked = t.stage === s.id;
      radio.addEventListener('change', () => {
        t.stage = s.id;
        this.fields.clear(`${key}.stage`);
        this.options.onChange();
        this.options.onStages();
        progress.textContent = this.movement(t);
      });
      chip.append(radio, el('span', '', s.label));
      refs.choices.append(chip);
    }
    this.fields.register(`${key}.stage`, stages, refs.error, refs.choices);
    const progress = refs.progress;
    progress.textContent = this.movement(t);

    const help = this.textArea(2, f('help').maxLength, (v) => { t.help = v; }, `${key}.help`);
    help.value = t.help ?? '';
    box.append(
      this.field(`${key}.personId`, 'Педагог', who),
      nameBox,
      practiceField,
      ...practiceText,
      stages,
      this.field(`${key}.help`, `${f('help').label} (необязательно)`, help));
  }

  /** "В прошлом месяце: Применяю ↗" for one teacher row, or nothing without last month. @param {import('./content.js').TeacherRow} t */
  movement(t) {
    if (this.options.previousStages.length === 0 || (!t.personId && !t.name)) return '';
    const [change] = compareStages(this.options.previousStages, [t]);
    if (change.trend === 'new') return 'В листе прошлого месяца этого педагога не было.';
    const before = this.stageLabel(change.previousStage);
    return `В прошлом месяце: ${before}. ${change.stage ? trendNames[change.trend] : ''}`.trim();
  }

  /** @param {string | null | undefined} id */
  stageLabel(id) {
    return this.template.stages.find((s) => s.id === id)?.label ?? 'этап не указан';
  }

  /** The two ways to start the teacher list: last month's teachers with their practices, or the school's teachers. */
  drawTeacherActions() {
    const empty = this.content.teachers.length === 0;
    this.refs['copy-previous'].hidden = !empty || this.options.previousStages.length === 0;
    this.refs['add-school-teachers'].hidden = !empty || this.options.schoolTeachers.length === 0;
  }

  copyPrevious() {
    this.content.teachers.push(...this.options.previousStages.map((p) => ({
      personId: p.personId, name: p.name, practice: p.practice, stage: p.stage, help: null,
    })));
    this.afterBulk();
  }

  addSchoolTeachers() {
    this.content.teachers.push(...this.options.schoolTeachers.map((m) => ({ personId: m.personId, name: m.name, practice: null, stage: null, help: null })));
    this.afterBulk();
  }

  afterBulk() {
    this.fields.drop('teachers');
    this.drawList('teachers');
    this.options.onChange();
    this.options.onStages();
  }

  /**
   * @param {string} type
   * @param {number | null | undefined} maxLength
   * @param {(value: string | null) => void} set
   * @param {string} [key] the field whose error an edit clears
   */
  input(type, maxLength, set, key) {
    const input = document.createElement('input');
    input.type = type;
    if (maxLength) input.maxLength = maxLength;
    input.addEventListener('input', () => {
      set(input.value === '' ? null : input.value);
      if (key) this.fields.clear(key);
      this.options.onChange();
    });
    return input;
  }

  /**
   * @param {number} rows
   * @param {number | null | undefined} maxLength
   * @param {(value: string | null) => void} set
   * @param {string} [key]
   */
  textArea(rows, maxLength, set, key) {
    const area = document.createElement('textarea');
    area.rows = rows;
    if (maxLength) area.maxLength = maxLength;
    area.addEventListener('input', () => {
      set(area.value === '' ? null : area.value);
      if (key) this.fields.clear(key);
      this.options.onChange();
    });
    return area;
  }

  /** @param {string} key @param {string | null} label @param {HTMLElement} control */
  field(key, label, control) {
    return this.fields.field(key, label, control);
  }

  /**
   * Shows the server's field errors.
   * @param {Record<string, string[]>} errors
   * @returns {HTMLElement | null} the first field with an error
   */
  highlight(errors) {
    return this.fields.show(errors);
  }

  clearErrors() {
    this.fields.show({});
  }
}
