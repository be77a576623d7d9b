// @ts-check
// The answers of the school visits' endpoints (Features/Visits: VisitContracts.cs, VisitReportContracts.cs,
// VisitReviewContracts.cs, VisitYearFigures.cs; camelCase), as JSDoc types only: modules name them with
// `import('./types.js').X`, so nothing is loaded for them.

export {};

/**
 * @typedef {{ code: string, label: string }} Choice
 *
 * Results register and candidates.
 * @typedef {{ exam: string, examLabel: string, subject: string, grade: number | null, school: number | null,
 *   municipality: number | null, city: number | null }} ExamResult
 * @typedef {{ schoolId: string, schoolName: string, year: string, shnorFrom: string | null, shnorTo: string | null,
 *   onShnorList: boolean, qualityPercent: number | null, attainmentPercent: number | null,
 *   olympiadSchoolParticipants: number | null, olympiadSchoolWinners: number | null,
 *   olympiadHigherParticipants: number | null, olympiadHigherWinners: number | null, innovationTeachers: number | null,
 *   exams: ExamResult[], entered: boolean, updatedAt: string | null, updatedByName: string | null, eTag: string | null }} SchoolResultsView
 * @typedef {{ municipalityId: string, year: string, yearLabel: string, years: string[], schools: SchoolResultsView[],
 *   canEdit: boolean }} ResultsYearView
 * @typedef {{ rows: number, schools: number, exams: number, changed: number, unchanged: number }} ResultsImportResult
 * @typedef {{ cell: string, row: number, field: string, column: string, message: string }} ImportCellError
 * @typedef {{ code: string, on: boolean, weight: number, threshold: number | null }} CriterionSetting
 * @typedef {{ exam: string, subject: string, grade: number | null, school: number | null, municipality: number | null,
 *   city: number | null }} ExamResultInput
 * @typedef {{ shnorFrom: string | null, shnorTo: string | null, qualityPercent: number | null,
 *   attainmentPercent: number | null, olympiadSchoolParticipants: number | null, olympiadSchoolWinners: number | null,
 *   olympiadHigherParticipants: number | null, olympiadHigherWinners: number | null, innovationTeachers: number | null,
 *   exams: ExamResultInput[] }} SchoolResultsInput
 * @typedef {{ code: string, title: string, thresholdLabel: string | null, on: boolean, weight: number,
 *   threshold: number | null, source: string }} CriterionView
 * @typedef {{ criteria: CriterionView[], canEdit: boolean, updatedAt: string | null, updatedByName: string | null,
 *   eTag: string | null }} CriteriaView
 * @typedef {{ code: string, title: string, met: boolean, noData: boolean, points: number, detail: string }} CandidateReason
 * @typedef {{ schoolId: string, schoolName: string, leader: boolean, score: number, reasons: CandidateReason[],
 *   lastVisitDate: string | null, nextVisitDate: string | null, nextVisitId: string | null, openHelpItems: number,
 *   request: VisitRequestView | null }} CandidateView
 * @typedef {{ municipalityId: string, year: string, yearLabel: string, criteria: CriterionView[],
 *   schools: CandidateView[] }} CandidatesView
 *
 * Requests and visits.
 * @typedef {{ id: string, schoolId: string, schoolName: string, month: string, reason: string, status: string,
 *   statusLabel: string, comment: string | null, createdAt: string, createdByName: string, answeredAt: string | null,
 *   answeredByName: string | null, visitId: string | null }} VisitRequestView
 * @typedef {{ personId: string, name: string, memberRole: string, role: string, roleLabel: string,
 *   schoolName: string | null }} TeamMember
 * @typedef {{ teacherId: string, teacherName: string, subject: string, grade: string, number: number, start: string,
 *   end: string, room: string | null, observers: string[], id?: string | null }} Lesson
 * @typedef {{ id: string, municipalityId: string, schoolId: string, schoolName: string, date: string, purpose: string,
 *   basis: string, requestId: string | null, directions: Choice[], team: TeamMember[], lessons: Lesson[],
 *   status: string, warnings: string[], canEdit: boolean, updatedAt: string, updatedByName: string, eTag?: string,
 *   repeatOf?: string | null }} VisitView
 * @typedef {{ id: string, schoolId: string, schoolName: string, date: string, purpose: string, status: string,
 *   teamSize: number, lessons: number, onTeam: boolean }} VisitSummary
 * @typedef {{ municipalityId: string, visits: VisitSummary[], requests: VisitRequestView[], canPlan: boolean }} VisitListView
 * @typedef {{ personId: string, name: string, memberRole: string, schoolName: string | null, leaderSchool: boolean }} TeamCandidate
 * @typedef {{ directions: Choice[], roles: Choice[], people: TeamCandidate[], teamMin: number, teamMax: number }} PlanningOptions
 *
 * What the page sends for a visit (VisitInput).
 * @typedef {{ teacherId: string, subject: string, grade: string, number: number | null, date: string, start: string,
 *   end: string, room: string | null, observers: string[], id?: string | null }} LessonInput
 * @typedef {{ schoolId: string, date: string, purpose: string, requestId: string | null, directions: string[],
 *   team: { personId: string, role: string }[], lessons: LessonInput[], status: string, repeatOf?: string | null }} VisitInput
 *
 * The visit's report.
 * @typedef {{ id: string, text: string }} ReportLine
 * @typedef {{ summary: string, conclusions: string, recommendations: ReportLine[], agreements: ReportLine[],
 *   updatedAt: string | null, updatedByName: string | null }} ReportText
 * @typedef {{ id: string | null, text: string }} ReportLineInput a line the page sends (a new one has no id yet)
 * @typedef {{ summary: string, conclusions: string, recommendations: ReportLineInput[], agreements: ReportLineInput[] }} ReportTextInput
 * @typedef {{ lessonId: string, teacherId: string, teacherName: string, subject: string, grade: string, number: number,
 *   start: string, end: string, observers: string[], protocols: number, released: number }} ReportLesson
 * @typedef {{ id: string, section: string, text: string, max: string }} GridItem
 * @typedef {{ value: string, marks: string[], low: boolean }} GridCell
 * @typedef {{ lessonId: string, teacherName: string, subject: string, grade: string }} GridColumn
 * @typedef {{ templateVersion: string, templateTitle: string, note: string, items: GridItem[], lessons: GridColumn[],
 *   cells: Record<string, Record<string, GridCell>> }} ReportGrid
 * @typedef {{ lessonId: string, teacherName: string, observerName: string, text: string }} ProtocolLine
 * @typedef {{ id: string, action: string, dueDate: string, status: string, statusLabel: string,
 *   findingId: string | null }} HelpItemRef
 * @typedef {{ id: string, kind: string, kindLabel: string, text: string, lessonId: string | null,
 *   teacherId: string | null, teacherName: string | null, itemId: string | null, suggestedAction: string,
 *   helpItem: HelpItemRef | null }} Finding
 * @typedef {{ code: string, title: string, order: number, paragraphs: string[], items: string[] }} ReportSection
 * @typedef {{ teacherId: string, teacherName: string, itemId: string, itemText: string, before: string | null,
 *   now: string | null, change: string, changeLabel: string }} ComparisonRow
 * @typedef {{ firstVisitId: string, firstDate: string, rows: ComparisonRow[], helpItems: HelpItemRef[] }} RepeatComparison
 * @typedef {{ id: string, date: string }} VisitRef
 * @typedef {{ visitId: string, municipalityId: string, schoolId: string, schoolName: string, date: string,
 *   purpose: string, directions: string[], team: TeamMember[], repeatOf: VisitRef | null, lessons: ReportLesson[],
 *   grid: ReportGrid, strengths: ProtocolLine[], problems: ProtocolLine[], recommendations: ProtocolLine[],
 *   text: ReportText, findings: Finding[], sections: ReportSection[], comparison: RepeatComparison | null,
 *   can: { canEdit: boolean, canMakeHelpItems: boolean, canPlanRepeat: boolean }, eTag?: string }} VisitReportView
 *
 * The visit's review (documents, directions, experience, interview).
 * @typedef {{ id: string, name: string, size: number, contentType: string, uploadedByName: string,
 *   uploadedAt: string }} ReviewFileView
 * @typedef {{ code: string, title: string, group: string | null, provided: boolean, providedOnSite: boolean,
 *   files: ReviewFileView[], verdict: string | null, verdictLabel: string | null, remarks: string,
 *   judgedByName: string | null, judgedAt: string | null, eTag?: string }} ReviewDocumentView
 * @typedef {{ code: string, label: string, planned: boolean, strengths: string, problems: string,
 *   updatedByName: string | null, updatedAt: string | null, eTag?: string }} ReviewDirectionView
 * @typedef {{ id: string, kind: string, kindLabel: string, teacherId: string | null, name: string, description: string,
 *   invitedAt: string | null, invitedByName: string | null, practiceId: string | null, practiceTitle: string | null,
 *   updatedByName: string | null, eTag?: string }} ReviewExperienceView
 * @typedef {{ date: string | null, participants: string, problemDirections: Choice[], agreements: string[],
 *   updatedByName: string | null, updatedAt: string | null, eTag?: string }} ReviewInterviewView
 * @typedef {{ id: string, name: string, hasAccount: boolean }} ReviewTeacher
 * @typedef {{ visitId: string, schoolId: string, schoolName: string, date: string, status: string,
 *   can: { upload: boolean, judge: boolean, edit: boolean }, findingsVisible: boolean, findingsFrom: string,
 *   documents: ReviewDocumentView[], directions: ReviewDirectionView[], experience: ReviewExperienceView[],
 *   interview: ReviewInterviewView | null, verdicts: Choice[], allDirections: Choice[], teachers: ReviewTeacher[],
 *   fileExtensions: string[], maxFileBytes: number }} VisitReviewView
 * @typedef {{ experienceId: string, practiceId: string, practiceTitle: string }} ReviewPracticeLinkView
 * @typedef {{ part: string, content: string, writtenByName: string, writtenAt: string, replacedByName: string,
 *   replacedAt: string }} ReviewRevisionView
 *
 * The school year's figures.
 * @typedef {{ visits: number, plannedAhead: number, schools: number, lessonsObserved: number, protocols: number,
 *   shnorSchools: number, shnorLeft: number, repeatVisits: number, helpItems: number, helpDone: number,
 *   helpOverdue: number, requestsAnswered: number, requestsPending: number }} VisitYearTotals
 * @typedef {{ month: string, label: string, visits: number, lessonsObserved: number }} VisitYearMonth
 * @typedef {{ visitId: string, date: string, lessonsObserved: number, protocols: number, meanMark: number | null }} VisitYearVisit
 * @typedef {{ schoolId: string, schoolName: string, shnor: boolean, leftShnor: boolean, lessonsObserved: number,
 *   helpDone: number, helpOverdue: number, visits: VisitYearVisit[], firstMark: number | null,
 *   lastMark: number | null, markChange: number | null }} VisitYearSchool
 * @typedef {{ municipalityId: string, year: string, yearLabel: string, from: string, to: string, asOf: string,
 *   years: string[], totals: VisitYearTotals, months: VisitYearMonth[], schools: VisitYearSchool[] }} VisitYearView
 */
