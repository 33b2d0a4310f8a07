// Lighthouse (mobile profile) on the catalog and on an image's page: the four
// category scores. Usage: node bench/lighthouse.mjs (expects dist/ and the server built).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startServer, ROOT, CHROMIUM } from "../e2e/harness.mjs";

const LIGHTHOUSE = join(ROOT, "bench/node_modules/.bin/lighthouse");
const server = await startServer({ args: ["--quiet"] });
const first = (await server.api("/images/public?limit=1")).json.data.images[0];
const targets = [
  ["catalog", `${server.url}/`],
  ["image detail", `${server.url}/images/${first.id}`],
];
const targetsMet = { performance: 0.95, accessibility: 1, "best-practices": 1, seo: 0.9 };

console.log(`${"page".padEnd(14)}${"performance".padStart(13)}${"accessibility".padStart(15)}${"best-practices".padStart(16)}${"seo".padStart(6)}`);
// Lighthouse's scores vary between runs on a busy machine: each page is
// measured RUNS times and the run with the median performance score is shown.
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 3);
const lighthouse = (url) => {
  const output = execFileSync(
    LIGHTHOUSE,
    [
      url,
      "--output=json",
      "--output-path=stdout",
      "--quiet",
      "--only-categories=performance,accessibility,best-practices,seo",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
  );
  return JSON.parse(output);
};

for (const [name, url] of targets) {
  const reports = Array.from({ length: RUNS }, () => lighthouse(url)).sort(
    (a, b) => a.categories.performance.score - b.categories.performance.score,
  );
  const report = reports[Math.floor(RUNS / 2)];
  const score = (id) => report.categories[id].score;
  const cells = Object.keys(targetsMet).map((id) => score(id).toFixed(2));
  const missed = Object.entries(targetsMet).filter(([id, min]) => score(id) < min).map(([id]) => id);
  console.log(
    `${name.padEnd(14)}${cells[0].padStart(13)}${cells[1].padStart(15)}${cells[2].padStart(16)}${cells[3].padStart(6)}  ${missed.length ? `MISSED: ${missed.join(", ")}` : "all targets met"}`,
  );
  for (const id of missed) {
    const failing = report.categories[id].auditRefs
      .map((ref) => report.audits[ref.id])
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative")
      .map((audit) => `${audit.id} (${audit.score})`);
    console.log(`    ${id}: ${failing.join(", ")}`);
  }
  const perf = reports.map((r) => r.categories.performance.score.toFixed(2)).join(", ");
  const metric = (id) => report.audits[id].displayValue;
  console.log(`    performance over ${RUNS} runs: ${perf}; median run: FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")}`);
  const uncompressed = report.audits["uses-text-compression"]?.details?.items?.map((item) => item.url) ?? [];
  if (uncompressed.length) console.log(`    not compressed: ${uncompressed.join(", ")}`);
}
await server.close();
