// The boot script: runs as soon as index.html is parsed, long before the
// wasm has arrived. It sends the opening page's requests (config.json, then
// that page's first API request) so that their answers are in when the app
// starts; shows the part of index.html's stand-in that fits the page; starts
// the app; and registers the service worker. scripts/finalize-dist.mjs
// bundles it into dist/boot-<hash>.js in place of trunk's inline loader.
import { apiBaseFromConfig, openingRequestUrl } from "./opening_request.js";

const root = new URL(document.baseURI).pathname.replace(/\/+$/, "");

sendOpeningRequests();
showStandIn();
fetchStarMask();
await startApp();
registerServiceWorker();

/**
 * Leaves the pending responses in `window.__dockyardEarly`, keyed by URL,
 * for the app to take (src/api/early.rs), with `settled`: a promise that the
 * opening request has been sent, or is known not to be.
 */
function sendOpeningRequests() {
  const early = (window.__dockyardEarly = {});
  const send = (url, init) => {
    const response = (early[url] = fetch(url, init));
    // A failure is the app's to report once it takes the response; until
    // then it must not surface as an unhandled rejection.
    response.catch(() => {});
    return response;
  };
  early.settled = send(`${document.baseURI.replace(/\/+$/, "")}/config.json`)
    .then(async (response) => {
      const text = response.status === 200 ? await response.clone().text() : "";
      const api = apiBaseFromConfig(response.status, text, location.origin);
      const url = openingRequestUrl(api, root, location.pathname, location.search);
      if (url) send(url, { headers: { Accept: "application/json" } });
    })
    .catch(() => {});
}

/** Shows the stand-in's part for this page and marks its navigation link. */
function showStandIn() {
  const path = location.pathname.replace(/\/+$/, "");
  const page = path === root ? "catalog" : path === `${root}/my-images` ? "my-images" : "";
  for (const part of document.querySelectorAll("#app-loading [data-shows]")) {
    part.hidden = part.dataset.shows !== (page === "catalog" ? "catalog" : "other");
  }
  document.querySelector(`#app-loading [data-page="${page}"]`)?.setAttribute("aria-current", "page");
}

/**
 * The display stars' mask (a CSS mask-image, so a CORS request), fetched now
 * to be parsed while the wasm downloads; the stylesheet then finds it in the
 * page's memory cache. Not a <link rel=preload>: Chromium warns that a
 * preload went unused on every page that shows no stars.
 */
function fetchStarMask() {
  const mask = new Image();
  mask.crossOrigin = "anonymous";
  mask.src = new URL("star-mask.svg", document.baseURI).href;
}

/**
 * Loads the JS glue and the wasm that index.html preloads and starts the
 * app. If that fails (the connection dropped), the stand-in says so and
 * offers a reload instead of loading forever.
 */
async function startApp() {
  const glue = document.querySelector("link[rel=modulepreload]")?.href;
  const wasm = document.querySelector("link[rel=preload][href$='.wasm']")?.href;
  try {
    const bindings = await import(glue);
    const instance = await bindings.default({ module_or_path: wasm });
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: instance } }));
  } catch (error) {
    console.warn("Dockyard could not start:", error);
    for (const status of document.querySelectorAll("#app-loading [role='status']")) {
      const reload = Object.assign(document.createElement("a"), { href: location.href, textContent: "Reload the page" });
      status.replaceChildren("Dockyard could not be loaded. Check your connection, then ", reload, ".");
    }
  }
}

/** Caches the app shell for offline starts and fast repeat visits. */
function registerServiceWorker() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(new URL("sw.js", document.baseURI), { scope: document.baseURI }).catch(() => {});
  }
}
