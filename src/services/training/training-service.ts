// Spaced repetition with FSRS-6 (ts-fsrs): review cards per user and problem, the full review log,
// the due queue, direct ratings, previews, suspend/resume and topic mastery.
import { and, asc, desc, eq, gte, lte, ne, sql } from "drizzle-orm";
import type { Grade, ReviewLog } from "ts-fsrs";
import { State } from "ts-fsrs";
import { type Cache, cacheKeys } from "../../cache/cache.js";
import type { Clock } from "../../config/clock.js";
import type { RatingName } from "../../config/constants.js";
import type { Database, Queryable } from "../../config/database.js";
import { type Problem, problems, type ReviewCard, reviewCards, reviewLogs } from "../../database/schema.js";
import { NotFoundError } from "../../errors.js";
import type { CatalogService } from "../catalog/catalog-service.js";
import { KeyedQueue } from "../shared/keyed-queue.js";
import { type Learner, loadLearner } from "../shared/learner.js";
import { localDate } from "../shared/local-dates.js";
import { MAX_PAGE_SIZE } from "../shared/pagination.js";
import { applyPlannedReview, type PlannedReview } from "../tracking/attempt-write.js";
import {
  type CardView,
  DEFAULT_DUE_REVIEWS,
  type DueQueue,
  type NewProblem,
  type RatingPreview,
  type ReviewLogView,
} from "./contract.js";
import {
  cardFromRow,
  emptyCard,
  logRow,
  ratingFromName,
  ratingName,
  retrievability,
  rowFromCard,
  schedulerFor,
  stateName,
} from "./fsrs-scheduling.js";
import { type TopicMastery, topicMastery } from "./mastery.js";

export type { CardView, DueQueue, DueReview, NewProblem, RatingPreview, ReviewLogView } from "./contract.js";

/** Chooses up to `count` problems the user has never tried, in the order they should learn them. */
export type NewProblemPicker = (userId: number, count: number) => Promise<NewProblem[]>;

export interface TrainingDeps {
  db: Database;
  cache: Cache;
  clock: Clock;
  catalog: CatalogService;
  ttlSeconds: number;
  /** the due queue's new problems: the roadmap feature's picker (services/roadmap/new-problem-picker.ts) */
  pickNewProblems: NewProblemPicker;
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;
const RATING_ORDER: RatingName[] = ["again", "hard", "good", "easy"];

export class TrainingService {
  private readonly cardQueue = new KeyedQueue();

  constructor(private readonly deps: TrainingDeps) {}

  /**
   * Applies one rating to the user's card for `problem` inside the caller's transaction: creates the card
   * on first sight, locks it (so concurrent ratings of one card serialize instead of losing updates),
   * schedules it and appends the review log. A review never goes back in time: a back-dated attempt
   * older than the card's last review is applied at that last review's time.
   */
  async reviewInTransaction(
    tx: Queryable,
    learner: Pick<Learner, "id" | "targetRetention">,
    problem: Pick<Problem, "id">,
    rating: Grade,
    reviewedAt: Date,
    options: { attemptId?: number; durationMs?: number; planned?: PlannedReview } = {},
  ): Promise<ReviewCard> {
    const now = this.deps.clock.now();
    // Computed before the transaction from a snapshot (attempt-write.ts): one statement when the card is
    // unchanged since; otherwise the locking path below.
    const stored = options.planned ? await applyPlannedReview(tx, options.planned, now) : undefined;
    if (stored && options.planned) {
      await this.appendLog(tx, learner.id, stored.id, options.planned.next.log, options);
      return stored;
    }
    // One statement creates the card on first sight or, on conflict, locks the existing row (a no-op
    // update) and returns its latest committed state; the lock is held until the transaction ends.
    const [row] = await tx
      .insert(reviewCards)
      .values({ userId: learner.id, problemId: problem.id, ...rowFromCard(emptyCard(reviewedAt)), createdAt: now })
      .onConflictDoUpdate({
        target: [reviewCards.userId, reviewCards.problemId],
        set: { updatedAt: sql`${reviewCards.updatedAt}` },
      })
      .returning();
    if (!row) throw new Error("review card vanished inside its transaction");
    const card = cardFromRow(row);
    const at = card.last_review && card.last_review > reviewedAt ? card.last_review : reviewedAt;
    const next = schedulerFor(learner.targetRetention).next(card, at, rating);
    const [updated] = await tx
      .update(reviewCards)
      .set({ ...rowFromCard(next.card), updatedAt: now })
      .where(eq(reviewCards.id, row.id))
      .returning();
    await this.appendLog(tx, learner.id, row.id, next.log, options);
    return updated as ReviewCard;
  }

  private async appendLog(
    tx: Queryable,
    userId: number,
    cardId: number,
    log: ReviewLog,
    options: { attemptId?: number; durationMs?: number },
  ): Promise<void> {
    await tx.insert(reviewLogs).values({
      userId,
      cardId,
      attemptId: options.attemptId ?? null,
      durationMs: options.durationMs ?? null,
      ...logRow(log),
    });
  }

  /**
   * Runs `write` (a transaction that calls reviewInTransaction for this card) after any other write to
   * the same card from this process has finished: see keyed-queue.ts for why.
   */
  serializeCardWrite<T>(userId: number, problemId: number, write: () => Promise<T>): Promise<T> {
    return this.cardQueue.run(`${userId}:${problemId}`, write);
  }

  /** Rates a problem directly (a review without an attempt row) and returns the card's next schedule. */
  async rate(userId: number, slug: string, rating: RatingName, durationMs?: number): Promise<CardView> {
    const learner = await loadLearner(this.deps.db, userId);
    const problem = await this.deps.catalog.resolve(this.deps.db, userId, slug);
    const now = this.deps.clock.now();
    const row = await this.serializeCardWrite(userId, problem.id, () =>
      this.deps.db.transaction((tx) =>
        this.reviewInTransaction(tx, learner, problem, ratingFromName(rating), now, { durationMs }),
      ),
    );
    await this.deps.cache.invalidateTags(cacheKeys.userTag(userId));
    return this.view(row, problem, learner, now);
  }

  /** What each of the four ratings would schedule now (nothing is saved). */
  async preview(userId: number, slug: string): Promise<RatingPreview[]> {
    const learner = await loadLearner(this.deps.db, userId);
    const problem = await this.deps.catalog.resolve(this.deps.db, userId, slug);
    const row = await this.findCard(this.deps.db, userId, problem.id);
    const now = this.deps.clock.now();
    const card = row ? cardFromRow(row) : emptyCard(now);
    const at = card.last_review && card.last_review > now ? card.last_review : now;
    const outcomes = schedulerFor(learner.targetRetention).repeat(card, at);
    return RATING_ORDER.map((name) => {
      const item = outcomes[ratingFromName(name)];
      return {
        rating: name,
        due: item.card.due.toISOString(),
        scheduledDays: item.card.scheduled_days,
        stability: round(item.card.stability),
      };
    });
  }

  async card(userId: number, slug: string): Promise<CardView & { log: ReviewLogView[] }> {
    const learner = await loadLearner(this.deps.db, userId);
    const problem = await this.deps.catalog.resolve(this.deps.db, userId, slug);
    const row = await this.findCard(this.deps.db, userId, problem.id);
    if (!row) throw new NotFoundError(`You have no review card for "${slug}" yet: log an attempt or rate it first.`);
    const log = await this.deps.db
      .select()
      .from(reviewLogs)
      .where(and(eq(reviewLogs.userId, userId), eq(reviewLogs.cardId, row.id)))
      .orderBy(desc(reviewLogs.reviewedAt), desc(reviewLogs.id))
      .limit(100);
    return {
      ...this.view(row, problem, learner, this.deps.clock.now()),
      log: log.map((l) => ({
        rating: ratingName(l.rating),
        state: stateName(l.state),
        reviewedAt: l.reviewedAt.toISOString(),
        due: l.due.toISOString(),
        scheduledDays: l.scheduledDays,
        elapsedDays: l.elapsedDays,
        attemptId: l.attemptId,
      })),
    };
  }

  suspend(userId: number, slug: string): Promise<CardView> {
    return this.setSuspended(userId, slug, true);
  }

  resume(userId: number, slug: string): Promise<CardView> {
    return this.setSuspended(userId, slug, false);
  }

  private async setSuspended(userId: number, slug: string, suspended: boolean): Promise<CardView> {
    const learner = await loadLearner(this.deps.db, userId);
    const problem = await this.deps.catalog.resolve(this.deps.db, userId, slug);
    const [row] = await this.deps.db
      .update(reviewCards)
      .set({ suspended, updatedAt: this.deps.clock.now() })
      .where(and(eq(reviewCards.userId, userId), eq(reviewCards.problemId, problem.id)))
      .returning();
    if (!row) throw new NotFoundError(`You have no review card for "${slug}" to ${suspended ? "suspend" : "resume"}.`);
    await this.deps.cache.invalidateTags(cacheKeys.userTag(userId));
    return this.view(row, problem, learner, this.deps.clock.now());
  }

  /** Cards due now ordered by lowest retrievability, plus today's new problems within the daily limit. */
  async dueQueue(userId: number, options: { limit?: number } = {}): Promise<DueQueue> {
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, options.limit ?? DEFAULT_DUE_REVIEWS));
    const learner = await loadLearner(this.deps.db, userId);
    const now = this.deps.clock.now();
    const scheduler = schedulerFor(learner.targetRetention);
    const rows = await this.deps.db
      .select({ card: reviewCards, slug: problems.slug, title: problems.title, difficulty: problems.difficulty })
      .from(reviewCards)
      .innerJoin(problems, eq(problems.id, reviewCards.problemId))
      .where(
        and(
          eq(reviewCards.userId, userId),
          eq(reviewCards.suspended, false),
          ne(reviewCards.state, State.New),
          lte(reviewCards.due, now),
        ),
      );
    const reviews = rows
      .map(({ card, slug, title, difficulty }) => ({
        problemSlug: slug,
        title,
        difficulty,
        due: card.due.toISOString(),
        retrievability: round(retrievability(scheduler, cardFromRow(card), now)),
        state: stateName(card.state),
        reps: card.reps,
        lapses: card.lapses,
      }))
      .sort((a, b) => a.retrievability - b.retrievability || a.due.localeCompare(b.due))
      .slice(0, limit);

    // Cards created in the last 48 hours, filtered to the user's local today (a day is at most 26 h long).
    const recent = await this.deps.db
      .select({ createdAt: reviewCards.createdAt })
      .from(reviewCards)
      .where(and(eq(reviewCards.userId, userId), gte(reviewCards.createdAt, new Date(now.getTime() - 48 * 3_600_000))));
    const today = localDate(now, learner.timezone);
    const newStartedToday = recent.filter((r) => localDate(r.createdAt, learner.timezone) === today).length;
    const remaining = Math.max(0, learner.dailyNewLimit - newStartedToday);
    const newProblems = remaining > 0 ? await this.deps.pickNewProblems(userId, remaining) : [];
    return {
      reviews,
      newProblems: newProblems.slice(0, remaining),
      dailyNewLimit: learner.dailyNewLimit,
      newStartedToday,
    };
  }

  /** Per-topic mastery (see mastery.ts for the formula), cached under the user's tag. */
  async mastery(userId: number): Promise<TopicMastery[]> {
    return this.deps.cache.getOrLoad(
      cacheKeys.user(userId, "mastery"),
      { ttlSeconds: this.deps.ttlSeconds, tags: [cacheKeys.userTag(userId)] },
      async () => {
        const learner = await loadLearner(this.deps.db, userId);
        return topicMastery(this.deps.db, userId, schedulerFor(learner.targetRetention), this.deps.clock.now());
      },
    );
  }

  async findCard(db: Queryable, userId: number, problemId: number): Promise<ReviewCard | undefined> {
    const [row] = await db
      .select()
      .from(reviewCards)
      .where(and(eq(reviewCards.userId, userId), eq(reviewCards.problemId, problemId)))
      .orderBy(asc(reviewCards.id));
    return row;
  }

  private view(row: ReviewCard, problem: Problem, learner: Learner, now: Date): CardView {
    return {
      problemSlug: problem.slug,
      title: problem.title,
      difficulty: problem.difficulty,
      state: stateName(row.state),
      due: row.due.toISOString(),
      scheduledDays: row.scheduledDays,
      stability: round(row.stability),
      difficultyRating: round(row.difficulty),
      reps: row.reps,
      lapses: row.lapses,
      lastReview: row.lastReview?.toISOString() ?? null,
      suspended: row.suspended,
      retrievability: round(retrievability(schedulerFor(learner.targetRetention), cardFromRow(row), now)),
    };
  }
}
