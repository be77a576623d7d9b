// @ts-check
// A photo of the board or of exercise books, made small on the phone before it is kept and sent: a JPEG of at most
// about 300 KB (a rural line sends it in seconds, and a day of lessons fits on the phone). Imports nothing.

const MAX_BYTES = 300 * 1024;
const MAX_SIDE = 1600;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {number} quality
 * @returns {Promise<Blob>}
 */
function toJpeg(canvas, quality) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob'))), 'image/jpeg', quality);
  });
}

/**
 * Draws the picture on a canvas no larger than MAX_SIDE and lowers the quality, then the size, until it fits.
 * @param {Blob} file what the camera or the gallery gave
 * @returns {Promise<Blob>} a JPEG of at most about 300 KB
 */
export async function compress(file) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw Object.assign(new Error('not an image'), { title: 'Это не фотография', detail: 'Выберите снимок (JPEG, PNG или WebP).' });
  }
  let side = Math.min(MAX_SIDE, Math.max(bitmap.width, bitmap.height));
  for (;;) {
    const scale = side / Math.max(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    /** @type {Blob | null} */
    let smallest = null;
    for (const quality of [0.8, 0.65, 0.5]) {
      smallest = await toJpeg(canvas, quality);
      if (smallest.size <= MAX_BYTES) break;
    }
    if (smallest && (smallest.size <= MAX_BYTES || side <= 400)) {
      bitmap.close();
      return smallest;
    }
    side = Math.round(side * 0.75);
  }
}
