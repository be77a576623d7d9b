// @ts-check
// Who is signed in and what their role lets them do. A leaf: it imports nothing, so every feature may use it.

/**
 * What every view gets: the person, their municipality, "today" and shared loaders.
 * @typedef {{
 *   me: import('./api.js').Me, mun: string, timeZone: string, zoneName: string, today: string,
 *   template: (version: string) => Promise<import('./api.js').SheetTemplate>,
 *   navigate: (hash: string) => void,
 *   homeHash: string, homeLabel: string,
 * }} Session
 */

/** A school's own people: its admin team and teachers. @param {Session} session */
export const isSchoolRole = (session) => ['SchoolAdmin', 'Teacher'].includes(session.me.member.role);

/** The coordinator keeps the municipality's settings. @param {Session} session */
export const canManage = (session) => session.me.member.role === 'Coordinator';

/** Coordinators and methodists answer the schools' questions. @param {Session} session */
export const canAnswer = (session) => ['Coordinator', 'Methodist'].includes(session.me.member.role);

/** The person's own school (school roles), or undefined. @param {Session} session @returns {string} */
export const ownSchool = (session) => session.me.member.schoolIds[0];
