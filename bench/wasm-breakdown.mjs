// What the wasm is made of: code bytes per crate (function bodies, attributed
// by their symbol names) and the data section. Needs a build that keeps names:
// bench/wasm-breakdown.sh makes one and runs this.
// Usage: node bench/wasm-breakdown.mjs FILE.wasm [CRATE|all [N]]   (lists the N largest functions)
import { readFileSync } from "node:fs";
const buf = readFileSync(process.argv[2]);
let pos = 8;
const u32 = () => { let r = 0, s = 0, b; do { b = buf[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
let imports = 0, bodies = [], names = new Map(), dataSize = 0, sections = [];
while (pos < buf.length) {
  const id = buf[pos++]; const size = u32(); const end = pos + size;
  sections.push([id, size]);
  if (id === 2) { const n = u32(); for (let i = 0; i < n; i++) { let l = u32(); pos += l; l = u32(); pos += l; const kind = buf[pos++]; if (kind === 0) { u32(); imports++; } else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 3) { pos += 2; } else if (kind === 4) { pos++; u32(); } } }
  if (id === 10) { const n = u32(); for (let i = 0; i < n; i++) { const s = u32(); bodies.push(s); pos += s; } }
  if (id === 11) dataSize = size;
  if (id === 0) { const l = u32(); const name = buf.toString("utf8", pos, pos + l); pos += l;
    if (name === "name") { while (pos < end) { const sub = buf[pos++]; const sl = u32(); const se = pos + sl; if (sub === 1) { const n = u32(); for (let i = 0; i < n; i++) { const idx = u32(); const nl = u32(); names.set(idx, buf.toString("utf8", pos, pos + nl)); pos += nl; } } pos = se; } } }
  pos = end;
}
const crateOf = (name) => {
  const n = name.replace(/^</, "").replace(/^_*/, "");
  const m = n.match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (m) return m[1];
  if (/dlmalloc/.test(n)) return "dlmalloc";
  if (/^__wbg|wasm_bindgen|externref/.test(n)) return "wasm_bindgen";
  return "(trait impls on generic types)";
};
const agg = new Map(); let total = 0;
bodies.forEach((s, i) => { const name = names.get(i + imports) ?? "?"; const c = crateOf(name); agg.set(c, (agg.get(c) || 0) + s); total += s; });
console.log(`code ${total} bytes in ${bodies.length} functions; data ${dataSize} bytes (before wasm-opt)`);
for (const [c, s] of [...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(String(s).padStart(9), (100 * s / total).toFixed(1).padStart(5) + "%", c);
const mode = process.argv[3];
if (mode) {
  const rows = bodies.map((s, i) => [s, names.get(i + imports) ?? "?"]).filter(([, n]) => mode === "all" || crateOf(n) === mode).sort((a, b) => b[0] - a[0]).slice(0, Number(process.argv[4] || 30));
  for (const [s, n] of rows) console.log(String(s).padStart(7), n.slice(0, 150));
}
