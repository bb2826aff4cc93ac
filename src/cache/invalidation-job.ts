// The `invalidate-cache` job: drops cache keys and tags from the background (e.g. after a bulk import
// finishes in the worker, or to expire a user's entries after a delay), wherever the job runs.
import { z } from "zod";
import type { Cache } from "./cache.js";

export const invalidateCacheJob = z
  .object({ keys: z.array(z.string().min(1)).default([]), tags: z.array(z.string().min(1)).default([]) })
  .strict();

export type InvalidateCacheJob = z.input<typeof invalidateCacheJob>;

export async function runInvalidateCacheJob(cache: Cache, data: unknown): Promise<void> {
  const job = invalidateCacheJob.parse(data);
  if (job.keys.length > 0) await cache.delete(...job.keys);
  if (job.tags.length > 0) await cache.invalidateTags(...job.tags);
}
