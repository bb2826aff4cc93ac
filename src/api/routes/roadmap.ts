// The topic roadmap, the focus topic and weekly study plans. Inputs and outputs are the roadmap contract's
// (src/services/roadmap/contract.ts).
import type { AppContext } from "../../app-context.js";
import {
  focusInput,
  generatePlanInput,
  planItemView,
  planPageInput,
  planView,
  roadmapView,
} from "../../services/roadmap/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { idParams, noQuery, signedIn } from "./tracking-schemas.js";

export async function roadmapRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/roadmap",
    {
      ...signedIn,
      schema: {
        tags: ["roadmap"],
        summary: "The 18 topics with prerequisites, your progress and what is unlocked",
        querystring: noQuery,
        response: { 200: roadmapView, ...errorResponses },
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
        body: focusInput,
        response: { 200: roadmapView, ...errorResponses },
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
        body: generatePlanInput.optional(),
        response: { 201: planView, ...errorResponses },
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
        querystring: planPageInput,
        response: { 200: planView, ...errorResponses },
      },
    },
    async (request) => ctx.roadmap.currentPlan(requireUser(request).id, request.query),
  );

  app.post(
    "/plan/items/:id/done",
    {
      ...signedIn,
      schema: {
        tags: ["roadmap"],
        summary: "Mark a plan item done",
        params: idParams,
        response: { 200: planItemView, ...errorResponses },
      },
    },
    async (request) => ctx.roadmap.markItemDone(requireUser(request).id, request.params.id),
  );
}
