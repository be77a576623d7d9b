// @ts-check
// The page without a network: a service worker keeps the shell and every feature once opened (sw.js), and api.js
// keeps the last answer of the requests a sheet needs to open (see `offlineCopy` there). Imports nothing.

/** Cache Storage name of the API answers kept for opening offline (api.js writes it). */
export const API_CACHE = 'methoddays-api';

/**
 * Registers the service worker once the first screen is drawn, so it never competes with it on a slow line. The
 * worker's address carries this release (the versioned folder this module was loaded from), so a new release
 * installs a new worker that keeps the new files and drops the old ones.
 */
export function keepOffline() {
  if (!('serviceWorker' in navigator)) return;
  const release = /\/assets\/([0-9a-f]{12})\//.exec(import.meta.url)?.[1];
  if (!release) return; // the page was opened from unversioned files (a developer's copy): nothing to keep
  const register = () => {
    navigator.serviceWorker.register(`/sw.js?v=${release}`, { scope: '/' }).catch(() => { /* the page works without it */ });
  };
  if (document.readyState === 'complete') setTimeout(register, 1000);
  else window.addEventListener('load', () => setTimeout(register, 1000), { once: true });
}

/** On sign-out: the next person on this device must not open the previous one's answers offline. */
export async function forgetSignedIn() {
  try {
    await caches.delete(API_CACHE);
  } catch {
    // no Cache Storage (private mode): nothing was kept
  }
}
