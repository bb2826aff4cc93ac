// The compiled server in dist/: where it is and whether it was built from the src/ now on disk.
// dist/ mirrors src/ file by file (so every `new URL("./migrations", import.meta.url)` still finds its
// folder) and dist/build-info.json records a hash of every file under src/ at build time. Hashing the
// contents (≈ 1 MB, a few ms) rather than comparing mtimes keeps the check right after a git checkout or
// a Docker COPY, which do not preserve modification times reliably.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SRC = join(ROOT, "src");
export const DIST = join(ROOT, "dist");
export const BUILD_INFO = join(DIST, "build-info.json");
/** The CLI and the packages it loads in one CommonJS file, run with V8's code cache (bin/code-cache.mjs). */
export const BUNDLE = join(DIST, "maang.cjs");

export function sourceFiles(dir = SRC) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

export function sourceHash(files = sourceFiles()) {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(relative(SRC, file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** dist/build-info.json when dist/ was built from the current src/; undefined otherwise. */
function freshBuildInfo() {
  if (!existsSync(BUILD_INFO)) return undefined;
  try {
    const info = JSON.parse(readFileSync(BUILD_INFO, "utf8"));
    // an image shipped without sources runs what it has
    return !existsSync(SRC) || info.sourceHash === sourceHash() ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a fresh dist/ offers, from one hash of src/: the bundle (its hash names its code cache) and the
 * per-module entry of `name`. Each is undefined when missing, or when dist/ does not match src/.
 */
export function freshBuild(name = "cli/main") {
  const info = freshBuildInfo();
  if (!info) return { bundleHash: undefined, entry: undefined };
  const entry = join(DIST, `${name}.js`);
  return {
    bundleHash: info.bundleHash && existsSync(BUNDLE) ? String(info.bundleHash) : undefined,
    entry: existsSync(entry) ? entry : undefined,
  };
}
