// Turns trunk's dist/ into release artifacts for a CDN:
//   - minifies wasm-bindgen's JS glue (trunk minifies the page and the CSS only);
//   - replaces trunk's inline loader with the boot script (src/boot/boot.js),
//     content-hashed, so the page runs under a Content Security Policy
//     without 'unsafe-inline';
//   - writes the service worker (sw.js) that caches the app shell for offline
//     starts, versioned by the build's file names;
//   - writes _headers and _redirects for static hosts (Netlify, Cloudflare
//     Pages), and security-headers.conf for nginx (deploy/nginx.conf);
//   - writes .br and .gz beside every compressible file.
// Usage: node scripts/finalize-dist.mjs DIST [--api-origin https://api.example.com]
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { buildSync, transformSync } from "esbuild";

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
  if (/\.(br|gz)$/.test(path) || /\/(boot-[0-9a-f]{16}\.js|sw\.js|_headers|_redirects|csp\.txt|security-headers\.conf)$/.test(path)) unlinkSync(path);
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
// trunk's inline loader gives way to the boot script (src/boot/boot.js),
// bundled here: it sends the opening page's requests while the wasm
// downloads, shows the stand-in's part for the page, then starts the app
// from the glue and wasm that index.html preloads.
if (!/\binit\(\{ module_or_path: /.test(inline[1])) throw new Error("trunk's loader no longer starts the app as expected");
const boot = buildSync({
  entryPoints: [new URL("../src/boot/boot.js", import.meta.url).pathname],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  write: false,
}).outputFiles[0].text;
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
  .filter((name) => !/^(sw\.js|_headers|_redirects|robots\.txt|csp\.txt|security-headers\.conf)$/.test(name))
  .sort();
const version = hash(shell.join("\n"));
const template = readFileSync(new URL("../deploy/sw.template.js", import.meta.url), "utf8");
writeFileSync(
  join(dist, "sw.js"),
  template.replace("__VERSION__", version).replace("__SHELL__", JSON.stringify(shell.map((name) => (name === "index.html" ? "./" : name)))),
);

// 3. Headers for static hosts and nginx, from deploy/security-headers.txt.
const securityHeaders = readFileSync(new URL("../deploy/security-headers.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("#"))
  .map((line) => {
    const [name, ...value] = line.split(": ");
    return [name, value.join(": ").replaceAll(" $API_ORIGIN", apiOrigin ? ` ${apiOrigin}` : "")];
  });
const csp = securityHeaders.find(([name]) => name === "Content-Security-Policy")?.[1];
if (!csp) throw new Error("deploy/security-headers.txt has no Content-Security-Policy");
writeFileSync(join(dist, "csp.txt"), `${csp}\n`);
const security = securityHeaders.map(([name, value]) => `  ${name}: ${value}`).join("\n");
// nginx's add_header is not inherited by a location that has its own, so
// deploy/nginx.conf includes these in each location.
writeFileSync(
  join(dist, "security-headers.conf"),
  `${securityHeaders.map(([name, value]) => `add_header ${name} "${value}" always;`).join("\n")}\n`,
);
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
