// @ts-check
// What the progress sheet links to: a teacher's practice to one of the bank's accepted practices, a methodical day
// to a published topic of a week of that month. Both are stored as ids (`practiceId`, `topicWeek`) beside the text,
// which the server fills with the title; a sheet saved before the links (text only) reads as it did.

import { el } from '../../js/dom.js';
import { request } from '../../js/api.js';
import { ProgressDraft } from './draft.js';

/** @param {string} s */
const seg = (s) => encodeURIComponent(s);

/**
 * @typedef {{ id: string, title: string }} PracticeChoice
 * @typedef {{ week: string, title: string, range: string }} TopicChoice
 * @typedef {{ practices: PracticeChoice[], topics: TopicChoice[] }} Links
 * What is read of the bank's list and of the topics (the practice bank's and the weekly cycle's answers):
 * @typedef {{ items?: { id: string, title: string }[] }} PracticePage
 * @typedef {{ week: string, title: string, state: string, weekRange?: string | null }} TopicLine
 */

/**
 * The ISO week's Monday (UTC date).
 * @param {string} week "2026-W47"
 */
function mondayOf(week) {
  const [year, n] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return new Date(Date.UTC(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7) + (n - 1) * 7));
}

/**
 * The bank's accepted practices and the topics published for the weeks touching the month. Without a network (or
 * a bank) the lists are empty and the fields are typed as before.
 * @param {string} mun @param {string} month "2026-11"
 * @returns {Promise<Links>}
 */
export async function loadLinks(mun, month) {
  const [y, m] = month.split('-').map(Number);
  const first = Date.UTC(y, m - 1, 1);
  const last = Date.UTC(y, m, 0);
  const [practices, topics] = await Promise.all([
    request(`/api/municipalities/${seg(mun)}/practices?take=200`)
      .then((/** @type {import('../../js/api.js').ApiAnswer<PracticePage>} */ a) => a.data.items ?? []).catch(() => []),
    request(`/api/municipalities/${seg(mun)}/topics`)
      .then((/** @type {import('../../js/api.js').ApiAnswer<TopicLine[] | null>} */ a) => a.data ?? []).catch(() => []),
  ]);
  return {
    practices: practices.map((p) => ({ id: p.id, title: p.title }))
      .sort((a, b) => a.title.localeCompare(b.title, 'ru')),
    topics: topics.filter((t) => {
      if (t.state !== 'published') return false;
      const monday = mondayOf(t.week).getTime();
      return monday <= last && monday + 6 * 86400000 >= first;
    }).map((t) => ({ week: t.week, title: t.title, range: t.weekRange ?? '' }))
      .sort((a, b) => a.week.localeCompare(b.week)),
  };
}

/** The progress draft that sends the links too (the rows' `practiceId` and `topicWeek`, by position). */
export class LinkedProgressDraft extends ProgressDraft {
  input() {
    const input = super.input();
    input.days.forEach((d, i) => { d.topicWeek = this.content.days[i]?.topicWeek ?? null; });
    input.teachers.forEach((t, i) => { t.practiceId = this.content.teachers[i]?.practiceId ?? null; });
    return input;
  }
}

/**
 * A teacher's practice as read: a link to the bank's practice, or the text as typed.
 * @param {import('./content.js').TeacherRow} t
 */
export function practiceNode(t) {
  if (!t.practiceId) return document.createTextNode(t.practice ?? 'практика не указана');
  const a = el('a', '', t.practice || 'практика из банка');
  a.href = `#/practice/${seg(t.practiceId)}`;
  return a;
}

/**
 * A day's topic as read: «Тема: …», a link to the week's topic when linked (only for a day with a topic).
 * @param {import('./content.js').DayRow} d
 */
export function topicNode(d) {
  const line = el('span', 'muted block', 'Тема: ');
  if (d.topicWeek) {
    const a = el('a', '', d.topic || d.topicWeek);
    a.href = `#/week/${seg(d.topicWeek)}`;
    line.append(a);
  } else {
    line.append(/** @type {string} */ (d.topic));
  }
  return line;
}

/**
 * A picker of linked choices with «другое (вписать)» and the text field for it; a stored link no longer offered
 * stays chosen. Returns the select; `box` of the text shows only for the typed choice.
 * @param {{ choices: { value: string, label: string }[], linked: string | null, text: string | null, none: string, typed: string,
 *   textBox: HTMLElement, onPick: (value: string) => void }} o
 */
export function linkPicker(o) {
  const select = document.createElement('select');
  select.append(new Option(o.none, ''));
  for (const c of o.choices) select.append(new Option(c.label, c.value, false, c.value === o.linked));
  if (o.linked && !o.choices.some((c) => c.value === o.linked)) select.append(new Option(o.text || o.linked, o.linked, false, true));
  select.append(new Option(o.typed, '*', false, !o.linked && Boolean(o.text)));
  const draw = () => { o.textBox.hidden = select.value !== '*'; };
  draw();
  select.addEventListener('change', () => {
    draw();
    o.onPick(select.value);
  });
  return select;
}
