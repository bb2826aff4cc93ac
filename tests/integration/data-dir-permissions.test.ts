// Issue 17, item 10: the embedded database folder holds password hashes and every user's notes, so it is
// created readable by its owner only, and nothing in it is writable by other users.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/config/database.js";
import { settingsFrom } from "../../src/config/settings.js";

const parent = mkdtempSync(join(tmpdir(), "maang-data-dir-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

async function everyPath(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return [dir, ...entries.map((e) => join(dir, String(e)))];
}

describe("the embedded database folder", () => {
  it("is created 0700, with no file in it writable (or readable) by other users", { timeout: 120_000 }, async () => {
    const dataDir = join(parent, "data");
    const database = await openDatabase(settingsFrom({ DATA_DIR: dataDir }), pino({ level: "silent" }));
    try {
      await database.db.execute(sql`create table if not exists permission_probe (note text)`);
      await database.db.execute(sql`insert into permission_probe values ('a private note')`);
    } finally {
      await database.close();
    }
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, "pglite")).mode & 0o777).toBe(0o700);
    const paths = await everyPath(dataDir);
    expect(paths.length).toBeGreaterThan(10);
    const open = paths.filter((p) => (statSync(p).mode & 0o007) !== 0);
    expect(open).toEqual([]);
  });
});
