// Tools over weaknesses, the roadmap and the study plan.
import { z } from "zod";
import { generatePlanInput, TOOL_PLAN_ITEMS } from "../../services/roadmap/contract.js";
import type { RoadmapService } from "../../services/roadmap/roadmap-service.js";
import { pageLimitSchema } from "../../services/shared/pagination.js";
import { DEFAULT_TOOL_WEAKNESSES, weaknessesToolInput } from "../../services/weaknesses/contract.js";
import type { WeaknessService } from "../../services/weaknesses/weakness-service.js";
import { type AgentTool, defineTool } from "../tools.js";

export interface ProgressServices {
  weaknesses: WeaknessService;
  roadmap: RoadmapService;
}

export function progressTools(services: ProgressServices): AgentTool[] {
  const { weaknesses, roadmap } = services;
  return [
    defineTool({
      name: "get_weaknesses",
      title: "Weak topics",
      description:
        "The user's weak topics — those practised at least once — scored 0-100 from evidence (failure rate, low mastery, slow solves, coverage gap, staleness), weakest first, each with a severity and a sentence that says why. Empty before any attempt: a topic never tried is a gap, not a measured weakness.",
      readOnly: true,
      input: weaknessesToolInput,
      run: async ({ id }, { limit }) => {
        const report = await weaknesses.weaknesses(id);
        return {
          generatedAt: report.generatedAt,
          topics: report.weakest
            .slice(0, limit ?? DEFAULT_TOOL_WEAKNESSES)
            .map(({ components: _components, ...topic }) => topic),
        };
      },
    }),
    defineTool({
      name: "get_roadmap",
      title: "Roadmap",
      description:
        "The 18-topic prerequisite roadmap with the user's progress per topic (solved/total, mastery), which topics are unlocked, and the focus topic.",
      readOnly: true,
      input: z.object({}).strict(),
      run: ({ id }) => roadmap.roadmap(id),
    }),
    defineTool({
      name: "get_study_plan",
      title: "Study plan",
      description:
        "The user's current weekly study plan (reviews, new problems, topics per week within their weekly hours). With generate=true a new plan is built first (optionally for N weeks or H hours a week).",
      readOnly: false,
      input: z
        .object({
          generate: z.boolean().optional().describe("build a new plan first"),
          ...generatePlanInput.shape,
          limit: pageLimitSchema.optional().describe(`plan items to return (default ${TOOL_PLAN_ITEMS})`),
        })
        .strict(),
      run: async ({ id }, { generate, weeks, weeklyHours, limit }) => {
        if (generate) await roadmap.generatePlan(id, { weeks, weeklyHours });
        return roadmap.currentPlan(id, { limit: limit ?? TOOL_PLAN_ITEMS });
      },
    }),
  ];
}
