// Tools over adaptive practice: problems at the right difficulty, and the skill estimates behind them.
import { z } from "zod";
import { recommendationQuery } from "../../services/adaptive/contract.js";
import type { RecommendationService } from "../../services/adaptive/recommendations.js";
import type { SkillService } from "../../services/adaptive/skill-estimates.js";
import { type AgentTool, defineTool } from "../tools.js";

export interface AdaptiveToolServices {
  recommendations: RecommendationService;
  skills: SkillService;
}

export function adaptiveTools(services: AdaptiveToolServices): AgentTool[] {
  const { recommendations, skills } = services;
  return [
    defineTool({
      name: "recommend_problems",
      title: "Recommend problems",
      description:
        "Never-solved problems the user is predicted to solve about 60-75 % of the time (the productive band), focus and weakest topics first, each with its rating, the predicted success probability and a reason with the numbers. Optional topic (a roadmap topic id such as arrays or graphs) and limit. In blind mode ratings and topics are withheld.",
      readOnly: true,
      input: recommendationQuery,
      run: ({ id }, input) => recommendations.recommend(id, input),
    }),
    defineTool({
      name: "get_skills",
      title: "Skill estimates",
      description:
        "The user's skill rating and its uncertainty (±) per roadmap topic, overall (global) and at pattern recognition, on the LeetCode contest scale (a problem rated the same as the skill is solved half the time).",
      readOnly: true,
      input: z.object({}).strict(),
      run: ({ id }) => skills.list(id),
    }),
  ];
}
