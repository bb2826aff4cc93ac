// Chooses the job queue: BullMQ when REDIS_URL is set (consumed by `maang worker`), inline otherwise
// (or when JOBS_MODE=inline: tests and single-process deployments that have Redis only for the cache).
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";
import { BullJobQueue } from "./bullmq-queue.js";
import { InlineJobQueue, type JobQueue } from "./queue.js";

export function createJobQueue(settings: Settings, logger: Logger): JobQueue {
  if (settings.jobs.mode === "inline" || !settings.redis.url) return new InlineJobQueue(logger);
  return new BullJobQueue({ url: settings.redis.url, prefix: `${settings.redis.prefix}:jobs` }, settings.redis, logger);
}
