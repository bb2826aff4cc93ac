// The practice loop: the Today queue, one problem's page, and the undo actions (a rating, a plan tick).
// Finishing an item is POST /api/attempts (it ticks the plan item); undoing it is DELETE /api/attempts/:id.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { problemPageView } from "../../services/catalog/contract.js";
import { todayQueueView, undoneRating } from "../../services/training/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { idParams, noQuery, problemSlugParams, signedIn, slugParams } from "./tracking-schemas.js";

export async function todayRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/today",
    {
      ...signedIn,
      schema: {
        tags: ["today"],
        summary: "Today's queue: due reviews, this week's open plan items and new problems, each once",
        querystring: noQuery,
        response: { 200: todayQueueView, ...errorResponses },
      },
    },
    async (request) => ctx.today.todayQueue(requireUser(request).id),
  );

  app.get(
    "/problems/:slug/page",
    {
      ...signedIn,
      schema: {
        tags: ["problems"],
        summary: "One problem's page: statement and examples (when the bank has it), your attempts, note, card",
        params: slugParams,
        querystring: noQuery,
        response: { 200: problemPageView, ...errorResponses },
      },
    },
    async (request) => ctx.problemPages.problemPage(requireUser(request).id, request.params.slug),
  );

  app.post(
    "/reviews/:problemSlug/undo",
    {
      ...signedIn,
      schema: {
        tags: ["reviews"],
        summary: "Undo the card's newest rating (and the attempt it came with): the card is replayed without it",
        params: problemSlugParams,
        response: { 200: undoneRating, ...errorResponses },
      },
    },
    async (request) => ctx.tracking.undoLastRating(requireUser(request).id, request.params.problemSlug),
  );

  app.delete(
    "/plan/items/:id/done",
    {
      ...signedIn,
      schema: {
        tags: ["roadmap"],
        summary: "Reopen a plan item marked done (undo)",
        params: idParams,
        response: { 204: z.null().describe("reopened"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await ctx.today.reopenPlanItem(requireUser(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
