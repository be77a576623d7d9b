// @ts-check
// The practice bank's Russian wording: kinds, states, review history, file kinds and sizes, school years.

export { bytesOf, formatBytes } from '../../js/bytes.js';

/** The diagnostics' five competences (Diagnostics/Competences.cs), as a practice's page names them. */
export const competenceNames = /** @type {Record<string, string>} */ ({
  subject: 'предметная',
  methodical: 'методическая',
  digital: 'цифровая',
  communicative: 'коммуникативная',
  psychological: 'психолого-педагогическая',
});

/** Kinds of practice (seed 003, indicator 1.3; seed 001 §2.15). */
export const kindNames = /** @type {Record<string, string>} */ ({
  LessonScenario: 'сценарий урока',
  VideoLesson: 'видеоурок',
  PracticeDescription: 'описание практики',
  MasterClass: 'мастер-класс',
  Other: 'другое',
});

export const stateNames = /** @type {Record<string, string>} */ ({
  Draft: 'черновик',
  Submitted: 'отправлена на рассмотрение',
  InReview: 'на рассмотрении',
  Accepted: 'в банке',
  Returned: 'возвращена на доработку',
});

/** CSS class of a state's badge (colour is never the only signal: the badge says the state). */
export const stateClass = /** @type {Record<string, string>} */ ({
  Draft: 'draft',
  Submitted: 'submitted',
  InReview: 'review',
  Accepted: 'accepted',
  Returned: 'returned',
});

export const actionNames = /** @type {Record<string, string>} */ ({
  created: 'создал(а) черновик',
  submitted: 'отправил(а) на рассмотрение',
  resubmitted: 'отправил(а) доработанную версию',
  'review-started': 'взял(а) на рассмотрение',
  accepted: 'принял(а) в банк',
  returned: 'вернул(а) на доработку',
  'file-added': 'приложил(а) файл',
  'file-removed': 'убрал(а) файл',
});

/** Accusative for "можно приложить …" lines. */
export const fileKindNames = /** @type {Record<string, string>} */ ({
  document: 'документ',
  presentation: 'презентация',
  spreadsheet: 'таблица',
  pdf: 'PDF',
  image: 'изображение',
  audio: 'аудио',
  video: 'видео',
});

/**
 * "5–6 классы", "1 класс", "5, 7, 9 классы".
 * @param {number[]} grades
 */
export function gradesText(grades) {
  if (grades.length === 0) return '';
  const sorted = [...grades].sort((a, b) => a - b);
  const consecutive = sorted.every((g, i) => i === 0 || g === sorted[i - 1] + 1);
  const list = consecutive && sorted.length > 2 ? `${sorted[0]}–${sorted[sorted.length - 1]}` : sorted.join(', ');
  return `${list} ${sorted.length === 1 ? 'класс' : 'классы'}`;
}

/**
 * School years to filter by, the current one first ("2026/2027": September to August), from "yyyy-MM".
 * @param {string} month the municipality's current month
 * @param {number} [count]
 */
export function schoolYears(month, count = 5) {
  const [y, m] = month.split('-').map(Number);
  const first = m >= 9 ? y : y - 1;
  return Array.from({ length: count }, (_, i) => `${first - i}/${first - i + 1}`);
}

/**
 * The kind of preview a file gets in the browser, from its content type.
 * @param {import('./api.js').PracticeFile} file
 * @returns {'image' | 'audio' | 'video' | 'pdf' | 'text' | null}
 */
export function previewKind(file) {
  const type = String(file.contentType ?? '');
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  // QuickTime plays in few browsers; offer a download instead of a blank player.
  if (type.startsWith('video/') && type !== 'video/quicktime') return 'video';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('text/')) return 'text';
  return null;
}
