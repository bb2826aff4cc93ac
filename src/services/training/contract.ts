// The training use cases' contract, written once: the due queue, rating a review directly, previews, one
// card, suspend/resume, undoing a rating, topic mastery and the Today queue — what they accept, what they
// return (dates as ISO strings) and their limits. The REST routes and the MCP/mentor tools parse with these.
import { z } from "zod";
import { pageLimitSchema } from "../shared/pagination.js";
import { MAX_MINUTES, ratingSchema, slugSchema } from "../tracking/contract.js";

/** A review's own duration: at most the longest attempt (a day). */
export const MAX_REVIEW_DURATION_MS = MAX_MINUTES * 60_000;
/** Reviews the due queue returns when the caller names no page size (a day's worth). */
export const DEFAULT_DUE_REVIEWS = 100;

// ---- inputs -------------------------------------------------------------------------------------------

export const dueQueueInput = z.object({ limit: pageLimitSchema.optional() }).strict();

export const rateReviewBody = z
  .object({
    rating: ratingSchema,
    durationMs: z
      .number()
      .int("must be a whole number of milliseconds")
      .min(0, "cannot be negative")
      .max(MAX_REVIEW_DURATION_MS, `is at most ${MAX_REVIEW_DURATION_MS} (a day)`)
      .optional(),
  })
  .strict();

/** The tool's form of a rating: the problem in the input, the time in minutes. */
export const rateReviewInput = z
  .object({
    problem: slugSchema,
    rating: ratingSchema,
    minutes: z
      .number()
      .min(0, "cannot be negative")
      .max(MAX_MINUTES, `is at most ${MAX_MINUTES} (a day)`)
      .optional()
      .describe("time the review took"),
  })
  .strict();

// ---- outputs (dates as ISO strings) ------------------------------------------------------------------

export const cardView = z.object({
  problemSlug: z.string(),
  title: z.string(),
  difficulty: z.string(),
  state: z.string(),
  due: z.string(),
  scheduledDays: z.number(),
  stability: z.number(),
  difficultyRating: z.number(),
  reps: z.number().int(),
  lapses: z.number().int(),
  lastReview: z.string().nullable(),
  suspended: z.boolean(),
  retrievability: z.number().describe("probability of recalling the solution now (0 for a card never reviewed)"),
});

export const reviewLogView = z.object({
  rating: z.string(),
  state: z.string(),
  reviewedAt: z.string(),
  due: z.string(),
  scheduledDays: z.number(),
  elapsedDays: z.number(),
  attemptId: z.number().int().nullable(),
});

export const cardWithLog = cardView.extend({ log: z.array(reviewLogView) });

export const dueReviewView = z.object({
  problemSlug: z.string(),
  title: z.string(),
  difficulty: z.string(),
  due: z.string(),
  retrievability: z.number(),
  state: z.string(),
  reps: z.number().int(),
  lapses: z.number().int(),
});

export const newProblemView = z.object({
  problemSlug: z.string(),
  title: z.string(),
  difficulty: z.string().nullable().describe("null while blind mode hides it"),
  topicId: z.string().nullable(),
  successProbability: z.number().optional(),
  reason: z.string().optional(),
});

export const dueQueueView = z.object({
  reviews: z.array(dueReviewView),
  newProblems: z.array(newProblemView),
  dailyNewLimit: z.number().int(),
  newStartedToday: z.number().int(),
});

export const ratingPreviewView = z.object({
  rating: ratingSchema,
  due: z.string(),
  scheduledDays: z.number(),
  stability: z.number(),
});
export const ratingPreviews = z.object({ outcomes: z.array(ratingPreviewView) });

export const undoneRating = z.object({
  undoneAttemptId: z.number().int().nullable().describe("the attempt undone with the rating, if it came with one"),
  card: cardWithLog.nullable().describe("the card after the undo; null when nothing is left of it"),
});

export const topicMasteryView = z.object({
  topicId: z.string(),
  name: z.string(),
  position: z.number().int(),
  total: z.number().int(),
  covered: z.number().int(),
  coverage: z.number(),
  meanRetrievability: z.number(),
  mastery: z.number(),
});
export const masteryView = z.object({ topics: z.array(topicMasteryView) });

const todayKind = z.enum(["review", "plan", "new"]);

export const todayItemView = z.object({
  key: z.string().describe("stable within a day: review:<slug>, plan:<item id>, new:<slug>"),
  kind: todayKind,
  problemSlug: z.string().nullable(),
  title: z.string(),
  difficulty: z.string().nullable(),
  url: z.string().nullable(),
  leetcodeId: z.number().int().nullable(),
  topicId: z.string().nullable(),
  planItemId: z.number().int().nullable(),
  reason: z.string(),
  minutes: z.number().nullable(),
  due: z.string().nullable(),
  retrievability: z.number().nullable(),
});

export const startHereStepView = z.object({
  id: z.enum(["first-attempt", "interview-date", "link-leetcode", "import-data"]),
  title: z.string(),
  detail: z.string(),
  href: z.string(),
  done: z.boolean(),
});

export const todayQueueView = z.object({
  date: z.string(),
  items: z.array(todayItemView),
  counts: z.object({ review: z.number().int(), plan: z.number().int(), new: z.number().int() }),
  plan: z
    .object({
      id: z.number().int(),
      week: z.number().int(),
      weeks: z.number().int(),
      openThisWeek: z.number().int(),
    })
    .nullable(),
  startHere: z.object({ steps: z.array(startHereStepView), complete: z.boolean() }),
});

export type CardView = z.infer<typeof cardView>;
export type ReviewLogView = z.infer<typeof reviewLogView>;
export type DueReview = z.infer<typeof dueReviewView>;
export type NewProblem = z.infer<typeof newProblemView>;
export type DueQueue = z.infer<typeof dueQueueView>;
export type RatingPreview = z.infer<typeof ratingPreviewView>;
export type UndoneRating = z.infer<typeof undoneRating>;
