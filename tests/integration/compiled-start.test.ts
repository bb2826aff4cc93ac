// Compiled start-up (docs/decisions/0006): scripts/build-server.mjs turns src/ into dist/ with the
// non-TypeScript files beside the code, and bin/maang.js runs dist/ only while it matches src/. Checked
// on a throw-away copy of the entry files over a tiny src/, so the repository's own dist/ is untouched.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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
  for (const f of ["bin/maang.js", "bin/server-build.mjs", "scripts/build-server.mjs"])
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
console.log(JSON.stringify({ greeting, from: import.meta.url, migrations }));
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
  };

describe("compiled start-up", () => {
  it("builds dist/ with the migrations beside the code, and runs it only while it matches src/", () => {
    project();
    // no dist yet: the sources through tsx
    expect(run().from).toContain("/src/cli/main.ts");

    node([join(root, "scripts", "build-server.mjs")]);
    expect(existsSync(join(root, "dist", "database", "migrations", "0000_first.sql"))).toBe(true);
    const compiled = run();
    expect(compiled.from).toContain("/dist/cli/main.js");
    expect(compiled.migrations).toEqual(["0000_first.sql"]);
    expect(compiled.greeting).toBe("hello");
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
});
