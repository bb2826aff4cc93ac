// The schedule use cases' contract, written once: what scheduling, listing, reading, rescheduling and
// cancelling a mock interview accept and return. The REST routes (src/api/routes/schedule.ts) and the
// schedule_interview / get_upcoming_interviews tools parse with these schemas and answer these shapes; the
// service keeps what zod cannot say (not in the past, only a scheduled interview moves). The interview
// limits (duration, company, role, series length) are the interviews contract's, shared with
// start_mock_interview.
import { z } from "zod";
import { DIFFICULTIES, INTERVIEW_MODES, REMINDER_KINDS } from "../../config/constants.js";
import { recordIdParam } from "../../config/input-limits.js";
import {
  companySchema,
  durationMinutesSchema,
  interviewModeSchema,
  roleSchema,
  seriesWeeksSchema,
} from "../interviews/contract.js";

/** An instant with its offset, so "15:00" is never read in the server's timezone. */
export const scheduleAtSchema = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 date-time with offset, e.g. 2026-03-06T15:00:00+01:00" })
  .transform((v) => new Date(v));

// ---- inputs -------------------------------------------------------------------------------------------

export const scheduleInterviewInput = z
  .object({
    at: scheduleAtSchema.optional().describe("ISO 8601 with offset; default next Friday 15:00 local"),
    durationMinutes: durationMinutesSchema.optional(),
    mode: interviewModeSchema.optional(),
    difficulty: z.enum(DIFFICULTIES).optional(),
    role: roleSchema.optional(),
    company: companySchema.optional(),
    weeks: seriesWeeksSchema.optional(),
  })
  .strict();

/** GET /api/schedule's query string (text booleans). */
export const listScheduleQuery = z
  .object({ includePast: z.stringbool().optional(), includeCancelled: z.stringbool().optional() })
  .strict();

/** get_upcoming_interviews' arguments (JSON booleans): the upcoming ones, optionally with the cancelled. */
export const upcomingInterviewsInput = z.object({ includeCancelled: z.boolean().optional() }).strict();

export const scheduledIdInput = z.object({ id: recordIdParam }).strict();

export const rescheduleInput = z
  .object({ at: scheduleAtSchema, durationMinutes: durationMinutesSchema.optional() })
  .strict();

export const cancelQuery = z
  .object({ scope: z.enum(["one", "series"]).optional().describe("series: this one and every later one") })
  .strict();

// ---- outputs (dates as ISO strings) ------------------------------------------------------------------

export const scheduledInterviewView = z.object({
  id: z.number().int(),
  seriesId: z.string().nullable(),
  scheduledAt: z.string(),
  durationMinutes: z.number().int(),
  mode: z.string().describe(INTERVIEW_MODES.join(", ")),
  difficulty: z.string().nullable(),
  role: z.string().nullable(),
  company: z.string().nullable(),
  status: z.string().describe("scheduled, cancelled or completed"),
  secondsUntil: z.number().int().describe("0 once it has started"),
});

/** What scheduling answers (route and tool alike), and what listing answers: soonest first. */
export const scheduledInterviews = z.object({ items: z.array(scheduledInterviewView) });

export const nextInterview = z.object({ next: scheduledInterviewView.nullable() });

export const reminderView = z.object({
  kind: z.string().describe(REMINDER_KINDS.join(", ")),
  dueAt: z.string(),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});

export const scheduledInterviewDetail = scheduledInterviewView.extend({ reminders: z.array(reminderView) });

export const cancelledInterviews = z.object({ cancelled: z.array(z.number().int()) });

export type ScheduleInterviewRequest = z.infer<typeof scheduleInterviewInput>;
export type ScheduledInterviewView = z.infer<typeof scheduledInterviewView>;
export type ScheduledInterviews = z.infer<typeof scheduledInterviews>;
export type ScheduledInterviewDetail = z.infer<typeof scheduledInterviewDetail>;
export type ReminderView = z.infer<typeof reminderView>;
