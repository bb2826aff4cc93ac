// Builds the old platform's SQLite files for tests and the import benchmark: copies of the shared
// fixtures (never the originals) and files created from the upstream DDL, filled with rows.
import { randomUUID } from "node:crypto";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import initSqlJs, { type Database } from "sql.js";

export const LEGACY_FIXTURES = process.env.LEGACY_FIXTURES_DIR ?? "/work/shared/fixtures/legacy-sqlite";

/** The DDL of each upstream file in schemas.sql, by its file name. */
export function legacyDdl(): Record<string, string> {
  const text = readFileSync(join(LEGACY_FIXTURES, "schemas.sql"), "utf8");
  const out: Record<string, string> = {};
  for (const part of text.split(/^-- ===== upstream file: /m).slice(1)) {
    const newline = part.indexOf("\n");
    out[part.slice(0, newline).trim()] = part
      .slice(newline + 1)
      .replace(/^CREATE TABLE sqlite_sequence\(name,seq\);$/m, "");
  }
  return out;
}

export function tempDir(label = "legacy"): string {
  return mkdtempSync(join(tmpdir(), `maang-${label}-`));
}

/** A writable copy of a fixture under a unique name (import_records keys rows by file name). */
export function copyFixture(name: string, dir: string): string {
  const target = join(dir, `${name.replace(/\.db$/, "")}-${randomUUID().slice(0, 8)}.db`);
  copyFileSync(join(LEGACY_FIXTURES, name), target);
  chmodSync(target, 0o644);
  return target;
}

export async function openSqlite(path?: string): Promise<Database> {
  const SQL = await initSqlJs();
  return path ? new SQL.Database(readFileSync(path)) : new SQL.Database();
}

export function saveSqlite(db: Database, path: string): void {
  writeFileSync(path, Buffer.from(db.export()));
  db.close();
}

/** Runs `sql` once per row, in one SQLite transaction. */
export function insertRows(db: Database, sql: string, rows: unknown[][]): void {
  db.exec("begin");
  const statement = db.prepare(sql);
  for (const row of rows) statement.run(row as never);
  statement.free();
  db.exec("commit");
}

/** A maang_agent_memory.db from the upstream DDL (the shared fixtures have none), unique name. */
export async function createAgentDb(dir: string, fill: (db: Database) => void): Promise<string> {
  const db = await openSqlite();
  db.exec(legacyDdl()["maang_agent_memory.db"]);
  fill(db);
  const path = join(dir, `maang_agent_memory-${randomUUID().slice(0, 8)}.db`);
  saveSqlite(db, path);
  return path;
}

/** Writes into a copy of a fixture and saves it. */
export async function fillCopy(path: string, fill: (db: Database) => void): Promise<string> {
  const db = await openSqlite(path);
  fill(db);
  saveSqlite(db, path);
  return path;
}
