// Statistics, weak topics (with daily snapshots) and topic mastery.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { masteryView } from "../../services/training/contract.js";
import { MAX_HISTORY_DAYS } from "../../services/weakness-service.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { noQuery, signedIn, topicSchema } from "./tracking-schemas.js";

export async function statsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/stats",
    {
      ...signedIn,
      schema: {
        tags: ["stats"],
        summary: "Totals by difficulty and topic, coverage, streaks in your timezone, heatmap, minutes per week",
        querystring: noQuery,
      },
    },
    // the cached body as stored, without parsing and serialising it again
    async (request, reply) =>
      reply.type("application/json; charset=utf-8").send(await ctx.tracking.statsJson(requireUser(request).id)),
  );

  app.get(
    "/weaknesses",
    {
      ...signedIn,
      schema: {
        tags: ["stats"],
        summary: "Every topic scored 0–100 (weakest first) with the reason in numbers",
        querystring: noQuery,
      },
    },
    async (request) => ctx.weaknesses.weaknesses(requireUser(request).id),
  );

  app.post(
    "/weaknesses/snapshot",
    {
      ...signedIn,
      schema: { tags: ["stats"], summary: "Store today's weakness scores (one snapshot per day; replaces today's)" },
    },
    async (request, reply) => reply.status(201).send(await ctx.weaknesses.snapshot(requireUser(request).id)),
  );

  app.get(
    "/weaknesses/history",
    {
      ...signedIn,
      schema: {
        tags: ["stats"],
        summary: "Weakness snapshots over time, oldest first, for charting",
        querystring: z
          .object({
            days: z.coerce.number().int().min(1).max(MAX_HISTORY_DAYS).optional(),
            topic: topicSchema.optional(),
          })
          .strict(),
      },
    },
    async (request) => ({ snapshots: await ctx.weaknesses.history(requireUser(request).id, request.query) }),
  );

  app.get(
    "/mastery",
    {
      ...signedIn,
      schema: {
        tags: ["stats"],
        summary: "Per topic: mean recall probability × coverage",
        querystring: noQuery,
        response: { 200: masteryView, ...errorResponses },
      },
    },
    async (request) => ({ topics: await ctx.training.mastery(requireUser(request).id) }),
  );
}
