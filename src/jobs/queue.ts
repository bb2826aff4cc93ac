// Enqueue/consume primitives, no domain code. With Redis the jobs go to BullMQ and `maang worker`
// consumes them; without it they run in this process, in the background, through the same handlers.
import type { Logger } from "../config/logger.js";

/** Every job the platform knows. Handlers are wired by the entry points (src/job-handlers.ts). */
export const JOB_NAMES = [
  "embed-memories",
  "import-memories",
  "leetcode-sync",
  "send-reminders",
  "invalidate-cache",
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface EnqueueOptions {
  /** a job with the same id that is still waiting is not added twice */
  jobId?: string;
  delayMs?: number;
  /** tries before the job is marked failed (default 3, exponential backoff) */
  attempts?: number;
}

export type JobHandler = (data: unknown) => Promise<void>;

export interface JobQueue {
  readonly mode: "redis" | "inline";
  enqueue(name: JobName, data: unknown, options?: EnqueueOptions): Promise<void>;
  /** Handlers for inline mode (and for the worker in Redis mode). */
  registerHandler(name: JobName, handler: JobHandler): void;
  /** Waits until every inline job started so far has finished (CLI commands and tests use it). */
  drain(): Promise<void>;
  /** waiting + active + delayed jobs per queue, for /metrics */
  depth(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** Runs jobs in this process, in the background, with the same retries as the Redis queue. */
export class InlineJobQueue implements JobQueue {
  readonly mode = "inline" as const;
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly running = new Set<Promise<void>>();
  private readonly pending = new Map<JobName, number>();
  private readonly waitingIds = new Set<string>();
  private closed = false;

  constructor(private readonly logger: Logger) {}

  registerHandler(name: JobName, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async enqueue(name: JobName, data: unknown, options: EnqueueOptions = {}): Promise<void> {
    if (this.closed) return;
    if (options.jobId) {
      if (this.waitingIds.has(options.jobId)) return;
      this.waitingIds.add(options.jobId);
    }
    const attempts = options.attempts ?? 3;
    const run = (async () => {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      else await new Promise((r) => setImmediate(r));
      if (options.jobId) this.waitingIds.delete(options.jobId);
      const handler = this.handlers.get(name);
      if (!handler) {
        this.logger.warn({ job: name }, "no handler registered for job; dropped");
        return;
      }
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          await handler(data);
          return;
        } catch (error) {
          if (attempt === attempts) {
            this.logger.error({ err: error, job: name, attempts }, "job failed after all attempts");
            return;
          }
          await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        }
      }
    })();
    this.running.add(run);
    this.pending.set(name, (this.pending.get(name) ?? 0) + 1);
    void run.finally(() => {
      this.running.delete(run);
      this.pending.set(name, (this.pending.get(name) ?? 1) - 1);
    });
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async depth(): Promise<Record<string, number>> {
    return Object.fromEntries(JOB_NAMES.map((name) => [name, this.pending.get(name) ?? 0]));
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
  }
}
