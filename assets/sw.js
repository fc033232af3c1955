// Wisemind's service worker: keeps the app shell so the page opens and works offline. It
// caches only the app's own files; it never sees notebook data, which lives in IndexedDB
// and is encrypted. scripts/postbuild.mjs fills in the version and the file list.
const VERSION = '__VERSION__';
const SHELL = ['__SHELL__'];
const CACHE = `wisemind-${VERSION}`;

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the app asks (the user accepted it).
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('wisemind-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'wisemind-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Opening the app (at its folder or index.html) gets the cached page; any other file,
    // such as the single-file download, is looked up as itself.
    const path = new URL(request.url).pathname;
    const key = request.mode === 'navigate' && /(\/|\/index\.html)$/.test(path) ? './' : request;
    const cached = await cache.match(key, { ignoreSearch: true });
    return cached ?? fetch(request);
  })());
});
