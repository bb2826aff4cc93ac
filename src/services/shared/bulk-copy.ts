// Many rows into one table with one COPY: the cheapest way to land rows, one stream instead of
// statements (the legacy import's chat messages, decision 0015). node-postgres streams `COPY … FROM STDIN`
// (pg-copy-streams); PGlite reads `COPY … FROM '/dev/blob'` from a Blob. COPY has no ON CONFLICT and no
// RETURNING, so the caller keeps a `bulkInsert` path: `copyRows` answers false, having written nothing,
// when the connection cannot COPY.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { Queryable } from "../../config/database.js";
import type { BulkColumn } from "./bulk-insert.js";

type Copier = (statement: string, chunks: string[]) => Promise<void>;

/**
 * How to COPY on the connection a Drizzle transaction runs on, or null: outside a transaction (a pool's
 * consecutive statements may land on different connections).
 */
function copierOf(tx: Queryable): Copier | null {
  const client = (tx as unknown as { session?: { client?: Record<string, unknown> } }).session?.client;
  if (!client || typeof client.query !== "function") return null;
  // node-postgres: a checked-out PoolClient (it has `release`)
  if (typeof client.release === "function") {
    const pgClient = client as unknown as { query(stream: ReturnType<typeof copyFrom>): ReturnType<typeof copyFrom> };
    return async (statement, chunks) => {
      await pipeline(Readable.from(chunks), pgClient.query(copyFrom(`${statement} from stdin`)));
    };
  }
  // PGlite: its transaction object (it has `rollback`)
  if (typeof client.rollback === "function") {
    const pglite = client as unknown as {
      query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
    };
    return async (statement, chunks) => {
      await pglite.query(`${statement} from '/dev/blob'`, [], { blob: new Blob(chunks) });
    };
  }
  return null;
}

/** Whether `copyRows` can COPY on this connection (inside a transaction, on either driver). */
export const canCopy = (tx: Queryable): boolean => copierOf(tx) !== null;

// COPY's text format: backslash escapes for the four characters that would end a field or a line.
const SPECIAL = /[\\\t\n\r]/;
const escapeText = (value: string) =>
  SPECIAL.test(value)
    ? value.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r")
    : value;

function field(value: unknown, column: BulkColumn): string {
  if (value === undefined || value === null) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (column.type === "jsonb") return escapeText(JSON.stringify(value));
  if (column.type === "bool") return value ? "t" : "f";
  if (typeof value === "string") {
    // PostgreSQL text cannot hold NUL: the same error an INSERT gives, before the stream starts
    if (value.includes("\u0000"))
      throw new Error(`${column.name}: text with a NUL byte cannot be stored (PostgreSQL rejects it)`);
    return escapeText(value);
  }
  return String(value);
}

/**
 * COPYs `rows` (arrays in `columns` order) into `table` inside the transaction `tx`. Returns false, having
 * written nothing, when `tx` is not a transaction: use `bulkInsert` then.
 */
export async function copyRows(tx: Queryable, table: string, columns: BulkColumn[], rows: unknown[][]) {
  const copy = copierOf(tx);
  if (!copy) return false;
  if (rows.length === 0) return true;
  const names = columns.map((c) => `"${c.name.replaceAll('"', '""')}"`).join(", ");
  // the whole text is built before the stream starts, so a bad value fails the batch before any COPY
  const chunks: string[] = [];
  let chunk = "";
  for (const row of rows) {
    let line = field(row[0], columns[0]);
    for (let i = 1; i < columns.length; i++) line += `\t${field(row[i], columns[i])}`;
    chunk += `${line}\n`;
    if (chunk.length > 64_000) {
      chunks.push(chunk);
      chunk = "";
    }
  }
  if (chunk) chunks.push(chunk);
  await copy(`copy "${table.replaceAll('"', '""')}" (${names})`, chunks);
  return true;
}
