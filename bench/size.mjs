// Size of a first load: raw, gzip and brotli bytes of the wasm, JS and CSS
// that index.html pulls in, and their total. With --budget FILE, fails when
// the brotli total is over the budget kept in FILE (bench/size-budget.json):
// growth is then a decision, made in the commit that raises the budget.
// Usage: node bench/size.mjs [dist] [--budget FILE]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const budgetAt = args.indexOf("--budget");
const budgetFile = budgetAt >= 0 ? args.splice(budgetAt, 2)[1] : null;
const dist = args[0] ?? "dist";
const html = readFileSync(join(dist, "index.html"), "utf8");
const assets = [...new Set([...html.matchAll(/(?:href|src)=["']?\/?([^"' >]+\.(?:wasm|js|css))(?=["' >])/g)].map((m) => m[1]))];

const rows = [];
for (const name of ["index.html", ...assets]) {
  const data = readFileSync(join(dist, name));
  rows.push({
    file: name,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padStart(n);
console.log(`${"file".padEnd(48)}${pad("raw", 10)}${pad("gzip", 10)}${pad("brotli", 10)}`);
for (const r of rows) console.log(`${r.file.padEnd(48)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
console.log(`${"total".padEnd(48)}${pad(total.raw, 10)}${pad(total.gzip, 10)}${pad(total.brotli, 10)}`);
const target = 230 * 1024;
console.log(`first-load transfer (brotli): ${(total.brotli / 1024).toFixed(1)} KiB; target 230 KiB: ${total.brotli <= target ? "met" : "MISSED"}`);
if (budgetFile) {
  const budget = JSON.parse(readFileSync(budgetFile, "utf8")).first_load_brotli_bytes;
  const verdict = total.brotli <= budget ? "within" : "OVER";
  console.log(`size budget (${budgetFile}): ${total.brotli} of ${budget} bytes brotli: ${verdict}`);
  if (total.brotli > budget) process.exit(1);
}
