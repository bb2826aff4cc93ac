// The progress use cases' contract, written once: practice statistics, weak topics, their daily snapshots
// and history — what they accept, what they return (dates as ISO strings) and their limits. The REST
// routes and the MCP/mentor tools parse with these.
import { z } from "zod";
import { OUTCOMES, TOPIC_IDS } from "../../config/constants.js";
import { topicSchema } from "../tracking/contract.js";

/** How far back the weakness history reaches: two years of daily snapshots. */
export const MAX_HISTORY_DAYS = 730;
export const DEFAULT_HISTORY_DAYS = 90;
/** Weak topics a tool lists when the caller names no limit (a model's context is small). */
export const DEFAULT_TOOL_WEAKNESSES = 5;
/** Every roadmap topic: the tool's list is bounded by the number of topics, not by a page size. */
export const MAX_WEAK_TOPICS = TOPIC_IDS.length;

// ---- inputs -------------------------------------------------------------------------------------------

export const weaknessHistoryInput = z
  .object({
    days: z.coerce
      .number()
      .int("must be a whole number of days")
      .min(1, "is at least 1")
      .max(MAX_HISTORY_DAYS, `is at most ${MAX_HISTORY_DAYS}`)
      .optional()
      .describe(`how many days back (default ${DEFAULT_HISTORY_DAYS})`),
    topic: topicSchema.optional(),
  })
  .strict();

/** The tool's page of weak topics: at most every topic. */
export const weaknessesToolInput = z
  .object({
    limit: z
      .number()
      .int()
      .min(1, "is at least 1")
      .max(MAX_WEAK_TOPICS, `is at most ${MAX_WEAK_TOPICS} (the number of topics)`)
      .optional()
      .describe(`how many weak topics to return (default ${DEFAULT_TOOL_WEAKNESSES})`),
  })
  .strict();

// ---- outputs -----------------------------------------------------------------------------------------

const count = z.number().int();
const severitySchema = z.enum(["low", "medium", "high", "critical"]);

export const statsView = z.object({
  timezone: z.string(),
  today: z.string().describe("the local date, YYYY-MM-DD"),
  totalAttempts: count,
  solved: count.describe("distinct problems solved at least once"),
  attempted: count.describe("distinct problems attempted"),
  outcomes: z.record(z.enum(OUTCOMES), count),
  totalMinutes: z.number(),
  coverage: z.object({ solved: count, total: count, ratio: z.number() }),
  byDifficulty: z.record(z.string(), z.object({ attempts: count, solved: count, total: count, coverage: z.number() })),
  byTopic: z.array(
    z.object({
      topicId: z.string(),
      name: z.string(),
      attempts: count,
      failed: count,
      solved: count,
      total: count,
      coverage: z.number(),
      minutes: z.number(),
    }),
  ),
  streak: z.object({
    current: count,
    longest: count,
    activeToday: z.boolean(),
    lastActiveDate: z.string().nullable(),
  }),
  heatmap: z.record(z.string(), count).describe("local date → attempts, the last 365 days (zeros included)"),
  minutesPerWeek: z.array(z.object({ weekStart: z.string(), minutes: z.number(), attempts: count })),
});

export const topicWeaknessView = z.object({
  topicId: z.string(),
  name: z.string(),
  attempts: count,
  failed: count.describe("failed or gave up"),
  solved: count,
  total: count,
  mastery: z.number(),
  timeRatio: z.number().nullable(),
  daysSinceLast: z.number().nullable(),
  score: z.number(),
  severity: severitySchema,
  reason: z.string(),
  components: z.object({
    failure: z.number(),
    lowMastery: z.number(),
    overtime: z.number(),
    coverageGap: z.number(),
    staleness: z.number(),
  }),
});

export const weaknessReportView = z.object({
  generatedAt: z.string(),
  topics: z.array(topicWeaknessView).describe("every topic, weakest first"),
  weakest: z.array(topicWeaknessView).describe("topics practised at least once, weakest first"),
});

const snapshotTopic = z.object({ topicId: z.string(), score: z.number(), severity: severitySchema });

export const snapshotView = z.object({
  takenAt: z.string(),
  date: z.string(),
  replaced: z.boolean().describe("today's earlier snapshot was replaced (one per local day)"),
  topics: z.array(snapshotTopic),
});

export const weaknessHistoryView = z.object({
  snapshots: z.array(
    z.object({
      takenAt: z.string(),
      date: z.string(),
      topics: z.array(z.object({ topicId: z.string(), score: z.number(), severity: z.string() })),
    }),
  ),
});

export type StatsView = z.infer<typeof statsView>;
