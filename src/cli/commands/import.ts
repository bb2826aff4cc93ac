// maang import-sqlite FILE.db... [--user EMAIL] [--dry-run]: the old platform's SQLite files into this one.
import cliProgress from "cli-progress";
import type { Command } from "commander";
import {
  enqueueImportedMemories,
  formatImportReport,
  type ImportProgress,
  importLegacyFiles,
} from "../../services/legacy-import/index.js";
import { action, globalOptions, output, withContext } from "../runtime.js";

export function registerImportCommands(program: Command): void {
  program
    .command("import-sqlite")
    .description(
      "import the old Maang-Tracker's SQLite files (maang_data.db, memory.db, interview.db, training_memory.db, maang_agent_memory.db); idempotent",
    )
    .argument("<files...>", "SQLite files of the old platform (recognised by their tables)")
    .option("--user <email>", "assign every row to this existing account (for single-user legacy files)")
    .option("--dry-run", "read and map everything, report what would happen, write nothing")
    .option("--batch-size <n>", "rows per transaction", "500")
    .option("--no-progress", "no progress bar on stderr")
    .action(
      action(
        async (
          files: string[],
          opts: { user?: string; dryRun?: boolean; batchSize: string; progress: boolean },
          command: Command,
        ) => {
          const batchSize = Number(opts.batchSize);
          if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
            throw new Error(`--batch-size must be a whole number from 1 to 10000, not "${opts.batchSize}"`);
          await withContext({ migrate: true, seed: true }, async (ctx) => {
            const bar =
              opts.progress && !globalOptions(command).json
                ? new cliProgress.SingleBar(
                    {
                      stream: process.stderr,
                      format: "{bar} {percentage}% | {value}/{total} rows | {file} {table}",
                      noTTYOutput: !process.stderr.isTTY,
                      notTTYSchedule: 5000,
                      hideCursor: true,
                    },
                    cliProgress.Presets.shades_classic,
                  )
                : undefined;
            let started = false;
            const onProgress = (p: ImportProgress) => {
              if (!bar) return;
              if (!started) {
                bar.start(p.overallTotal, 0, { file: p.file, table: p.table });
                started = true;
              }
              bar.update(p.overallDone, { file: p.file, table: p.table });
            };
            let report: Awaited<ReturnType<typeof importLegacyFiles>>;
            try {
              report = await importLegacyFiles(ctx.db, ctx.clock, files, {
                userEmail: opts.user,
                dryRun: opts.dryRun,
                batchSize,
                onProgress,
              });
            } finally {
              if (started) bar?.stop();
            }
            const jobs = report.dryRun ? 0 : await enqueueImportedMemories(ctx.jobs, report);
            const { memoryIds: _ids, ...printable } = report;
            output(command, { ...printable, embedJobsQueued: jobs }, () => formatImportReport(report));
          });
        },
      ),
    );
}
