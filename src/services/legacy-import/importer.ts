// Imports the old platform's SQLite files: recognises each file by its tables, maps every table in
// dependency order, in batches, one transaction per batch, and records every imported row in
// import_records so that a second run imports nothing. `dryRun` does the same work in one transaction
// and rolls it back.
import { eq } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import type { Database, Queryable } from "../../config/database.js";
import { users } from "../../database/schema.js";
import { BadRequestError, NotFoundError } from "../../errors.js";
import { agentKind } from "./mappings/agent.js";
import { interviewKind } from "./mappings/interview.js";
import { platformKind } from "./mappings/platform.js";
import { trainingKind } from "./mappings/training.js";
import { type BatchTarget, prepareBatch, writeBatch } from "./pipeline.js";
import { ImportRun } from "./run.js";
import { LegacySqliteFile } from "./sqlite-source.js";
import type { ImportProgress, ImportReport, LegacyKind, TableMapping, TableReport } from "./types.js";

/** In the order files are imported: the accounts first, so the other files can find their users. */
export const LEGACY_KINDS: LegacyKind[] = [platformKind, trainingKind, interviewKind, agentKind];

export function recogniseTables(tables: string[]): LegacyKind | undefined {
  const present = new Set(tables);
  return LEGACY_KINDS.find((k) => k.recognisedBy.every((t) => present.has(t)));
}

export interface ImportOptions {
  /** email of the account every legacy row is assigned to (must exist) */
  userEmail?: string;
  dryRun?: boolean;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

class DryRunRollback extends Error {}

/** Source keys an earlier run imported: its import_records, and the keys its target rows carry. */
async function alreadyImported(db: Queryable, mapping: TableMapping, sourceDb: string): Promise<Set<string>> {
  const done = await ImportRun.importedKeys(db, sourceDb, mapping.table);
  if (mapping.importedKeys) for (const key of await mapping.importedKeys(db, sourceDb)) done.add(key);
  return done;
}

export async function importLegacyFiles(
  db: Database,
  clock: Clock,
  paths: string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
  if (paths.length === 0) throw new BadRequestError("Name at least one SQLite file to import.");
  const batchSize = options.batchSize ?? 5000;
  const opened: { file: LegacySqliteFile; kind: LegacyKind }[] = [];
  try {
    for (const path of paths) {
      const file = await LegacySqliteFile.open(path);
      const tables = file.tables();
      const kind = recogniseTables(tables);
      if (!kind) {
        file.close();
        throw new BadRequestError(
          `${path} is not one of the old platform's databases (tables: ${tables.join(", ") || "none"}). ` +
            `Expected maang_data.db / memory.db, interview.db, training_memory.db or maang_agent_memory.db.`,
        );
      }
      opened.push({ file, kind });
    }
    opened.sort((a, b) => LEGACY_KINDS.indexOf(a.kind) - LEGACY_KINDS.indexOf(b.kind));

    let forced: { id: number; email: string } | null = null;
    if (options.userEmail) {
      const email = options.userEmail.trim().toLowerCase();
      const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email));
      if (!user)
        throw new NotFoundError(
          `No account with the email ${email}: create it first (maang user create --email ${email} --password …, or sign up), then import again.`,
        );
      forced = user;
    }

    const run = async (target: Queryable) => {
      const importRun = new ImportRun(target, clock, forced?.id ?? null);
      const tables: TableReport[] = [];
      const plan = opened.flatMap(({ file, kind }) =>
        file.tables().map((table) => ({
          file,
          kind,
          table,
          mapping: kind.tables.find((t) => t.table === table),
          total: file.count(table),
        })),
      );
      const overallTotal = plan.reduce((n, p) => n + p.total, 0);
      let overallDone = 0;
      // mappings in dependency order; tables the kind does not know come last
      const fileIndex = new Map(opened.map((o, i) => [o.file, i]));
      const order = (p: (typeof plan)[number]) =>
        (fileIndex.get(p.file) ?? 0) * 1000 + (p.mapping ? p.kind.tables.indexOf(p.mapping) : 999);
      plan.sort((a, b) => order(a) - order(b));
      for (const step of plan) {
        const sourceDb = forced ? `${step.file.name}#user=${forced.id}` : step.file.name;
        const mapping: TableMapping = step.mapping ?? {
          table: step.table,
          target: "—",
          skip: "not a table of the old platform's schema",
        };
        const report: TableReport = {
          file: step.file.name,
          kind: step.kind.kind,
          table: step.table,
          target: mapping.target,
          read: 0,
          imported: 0,
          skipped: 0,
          alreadyImported: 0,
          reasons: {},
          durationMs: 0,
        };
        const tableStarted = Date.now();
        tables.push(report);
        const batchTarget: BatchTarget = {
          db: target,
          context: (tx) => ({ run: importRun, tx, file: step.file, sourceDb, now: clock.now() }),
          sourceDb,
          table: step.table,
          mapping,
          done: mapping.importRows ? await alreadyImported(target, mapping, sourceDb) : new Set(),
          report,
        };
        // One batch is written while the next is read and mapped (for mappings that map outside the
        // transaction): PostgreSQL and this process work at the same time.
        let writing: Promise<void> | undefined;
        try {
          for await (const batch of step.file.batchesAhead(step.table, batchSize)) {
            const prepared = await prepareBatch(batchTarget, batch);
            await writing;
            writing = prepared ? writeBatch(batchTarget, prepared) : undefined;
            // awaited above on the next turn, or below; handled here so a failure waits for that await
            writing?.catch(() => undefined);
            overallDone += batch.length;
            options.onProgress?.({
              file: step.file.name,
              table: step.table,
              done: report.read,
              total: step.total,
              overallDone,
              overallTotal,
            });
          }
          await writing;
        } finally {
          // a failed read or mapping still lets the batch being written finish (or fail) first
          await writing?.catch(() => undefined);
        }
        report.durationMs = Date.now() - tableStarted;
      }
      return { tables, importRun };
    };

    let result: Awaited<ReturnType<typeof run>> | undefined;
    if (options.dryRun) {
      try {
        await db.transaction(async (tx) => {
          result = await run(tx);
          throw new DryRunRollback();
        });
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error;
      }
    } else result = await run(db);
    if (!result) throw new Error("import produced no result");

    const totals = { read: 0, imported: 0, skipped: 0, alreadyImported: 0 };
    for (const t of result.tables) {
      totals.read += t.read;
      totals.imported += t.imported;
      totals.skipped += t.skipped;
      totals.alreadyImported += t.alreadyImported;
    }
    return {
      dryRun: Boolean(options.dryRun),
      user: forced,
      files: opened.map(({ file, kind }) => ({
        path: file.path,
        name: file.name,
        kind: kind.kind,
        description: kind.description,
      })),
      tables: result.tables,
      totals,
      notes: [...result.importRun.notes],
      memoriesToEmbed: result.importRun.memoriesCreated,
      messagesQueuedForMemory: options.dryRun ? {} : Object.fromEntries(result.importRun.messagesQueuedForMemory),
      memoryIds: options.dryRun ? {} : Object.fromEntries(result.importRun.memoryIds),
      durationMs: Date.now() - started,
    };
  } finally {
    for (const { file } of opened) file.close();
  }
}
