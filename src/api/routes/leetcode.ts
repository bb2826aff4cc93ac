// Linking a LeetCode account (username, optionally the LEETCODE_SESSION cookie, stored encrypted) and
// syncing its accepted submissions: POST /sync queues the leetcode-sync job, GET /sync lists the runs.
// Inputs and outputs are the LeetCode contract's (src/services/leetcode/contract.ts), which the
// sync_leetcode tool and the CLI parse with too; the rules (linked first, one queued sync) are the service's.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import {
  linkInput,
  linkView,
  listSyncRunsInput,
  syncQueued,
  syncRunIdInput,
  syncRunPage,
  syncRunView,
} from "../../services/leetcode/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { noQuery, signedIn } from "./tracking-schemas.js";

export async function leetcodeRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ["leetcode"];

  app.get(
    "/leetcode",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Your LeetCode link and the last sync",
        querystring: noQuery,
        response: { 200: linkView, ...errorResponses },
      },
    },
    async (request) => ctx.leetcode.status(requireUser(request).id),
  );

  app.put(
    "/leetcode/link",
    {
      ...signedIn,
      schema: {
        tags,
        summary:
          "Link a LeetCode username; with the LEETCODE_SESSION cookie the whole accepted history is synced, without it the 20 most recent",
        body: linkInput,
        response: { 200: linkView, ...errorResponses },
      },
    },
    async (request) => ctx.leetcode.link(requireUser(request).id, request.body),
  );

  app.delete(
    "/leetcode/link",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Unlink LeetCode (imported attempts stay)",
        response: { 204: z.null().describe("unlinked"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await ctx.leetcode.unlink(requireUser(request).id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/leetcode/sync",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Sync now: queues a leetcode-sync job (400 when no account is linked)",
        response: { 202: syncQueued, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(202).send(await ctx.leetcode.requestSync(requireUser(request).id)),
  );

  app.get(
    "/leetcode/sync",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Your sync runs, newest first, with counts and errors",
        querystring: listSyncRunsInput,
        response: { 200: syncRunPage, ...errorResponses },
      },
    },
    async (request) => ctx.leetcode.runs(requireUser(request).id, request.query),
  );

  app.get(
    "/leetcode/sync/:id",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "One sync run",
        params: syncRunIdInput,
        response: { 200: syncRunView, ...errorResponses },
      },
    },
    async (request) => ctx.leetcode.run(requireUser(request).id, request.params.id),
  );
}
