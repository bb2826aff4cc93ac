// The shape every legacy table mapping has: which rows it reads, what it writes, and why it skips.
import type { Queryable } from "../../config/database.js";
import type { ImportRun } from "./run.js";
import type { LegacyRow, LegacySqliteFile } from "./sqlite-source.js";

export interface MapContext {
  run: ImportRun;
  tx: Queryable;
  file: LegacySqliteFile;
  /** import_records.source_db of the file being imported */
  sourceDb: string;
  now: Date;
}

export type RowOutcome =
  | {
      key: string;
      targetTable: string;
      targetId: string | number | null;
      userId: number | null;
      /** recorded (so later rows link to it) but counted as skipped with this reason, e.g. an existing account */
      linked?: string;
      /** the target row carries its own import key (messages): no import_records row is written */
      selfRecorded?: boolean;
    }
  | { key: string; skipped: string }
  /** written meanwhile by another run of the same file: counted as already imported */
  | { key: string; alreadyImported: true };

export interface TableMapping {
  table: string;
  /** what the rows become, for the report */
  target: string;
  /** the table has no home in the new schema: every row is skipped with this reason */
  skip?: string;
  /** the row's identity in import_records (default: `id`, else the SQLite rowid) */
  key?: (row: LegacyRow) => string;
  importRows?: (rows: LegacyRow[], m: MapContext) => Promise<RowOutcome[]>;
  /** maps a batch before its transaction (reads only), so the importer maps one batch while writing another */
  prepareRows?: (rows: LegacyRow[], m: MapContext) => Promise<PreparedRows>;
  /** keys of rows whose target records its own import (`selfRecorded`), besides those in import_records */
  importedKeys?: (db: Queryable, sourceDb: string) => Promise<Iterable<string>>;
}

/** A batch mapped outside its transaction: the rows it skipped, and how to write the rest in it. */
export interface PreparedRows {
  outcomes: RowOutcome[];
  /** keys of the rows `write` would write */
  keys: string[];
  /** writes the rows whose key `keep` accepts */
  write: (m: MapContext, keep: (key: string) => boolean) => Promise<RowOutcome[]>;
}

export interface LegacyKind {
  kind: "platform" | "interview" | "training" | "agent";
  description: string;
  /** a file is this kind when it has all these tables */
  recognisedBy: string[];
  /** in dependency order: a table's rows may refer to rows of the tables before it */
  tables: TableMapping[];
}

export interface TableReport {
  file: string;
  kind: string;
  table: string;
  target: string;
  read: number;
  imported: number;
  skipped: number;
  /** rows an earlier run imported (a second run counts them here, not as imported) */
  alreadyImported: number;
  /** why rows were skipped → how many */
  reasons: Record<string, number>;
  durationMs: number;
}

export interface ImportReport {
  dryRun: boolean;
  user: { id: number; email: string } | null;
  files: { path: string; name: string; kind: string; description: string }[];
  tables: TableReport[];
  totals: { read: number; imported: number; skipped: number; alreadyImported: number };
  /** things the user should know, e.g. what could not be carried over */
  notes: string[];
  /** memories created without an embedding (the embed job fills them) */
  memoriesToEmbed: number;
  /** imported chat messages whose memory the `import-memories` job writes, per user id */
  messagesQueuedForMemory: Record<number, number>;
  /** user id → ids of those memories, so the caller can enqueue their embedding */
  memoryIds: Record<number, number[]>;
  durationMs: number;
}

export interface ImportProgress {
  file: string;
  table: string;
  done: number;
  total: number;
  /** rows of all tables of all files */
  overallDone: number;
  overallTotal: number;
}

export const imported = (
  key: string,
  targetTable: string,
  targetId: string | number | null,
  userId: number | null,
  selfRecorded?: boolean,
) => ({
  key,
  targetTable,
  targetId,
  userId,
  ...(selfRecorded ? { selfRecorded } : {}),
});
export const skipped = (key: string, reason: string) => ({ key, skipped: reason });
export const keyOf = (row: LegacyRow): string => String(row.id ?? row.__rowid);
