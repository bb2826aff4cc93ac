// The suite's embedded database, made once: on the embedded defaults every test file opens its own in-memory
// PGlite, and PGlite's initdb, the migrations and the catalogue's seed cost each file 4–8 s (most of the
// suite's time under CI load). Here one database is migrated and seeded, dumped to a tarball, and every
// test context starts from it (tests/helpers/context.ts, OpenDatabaseOptions.pgliteTemplate); its own
// migrate and seed then find nothing to do. The tarball is kept between runs under node_modules/.cache,
// named by a hash of everything that shapes it (the migrations, the seed data and code, PGlite's version).
// The migrations still run from an empty database here on every change, and the CLI and process tests
// open their own folders from scratch.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

function templateKey(): string {
  const hash = createHash("sha256");
  for (const file of filesUnder(join(root, "src", "database"))) {
    hash.update(file.slice(root.length));
    hash.update(readFileSync(file));
  }
  for (const pkg of ["@electric-sql/pglite", "@electric-sql/pglite-pgvector"]) {
    hash.update(readFileSync(join(root, "node_modules", pkg, "package.json")));
  }
  return hash.digest("hex").slice(0, 16);
}

export default async function setup(): Promise<void> {
  if (process.env.DATABASE_URL || process.env.MAANG_TEST_PGLITE_TEMPLATE === "off") {
    delete process.env.MAANG_TEST_PGLITE_TEMPLATE;
    return;
  }
  const dir = join(root, "node_modules", ".cache", "maang-tests");
  const path = join(dir, `pglite-${templateKey()}.tar`);
  if (!existsSync(path)) {
    const { createTestContext } = await import("./helpers/context.js");
    delete process.env.MAANG_TEST_PGLITE_TEMPLATE;
    const ctx = await createTestContext();
    try {
      const client = (ctx.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
      const dump = Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer());
      mkdirSync(dir, { recursive: true });
      // another run may be writing the same file: each writes its own and renames (atomic)
      const partial = `${path}.${process.pid}`;
      writeFileSync(partial, dump);
      renameSync(partial, path);
    } finally {
      await ctx.close();
    }
  }
  process.env.MAANG_TEST_PGLITE_TEMPLATE = path;
}
