// @ts-check
// The answers of the observation endpoints (Features/Observations/ObservationContracts.cs and ProtocolTemplate.cs,
// camelCase), as JSDoc types only: modules name them with `import('./types.js').X`, so nothing is loaded for them.

export {};

/**
 * @typedef {{ id: string, at: string, text: string }} ProtocolNote
 * @typedef {{ marks: Record<string, string>, notes: ProtocolNote[], strengths: string, problems: string,
 *   recommendations: string }} ProtocolContent
 * @typedef {{ date: string, teacherStaffId: string, teacherName: string, subject: string | null, className: string | null }} LessonView
 * @typedef {{ number: number, writtenAt: string, savedAt: string, savedByName: string, reason: string }} RevisionRef
 * @typedef {{ id: string, takenAt: string, bytes: number }} PhotoView
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, visitId: string, lessonId: string,
 *   lesson: LessonView, observerId: string, observerName: string, templateVersion: string, exists: boolean,
 *   content: ProtocolContent, writtenAt: string | null, receivedAt: string | null, released: boolean,
 *   releasedAt: string | null, releasedByName: string | null, revision: number, revisions: RevisionRef[],
 *   photos: PhotoView[], permissions: { canEdit: boolean, canRelease: boolean }, eTag: string | null }} ProtocolView
 * @typedef {{ templateVersion: string, marks: Record<string, string>, notes: ProtocolNote[], strengths: string,
 *   problems: string, recommendations: string, writtenAt: string,
 *   base: { marks: Record<string, string>, strengths: string, problems: string, recommendations: string } | null }} ProtocolInput
 * @typedef {{ observerId: string, observerName: string, templateVersion: string, marks: Record<string, string>,
 *   released: boolean, writtenAt: string, receivedAt: string }} ProtocolMarks
 * @typedef {{ firstId: string, firstName: string, secondId: string, secondName: string, compared: number, equal: number,
 *   withinOne: number, equalPercent: number, withinOnePercent: number }} AgreementView
 * @typedef {{ text: string, writtenAt: string, receivedAt: string, byName: string, byTeacher: boolean }} SelfAnalysisView
 * @typedef {{ municipalityId: string, schoolId: string, schoolName: string, visitId: string, lessonId: string,
 *   lesson: LessonView, templateVersion: string, protocols: ProtocolMarks[], agreement: AgreementView[],
 *   selfAnalysis: SelfAnalysisView | null,
 *   permissions: { canWriteSelfAnalysis: boolean, isTeacher: boolean, canRelease: boolean } }} LessonObservationsView
 * @typedef {{ value: string, label: string }} ProtocolScaleValue
 * @typedef {{ id: string, caption: string, values: ProtocolScaleValue[] }} ProtocolScale
 * @typedef {{ id: string, text: string, scale: string }} ProtocolItem
 * @typedef {{ id: string, title: string, items: ProtocolItem[] }} ProtocolSection
 * @typedef {{ kind: string, version: string, title: string, isDefault: boolean, note: string | null,
 *   scales: ProtocolScale[], sections: ProtocolSection[] }} ProtocolTemplate
 */
