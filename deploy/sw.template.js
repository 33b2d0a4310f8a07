// Service worker: the app shell is cached at install, so a repeat visit
// starts without the network. Navigations go to the network first (a new
// deployment is picked up at once) and fall back to the cached shell offline.
// Public catalog reads (on the API's origin too) fall back to their last answer
// offline; the newest DATA_ENTRIES of them are kept, the oldest dropped first,
// so hours of browsing never grow storage without bound (an answer dropped is
// simply fetched again). Anything with a token is left alone.
const VERSION = "__VERSION__";
const SHELL_CACHE = `dockyard-shell-${VERSION}`;
const DATA_CACHE = "dockyard-data";
const DATA_ENTRIES = 200;
const SHELL = __SHELL__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL.map((path) => new URL(path, self.registration.scope))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("dockyard-shell-") && key !== SHELL_CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

const isPublicRead = (url, request) =>
  request.method === "GET" &&
  !request.headers.has("Authorization") &&
  /\/api\/v1\/images\/(public(\/|$|\?)|[^/]+\/icon$)/.test(url.pathname);

async function networkFirst(request, cacheName, fallback) {
  try {
    const response = await fetch(request);
    if (response.ok) remember(cacheName, fallback ?? request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(fallback ?? request);
    if (cached) return cached;
    throw error;
  }
}

// Keys list in the order they were last stored: the oldest go first.
async function remember(cacheName, key, response) {
  const cache = await caches.open(cacheName);
  await cache.put(key, response);
  if (cacheName !== DATA_CACHE) return;
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - DATA_ENTRIES)).map((old) => cache.delete(old)));
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (isPublicRead(url, request)) {
    event.respondWith(networkFirst(request, DATA_CACHE));
    return;
  }
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Every client route is the same index.html.
    event.respondWith(networkFirst(request, SHELL_CACHE, new URL("./", self.registration.scope).href));
    return;
  }
  if (request.method === "GET" && url.href.startsWith(self.registration.scope)) {
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
  }
});
