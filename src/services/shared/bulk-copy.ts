// Many rows into one table with `COPY … FROM STDIN` (pg-copy-streams) on node-postgres: the cheapest way
// to land rows, one stream instead of statements (the legacy import's chat messages, decision 0015).
// COPY has no ON CONFLICT and no RETURNING, and PGlite has no COPY FROM STDIN, so the caller keeps a
// `bulkInsert` path: `copyRows` answers false when the connection cannot COPY.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { Queryable } from "../../config/database.js";
import type { BulkColumn } from "./bulk-insert.js";

/** What node-postgres' client answers to: the one method COPY needs. */
interface CopyCapableClient {
  query(stream: ReturnType<typeof copyFrom>): ReturnType<typeof copyFrom>;
}

/**
 * The node-postgres client a Drizzle transaction runs on, or null (PGlite, or a pool outside a
 * transaction, where consecutive statements may land on different connections).
 */
function copyClientOf(tx: Queryable): CopyCapableClient | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as
    | { query?: unknown; release?: unknown; constructor?: { name?: string } }
    | undefined;
  // a checked-out PoolClient has `release`; PGlite's transaction object has neither it nor a pg stream API
  if (!client || typeof client.query !== "function" || typeof client.release !== "function") return null;
  return client as unknown as CopyCapableClient;
}

/** Whether `copyRows` can COPY on this connection (a node-postgres transaction). */
export const canCopy = (tx: Queryable): boolean => copyClientOf(tx) !== null;

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
 * written nothing, when `tx` is not a node-postgres transaction (PGlite): use `bulkInsert` then.
 */
export async function copyRows(tx: Queryable, table: string, columns: BulkColumn[], rows: unknown[][]) {
  const client = copyClientOf(tx);
  if (!client) return false;
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
  const stream = client.query(copyFrom(`copy "${table.replaceAll('"', '""')}" (${names}) from stdin`));
  await pipeline(Readable.from(chunks), stream);
  return true;
}
