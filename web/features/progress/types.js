// @ts-check
// The progress sheet's and the plans of help's answers from the server (Features/Progress/*Contracts.cs), as JSDoc
// types only: modules name them with `import('./types.js').X`, so nothing is loaded for them.

export {};

/**
 * The template (ProgressTemplate): its sections and fields (labels, hints, limits in words), the forms of a methodical
 * day and the stages of a teacher's practice.
 * @typedef {{ id: string, label: string }} Choice
 * @typedef {{ id: string, label: string, type: string, required?: boolean, hint?: string | null, maxLength?: number | null,
 *   maxItems?: number | null, min?: number | null, max?: number | null, choices?: string | null, role?: string | null,
 *   fields?: TemplateField[] | null }} TemplateField  `choices`: the template's list the field chooses from (`forms`, `stages`)
 * @typedef {{ id: string, title: string, fields: TemplateField[] }} TemplateSection
 * @typedef {{ kind: string, version: string, title: string, source: string, note: string, sections: TemplateSection[],
 *   forms: Choice[], stages: Choice[] }} ProgressTemplate
 *
 * @typedef {import('./content.js').Content} Content
 * @typedef {import('../../js/sheet-panels.js').Stamp} Stamp
 * @typedef {import('../../js/sheet-panels.js').Comment} Comment
 * @typedef {import('../../js/sheet-panels.js').Revision & { templateVersion: string, days: number, teachers: number }} RevisionSummary
 * @typedef {{ schoolId: string, month: string, number: number, templateVersion: string, sheet: Content, submitted: Stamp }} RevisionView
 * @typedef {{ personId: string | null, name: string, practice: string | null, stage: string | null, practiceId?: string | null }} TeacherStage
 * @typedef {{ personId: string | null, name: string, stage: string | null, previousStage: string | null, trend: string }} StageChange
 * @typedef {{ personId: string, name: string }} SchoolTeacher
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, month: string, templateVersion: string,
 *   status: string, sheet: Content, revision: number, eTag: string | null, updated: Stamp | null, submitted: Stamp | null,
 *   revisions: RevisionSummary[], comments: Comment[], previousMonth: string | null, previousStages: TeacherStage[],
 *   stageChanges: StageChange[], schoolTeachers: SchoolTeacher[], can: { edit: boolean, comment: boolean } }} ProgressView
 *
 * @typedef {{ stage: string, label: string, count: number }} StageCount
 * @typedef {{ schoolId: string, shortName: string, name: string, lowResults: boolean, status: string, revision: number,
 *   submittedAt: string | null, submittedByName: string | null, days: number, noDays: boolean, noDaysReason: string | null,
 *   averageSharePercent: number | null, teachers: number, stages: StageCount[] }} SummaryRow
 * @typedef {{ itemId: string, action: string, status: string }} RequestAnswer
 * @typedef {{ schoolId: string, schoolShortName: string, requestId: string, topic: string, text: string, planItems: RequestAnswer[] }} OpenRequest
 * @typedef {{ schools: number, submitted: number, days: number, averageSharePercent: number | null, teachers: number,
 *   stages: StageCount[] }} Totals
 * @typedef {{ id: string, shortName: string, name: string }} SchoolRef
 * @typedef {{ municipalityId: string, month: string, schools: SummaryRow[], notSubmitted: SchoolRef[], totals: Totals,
 *   openRequests: OpenRequest[], answeredRequests: number }} SummaryView
 *
 * The plans of help (HelpPlanContracts.cs); `history`'s first change is the item's creation (`from` null).
 * @typedef {{ kind: string, teacherId: string | null, name: string | null, label: string }} HelpRecipient
 * @typedef {{ month: string, requestId: string | null, requestTopic: string | null }} HelpSource
 * @typedef {{ visitId: string, date: string, findingId: string }} HelpVisitSource  a finding of a school visit's report
 * @typedef {{ from: string | null, to: string, byId: string, byName: string, at: string, comment: string | null }} HelpStatusChange
 * @typedef {{ id: string, schoolId: string, action: string, responsible: string, dueDate: string, status: string,
 *   statusLabel: string, overdue: boolean, source: HelpSource | null, notes: string | null, recipient: HelpRecipient | null,
 *   visit?: HelpVisitSource | null, eTag: string, created: Stamp, updated: Stamp, history: HelpStatusChange[] }} HelpItemView
 * @typedef {{ id: string, label: string }} HelpStatusChoice
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, items: HelpItemView[], statuses: HelpStatusChoice[],
 *   can: { edit: boolean } }} HelpPlanView
 * @typedef {{ schoolId: string, schoolShortName: string, daysOverdue: number, item: HelpItemView }} OverdueHelpItem
 * @typedef {{ municipalityId: string, today: string, items: OverdueHelpItem[] }} OverdueHelpView
 *
 * The school's teachers for a plan item's recipient (Features/Staff: StaffListView, the fields read here).
 * @typedef {{ id: string, fullName: string }} StaffTeacher
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, teachers: StaffTeacher[] }} StaffList
 */
