// Lighthouse (mobile profile) on the catalog and on an image's page: the four
// category scores, and the machine's load average beside them (Total
// Blocking Time follows it). With --baseline DIR, another build is measured
// in the same run, its runs alternating with this one's.
// Usage: node bench/lighthouse.mjs [--baseline DIR]   (expects dist/ and the server built)
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { startServer, ROOT, CHROMIUM } from "../e2e/harness.mjs";

const LIGHTHOUSE = join(ROOT, "bench/node_modules/.bin/lighthouse");
const baselineIndex = process.argv.indexOf("--baseline");
const baselineDist = baselineIndex > 0 ? process.argv[baselineIndex + 1] : null;
const server = await startServer({ args: ["--quiet"] });
// The baseline's config.json as it is (see speed.mjs).
const baseline = baselineDist ? await startServer({ dist: baselineDist, args: ["--quiet", "--app-config-as-is"] }) : null;
const first = (await server.api("/images/public?limit=1")).json.data.images[0];
const pages = (origin) => [
  ["catalog", `${origin}/`],
  ["image detail", `${origin}/images/${first.id}`],
];
const builds = [["", server], ...(baseline ? [["before: ", baseline]] : [])];
const targetsMet = { performance: 0.95, accessibility: 1, "best-practices": 1, seo: 0.9 };

console.log(`${"page".padEnd(22)}${"performance".padStart(13)}${"accessibility".padStart(15)}${"best-practices".padStart(16)}${"seo".padStart(6)}`);
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

console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
for (const [index, [name]] of pages("").entries()) {
  // The builds' runs alternate, so that neither always meets a busier machine.
  const runs = builds.map(() => []);
  for (let i = 0; i < RUNS; i += 1) {
    for (const [b, [, built]] of builds.entries()) runs[b].push(lighthouse(pages(built.url)[index][1]));
  }
  for (const [b, [prefix]] of builds.entries()) report(`${prefix}${name}`, runs[b]);
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
await server.close();
await baseline?.close();

function report(name, runs) {
  const reports = runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const report = reports[Math.floor(RUNS / 2)];
  const score = (id) => report.categories[id].score;
  const cells = Object.keys(targetsMet).map((id) => score(id).toFixed(2));
  const missed = Object.entries(targetsMet).filter(([id, min]) => score(id) < min).map(([id]) => id);
  console.log(
    `${name.padEnd(22)}${cells[0].padStart(13)}${cells[1].padStart(15)}${cells[2].padStart(16)}${cells[3].padStart(6)}  ${missed.length ? `MISSED: ${missed.join(", ")}` : "all targets met"}`,
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
