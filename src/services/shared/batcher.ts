// Group commit for statements: jobs that arrive while the database is busy go out together as one batch.
//
// At most `maxInFlight` batches run at once. A job submitted while fewer run goes out at once (alone, when
// nothing else waits: no added latency at low load); one submitted while they all run waits for the next
// batch, which takes every waiting job (up to `maxBatch`) whose keys no job already in it holds. So batches
// grow with the load, and each pays a statement's fixed costs (its round trip, executor start, commit) once.
// `run` answers each job of a batch on its own (one job's failure is that job's, not its batch's).

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<J, R> {
  job: J;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions<J> {
  maxInFlight: number;
  maxBatch: number;
  /** jobs sharing a key never go in one batch (the later one waits for a following batch) */
  keys?: (job: J) => readonly string[];
}

export interface BatcherStats {
  /** batches run, of any size */
  batches: number;
  /** jobs run in batches of more than one */
  batched: number;
  /** the largest batch so far */
  largest: number;
}

export class Batcher<J, R> {
  private readonly waiting: Waiting<J, R>[] = [];
  private inFlight = 0;
  readonly stats: BatcherStats = { batches: 0, batched: 0, largest: 0 };

  constructor(
    private readonly run: (jobs: J[]) => Promise<Settled<R>[]>,
    private readonly options: BatcherOptions<J>,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.take();
      this.inFlight++;
      this.stats.batches++;
      if (batch.length > 1) this.stats.batched += batch.length;
      this.stats.largest = Math.max(this.stats.largest, batch.length);
      void this.settle(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The oldest waiting jobs whose keys are free in the batch; the others keep their place in line. */
  private take(): Waiting<J, R>[] {
    const held = new Set<string>();
    const batch: Waiting<J, R>[] = [];
    const left: Waiting<J, R>[] = [];
    for (const w of this.waiting) {
      const keys = this.options.keys?.(w.job) ?? [];
      if (batch.length < this.options.maxBatch && !keys.some((k) => held.has(k))) {
        for (const k of keys) held.add(k);
        batch.push(w);
      } else left.push(w);
    }
    this.waiting.splice(0, this.waiting.length, ...left);
    return batch;
  }

  private async settle(batch: Waiting<J, R>[]): Promise<void> {
    let results: Settled<R>[];
    try {
      results = await this.run(batch.map((w) => w.job));
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${results.length}`);
    } catch (error) {
      results = batch.map(() => ({ ok: false, error }));
    }
    for (const [k, w] of batch.entries()) {
      const result = results[k] as Settled<R>;
      if (result.ok) w.resolve(result.value);
      else w.reject(result.error);
    }
  }
}

/** Runs a promise-returning function and settles it: the per-job answer of a batch. */
export async function settled<R>(run: () => Promise<R>): Promise<Settled<R>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}
