// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by package / source file and the top
// functions, so a closing note can say what costs what. Usage: node cpuprofile-summary.mjs <file> [top]
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, "utf8"));
const top = Number(topArg ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++)
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (url) => {
  if (!url) return "(native/V8)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return url;
  const src = url.indexOf("/src/");
  return src >= 0 ? url.slice(src + 1) : url;
};
const groups = new Map();
const fns = new Map();
for (const [id, us] of self) {
  const node = byId.get(id);
  const cf = node.callFrame;
  const g =
    cf.functionName === "(idle)" || cf.functionName === "(program)" || cf.functionName === "(garbage collector)"
      ? cf.functionName
      : where(cf.url);
  groups.set(g, (groups.get(g) ?? 0) + us);
  const key = `${cf.functionName || "(anonymous)"} ${where(cf.url)}:${cf.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
}
const busy = total - (groups.get("(idle)") ?? 0);
const pct = (us) => `${((100 * us) / busy).toFixed(1)}%`;
console.log(`total ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (percentages of busy time)`);
console.log("\nself time by package / file:");
for (const [g, us] of [...groups]
  .filter(([g]) => g !== "(idle)")
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`  ${pct(us).padStart(6)}  ${g}`);
console.log("\ntop functions (self):");
for (const [f, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us).padStart(6)}  ${f}`);

// inclusive (self + callees) time of the app's own functions and of the packages they call into
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (const [id, us] of self) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const cf = byId.get(cur).callFrame;
    const w = where(cf.url);
    const key = w.startsWith("src/") ? `${cf.functionName || "(anonymous)"} ${w}:${cf.lineNumber + 1}` : `[${w}]`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
console.log("\ninclusive time (self + callees): the app's functions and whole packages:");
for (const [f, us] of [...inclusive]
  .filter(([k]) => !k.startsWith("[("))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`  ${pct(us).padStart(6)}  ${f}`);
