// Tracking: logging attempts (each one also schedules the problem's review card, in the same
// transaction), listing and deleting them, per-problem notes, and the user's statistics.
import { and, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { type Cache, cacheKeys } from "../cache/cache.js";
import type { Clock } from "../config/clock.js";
import { type AttemptSource, DIFFICULTIES, type Outcome, type RatingName } from "../config/constants.js";
import { type Database, queryRows } from "../config/database.js";
import { attempts, problemNotes, problems } from "../database/schema.js";
import { BadRequestError, NotFoundError } from "../errors.js";
import type { CatalogService } from "./catalog-service.js";
import { ratingForAttempt, ratingFromName, ratingName, stateName } from "./fsrs-scheduling.js";
import { loadLearner } from "./learner.js";
import { addDays, computeStreak, localDate, type Streak, weekStart } from "./local-dates.js";
import { type Page, type PageRequest, pageBounds } from "./page.js";
import type { TrainingService } from "./training-service.js";

export const MAX_MINUTES = 24 * 60;
export const MAX_NOTES_LENGTH = 10_000;
export const MAX_LANGUAGE_LENGTH = 40;
/** An attempt may be dated a little ahead of the server's clock (the client's clock can run fast). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const EARLIEST_ATTEMPT = Date.parse("2000-01-01T00:00:00Z");
export const HEATMAP_DAYS = 365;
export const MINUTES_PER_WEEK_WEEKS = 12;

export interface LogAttemptInput {
  problem: string;
  outcome: Outcome;
  minutes?: number | null;
  language?: string | null;
  notes?: string | null;
  /** overrides the rating derived from outcome and minutes */
  rating?: RatingName;
  /** default: now, from the injected clock */
  attemptedAt?: Date;
  source?: AttemptSource;
}

export interface AttemptView {
  id: number;
  problemSlug: string;
  problemTitle: string;
  difficulty: string;
  outcome: string;
  rating: string | null;
  minutes: number | null;
  language: string | null;
  notes: string | null;
  attemptedAt: string;
  source: string;
}

export interface LoggedAttempt {
  attempt: AttemptView;
  card: { due: string; state: string; scheduledDays: number; reps: number; lapses: number };
}

export interface AttemptFilter extends PageRequest {
  problem?: string;
  topic?: string;
  outcome?: Outcome;
  from?: Date;
  to?: Date;
}

export interface NoteView {
  problemSlug: string;
  body: string;
  revisit: boolean;
  updatedAt: string;
}

export interface DifficultyStats {
  attempts: number;
  solved: number;
  total: number;
  coverage: number;
}

export interface TopicStats {
  topicId: string;
  name: string;
  attempts: number;
  failed: number;
  solved: number;
  total: number;
  coverage: number;
  minutes: number;
}

export interface Stats {
  timezone: string;
  today: string;
  totalAttempts: number;
  /** distinct problems solved at least once */
  solved: number;
  /** distinct problems attempted */
  attempted: number;
  outcomes: Record<Outcome, number>;
  totalMinutes: number;
  coverage: { solved: number; total: number; ratio: number };
  byDifficulty: Record<string, DifficultyStats>;
  byTopic: TopicStats[];
  streak: Streak;
  /** local date → attempts, for the 365 days ending today (zeros included) */
  heatmap: Record<string, number>;
  minutesPerWeek: { weekStart: string; minutes: number; attempts: number }[];
}

export interface TrackingDeps {
  db: Database;
  cache: Cache;
  clock: Clock;
  catalog: CatalogService;
  training: TrainingService;
  ttlSeconds: number;
  /** benchmarks only: compute stats on every call instead of reading the cache */
  bypassStatsCache?: boolean;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);

function toView(row: {
  id: number;
  slug: string;
  title: string;
  difficulty: string;
  outcome: string;
  rating: number | null;
  minutes: number | null;
  language: string | null;
  notes: string | null;
  attemptedAt: Date;
  source: string;
}): AttemptView {
  return {
    id: row.id,
    problemSlug: row.slug,
    problemTitle: row.title,
    difficulty: row.difficulty,
    outcome: row.outcome,
    rating: row.rating === null ? null : ratingName(row.rating),
    minutes: row.minutes,
    language: row.language,
    notes: row.notes,
    attemptedAt: row.attemptedAt.toISOString(),
    source: row.source,
  };
}

const attemptColumns = {
  id: attempts.id,
  slug: problems.slug,
  title: problems.title,
  difficulty: problems.difficulty,
  outcome: attempts.outcome,
  rating: attempts.rating,
  minutes: attempts.minutes,
  language: attempts.language,
  notes: attempts.notes,
  attemptedAt: attempts.attemptedAt,
  source: attempts.source,
};

export class TrackingService {
  constructor(private readonly deps: TrackingDeps) {}

  async logAttempt(userId: number, input: LogAttemptInput): Promise<LoggedAttempt> {
    const now = this.deps.clock.now();
    const attemptedAt = input.attemptedAt ?? now;
    this.validate(input, attemptedAt, now);
    const [learner, problem] = await Promise.all([
      loadLearner(this.deps.db, userId),
      this.deps.catalog.resolve(this.deps.db, userId, input.problem),
    ]);
    const rating = input.rating
      ? ratingFromName(input.rating)
      : ratingForAttempt(input.outcome, input.minutes, problem.difficulty);
    const { attempt, card } = await this.deps.training.serializeCardWrite(userId, problem.id, () =>
      this.deps.db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(attempts)
          .values({
            userId,
            problemId: problem.id,
            outcome: input.outcome,
            rating,
            minutes: input.minutes ?? null,
            language: input.language?.trim() || null,
            notes: input.notes ?? null,
            attemptedAt,
            source: input.source ?? "manual",
            createdAt: now,
          })
          .returning();
        if (!inserted) throw new Error("attempt insert returned no row");
        const card = await this.deps.training.reviewInTransaction(tx, learner, problem, rating, attemptedAt, {
          attemptId: inserted.id,
          durationMs: input.minutes ? input.minutes * 60_000 : undefined,
        });
        return { attempt: inserted, card };
      }),
    );
    await this.invalidate(userId);
    return {
      attempt: toView({ ...attempt, slug: problem.slug, title: problem.title, difficulty: problem.difficulty }),
      card: {
        due: card.due.toISOString(),
        state: stateName(card.state),
        scheduledDays: card.scheduledDays,
        reps: card.reps,
        lapses: card.lapses,
      },
    };
  }

  private validate(input: LogAttemptInput, attemptedAt: Date, now: Date): void {
    const minutes = input.minutes;
    if (
      minutes !== undefined &&
      minutes !== null &&
      (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MINUTES)
    )
      throw new BadRequestError(`minutes must be a whole number from 0 to ${MAX_MINUTES}; got ${minutes}.`);
    if (input.notes && input.notes.length > MAX_NOTES_LENGTH)
      throw new BadRequestError(`notes are too long (${input.notes.length} characters; at most ${MAX_NOTES_LENGTH}).`);
    if (input.language && input.language.length > MAX_LANGUAGE_LENGTH)
      throw new BadRequestError(`language is too long (at most ${MAX_LANGUAGE_LENGTH} characters).`);
    if (Number.isNaN(attemptedAt.getTime())) throw new BadRequestError("attemptedAt is not a valid date.");
    if (attemptedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
      throw new BadRequestError(`attemptedAt ${attemptedAt.toISOString()} is in the future.`);
    if (attemptedAt.getTime() < EARLIEST_ATTEMPT)
      throw new BadRequestError(`attemptedAt ${attemptedAt.toISOString()} is before 2000; check the date.`);
  }

  async listAttempts(userId: number, filter: AttemptFilter = {}): Promise<Page<AttemptView>> {
    const { limit, offset } = pageBounds(filter);
    const conditions: SQL[] = [eq(attempts.userId, userId)];
    if (filter.problem) {
      const problem = await this.deps.catalog.resolve(this.deps.db, userId, filter.problem);
      conditions.push(eq(attempts.problemId, problem.id));
    }
    if (filter.topic) {
      await this.deps.catalog.requireTopics([filter.topic]);
      conditions.push(
        sql`exists (select 1 from problem_topics pt where pt.problem_id = ${attempts.problemId} and pt.topic_id = ${filter.topic})`,
      );
    }
    if (filter.outcome) conditions.push(eq(attempts.outcome, filter.outcome));
    if (filter.from) conditions.push(gte(attempts.attemptedAt, filter.from));
    if (filter.to) conditions.push(lte(attempts.attemptedAt, filter.to));
    if (filter.from && filter.to && filter.from > filter.to)
      throw new BadRequestError("`from` is after `to`: swap them.");
    const where = and(...conditions);
    const rows = await this.deps.db
      .select(attemptColumns)
      .from(attempts)
      .innerJoin(problems, eq(problems.id, attempts.problemId))
      .where(where)
      .orderBy(desc(attempts.attemptedAt), desc(attempts.id))
      .limit(limit)
      .offset(offset);
    const [count] = await this.deps.db.select({ n: sql<number>`count(*)::int` }).from(attempts).where(where);
    return { items: rows.map(toView), total: count?.n ?? 0, limit, offset };
  }

  async getAttempt(userId: number, id: number): Promise<AttemptView> {
    const [row] = await this.deps.db
      .select(attemptColumns)
      .from(attempts)
      .innerJoin(problems, eq(problems.id, attempts.problemId))
      .where(and(eq(attempts.id, id), eq(attempts.userId, userId)));
    if (!row) throw new NotFoundError(`No attempt ${id}.`);
    return toView(row);
  }

  /**
   * Deletes one of the user's attempts. The review card keeps its schedule (the review happened); its
   * log row stays too, with attempt_id cleared.
   */
  async deleteAttempt(userId: number, id: number): Promise<void> {
    const deleted = await this.deps.db
      .delete(attempts)
      .where(and(eq(attempts.id, id), eq(attempts.userId, userId)))
      .returning({ id: attempts.id });
    if (deleted.length === 0) throw new NotFoundError(`No attempt ${id}.`);
    await this.invalidate(userId);
  }

  async getNote(userId: number, slug: string): Promise<NoteView> {
    const problem = await this.deps.catalog.resolve(this.deps.db, userId, slug);
    const [row] = await this.deps.db
      .select()
      .from(problemNotes)
      .where(and(eq(problemNotes.userId, userId), eq(problemNotes.problemId, problem.id)));
    if (!row) throw new NotFoundError(`You have no notes on "${slug}" yet.`);
    return { problemSlug: problem.slug, body: row.body, revisit: row.revisit, updatedAt: row.updatedAt.toISOString() };
  }

  async putNote(userId: number, slug: string, input: { body: string; revisit?: boolean }): Promise<NoteView> {
    if (input.body.length > MAX_NOTES_LENGTH)
      throw new BadRequestError(`The note is too long (${input.body.length} characters; at most ${MAX_NOTES_LENGTH}).`);
    const problem = await this.deps.catalog.resolve(this.deps.db, userId, slug);
    const now = this.deps.clock.now();
    const values = { body: input.body, revisit: input.revisit ?? false, updatedAt: now };
    const [row] = await this.deps.db
      .insert(problemNotes)
      .values({ userId, problemId: problem.id, ...values })
      .onConflictDoUpdate({
        target: [problemNotes.userId, problemNotes.problemId],
        set: input.revisit === undefined ? { body: input.body, updatedAt: now } : values,
      })
      .returning();
    if (!row) throw new Error("note upsert returned no row");
    return { problemSlug: problem.slug, body: row.body, revisit: row.revisit, updatedAt: row.updatedAt.toISOString() };
  }

  /** Statistics, cached under the user's tag (every write that changes them invalidates it). */
  async stats(userId: number): Promise<Stats> {
    if (this.deps.bypassStatsCache) return this.computeStats(userId);
    return this.deps.cache.getOrLoad(
      cacheKeys.user(userId, "stats"),
      { ttlSeconds: this.deps.ttlSeconds, tags: [cacheKeys.userTag(userId)] },
      () => this.computeStats(userId),
    );
  }

  async computeStats(userId: number): Promise<Stats> {
    const learnerQuery = loadLearner(this.deps.db, userId);
    const db = this.deps.db;
    const totalsQuery = queryRows<{
      attempts: number;
      solved: number;
      attempted: number;
      minutes: number;
      o_solved: number;
      o_failed: number;
      o_gave_up: number;
    }>(
      db,
      sql`select count(*)::int as attempts,
                 count(distinct problem_id) filter (where outcome = 'solved')::int as solved,
                 count(distinct problem_id)::int as attempted,
                 coalesce(sum(minutes), 0)::int as minutes,
                 count(*) filter (where outcome = 'solved')::int as o_solved,
                 count(*) filter (where outcome = 'failed')::int as o_failed,
                 count(*) filter (where outcome = 'gave_up')::int as o_gave_up
            from attempts where user_id = ${userId}`,
    );
    const byDifficultyQuery = queryRows<{ difficulty: string; total: number; attempts: number; solved: number }>(
      db,
      sql`select p.difficulty,
                 count(distinct p.id)::int as total,
                 count(a.id)::int as attempts,
                 count(distinct a.problem_id) filter (where a.outcome = 'solved')::int as solved
            from problems p
            left join attempts a on a.problem_id = p.id and a.user_id = ${userId}
           where p.owner_user_id is null or p.owner_user_id = ${userId}
           group by p.difficulty`,
    );
    const topicQuery = queryRows<{
      id: string;
      name: string;
      total: number;
      attempts: number;
      failed: number;
      solved: number;
      minutes: number;
    }>(
      db,
      sql`select t.id, t.name,
                 coalesce(v.total, 0)::int as total,
                 coalesce(m.attempts, 0)::int as attempts,
                 coalesce(m.failed, 0)::int as failed,
                 coalesce(m.solved, 0)::int as solved,
                 coalesce(m.minutes, 0)::int as minutes
            from topics t
            left join (
              select pt.topic_id, count(*) as total
                from problem_topics pt join problems p on p.id = pt.problem_id
               where p.owner_user_id is null or p.owner_user_id = ${userId}
               group by pt.topic_id
            ) v on v.topic_id = t.id
            left join (
              select pt.topic_id, count(*) as attempts,
                     count(*) filter (where a.outcome <> 'solved') as failed,
                     count(distinct a.problem_id) filter (where a.outcome = 'solved') as solved,
                     sum(a.minutes) as minutes
                from attempts a join problem_topics pt on pt.problem_id = a.problem_id
               where a.user_id = ${userId}
               group by pt.topic_id
            ) m on m.topic_id = t.id
           order by t.position`,
    );
    // 15-minute buckets: every UTC offset and DST switch in use falls on a quarter hour, so all instants of
    // one bucket share a local date, and the database returns a few rows instead of every attempt.
    const slotQuery = queryRows<{ slot: Date | string; n: number; minutes: number }>(
      db,
      sql`select date_bin('15 minutes', attempted_at, timestamptz '2000-01-01 00:00:00+00') as slot,
                 count(*)::int as n, coalesce(sum(minutes), 0)::int as minutes
            from attempts where user_id = ${userId} group by 1`,
    );
    // independent reads: on PostgreSQL they run on separate pooled connections at the same time
    const [learner, [totals], byDifficultyRows, topicRows, slots] = await Promise.all([
      learnerQuery,
      totalsQuery,
      byDifficultyQuery,
      topicQuery,
      slotQuery,
    ]);

    const now = this.deps.clock.now();
    const tz = learner.timezone;
    const today = localDate(now, tz);
    const perDay = new Map<string, { n: number; minutes: number }>();
    for (const slot of slots) {
      const day = localDate(new Date(slot.slot), tz);
      const entry = perDay.get(day) ?? { n: 0, minutes: 0 };
      entry.n += slot.n;
      entry.minutes += slot.minutes;
      perDay.set(day, entry);
    }
    const heatmap: Record<string, number> = {};
    for (let i = HEATMAP_DAYS - 1; i >= 0; i--) {
      const day = addDays(today, -i);
      heatmap[day] = perDay.get(day)?.n ?? 0;
    }
    const thisWeek = weekStart(today);
    const weeks = new Map<string, { minutes: number; attempts: number }>();
    for (let i = MINUTES_PER_WEEK_WEEKS - 1; i >= 0; i--)
      weeks.set(addDays(thisWeek, -7 * i), { minutes: 0, attempts: 0 });
    for (const [day, entry] of perDay) {
      const week = weeks.get(weekStart(day));
      if (!week) continue;
      week.minutes += entry.minutes;
      week.attempts += entry.n;
    }

    const byDifficulty: Record<string, DifficultyStats> = {};
    for (const difficulty of DIFFICULTIES) {
      const row = byDifficultyRows.find((r) => r.difficulty === difficulty);
      byDifficulty[difficulty] = {
        attempts: row?.attempts ?? 0,
        solved: row?.solved ?? 0,
        total: row?.total ?? 0,
        coverage: ratio(row?.solved ?? 0, row?.total ?? 0),
      };
    }
    const catalogueSize = byDifficultyRows.reduce((sum, r) => sum + r.total, 0);
    const t = totals ?? { attempts: 0, solved: 0, attempted: 0, minutes: 0, o_solved: 0, o_failed: 0, o_gave_up: 0 };
    return {
      timezone: tz,
      today,
      totalAttempts: t.attempts,
      solved: t.solved,
      attempted: t.attempted,
      outcomes: { solved: t.o_solved, failed: t.o_failed, gave_up: t.o_gave_up },
      totalMinutes: t.minutes,
      coverage: { solved: t.solved, total: catalogueSize, ratio: ratio(t.solved, catalogueSize) },
      byDifficulty,
      byTopic: topicRows.map((r) => ({
        topicId: r.id,
        name: r.name,
        attempts: r.attempts,
        failed: r.failed,
        solved: r.solved,
        total: r.total,
        coverage: ratio(r.solved, r.total),
        minutes: r.minutes,
      })),
      streak: computeStreak(perDay.keys(), today),
      heatmap,
      minutesPerWeek: [...weeks].map(([start, w]) => ({ weekStart: start, minutes: w.minutes, attempts: w.attempts })),
    };
  }

  private async invalidate(userId: number): Promise<void> {
    await this.deps.cache.invalidateTags(cacheKeys.userTag(userId));
  }
}
