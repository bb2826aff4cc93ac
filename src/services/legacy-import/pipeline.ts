// The one loop every legacy table goes through, a batch at a time: drop the rows an earlier run imported,
// resolve each row's account, prefetch what the batch refers to, map each row (or skip it, saying why),
// write the batch, and record every written row in import_records — one transaction per batch.
// A table mapping only says how to find a row's owner, what to prefetch, how to map one row and how to
// write a batch (`defineTable`).
import { sql } from "drizzle-orm";
import type { Queryable } from "../../config/database.js";
import { type BulkColumn, bulkInsert } from "../shared/bulk-insert.js";
import { ImportRun } from "./run.js";
import type { LegacyRow } from "./sqlite-source.js";
import {
  keyOf,
  type MapContext,
  type PreparedRows,
  type RowOutcome,
  skipped,
  type TableMapping,
  type TableReport,
} from "./types.js";

/** What `map` returns for a row that is not imported: the reason goes to the report. */
export class Skip {
  constructor(readonly reason: string) {}
}
export const skip = (reason: string) => new Skip(reason);

export const NO_USER_COLUMN = "this table has no user column: pass --user EMAIL to assign its rows to an account";

/** A mapped row on its way to `write`. */
export interface Mapped<I> {
  key: string;
  userId: number | null;
  row: LegacyRow;
  item: I;
}

/** A row whose owner is known (or not needed), before mapping. */
export interface Owned {
  key: string;
  userId: number | null;
  row: LegacyRow;
}

export interface TableSpec<P, I> {
  table: string;
  /** what the rows become, for the report */
  target: string;
  /** the row's identity in import_records (default: `id`, else the SQLite rowid) */
  key?: (row: LegacyRow) => string;
  /**
   * Whose row it is: a legacy user column (resolved through the file's users, the legacy aliases or
   * `--user`), `"forced"` (no user column: only `--user` can own it), or `"none"` (the mapping finds the
   * owner itself, e.g. through the interview session a row belongs to). Unowned rows are skipped.
   */
  owner: { column: string } | "forced" | "none";
  /** a reason to skip the row before its owner is looked up (e.g. "not started") */
  precheck?: (row: LegacyRow) => string | null;
  /** one round of lookups for the whole batch (problems, questions, parent rows); passed to map and write */
  prefetch?: (rows: Owned[], m: MapContext) => Promise<P>;
  map: (row: Owned, m: MapContext, pre: P) => I | Skip | Promise<I | Skip>;
  write: (items: Mapped<I>[], m: MapContext, pre: P) => Promise<RowOutcome[]>;
  /** for a `write` whose target rows carry their own import key: the keys an earlier run wrote */
  importedKeys?: TableMapping["importedKeys"];
  /**
   * Map the batch before its transaction opens (only for a spec without `prefetch`, whose `map` and owner
   * lookups only read): the importer then maps the next batch while this one is being written.
   */
  mapBeforeTransaction?: boolean;
}

/** Owners, precheck and `map` for a batch of fresh rows: the rows to write, and the rows skipped. */
async function mapOnly<P, I>(spec: TableSpec<P, I>, rows: LegacyRow[], m: MapContext, prefetch: boolean) {
  const keyFn = spec.key ?? keyOf;
  const out: RowOutcome[] = [];
  const owned: Owned[] = [];
  for (const row of rows) {
    const key = keyFn(row);
    const early = spec.precheck?.(row);
    if (early) {
      out.push(skipped(key, early));
      continue;
    }
    if (spec.owner === "none") {
      owned.push({ key, userId: null, row });
      continue;
    }
    if (spec.owner === "forced") {
      if (m.run.forcedUserId === null) out.push(skipped(key, NO_USER_COLUMN));
      else owned.push({ key, userId: m.run.forcedUserId, row });
      continue;
    }
    const legacyUser = row[spec.owner.column];
    const userId = await m.run.resolveUser(m.tx, m.sourceDb, legacyUser);
    if (userId === null) out.push(skipped(key, ImportRun.unresolvedUser(legacyUser)));
    else owned.push({ key, userId, row });
  }
  const items: Mapped<I>[] = [];
  if (owned.length === 0) return { out, items, pre: undefined as P };
  const pre = (prefetch && spec.prefetch ? await spec.prefetch(owned, m) : undefined) as P;
  for (const [i, o] of owned.entries()) {
    // Mapped before its transaction, a batch shares the thread with the batch being written: letting the
    // latter's replies in every few hundred rows keeps PostgreSQL busy instead of waiting for this loop.
    if (!prefetch && i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
    const item = await spec.map(o, m, pre);
    if (item instanceof Skip) out.push(skipped(o.key, item.reason));
    else items.push({ key: o.key, userId: o.userId, row: o.row, item });
  }
  return { out, items, pre };
}

/** Runs `spec` over one batch of fresh rows inside the batch's transaction. */
async function mapRows<P, I>(spec: TableSpec<P, I>, rows: LegacyRow[], m: MapContext): Promise<RowOutcome[]> {
  const { out, items, pre } = await mapOnly(spec, rows, m, true);
  if (items.length > 0) out.push(...(await spec.write(items, m, pre)));
  return out;
}

/** A table mapping that runs through the shared loop. */
export function defineTable<P = undefined, I = unknown>(spec: TableSpec<P, I>): TableMapping {
  return {
    table: spec.table,
    target: spec.target,
    key: spec.key,
    importRows: (rows, m) => mapRows(spec, rows, m),
    importedKeys: spec.importedKeys,
    prepareRows:
      spec.mapBeforeTransaction && !spec.prefetch
        ? async (rows, m) => {
            const { out, items } = await mapOnly(spec, rows, m, false);
            return {
              outcomes: out,
              keys: items.map((i) => i.key),
              write: (tx, keep) => {
                const kept = items.filter((i) => keep(i.key));
                return kept.length > 0 ? spec.write(kept, tx, undefined as P) : Promise.resolve([]);
              },
            };
          }
        : undefined,
  };
}

/** A `write` for small tables whose rows are written one statement each, in order. */
export function eachRow<I, P = undefined>(
  write: (item: Mapped<I>, m: MapContext, pre: P) => Promise<RowOutcome>,
): (items: Mapped<I>[], m: MapContext, pre: P) => Promise<RowOutcome[]> {
  return async (items, m, pre) => {
    const out: RowOutcome[] = [];
    for (const item of items) out.push(await write(item, m, pre));
    return out;
  };
}

const IMPORT_RECORD_COLUMNS: BulkColumn[] = [
  { name: "source_db", type: "text" },
  { name: "source_table", type: "text" },
  { name: "source_key", type: "text" },
  { name: "target_table", type: "text" },
  { name: "target_id", type: "text" },
  { name: "user_id", type: "int4" },
];

export interface BatchTarget {
  db: Queryable;
  /** a fresh context for the batch's transaction */
  context: (tx: Queryable) => MapContext;
  sourceDb: string;
  table: string;
  mapping: TableMapping;
  /** source keys an earlier run recorded for this table (loaded once per table) */
  done: Set<string>;
  report: TableReport;
}

export function countSkip(report: TableReport, reason: string, n = 1): void {
  report.skipped += n;
  report.reasons[reason] = (report.reasons[reason] ?? 0) + n;
}

/** A batch read, filtered and (for a `prepareRows` mapping) mapped, waiting for its transaction. */
export interface PreparedBatch {
  fresh: LegacyRow[];
  mapped?: PreparedRows;
}

/**
 * The part of a batch that needs no transaction: rows already recorded are counted and dropped, and a
 * mapping that can (`prepareRows`) maps the rest. Null when nothing is left to write.
 */
export async function prepareBatch(t: BatchTarget, batch: LegacyRow[]): Promise<PreparedBatch | null> {
  const { mapping, report } = t;
  report.read += batch.length;
  if (mapping.skip || !mapping.importRows) {
    countSkip(report, mapping.skip ?? "no mapping", batch.length);
    return null;
  }
  const keyFn = mapping.key ?? keyOf;
  const fresh = batch.filter((row) => !t.done.has(keyFn(row)));
  report.alreadyImported += batch.length - fresh.length;
  if (fresh.length === 0) return null;
  if (!mapping.prepareRows) return { fresh };
  return { fresh, mapped: await mapping.prepareRows(fresh, t.context(t.db)) };
}

/**
 * Writes a prepared batch and records its rows, in one transaction (a failed batch leaves nothing
 * behind, and the next run retries it).
 */
export async function writeBatch(t: BatchTarget, prepared: PreparedBatch): Promise<void> {
  const { mapping, report } = t;
  const importRows = mapping.importRows;
  if (!importRows) return;
  const recorded: string[] = [];
  await t.db.transaction(async (tx) => {
    // A commit lost to a server crash takes its import_records with it, so the next run imports those
    // rows again: the import does not need to wait for each batch's WAL flush.
    await tx.execute(sql`set local synchronous_commit = off`);
    let outcomes: RowOutcome[];
    if (prepared.mapped) {
      // mapped while the previous batch was written: a key that batch wrote is already imported now
      const late = prepared.mapped.keys.filter((key) => t.done.has(key)).length;
      report.alreadyImported += late;
      outcomes = [
        ...prepared.mapped.outcomes,
        ...(await prepared.mapped.write(t.context(tx), (key) => !t.done.has(key))),
      ];
    } else outcomes = await importRows(prepared.fresh, t.context(tx));
    const records: unknown[][] = [];
    for (const o of outcomes) {
      if ("skipped" in o) {
        countSkip(report, o.skipped);
        continue;
      }
      if ("alreadyImported" in o) {
        report.alreadyImported++;
        recorded.push(o.key);
        continue;
      }
      if (o.linked) countSkip(report, o.linked);
      else report.imported++;
      recorded.push(o.key);
      if (o.selfRecorded) continue;
      records.push([
        t.sourceDb,
        t.table,
        o.key,
        o.targetTable,
        o.targetId === null ? null : String(o.targetId),
        o.userId,
      ]);
    }
    await bulkInsert(tx, "import_records", IMPORT_RECORD_COLUMNS, records, sql`on conflict do nothing`);
  });
  // a key seen again in a later batch of the same file is already imported too
  for (const key of recorded) t.done.add(key);
}
