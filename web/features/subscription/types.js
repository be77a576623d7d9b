// @ts-check
// The answers of the methodical subscription's endpoints (Features/Subscription/*Contracts.cs, camelCase), as JSDoc
// types only: modules name them with `import('./types.js').X`, so nothing is loaded for them.

export {};

/**
 * @typedef {{ code: string, label: string }} Choice
 * @typedef {{ id: string, name: string }} SchoolRef
 * @typedef {{ id: string, schoolId: string, schoolName: string, year: string, yearLabel: string, criteria: Choice[],
 *   justification: string, status: string, statusLabel: string, comment: string | null, createdByName: string,
 *   createdAt: string, answeredByName: string | null, answeredAt: string | null }} ApplicationView
 * @typedef {{ id: string, schoolId: string, schoolName: string, teacherId: string | null, teacherName: string | null,
 *   topic: string, competence: string, competenceLabel: string, subject: string, form: string, formLabel: string,
 *   createdByName: string, createdAt: string, moduleIds: string[] }} NeedView
 * @typedef {{ topic: string, count: number, schools: number, competences: string[], needs: NeedView[] }} TopicGroup
 * @typedef {{ competence: string, label: string, count: number, topics: string[], needs: NeedView[] }} CompetenceGroup
 * @typedef {{ schoolId: string, teacherId: string, teacherName: string, routeOutcome: string, routeOutcomeLabel: string }} AttendeeView
 * @typedef {{ id: string, date: string, attendees: AttendeeView[], attendeesTotal: number, feedback: string,
 *   recordedByName: string, recordedAt: string }} SessionView
 * @typedef {{ id: string, year: string, form: string, formLabel: string, topic: string, competence: string,
 *   competenceLabel: string, leadKind: string, leadKindLabel: string, leadName: string, leadMemberId: string | null,
 *   hours: number, startDate: string, endDate: string, place: string, schools: SchoolRef[], needIds: string[],
 *   sessions: SessionView[], updatedByName: string, updatedAt: string, eTag: string }} ModuleView
 * @typedef {{ schoolId: string, schoolName: string, teacherId: string, fullName: string }} RosterTeacher
 * @typedef {{ module: ModuleView, roster: RosterTeacher[] }} ModuleDetails
 * @typedef {{ year: string, yearLabel: string, applications: ApplicationView[], agreedSchools: SchoolRef[],
 *   byTopic: TopicGroup[], byCompetence: CompetenceGroup[], modules: ModuleView[], criteria: Choice[], forms: Choice[],
 *   leads: Choice[], competences: Choice[] }} MunicipalityOverview
 * @typedef {{ moduleIds: string[], agreedByName: string, agreedAt: string }} RouteAgreementView
 * @typedef {{ schoolId: string, schoolName: string, year: string, yearLabel: string, application: ApplicationView | null,
 *   needs: NeedView[], route: ModuleView[], agreement: RouteAgreementView | null, teachers: SchoolRef[], canApply: boolean,
 *   canEnterForOthers: boolean, ownTeacherId: string | null, criteria: Choice[], forms: Choice[], competences: Choice[] }} SchoolOverview
 * @typedef {{ key: string, label: string, count: number }} CountBy
 * @typedef {{ year: string, yearLabel: string, schools: number, deficitsFound: number, deficitsRemoved: number,
 *   deficitsReduced: number, teachersOnRoutes: number, routeItemsDone: number, modulesPlanned: number,
 *   modulesDelivered: number, deliveredByForm: CountBy[], deliveredBySchool: CountBy[], teachersAttended: number,
 *   attendances: number, participationBySchool: CountBy[], practicesAccepted: number, practicesBySchool: CountBy[],
 *   note: string }} Indicators
 *
 * What the page sends (ApplicationInput, NeedInput, ModuleInput, SessionInput).
 * @typedef {{ year: string, criteria: string[], justification: string }} ApplicationInput
 * @typedef {{ year: string, teacherId: string | null, topic: string, competence: string, subject: string, form: string }} NeedInput
 * @typedef {{ year: string, form: string, topic: string, competence: string, leadKind: string, leadName: string,
 *   leadMemberId?: string | null, hours: number | null, startDate: string, endDate: string, place: string,
 *   schools: string[], needIds: string[] }} ModuleInput
 * @typedef {{ date: string, attendees: { schoolId: string, teacherId: string }[], feedback: string }} SessionInput
 */
