// The mock-interview and schedule use cases' shared input limits, written once for the REST routes
// (src/api/routes/interviews.ts, schedule.ts) and the tools (start_mock_interview, submit_interview_code,
// schedule_interview). The two used to disagree: the tool allowed 180 minutes and 100-character company
// and role names, the route 240 / 60 / 80.
import { z } from "zod";
import { DIFFICULTIES, INTERVIEW_MODES } from "../../config/constants.js";
import { slugSchema } from "../tracking/contract.js";

/** Code a candidate submits; larger is a paste accident, and the runner's stdin has to carry it. */
export const MAX_CODE_BYTES = 64 * 1024;
/** A system-design or behavioural answer. */
export const MAX_TEXT_CHARS = 20_000;
export const MIN_INTERVIEW_MINUTES = 5;
/** Four hours: the longest on-site loop block. */
export const MAX_INTERVIEW_MINUTES = 240;
export const MAX_COMPANY_CHARS = 60;
export const MAX_ROLE_CHARS = 80;
export const MAX_TOPIC_CHARS = 60;
/** Half a year of weekly mocks; a longer series is better planned again. */
export const MAX_SERIES_WEEKS = 26;

export const interviewModeSchema = z.enum(INTERVIEW_MODES);
export const companySchema = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(MAX_COMPANY_CHARS, `is too long (at most ${MAX_COMPANY_CHARS} characters)`);
export const roleSchema = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(MAX_ROLE_CHARS, `is too long (at most ${MAX_ROLE_CHARS} characters)`);
export const interviewTopicSchema = z
  .string()
  .trim()
  .max(MAX_TOPIC_CHARS, `is too long (at most ${MAX_TOPIC_CHARS} characters)`)
  .describe("topic id, e.g. graphs");
export const durationMinutesSchema = z
  .number()
  .int("must be a whole number of minutes")
  .min(MIN_INTERVIEW_MINUTES, `is at least ${MIN_INTERVIEW_MINUTES} minutes`)
  .max(MAX_INTERVIEW_MINUTES, `is at most ${MAX_INTERVIEW_MINUTES} minutes`);
export const seriesWeeksSchema = z
  .number()
  .int()
  .min(1)
  .max(MAX_SERIES_WEEKS, `is at most ${MAX_SERIES_WEEKS} weeks`)
  .describe("weekly occurrences; 1 = one-off");
export const codeSchema = z
  .string()
  .min(1, "is empty")
  .max(MAX_CODE_BYTES, `is longer than ${MAX_CODE_BYTES} characters`);

/** start_mock_interview's arguments; POST /api/interviews/sessions adds `scheduledInterviewId`. */
export const startInterviewInput = z
  .object({
    mode: interviewModeSchema,
    question: slugSchema.optional().describe("a question slug from the bank; random if omitted"),
    company: companySchema.optional(),
    role: roleSchema.optional(),
    difficulty: z.enum(DIFFICULTIES).optional(),
    topic: interviewTopicSchema.optional(),
    durationMinutes: durationMinutesSchema.optional(),
  })
  .strict();
