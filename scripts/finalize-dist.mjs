// Turns trunk's dist/ into release artifacts for a CDN:
//   - minifies wasm-bindgen's JS glue (trunk minifies the page and the CSS only);
//   - moves trunk's inline loader into a content-hashed boot script, so the
//     page runs under a Content Security Policy without 'unsafe-inline';
//   - writes the service worker (sw.js) that caches the app shell for offline
//     starts, versioned by the build's file names;
//   - writes _headers and _redirects for static hosts (Netlify, Cloudflare Pages);
//   - writes .br and .gz beside every compressible file.
// Usage: node scripts/finalize-dist.mjs DIST [--api-origin https://api.example.com]
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { transformSync } from "esbuild";

const args = process.argv.slice(2);
const dist = args[0];
if (!dist) {
  console.error("usage: node scripts/finalize-dist.mjs DIST [--api-origin ORIGIN]");
  process.exit(2);
}
const apiOriginIndex = args.indexOf("--api-origin");
const apiOrigin = apiOriginIndex > 0 ? args[apiOriginIndex + 1] : process.env.API_ORIGIN || "";
if (apiOrigin && !/^https?:\/\/[^/]+$/.test(apiOrigin)) {
  console.error(`--api-origin must be an origin such as https://api.example.com, not '${apiOrigin}'`);
  process.exit(2);
}

const hash = (data, length = 16) => createHash("sha256").update(data).digest("hex").slice(0, length);
const sri = (data) => `sha384-${createHash("sha384").update(data).digest("base64")}`;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// 1. The loader: out of index.html, into boot-<hash>.js.
const indexPath = join(dist, "index.html");
let html = readFileSync(indexPath, "utf8");
const base = (html.match(/<base href="?([^" >]+)"?>/) || [null, "/"])[1];
const inline = html.match(/<script type="?module"?>([\s\S]*?)<\/script>/);
if (!inline) {
  console.error(`no inline module script in ${indexPath}: was it already finalized? Finalize a fresh trunk build.`);
  process.exit(1);
}

// Start from a clean slate (the folder may hold an earlier run's files).
for (const path of walk(dist)) {
  if (/\.(br|gz)$/.test(path) || /\/(boot-[0-9a-f]{16}\.js|sw\.js|_headers|_redirects)$/.test(path)) unlinkSync(path);
}

// 1a. The JS glue, minified. It keeps trunk's file name, whose hash follows
// the glue's source (the same source always minifies to the same file); the
// SRI hash of its modulepreload link is recomputed.
const preload = html.match(/<link(?=[^>]*\brel="?modulepreload"?)[^>]*>/);
const glueHref = preload?.[0].match(/\bhref="?([^" >]+\.js)"?/)?.[1];
if (!glueHref) throw new Error("no modulepreload link for the JS glue in index.html");
const gluePath = join(dist, glueHref.slice(base.length));
const glue = transformSync(readFileSync(gluePath, "utf8"), { minify: true, format: "esm", target: "es2020" }).code;
writeFileSync(gluePath, glue);
const preloadTag = preload[0].replace(/\bintegrity="?[^" >]+"?/, `integrity="${sri(glue)}"`);
if (preloadTag === preload[0] && /\bintegrity=/.test(preload[0])) throw new Error("the glue's integrity was not updated");
html = html.replace(preload[0], preloadTag);

// 1b. The wasm's preload loses trunk's `integrity`: Chromium ignores it on a
// `fetch` preload and says so in the console on every load, and the glue's
// own fetch of the wasm, which the preload serves, carries none.
const wasmPreload = html.match(/<link(?=[^>]*\bas="?fetch"?)(?=[^>]*\.wasm\b)[^>]*>/);
if (!wasmPreload) throw new Error("no preload link for the wasm in index.html");
html = html.replace(wasmPreload[0], wasmPreload[0].replace(/\s+integrity="?[^" >]+"?/, ""));
// The opening page's requests leave now, while the wasm downloads, not once
// it has started: config.json and, on the bare catalog or an image's page,
// that page's first API request, built as the app builds it. The app takes
// the pending responses by URL (src/api/early.rs); one it does not ask for
// is only a wasted request, which the e2e tests' request counts would catch.
const earlyRequests = `{
  const early = (window.__dockyardEarly = {});
  // A failure is the app's to report once it takes the response; until then
  // it must not surface as an unhandled rejection.
  const send = (url, init) => {
    const response = (early[url] = fetch(url, init));
    response.catch(() => {});
    return response;
  };
  // Settles once the opening request is sent, or known not to be: the app
  // waits for it before it sends its own.
  early.settled = send(\`\${document.baseURI.replace(/\\/+$/, "")}/config.json\`)
    .then((response) => (response.status === 404 ? {} : response.ok ? response.clone().json() : null))
    .then((config) => {
      // The app's own checks (src/api/runtime_config.rs): a file it would
      // refuse sends nothing.
      const known = config && typeof config === "object" && !Array.isArray(config)
        && Object.keys(config).every((key) => key === "api_base_url")
        && (config.api_base_url == null || typeof config.api_base_url === "string");
      const base = String(config?.api_base_url ?? "/api/v1").trim();
      const absolute = base.startsWith("/") && !base.startsWith("//") ? location.origin + base : base;
      if (!known || /[\\s\\u0000-\\u001f\\u007f-\\u009f?#]/.test(base) || !/^https?:\\/\\/[^/]/i.test(absolute)) return;
      const api = absolute.replace(/\\/+$/, "");
      const root = new URL(document.baseURI).pathname.replace(/\\/+$/, "");
      const path = location.pathname;
      const id = path.startsWith(\`\${root}/images/\`) ? path.slice(root.length + 8) : "";
      const json = { headers: { Accept: "application/json" } };
      if ((path === root || path === \`\${root}/\`) && location.search === "") {
        send(\`\${api}/images/public?page=1&limit=20&sort_by=added_date&sort_order=desc\`, json);
      } else if (/^[\\w-]+$/.test(id)) {
        send(\`\${api}/images/public/\${id}\`, json);
      }
    })
    .catch(() => {});
}`;
// index.html's stand-in for the app shows, below the header, the part for
// the page being opened: the catalog's title and introduction, or a plain
// "Loading…". It is hidden until now, so nothing moves if a frame is painted
// before this runs; the opening page's link is marked as the current one.
const shellParts = `{
  const root = new URL(document.baseURI).pathname.replace(/\\/+$/, "");
  const path = location.pathname.replace(/\\/+$/, "");
  const page = path === root ? "catalog" : path === \`\${root}/my-images\` ? "my-images" : "";
  for (const part of document.querySelectorAll("#app-loading [data-shows]")) {
    part.hidden = part.dataset.shows !== (page === "catalog" ? "catalog" : "other");
  }
  document.querySelector(\`#app-loading [data-page="\${page}"]\`)?.setAttribute("aria-current", "page");
}`;
// The display stars' mask (a CSS mask-image, so a CORS request) is fetched
// now, to be parsed while the wasm downloads rather than after the first
// cards are drawn; the stylesheet's request then finds it in the page's
// memory cache. Not a <link rel=preload>: Chromium warns that a preload was
// not used on every page that shows no stars (sign-in, an empty result).
const starMask = `{
  const mask = new Image();
  mask.crossOrigin = "anonymous";
  mask.src = new URL("star-mask.svg", document.baseURI).href;
}`;
// trunk's loader imports the JS glue statically, which holds back the whole
// script, the opening requests included, until the glue has downloaded; a
// dynamic import lets them leave first (the glue is preloaded all the same).
// Loopback, 20 cold loads each side by side: first card median 602 -> 568 ms.
const staticImport = /^import init, \* as bindings from (['"][^'"]+['"]);$/m;
if (!staticImport.test(inline[1])) throw new Error("trunk's loader no longer imports the glue as expected");
const loader = inline[1].trim().replace(staticImport, "const bindings = await import($1);\nconst init = bindings.default;");
// If the app cannot be fetched or started (the connection dropped while it
// loaded), the stand-in says so and offers a reload, instead of loading forever.
const guardedLoader = `try {
${loader}
} catch (error) {
  console.warn("Dockyard could not start:", error);
  for (const status of document.querySelectorAll("#app-loading [role='status']")) {
    const reload = Object.assign(document.createElement("a"), { href: location.href, textContent: "Reload the page" });
    status.replaceChildren("Dockyard could not be loaded. Check your connection, then ", reload, ".");
  }
}`;
const boot = `${earlyRequests}
${shellParts}
${starMask}
${guardedLoader}

// Cache the app shell for offline starts and fast repeat visits.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register(new URL("sw.js", document.baseURI), { scope: document.baseURI }).catch(() => {});
}
`;
const bootName = `boot-${hash(boot)}.js`;
writeFileSync(join(dist, bootName), boot);
html = html.replace(
  inline[0],
  `<script type="module" src="${base}${bootName}" integrity="${sri(boot)}" crossorigin></script>`,
);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error("index.html still has an inline script");
// The stand-in borrows the app's hashed class names: each must still exist.
const css = walk(dist).filter((path) => path.endsWith(".css")).map((path) => readFileSync(path, "utf8")).join("\n");
for (const [, quoted, bare] of html.matchAll(/\bclass=(?:"([^"]*)"|([^\s>]+))/g)) {
  for (const name of (quoted ?? bare).split(/\s+/).filter(Boolean)) {
    if (!css.includes(`.${name}`)) throw new Error(`index.html uses the class '${name}', which no stylesheet defines`);
  }
}
if (/\sstyle=/.test(html) || /<style/.test(html)) throw new Error("index.html has inline style");
writeFileSync(indexPath, html);

// 2. The service worker, versioned by the set of files it caches.
const shell = walk(dist)
  .map((path) => relative(dist, path))
  .filter((name) => !/^(sw\.js|_headers|_redirects|robots\.txt)$/.test(name))
  .sort();
const version = hash(shell.join("\n"));
const template = readFileSync(new URL("../deploy/sw.template.js", import.meta.url), "utf8");
writeFileSync(
  join(dist, "sw.js"),
  template.replace("__VERSION__", version).replace("__SHELL__", JSON.stringify(shell.map((name) => (name === "index.html" ? "./" : name)))),
);

// 3. Headers for static hosts.
const origins = (kind) => ["'self'", apiOrigin].filter(Boolean).join(" ");
const csp = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  `img-src ${origins("img")}`,
  `connect-src ${origins("connect")}`,
  "manifest-src 'self'",
  "worker-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");
writeFileSync(join(dist, "csp.txt"), `${csp}\n`);
const security = [
  `  Content-Security-Policy: ${csp}`,
  "  X-Content-Type-Options: nosniff",
  "  Referrer-Policy: strict-origin-when-cross-origin",
  "  X-Frame-Options: DENY",
].join("\n");
// Static hosts join the values of a header that several rules set, so each
// file gets its Cache-Control from exactly one rule; client routes keep the
// host's default for HTML (revalidate).
const isHashed = (name) => /-[0-9a-f]{12,16}(_bg)?\.[a-z0-9]+$/.test(name);
const hashed = shell.filter(isHashed);
const unhashed = ["", "index.html", "sw.js", ...shell.filter((name) => !isHashed(name) && name !== "index.html" && !/\.(br|gz)$/.test(name))];
writeFileSync(
  join(dist, "_headers"),
  [
    `${base}*`,
    security,
    "",
    ...unhashed.flatMap((name) => [`${base}${name}`, "  Cache-Control: no-cache", ""]),
    ...hashed.flatMap((name) => [`${base}${name}`, "  Cache-Control: public, max-age=31536000, immutable", ""]),
    `${base}*.wasm`,
    "  Content-Type: application/wasm",
    "",
  ].join("\n"),
);
// Client routes get the app (a rewrite, not a redirect).
writeFileSync(join(dist, "_redirects"), `${base}*    ${base}index.html    200\n`);

// 4. Precompressed copies.
let compressed = 0;
for (const path of walk(dist)) {
  if (!/\.(html|js|css|wasm|svg|json|webmanifest|txt)$/.test(path)) continue;
  const data = readFileSync(path);
  if (data.length < 256) continue;
  writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  compressed += 1;
}
console.log(`finalized ${dist}: ${bootName}, sw.js (version ${version}, ${shell.length} files), _headers, _redirects, ${compressed} precompressed`);
