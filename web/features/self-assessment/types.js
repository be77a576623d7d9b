// @ts-check
// The self-assessment sheet's answers from the server (Features/SelfAssessment/SheetContracts.cs), as JSDoc types
// only: modules name them with `import('./types.js').X`, so nothing is loaded for them.

export {};

/**
 * @typedef {import('./score.js').Template} Template
 * @typedef {import('./score.js').Score} Score
 * @typedef {import('./score.js').AreaScore} AreaScore
 * @typedef {import('../../js/sheet-panels.js').Stamp} Stamp
 * @typedef {import('../../js/sheet-panels.js').Comment} Comment
 * @typedef {'high' | 'medium' | 'low'} Cluster
 * @typedef {Record<string, string>} Values indicator id → "2" | "1" | "0" | "na"
 * @typedef {import('../../js/sheet-panels.js').Revision & { templateVersion: string, total: number, applicableMax: number,
 *   percent: number | null, cluster: Cluster | null }} RevisionSummary
 * @typedef {{ schoolId: string, month: string, number: number, templateVersion: string, values: Values, score: Score,
 *   submitted: Stamp }} RevisionView
 * @typedef {{ id: string, text: string, before: string | null, after: string | null }} IndicatorChange
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, schoolKind: 'Basic' | 'Secondary', month: string,
 *   templateVersion: string, status: string, values: Values, score: Score, revision: number, eTag: string | null,
 *   updated: Stamp | null, submitted: Stamp | null, submittedScore: Score | null, revisions: RevisionSummary[],
 *   comments: Comment[], previousMonth: string | null, changesSincePrevious: IndicatorChange[],
 *   can: { edit: boolean, comment: boolean } }} SheetView
 * @typedef {{ month: string, revision: number, total: number, applicableMax: number, percent: number | null,
 *   cluster: Cluster | null, areas: AreaScore[], submittedAt: string }} HistoryPoint
 * @typedef {{ schoolId: string, schoolName: string, months: HistoryPoint[] }} HistoryView
 * @typedef {{ schoolId: string, shortName: string, name: string, kind: 'Basic' | 'Secondary', lowResults: boolean,
 *   status: string, revision: number, templateVersion: string | null, values: Values, total: number, applicableMax: number,
 *   percent: number | null, cluster: Cluster | null, areas: AreaScore[], submittedAt: string | null,
 *   submittedByName: string | null }} SummaryColumn
 * @typedef {{ id: string, shortName: string, name: string }} SchoolRef
 * @typedef {{ municipalityId: string, month: string, templateVersion: string, schools: SummaryColumn[],
 *   notSubmitted: SchoolRef[], clusters: { high: number, medium: number, low: number } }} SummaryView
 * @typedef {{ month: string, schools: number, submitted: number, high: number, medium: number, low: number,
 *   averagePercent: number | null, areaAverages: Record<string, number | null> }} TrendPoint
 * @typedef {{ municipalityId: string, months: TrendPoint[] }} TrendView
 */
