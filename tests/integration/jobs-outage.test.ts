import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { settingsFrom } from "../../src/config/settings.js";
import { BullJobQueue } from "../../src/jobs/bullmq-queue.js";
import { freePort } from "../helpers/process.js";

// A Redis that does not answer: the port is free, nothing listens on it.
const port = await freePort();
const logged: string[] = [];
const logger = pino({ level: "warn" }, { write: (line: string) => void logged.push(line) });
const queue = new BullJobQueue(
  { url: `redis://127.0.0.1:${port}`, prefix: "maang-outage-test" },
  settingsFrom({ REDIS_TIMEOUT_MS: "100" }).redis,
  logger,
);
afterAll(() => queue.close());

describe("job queue while Redis is down", () => {
  it("runs a job in this process instead of failing the request, and warns once", async () => {
    const seen: unknown[] = [];
    queue.registerHandler("embed-memories", async (data) => {
      seen.push(data);
    });
    await queue.enqueue("embed-memories", { memoryIds: [1] });
    await queue.enqueue("embed-memories", { memoryIds: [2] });
    await queue.drain();
    expect(seen).toEqual([{ memoryIds: [1] }, { memoryIds: [2] }]);
    expect(logged.filter((l) => l.includes("running jobs in this process"))).toHaveLength(1);
  });

  it("still says so when no handler could run the job here", async () => {
    await expect(queue.enqueue("leetcode-sync", { userId: 1 })).rejects.toThrow(/job queue \(Redis\)/);
  });
});
