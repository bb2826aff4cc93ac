// The catalogue's contract, written once: searching problems, one problem, adding a custom problem and
// one problem's page — what they accept, what they return and their limits. The REST routes and the
// MCP/mentor tool parse with these; the service keeps what zod cannot say (a slug not taken, topics that exist).
import { z } from "zod";
import { DIFFICULTIES } from "../../config/constants.js";
import { pageOf, pageRequest } from "../shared/pagination.js";
import { attemptView, noteView, slugSchema, topicSchema } from "../tracking/contract.js";
import { cardView } from "../training/contract.js";

export const MAX_SEARCH_LENGTH = 200;
export const MAX_TITLE_LENGTH = 200;
/** A custom problem's slug, given or made from its title. */
export const MAX_CUSTOM_SLUG_LENGTH = 100;
export const MAX_PROBLEM_TOPICS = 5;
export const MAX_URL_LENGTH = 2000;
export const MAX_COMPANIES = 30;
export const MAX_COMPANY_LENGTH = 60;
/** Attempts a problem's page lists (newest first; the total is given). */
export const PAGE_ATTEMPTS = 50;

export const difficultySchema = z.enum(DIFFICULTIES);
export const problemStatusSchema = z.enum(["solved", "attempted", "new"]);

/** `true`/`false` from a query string, or a JSON boolean from a tool. */
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
  message: "must be true or false",
});

// ---- inputs -------------------------------------------------------------------------------------------

export const searchProblemsInput = z
  .object({
    q: z
      .string()
      .max(MAX_SEARCH_LENGTH, `is too long (at most ${MAX_SEARCH_LENGTH} characters)`)
      .optional()
      .describe("words of the title or slug, or a LeetCode number"),
    topic: topicSchema.optional(),
    difficulty: difficultySchema.optional(),
    status: problemStatusSchema.optional().describe("your status on it"),
    revisit: flag.optional().describe("only problems you flagged to revisit (true) or did not (false)"),
    ...pageRequest,
  })
  .strict();

export const customProblemInput = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "is required")
      .max(MAX_TITLE_LENGTH, `is too long (at most ${MAX_TITLE_LENGTH} characters)`),
    slug: slugSchema
      .max(MAX_CUSTOM_SLUG_LENGTH, `is too long (at most ${MAX_CUSTOM_SLUG_LENGTH} characters)`)
      .optional(),
    difficulty: difficultySchema,
    topics: z
      .array(topicSchema)
      .min(1, "needs at least one topic")
      .max(MAX_PROBLEM_TOPICS, `has at most ${MAX_PROBLEM_TOPICS} topics`),
    url: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
      .max(MAX_URL_LENGTH, `is too long (at most ${MAX_URL_LENGTH} characters)`)
      .optional(),
    companies: z
      .array(
        z
          .string()
          .trim()
          .min(1, "cannot be empty")
          .max(MAX_COMPANY_LENGTH, `is too long (at most ${MAX_COMPANY_LENGTH} characters)`),
      )
      .max(MAX_COMPANIES, `has at most ${MAX_COMPANIES} companies`)
      .optional(),
  })
  .strict();

// ---- outputs -----------------------------------------------------------------------------------------

export const problemSummaryView = z.object({
  slug: z.string(),
  title: z.string(),
  difficulty: z.string().nullable().describe("null while blind mode hides it (then `hidden`)"),
  rating: z.number().nullable().describe("difficulty rating on the contest scale; null while hidden or not rated"),
  hidden: z.boolean(),
  url: z.string().nullable(),
  leetcodeId: z.number().int().nullable(),
  companies: z.array(z.string()),
  topics: z.array(z.string()),
  custom: z.boolean(),
  status: problemStatusSchema,
  hasNote: z.boolean(),
  revisit: z.boolean(),
});

export const problemPageOf = pageOf(problemSummaryView);

export const problemDetailView = problemSummaryView.omit({ topics: true, hasNote: true, revisit: true }).extend({
  id: z.number().int(),
  topics: z.array(z.object({ id: z.string(), name: z.string() })),
  attempts: z.number().int(),
});

export const problemStatementView = z.object({
  questionSlug: z.string().describe("the interview bank's question, to start a mock on this problem"),
  prompt: z.string(),
  examples: z.array(z.object({ input: z.string(), output: z.string(), explanation: z.string().optional() })),
  constraints: z.array(z.string()),
});

export const problemPageView = z.object({
  problem: problemDetailView,
  statement: problemStatementView.nullable(),
  attempts: z.array(attemptView),
  attemptsTotal: z.number().int(),
  note: noteView.nullable(),
  card: cardView.nullable(),
  openPlanItem: z.object({ id: z.number().int(), week: z.number().int() }).nullable(),
});

export type SearchProblemsRequest = z.output<typeof searchProblemsInput>;
export type CustomProblemRequest = z.output<typeof customProblemInput>;
