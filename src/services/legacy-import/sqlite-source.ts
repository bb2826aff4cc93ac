// Reads one of the old platform's SQLite files with sql.js (pure WebAssembly: no native build, and the
// file is loaded into memory read-only, so the original is never modified).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import initSqlJs, { type Database as SqlJsDatabase, type SqlValue } from "sql.js";
import { BadRequestError } from "../../errors.js";
import { withoutNul } from "./values.js";

export type LegacyRow = Record<string, SqlValue> & { __rowid: number };

let sqlJs: ReturnType<typeof initSqlJs> | undefined;

export class LegacySqliteFile {
  private readonly lookups = new Map<string, Map<string, LegacyRow>>();

  private constructor(
    readonly path: string,
    readonly name: string,
    private readonly db: SqlJsDatabase,
  ) {}

  static async open(path: string): Promise<LegacySqliteFile> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new BadRequestError(
        `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
    if (bytes.subarray(0, 16).toString("latin1") !== "SQLite format 3\u0000")
      throw new BadRequestError(`${path} is not a SQLite database (its header is not "SQLite format 3").`);
    sqlJs ??= initSqlJs();
    const SQL = await sqlJs;
    return new LegacySqliteFile(path, basename(path), new SQL.Database(bytes));
  }

  /** User tables, without SQLite's own bookkeeping tables. */
  tables(): string[] {
    const result = this.db.exec(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
    );
    return (result[0]?.values ?? []).map((r) => String(r[0]));
  }

  columns(table: string): string[] {
    const result = this.db.exec(`pragma table_info("${table.replaceAll('"', '""')}")`);
    return (result[0]?.values ?? []).map((r) => String(r[1]));
  }

  count(table: string): number {
    const result = this.db.exec(`select count(*) from "${table.replaceAll('"', '""')}"`);
    return Number(result[0]?.values[0]?.[0] ?? 0);
  }

  /** Rows in rowid order, one at a time. */
  *rows(table: string): Generator<LegacyRow> {
    const statement = this.db.prepare(
      `select rowid as __rowid, * from "${table.replaceAll('"', '""')}" order by rowid`,
    );
    try {
      // `getAsObject` asks SQLite for every column name again on every row: a tenth of a big import's time
      const names = statement.getColumnNames();
      while (statement.step()) {
        const values = statement.get();
        const row = {} as LegacyRow;
        for (let i = 0; i < names.length; i++) {
          const value = values[i];
          // PostgreSQL cannot store U+0000: dropped here (withoutNul), so keys and text arrive clean
          (row as Record<string, SqlValue>)[names[i]] = typeof value === "string" ? withoutNul(value) : value;
        }
        yield row;
      }
    } finally {
      statement.free();
    }
  }

  /** Rows in rowid order, `size` at a time. */
  *batches(table: string, size: number): Generator<LegacyRow[]> {
    let batch: LegacyRow[] = [];
    for (const row of this.rows(table)) {
      batch.push(row);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /**
   * `batches`, read ahead: while the caller writes one batch, the next is read from SQLite in slices
   * between the caller's database round trips (reading is a fifth of a big import's JavaScript, and the
   * process is otherwise idle while PostgreSQL works on the batch).
   */
  async *batchesAhead(table: string, size: number): AsyncGenerator<LegacyRow[]> {
    const rows = this.rows(table);
    const read = async () => {
      const batch: LegacyRow[] = [];
      for (;;) {
        for (let i = 0; i < 250; i++) {
          const next = rows.next();
          if (next.done) return batch;
          batch.push(next.value);
          if (batch.length >= size) return batch;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    let next = read();
    try {
      for (;;) {
        const batch = await next;
        if (batch.length === 0) return;
        next = read();
        yield batch;
      }
    } finally {
      // the caller stopped early (a failed batch): the read in flight ends at the closed statement
      next.catch(() => undefined);
      rows.return(undefined);
    }
  }

  /** A row of a small table by one column's value (the whole table is read once and kept). */
  lookup(table: string, column: string, value: unknown): LegacyRow | undefined {
    const cacheKey = `${table}.${column}`;
    let index = this.lookups.get(cacheKey);
    if (!index) {
      index = new Map();
      if (this.tables().includes(table))
        for (const batch of this.batches(table, 10_000)) for (const row of batch) index.set(String(row[column]), row);
      this.lookups.set(cacheKey, index);
    }
    return value === null || value === undefined ? undefined : index.get(String(value));
  }

  close(): void {
    this.db.close();
  }
}
