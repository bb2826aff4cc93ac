// Tracking: logging attempts (each one also schedules the problem's review card, in the same
// transaction), listing and deleting them, per-problem notes, and the user's statistics.
import { and, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { type Cache, cacheKeys } from "../../cache/cache.js";
import type { Clock } from "../../config/clock.js";
import type { AttemptSource, Outcome, RatingName } from "../../config/constants.js";
import type { Database } from "../../config/database.js";
import { attempts, problemNotes, problems } from "../../database/schema.js";
import { BadRequestError, NotFoundError } from "../../errors.js";
import type { AttemptRatings } from "../adaptive/attempt-ratings.js";
import type { CatalogService } from "../catalog/catalog-service.js";
import { KeyedQueue } from "../shared/keyed-queue.js";
import { type Page, type PageRequest, pageBounds } from "../shared/page.js";
import type { UndoneRating } from "../training/contract.js";
import { ratingName, stateName } from "../training/fsrs-scheduling.js";
import type { TrainingService } from "../training/training-service.js";
import { computeStats, type Stats } from "../weaknesses/practice-stats.js";
import type { AttemptBatches } from "./attempt-batch.js";
import { AttemptCorrections, type AttemptEdit } from "./attempt-corrections.js";
import { AttemptWriter } from "./attempt-writer.js";
import { MAX_LANGUAGE_LENGTH, MAX_MINUTES, MAX_NOTES_LENGTH } from "./contract.js";
import { type EmbedNoteMemories, problemNoteSource, syncNoteMemory } from "./practice-effects.js";

// Limits are the contract's; validate() repeats them only for callers that skip the schemas (imports).
export { MAX_LANGUAGE_LENGTH, MAX_MINUTES, MAX_NOTES_LENGTH } from "./contract.js";

/** An attempt may be dated a little ahead of the server's clock (the client's clock can run fast). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const EARLIEST_ATTEMPT = Date.parse("2000-01-01T00:00:00Z");

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
  /** hints taken before solving (an interview's), which weigh the skill update (services/adaptive) */
  hintsUsed?: number;
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
  /** the study-plan item this attempt ticked (the problem was planned), or null */
  planItemId: number | null;
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

export type { Stats } from "../weaknesses/practice-stats.js";

export interface TrackingDeps {
  db: Database;
  cache: Cache;
  clock: Clock;
  catalog: CatalogService;
  training: TrainingService;
  /** skill and problem rating updates, made inside each attempt's transaction */
  ratings?: AttemptRatings;
  ttlSeconds: number;
  /** benchmarks only: compute stats on every call instead of reading the cache */
  bypassStatsCache?: boolean;
  /** queues embedding of the memories notes become (absent: they stay full-text searchable only) */
  embedNotes?: EmbedNoteMemories;
}

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
  private readonly corrections: AttemptCorrections;
  private readonly writer: AttemptWriter;
  private readonly learnerQueue = new KeyedQueue();

  constructor(private readonly deps: TrackingDeps) {
    this.corrections = new AttemptCorrections(deps);
    this.writer = new AttemptWriter(deps);
  }

  /** the attempts' batched reads and writes, with their counts (attempt-batch.ts) */
  get attemptBatches(): AttemptBatches {
    return this.writer.batches;
  }

  async logAttempt(userId: number, input: LogAttemptInput): Promise<LoggedAttempt> {
    const now = this.deps.clock.now();
    const attemptedAt = input.attemptedAt ?? now;
    this.validate(input, attemptedAt, now);
    // One learner's attempts run one after another in this process: they all update the learner's global
    // skill row, so concurrent ones would serialize on its lock anyway, and a snapshot read while another
    // attempt of the same learner is being written would be stale by the time it is used.
    const { attempt, card, planItemId, memoryIds, problem } = await this.learnerQueue.run(String(userId), () =>
      this.writer.write(userId, input, now, attemptedAt),
    );
    await this.embedNotes(userId, memoryIds);
    // off the response path; reads of this user's cache in this process wait for it (cache.ts)
    this.deps.cache.invalidateTagsInBackground(cacheKeys.userTag(userId));
    return {
      attempt: toView({ ...attempt, slug: problem.slug, title: problem.title, difficulty: problem.difficulty }),
      card: {
        due: card.due.toISOString(),
        state: stateName(card.state),
        scheduledDays: card.scheduledDays,
        reps: card.reps,
        lapses: card.lapses,
      },
      planItemId,
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
   * Deletes one of the user's attempts, as if it had never been logged: its review is taken out of the
   * card's log and the card replayed (attempt-corrections.ts), its plan tick and note memory go too.
   */
  async deleteAttempt(userId: number, id: number): Promise<void> {
    await this.corrections.deleteAttempt(userId, id);
    await this.invalidate(userId);
  }

  /** Corrects an attempt (outcome, minutes, rating, date, language, notes) and replays its card. */
  async editAttempt(userId: number, id: number, edit: AttemptEdit): Promise<AttemptView> {
    this.validate(
      {
        problem: "",
        outcome: edit.outcome ?? "solved",
        minutes: edit.minutes,
        notes: edit.notes,
        language: edit.language,
      },
      edit.attemptedAt ?? this.deps.clock.now(),
      this.deps.clock.now(),
    );
    await this.corrections.editAttempt(userId, id, edit);
    await this.invalidate(userId);
    return this.getAttempt(userId, id);
  }

  /**
   * Undoes the newest rating of a card (and the attempt it came with, if any) and returns the card as it
   * is after the undo, with its log; `card` is null when nothing is left of it.
   */
  async undoLastRating(userId: number, slug: string): Promise<UndoneRating> {
    const { undoneAttemptId, card } = await this.corrections.undoLastRating(userId, slug);
    await this.invalidate(userId);
    return { undoneAttemptId, card: card ? await this.deps.training.card(userId, slug) : null };
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
    const { row, memoryIds } = await this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(problemNotes)
        .values({ userId, problemId: problem.id, ...values })
        .onConflictDoUpdate({
          target: [problemNotes.userId, problemNotes.problemId],
          set: input.revisit === undefined ? { body: input.body, updatedAt: now } : values,
        })
        .returning();
      if (!row) throw new Error("note upsert returned no row");
      // the note's memory follows its text: replaced on edit, gone when the note is emptied
      const memoryIds = await syncNoteMemory(tx, {
        userId,
        source: problemNoteSource(problem.slug),
        subject: problem.title,
        body: row.body,
        createdAt: now,
      });
      return { row, memoryIds };
    });
    await this.embedNotes(userId, memoryIds);
    await this.invalidate(userId);
    return { problemSlug: problem.slug, body: row.body, revisit: row.revisit, updatedAt: row.updatedAt.toISOString() };
  }

  private async embedNotes(userId: number, ids: number[]): Promise<void> {
    if (ids.length > 0) await this.deps.embedNotes?.(userId, ids);
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

  /**
   * `statsJson` without a promise when this process holds the cached body (the in-process cache's entry, or
   * Redis's local copy, with no invalidation of the user's tag running), so a route can send it at once.
   */
  statsBody(userId: number): string | Promise<string> {
    if (this.deps.bypassStatsCache) return this.statsJson(userId);
    const held = this.deps.cache.peekJson?.(cacheKeys.user(userId, "stats"), [cacheKeys.userTag(userId)]);
    return held ?? this.statsJson(userId);
  }

  /** The same statistics as serialised JSON, sent as-is: a cache hit is one read, no parse, no re-serialisation. */
  async statsJson(userId: number): Promise<string> {
    if (this.deps.bypassStatsCache) return JSON.stringify(await this.computeStats(userId));
    return this.deps.cache.getOrLoadJson(
      cacheKeys.user(userId, "stats"),
      { ttlSeconds: this.deps.ttlSeconds, tags: [cacheKeys.userTag(userId)] },
      () => this.computeStats(userId),
    );
  }

  computeStats(userId: number): Promise<Stats> {
    return computeStats(this.deps.db, this.deps.clock.now(), userId);
  }

  private async invalidate(userId: number): Promise<void> {
    await this.deps.cache.invalidateTags(cacheKeys.userTag(userId));
  }
}
