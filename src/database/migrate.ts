// Applies the drizzle-kit migrations in src/database/migrations, once, under a lock so that two
// processes starting together (the compose `migrate` service and an app replica) never race.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { type Database, type DatabaseHandle, queryRows } from "../config/database.js";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));
const MIGRATION_LOCK_ID = 7_240_311; // arbitrary, constant: the advisory lock key of `maang migrate`

export class MissingPgvectorError extends Error {
  constructor(location: string) {
    super(
      `PostgreSQL at ${location} has no pgvector extension. Use the pgvector/pgvector:pg15 image ` +
        "(docker/docker-compose.yml does), or install your distribution's package (e.g. " +
        "`apt install postgresql-15-pgvector`, or build it: https://github.com/pgvector/pgvector#installation), " +
        "then run `maang migrate` again.",
    );
    this.name = "MissingPgvectorError";
  }
}

export interface MigrationStatus {
  name: string;
  applied: boolean;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

function journal(): JournalEntry[] {
  const raw = readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8");
  return (JSON.parse(raw) as { entries: JournalEntry[] }).entries;
}

async function lastAppliedMillis(db: Database): Promise<number | null> {
  const exists = await queryRows<{ t: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  if (!exists[0]?.t) return null;
  const rows = await queryRows<{ m: string | null }>(
    db,
    sql`select max(created_at)::text as m from drizzle.__drizzle_migrations`,
  );
  return rows[0]?.m ? Number(rows[0].m) : null;
}

export async function migrationStatus(handle: DatabaseHandle): Promise<MigrationStatus[]> {
  const last = await lastAppliedMillis(handle.db);
  return journal().map((e) => ({ name: e.tag, applied: last !== null && e.when <= last }));
}

/** Applies pending migrations; returns the names it applied (empty when already up to date). */
export async function runMigrations(handle: DatabaseHandle): Promise<string[]> {
  const available = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from pg_available_extensions where name = 'vector'`,
  );
  if ((available[0]?.n ?? 0) === 0) throw new MissingPgvectorError(handle.location);

  return handle.withConnection(async (db) => {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`);
    try {
      const before = await lastAppliedMillis(db);
      const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
      const internals = db as unknown as {
        dialect: { migrate(m: unknown, s: unknown, c: unknown): Promise<void> };
        session: unknown;
      };
      await internals.dialect.migrate(migrations, internals.session, { migrationsFolder: MIGRATIONS_FOLDER });
      return journal()
        .filter((e) => before === null || e.when > before)
        .map((e) => e.tag);
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`);
    }
  });
}
