// Many rows in one INSERT with one parameter per column: `insert … select * from unnest($1::int4[], …)`
// (the legacy importer; the review cards of imported attempts).
// A multi-row VALUES list costs one bound parameter (and one SQL chunk built in JavaScript) per cell,
// which made the import spend most of its time building statements; one array per column costs the
// same for 10 rows or 10,000 and runs unchanged on node-postgres and PGlite. COPY (bulk-copy.ts) is
// cheaper still but has no ON CONFLICT or RETURNING.
import { type SQL, sql } from "drizzle-orm";
import { type Queryable, queryRows } from "../../config/database.js";

export type ColumnType = "int4" | "int2" | "float8" | "text" | "timestamptz" | "jsonb" | "bool";

export interface BulkColumn {
  name: string;
  type: ColumnType;
}

function cell(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (type === "jsonb") return JSON.stringify(value);
  return value;
}

/**
 * Inserts `rows` (each an array in `columns` order) with one statement; `tail` is appended (e.g.
 * `on conflict do nothing returning id`). Returns the rows the statement returns.
 */
export async function bulkInsert<T = Record<string, unknown>>(
  db: Queryable,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  tail: SQL = sql``,
): Promise<T[]> {
  if (rows.length === 0) return [];
  const arrays = columns.map(
    (column, i) => sql`${sql.param(rows.map((row) => cell(row[i], column.type)))}::${sql.raw(column.type)}[]`,
  );
  return queryRows<T>(
    db,
    sql`insert into ${sql.identifier(table)} (${sql.join(
      columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    )}) select * from unnest(${sql.join(arrays, sql`, `)}) ${tail}`,
  );
}
