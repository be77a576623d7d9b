// @ts-check
// Sizes and transfer times in Russian, as upload and download progress lines read them (the bank's files, a visit's
// documents). Loaded only with the pages that move files.

const number = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
const fixed = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * "850 КБ", "12,4 МБ", "1,2 ГБ".
 * @param {number} bytes
 */
export function formatBytes(bytes) {
  if (bytes < 1024 * 1024) return `${whole.format(Math.max(1, Math.round(bytes / 1024)))} КБ`;
  if (bytes < 1024 * 1024 * 1024) return `${number.format(bytes / (1024 * 1024))} МБ`;
  return `${number.format(bytes / (1024 * 1024 * 1024))} ГБ`;
}

/**
 * "3,6 из 80,0 МБ" with one unit for both figures, as a progress line reads.
 * @param {number} done
 * @param {number} total
 */
export function bytesOf(done, total) {
  const mb = 1024 * 1024;
  if (total < mb) return `${whole.format(Math.floor(done / 1024))} из ${whole.format(Math.max(1, Math.ceil(total / 1024)))} КБ`;
  return `${fixed.format(done / mb)} из ${fixed.format(total / mb)} МБ`;
}

/**
 * "≈ 3 мин" for the time a transfer still needs.
 * @param {number} seconds
 */
export function formatDuration(seconds) {
  if (seconds < 60) return `≈ ${Math.max(5, Math.round(seconds / 5) * 5)} с`;
  if (seconds < 3600) return `≈ ${Math.round(seconds / 60)} мин`;
  return `≈ ${number.format(seconds / 3600)} ч`;
}

