// maang import-sqlite FILE.db... [--user EMAIL] [--dry-run]: the old platform's SQLite files into this one.
import type { Command } from "commander";
import type { AppContext } from "../../app-context.js";
import { linkInput, listSyncRunsInput, type SyncRunView } from "../../services/leetcode/contract.js";
import {
  enqueueImportedMemories,
  formatImportReport,
  type ImportProgress,
  importLegacyFiles,
  pendingImportedMemories,
  queueImportedMemories,
} from "../../services/legacy-import/index.js";
import { accountByEmail, action, globalOptions, output, parseFlags, withContext } from "../runtime.js";

async function userIdOf(ctx: AppContext, email: string): Promise<number> {
  return (await accountByEmail(ctx, email)).id;
}

function describeRun(run: SyncRunView): string {
  return [
    `sync ${run.id}: ${run.status} (${run.mode ?? "?"}) — fetched ${run.fetched}, imported ${run.imported}, skipped ${run.skipped}`,
    run.profile
      ? `LeetCode ${run.profile.username}: ${run.profile.solved.all} solved (E ${run.profile.solved.easy} / M ${run.profile.solved.medium} / H ${run.profile.solved.hard})`
      : null,
    run.error ? `error: ${run.error}` : null,
    run.resumeFrom ? `resumes from offset ${run.resumeFrom.offset} next time` : null,
  ]
    .filter(Boolean)
    .join("\n");
}

export function registerImportCommands(program: Command): void {
  program
    .command("import-sqlite")
    .description(
      "import the old Maang-Tracker's SQLite files (maang_data.db, memory.db, interview.db, training_memory.db, maang_agent_memory.db); idempotent",
    )
    .argument("<files...>", "SQLite files of the old platform (recognised by their tables)")
    .option("--user <email>", "assign every row to this existing account (for single-user legacy files)")
    .option("--dry-run", "read and map everything, report what would happen, write nothing")
    .option("--batch-size <n>", "rows per transaction", "5000")
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
            // loaded here, not at the top: every `maang` command (and `maang serve`) would pay for it
            const { default: cliProgress } = await import("cli-progress");
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
            const memoryJobs = report.dryRun ? 0 : await queueImportedMemories(ctx.jobs, report);
            // Without Redis the jobs run in this process: wait, so the command ends with the memories written.
            let memoriesPending: number | null = null;
            if (memoryJobs > 0 && ctx.jobs.mode === "inline") {
              await ctx.jobs.drain();
              memoriesPending = 0;
              for (const userId of Object.keys(report.messagesQueuedForMemory))
                memoriesPending += await pendingImportedMemories(ctx.db, Number(userId));
            }
            const { memoryIds: _ids, ...printable } = report;
            output(
              command,
              { ...printable, embedJobsQueued: jobs, memoryJobsQueued: memoryJobs, memoriesPending },
              () =>
                [
                  formatImportReport(report),
                  memoriesPending === null || memoryJobs === 0
                    ? memoryJobs > 0
                      ? "The memories of the imported messages are written by `maang worker` (import-memories job)."
                      : null
                    : memoriesPending === 0
                      ? "The memories of the imported messages are written."
                      : `${memoriesPending} imported messages still have no memory: the import-memories job failed (see the log above); run the import again to retry.`,
                ]
                  .filter(Boolean)
                  .join("\n"),
            );
            if (memoriesPending) process.exitCode = 1;
          });
        },
      ),
    );

  const leetcode = program
    .command("leetcode")
    .description("link a LeetCode account and import its accepted submissions");
  leetcode
    .command("link")
    .description("link a LeetCode username (and optionally the LEETCODE_SESSION cookie, stored encrypted)")
    .requiredOption("--user <email>", "the account to link")
    .requiredOption("--username <name>", "LeetCode username")
    .option("--session-cookie <value>", "LEETCODE_SESSION cookie: syncs the whole history (needs ENCRYPTION_KEY)")
    .action(
      action(async (opts: { user: string; username: string; sessionCookie?: string }, command: Command) => {
        const input = parseFlags(linkInput, { username: opts.username, sessionCookie: opts.sessionCookie });
        await withContext({ migrate: true }, async (ctx) => {
          const view = await ctx.leetcode.link(await userIdOf(ctx, opts.user), input);
          output(
            command,
            view,
            () => `Linked LeetCode ${view.username}${view.hasSessionCookie ? " with a session cookie" : ""}.`,
          );
        });
      }),
    );
  leetcode
    .command("sync")
    .description("sync now, in this process, and print the run (exit 1 when it failed)")
    .requiredOption("--user <email>", "whose LeetCode account")
    .action(
      action(async (opts: { user: string }, command: Command) => {
        await withContext({ migrate: true }, async (ctx) => {
          const run = await ctx.leetcode.sync(await userIdOf(ctx, opts.user));
          output(command, run, () => describeRun(run));
          if (run.status === "failed") process.exitCode = 1;
        });
      }),
    );
  leetcode
    .command("runs")
    .description("the latest sync runs with their counts and errors")
    .requiredOption("--user <email>", "whose runs")
    .option("--limit <n>", "how many", "10")
    .action(
      action(async (opts: { user: string; limit: string }, command: Command) => {
        const page = parseFlags(listSyncRunsInput, { limit: opts.limit });
        await withContext({}, async (ctx) => {
          const runs = await ctx.leetcode.runs(await userIdOf(ctx, opts.user), page);
          output(command, runs, () =>
            runs.items.length === 0 ? "No sync runs yet." : runs.items.map(describeRun).join("\n\n"),
          );
        });
      }),
    );
}
