// Compiles src/ into dist/ with esbuild, one JavaScript file per TypeScript file (no bundling: the
// module graph and every import.meta.url-relative path stay as they are), copies the other files
// (migrations, seed data, code-runner harnesses) beside them, and records the sources' hash.
//   node scripts/build-server.mjs            build
//   node scripts/build-server.mjs --if-stale build only when dist/ does not match src/ (npm start)
// Runs as `prepare` on npm install; without src/ (a Docker stage that installs dependencies first) it does nothing.
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { BUILD_INFO, DIST, freshDistEntry, SRC, sourceFiles, sourceHash } from "../bin/server-build.mjs";

if (!existsSync(SRC)) {
  console.log("build-server: no src/ here; nothing to compile");
  process.exit(0);
}
if (process.argv.includes("--if-stale") && freshDistEntry()) process.exit(0);

const started = Date.now();
const { build } = await import("esbuild");
const files = sourceFiles();
const typescript = files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
rmSync(DIST, { recursive: true, force: true });
await build({
  entryPoints: typescript,
  outdir: DIST,
  outbase: SRC,
  bundle: false,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
});
for (const file of files.filter((f) => !f.endsWith(".ts"))) {
  const target = join(DIST, relative(SRC, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}
writeFileSync(
  BUILD_INFO,
  `${JSON.stringify({ sourceHash: sourceHash(files), files: files.length, builtAt: new Date().toISOString() }, null, 2)}\n`,
);
console.log(`build-server: compiled ${typescript.length} files into dist/ in ${Date.now() - started} ms`);
