// Test harness: starts the API server (serving the release app) on a free
// loopback port with a fresh temporary database, launches Debian's Chromium
// through playwright-core, and watches every page for uncaught exceptions,
// Rust panics and failed requests that the test did not cause on purpose.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after, afterEach } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_BIN = process.env.DOCKYARD_SERVER_BIN || join(ROOT, "target/debug/api-server");
export const DIST = process.env.DOCKYARD_DIST || join(ROOT, "dist");
export const DEMO_TOKEN = "e2e-demo-token";
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Totals printed at the end of the run by the suites that count them. */
export const totals = { faultsInjected: 0, badInputsTried: 0, failures: 0 };

/** Runs the server binary with arguments and returns its stdout (for add-user and import-images). */
export function serverCommand(args) {
  return execFileSync(SERVER_BIN, args, { encoding: "utf8" }).trim();
}

/**
 * Starts the API server. Options: `faults` (object of --fault-* values),
 * `faultControl`, `db` (reuse a database file), `args` (more arguments),
 * `dist` (folder to serve).
 */
export async function startServer(options = {}) {
  if (!existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} is missing: run cargo build -p api-server`);
  if (!existsSync(join(options.dist ?? DIST, "index.html"))) throw new Error("dist/ is missing: run scripts/build-app.sh");
  const dir = mkdtempSync(join(tmpdir(), "dockyard-e2e-"));
  const db = options.db ?? join(dir, "catalog.db");
  const server = {
    dir,
    db,
    url: null,
    process: null,
    log: [],
    async start(port = 0) {
      const args = [
        "--addr", `127.0.0.1:${port}`,
        "--db", db,
        "--dist", options.dist ?? DIST,
        "--demo-token", DEMO_TOKEN,
        "--demo-balance", String(options.demoBalance ?? 100),
        ...(options.faultControl ? ["--fault-control"] : []),
        ...Object.entries(options.faults ?? {}).flatMap(([k, v]) => [`--fault-${k}`, String(v)]),
        ...(options.args ?? []),
      ];
      const child = spawn(SERVER_BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
      this.process = child;
      const url = await new Promise((resolve, reject) => {
        let buffer = "";
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${buffer}`)), 20000);
        child.stdout.on("data", (chunk) => {
          buffer += chunk;
          this.log.push(String(chunk));
          const match = buffer.match(/listening on (http:\/\/[0-9.:]+)/);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.stderr.on("data", (chunk) => {
          buffer += chunk;
          this.log.push(String(chunk));
        });
        child.on("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`server exited with ${code}:\n${buffer}`));
        });
      });
      this.url = url;
      return url;
    },
    async stop() {
      if (!this.process || this.process.exitCode !== null) return;
      const exited = new Promise((resolve) => this.process.once("exit", resolve));
      this.process.kill("SIGTERM");
      await exited;
    },
    /** Stops the server and starts it again on the same port and database. */
    async restart() {
      const port = new URL(this.url).port;
      await this.stop();
      await this.start(Number(port));
    },
    /** Restarts on the same port with a brand-new database: every earlier token is unknown. */
    async restartWithFreshDatabase() {
      const port = new URL(this.url).port;
      await this.stop();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${db}${suffix}`, { force: true });
      await this.start(Number(port));
    },
    async setFaults(settings) {
      const response = await fetch(`${this.url}/__faults`, { method: "POST", body: JSON.stringify(settings) });
      if (!response.ok) throw new Error(`setting faults failed: ${response.status}`);
    },
    async faultCount() {
      const response = await fetch(`${this.url}/__faults`);
      return (await response.json()).injected;
    },
    async api(path, { token, method = "GET", body } = {}) {
      const headers = token ? { Authorization: `Bearer ${token}` } : {};
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const response = await fetch(`${this.url}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
    addUser(balance, token) {
      return serverCommand(["add-user", "--db", db, "--balance", String(balance), ...(token ? ["--token", token] : [])]);
    },
    importImages(images) {
      const file = join(dir, `images-${Date.now()}.json`);
      writeFileSync(file, JSON.stringify(images));
      return serverCommand(["import-images", "--db", db, file]);
    },
    async close() {
      await this.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

// What Playwright itself logs when a test blocks the service worker.
const PLAYWRIGHT_NOTICE = /^Service Worker registration blocked by Playwright/;

/**
 * A page that records problems (console errors and warnings among them).
 * `allow(predicate)` marks failures the test causes on purpose; `problems()`
 * lists the rest; `assertClean()` fails on any.
 */
export async function openPage(
  browser,
  { colorScheme = "light", viewport = DESKTOP, isMobile = false, serviceWorkers = "block" } = {},
) {
  // The service worker is blocked unless a test is about it: it would hide
  // requests from page.route and make runs depend on what it cached.
  const context = await browser.newContext({ colorScheme, viewport, isMobile, hasTouch: isMobile, serviceWorkers });
  const page = await context.newPage();
  const problems = [];
  const allowed = [];
  // Any Content Security Policy violation is a problem.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  const requests = [];
  trackApiRequests(page);
  page.on("pageerror", (error) => problems.push({ kind: "pageerror", text: error.message }));
  page.on("console", (message) => {
    const text = message.text();
    if (/panicked at|RuntimeError|unreachable/.test(text)) problems.push({ kind: "panic", text });
    else if (message.type() === "error" || (message.type() === "warning" && !PLAYWRIGHT_NOTICE.test(text))) {
      problems.push({ kind: "console", text, url: message.location()?.url ?? "" });
    }
  });
  page.on("request", (request) => requests.push({ url: request.url(), method: request.method(), time: Date.now() }));
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "";
    problems.push({ kind: "requestfailed", url: request.url(), text: failure });
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push({ kind: "response", url: response.url(), status: response.status() });
  });
  return {
    page,
    context,
    requests,
    allow(predicate) {
      allowed.push(predicate);
    },
    /** Allows the console's "Failed to load resource" line of an allowed response. */
    problems() {
      const isAllowed = (p) => allowed.some((rule) => rule(p));
      const allowedResponses = problems.filter((p) => p.kind === "response" && isAllowed(p));
      return problems.filter((p) => {
        if (isAllowed(p)) return false;
        if (p.kind === "console" && /Failed to load resource/.test(p.text)) {
          return !allowedResponses.some((r) => p.url === r.url || p.url === "");
        }
        // An aborted request (a newer one replaced it) is the app working as designed.
        if (p.kind === "requestfailed" && /ERR_ABORTED/.test(p.text)) return false;
        return true;
      });
    },
    assertClean() {
      const left = this.problems();
      if (left.length) throw new Error(`unexpected problems on the page:\n${JSON.stringify(left, null, 2)}`);
    },
    apiRequests(pathPart) {
      return requests.filter((r) => r.url.includes("/api/v1/") && r.url.includes(pathPart));
    },
    closed: false,
    /** Checks the page and closes it now (a test that opens many). */
    async finish() {
      this.assertClean();
      await this.close();
    },
    /** Closes the page (again: nothing). */
    async close() {
      if (this.closed) return;
      this.closed = true;
      await context.close();
    },
  };
}

// For each page: its API requests not yet answered, and when one last
// started or ended.
const apiTraffic = new WeakMap();

function trackApiRequests(page) {
  const traffic = { inFlight: new Set(), lastActivity: Date.now() };
  apiTraffic.set(page, traffic);
  const isApi = (request) => request.url().includes("/api/v1/");
  const settle = (request) => {
    if (traffic.inFlight.delete(request)) traffic.lastActivity = Date.now();
  };
  page.on("request", (request) => {
    if (!isApi(request)) return;
    traffic.inFlight.add(request);
    traffic.lastActivity = Date.now();
  });
  page.on("requestfinished", settle);
  page.on("requestfailed", settle);
}

/**
 * Waits until every API request the page sent has been answered and none
 * started or ended for `quietMs` (the time the app takes to draw an answer
 * and to send the requests it leads to): a page with several lookups (an
 * image's builds, other architectures, newer build) has then drawn them all.
 */
export async function apiSettled(page, { quietMs = 300, timeout = 15000 } = {}) {
  const traffic = apiTraffic.get(page);
  if (!traffic) throw new Error("apiSettled: a page opened with openPage (suite.open) is needed");
  const deadline = Date.now() + timeout;
  while (traffic.inFlight.size > 0 || Date.now() - traffic.lastActivity < quietMs) {
    if (Date.now() > deadline) {
      const urls = [...traffic.inFlight].map((r) => r.url());
      throw new Error(`API requests not settled after ${timeout} ms: ${urls.join(", ") || "still starting"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Holds back the app's wasm until the returned function is called, so that
 * the page shows index.html's stand-in for as long as a test looks at it.
 */
export async function holdAppStart(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Waits until the catalog's results have settled (cards, empty, past the end, or an error). */
export async function catalogSettled(page) {
  await page.waitForFunction(() => {
    const section = document.querySelector("section[data-state]");
    if (!section) return false;
    const state = section.dataset.state;
    // Settled: the answer shown is the answer to the URL's query, and nothing is loading.
    return state !== "loading" && state !== "refreshing" && (section.dataset.answers ?? "") === location.search;
  }, null, { timeout: 15000 });
}

/**
 * Signs in with `token` as a person does: from the header's "Sign in" link,
 * or (`from: "form"`) on the sign-in form the app is bringing them to;
 * `start` opens that address first. Waits until the app has brought them
 * back.
 */
export async function signIn(page, token, { start, from = "header", remember = false } = {}) {
  if (start) await page.goto(start);
  if (from === "header") await page.click("header a:has-text('Sign in')");
  await page.waitForURL(/\/sign-in(\?|$)/);
  await page.fill("#sign-in-token", token);
  if (remember) await page.check("text=Remember me on this device");
  await page.click("button[type=submit]");
  await page.waitForFunction(() => !/\/sign-in$/.test(location.pathname), null, { timeout: 10000 });
}

/**
 * Chooses `option` (a value, or `{ label }`) in the catalog's select
 * `selector` (a filter, the sort, the page size) and waits until the address
 * has changed (to one that matches `url`, if given) and the results of the
 * new view are in.
 */
export async function chooseAndWait(page, selector, option, url) {
  const before = page.url();
  await page.selectOption(selector, option);
  await page.waitForURL(url ?? ((now) => now.href !== before));
  await catalogSettled(page);
}

/**
 * The fixture of a test file: the API server (started with `serverOptions`,
 * or what that function returns) and a browser for all its tests, then
 * `setup(suite)` (data the tests share). Pages opened with `suite.open()`
 * are checked for problems (`assertClean`) and closed after each test,
 * whether it passed or not. (A file's own root-level `before` would run
 * alongside this one, not after it: hence `setup`.)
 */
export function useSuite(serverOptions = {}, setup = async () => {}) {
  const suite = {
    server: null,
    browser: null,
    pages: [],
    /** A new page (options of `openPage`), checked and closed after the test. */
    async open(options) {
      const t = await openPage(this.browser, options);
      this.pages.push(t);
      return t;
    },
  };
  before(async () => {
    const options = typeof serverOptions === "function" ? await serverOptions() : serverOptions;
    suite.server = await startServer(options);
    suite.browser = await launchBrowser();
    await setup(suite);
  });
  afterEach(async () => {
    const pages = suite.pages.splice(0);
    try {
      for (const t of pages) if (!t.closed) t.assertClean();
    } finally {
      await Promise.all(pages.map((t) => t.close()));
    }
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/**
 * How the app names a build where it stands alone (notices): alias,
 * architecture and its serial, from the API's details.
 */
export async function buildName(server, image) {
  const { serial } = (await server.api(`/images/public/${image.id}`)).json.data;
  return `${image.alias} · ${image.architecture} (build ${serial})`;
}

/** Every image of the public catalog, read from the API page by page. */
export async function everyPublicImage(server) {
  const images = [];
  for (let page = 1; ; page += 1) {
    const { data } = (await server.api(`/images/public?limit=100&page=${page}`)).json;
    images.push(...data.images);
    if (page >= data.pagination.totalPages) return images;
  }
}

/**
 * Finds an image as a person does: on the catalog (opened at `start` first,
 * if given), searches for its name and clicks its card; waits for its page.
 */
export async function openFromCatalog(page, image, { start } = {}) {
  if (start) await page.goto(start);
  await catalogSettled(page);
  await page.fill("#catalog-search", image.image_name);
  await page.waitForSelector(`main article[data-image-id='${image.id}']`);
  await catalogSettled(page);
  await page.click(`main article[data-image-id='${image.id}'] h2 a`);
  await page.waitForURL((url) => url.pathname.endsWith(`/images/${image.id}`));
  await page.waitForSelector("h1#image-title");
}

/** The visible text of the results line. */
export async function resultsLine(page) {
  return (await page.textContent("p[role='status']"))?.trim();
}
