// Compiled start-up (docs/decisions/0006): scripts/build-server.mjs turns src/ into dist/ with the
// non-TypeScript files beside the code and bundles the CLI into dist/maang.cjs, and bin/maang.js runs the
// bundle (with V8's code cache) only while dist/ matches src/. Checked on a throw-away copy of the entry
// files over a tiny src/, so the repository's own dist/ is untouched.
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "maang-compiled-"));
afterAll(() => {
  // the link first, on its own: the recursive removal must never be able to reach the real node_modules
  rmSync(join(root, "node_modules"), { force: true });
  rmSync(root, { recursive: true, force: true });
});

function project(): void {
  mkdirSync(join(root, "bin"));
  mkdirSync(join(root, "scripts"));
  for (const f of ["bin/maang.js", "bin/server-build.mjs", "bin/code-cache.mjs", "scripts/build-server.mjs"])
    cpSync(join(repo, f), join(root, f));
  symlinkSync(join(repo, "node_modules"), join(root, "node_modules"));
  writeFileSync(join(root, "package.json"), `{ "type": "module" }\n`);
  mkdirSync(join(root, "src", "cli"), { recursive: true });
  mkdirSync(join(root, "src", "database", "migrations"), { recursive: true });
  writeFileSync(join(root, "src", "database", "migrations", "0000_first.sql"), "select 1;\n");
  writeFileSync(join(root, "src", "cli", "greeting.ts"), `export const greeting: string = "hello";\n`);
  writeFileSync(
    join(root, "src", "cli", "main.ts"),
    `import { readdirSync } from "node:fs";
import { greeting } from "./greeting.js";
const migrations: string[] = readdirSync(new URL("../database/migrations", import.meta.url));
// a package the bundle leaves outside (esbuild: a native binary), imported when needed
void import("esbuild").then((esbuild) =>
  console.log(JSON.stringify({ greeting, from: import.meta.url, migrations, esbuild: typeof esbuild.transform })),
);
// GREET_MORE: a run that compiles much more code than the others; GREET_STAY_MS: a long-running command
${"function more" + "(n: number): number {\n" + Array.from({ length: 400 }, (_, i) => `  n = (n * ${i + 3} + ${i}) % 1000003;`).join("\n") + "\n  return n;\n}"}
if (process.env.GREET_MORE === "1") console.error("more", more(7));
setTimeout(() => undefined, Number(process.env.GREET_STAY_MS ?? 0));
`,
  );
}

const node = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, args, { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
const run = (env: Record<string, string> = {}) =>
  JSON.parse(
    node([join(root, "bin", "maang.js")], env)
      .trim()
      .split("\n")
      .pop() as string,
  ) as {
    greeting: string;
    from: string;
    migrations: string[];
    esbuild: string;
  };
/** One run with the code cache's account of itself on stderr. */
const runCached = (env: Record<string, string> = {}, command = "greet") => {
  const result = spawnSync(process.execPath, [join(root, "bin", "maang.js"), command], {
    cwd: root,
    encoding: "utf8",
    // the stores name the cache file (storesOf): the embedded ones unless a test says otherwise
    env: { ...process.env, DATABASE_URL: "", REDIS_URL: "", MAANG_CODE_CACHE_DEBUG: "1", ...env },
  });
  expect(result.status, result.stderr).toBe(0);
  return { out: JSON.parse(result.stdout.trim().split("\n").pop() as string), cache: result.stderr };
};

describe("compiled start-up", () => {
  it("builds dist/ with the migrations beside the code, and runs it only while it matches src/", () => {
    project();
    // no dist yet: the sources through tsx
    expect(run().from).toContain("/src/cli/main.ts");

    node([join(root, "scripts", "build-server.mjs")]);
    expect(existsSync(join(root, "dist", "database", "migrations", "0000_first.sql"))).toBe(true);
    const compiled = run();
    // the bundle runs, and each file of it still sees its own dist/ URL
    expect(existsSync(join(root, "dist", "maang.cjs"))).toBe(true);
    expect(compiled.from).toContain("/dist/cli/main.js");
    expect(compiled.migrations).toEqual(["0000_first.sql"]);
    expect(compiled.greeting).toBe("hello");
    expect(compiled.esbuild).toBe("function");
    expect(run({ MAANG_RUN_FROM_SOURCE: "1" }).from).toContain("/src/cli/main.ts");

    // an edit makes dist/ stale: the edited source runs, never the old build
    writeFileSync(join(root, "src", "cli", "greeting.ts"), `export const greeting: string = "edited";\n`);
    const stale = run();
    expect(stale.from).toContain("/src/cli/main.ts");
    expect(stale.greeting).toBe("edited");

    // `npm start` rebuilds a stale dist/ first
    node([join(root, "scripts", "build-server.mjs"), "--if-stale"]);
    const rebuilt = run();
    expect(rebuilt.from).toContain("/dist/cli/main.js");
    expect(rebuilt.greeting).toBe("edited");
    expect(JSON.parse(readFileSync(join(root, "dist", "build-info.json"), "utf8")).files).toBe(3);
  }, 120_000);

  it("keeps V8's code cache per bundle and command, refuses a damaged one, and runs without one", () => {
    const cacheDir = join(root, "dist", ".code-cache");
    rmSync(cacheDir, { recursive: true, force: true });
    const first = runCached();
    expect(first.cache).toMatch(/code cache: none at .*-greet-pglite\.bin/);
    expect(first.cache).toMatch(/code cache: written/);
    const [file] = readdirSync(cacheDir);
    const { bundleHash } = JSON.parse(readFileSync(join(root, "dist", "build-info.json"), "utf8"));
    expect(file?.startsWith(String(bundleHash).slice(0, 16))).toBe(true);

    // read back: the same output, the dynamic import() of a package outside the bundle included
    const second = runCached();
    expect(second.cache).toMatch(/code cache: accepted/);
    expect(second.cache).not.toMatch(/written/);
    expect(second.out).toEqual(first.out);
    expect(second.out.esbuild).toBe("function");

    // the command names the file, but only as a plain word: a path in its place never leaves the folder
    const escaping = runCached({}, "../../../outside");
    expect(escaping.cache).toContain(join(cacheDir, String(file).replace("-greet-", "-main-")));
    expect(existsSync(join(root, "outside.bin"))).toBe(false);

    // the stores the command will use name their own file: an embedded run never serves a server's
    const server = runCached({ DATABASE_URL: "postgres://db.invalid/x", REDIS_URL: "redis://cache.invalid" });
    expect(server.cache).toMatch(/code cache: none at .*-greet-pg-redis\.bin/);
    expect(runCached().cache).toMatch(/code cache: accepted .*-greet-pglite\.bin/);

    // a long-running run that compiled a tenth more makes the accepted cache again, once; the next keeps it
    const long = { GREET_STAY_MS: "400", MAANG_CODE_CACHE_WRITE_AFTER_MS: "50" };
    const before = statSync(join(cacheDir, file as string)).size;
    expect(runCached(long).cache).toMatch(/code cache: kept /);
    const grown = runCached({ ...long, GREET_MORE: "1" });
    expect(grown.cache).toMatch(/code cache: accepted /);
    expect(grown.cache).toMatch(/code cache: refreshed /);
    expect(statSync(join(cacheDir, file as string)).size).toBeGreaterThan(before * 1.1);
    const again = runCached({ ...long, GREET_MORE: "1" });
    expect(again.cache).toMatch(/code cache: accepted /);
    expect(again.cache).toMatch(/code cache: kept /);
    expect(again.out).toEqual(first.out);

    // a damaged file is refused by V8, the command runs, and a good one replaces it
    writeFileSync(join(cacheDir, file as string), Buffer.alloc(4096, 7));
    const damaged = runCached();
    expect(damaged.cache).toMatch(/code cache: refused/);
    expect(damaged.out).toEqual(first.out);
    expect(runCached().cache).toMatch(/code cache: accepted/);

    // a rebuilt bundle never meets the old cache: its hash names another file
    writeFileSync(join(root, "src", "cli", "greeting.ts"), `export const greeting: string = "again";\n`);
    node([join(root, "scripts", "build-server.mjs")]);
    const fresh = runCached();
    expect(fresh.cache).toMatch(/code cache: none at/);
    expect(fresh.out.greeting).toBe("again");

    // no cache at all, and a folder that cannot be made: the command runs either way
    const off = runCached({ MAANG_CODE_CACHE_DIR: "off" });
    expect(off.cache).toBe("");
    expect(off.out.greeting).toBe("again");
    const blocked = runCached({ MAANG_CODE_CACHE_DIR: join(root, "package.json", "cache") });
    expect(blocked.cache).toMatch(/code cache: not used: .*package\.json\/cache/);
    expect(blocked.out.greeting).toBe("again");

    // a folder others may write into could hold a planted file: neither read nor written
    const shared = join(root, "shared-cache");
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const planted = runCached({ MAANG_CODE_CACHE_DIR: shared });
    expect(planted.cache).toMatch(/code cache: not used: .* is not this user's alone/);
    expect(planted.cache).not.toMatch(/accepted|refused|written/);
    expect(planted.out.greeting).toBe("again");
    expect(readdirSync(shared)).toEqual([]);
  }, 120_000);
});
