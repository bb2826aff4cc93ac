// The old platform's SQLite importer: `maang import-sqlite` and scripts/migrate-sqlite-to-pg.ts call this.
import type { JobQueue } from "../../jobs/queue.js";
import type { ImportReport } from "./types.js";

export {
  pendingImportedMemories,
  queueImportedMemories,
  runImportMemoriesJob,
  writeImportedMemories,
} from "./imported-memories.js";
export type { ImportOptions } from "./importer.js";
export { importLegacyFiles, LEGACY_KINDS, recogniseTables } from "./importer.js";
export type { ImportProgress, ImportReport, TableReport } from "./types.js";

/** Queues the embedding of the memories an import created, 500 per job. Returns how many jobs. */
export async function enqueueImportedMemories(jobs: JobQueue, report: ImportReport): Promise<number> {
  let queued = 0;
  for (const [userId, ids] of Object.entries(report.memoryIds)) {
    for (let i = 0; i < ids.length; i += 500) {
      await jobs.enqueue("embed-memories", { userId: Number(userId), ids: ids.slice(i, i + 500) });
      queued++;
    }
  }
  return queued;
}

/** The final table: one line per source table — read / imported / skipped / already imported. */
export function formatImportReport(report: ImportReport): string {
  const queuedForMemory = Object.values(report.messagesQueuedForMemory).reduce((n, m) => n + m, 0);
  const header = ["file", "table", "→ target", "read", "imported", "skipped", "already"];
  const rows = report.tables.map((t) => [
    t.file,
    t.table,
    t.target,
    String(t.read),
    String(t.imported),
    String(t.skipped),
    String(t.alreadyImported),
  ]);
  rows.push([
    "total",
    "",
    "",
    String(report.totals.read),
    String(report.totals.imported),
    String(report.totals.skipped),
    String(report.totals.alreadyImported),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = (i: number) => i >= 3;
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
  const reasons = report.tables.flatMap((t) =>
    Object.entries(t.reasons).map(([reason, n]) => `  ${t.file} ${t.table}: ${n} skipped — ${reason}`),
  );
  if (reasons.length > 0) out.push("", "Skipped, and why:", ...reasons);
  if (report.notes.length > 0) out.push("", ...report.notes.map((n) => `Note: ${n}`));
  out.push(
    "",
    report.dryRun
      ? "Dry run: nothing was written."
      : `Imported ${report.totals.imported} rows in ${(report.durationMs / 1000).toFixed(1)} s` +
          (report.user ? ` for ${report.user.email}` : "") +
          (report.memoriesToEmbed > 0 ? `; ${report.memoriesToEmbed} memories queued for embedding` : "") +
          (queuedForMemory > 0 ? `; ${queuedForMemory} messages queued for memory.` : "."),
  );
  return out.join("\n");
}
