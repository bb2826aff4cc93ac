// The consuming side of the Redis queue: one BullMQ worker per job name that has a handler.
// `maang worker` calls this after registering the handlers; it holds no domain code.
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { reconnectDelay } from "../cache/redis-connection.js";
import type { Logger } from "../config/logger.js";
import { BullJobQueue } from "./bullmq-queue.js";
import type { JobName, JobQueue } from "./queue.js";

export interface RunningWorkers {
  readonly queues: JobName[];
  /** jobs finished (completed or given up) since start, by outcome */
  readonly processed: { completed: number; failed: number };
  /** every worker is connected and consuming */
  healthy(): boolean;
  /** stops taking jobs and waits for the running ones to finish */
  close(): Promise<void>;
}

export function startWorkers(queue: JobQueue, options: { concurrency: number; logger: Logger }): RunningWorkers {
  if (!(queue instanceof BullJobQueue)) {
    throw new Error("jobs run inline inside `maang serve` when REDIS_URL is not set; a separate worker needs Redis");
  }
  const { logger, concurrency } = options;
  // Workers block on Redis, so they need their own connection that retries forever (BullMQ's requirement).
  const connection = new Redis(queue.location.url, {
    connectionName: "maang-worker",
    maxRetriesPerRequest: null,
    retryStrategy: reconnectDelay,
  });
  // One warning per Redis outage, not one per reconnect attempt of every worker.
  let redisDown = false;
  const connectionLost = (error: Error) => {
    if (redisDown) return;
    redisDown = true;
    logger.warn({ err: { message: error.message } }, "job workers lost Redis; they resume when it returns");
  };
  connection.on("error", connectionLost);
  connection.on("ready", () => {
    if (redisDown) logger.info("job workers reconnected to Redis");
    redisDown = false;
  });
  const processed = { completed: 0, failed: 0 };
  const workers = [...queue.registeredHandlers()].map(([name, handler]) => {
    const worker = new Worker(name, (job) => handler(job.data), {
      connection,
      prefix: queue.location.prefix,
      concurrency,
    });
    worker.on("completed", (job) => {
      processed.completed++;
      logger.debug({ job: name, id: job.id }, "job completed");
    });
    worker.on("failed", (job, error) => {
      const attempts = job?.opts.attempts ?? 1;
      const final = (job?.attemptsMade ?? attempts) >= attempts;
      if (final) processed.failed++;
      logger[final ? "error" : "warn"](
        { err: error, job: name, id: job?.id, attempt: job?.attemptsMade, attempts },
        final ? "job failed after all attempts" : "job failed; it will be retried",
      );
    });
    worker.on("error", (error) => {
      if (connection.status !== "ready") connectionLost(error);
      else logger.warn({ err: error, job: name }, "job worker error");
    });
    return { name, worker };
  });
  logger.info({ queues: workers.map((w) => w.name), concurrency }, "job workers started");

  return {
    queues: workers.map((w) => w.name),
    processed,
    healthy: () => connection.status === "ready" && workers.every((w) => w.worker.isRunning()),
    async close() {
      await Promise.allSettled(workers.map((w) => w.worker.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
