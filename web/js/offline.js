// @ts-check
// The page without a network: a service worker keeps the shell and every feature once opened (sw.js); api.js keeps
// the last answer of the requests a sheet needs to open. Loaded by the router after the first view is drawn (not on
// the first screen). Imports nothing.

/**
 * Registers the service worker once the first screen is drawn, so it never competes with it on a slow line. The
 * worker's address carries this release (the versioned folder this module was loaded from), so a new release
 * installs a new worker that keeps the new files and drops the old ones. Once it runs, it is asked to keep the files
 * the features name as loaded after their first view (the panels under the sheet) and every versioned file the page
 * has loaded so far: the shell the worker keeps at install does not name them, and the page loaded them before the
 * worker controlled it.
 * @param {() => string[]} named the features' files loaded after their first view (absolute addresses)
 */
export function keepOffline(named) {
  if (!('serviceWorker' in navigator)) return;
  const release = /\/assets\/([0-9a-f]{12})\//.exec(import.meta.url)?.[1];
  if (!release) return; // the page was opened from unversioned files (a developer's copy): nothing to keep
  const register = () => {
    navigator.serviceWorker.register(`/sw.js?v=${release}`, { scope: '/' })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const loaded = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes(`/assets/${release}/`));
        registration.active?.postMessage({ type: 'keep', urls: [...new Set([...named(), ...loaded])] });
      })
      .catch(() => { /* the page works without it */ });
  };
  if (document.readyState === 'complete') setTimeout(register, 1000);
  else window.addEventListener('load', () => setTimeout(register, 1000), { once: true });
}
