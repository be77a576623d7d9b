// @ts-check
// The answers of the people and staff endpoints (Features/People, Features/Staff), as JSDoc types only: modules name
// them with `import('./types.js').X`, so nothing is loaded for them.

export {};

/**
 * @typedef {import('../../js/api.js').School} School
 * @typedef {import('../../js/api.js').Member} Member
 * @typedef {{ created: number, updated: number, unchanged: number }} ImportCounts
 * @typedef {{ sheet: string, row: number, id: string, name: string, action: string }} ImportChange
 * @typedef {{ dryRun: boolean, schools: ImportCounts, people: ImportCounts, changes: ImportChange[] }} ImportReport
 *
 * A teacher of the school's staff list; the details (category, position, e-mail, archive, who changed it) only for
 * those who see them (`permissions.seesDetails`), omitted otherwise.
 * @typedef {{ id: string, fullName: string, subjects: string[], category?: string, categoryLabel?: string, position?: string,
 *   email?: string, personId?: string, active?: boolean, updatedAt?: string, updatedByName?: string, eTag?: string }} TeacherView
 * @typedef {{ code: string, label: string }} CategoryOption
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, teachers: TeacherView[], categories: CategoryOption[],
 *   permissions: { canEdit: boolean, seesDetails: boolean } }} StaffListView
 * @typedef {{ code: string, label: string, short: string, count: number, percent: number }} CategoryShare
 * @typedef {{ total: number, categories: CategoryShare[], line: string }} CategorySummary
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, summary: CategorySummary }} SchoolStaffSummaryView
 * @typedef {{ rows: number, added: number, updated: number, restored: number, unchanged: number }} StaffImportResult
 */
