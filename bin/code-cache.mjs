// Runs dist/maang.cjs (the CLI and the packages it loads, one CommonJS file) with V8's code cache: the
// bytecode V8 compiled in an earlier run of the same command is read back instead of parsing and compiling
// the code again (docs/decisions/0006, round 8). Node 22's module.enableCompileCache() does this for files
// the module loader reads; this does it for the one file, on every Node this project runs on (Node 20's
// ESM loader has no cache at all).
//
// Where the cache lives: MAANG_CODE_CACHE_DIR when set ("off": no cache); else dist/.code-cache when dist/
// is writable (a clone, CI); else the user's own cache folder (a container's non-root user, whose dist/ is
// read-only). Never a shared temporary folder: a cache file is code this process runs, so a folder is used
// only when it is this user's and nobody else may write into it (`trustedCacheDir`). V8 refuses data made by
// another V8, other flags or another source length, and the file name carries the bundle's hash, so a
// rebuilt bundle never meets an old cache. One file per bundle, Node, command and stores (`storesOf`). A
// refused or missing cache is written once per process, when the command says it is up (STARTED_EVENT), at
// exit, or 10 s after start, whichever is first (atomically: a temporary name, then rename), so it holds
// what the command compiled while starting; an accepted one is made again, once, when a long-running
// command has compiled a tenth more (`refresh`). A failure to read or write it is never an error: the
// command runs either way. MAANG_CODE_CACHE_DEBUG=1 says on stderr what happened.
import {
  accessSync,
  constants,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import Module, { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import vm from "node:vm";

/** What a long-running command emits on `process` once it is up (`maang serve` after it listens). */
export const STARTED_EVENT = "maang:started";
/** For a long-running command that never says so: write this long after start (tests set it). */
const WRITE_AFTER_MS = Number(process.env.MAANG_CODE_CACHE_WRITE_AFTER_MS) || 10_000;

/** An accepted cache is made again when V8's data of this run is this much larger (`runBundle`). */
const REFRESH_GROWTH = 1.1;
/** …checked this long after a long-running command says it is up (off the first requests' path). */
const REFRESH_AFTER_STARTED_MS = 3_000;

/**
 * Which stores the command will use, from the environment: the embedded database or a PostgreSQL server,
 * with Redis or without. The code a command compiles differs by it (node-postgres and ioredis, or PGlite
 * outside the bundle), so each gets its own cache: the suite's embedded runs must not leave `serve` a cache
 * that lacks the server drivers. (A `.env` file the app reads later is not seen here; `refresh` covers it.)
 */
export function storesOf(env) {
  return `${env.DATABASE_URL ? "pg" : "pglite"}${env.REDIS_URL ? "-redis" : ""}`;
}

/** The folder of cache files, or undefined for none. */
export function codeCacheDir(distDir, env = process.env) {
  const setting = env.MAANG_CODE_CACHE_DIR;
  if (setting === "off") return undefined;
  if (setting) return setting;
  try {
    accessSync(distDir, constants.W_OK);
    return join(distDir, ".code-cache");
  } catch {
    const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
    return join(base, "maang-tracker", "code-cache");
  }
}

/**
 * Whether a cache folder may hold code for this process: it does not exist yet (it will be made 0700), or it
 * is this user's and nobody else can write into it. A folder another user owns or may write to could hold a
 * planted file, which this process would run.
 */
export function trustedCacheDir(dir) {
  try {
    const stat = statSync(dir);
    if (!stat.isDirectory()) return false;
    if (typeof process.getuid === "function" && stat.uid !== process.getuid()) return false;
    return (stat.mode & 0o022) === 0;
  } catch (error) {
    return error?.code === "ENOENT";
  }
}

/** Runs the bundle as the main program; `command` (serve, import …) keys the cache: one file per command. */
export function runBundle(file, { bundleHash, command, env = process.env }) {
  const debug = env.MAANG_CODE_CACHE_DEBUG === "1" ? (msg) => process.stderr.write(`code cache: ${msg}\n`) : () => {};
  const source = readFileSync(file, "utf8");
  let dir = codeCacheDir(dirname(file), env);
  if (dir && !trustedCacheDir(dir)) {
    debug(`not used: ${dir} is not this user's alone`);
    dir = undefined;
  }
  const prefix = `${String(bundleHash).slice(0, 16)}-`;
  const word = /^[a-z][a-z-]*$/.test(command ?? "") ? command : "main";
  const name = `${prefix}${process.version}-${process.arch}-${word}-${storesOf(env)}.bin`;
  const cacheFile = dir && join(dir, name);
  let cachedData;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      debug(`none at ${cacheFile}`);
    }
  }
  // the wrapper Node gives a CommonJS file (on the first line, so line numbers stay the file's own), and the
  // import() the bundle uses for packages outside it (scripts/build-server.mjs): this module's, which Node's
  // loader resolves from bin/, beside dist/, to the same node_modules
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __maangImport) { ${source}\n})`,
    { filename: file, cachedData },
  );
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  if (cachedData !== undefined) debug(accepted ? `accepted ${cacheFile}` : `refused ${cacheFile}`);
  // `data` is V8's cache data, or a function making it (it may run in an exit handler: nothing may throw)
  const save = (data, what) => {
    try {
      const bytes = typeof data === "function" ? data() : data;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, bytes, { mode: 0o600 });
      renameSync(temporary, cacheFile);
      debug(`${what} ${cacheFile}`);
      return true;
    } catch (error) {
      debug(`not ${what} (${error instanceof Error ? error.message : error})`);
      return false;
    }
  };
  if (cacheFile && accepted) {
    // An accepted cache holds what the run that wrote it had compiled by then; a run that compiled more (a
    // server up for a while, or one on other paths than the writer's) makes it again once, in idle time,
    // when V8's data has grown by a tenth: the cache grows to what the command uses, then stays.
    let checked = false;
    const refresh = () => {
      if (checked) return;
      checked = true;
      try {
        const data = script.createCachedData();
        if (data.length >= cachedData.length * REFRESH_GROWTH) save(data, "refreshed");
        else debug(`kept ${cacheFile}`);
      } catch (error) {
        debug(`not refreshed (${error instanceof Error ? error.message : error})`);
      }
    };
    process.once(STARTED_EVENT, () => setTimeout(refresh, Math.min(REFRESH_AFTER_STARTED_MS, WRITE_AFTER_MS)).unref());
    setTimeout(refresh, WRITE_AFTER_MS).unref();
  }
  if (cacheFile && !accepted) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      if (save(() => script.createCachedData(), "written")) {
        // files of bundles that are gone (an earlier build, an earlier image)
        try {
          for (const old of readdirSync(dir))
            if (old.endsWith(".bin") && !old.startsWith(prefix)) rmSync(join(dir, old), { force: true });
        } catch {
          // another process removed them first
        }
      }
    };
    // once the command is up (a cache made earlier would lack what a slow first start had not compiled
    // yet, e.g. while it migrated a new database)
    process.once(STARTED_EVENT, () => setImmediate(write));
    setTimeout(write, WRITE_AFTER_MS).unref();
    process.once("exit", write);
  }
  const mod = new Module(file);
  mod.filename = file;
  const importPackage = (specifier) => import(specifier);
  script
    .runInThisContext()
    .call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file), importPackage);
}
