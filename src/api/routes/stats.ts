// Statistics, weak topics (with daily snapshots) and topic mastery. Inputs and outputs are the weaknesses
// contract's (src/services/weaknesses/contract.ts) and, for mastery, the training contract's.
import type { AppContext } from "../../app-context.js";
import { masteryView } from "../../services/training/contract.js";
import {
  type StatsView,
  snapshotView,
  statsView,
  weaknessHistoryInput,
  weaknessHistoryView,
  weaknessReportView,
} from "../../services/weaknesses/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { noQuery, signedIn } from "./tracking-schemas.js";

export async function statsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/stats",
    {
      ...signedIn,
      schema: {
        tags: ["stats"],
        summary: "Totals by difficulty and topic, coverage, streaks in your timezone, heatmap, minutes per week",
        querystring: noQuery,
        response: { 200: statsView, ...errorResponses },
      },
    },
    // The cached body as stored, without parsing and serialising it again: Fastify sends a string as is, so
    // here the response schema documents the body (contract-parity-features.test.ts checks the two agree).
    // A body this process holds is sent without a promise; otherwise the cache (and the database) is asked.
    (request, reply) => {
      reply.type("application/json; charset=utf-8");
      const body = ctx.tracking.statsBody(requireUser(request).id);
      if (typeof body === "string") {
        reply.send(body as unknown as StatsView);
        return;
      }
      return body.then((json) => {
        reply.send(json as unknown as StatsView);
      });
    },
  );

  app.get(
    "/weaknesses",
    {
      ...signedIn,
      schema: {
        tags: ["stats"],
        summary: "Every topic scored 0–100 (weakest first) with the reason in numbers",
        querystring: noQuery,
        response: { 200: weaknessReportView, ...errorResponses },
      },
    },
    async (request) => ctx.weaknesses.weaknesses(requireUser(request).id),
  );

  app.post(
    "/weaknesses/snapshot",
    {
      ...signedIn,
      schema: {
        tags: ["stats"],
        summary: "Store today's weakness scores (one snapshot per day; replaces today's)",
        response: { 201: snapshotView, ...errorResponses },
      },
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
        querystring: weaknessHistoryInput,
        response: { 200: weaknessHistoryView, ...errorResponses },
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
