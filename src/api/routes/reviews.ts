// FSRS reviews: the due queue, direct ratings, previews, one card, suspend and resume.
// Inputs and outputs are the training contract's (src/services/training/contract.ts).
import type { AppContext } from "../../app-context.js";
import {
  cardView,
  cardWithLog,
  dueQueueInput,
  dueQueueView,
  rateReviewBody,
  ratingPreviews,
} from "../../services/training/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { noQuery, problemSlugParams, signedIn } from "./tracking-schemas.js";

export async function reviewsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/reviews/due",
    {
      ...signedIn,
      schema: {
        tags: ["reviews"],
        summary: "Cards due now (least remembered first) and today's new problems within your daily limit",
        querystring: dueQueueInput,
        response: { 200: dueQueueView, ...errorResponses },
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
        response: { 200: cardWithLog, ...errorResponses },
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
        body: rateReviewBody,
        response: { 200: cardView, ...errorResponses },
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
        response: { 200: ratingPreviews, ...errorResponses },
      },
    },
    async (request) => ({ outcomes: await ctx.training.preview(requireUser(request).id, request.params.problemSlug) }),
  );

  app.post(
    "/reviews/:problemSlug/suspend",
    {
      ...signedIn,
      schema: {
        tags: ["reviews"],
        summary: "Take a card out of the due queue",
        params: problemSlugParams,
        response: { 200: cardView, ...errorResponses },
      },
    },
    async (request) => ctx.training.suspend(requireUser(request).id, request.params.problemSlug),
  );

  app.post(
    "/reviews/:problemSlug/resume",
    {
      ...signedIn,
      schema: {
        tags: ["reviews"],
        summary: "Put a suspended card back in the due queue",
        params: problemSlugParams,
        response: { 200: cardView, ...errorResponses },
      },
    },
    async (request) => ctx.training.resume(requireUser(request).id, request.params.problemSlug),
  );
}
