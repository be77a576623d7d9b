// @ts-check
// The coordinator's and methodists' export of the bank: the whole bank or the current search as a zip (folders
// by topic with the files, catalogue.xlsx, index.html). The server builds it as a queued job; the page polls its
// progress, then offers the download. Recent exports are listed with their own download buttons.

import { ApiError } from '../../js/api.js';
import { bankApi } from './api.js';
import { downloadFile } from './download.js';
import { formatBytes } from './format.js';
import { busy, clone, el, errorBox } from '../../js/dom.js';
import { formatDate, formatDateTime, plural } from '../../js/format.js';

/** @typedef {import('../../js/session.js').Session} Session */

const KEY = 'methoddays:export:';
/** Seconds between progress checks; longer after a failed check. */
const POLL = 2;

/**
 * @param {HTMLElement} host
 * @param {Session} session
 * @param {() => { filters: Record<string, unknown>, text: string }} current the page's search, as export filters
 * @returns {() => void} release: stops polling
 */
export function exportPanel(host, session, current) {
  const { mun } = session;
  const { root, refs } = clone('t-bank-export');
  host.replaceChildren(root);
  let alive = true;
  /** @type {Set<string>} jobs being followed */
  const followed = new Set();

  /**
   * @param {HTMLButtonElement} button
   * @param {Record<string, unknown>} filters
   * @param {string} text
   */
  const start = (button, filters, text) => busy(button, 'Запускаем…', async () => {
    try {
      const job = await bankApi.startExport(mun, filters);
      remember(mun, job.id, text);
      follow(job);
    } catch (e) {
      refs.jobs.prepend(errorBox(e));
    }
  });
  refs.all.addEventListener('click', () => start(refs.all, {}, 'весь банк'));
  refs.filtered.addEventListener('click', () => {
    const c = current();
    start(refs.filtered, c.filters, c.text || 'весь банк');
  });

  /**
   * Shows a job and polls it until it is done or failed.
   * @param {import('./api.js').ExportView} job
   */
  function follow(job) {
    if (followed.has(job.id)) return;
    followed.add(job.id);
    /** @type {HTMLDetailsElement} */ (root).open = true;
    const { root: box, refs: r } = clone('t-bank-job');
    r.title.textContent = `Выгрузка: ${described(mun, job.id)} · начата ${formatDateTime(job.createdAt, session.timeZone)}`;
    r.title.id = `export-${job.id}`;
    box.setAttribute('aria-labelledby', r.title.id);
    r.bar.setAttribute('aria-label', 'Ход выгрузки');
    refs.jobs.prepend(box);
    let failures = 0;
    const tick = async () => {
      if (!alive) return;
      try {
        job = await bankApi.exportStatus(mun, job.id);
        failures = 0;
      } catch (e) {
        failures++;
        r.text.textContent = `${e instanceof ApiError ? e.title : 'Нет ответа'}: проверим ещё раз через ${POLL * (failures + 1)} с.`;
        setTimeout(tick, POLL * 1000 * (failures + 1));
        return;
      }
      if (!alive) return;
      show(job, r);
      if (job.state === 'queued' || job.state === 'running') setTimeout(tick, POLL * 1000);
      else {
        followed.delete(job.id);
        recent();
      }
    };
    show(job, r);
    setTimeout(tick, POLL * 1000);
  }

  /**
   * @param {import('./api.js').ExportView} job
   * @param {import('../../js/dom.js').Refs} r
   */
  function show(job, r) {
    r.actions.replaceChildren();
    switch (job.state) {
      case 'queued':
        r.bar.removeAttribute('value');
        r.text.textContent = job.error ? `${job.error} В очереди…` : 'В очереди: архив начнёт собираться через несколько секунд…';
        break;
      case 'running': {
        const pct = job.total > 0 ? Math.floor((100 * job.done) / job.total) : 0;
        r.bar.value = pct;
        r.text.textContent = `Собираем архив: ${job.done} из ${job.total} ${plural(job.total, 'практики', 'практик', 'практик')} (${pct} %), ${formatBytes(job.bytes)}.`;
        break;
      }
      case 'done':
        r.bar.value = 100;
        r.text.textContent = `Архив готов: ${job.total} ${plural(job.total, 'практика', 'практики', 'практик')}, ${formatBytes(job.bytes)}.`;
        r.actions.append(downloadButton(job));
        break;
      default:
        r.bar.value = 0;
        r.text.textContent = job.error ?? 'Выгрузка не удалась. Запустите её снова.';
        r.root.classList.add('failed');
    }
  }

  /** @param {import('./api.js').ExportView} job a finished one, which has its `downloadUrl` */
  function downloadButton(job) {
    const wrap = el('div', 'download');
    const button = el('button', 'button primary', `Скачать архив (${formatBytes(job.bytes)})`);
    button.type = 'button';
    const progress = el('div');
    button.addEventListener('click', () => {
      const name = job.fileName || `Банк практик — ${session.me.municipality.name} — ${formatDate(job.createdAt, session.timeZone)}.zip`;
      downloadFile(progress, name, job.bytes, (o) => bankApi.exportZip(/** @type {string} */ (job.downloadUrl), { ...o, size: job.bytes }));
    });
    wrap.append(button, progress);
    return wrap;
  }

  async function recent() {
    try {
      const jobs = await bankApi.exports(mun);
      if (!alive) return;
      refs.recent.replaceChildren();
      if (jobs.length === 0) refs.recent.append(el('li', 'muted', 'Выгрузок пока не было.'));
      for (const job of jobs.slice(0, 10)) {
        const li = el('li', 'export-item');
        const state = job.state === 'done'
          ? `готов, ${job.total} ${plural(job.total, 'практика', 'практики', 'практик')}, ${formatBytes(job.bytes)}`
          : job.state === 'failed' ? 'не удалась' : 'готовится';
        li.append(el('span', '', `${formatDateTime(job.createdAt, session.timeZone)} · ${described(mun, job.id)} · ${state}`));
        if (job.state === 'done') li.append(downloadButton(job));
        refs.recent.append(li);
        if (job.state === 'queued' || job.state === 'running') follow(job);
      }
    } catch (e) {
      refs.recent.replaceChildren(el('li', '', ''));
      /** @type {HTMLElement} */ (refs.recent.firstElementChild).append(errorBox(e, recent));
    }
  }
  recent();

  return () => {
    alive = false;
  };
}

/** @param {string} mun @param {string} jobId @param {string} text */
function remember(mun, jobId, text) {
  try {
    localStorage.setItem(`${KEY}${mun}:${jobId}`, text);
  } catch { /* only the label is lost */ }
}

/** What an export covered, as remembered by this device (the server keeps the filters but does not say them). */
function described(/** @type {string} */ mun, /** @type {string} */ jobId) {
  try {
    return localStorage.getItem(`${KEY}${mun}:${jobId}`) ?? 'выгрузка банка';
  } catch {
    return 'выгрузка банка';
  }
}
