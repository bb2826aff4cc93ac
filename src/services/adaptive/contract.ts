// The adaptive-practice use cases' inputs and outputs, once: the REST routes, the MCP tools and the CLI
// import these schemas and limits.
import { z } from "zod";
import { MAX_TOPIC_ID_LENGTH } from "../accounts/contract.js";

export const DEFAULT_RECOMMENDATIONS = 5;
export const MAX_RECOMMENDATIONS = 50;

export const recommendationQuery = z
  .object({
    topic: z
      .string()
      .trim()
      .min(1)
      .max(MAX_TOPIC_ID_LENGTH)
      .optional()
      .describe("a roadmap topic id, e.g. arrays or graphs"),
    limit: z.coerce.number().int().min(1).max(MAX_RECOMMENDATIONS).optional(),
  })
  .strict();
export type RecommendationQuery = z.output<typeof recommendationQuery>;

export const recommendationSchema = z.object({
  problemSlug: z.string(),
  title: z.string(),
  /** null in blind mode */
  rating: z.number().nullable(),
  successProbability: z.number(),
  reason: z.string(),
  /** null / empty in blind mode */
  difficulty: z.string().nullable(),
  topics: z.array(z.string()),
  url: z.string().nullable(),
});
export type Recommendation = z.output<typeof recommendationSchema>;

export const skillSchema = z.object({
  topic: z.string(),
  name: z.string(),
  rating: z.number(),
  deviation: z.number(),
  attempts: z.number(),
});

export const patternGuessBody = z
  .object({
    pattern: z.string().trim().min(1).max(MAX_TOPIC_ID_LENGTH).describe("the topic id you think the problem is about"),
  })
  .strict();

export const patternGuessResult = z.object({
  pattern: z.string(),
  matched: z.boolean(),
  topics: z.array(z.string()).describe("the question's topics, revealed once the guess is in"),
  skill: skillSchema.describe("your pattern-recognition skill after the guess"),
});
