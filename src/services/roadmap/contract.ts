// The roadmap use cases' contract, written once: the topic roadmap, the focus topic and weekly study
// plans — what they accept, what they return (dates as ISO strings) and their limits. The REST routes and
// the MCP/mentor tools parse with these; the service keeps what zod cannot say (an interview date passed).
import { z } from "zod";
import { pageOf, pageOffsetSchema } from "../shared/pagination.js";
import { topicSchema } from "../tracking/contract.js";

/** Solved problems of each prerequisite that unlock a topic. */
export const UNLOCK_SOLVED = 3;
/** A plan's length without an interview date. */
export const DEFAULT_PLAN_WEEKS = 8;
export const MAX_PLAN_WEEKS = 52;
/** Hours a week of practice a plan (and the weekly-hours setting) may budget. */
export const MAX_WEEKLY_HOURS = 100;
/**
 * A plan is shown whole and can hold more items than the shared page size (decision 0012), so its page
 * has its own maximum.
 */
export const MAX_PLAN_ITEMS = 1000;
/** Plan items a tool returns when the caller names no limit (a model's context is small). */
export const TOOL_PLAN_ITEMS = 30;

// ---- inputs -------------------------------------------------------------------------------------------

export const planWeeksSchema = z
  .number()
  .int("must be a whole number of weeks")
  .min(1, "is at least 1")
  .max(MAX_PLAN_WEEKS, `is at most ${MAX_PLAN_WEEKS}`)
  .describe("how many weeks (default: up to your interview date)");
export const weeklyHoursSchema = z
  .number()
  .positive("must be more than 0")
  .max(MAX_WEEKLY_HOURS, `is at most ${MAX_WEEKLY_HOURS}`)
  .describe("hours a week to plan (default: your weekly-hours setting)");

export const generatePlanInput = z
  .object({ weeks: planWeeksSchema.optional(), weeklyHours: weeklyHoursSchema.optional() })
  .strict();

export const planPageInput = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PLAN_ITEMS, `is at most ${MAX_PLAN_ITEMS} per page`)
      .optional()
      .describe(`plan items to return (1-${MAX_PLAN_ITEMS})`),
    offset: pageOffsetSchema.optional(),
  })
  .strict();

export const focusInput = z
  .object({ topic: topicSchema.nullable().describe("the topic to focus on, or null to clear it") })
  .strict();

// ---- outputs -----------------------------------------------------------------------------------------

export const roadmapTopicView = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  prerequisites: z.array(z.string()),
  solved: z.number().int(),
  total: z.number().int(),
  mastery: z.number(),
  unlocked: z.boolean(),
  blockedBy: z
    .array(z.object({ topicId: z.string(), solved: z.number().int(), needed: z.number().int() }))
    .describe("prerequisites still short of the unlock rule"),
  focus: z.boolean(),
});

export const roadmapView = z.object({
  focusTopic: z.string().nullable(),
  unlockRule: z.string(),
  topics: z.array(roadmapTopicView),
});

export const planItemView = z.object({
  id: z.number().int(),
  week: z.number().int(),
  kind: z.string(),
  topicId: z.string().nullable(),
  problemSlug: z.string().nullable(),
  title: z.string().nullable(),
  difficulty: z.string().nullable(),
  minutes: z.number(),
  note: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
});

export const planView = z.object({
  id: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  weeks: z.number().int(),
  weeklyHours: z.number(),
  focusTopic: z.string().nullable(),
  createdAt: z.string(),
  overBudget: z.boolean(),
  warnings: z.array(z.string()),
  minutesByWeek: z.array(z.number()),
  topics: z.array(z.string()),
  items: pageOf(planItemView),
});

export type GeneratePlanRequest = z.output<typeof generatePlanInput>;
