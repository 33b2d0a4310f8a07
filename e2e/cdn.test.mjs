// The CDN setup for real: the sub-path build served by Debian's nginx with the
// sample configuration (strict CSP, cache headers, precompressed files), the
// API server on another loopback port as a separate origin with CORS. A smoke
// journey runs with zero CSP violations; then a second visit with the network
// cut still starts the app and says it is offline; then a new deployment is
// picked up.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync, existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useSuite, holdAppStart, DEMO_TOKEN, ROOT } from "./harness.mjs";

const RAW = join(ROOT, "target/dist-cdn");
const NGINX = "/usr/sbin/nginx";
let nginx;
let site;
let base;

async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Copies the sub-path build into the nginx root and finalizes it for `apiOrigin`. */
function deploy(apiOrigin, { marker } = {}) {
  const target = join(site, "catalog");
  rmSync(target, { recursive: true, force: true });
  cpSync(RAW, target, { recursive: true });
  writeFileSync(join(target, "config.json"), JSON.stringify({ api_base_url: `${apiOrigin}/api/v1` }));
  if (marker) {
    const index = join(target, "index.html");
    writeFileSync(index, readFileSync(index, "utf8").replace("</head>", `<meta name="deployment" content="${marker}"></head>`));
  }
  execFileSync("node", [join(ROOT, "scripts/finalize-dist.mjs"), target, "--api-origin", apiOrigin], { stdio: "pipe" });
}

let nginxPort;

// The API server, on another origin than the app's, allows the app's.
const suite = useSuite(async () => {
  if (!existsSync(join(RAW, "index.html"))) throw new Error(`${RAW} is missing: trunk build --release --public-url /catalog/ --dist target/dist-cdn`);
  nginxPort = await freePort();
  base = `http://127.0.0.1:${nginxPort}`;
  return { args: ["--cors-origin", base, "--quiet"] };
}, async () => {
  site = mkdtempSync(join(tmpdir(), "dockyard-cdn-"));
  // nginx's workers run as another user: the site must be readable by it.
  chmodSync(site, 0o755);
  deploy(suite.server.url);
  const config = readFileSync(join(ROOT, "deploy/nginx.conf"), "utf8")
    .replace("listen 8080;", `listen 127.0.0.1:${nginxPort};`)
    .replaceAll("/srv/dockyard", site)
    .replace("pid /run/dockyard-nginx.pid;", `pid ${site}/nginx.pid;`)
    .replace("error_log /var/log/nginx/dockyard-error.log;", `error_log ${site}/error.log;`)
    .replaceAll("https://api.example.com", suite.server.url);
  mkdirSync(join(site, "tmp"));
  writeFileSync(join(site, "nginx.conf"), `${config.replace("http {", `http {\n  client_body_temp_path ${site}/tmp;\n  proxy_temp_path ${site}/tmp;\n  fastcgi_temp_path ${site}/tmp;\n  uwsgi_temp_path ${site}/tmp;\n  scgi_temp_path ${site}/tmp;`)}`);
  nginx = spawn(NGINX, ["-p", site, "-c", join(site, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  nginx.stderr.on("data", (chunk) => { output += chunk; });
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${base}/catalog/`)).ok) break;
    } catch {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

after(() => {
  nginx?.kill("SIGTERM");
  if (site) rmSync(site, { recursive: true, force: true });
});

test("nginx sends the cache headers, the CSP and precompressed files", async () => {
  const index = await fetch(`${base}/catalog/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get("content-type"), /text\/html/);
  assert.equal(index.headers.get("cache-control"), "no-cache");
  const csp = index.headers.get("content-security-policy");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, new RegExp(`connect-src 'self' ${suite.server.url}`));
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(index.headers.get("x-content-type-options"), "nosniff");
  assert.ok(index.headers.get("referrer-policy"));
  const html = await index.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script");
  assert.match(html, /<base href="?\/catalog\/"?>/);

  const files = readdirSync(join(site, "catalog"));
  const wasm = files.find((f) => f.endsWith("_bg.wasm"));
  const raw = await fetch(`${base}/catalog/${wasm}`, { headers: { "Accept-Encoding": "identity" } });
  assert.equal(raw.headers.get("content-type"), "application/wasm");
  assert.equal(raw.headers.get("cache-control"), "public, max-age=31536000, immutable");
  // Node's fetch decodes bodies itself, so check the encodings with raw HTTP.
  for (const [accept, encoding] of [["br", "br"], ["gzip", "gzip"]]) {
    const head = execFileSync("curl", ["-s", "-o", "/dev/null", "-D", "-", "-H", `Accept-Encoding: ${accept}`, `${base}/catalog/${wasm}`], { encoding: "utf8" });
    assert.match(head, new RegExp(`content-encoding: ${encoding}`, "i"), head);
  }
  const route = await fetch(`${base}/catalog/images/anything`);
  assert.equal(route.status, 200);
  assert.equal(await route.text(), html);
  assert.equal((await fetch(`${base}/catalog/missing-0123456789abcdef.js`)).status, 404);
  assert.equal((await fetch(`${base}/catalog/sw.js`)).headers.get("cache-control"), "no-cache");
  const headersFile = readFileSync(join(site, "catalog/_headers"), "utf8");
  assert.match(headersFile, /Content-Security-Policy: .*frame-ancestors 'none'/);
  // Hosts join a header set by several matching rules: the catch-all rule sets
  // no Cache-Control, and each file gets exactly one.
  const rules = new Map(headersFile.trim().split(/\n\s*\n/).map((block) => {
    const [path, ...lines] = block.split("\n");
    return [path, lines.map((line) => line.trim())];
  }));
  assert.ok(!rules.get("/catalog/*").some((line) => line.startsWith("Cache-Control")));
  assert.deepEqual(rules.get("/catalog/index.html"), ["Cache-Control: no-cache"]);
  const wasmName = readdirSync(join(site, "catalog")).find((name) => name.endsWith("_bg.wasm"));
  assert.deepEqual(rules.get(`/catalog/${wasmName}`), ["Cache-Control: public, max-age=31536000, immutable"]);
  assert.match(readFileSync(join(site, "catalog/_redirects"), "utf8"), /\/catalog\/\*\s+\/catalog\/index\.html\s+200/);
});

test("smoke journey across origins under the sub-path, with zero CSP violations", async () => {
  const t = await suite.open();
  // Under the sub-path too, the stand-in knows the catalog and links within it.
  const release = await holdAppStart(t.page);
  await t.page.goto(`${base}/catalog/`);
  await t.page.locator("#app-loading h1:has-text('Container images')").waitFor();
  assert.equal(await t.page.textContent("#app-loading [aria-current='page']"), "Catalog");
  const links = await t.page.$$eval("#app-loading header a", (as) => as.map((a) => a.href));
  assert.deepEqual(links, [`${base}/catalog/`, `${base}/catalog/`, `${base}/catalog/my-images`]);
  release();
  await t.page.locator("article").first().waitFor();
  assert.ok(t.apiRequests("/images/public?").every((r) => r.url.startsWith(suite.server.url)), "the API is on its own origin");
  // The boot script's early request, built from config.json, is the one the app uses.
  assert.equal(t.apiRequests("/images/public?").length, 1, "the opening request is sent once");
  await t.page.selectOption("#filter-os", "alpine");
  await t.page.waitForURL(`${base}/catalog/?os=alpine`);
  await t.page.locator("article h2 a").first().click();
  await t.page.waitForURL(new RegExp(`${base}/catalog/images/`));
  await t.page.locator("text=Serial").waitFor();
  // A deep link under the sub-path, loaded fresh.
  await t.page.reload();
  await t.page.locator("text=Serial").waitFor();
  const imageUrl = t.page.url();
  await t.page.click("header a:has-text('Sign in')");
  await t.page.waitForURL(/\/catalog\/sign-in\?next=/);
  await t.page.fill("#sign-in-token", DEMO_TOKEN);
  await t.page.click("button[type=submit]");
  await t.page.waitForURL(imageUrl);
  await t.page.click("button:has-text('Import')");
  await t.page.locator("a:has-text('In My images')").waitFor();
  await t.page.click("nav[aria-label='Main'] >> text=My images");
  await t.page.waitForURL(`${base}/catalog/my-images`);
  await t.page.locator("main li h2").first().waitFor();
  // Icons come from the API's origin.
  const icon = await t.page.locator("main li img").first().getAttribute("src");
  assert.ok(icon.startsWith(`${suite.server.url}/api/v1/images/`), icon);
});

test("a broken config.json is said on the page, not a blank screen, and no API request is sent", async () => {
  const configPath = join(site, "catalog/config.json");
  const good = readFileSync(configPath, "utf8");
  const broken = [
    ["{ this is not json", /config\.json is not valid/],
    // Valid JSON the app refuses: the boot script must not send the opening request either.
    [JSON.stringify({ api_base_url: `${suite.server.url}/api/v1`, api_key: "x" }), /config\.json is not valid: unknown field `api_key`/],
    [JSON.stringify({ api_base_url: `${suite.server.url}/api/v1\u0007` }), /characters a base URL cannot have/],
  ];
  try {
    for (const [text, message] of broken) {
      writeFileSync(configPath, text);
      const t = await suite.open();
      await t.page.goto(`${base}/catalog/`);
      await t.page.locator("text=The app could not start").waitFor();
      assert.match(await t.page.textContent("main"), message, text);
      assert.deepEqual(t.apiRequests("/images/"), [], `${text}: no API request`);
      await t.finish();
    }
  } finally {
    writeFileSync(configPath, good);
  }
});

test("a second visit without the network starts from the service worker and says it is offline; a new deployment is picked up", async () => {
  const t = await suite.open({ serviceWorkers: "allow" });
  await t.page.goto(`${base}/catalog/?os=debian`);
  await t.page.locator("article").first().waitFor();
  await t.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
  // Visit once more online so the catalog answer passes through the worker's cache.
  await t.page.reload();
  await t.page.locator("article").first().waitFor();
  const online = await t.page.locator("article h2").allTextContents();

  await t.context.setOffline(true);
  t.allow((p) => p.kind === "requestfailed" || (p.kind === "console" && /Failed to (load resource|fetch)|ERR_INTERNET_DISCONNECTED/.test(p.text)));
  await t.page.reload();
  await t.page.locator("text=You are offline.").waitFor();
  await t.page.locator("article").first().waitFor();
  assert.deepEqual(await t.page.locator("article h2").allTextContents(), online, "what was loaded before is shown");
  // Something never loaded says it could not be reached.
  await t.page.selectOption("#filter-os", "fedora");
  await t.page.locator("text=Could not reach the server").waitFor();
  await t.context.setOffline(false);
  await t.page.locator("text=You are offline.").waitFor({ state: "detached" });

  // A new deployment: the next visit gets it, nobody is stuck on the old one.
  deploy(suite.server.url, { marker: "second" });
  await t.page.goto(`${base}/catalog/`);
  assert.equal(await t.page.getAttribute("meta[name='deployment']", "content"), "second");
  await t.page.locator("article").first().waitFor();
});
