// The tracking use cases' contract, written once: what logging, listing, reading, correcting and deleting
// an attempt, and writing a problem's notes, accept and return, and their limits. The REST routes, the
// MCP/mentor tools and the CLI parse with these schemas; the service keeps only what zod cannot say
// (an attempt not dated in the future, a problem that exists and is visible to the user).
import { z } from "zod";
import { OUTCOMES, RATINGS, type RatingName, TOPIC_IDS } from "../../config/constants.js";
import { recordIdParam } from "../../config/input-limits.js";
import { pageOf, pageRequest } from "../shared/pagination.js";

/** A day: longer sessions are a typo (minutes entered as seconds) rather than practice. */
export const MAX_MINUTES = 24 * 60;
export const MAX_NOTES_LENGTH = 10_000;
export const MAX_LANGUAGE_LENGTH = 40;
/** Catalogue slugs are LeetCode's; the longest is under 90 characters. */
export const MAX_SLUG_LENGTH = 120;

export const slugSchema = z
  .string()
  .min(1, "is required")
  .max(MAX_SLUG_LENGTH, `is too long (at most ${MAX_SLUG_LENGTH} characters)`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and dashes, e.g. two-sum")
  .describe("the problem's slug, e.g. two-sum");

export const topicSchema = z.enum(TOPIC_IDS).describe("topic id, e.g. dp_1d");
export const outcomeSchema = z.enum(OUTCOMES);
export const ratingSchema = z.enum(Object.keys(RATINGS) as [RatingName, ...RatingName[]]);

/** An ISO 8601 instant with an offset (`2026-03-01T09:30:00Z`) or a plain date (`2026-03-01`, midnight UTC). */
export const instantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    message: "must be an ISO date (2026-03-01) or date-time with offset (2026-03-01T09:30:00Z)",
  })
  .transform((v) => new Date(v));

export const minutesSchema = z
  .number()
  .int("must be a whole number of minutes")
  .min(0, "cannot be negative")
  .max(MAX_MINUTES, `is at most ${MAX_MINUTES} (a day)`);
export const languageSchema = z
  .string()
  .trim()
  .max(MAX_LANGUAGE_LENGTH, `is too long (at most ${MAX_LANGUAGE_LENGTH} characters)`);
export const notesSchema = z.string().max(MAX_NOTES_LENGTH, `are too long (at most ${MAX_NOTES_LENGTH} characters)`);

// ---- inputs -------------------------------------------------------------------------------------------

export const logAttemptInput = z
  .object({
    problem: slugSchema,
    outcome: outcomeSchema,
    minutes: minutesSchema.optional(),
    language: languageSchema.optional(),
    notes: notesSchema.optional(),
    rating: ratingSchema.optional().describe("how hard recalling it was; derived from outcome and time if omitted"),
    attemptedAt: instantSchema.optional().describe("when: an ISO date or date-time with offset; default now"),
  })
  .strict();

export const listAttemptsInput = z
  .object({
    problem: slugSchema.optional(),
    topic: topicSchema.optional(),
    outcome: outcomeSchema.optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    ...pageRequest,
  })
  .strict();

export const attemptIdInput = z.object({ id: recordIdParam }).strict();

export const editAttemptInput = z
  .object({
    outcome: outcomeSchema.optional(),
    minutes: minutesSchema.nullable().optional(),
    language: languageSchema.nullable().optional(),
    notes: notesSchema.nullable().optional(),
    rating: ratingSchema.optional(),
    attemptedAt: instantSchema.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "give at least one field to change");

export const problemNoteInput = z
  .object({ body: notesSchema, revisit: z.boolean().optional().describe("flag the problem to revisit") })
  .strict();

// ---- outputs (dates as ISO strings) ------------------------------------------------------------------

export const attemptView = z.object({
  id: z.number().int(),
  problemSlug: z.string(),
  problemTitle: z.string(),
  difficulty: z.string(),
  outcome: z.string(),
  rating: z.string().nullable(),
  minutes: z.number().nullable(),
  language: z.string().nullable(),
  notes: z.string().nullable(),
  attemptedAt: z.string(),
  source: z.string(),
});

export const loggedAttempt = z.object({
  attempt: attemptView,
  card: z.object({
    due: z.string(),
    state: z.string(),
    scheduledDays: z.number(),
    reps: z.number().int(),
    lapses: z.number().int(),
  }),
  planItemId: z.number().int().nullable(),
});

export const attemptPage = pageOf(attemptView);

export const noteView = z.object({
  problemSlug: z.string(),
  body: z.string(),
  revisit: z.boolean(),
  updatedAt: z.string(),
});

export type LogAttemptRequest = z.infer<typeof logAttemptInput>;
export type ListAttemptsRequest = z.infer<typeof listAttemptsInput>;
export type EditAttemptRequest = z.infer<typeof editAttemptInput>;
