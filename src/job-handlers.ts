// Which function runs each job. The inline queue (embedded mode) and `maang worker` (Redis mode) both
// register these, so a job runs the same code wherever it runs.
import type { AppContext } from "./app-context.js";
import { runInvalidateCacheJob } from "./cache/invalidation-job.js";
import type { JobQueue } from "./jobs/queue.js";
import { runImportMemoriesJob } from "./services/legacy-import/imported-memories.js";

export function registerJobHandlers(ctx: AppContext, queue: JobQueue): void {
  queue.registerHandler("invalidate-cache", (data) => runInvalidateCacheJob(ctx.cache, data));
  queue.registerHandler("embed-memories", (data) => ctx.memory.manager.runEmbedJob(data));
  queue.registerHandler("import-memories", async (data) => {
    await runImportMemoriesJob(ctx.db, queue, data);
  });
  queue.registerHandler("leetcode-sync", (data) => runLeetCodeSyncJob(ctx, data));
  queue.registerHandler("send-reminders", async () => {
    await dueReminderSweep(ctx);
  });
}

/**
 * Sends due interview reminders (exactly once each, even with several workers) and expires overdue mock
 * interview sessions. `maang worker` calls it every REMINDER_POLL_SECONDS; so does `maang serve` in
 * embedded mode (`startReminderSweep`).
 */
export async function dueReminderSweep(ctx: AppContext) {
  const reminders = await ctx.notifications.sendDueReminders();
  const expiredSessions = await ctx.interviews.expireOverdue();
  return { ...reminders, expiredSessions };
}

/** Runs the sweep on an interval; returns the function that stops it. The timer never keeps the process alive. */
export function startReminderSweep(ctx: AppContext): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    dueReminderSweep(ctx)
      .catch((error) => ctx.logger.warn({ err: error }, "reminder sweep failed"))
      .finally(() => {
        running = false;
      });
  }, ctx.settings.jobs.reminderPollSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/** `{ userId }`: one LeetCode sync. The outcome (also a failure) is its sync_runs row, so the job never
 * throws for LeetCode's answers: retrying an expired cookie would only record the same failure again. */
export async function runLeetCodeSyncJob(ctx: AppContext, data: unknown): Promise<void> {
  const { userId } = (data ?? {}) as { userId?: unknown };
  if (typeof userId !== "number" || !Number.isInteger(userId))
    throw new Error(`leetcode-sync: bad job data ${JSON.stringify(data)}`);
  await ctx.leetcode.sync(userId);
}
