// Which function runs each job. The inline queue (embedded mode) and `maang worker` (Redis mode) both
// register these, so a job runs the same code wherever it runs.
import type { AppContext } from "./app-context.js";
import { runInvalidateCacheJob } from "./cache/invalidation-job.js";
import type { JobQueue } from "./jobs/queue.js";

export function registerJobHandlers(ctx: AppContext, queue: JobQueue): void {
  queue.registerHandler("invalidate-cache", (data) => runInvalidateCacheJob(ctx.cache, data));
  queue.registerHandler("embed-memories", (data) => ctx.memory.manager.runEmbedJob(data));
}
