// Tools over tracking, training and the catalogue: log and list attempts, stats, due reviews, rating a
// review, searching problems. Each is one call into the service for the acting user.
import { z } from "zod";
import type { CatalogService } from "../../services/catalog/catalog-service.js";
import { searchProblemsInput } from "../../services/catalog/contract.js";
import { listAttemptsInput, logAttemptInput } from "../../services/tracking/contract.js";
import type { Stats, TrackingService } from "../../services/tracking/tracking-service.js";
import { dueQueueInput, rateReviewInput } from "../../services/training/contract.js";
import type { TrainingService } from "../../services/training/training-service.js";
import { type AgentTool, defineTool } from "../tools.js";

export interface PracticeServices {
  catalog: CatalogService;
  tracking: TrackingService;
  training: TrainingService;
}

/** A model's context is small: lists a tool returns default to a short page. */
const TOOL_PAGE_SIZE = 20;

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
      input: logAttemptInput,
      run: ({ id: userId }, input) => tracking.logAttempt(userId, input),
    }),
    defineTool({
      name: "list_attempts",
      title: "List attempts",
      description: "The user's attempts, newest first, optionally filtered by problem, topic, outcome or date range.",
      readOnly: true,
      input: listAttemptsInput,
      run: ({ id: userId }, { limit, ...filter }) =>
        tracking.listAttempts(userId, { ...filter, limit: limit ?? TOOL_PAGE_SIZE }),
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
      input: dueQueueInput,
      run: ({ id: userId }, { limit }) => training.dueQueue(userId, { limit: limit ?? TOOL_PAGE_SIZE }),
    }),
    defineTool({
      name: "rate_review",
      title: "Rate a review",
      description:
        "Record a review of a problem with a rating (again, hard, good, easy) and return when it is due next.",
      readOnly: false,
      input: rateReviewInput,
      run: ({ id: userId }, { problem, rating, minutes }) =>
        training.rate(userId, problem, rating, minutes === undefined ? undefined : Math.round(minutes * 60_000)),
    }),
    defineTool({
      name: "search_problems",
      title: "Search problems",
      description:
        "Search the problem catalogue (and the user's custom problems) by text, topic, difficulty or the user's status (solved, attempted, new).",
      readOnly: true,
      input: searchProblemsInput,
      run: ({ id: userId }, { limit, ...search }) =>
        catalog.search(userId, { ...search, limit: limit ?? TOOL_PAGE_SIZE }),
    }),
  ];
}
