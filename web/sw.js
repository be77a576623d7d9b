// @ts-check
// The service worker: the page opens with no network. It keeps the shell (index.html and everything it preloads) at
// install, then every file of a feature the first time the feature is opened. Files live under /assets/{release}/,
// which never change, so they are answered from the cache without asking the server; the shell is answered from
// the cache at once and refreshed in the background, so a new release arrives with the next visit. API requests
// are not touched here (api.js keeps what a sheet needs to open offline).

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const release = new URL(sw.location.href).searchParams.get('v') ?? 'dev';
const CACHE = `methoddays-${release}`;
/** Kept across releases: the API answers api.js stores (js/api.js API_CACHE). */
const KEEP = new Set([CACHE, 'methoddays-api']);

sw.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const shell = await fetch('/', { cache: 'no-cache' });
    if (!shell.ok) throw new Error(`shell: ${shell.status}`);
    const html = await shell.clone().text();
    const files = [...new Set([...html.matchAll(/(?:href|src)="(\/assets\/[0-9a-f]{12}\/[^"]+)"/g)].map((m) => m[1]))];
    await cache.addAll(files);
    await cache.put('/', shell);
    await sw.skipWaiting();
  })());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('methoddays-') && !KEEP.has(name)) await caches.delete(name);
    }
    await sw.clients.claim();
  })());
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== sw.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate') {
    event.respondWith(shell(event));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
  }
});

/**
 * The shell from the cache at once (refreshed behind it for the next visit), from the network the first time.
 * @param {FetchEvent} event
 * @returns {Promise<Response>}
 */
async function shell(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match('/', { ignoreVary: true });
  const fresh = fetch('/', { cache: 'no-cache' }).then(async (response) => {
    if (response.ok) await cache.put('/', response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

/**
 * A versioned file: the cache, else the network (and kept for next time, offline included).
 * @param {Request} request
 * @returns {Promise<Response>}
 */
async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.status === 200) await cache.put(request, response.clone());
  return response;
}

/**
 * A page asks to keep files it loaded before this worker controlled it (a feature opened on the first visit): only
 * this release's versioned files, each fetched once into the cache.
 */
sw.addEventListener('message', (event) => {
  const data = /** @type {{ type?: unknown, urls?: unknown } | null} */ (event.data); // whatever a page posted: each field checked before use
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  const prefix = `${sw.location.origin}/assets/${release}/`;
  const urls = data.urls.filter((/** @type {unknown} */ u) => typeof u === 'string' && u.startsWith(prefix));
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const url of urls) {
      if (!(await cache.match(url, { ignoreVary: true }))) await cache.add(url).catch(() => undefined);
    }
  })());
});
