// @ts-check
// The weekly cycle's answers from the server (Features/WeeklyCycle/WeeklyCycleContracts.cs), as JSDoc types only:
// modules name them with `import('./types.js').X`, so nothing is loaded for them. Times: `…At` are instants
// (ISO 8601), `local…` the same moment in the municipality's words.

export {};

/**
 * @typedef {import('./api.js').CycleStep} CycleStep
 * @typedef {{ title: string | null, url: string | null }} VideoLink
 * @typedef {{ week: string, weekRange: string, title: string, videos: VideoLink[], questions: string[], assignment: string,
 *   publishedAt: string | null, state: string, eTag: string | null, updatedByName: string, updatedAt: string }} TopicView
 * @typedef {{ preset: string, title: string, steps: CycleStep[] }} CycleTemplate
 * @typedef {{ week: string, weekRange: string, reason: string }} SkippedWeek
 * @typedef {{ template: CycleTemplate, presets: CycleTemplate[], skipped: SkippedWeek[], timeZone: string }} CycleView
 * @typedef {{ id: string, kind: string, title: string, actor: string, at: string, localAt: string, state: string,
 *   doneAt: string | null, doneByName: string | null, text: string | null, late: boolean }} StepView
 * @typedef {{ id: string, schoolId: string, schoolName: string, topicQuestion: number, text: string, askedAt: string,
 *   askedByName: string, late: boolean, answer: string | null, answeredAt: string | null, answeredByName: string | null }} QuestionView
 * @typedef {{ week: string, topicTitle: string | null, text: string | null, at: string | null, state: string,
 *   localDue: string | null }} PreviousDecision
 * @typedef {{ week: string, weekRange: string, schoolId: string, schoolName: string, skipped: boolean, skipReason: string | null,
 *   closed: boolean, topic: TopicView | null, steps: StepView[], questions: QuestionView[], previousDecision: PreviousDecision | null,
 *   can: { act: boolean, meet: boolean, answer: boolean } }} SchoolWeekView
 * @typedef {{ stepId: string, state: string, doneAt: string | null }} BoardCell
 * @typedef {{ schoolId: string, schoolName: string, cells: BoardCell[], questions: number, lowResults: boolean,
 *   improving: boolean, leader: boolean, hasCurator: boolean }} BoardRow
 * @typedef {{ stepId: string, kind: string, title: string, deadline: string, localDeadline: string, localUntil: string }} BoardColumn
 * @typedef {{ week: string, weekRange: string, topicTitle: string | null, published: boolean, skipped: boolean,
 *   columns: BoardColumn[], rows: BoardRow[] }} BoardView
 * @typedef {{ schoolId: string, schoolName: string, questions: QuestionView[] }} AgendaSchool
 * @typedef {{ topicQuestion: number, title: string, schools: AgendaSchool[] }} AgendaGroup
 * @typedef {{ week: string, topicTitle: string | null, groups: AgendaGroup[], total: number, unanswered: number }} AgendaView
 * @typedef {{ week: string, weekRange: string, title: string, state: string, publishedAt: string | null }} TopicSummary
 * @typedef {{ group: string, title: string, people: number }} AudienceGroup
 * @typedef {{ effect: string, publishedAt: string | null, notifies: boolean, schools: number, people: number, emails: number,
 *   groups: AudienceGroup[], changes: string[], message: string }} TopicPreview
 * @typedef {{ title: string, videos: VideoLink[], questions: string[], assignment: string, updatedByName: string,
 *   updatedAt: string }} TopicRevision
 * @typedef {{ answered: QuestionView[] }} BulkAnswerView
 */
