// One Drizzle instance over either a node-postgres Pool (DATABASE_URL set) or PGlite with pgvector in
// DATA_DIR. Nothing outside this file knows which one it got.
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "../database/schema.js";
import type { Logger } from "./logger.js";
import type { Settings } from "./settings.js";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A function that works inside or outside a transaction takes this. */
export type Queryable = Database | Transaction;

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: "postgres" | "pglite";
  /** Where the data lives, without credentials: `postgres://host:port/db` or the PGlite folder. */
  readonly location: string;
  health(): Promise<{ ok: boolean; vector: boolean; error?: string }>;
  poolStats(): PoolStats;
  /** Runs `fn` on one dedicated connection (for session-level locks such as the migration lock). */
  withConnection<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Runs raw SQL and returns its rows, the same on both drivers. */
export async function queryRows<T = Record<string, unknown>>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A hot statement of fixed text, sent by name: node-postgres parses and plans it once per pooled connection
 * and afterwards sends only Bind/Execute with the values (no Drizzle query building, no re-parse on the
 * server); PGlite, in process, runs it as an ordinary parameterised query. Values go as the drivers
 * serialise them; results come with the drivers' own parsing (timestamptz as Date on both).
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

interface PgLikeClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
interface PGliteLikeClient {
  exec(text: string): Promise<unknown>;
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Runs a PreparedStatement on the database's own client (the pool, or PGlite); outside any transaction. */
export async function preparedRows<T = Record<string, unknown>>(
  db: Database,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const client = (db as unknown as { $client?: PgLikeClient | PGliteLikeClient }).$client;
  if (!client) throw new Error("preparedRows needs a database opened by openDatabase (it has no client)");
  const result =
    "exec" in client
      ? await client.query(statement.text, values)
      : await (client as PgLikeClient).query({ name: statement.name, text: statement.text, values });
  return result.rows as T[];
}

/** SQLSTATEs of a value PostgreSQL cannot store or compare: the caller's input, so a 400, not a 500. */
const BAD_VALUE_CODES = new Set([
  "22021", // character_not_in_repertoire: a NUL byte in text
  "22P05", // untranslatable_character
  "22003", // numeric_value_out_of_range: an id past int4
  "22P02", // invalid_text_representation
  "22001", // string_data_right_truncation
  "22007", // invalid_datetime_format
  "22008", // datetime_field_overflow
]);
/** The server is gone or not accepting connections (restart, shutdown, failover, pool exhausted). */
const UNAVAILABLE_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down)/i,
  /Connection ended unexpectedly/i,
];

/**
 * What a failed query means for the caller: `bad_value` (their input, a 400), `unavailable` (the
 * database is down or restarting, a 503 until it is back), or undefined (a bug, a 500). Looks through
 * Drizzle's wrapper to the driver's error.
 */
export function databaseFailure(error: unknown): { kind: "bad_value" | "unavailable"; message: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    // an HTTP call (LLM, embeddings, LeetCode) that could not connect is not the database
    if (message === "fetch failed") return undefined;
    if (typeof code === "string" && BAD_VALUE_CODES.has(code))
      return { kind: "bad_value", message: typeof message === "string" ? message : code };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code))
      return { kind: "unavailable", message: typeof message === "string" ? message : code };
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((m) => m.test(message)))
      return { kind: "unavailable", message };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is not reachable right now (it may be restarting); try again in a few seconds.";

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "postgres";
  }
}

async function healthOf(db: Database): Promise<{ ok: boolean; vector: boolean; error?: string }> {
  try {
    await db.execute(sql`select 1`);
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_extension where extname = 'vector'`,
    );
    return { ok: true, vector: (rows[0]?.n ?? 0) > 0 };
  } catch (error) {
    return { ok: false, vector: false, error: (error as Error).message };
  }
}

/** Removes group and world permissions from a folder and everything in it. */
function ownerOnly(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) ownerOnly(path);
    else if (entry.isFile()) chmodSync(path, statSync(path).mode & 0o700);
  }
}

export interface OpenDatabaseOptions {
  /**
   * An in-memory PGlite database starts from this data folder (a `dumpDataDir` tarball) instead of an
   * empty cluster: the test suite's global setup makes one, migrated and seeded, so each test file skips
   * PGlite's initdb, the migrations and the seed (4–8 s a file). Ignored for PostgreSQL and on-disk folders.
   */
  pgliteTemplate?: string;
}

export async function openDatabase(
  settings: Settings,
  logger: Logger,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  const { database } = settings;
  if (database.url) {
    const { default: pg } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new pg.Pool({
      connectionString: database.url,
      max: database.poolMax,
      idleTimeoutMillis: database.idleTimeoutMs,
      connectionTimeoutMillis: database.connectionTimeoutMs,
      statement_timeout: database.statementTimeoutMs || undefined,
    });
    // An idle client losing its connection emits here; without a handler it would crash the process.
    pool.on("error", (error) => logger.warn({ err: error }, "PostgreSQL connection lost (idle client)"));
    // A client checked out of the pool (a transaction, the migration lock) emits on itself instead, and
    // the pool's handler is not attached then: every client gets its own for its whole life. The query
    // in flight still fails (the request answers 503), the pool drops the broken client on release, and
    // the next checkout connects anew once the server is back.
    pool.on("connect", (client) => {
      client.on("error", (error) => logger.warn({ err: error }, "PostgreSQL connection lost (client in use)"));
    });
    const db = drizzle(pool, { schema }) as unknown as Database;
    let closed = false;
    return {
      db,
      kind: "postgres",
      location: redactUrl(database.url),
      health: () => healthOf(db),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      async withConnection(fn) {
        const client = await pool.connect();
        try {
          return await fn(drizzle(client, { schema }) as unknown as Database);
        } finally {
          client.release();
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        await pool.end();
      },
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { vector } = await import("@electric-sql/pglite-pgvector");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = database.dataDir === ":memory:" || database.dataDir.startsWith("memory://");
  const dataDir = inMemory ? undefined : resolve(database.dataDir, "pglite");
  if (dataDir) {
    // The database holds password hashes and everyone's notes: the folder is this user's only.
    mkdirSync(resolve(database.dataDir), { recursive: true, mode: 0o700 });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(resolve(database.dataDir), 0o700);
  }
  const template = !dataDir && options.pgliteTemplate ? new Blob([readFileSync(options.pgliteTemplate)]) : undefined;
  const client = await PGlite.create(dataDir, { extensions: { vector }, loadDataDir: template });
  // PGlite's file system layer creates files 0666/0777 whatever the umask: take the group and world
  // bits off after start and again at close (the 0700 folder already keeps others out in between).
  if (dataDir) ownerOnly(dataDir);
  const db = drizzle(client, { schema }) as unknown as Database;
  let closed = false;
  return {
    db,
    kind: "pglite",
    location: dataDir ?? "memory",
    health: () => healthOf(db),
    // PGlite is one connection that serialises every query.
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    withConnection: (fn) => fn(db),
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
      if (dataDir) ownerOnly(dataDir);
    },
  };
}
