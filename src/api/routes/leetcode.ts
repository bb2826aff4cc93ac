// Linking a LeetCode account (username, optionally the LEETCODE_SESSION cookie, stored encrypted) and
// syncing its accepted submissions: POST /sync queues the leetcode-sync job, GET /sync lists the runs.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { recordIdParams } from "../../config/input-limits.js";
import { BadRequestError } from "../../errors.js";
import { pageLimitSchema, pageOffsetSchema } from "../../services/shared/pagination.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";

const signedIn = {
  preValidation: async (request: FastifyRequest) => {
    requireUser(request);
  },
};

export async function leetcodeRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/leetcode",
    { ...signedIn, schema: { tags: ["leetcode"], summary: "Your LeetCode link and the last sync" } },
    async (request) => ctx.leetcode.status(requireUser(request).id),
  );

  app.put(
    "/leetcode/link",
    {
      ...signedIn,
      schema: {
        tags: ["leetcode"],
        summary:
          "Link a LeetCode username; with the LEETCODE_SESSION cookie the whole accepted history is synced, without it the 20 most recent",
        body: z
          .object({
            username: z.string().trim().min(1, "is required").max(64),
            sessionCookie: z
              .string()
              .trim()
              .min(20, "looks too short for a LEETCODE_SESSION cookie")
              .max(8192)
              .nullish(),
          })
          .strict(),
      },
    },
    async (request) => ctx.leetcode.link(requireUser(request).id, request.body),
  );

  app.delete(
    "/leetcode/link",
    { ...signedIn, schema: { tags: ["leetcode"], summary: "Unlink LeetCode (imported attempts stay)" } },
    async (request, reply) => {
      await ctx.leetcode.unlink(requireUser(request).id);
      return reply.status(204).send();
    },
  );

  app.post(
    "/leetcode/sync",
    { ...signedIn, schema: { tags: ["leetcode"], summary: "Sync now: queues a leetcode-sync job" } },
    async (request, reply) => {
      const userId = requireUser(request).id;
      const status = await ctx.leetcode.status(userId);
      if (!status.linked) throw new BadRequestError("Link a LeetCode username first (PUT /api/leetcode/link).");
      await ctx.jobs.enqueue("leetcode-sync", { userId }, { jobId: `leetcode-sync-${userId}`, attempts: 1 });
      return reply.status(202).send({ queued: true, queue: ctx.jobs.mode });
    },
  );

  app.get(
    "/leetcode/sync",
    {
      ...signedIn,
      schema: {
        tags: ["leetcode"],
        summary: "Your sync runs, newest first, with counts and errors",
        querystring: z
          .object({
            limit: pageLimitSchema.default(20),
            offset: pageOffsetSchema.default(0),
          })
          .strict(),
      },
    },
    async (request) => ctx.leetcode.runs(requireUser(request).id, request.query),
  );

  app.get(
    "/leetcode/sync/:id",
    {
      ...signedIn,
      schema: {
        tags: ["leetcode"],
        summary: "One sync run",
        params: recordIdParams,
      },
    },
    async (request) => ctx.leetcode.run(requireUser(request).id, request.params.id),
  );
}
