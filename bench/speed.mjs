// Speed of the app against a hand-written reference page (bench/reference)
// that makes the same catalog request and renders the same card markup with no
// framework, on the same machine, in one run, against the API server on loopback:
//   - navigation start to first card painted, median of 10 cold loads;
//   - filter change to updated grid, median of 50;
//   - rendering 100 cards (page size 20 -> 100), median of 10.
// Usage: node bench/speed.mjs   (expects dist/ and target/*/api-server built)
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchBrowser, ROOT, DIST } from "../e2e/harness.mjs";

// Serve the app and the reference page from one folder, so both are same-origin with the API.
const site = mkdtempSync(join(tmpdir(), "dockyard-bench-"));
cpSync(DIST, site, { recursive: true });
const indexHtml = readFileSync(join(DIST, "index.html"), "utf8");
const stylesheets = [...indexHtml.matchAll(/<link href=(\/[^ >]+\.css)[^>]*rel=stylesheet>/g)].map((m) => `<link rel="stylesheet" href="${m[1]}">`);
const componentsCss = readFileSync(join(ROOT, "style/components.css"), "utf8");
const hashOf = (uniqueClass) => {
  const match = componentsCss.match(new RegExp(`\\.${uniqueClass}-([0-9a-f]+)`));
  if (!match) throw new Error(`no .${uniqueClass} in style/components.css`);
  return match[1];
};
const card = hashOf("badges");
const stars = hashOf("star_full");
const icon = hashOf("hue0");
const catalog = hashOf("stale");
const classes = {};
for (const name of ["card", "top", "heading", "title", "link", "image_name", "description", "badges", "badge", "prespawn", "footer", "price", "price_free", "meta"]) classes[name] = `${name}-${card}`;
for (const name of ["display", "stars", "summary"]) classes[name] = `${name}-${stars}`;
for (const name of ["icon", "small"]) classes[name] = `${name}-${icon}`;
cpSync(join(ROOT, "bench/reference"), join(site, "reference"), { recursive: true });
writeFileSync(join(site, "reference/classes.js"), `window.CLASSES = ${JSON.stringify(classes)};\n`);
const referenceHtml = (bodyAttributes) =>
  readFileSync(join(ROOT, "bench/reference/index.template.html"), "utf8")
    .replace("%STYLESHEETS%", stylesheets.join("\n    "))
    .replace("%GRID%", `grid-${catalog}`)
    .replace("%BODY_ATTRIBUTES%", bodyAttributes);
writeFileSync(join(site, "reference/index.html"), referenceHtml(""));
// The same page, also keeping its filters in the URL (see below).
writeFileSync(join(site, "reference/url-state.html"), referenceHtml("data-url-state"));

const server = await startServer({ dist: site, args: ["--quiet"] });
const browser = await launchBrowser();

const FIRST_CARD_PROBE = () => {
  window.__firstCardAt = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector("article")) {
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__firstCardAt = performance.now(); }, 0));
    }
  }).observe(document, { childList: true, subtree: true });
};

const pages = {
  app: { url: `${server.url}/`, os: "#filter-os", arch: "#filter-architecture", limit: "#catalog-page-size", kind: "app" },
  reference: { url: `${server.url}/reference/index.html`, os: "#os", arch: "#arch", limit: "#limit", kind: "reference" },
  referenceWithUrl: { url: `${server.url}/reference/url-state.html`, os: "#os", arch: "#arch", limit: "#limit", kind: "reference" },
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function firstCard(target) {
  const times = [];
  for (let i = 0; i < 10; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.addInitScript(FIRST_CARD_PROBE);
    await page.goto(target.url);
    await page.waitForFunction(() => window.__firstCardAt !== null, null, { timeout: 20000 });
    times.push(await page.evaluate(() => window.__firstCardAt));
    await context.close();
  }
  return median(times);
}

/** Changes a select inside the page and times it until the new grid has painted. */
async function timedChange(page, kind, selector, value) {
  return page.evaluate(
    async ({ kind, selector, value }) => {
      const section = document.querySelector("section[data-state]");
      const select = document.querySelector(selector);
      const before = Number(section.dataset.done ?? 0);
      // The app: the answer shown is for the URL's query and nothing loads.
      // The reference: a newer render than before the change has finished.
      const settled = () =>
        kind === "app"
          ? ["ready", "empty"].includes(section.dataset.state) && section.dataset.answers === location.search
          : section.dataset.state === "ready" && Number(section.dataset.done ?? 0) > before;
      const started = performance.now();
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      await new Promise((resolve) => {
        const done = () => requestAnimationFrame(() => setTimeout(resolve, 0));
        if (settled()) return done();
        const observer = new MutationObserver(() => {
          if (settled()) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(section, { attributes: true, attributeFilter: ["data-state", "data-answers", "data-done"] });
      });
      return performance.now() - started;
    },
    { kind, selector, value },
  );
}

async function openWarm(target) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(target.url);
  await page.waitForSelector("section[data-state='ready']");
  return { context, page };
}

const OSES = ["ubuntu", "debian", "alpine", "centos", "fedora", "rockylinux", "archlinux", "opensuse", ""];
const ARCHES = ["", "amd64", "arm64", "armhf", ""];

async function filterChanges(target) {
  const { context, page } = await openWarm(target);
  const times = [];
  // 50 distinct (os, architecture) states in a row: no answer is reused from a cache.
  for (let i = 0; times.length < 50; i += 1) {
    if (i % OSES.length === 0) await timedChange(page, target.kind, target.arch, ARCHES[(i / OSES.length) % ARCHES.length]);
    times.push(await timedChange(page, target.kind, target.os, OSES[i % OSES.length]));
  }
  await context.close();
  return median(times);
}

async function render100(target) {
  const { context, page } = await openWarm(target);
  const times = [];
  for (let i = 0; i < 10; i += 1) {
    await timedChange(page, target.kind, target.limit, "20");
    await timedChange(page, target.kind, target.os, OSES[(i + 3) % OSES.length]);
    times.push(await timedChange(page, target.kind, target.limit, "100"));
  }
  await context.close();
  return median(times);
}

const results = [];
for (const [metric, run, target] of [
  ["first card painted (cold load)", firstCard, 1.5],
  ["filter change to updated grid", filterChanges, 1.2],
  ["render 100 cards", render100, 1.2],
]) {
  // Alternate the two pages so neither always runs on a warmer machine.
  const reference = await run(pages.reference);
  const app = await run(pages.app);
  results.push({ metric, run, app, reference, ratio: app / reference, target });
}

console.log(`${"metric".padEnd(34)}${"app ms".padStart(10)}${"ref ms".padStart(10)}${"ratio".padStart(8)}${"target".padStart(8)}`);
for (const r of results) {
  console.log(
    `${r.metric.padEnd(34)}${r.app.toFixed(1).padStart(10)}${r.reference.toFixed(1).padStart(10)}${r.ratio.toFixed(2).padStart(8)}${`≤${r.target}`.padStart(8)}  ${r.ratio <= r.target ? "met" : "MISSED"}`,
  );
}

// What keeping the state in the URL costs by itself: the reference page again,
// pushing one history entry per change as the app does (Chromium's
// history.pushState and the work it sets off cost milliseconds per change).
const withUrl = await filterChanges(pages.referenceWithUrl);
const filterResult = results.find((r) => r.run === filterChanges);
console.log(
  `\nfilter change, reference also pushing each state to the URL: ${withUrl.toFixed(1)} ms ` +
    `(${(withUrl / filterResult.reference).toFixed(2)}× the plain reference); the app is ${(filterResult.app / withUrl).toFixed(2)}× this one`,
);

await browser.close();
await server.close();
rmSync(site, { recursive: true, force: true });
