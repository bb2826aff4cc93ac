// The group-commit batcher (shared/batcher.ts): a lone job goes out at once, jobs that arrive while the
// batches in flight run go out together in the next one, jobs sharing a key never share a batch, and each
// job gets its own answer or error.
import { describe, expect, it } from "vitest";
import { Batcher, type Settled, settled } from "../../src/services/shared/batcher.js";

interface Job {
  id: number;
  user: string;
}

/** A batcher whose batches wait until released, recording what each batch held. */
function harness(options: { maxInFlight: number; maxBatch: number; keyed?: boolean }) {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const batcher = new Batcher<Job, string>(
    async (jobs) => {
      batches.push(jobs.map((j) => j.id));
      await new Promise<void>((r) => releases.push(r));
      return jobs.map(
        (j): Settled<string> =>
          j.id === 13 ? { ok: false, error: new Error("13 fails") } : { ok: true, value: `done ${j.id}` },
      );
    },
    { maxInFlight: options.maxInFlight, maxBatch: options.maxBatch, keys: options.keyed ? (j) => [j.user] : undefined },
  );
  const releaseAll = async () => {
    while (releases.length > 0) {
      for (const r of releases.splice(0)) r();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { batcher, batches, releaseAll };
}

describe("Batcher", () => {
  it("sends a lone job at once, alone, and batches the jobs that arrive while the batches in flight run", async () => {
    const { batcher, batches, releaseAll } = harness({ maxInFlight: 2, maxBatch: 64 });
    const first = batcher.submit({ id: 1, user: "a" });
    expect(batches).toEqual([[1]]); // no waiting for company
    const second = batcher.submit({ id: 2, user: "b" });
    expect(batches).toEqual([[1], [2]]); // a second batch may run beside the first
    const rest = [3, 4, 5, 6].map((id) => batcher.submit({ id, user: `u${id}` }));
    expect(batches).toHaveLength(2); // both slots busy: these wait
    await releaseAll();
    expect(batches).toEqual([[1], [2], [3, 4, 5, 6]]);
    expect(await Promise.all([first, second, ...rest])).toEqual([
      "done 1",
      "done 2",
      "done 3",
      "done 4",
      "done 5",
      "done 6",
    ]);
    expect(batcher.stats).toEqual({ batches: 3, batched: 4, largest: 4 });
  });

  it("never puts two jobs with the same key in one batch, and keeps each job's place in line", async () => {
    const { batcher, batches, releaseAll } = harness({ maxInFlight: 1, maxBatch: 64, keyed: true });
    const all = [
      batcher.submit({ id: 1, user: "a" }),
      batcher.submit({ id: 2, user: "a" }),
      batcher.submit({ id: 3, user: "b" }),
      batcher.submit({ id: 4, user: "a" }),
      batcher.submit({ id: 5, user: "c" }),
      batcher.submit({ id: 6, user: "b" }),
    ];
    await releaseAll();
    await Promise.all(all);
    expect(batches).toEqual([[1], [2, 3, 5], [4, 6]]);
  });

  it("caps a batch at maxBatch jobs", async () => {
    const { batcher, batches, releaseAll } = harness({ maxInFlight: 1, maxBatch: 3 });
    const all = Array.from({ length: 8 }, (_, i) => batcher.submit({ id: i + 1, user: `u${i}` }));
    await releaseAll();
    await Promise.all(all);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
  });

  it("fails only the job whose answer is an error; a batch that throws fails its own jobs, and the next batch runs", async () => {
    const { batcher, releaseAll } = harness({ maxInFlight: 1, maxBatch: 64 });
    const jobs = [12, 13, 14].map((id) => batcher.submit({ id, user: `u${id}` }).then(settledValue, settledError));
    await releaseAll();
    expect(await Promise.all(jobs)).toEqual(["done 12", "error: 13 fails", "done 14"]);

    let calls = 0;
    const throwing = new Batcher<number, number>(
      async (jobs) => {
        calls++;
        if (calls === 1) throw new Error("the database went away");
        return jobs.map((j) => ({ ok: true, value: j * 2 }));
      },
      { maxInFlight: 1, maxBatch: 64 },
    );
    const a = throwing.submit(1).then(settledValue, settledError);
    const b = throwing.submit(2).then(settledValue, settledError);
    expect(await Promise.all([a, b])).toEqual(["error: the database went away", "4"]);
  });

  it("settled() turns a promise into an answer", async () => {
    expect(await settled(async () => 3)).toEqual({ ok: true, value: 3 });
    const failed = await settled(async () => {
      throw new Error("no");
    });
    expect(failed.ok).toBe(false);
  });
});

const settledValue = (v: unknown) => String(v);
const settledError = (e: unknown) => `error: ${(e as Error).message}`;
