// @ts-check
// The answers of the individual educational routes' endpoints (Features/Routes, camelCase) and the bodies the page
// sends, as JSDoc types only: modules name them with `import('./types.js').X`, so nothing is loaded for them.

export {};

/**
 * @typedef {{ fileName: string, contentType: string, bytes: number, byName: string, at: string }} CertificateView
 * @typedef {{ id: string, competence: string, competenceLabel: string, content: string, form: string, formLabel: string,
 *   hours: number, startDate: string, endDate: string, responsibleName: string | null, responsibleMemberId: string | null,
 *   status: string, statusLabel: string, practiceId: string | null, evidenceNote: string | null,
 *   certificate: CertificateView | null, moduleId: string | null }} RouteItem
 *   moduleId: the subscription module the item stands for (attending it marks the item)
 * @typedef {{ byId: string, byName: string, at: string }} Mark
 * @typedef {{ byId: string, byName: string, at: string, orderDate: string, orderNumber: string, words: string }} Approval
 * @typedef {{ date: string, note: string, byId: string, byName: string, at: string }} Consultation
 * @typedef {{ teacherId: string, teacherName: string, period: string, periodLabel: string, revision: number,
 *   state: 'draft' | 'agreed' | 'approved', stateLabel: string, entryRoundId: string | null, tutorName: string,
 *   tutorMemberId: string | null, items: RouteItem[], totalHours: number, teacherAgreement: Mark | null,
 *   tutorAgreement: Mark | null, approval: Approval | null, consultations: Consultation[], updatedAt: string,
 *   updatedByName: string, eTag: string }} RouteView
 * @typedef {{ teacherId: string, teacherName: string, period: string, entryRoundId: string, roundDate: string,
 *   items: RouteItem[], message: string, practices: CompetencePractices[] }} RouteDraft
 * @typedef {{ competence: string, competenceLabel: string, practices: { id: string, title: string }[] }} CompetencePractices
 *   up to three accepted practices of the bank tagged with a suggested competence
 * @typedef {{ teacherId: string, teacherName: string, period: string, revision: number, state: string, stateLabel: string,
 *   items: number, done: number, totalHours: number }} RouteSummary
 * @typedef {{ competence: string, label: string, entry: number | null, repeat: number | null, change: number | null }} CompetenceChange
 * @typedef {{ number: number, teacherId: string | null, teacherName: string | null, state: string, itemsDone: number,
 *   itemsTotal: number, hoursDone: number, hoursPlanned: number, changes: CompetenceChange[] }} ReviewRow
 * @typedef {{ teachers: number, approved: number, itemsDone: number, itemsTotal: number, hoursDone: number,
 *   hoursPlanned: number, means: CompetenceChange[] }} ReviewTotals
 * @typedef {{ schoolId: string, schoolName: string, period: string, entryRoundId: string | null,
 *   repeatRoundId: string | null, rows: ReviewRow[], totals: ReviewTotals }} SchoolReview
 * @typedef {{ id: string, competence: string, content: string, form: string, hours: number, startDate: string,
 *   endDate: string, responsibleName: string | null, responsibleMemberId: string | null, status: string,
 *   practiceId: string | null, evidenceNote: string | null, moduleId?: string | null }} ItemInput
 * @typedef {{ tutorName: string | null, tutorMemberId: string | null, entryRoundId: string | null, items: ItemInput[] }} RouteInput
 * @typedef {{ id: string, form: string, formLabel: string, topic: string, competence: string, competenceLabel: string,
 *   hours: number, startDate: string, endDate: string, leadName: string, leadMemberId: string | null, place: string,
 *   inSchoolRoute: boolean, agreedBySchool: boolean }} ModuleChoice
 *   a module of the methodical subscription an item can stand for
 * @typedef {{ period: string, modules: ModuleChoice[] }} ModuleChoices
 * @typedef {{ schoolId: string, schoolName: string, teachers: number, withRoutes: number, approved: number,
 *   itemsDone: number, itemsTotal: number, itemsOverdue: number }} SchoolRoutesLine
 * @typedef {{ period: string, periodLabel: string, today: string, schools: SchoolRoutesLine[], totals: SchoolRoutesLine,
 *   namesOpen: boolean }} RoutesOverview
 */
