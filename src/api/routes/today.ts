// The practice loop: the Today queue, one problem's page, and the undo actions (a rating, a plan tick).
// Finishing an item is POST /api/attempts (it ticks the plan item); undoing it is DELETE /api/attempts/:id.
import type { AppContext } from "../../app-context.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
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
      },
    },
    async (request) => {
      const userId = requireUser(request).id;
      const undone = await ctx.tracking.undoLastRating(userId, request.params.problemSlug);
      const card = await ctx.training.card(userId, request.params.problemSlug).catch(() => null);
      return { ...undone, card };
    },
  );

  app.delete(
    "/plan/items/:id/done",
    {
      ...signedIn,
      schema: { tags: ["roadmap"], summary: "Reopen a plan item marked done (undo)", params: idParams },
    },
    async (request, reply) => {
      await ctx.today.reopenPlanItem(requireUser(request).id, request.params.id);
      return reply.status(204).send();
    },
  );
}
