// FSRS reviews: the due queue, direct ratings, previews, one card, suspend and resume.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { pageLimitSchema } from "../../services/shared/pagination.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { noQuery, problemSlugParams, ratingSchema, signedIn } from "./tracking-schemas.js";

export async function reviewsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/reviews/due",
    {
      ...signedIn,
      schema: {
        tags: ["reviews"],
        summary: "Cards due now (least remembered first) and today's new problems within your daily limit",
        querystring: z.object({ limit: pageLimitSchema.optional() }).strict(),
      },
    },
    async (request) => ctx.training.dueQueue(requireUser(request).id, request.query),
  );

  app.get(
    "/reviews/:problemSlug",
    {
      ...signedIn,
      schema: {
        tags: ["reviews"],
        summary: "Your review card for a problem, with its log",
        params: problemSlugParams,
        querystring: noQuery,
      },
    },
    async (request) => ctx.training.card(requireUser(request).id, request.params.problemSlug),
  );

  app.post(
    "/reviews/:problemSlug/rate",
    {
      ...signedIn,
      schema: {
        tags: ["reviews"],
        summary: "Rate a review (again, hard, good, easy) and get the next due date",
        params: problemSlugParams,
        body: z
          .object({ rating: ratingSchema, durationMs: z.number().int().min(0).max(86_400_000).optional() })
          .strict(),
      },
    },
    async (request) =>
      ctx.training.rate(
        requireUser(request).id,
        request.params.problemSlug,
        request.body.rating,
        request.body.durationMs,
      ),
  );

  app.get(
    "/reviews/:problemSlug/preview",
    {
      ...signedIn,
      schema: {
        tags: ["reviews"],
        summary: "What each of the four ratings would schedule now",
        querystring: noQuery,
        params: problemSlugParams,
      },
    },
    async (request) => ({ outcomes: await ctx.training.preview(requireUser(request).id, request.params.problemSlug) }),
  );

  app.post(
    "/reviews/:problemSlug/suspend",
    {
      ...signedIn,
      schema: { tags: ["reviews"], summary: "Take a card out of the due queue", params: problemSlugParams },
    },
    async (request) => ctx.training.suspend(requireUser(request).id, request.params.problemSlug),
  );

  app.post(
    "/reviews/:problemSlug/resume",
    {
      ...signedIn,
      schema: { tags: ["reviews"], summary: "Put a suspended card back in the due queue", params: problemSlugParams },
    },
    async (request) => ctx.training.resume(requireUser(request).id, request.params.problemSlug),
  );
}
