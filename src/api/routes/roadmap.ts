// The topic roadmap, the focus topic and weekly study plans.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { MAX_PLAN_WEEKS } from "../../services/roadmap-service.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { idParams, noQuery, pagination, signedIn, topicSchema } from "./tracking-schemas.js";

export async function roadmapRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/roadmap",
    {
      ...signedIn,
      schema: {
        tags: ["roadmap"],
        summary: "The 18 topics with prerequisites, your progress and what is unlocked",
        querystring: noQuery,
      },
    },
    async (request) => ctx.roadmap.roadmap(requireUser(request).id),
  );

  app.put(
    "/roadmap/focus",
    {
      ...signedIn,
      schema: {
        tags: ["roadmap"],
        summary: "Choose the topic to focus on (null to clear it)",
        body: z.object({ topic: topicSchema.nullable() }).strict(),
      },
    },
    async (request) => ctx.roadmap.setFocus(requireUser(request).id, request.body.topic),
  );

  app.post(
    "/plan",
    {
      ...signedIn,
      schema: {
        tags: ["roadmap"],
        summary: "Build a weekly plan up to your interview date (or N weeks) that fits your weekly hours",
        body: z
          .object({
            weeks: z.number().int().min(1).max(MAX_PLAN_WEEKS).optional(),
            weeklyHours: z.number().positive().max(100).optional(),
          })
          .strict()
          .optional(),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await ctx.roadmap.generatePlan(requireUser(request).id, request.body ?? {})),
  );

  app.get(
    "/plan",
    {
      ...signedIn,
      schema: {
        tags: ["roadmap"],
        summary: "Your current (newest) plan with its items",
        querystring: z
          .object({ limit: z.coerce.number().int().min(1).max(1000).optional(), offset: pagination.offset })
          .strict(),
      },
    },
    async (request) => ctx.roadmap.currentPlan(requireUser(request).id, request.query),
  );

  app.post(
    "/plan/items/:id/done",
    { ...signedIn, schema: { tags: ["roadmap"], summary: "Mark a plan item done", params: idParams } },
    async (request) => ctx.roadmap.markItemDone(requireUser(request).id, request.params.id),
  );
}
