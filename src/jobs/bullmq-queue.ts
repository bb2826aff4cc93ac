// The Redis job queue: one BullMQ queue per job name. This side only enqueues and reports depth;
// `maang worker` consumes (startWorkers), so the API process never runs a job in Redis mode.
import type { Queue } from "bullmq";
import { Redis } from "ioredis";
import { reconnectDelay } from "../cache/redis-connection.js";
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";
import { UnavailableError } from "../errors.js";
import {
  type EnqueueOptions,
  InlineJobQueue,
  JOB_NAMES,
  type JobHandler,
  type JobName,
  type JobQueue,
} from "./queue.js";

/** Where a Redis queue lives; the worker needs the same to consume it. */
export interface RedisQueueLocation {
  url: string;
  /** BullMQ key prefix: `<REDIS_PREFIX>:jobs` */
  prefix: string;
}

export const FIRST_RETRY_DELAY_MS = 1000;

/** BullMQ is imported at the first enqueue or depth report, not at every start (≈ 90 ms of module loading). */
let bullmq: Promise<typeof import("bullmq")> | undefined;
const loadBullmq = () => {
  bullmq ??= import("bullmq");
  return bullmq;
};

export class BullJobQueue implements JobQueue {
  readonly mode = "redis" as const;
  private readonly queues = new Map<JobName, Queue>();
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly connection: Redis;
  private readonly enqueueTimeoutMs: number;
  /** Runs a job in this process when Redis cannot take it, so a queue outage never fails a request. */
  private readonly fallback: InlineJobQueue;
  private outage = false;

  constructor(
    readonly location: RedisQueueLocation,
    redis: Settings["redis"],
    private readonly logger: Logger,
  ) {
    // No offline queue: while Redis is down, an enqueue fails instead of piling up in memory.
    this.connection = new Redis(location.url, {
      connectionName: "maang-jobs",
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: reconnectDelay,
    });
    this.connection.on("error", () => {});
    this.enqueueTimeoutMs = Math.max(redis.timeoutMs * 4, 2000);
    this.fallback = new InlineJobQueue(logger);
  }

  private async queue(name: JobName): Promise<Queue> {
    let queue = this.queues.get(name);
    if (!queue) {
      const { Queue } = await loadBullmq();
      queue = this.queues.get(name); // another call may have created it while the module loaded
      if (queue) return queue;
      queue = new Queue(name, { connection: this.connection, prefix: this.location.prefix });
      queue.on("error", (error) => this.logger.debug({ err: error, queue: name }, "job queue connection error"));
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue(name: JobName, data: unknown, options: EnqueueOptions = {}): Promise<void> {
    const add = this.queue(name).then((queue) =>
      queue.add(name, data, {
        attempts: options.attempts ?? 3,
        backoff: { type: "exponential", delay: FIRST_RETRY_DELAY_MS },
        delay: options.delayMs,
        // BullMQ deduplication ignores a job while another with the same id is waiting or running.
        deduplication: options.jobId ? { id: `${name}:${options.jobId}` } : undefined,
        removeOnComplete: { age: 24 * 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UnavailableError("The background job queue (Redis) is not answering; try again in a moment.")),
        this.enqueueTimeoutMs,
      );
    });
    try {
      await Promise.race([add, timeout]);
      if (this.outage) {
        this.outage = false;
        this.logger.info("job queue (Redis) is back; jobs go to the workers again");
      }
    } catch (error) {
      if (!this.handlers.has(name)) {
        this.logger.error({ err: error, job: name }, "could not enqueue job");
        if (error instanceof UnavailableError) throw error;
        throw new UnavailableError(`The background job queue (Redis) refused the job: ${(error as Error).message}`);
      }
      if (!this.outage) {
        this.outage = true;
        this.logger.warn(
          { err: error, job: name },
          "job queue (Redis) unavailable: running jobs in this process until it returns",
        );
      }
      await this.fallback.enqueue(name, data, options);
    } finally {
      clearTimeout(timer);
    }
  }

  registerHandler(name: JobName, handler: JobHandler): void {
    this.handlers.set(name, handler);
    this.fallback.registerHandler(name, handler);
  }

  /** The handlers `maang worker` consumes with (registerJobHandlers fills them). */
  registeredHandlers(): ReadonlyMap<JobName, JobHandler> {
    return this.handlers;
  }

  /** Jobs run in `maang worker`; only jobs that fell back to this process during an outage are awaited. */
  async drain(): Promise<void> {
    await this.fallback.drain();
  }

  async depth(): Promise<Record<string, number>> {
    const depths: Record<string, number> = {};
    for (const name of JOB_NAMES) {
      const counts = await (await this.queue(name)).getJobCounts(
        "waiting",
        "active",
        "delayed",
        "prioritized",
        "paused",
      );
      depths[name] = Object.values(counts).reduce((sum, n) => sum + n, 0);
    }
    return depths;
  }

  async close(): Promise<void> {
    await this.fallback.close();
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    if (this.connection.status === "ready") await this.connection.quit().catch(() => this.connection.disconnect());
    else this.connection.disconnect();
  }
}
