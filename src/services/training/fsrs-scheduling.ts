// The FSRS pieces every service shares: the scheduler for a user's target retention, the conversion
// between ts-fsrs cards and `review_cards` rows, and the rating an attempt implies when none is given.
import { type Card, createEmptyCard, type FSRS, fsrs, type Grade, Rating, type ReviewLog, State } from "ts-fsrs";
import type { Difficulty, Outcome, RatingName } from "../../config/constants.js";
import { RATINGS } from "../../config/constants.js";
import type { ReviewCard } from "../../database/schema.js";

/**
 * Typical minutes for one problem of each difficulty: the budget interviewers give (≈20 / 35 / 60 min).
 * Used to derive a rating from solve time, to flag slow topics and to size study plans.
 */
export const NORM_MINUTES: Record<Difficulty, number> = { easy: 20, medium: 35, hard: 60 };

/** A solve in at most this share of the norm counts as fast (Easy). */
export const FAST_SHARE = 0.5;

const schedulers = new Map<number, FSRS>();

/**
 * FSRS-6 with its default weights. Short-term (same-day learning) steps are off: a coding problem is not
 * re-solved ten minutes later, so every rating schedules whole days. No fuzz, so schedules are reproducible.
 */
export function schedulerFor(targetRetention: number): FSRS {
  const retention = Math.min(0.99, Math.max(0.7, targetRetention));
  let scheduler = schedulers.get(retention);
  if (!scheduler) {
    scheduler = fsrs({ request_retention: retention, enable_short_term: false, enable_fuzz: false });
    schedulers.set(retention, scheduler);
  }
  return scheduler;
}

/**
 * The rating an attempt implies: failed or gave up → Again; solved with no time given → Good;
 * solved within FAST_SHARE of the difficulty's norm → Easy; within the norm → Good; slower → Hard.
 */
export function ratingForAttempt(outcome: Outcome, minutes: number | null | undefined, difficulty: string): Grade {
  if (outcome !== "solved") return Rating.Again;
  if (minutes === null || minutes === undefined) return Rating.Good;
  const norm = NORM_MINUTES[difficulty as Difficulty] ?? NORM_MINUTES.medium;
  if (minutes <= norm * FAST_SHARE) return Rating.Easy;
  if (minutes <= norm) return Rating.Good;
  return Rating.Hard;
}

export function ratingFromName(name: RatingName): Grade {
  return RATINGS[name] as Grade;
}

const RATING_NAMES = ["manual", "again", "hard", "good", "easy"] as const;
export function ratingName(rating: number): string {
  return RATING_NAMES[rating] ?? String(rating);
}

const STATE_NAMES = ["new", "learning", "review", "relearning"] as const;
export function stateName(state: number): string {
  return STATE_NAMES[state] ?? String(state);
}

export function emptyCard(now: Date): Card {
  return createEmptyCard(now);
}

export function cardFromRow(row: ReviewCard): Card {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsedDays,
    scheduled_days: row.scheduledDays,
    learning_steps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as State,
    last_review: row.lastReview ?? undefined,
  };
}

export function rowFromCard(card: Card) {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

export function logRow(log: ReviewLog) {
  return {
    rating: log.rating,
    state: log.state,
    due: log.due,
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    reviewedAt: log.review,
  };
}

/** Recall probability now; 0 for a card never reviewed. */
export function retrievability(scheduler: FSRS, card: Card, now: Date): number {
  if (card.state === State.New) return 0;
  return scheduler.get_retrievability(card, now, false);
}
