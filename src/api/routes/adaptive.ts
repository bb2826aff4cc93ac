// Adaptive practice: the learner's skill per topic, recommendations at the right difficulty, and the
// "which pattern?" answer of a blind interview. Inputs and outputs are the adaptive contract's.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import {
  patternGuessBody,
  patternGuessResult,
  recommendationQuery,
  recommendationSchema,
  skillSchema,
} from "../../services/adaptive/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { idParams, noQuery, signedIn } from "./tracking-schemas.js";

export async function adaptiveRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/skills",
    {
      ...signedIn,
      schema: {
        tags: ["adaptive"],
        summary: "Your skill rating ± uncertainty per roadmap topic, overall (global) and at pattern recognition",
        querystring: noQuery,
        response: { 200: z.array(skillSchema), ...errorResponses },
      },
    },
    async (request) => ctx.skills.list(requireUser(request).id),
  );

  app.get(
    "/recommendations",
    {
      ...signedIn,
      schema: {
        tags: ["adaptive"],
        summary: "Never-solved problems you are predicted to solve 60–75 % of the time, focus and weak topics first",
        querystring: recommendationQuery,
        response: { 200: z.array(recommendationSchema), ...errorResponses },
      },
    },
    async (request) => ctx.recommendations.recommend(requireUser(request).id, request.query),
  );

  app.post(
    "/interviews/sessions/:id/pattern",
    {
      ...signedIn,
      schema: {
        tags: ["adaptive"],
        summary: "Before coding: name the pattern (a topic id); whether it matched is scored as pattern recognition",
        params: idParams,
        body: patternGuessBody,
        response: { 200: patternGuessResult, ...errorResponses },
      },
    },
    async (request) => ctx.patterns.guess(requireUser(request).id, request.params.id, request.body.pattern),
  );
}
