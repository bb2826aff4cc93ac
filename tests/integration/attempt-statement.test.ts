// The attempt's one-statement write (attempt-statement.ts) against the locking path it replaces: the same
// card, review log, skills and problem rating for the same attempts, no transaction on the usual path, and
// nothing at all written (not even the attempt) when a row it depends on moved since its snapshot.
import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { queryRows } from "../../src/config/database.js";
import { problems, reviewCards, reviewLogs, skillEstimates, users } from "../../src/database/schema.js";
import { GLOBAL_SKILL, wantedSkills } from "../../src/services/adaptive/skill-estimates.js";
import { readAttemptSnapshot, writeAttemptInOneStatement } from "../../src/services/tracking/attempt-statement.js";
import { planReview } from "../../src/services/tracking/attempt-write.js";
import { TrackingService } from "../../src/services/tracking/tracking-service.js";
import { ratingForAttempt } from "../../src/services/training/fsrs-scheduling.js";
import { createTestContext, newLearner, usingPostgres } from "../helpers/context.js";

const clock = new FakeClock("2026-05-04T08:00:00Z");
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { clock });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const newUser = () => newLearner(ctx.db, "stmt");

const skillsOf = (userId: number) =>
  ctx.db
    .select({
      topic: skillEstimates.topic,
      rating: skillEstimates.rating,
      deviation: skillEstimates.deviation,
      attempts: skillEstimates.attempts,
      updatedAt: skillEstimates.updatedAt,
    })
    .from(skillEstimates)
    .where(eq(skillEstimates.userId, userId))
    .orderBy(asc(skillEstimates.topic));

async function cardAndLogs(userId: number, slug: string) {
  const [problem] = await ctx.db
    .select({ id: problems.id })
    .from(problems)
    .where(and(eq(problems.slug, slug), isNull(problems.ownerUserId))); // the catalogue's, not a custom problem of another test
  const [card] = await ctx.db
    .select()
    .from(reviewCards)
    .where(and(eq(reviewCards.userId, userId), eq(reviewCards.problemId, problem?.id ?? -1)));
  if (!card) return { card: undefined, logs: [] };
  const logs = await ctx.db.select().from(reviewLogs).where(eq(reviewLogs.cardId, card.id)).orderBy(asc(reviewLogs.id));
  const { id: _id, userId: _u, createdAt: _c, ...schedule } = card;
  return { card: schedule, logs: logs.map(({ id: _i, userId: _uu, cardId: _cc, attemptId: _a, ...l }) => l) };
}

interface RatingRow {
  rating: number | null;
  rating_deviation: number | null;
  rating_source: string | null;
  rated_attempts: number;
}
const problemRating = async (slug: string) =>
  (
    await queryRows<RatingRow>(
      ctx.db,
      sql`select rating, rating_deviation, rating_source, rated_attempts from problems where slug = ${slug} and owner_user_id is null`,
    )
  )[0] as RatingRow;
const restoreRating = (slug: string, r: RatingRow) =>
  ctx.db.execute(
    sql`update problems set rating = ${r.rating}, rating_deviation = ${r.rating_deviation},
               rating_source = ${r.rating_source}, rated_attempts = ${r.rated_attempts} where slug = ${slug} and owner_user_id is null`,
  );

// five mixed array attempts make the learner's arrays skill certain enough to move problem ratings, so
// the later first attempts exercise the problem update as well; the repeats exercise met_before
const STEPS = [
  { problem: "two-sum", outcome: "solved", minutes: 12 },
  { problem: "contains-duplicate", outcome: "failed", minutes: 15 },
  { problem: "valid-anagram", outcome: "solved", minutes: 15 },
  { problem: "concatenation-of-array", outcome: "failed", minutes: 15 },
  { problem: "replace-elements-with-greatest-element-on-right-side", outcome: "solved", minutes: 15 },
  { problem: "sort-colors", outcome: "failed", minutes: 50 },
  { problem: "two-sum", outcome: "solved", minutes: 5 },
  { problem: "product-of-array-except-self", outcome: "solved", minutes: 30, hintsUsed: 1 },
] as const;

describe(`the attempt's one statement on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, { timeout: 120_000 }, () => {
  const attemptCount = async (userId: number) =>
    (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from attempts where user_id = ${userId}`))[0]
      ?.n;

  it("writes the same card, log, skills and problem rating as the locking path, without a transaction", async () => {
    const oneStatement = await newUser();
    const locking = await newUser();
    let problemRatingsMoved = 0;
    // the database may be shared with other test files: leave the catalogue's ratings as they were
    const slugs = [...new Set(STEPS.map((s) => s.problem))];
    const found = await Promise.all(slugs.map(problemRating));
    onTestFinished(async () => {
      for (const [i, slug] of slugs.entries()) await restoreRating(slug, found[i] as RatingRow);
    });
    for (const step of STEPS) {
      clock.advance(3 * 3_600_000);
      const before = await problemRating(step.problem);
      const transactions = vi.spyOn(ctx.db, "transaction");
      const a = await ctx.tracking.logAttempt(oneStatement, step);
      expect(transactions, "the usual attempt opens no transaction").not.toHaveBeenCalled();
      const afterOne = await problemRating(step.problem);
      await restoreRating(step.problem, before);
      // an attempt with notes takes the locking path (its note's memory is written in the transaction)
      const b = await ctx.tracking.logAttempt(locking, { ...step, notes: "what I learned" });
      expect(transactions).toHaveBeenCalledTimes(1);
      transactions.mockRestore();
      const afterLocking = await problemRating(step.problem);

      expect(afterOne).toEqual(afterLocking);
      if (afterOne.rated_attempts !== before.rated_attempts) problemRatingsMoved++;
      expect({ ...a.attempt, id: 0, notes: null }).toEqual({ ...b.attempt, id: 0, notes: null });
      expect(a.card).toEqual(b.card);
      expect(a.planItemId).toBeNull();
      expect(await skillsOf(oneStatement)).toEqual(await skillsOf(locking));
      expect(await cardAndLogs(oneStatement, step.problem)).toEqual(await cardAndLogs(locking, step.problem));
    }
    const skills = await skillsOf(oneStatement);
    expect(skills.find((s) => s.topic === GLOBAL_SKILL)?.attempts).toBe(STEPS.length);
    expect(problemRatingsMoved, "some first attempt moved its problem's rating").toBeGreaterThan(0);
  });

  it("counts every attempt two servers log in parallel for one new learner (stale snapshots fall back, no deadlock)", async () => {
    // a second service instance is a second server: its per-learner queue does not serialize with this
    // one's, so their snapshots go stale under each other and the database's locks decide
    const second = new TrackingService({
      db: ctx.db,
      cache: ctx.cache,
      clock: ctx.clock,
      catalog: ctx.catalog,
      training: ctx.training,
      ratings: ctx.attemptRatings,
      ttlSeconds: 60,
    });
    const slugs = ["two-sum", "valid-anagram", "contains-duplicate"];
    for (let round = 0; round < 3; round++) {
      const user = await newUser();
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? second : ctx.tracking).logAttempt(user, { problem: slugs[i % 3] as string, outcome: "solved" }),
        ),
      );
      expect(results).toHaveLength(30);
      expect(await attemptCount(user)).toBe(30);
      expect((await skillsOf(user)).find((s) => s.topic === GLOBAL_SKILL)?.attempts).toBe(30);
      const reps = await queryRows<{ n: number }>(
        ctx.db,
        sql`select sum(reps)::int as n from review_cards where user_id = ${user}`,
      );
      expect(reps[0]?.n).toBe(30);
      const logs = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from review_logs where user_id = ${user}`,
      );
      expect(logs[0]?.n).toBe(30);
    }
  });

  async function staleWrite(userId: number, slug: string) {
    const snapshot = await readAttemptSnapshot(ctx.db, userId, slug);
    if (!snapshot.problem || !snapshot.rating) throw new Error(`no problem ${slug}`);
    const now = clock.now();
    const rating = ratingForAttempt("solved", 20, snapshot.problem.difficulty);
    const values = {
      userId,
      problemId: snapshot.problem.id,
      outcome: "solved",
      rating,
      minutes: 20,
      language: null,
      notes: null,
      attemptedAt: now,
      source: "manual",
      createdAt: now,
    };
    return {
      snapshot,
      write: () =>
        writeAttemptInOneStatement(
          ctx.db,
          values,
          planReview(snapshot.learner, values.problemId, snapshot.card, rating, now),
          snapshot,
          ctx.attemptRatings.planOnSnapshot(
            { userId, problemId: values.problemId, outcome: "solved", minutes: 20 },
            snapshot.rating?.problem as never,
            snapshot.rating?.skills ?? [],
            now,
          ),
          wantedSkills(snapshot.rating?.problem.topics ?? []),
          now,
          20 * 60_000,
        ),
    };
  }

  it("writes nothing, not even the attempt, when the card or a skill row moved since its snapshot", async () => {
    const user = await newUser();
    await ctx.tracking.logAttempt(user, { problem: "two-sum", outcome: "solved", minutes: 10 });
    // the learner's global skill moves (another problem) after the snapshot of two-sum was read
    const otherProblem = await staleWrite(user, "two-sum");
    clock.advance(60_000);
    await ctx.tracking.logAttempt(user, { problem: "valid-parentheses", outcome: "solved", minutes: 10 });
    const cardBefore = await cardAndLogs(user, "two-sum");
    expect(await otherProblem.write()).toBeUndefined();
    expect(await attemptCount(user)).toBe(2);
    expect(await cardAndLogs(user, "two-sum")).toEqual(cardBefore);
    const global = (await skillsOf(user)).find((s) => s.topic === GLOBAL_SKILL);
    expect(global?.attempts).toBe(2);

    // the card itself moves (the same problem logged again) after the snapshot
    const sameCard = await staleWrite(user, "two-sum");
    clock.advance(60_000);
    await ctx.tracking.logAttempt(user, { problem: "two-sum", outcome: "failed", minutes: 30 });
    expect(await sameCard.write()).toBeUndefined();
    expect(await attemptCount(user)).toBe(3);
    expect((await cardAndLogs(user, "two-sum")).card?.reps).toBe(2);

    // and an unchanged snapshot writes it all
    const fresh = await staleWrite(user, "two-sum");
    expect((await fresh.write())?.card.reps).toBe(3);
    expect(await attemptCount(user)).toBe(4);
    expect((await skillsOf(user)).find((s) => s.topic === GLOBAL_SKILL)?.attempts).toBe(4);
  });

  it.skipIf(!usingPostgres)(
    "writes nothing when a skill row it must create is created meanwhile by a transaction that commits",
    async () => {
      const user = await newUser();
      const pending = await staleWrite(user, "two-sum");
      expect(pending.snapshot.rating?.skills).toEqual([]);
      let release: () => void = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      let inserted: () => void = () => {};
      const rowInserted = new Promise<void>((r) => {
        inserted = r;
      });
      // another writer creates the learner's global row and has not committed yet: the statement's snapshot
      // cannot see it, its insert waits for that writer, finds the row on commit, and must then undo itself
      const other = ctx.db.transaction(async (tx) => {
        await tx
          .insert(skillEstimates)
          .values({ userId: user, topic: GLOBAL_SKILL, rating: 1500, deviation: 350, updatedAt: clock.now() });
        inserted();
        await held;
      });
      await rowInserted;
      const write = pending.write();
      // release the other writer only once the statement is waiting for its row lock (so this exercises
      // the created-meanwhile check, not the version check a later start would hit)
      for (let waiting = 0; waiting === 0; await new Promise((r) => setTimeout(r, 20)))
        waiting = (
          await queryRows<{ n: number }>(
            ctx.db,
            sql`select count(*)::int as n from pg_stat_activity
                 where datname = current_database() and wait_event_type = 'Lock' and query like 'with attempt as%'`,
          )
        )[0]?.n as number;
      release();
      await other;
      expect(await write).toBeUndefined();
      expect(await attemptCount(user)).toBe(0);
      expect((await skillsOf(user)).map((s) => [s.topic, s.attempts])).toEqual([[GLOBAL_SKILL, 0]]);
    },
  );

  it.skipIf(!usingPostgres)(
    "plans its two statements once per connection: generic plans after the first five",
    async () => {
      // A statement whose generic plan looks costlier than its custom ones is planned again on every run
      // (PostgreSQL's plan cache keeps choosing custom plans): the write statement did that at first and spent
      // more time planning than executing. One pooled connection, so every run lands on the same one.
      const single = await createTestContext({ DB_POOL_MAX: "1" }, { clock });
      try {
        const user = await newUser();
        const slugs = ["two-sum", "valid-anagram", "contains-duplicate", "valid-parentheses"];
        for (let i = 0; i < 12; i++)
          await single.tracking.logAttempt(user, { problem: slugs[i % slugs.length] as string, outcome: "solved" });
        const plans = await queryRows<{ name: string; generic: number; custom: number }>(
          single.db,
          sql`select name, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
             where name like 'attempt%' order by name`,
        );
        expect(plans).toEqual([
          { name: "attempt_snapshot_v2", generic: 7, custom: 5 },
          { name: "attempt_write_v2", generic: 7, custom: 5 },
        ]);
      } finally {
        await single.close();
      }
    },
  );
});
