// The suite's embedded databases, made once (decision 0018). On the embedded defaults every test file
// opens its own in-memory PGlite, and PGlite's initdb, the migrations and the catalogue's seed cost each
// file 4–8 s; every test that starts `maang` processes paid the same for its own DATA_DIR. Here one
// database is migrated and seeded in memory and dumped to a tarball that every test context loads
// (tests/helpers/context.ts), and one on disk that such tests copy (preparedDataDir). The migrations still
// run from an empty database here whenever anything under src/database changes; the tests of first start
// (serve, data-dir permissions, compiled start) open empty folders.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TEMPLATE_CACHE_DIR, templateKey } from "./helpers/data-dir-template.js";

async function buildDump(path: string): Promise<void> {
  const { createTestContext } = await import("./helpers/context.js");
  const ctx = await createTestContext();
  try {
    const client = (ctx.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
    const dump = Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer());
    // another run may be writing the same file: each writes its own and renames (atomic)
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, dump);
    renameSync(partial, path);
  } finally {
    await ctx.close();
  }
}

async function buildDataDir(path: string): Promise<void> {
  const { createTestContext } = await import("./helpers/context.js");
  const partial = mkdtempSync(`${path}.partial-`);
  const ctx = await createTestContext({ DATA_DIR: partial });
  await ctx.close();
  try {
    renameSync(partial, path);
  } catch (error) {
    // another run renamed its own first: use that one
    rmSync(partial, { recursive: true, force: true });
    if ((error as { code?: string }).code !== "ENOTEMPTY" && (error as { code?: string }).code !== "EEXIST")
      throw error;
  }
}

export default async function setup(): Promise<void> {
  delete process.env.MAANG_TEST_PGLITE_TEMPLATE;
  delete process.env.MAANG_TEST_DATA_DIR_TEMPLATE;
  if (process.env.DATABASE_URL || process.env.MAANG_TEST_TEMPLATES === "off") return;
  mkdirSync(TEMPLATE_CACHE_DIR, { recursive: true });
  const key = templateKey();
  const dump = join(TEMPLATE_CACHE_DIR, `pglite-${key}.tar`);
  const dataDir = join(TEMPLATE_CACHE_DIR, `data-dir-${key}`);
  if (!existsSync(dump)) await buildDump(dump);
  if (!existsSync(dataDir)) await buildDataDir(dataDir);
  process.env.MAANG_TEST_PGLITE_TEMPLATE = dump;
  process.env.MAANG_TEST_DATA_DIR_TEMPLATE = dataDir;
}
