// Scheduled mock interviews: one-off or a weekly series (difficulty cycling easy → medium → hard),
// reschedule, cancel one or the rest of a series, and a countdown. Each interview gets reminder rows at
// 24 h, 1 h and 5 min before — only those still in the future — which the reminder sweep sends.
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, gte, inArray, isNull } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import {
  DIFFICULTIES,
  type Difficulty,
  INTERVIEW_MODES,
  type InterviewMode,
  REMINDER_KINDS,
  type ReminderKind,
} from "../../config/constants.js";
import type { Database, Queryable } from "../../config/database.js";
import { reminders, scheduledInterviews } from "../../database/schema.js";
import { BadRequestError, NotFoundError } from "../../errors.js";
import { MAX_SERIES_WEEKS } from "../interviews/contract.js";
import { isValidTimezone } from "../shared/local-dates.js";
import type {
  ReminderView,
  ScheduledInterviewDetail,
  ScheduledInterviews,
  ScheduledInterviewView,
} from "./contract.js";

export const REMINDER_OFFSETS_MS: Record<ReminderKind, number> = { "24h": 86_400_000, "1h": 3_600_000, "5m": 300_000 };
export { MAX_SERIES_WEEKS } from "../interviews/contract.js";
export const DEFAULT_WEEKDAY = 5; // Friday
export const DEFAULT_LOCAL_TIME = "15:00";
export const DEFAULT_DURATION_MINUTES = 45;
const WEEK_MS = 7 * 86_400_000;

type Scheduled = typeof scheduledInterviews.$inferSelect;

/** The UTC offset (ms) of `timezone` at `instant`: local wall time − UTC. */
export function zoneOffsetMs(instant: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the wall clock in `timezone` shows `date` `time` (a DST gap moves it forward). */
export function zonedInstant(date: string, time: string, timezone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall - zoneOffsetMs(new Date(wall), timezone);
  // A second pass settles instants near a DST change, where the first offset belongs to the other side.
  guess = wall - zoneOffsetMs(new Date(guess), timezone);
  return new Date(guess);
}

function localParts(instant: Date, timezone: string): { date: string; weekday: number; minutes: number } {
  const shifted = new Date(instant.getTime() + zoneOffsetMs(instant, timezone));
  return {
    date: shifted.toISOString().slice(0, 10),
    weekday: shifted.getUTCDay(),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** The first Friday 15:00 (local) strictly after `now`: today's when it is Friday before 15:00. */
export function defaultSlot(now: Date, timezone: string, weekday = DEFAULT_WEEKDAY, time = DEFAULT_LOCAL_TIME): Date {
  const local = localParts(now, timezone);
  let days = (weekday - local.weekday + 7) % 7;
  for (let i = 0; i < 3; i++) {
    const date = new Date(Date.parse(`${local.date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const at = zonedInstant(date, time, timezone);
    if (at.getTime() > now.getTime()) return at;
    days += 7;
  }
  throw new Error("no default slot found");
}

/** The same local time `weeks` weeks later (DST-safe: 15:00 stays 15:00 across a change). */
function sameLocalTimeLater(first: Date, weeks: number, timezone: string): Date {
  const local = localParts(first, timezone);
  const date = new Date(Date.parse(`${local.date}T12:00:00Z`) + weeks * WEEK_MS).toISOString().slice(0, 10);
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, "0");
  const mm = String(local.minutes % 60).padStart(2, "0");
  return zonedInstant(date, `${hh}:${mm}`, timezone);
}

export interface ScheduleInput {
  at?: Date;
  durationMinutes?: number;
  mode?: InterviewMode;
  difficulty?: Difficulty;
  role?: string;
  company?: string;
  /** weekly occurrences (1 = one-off); the difficulty cycles from `difficulty` (default easy) */
  weeks?: number;
}

export interface ScheduleDeps {
  db: Database;
  clock: Clock;
}

export class ScheduleService {
  constructor(private readonly deps: ScheduleDeps) {}

  /** Schedules one interview or a weekly series; the route and the schedule_interview tool answer this. */
  async schedule(userId: number, timezone: string, input: ScheduleInput): Promise<ScheduledInterviews> {
    const now = this.deps.clock.now();
    const zone = isValidTimezone(timezone) ? timezone : "UTC";
    const first = input.at ?? defaultSlot(now, zone);
    if (first.getTime() <= now.getTime())
      throw new BadRequestError(`The interview time ${first.toISOString()} is in the past.`);
    const weeks = input.weeks ?? 1;
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_SERIES_WEEKS)
      throw new BadRequestError(`weeks must be between 1 and ${MAX_SERIES_WEEKS}.`);
    const mode = input.mode ?? "coding";
    if (!INTERVIEW_MODES.includes(mode)) throw new BadRequestError(`mode must be one of ${INTERVIEW_MODES.join(", ")}`);
    const seriesId = weeks > 1 ? randomUUID() : null;
    const startDifficulty = DIFFICULTIES.indexOf(input.difficulty ?? "easy");
    const rows = await this.deps.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(scheduledInterviews)
        .values(
          Array.from({ length: weeks }, (_, i) => ({
            userId,
            seriesId,
            scheduledAt: i === 0 ? first : sameLocalTimeLater(first, i, zone),
            durationMinutes: input.durationMinutes ?? DEFAULT_DURATION_MINUTES,
            mode,
            difficulty:
              mode === "behavioral"
                ? null
                : weeks > 1
                  ? DIFFICULTIES[(startDifficulty + i) % 3]
                  : (input.difficulty ?? null),
            role: input.role ?? null,
            company: input.company ?? null,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning();
      for (const row of inserted) await this.createReminders(tx, row, now);
      return inserted;
    });
    return {
      items: rows.sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime()).map((r) => this.view(r, now)),
    };
  }

  /** Soonest first; the route and the get_upcoming_interviews tool answer this. */
  async list(
    userId: number,
    options: { includePast?: boolean; includeCancelled?: boolean } = {},
  ): Promise<ScheduledInterviews> {
    const now = this.deps.clock.now();
    const rows = await this.deps.db
      .select()
      .from(scheduledInterviews)
      .where(
        and(
          eq(scheduledInterviews.userId, userId),
          options.includeCancelled ? undefined : eq(scheduledInterviews.status, "scheduled"),
          options.includePast ? undefined : gt(scheduledInterviews.scheduledAt, new Date(now.getTime() - 3_600_000)),
        ),
      )
      .orderBy(asc(scheduledInterviews.scheduledAt));
    return { items: rows.map((r) => this.view(r, now)) };
  }

  async get(userId: number, id: number): Promise<ScheduledInterviewView> {
    return this.view(await this.load(this.deps.db, userId, id), this.deps.clock.now());
  }

  /** One interview with its reminders (sent and pending). */
  async detail(userId: number, id: number): Promise<ScheduledInterviewDetail> {
    return { ...(await this.get(userId, id)), reminders: await this.remindersOf(userId, id) };
  }

  /** The next scheduled interview with its countdown, or null. */
  async next(userId: number): Promise<ScheduledInterviewView | null> {
    const now = this.deps.clock.now();
    const [row] = await this.deps.db
      .select()
      .from(scheduledInterviews)
      .where(
        and(
          eq(scheduledInterviews.userId, userId),
          eq(scheduledInterviews.status, "scheduled"),
          gt(scheduledInterviews.scheduledAt, now),
        ),
      )
      .orderBy(asc(scheduledInterviews.scheduledAt))
      .limit(1);
    return row ? this.view(row, now) : null;
  }

  async reschedule(
    userId: number,
    id: number,
    input: { at: Date; durationMinutes?: number },
  ): Promise<ScheduledInterviewView> {
    const now = this.deps.clock.now();
    if (input.at.getTime() <= now.getTime())
      throw new BadRequestError(`The new time ${input.at.toISOString()} is in the past.`);
    return this.deps.db.transaction(async (tx) => {
      const row = await this.load(tx, userId, id);
      if (row.status !== "scheduled")
        throw new BadRequestError(`Interview ${id} is ${row.status}; only scheduled interviews can be moved.`);
      const [updated] = await tx
        .update(scheduledInterviews)
        .set({ scheduledAt: input.at, durationMinutes: input.durationMinutes ?? row.durationMinutes, updatedAt: now })
        .where(eq(scheduledInterviews.id, id))
        .returning();
      // Unsent reminders follow the interview; sent ones stay as the record of what went out.
      await tx.delete(reminders).where(and(eq(reminders.scheduledInterviewId, id), isNull(reminders.sentAt)));
      await this.createReminders(tx, updated, now);
      return this.view(updated, now);
    });
  }

  /** Cancels one interview, or it and every later one of its series (`scope: "series"`). */
  async cancel(userId: number, id: number, scope: "one" | "series" = "one"): Promise<{ cancelled: number[] }> {
    const now = this.deps.clock.now();
    return this.deps.db.transaction(async (tx) => {
      const row = await this.load(tx, userId, id);
      const where =
        scope === "series" && row.seriesId
          ? and(
              eq(scheduledInterviews.userId, userId),
              eq(scheduledInterviews.seriesId, row.seriesId),
              gte(scheduledInterviews.scheduledAt, row.scheduledAt),
              eq(scheduledInterviews.status, "scheduled"),
            )
          : and(eq(scheduledInterviews.id, id), eq(scheduledInterviews.status, "scheduled"));
      const cancelled = await tx
        .update(scheduledInterviews)
        .set({ status: "cancelled", updatedAt: now })
        .where(where)
        .returning();
      if (cancelled.length)
        await tx.delete(reminders).where(
          and(
            inArray(
              reminders.scheduledInterviewId,
              cancelled.map((c) => c.id),
            ),
            isNull(reminders.sentAt),
          ),
        );
      return { cancelled: cancelled.map((c) => c.id) };
    });
  }

  async remindersOf(userId: number, id: number): Promise<ReminderView[]> {
    await this.load(this.deps.db, userId, id);
    const rows = await this.deps.db
      .select({ kind: reminders.kind, dueAt: reminders.dueAt, sentAt: reminders.sentAt, error: reminders.error })
      .from(reminders)
      .where(and(eq(reminders.scheduledInterviewId, id), eq(reminders.userId, userId)))
      .orderBy(asc(reminders.dueAt));
    return rows.map((r) => ({
      kind: r.kind,
      dueAt: r.dueAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      error: r.error,
    }));
  }

  private async createReminders(db: Queryable, row: Scheduled, now: Date): Promise<void> {
    const values = REMINDER_KINDS.map((kind) => ({
      userId: row.userId,
      scheduledInterviewId: row.id,
      kind,
      dueAt: new Date(row.scheduledAt.getTime() - REMINDER_OFFSETS_MS[kind]),
    })).filter((r) => r.dueAt.getTime() > now.getTime());
    if (values.length) await db.insert(reminders).values(values).onConflictDoNothing();
  }

  private async load(db: Queryable, userId: number, id: number): Promise<Scheduled> {
    const [row] = await db
      .select()
      .from(scheduledInterviews)
      .where(and(eq(scheduledInterviews.id, id), eq(scheduledInterviews.userId, userId)));
    if (!row) throw new NotFoundError(`No scheduled interview ${id}.`);
    return row;
  }

  private view(row: Scheduled, now: Date): ScheduledInterviewView {
    return {
      id: row.id,
      seriesId: row.seriesId,
      scheduledAt: row.scheduledAt.toISOString(),
      durationMinutes: row.durationMinutes,
      mode: row.mode,
      difficulty: row.difficulty,
      role: row.role,
      company: row.company,
      status: row.status,
      secondsUntil: Math.max(0, Math.round((row.scheduledAt.getTime() - now.getTime()) / 1000)),
    };
  }
}
