// Compiles src/ into dist/ with esbuild, one JavaScript file per TypeScript file (the module graph and every
// import.meta.url-relative path stay as they are), copies the other files (migrations, seed data, code-runner
// harnesses) beside them, bundles the CLI and the packages it loads into dist/maang.cjs (what bin/maang.js
// runs, with V8's code cache: docs/decisions/0006, round 8), and records the sources' and the bundle's hashes.
//   node scripts/build-server.mjs            build
//   node scripts/build-server.mjs --if-stale build only when dist/ does not match src/ (npm start)
// Runs as `prepare` on npm install; without src/ (a Docker stage that installs dependencies first) it does nothing.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { BUILD_INFO, BUNDLE, DIST, freshBuild, SRC, sourceFiles, sourceHash } from "../bin/server-build.mjs";

if (!existsSync(SRC)) {
  console.log("build-server: no src/ here; nothing to compile");
  process.exit(0);
}
// fresh: build-info.json (one hash of src/) matches, and the bundle and the per-module entry are there
if (process.argv.includes("--if-stale")) {
  const built = freshBuild();
  if (built.bundleHash && built.entry) process.exit(0);
}

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

// The bundle. Packages stay outside it when they load files of their own beside their code (WebAssembly,
// native addons, worker scripts, Lua) or are large and loaded only by a command that needs them;
// bin/maang.js's require and import() find those in node_modules as before. A bundled package's __dirname
// and __filename are rewritten to its own folder in node_modules (ioredis and @fastify/swagger read their
// package.json there, the Swagger UI serves its static files from there).
const BUNDLE_EXTERNAL = [
  "@electric-sql/*", // PGlite's WebAssembly and extensions
  "@energetic-ai/*",
  "@huggingface/*",
  "@tensorflow/*",
  "onnxruntime-node",
  "sharp",
  "@node-rs/*", // native addons
  "msgpackr-extract",
  "pg-native",
  "pino", // worker-thread transports by file name
  "pino-*",
  "thread-stream",
  "sql.js", // its WebAssembly beside its code
  "bullmq", // Lua scripts beside its code
  "esbuild", // the code runner's TypeScript transform: a native binary
  "tsx",
  "vite",
  "exceljs", // large, and loaded only by an export
  "openai", // loaded at the mentor's first model call
];
// In the bundle every file of ours shares one import.meta; each use is rewritten to the URL its file has
// under dist/ (where the migrations, seed data and harnesses sit beside it), relative to the bundle.
const distUrls = {
  name: "dist-urls",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(SRC)) return undefined;
      const compiled = relative(SRC, args.path).replace(/\.ts$/, ".js").split("\\").join("/");
      const text = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.url", `__maangDistUrl(${JSON.stringify(compiled)})`)
        .replaceAll("import.meta.resolve(", "__maangResolve(");
      if (text.includes("import.meta"))
        throw new Error(`${relative(SRC, args.path)} uses import.meta beyond .url and .resolve(): teach the bundle`);
      return { contents: text, loader: "ts" };
    });
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
      const path = args.path.split("\\").join("/");
      const file = path.slice(path.indexOf("/node_modules/") + 1); // node_modules/<package>/…, from the root
      return {
        contents: text
          .replace(/\b__dirname\b/g, `__maangProjectPath(${JSON.stringify(file.slice(0, file.lastIndexOf("/")))})`)
          .replace(/\b__filename\b/g, `__maangProjectPath(${JSON.stringify(file)})`),
        loader: "js",
      };
    });
  },
};
const bundled = await build({
  entryPoints: [join(SRC, "cli", "main.ts")],
  outfile: BUNDLE,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: BUNDLE_EXTERNAL,
  plugins: [distUrls],
  logLevel: "warning",
  banner: {
    js: [
      'const __maangDistUrl = (file) => require("node:url").pathToFileURL(require("node:path").join(__dirname, file)).href;',
      'const __maangProjectPath = (path) => require("node:path").join(__dirname, "..", path);',
      'const __maangResolve = (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href;',
    ].join("\n"),
  },
});
// import() of a package outside the bundle: V8 loses the dynamic-import callback of a script read back from
// its code cache (Node 20), so the bundle calls the function bin/code-cache.mjs passes in, an import() of a
// real ES module
const output = readFileSync(BUNDLE, "utf8");
const dynamicImport = /(?<![\w$.])import\("([^"]*)"\)/g;
// esbuild leaves import("x") in its output only for packages outside the bundle; anything else it matched
// (a string that looks like one) must not be rewritten silently
const outside = (specifier) =>
  BUNDLE_EXTERNAL.some((pattern) =>
    pattern.endsWith("*")
      ? specifier.startsWith(pattern.slice(0, -1))
      : specifier === pattern || specifier.startsWith(`${pattern}/`),
  );
const unexpected = [...output.matchAll(dynamicImport)].map((m) => m[1]).filter((s) => !outside(s));
if (unexpected.length > 0)
  throw new Error(
    `build-server: import() of packages not in BUNDLE_EXTERNAL left in the bundle: ${unexpected.join(", ")}`,
  );
writeFileSync(
  BUNDLE,
  output.replace(dynamicImport, (_call, specifier) => `__maangImport(${JSON.stringify(specifier)})`),
);
// a package whose import.meta the CommonJS output would leave empty must be external, never silently broken
const emptied = bundled.warnings.filter((w) => w.id === "empty-import-meta");
if (emptied.length > 0)
  throw new Error(
    `build-server: add to BUNDLE_EXTERNAL (their import.meta would be empty): ${emptied.map((w) => w.location?.file).join(", ")}`,
  );

writeFileSync(
  BUILD_INFO,
  `${JSON.stringify(
    {
      sourceHash: sourceHash(files),
      bundleHash: createHash("sha256").update(readFileSync(BUNDLE)).digest("hex"),
      files: files.length,
      builtAt: new Date().toISOString(),
    },
    null,
    2,
  )}\n`,
);
console.log(
  `build-server: compiled ${typescript.length} files into dist/ and bundled the CLI into dist/maang.cjs in ${Date.now() - started} ms`,
);
