// The suite's databases made once (decision 0018): tests/global-setup.ts builds them, the tests copy them.
// - an in-memory PGlite dump (MAANG_TEST_PGLITE_TEMPLATE), loaded by every test context;
// - an on-disk DATA_DIR (MAANG_TEST_DATA_DIR_TEMPLATE), copied into the folder of a test that starts `maang`
//   processes, so its first command does not pay PGlite's initdb, the migrations and the seed again.
// Both are named by a hash of everything that shapes them (src/database/**, PGlite's and pgvector's
// versions) and kept between runs under node_modules/.cache/maang-tests.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TEMPLATE_CACHE_DIR = join(REPO_ROOT, "node_modules", ".cache", "maang-tests");

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** A hash of everything that shapes a migrated and seeded database. */
export function templateKey(): string {
  const hash = createHash("sha256");
  for (const file of filesUnder(join(REPO_ROOT, "src", "database"))) {
    hash.update(file.slice(REPO_ROOT.length));
    hash.update(readFileSync(file));
  }
  for (const pkg of ["@electric-sql/pglite", "@electric-sql/pglite-pgvector"]) {
    hash.update(readFileSync(join(REPO_ROOT, "node_modules", pkg, "package.json")));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * A new temporary folder for a test's DATA_DIR; on the embedded defaults it already holds the suite's
 * migrated and seeded database (when the global setup made one), so the first `maang` command just opens it.
 */
export function preparedDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const template = process.env.MAANG_TEST_DATA_DIR_TEMPLATE;
  if (template && !process.env.DATABASE_URL && existsSync(join(template, "pglite"))) {
    cpSync(join(template, "pglite"), join(dir, "pglite"), { recursive: true });
  }
  return dir;
}
