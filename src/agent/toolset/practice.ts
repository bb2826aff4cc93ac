// Tools over tracking, training and the catalogue: log and list attempts, stats, due reviews, rating a
// review, searching problems. Each is one call into the service for the acting user.
import { z } from "zod";
import { DIFFICULTIES, OUTCOMES, RATINGS, type RatingName } from "../../config/constants.js";
import type { CatalogService } from "../../services/catalog-service.js";
import type { Stats, TrackingService } from "../../services/tracking-service.js";
import type { TrainingService } from "../../services/training-service.js";
import { type AgentTool, defineTool } from "../tools.js";

export interface PracticeServices {
  catalog: CatalogService;
  tracking: TrackingService;
  training: TrainingService;
}

const RATING_NAMES = Object.keys(RATINGS) as [RatingName, ...RatingName[]];
const slug = z.string().trim().min(1).max(200).describe("the problem's slug, e.g. two-sum");
const isoDate = z.iso.datetime({ offset: true });
const page = {
  limit: z.number().int().min(1).max(100).optional().describe("how many to return (default 20)"),
  offset: z.number().int().min(0).optional().describe("how many to skip, for paging"),
};

/** Stats without the 365-day heatmap (only its last 14 days), which would flood a model's context. */
export function compactStats(stats: Stats): Omit<Stats, "heatmap"> & { lastTwoWeeks: Record<string, number> } {
  const { heatmap, ...rest } = stats;
  const days = Object.keys(heatmap).sort().slice(-14);
  return { ...rest, lastTwoWeeks: Object.fromEntries(days.map((d) => [d, heatmap[d]])) };
}

export function practiceTools(services: PracticeServices): AgentTool[] {
  const { catalog, tracking, training } = services;
  return [
    defineTool({
      name: "log_attempt",
      title: "Log an attempt",
      description:
        "Record that the user attempted a problem (solved, failed or gave up), with optional minutes, language, notes, rating and date. Updates the problem's review schedule.",
      readOnly: false,
      input: z
        .object({
          problem: slug,
          outcome: z.enum(OUTCOMES),
          minutes: z.number().int().min(0).max(1440).optional(),
          language: z.string().max(40).optional(),
          notes: z.string().max(10_000).optional(),
          rating: z
            .enum(RATING_NAMES)
            .optional()
            .describe("how hard recalling it was; derived from outcome and time if omitted"),
          attemptedAt: isoDate.optional().describe("when, ISO 8601 with offset; default now"),
        })
        .strict(),
      run: ({ id: userId }, input) =>
        tracking.logAttempt(userId, {
          ...input,
          attemptedAt: input.attemptedAt ? new Date(input.attemptedAt) : undefined,
        }),
    }),
    defineTool({
      name: "list_attempts",
      title: "List attempts",
      description: "The user's attempts, newest first, optionally filtered by problem, topic, outcome or date range.",
      readOnly: true,
      input: z
        .object({
          problem: slug.optional(),
          topic: z.string().optional().describe("topic id, e.g. dp_1d"),
          outcome: z.enum(OUTCOMES).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          ...page,
        })
        .strict(),
      run: ({ id: userId }, { from, to, limit, ...filter }) =>
        tracking.listAttempts(userId, {
          ...filter,
          limit: limit ?? 20,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
        }),
    }),
    defineTool({
      name: "get_stats",
      title: "Progress statistics",
      description:
        "Totals by difficulty and topic, catalogue coverage, current and longest streak, minutes per week and the last two weeks of activity.",
      readOnly: true,
      input: z.object({}).strict(),
      run: async ({ id: userId }) => compactStats(await tracking.stats(userId)),
    }),
    defineTool({
      name: "get_due_reviews",
      title: "Reviews due",
      description:
        "Problems due for spaced-repetition review now, most likely forgotten first (with recall probability), and today's new problems within the daily limit.",
      readOnly: true,
      input: z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(),
      run: ({ id: userId }, { limit }) => training.dueQueue(userId, { limit: limit ?? 20 }),
    }),
    defineTool({
      name: "rate_review",
      title: "Rate a review",
      description:
        "Record a review of a problem with a rating (again, hard, good, easy) and return when it is due next.",
      readOnly: false,
      input: z
        .object({
          problem: slug,
          rating: z.enum(RATING_NAMES),
          minutes: z.number().min(0).max(1440).optional().describe("time the review took"),
        })
        .strict(),
      run: ({ id: userId }, { problem, rating, minutes }) =>
        training.rate(userId, problem, rating, minutes === undefined ? undefined : Math.round(minutes * 60_000)),
    }),
    defineTool({
      name: "search_problems",
      title: "Search problems",
      description:
        "Search the problem catalogue (and the user's custom problems) by text, topic, difficulty or the user's status (solved, attempted, new).",
      readOnly: true,
      input: z
        .object({
          q: z.string().max(200).optional().describe("words of the title or slug"),
          topic: z.string().optional().describe("topic id, e.g. graphs"),
          difficulty: z.enum(DIFFICULTIES).optional(),
          status: z.enum(["solved", "attempted", "new"]).optional(),
          ...page,
        })
        .strict(),
      run: ({ id: userId }, { limit, ...search }) => catalog.search(userId, { ...search, limit: limit ?? 20 }),
    }),
  ];
}
