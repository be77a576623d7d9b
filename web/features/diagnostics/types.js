// @ts-check
// The answers of the competence diagnostics' endpoints (Features/Diagnostics/DiagnosticContracts.cs, camelCase), as
// JSDoc types only: modules name them with `import('./types.js').X`, so nothing is loaded for them.

export {};

/**
 * @typedef {{ medium: number, high: number }} CutOff
 * @typedef {{ code: string, label: string, cutOff: CutOff }} CompetenceView
 * @typedef {{ id: string, kind: 'entry' | 'repeat', kindLabel: string, date: string, title: string, instrument: string,
 *   entryRoundId: string | null, competences: CompetenceView[], teachers: number, updatedAt: string, updatedByName: string,
 *   eTag: string }} RoundView
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, rounds: RoundView[],
 *   permissions: { canKeep: boolean, seesTeachers: boolean } }} RoundList
 * @typedef {{ competence: string, entry: number | null, repeat: number | null }} TableCell
 * @typedef {{ number: number, teacherId: string | null, teacherName: string | null, cells: TableCell[] }} TableRow
 * @typedef {{ competence: string, level: string, levelLabel: string, atEntry: number, atRepeat: number }} LevelCount
 * @typedef {{ competence: string, from: string, to: string, words: string, teachers: number }} LevelChange
 * @typedef {{ schoolName: string, entry: RoundView, repeat: RoundView | null, rows: TableRow[], means: TableCell[],
 *   levels: LevelCount[], changes: LevelChange[], highInAnyAfterRepeat: number }} DiagnosticTable
 * @typedef {{ teacherId: string, teacherName: string, levels: Record<string, number | null>, levelWords: Record<string, string | null>,
 *   updatedAt: string, updatedByName: string, eTag: string }} ResultView
 * @typedef {{ dryRun: boolean, teachers: number, added: number, changed: number, unchanged: number }} ImportResult
 * @typedef {{ schoolId: string, schoolName: string, shnor: boolean, entryDate: string | null, repeatDate: string | null,
 *   teachers: number, means: TableCell[] }} HeatMapSchool
 * @typedef {{ subject: string, teachers: number, means: TableCell[] }} HeatMapSubject
 * @typedef {{ competences: CompetenceView[], schools: HeatMapSchool[], subjects: HeatMapSubject[] }} HeatMap
 */
