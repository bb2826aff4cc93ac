// Attempts written in batches (attempt-batch.ts) against the same attempts written one by one: the same
// attempt rows, cards, review logs, plan ticks, skills and problem ratings; the batched snapshot read
// against the single one; a batch with one stale snapshot or one failing attempt writes nothing of the
// batch, and every other attempt is then written on its own; and learners logging in parallel through the
// service form real batches and keep every count exact.
import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import type { Outcome } from "../../src/config/constants.js";
import { queryRows } from "../../src/config/database.js";
import {
  attempts,
  planItems,
  problems,
  reviewCards,
  reviewLogs,
  skillEstimates,
  studyPlans,
  users,
} from "../../src/database/schema.js";
import { NotFoundError } from "../../src/errors.js";
import { GLOBAL_SKILL, wantedSkills } from "../../src/services/adaptive/skill-estimates.js";
import type { Settled } from "../../src/services/shared/batcher.js";
import {
  type AttemptWriteJob,
  writeAttemptsInOneStatement,
  writeBatch,
  writeOne,
} from "../../src/services/tracking/attempt-batch.js";
import {
  type AttemptSnapshot,
  readAttemptSnapshot,
  readAttemptSnapshots,
} from "../../src/services/tracking/attempt-statement.js";
import { planReview } from "../../src/services/tracking/attempt-write.js";
import { TrackingService } from "../../src/services/tracking/tracking-service.js";
import { ratingForAttempt } from "../../src/services/training/fsrs-scheduling.js";
import { createTestContext, newLearner, usingPostgres } from "../helpers/context.js";

const clock = new FakeClock("2026-06-01T08:00:00Z");
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { clock });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const newUser = () => newLearner(ctx.db, "batch");

const problemId = async (slug: string) =>
  (
    await ctx.db
      .select({ id: problems.id })
      .from(problems)
      .where(and(eq(problems.slug, slug), isNull(problems.ownerUserId)))
  )[0]?.id as number;

/** A plan made before the clock's now, with one item for `slug` (an attempt of it ticks the item). */
async function planFor(userId: number, slug: string): Promise<number> {
  const [plan] = await ctx.db
    .insert(studyPlans)
    .values({
      userId,
      startsOn: "2026-05-25",
      endsOn: "2026-07-01",
      weeklyHours: 5,
      createdAt: new Date("2026-05-25T00:00:00Z"),
    })
    .returning({ id: studyPlans.id });
  const [item] = await ctx.db
    .insert(planItems)
    .values({ planId: plan?.id as number, userId, week: 1, kind: "new", problemId: await problemId(slug), minutes: 30 })
    .returning({ id: planItems.id });
  return item?.id as number;
}

/** What writing this attempt needs, from its snapshot (the service computes the same). */
function jobFrom(
  snapshot: AttemptSnapshot,
  userId: number,
  step: { outcome: Outcome; minutes: number },
): AttemptWriteJob {
  if (!snapshot.problem || !snapshot.rating) throw new Error("no problem in the snapshot");
  const now = clock.now();
  const rating = ratingForAttempt(step.outcome, step.minutes, snapshot.problem.difficulty);
  const values = {
    userId,
    problemId: snapshot.problem.id,
    outcome: step.outcome,
    rating,
    minutes: step.minutes,
    language: "python",
    notes: null,
    attemptedAt: now,
    source: "manual",
    createdAt: now,
  };
  return {
    values,
    plan: planReview(snapshot.learner, values.problemId, snapshot.card, rating, now),
    snapshot,
    rating: ctx.attemptRatings.planOnSnapshot(
      { userId, problemId: values.problemId, outcome: step.outcome, minutes: step.minutes },
      snapshot.rating.problem,
      snapshot.rating.skills,
      now,
    ),
    wantedSkills: wantedSkills(snapshot.rating.problem.topics ?? []),
    now,
    durationMs: step.minutes * 60_000,
  };
}

/** Everything an attempt writes for a learner, without ids that differ between two learners. */
async function writtenFor(userId: number) {
  const attemptRows = await ctx.db.select().from(attempts).where(eq(attempts.userId, userId)).orderBy(asc(attempts.id));
  const cards = await ctx.db
    .select()
    .from(reviewCards)
    .where(eq(reviewCards.userId, userId))
    .orderBy(asc(reviewCards.problemId));
  const logs = await ctx.db.select().from(reviewLogs).where(eq(reviewLogs.userId, userId)).orderBy(asc(reviewLogs.id));
  const skills = await ctx.db
    .select()
    .from(skillEstimates)
    .where(eq(skillEstimates.userId, userId))
    .orderBy(asc(skillEstimates.topic));
  const ticks = await ctx.db
    .select({ doneAt: planItems.doneAt, attempt: planItems.doneAttemptId })
    .from(planItems)
    .where(eq(planItems.userId, userId));
  const attemptIndex = new Map(attemptRows.map((a, i) => [a.id, i]));
  return {
    attempts: attemptRows.map(({ id: _i, userId: _u, ...a }) => a),
    cards: cards.map(({ id: _i, userId: _u, ...c }) => c),
    logs: logs.map(({ id: _i, userId: _u, cardId: _c, attemptId, ...l }) => ({
      ...l,
      attempt: attemptId === null ? null : attemptIndex.get(attemptId),
    })),
    skills: skills.map(({ userId: _u, ...s }) => s),
    ticks: ticks.map((t) => ({ doneAt: t.doneAt, attempt: t.attempt === null ? null : attemptIndex.get(t.attempt) })),
  };
}

interface RatingRow {
  id: number;
  rating: number | null;
  rating_deviation: number | null;
  rating_source: string | null;
  rated_attempts: number;
}
const ratingsOf = (ids: number[]) =>
  queryRows<RatingRow>(
    ctx.db,
    sql`select id, rating, rating_deviation, rating_source, rated_attempts from problems
         where id in (${sql.join(
           ids.map((id) => sql`${id}`),
           sql`, `,
         )}) order by id`,
  );
const restoreRatings = async (rows: RatingRow[]) => {
  for (const r of rows)
    await ctx.db.execute(
      sql`update problems set rating = ${r.rating}, rating_deviation = ${r.rating_deviation},
                 rating_source = ${r.rating_source}, rated_attempts = ${r.rated_attempts} where id = ${r.id}`,
    );
};

// five array problems no other test file names (the files run in parallel on a shared database, and this
// test compares problem ratings): the learners' array skill becomes certain enough for their later first
// attempts to move problem ratings (the problem update), and the last rounds repeat problems (existing cards)
const SLUGS = [
  "is-subsequence",
  "length-of-last-word",
  "longest-common-prefix",
  "longest-consecutive-sequence",
  "first-missing-positive",
];
const ROUNDS = 8;
const LEARNERS = 5;

const answerOf = <T>(s: Settled<T>) => {
  if (!s.ok) throw s.error;
  return s.value;
};

describe(`attempts written in batches on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, { timeout: 180_000 }, () => {
  it("writes what each attempt written alone writes: attempts, cards, logs, plan ticks, skills, problem ratings", async () => {
    const batched = await Promise.all(Array.from({ length: LEARNERS }, newUser));
    const alone = await Promise.all(Array.from({ length: LEARNERS }, newUser));
    // each learner's plan has an item for the problem of its first round
    for (const [j, user] of [...batched.entries(), ...alone.entries()])
      await planFor(user, SLUGS[j % SLUGS.length] as string);
    const ids = await Promise.all(SLUGS.map(problemId));
    const original = await ratingsOf(ids);
    onTestFinished(() => restoreRatings(original));
    let ratingsMoved = 0;
    let ticked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      clock.advance(5 * 3_600_000);
      // learner j attempts problem (j + round) mod 5: distinct problems within a round, as the batcher keeps
      const steps = batched.map((_, j) => ({
        slug: SLUGS[(j + round) % SLUGS.length] as string,
        outcome: ((j + round) % 3 === 0 ? "failed" : "solved") as Outcome,
        minutes: 10 + ((j * 7 + round * 3) % 30),
      }));
      const before = await ratingsOf(ids);

      // the batch: one read, one write
      const reads = await readAttemptSnapshots(
        ctx.db,
        batched.map((userId, j) => ({ userId, slug: steps[j]?.slug as string })),
      );
      const snapshots = reads.map(answerOf);
      for (const [j, userId] of batched.entries())
        expect(snapshots[j]).toEqual(await readAttemptSnapshot(ctx.db, userId, steps[j]?.slug as string));
      const jobs = snapshots.map((s, j) => jobFrom(s, batched[j] as number, steps[j] as (typeof steps)[number]));
      const written = await writeAttemptsInOneStatement(ctx.db, jobs);
      expect(written, "the batch wrote").toBeDefined();
      const afterBatch = await ratingsOf(ids);

      // the same attempts one by one, from the same problem ratings
      await restoreRatings(before);
      const one = [];
      for (const [j, userId] of alone.entries()) {
        const step = steps[j] as (typeof steps)[number];
        const job = jobFrom(await readAttemptSnapshot(ctx.db, userId, step.slug), userId, step);
        one.push(await writeOne(ctx.db, job));
      }
      expect(await ratingsOf(ids)).toEqual(afterBatch);
      ratingsMoved += afterBatch.filter((r, k) => r.rated_attempts !== before[k]?.rated_attempts).length;

      for (const j of batched.keys()) {
        const a = written?.[j];
        const b = one[j];
        expect({ ...a?.attempt, id: 0, userId: 0 }).toEqual({ ...b?.attempt, id: 0, userId: 0 });
        expect({ ...a?.card, id: 0 }).toEqual({ ...b?.card, id: 0 });
        expect(a?.planItemId === null).toBe(b?.planItemId === null);
        if (a?.planItemId !== null) ticked++;
        expect(await writtenFor(batched[j] as number)).toEqual(await writtenFor(alone[j] as number));
      }
    }
    const global = (await writtenFor(batched[0] as number)).skills.find((s) => s.topic === GLOBAL_SKILL);
    expect(global?.attempts).toBe(ROUNDS);
    expect(ticked, "every learner's planned problem was ticked by its first attempt").toBe(LEARNERS);
    expect(ratingsMoved, "some first attempt moved its problem's rating").toBeGreaterThan(0);
  });

  it("reads each pair's snapshot as the single read does: a learner gone, a slug unknown, a problem of another learner", async () => {
    const me = await newUser();
    const other = await newUser();
    await ctx.tracking.logAttempt(me, { problem: "two-sum", outcome: "solved", minutes: 12 });
    const [mine] = await ctx.db
      .insert(problems)
      .values({ slug: `mine-${randomUUID()}`, title: "Mine", difficulty: "Easy", ownerUserId: me })
      .returning({ slug: problems.slug });
    const pairs = [
      { userId: me, slug: "two-sum" }, // a card
      { userId: me, slug: "valid-anagram" }, // no card yet
      { userId: 2_147_483_000, slug: "two-sum" }, // no such learner
      { userId: me, slug: "no-such-problem" },
      { userId: me, slug: mine?.slug as string }, // my own problem
      { userId: other, slug: mine?.slug as string }, // someone else's: invisible
    ];
    const batch = await readAttemptSnapshots(ctx.db, pairs);
    for (const [k, pair] of pairs.entries()) {
      const single = await readAttemptSnapshot(ctx.db, pair.userId, pair.slug).then(
        (value): Settled<AttemptSnapshot> => ({ ok: true, value }),
        (error: unknown): Settled<AttemptSnapshot> => ({ ok: false, error }),
      );
      if (single.ok) expect(batch[k]).toEqual(single);
      else {
        expect(batch[k]?.ok).toBe(false);
        expect((batch[k] as { error: unknown }).error).toBeInstanceOf(NotFoundError);
        expect(single.error).toBeInstanceOf(NotFoundError);
      }
    }
    expect((batch[0] as { value: AttemptSnapshot }).value.card?.reps).toBe(1);
    expect((batch[4] as { value: AttemptSnapshot }).value.problem?.slug).toBe(mine?.slug);
    expect((batch[5] as { value: AttemptSnapshot }).value.problem).toBeUndefined();
  });

  const counts = async (userId: number) =>
    (
      await queryRows<{ attempts: number; logs: number; reps: number }>(
        ctx.db,
        sql`select (select count(*)::int from attempts where user_id = ${userId}) as attempts,
                   (select count(*)::int from review_logs where user_id = ${userId}) as logs,
                   (select coalesce(sum(reps), 0)::int from review_cards where user_id = ${userId}) as reps`,
      )
    )[0];

  it("writes nothing of a batch in which one snapshot moved, then writes each of the others on its own", async () => {
    const learners = await Promise.all([newUser(), newUser(), newUser()]);
    for (const user of learners) await ctx.tracking.logAttempt(user, { problem: "valid-anagram", outcome: "solved" });
    clock.advance(3_600_000);
    const slugs = ["valid-anagram", "two-sum", "contains-duplicate"];
    const jobs = [];
    for (const [j, user] of learners.entries())
      jobs.push(
        jobFrom(await readAttemptSnapshot(ctx.db, user, slugs[j] as string), user, { outcome: "solved", minutes: 15 }),
      );
    // the first learner's card moves after its snapshot was read (a review: its skills stay as they were,
    // so only the card's own check can see it)
    await ctx.training.rate(learners[0] as number, "valid-anagram", "good");
    const before = await Promise.all(learners.map(counts));
    expect(await writeAttemptsInOneStatement(ctx.db, jobs)).toBeUndefined();
    expect(await Promise.all(learners.map(counts)), "nothing of the batch was written").toEqual(before);

    const retried: number[] = [];
    const results = await writeBatch(ctx.db, jobs, (n) => retried.push(n));
    expect(retried, "the batch wrote nothing and its three attempts were sent again alone").toEqual([3]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(results.map((r) => (r.ok ? r.value !== undefined : false))).toEqual([false, true, true]);
    const after = await Promise.all(learners.map(counts));
    expect(after[0]).toEqual(before[0]); // its own snapshot moved: the caller takes the locking path
    expect(after[1]).toEqual({ attempts: 2, logs: 2, reps: 2 });
    expect(after[2]).toEqual({ attempts: 2, logs: 2, reps: 2 });
  });

  it("fails only the attempt the database refuses, and writes the rest of its batch", async () => {
    const learners = await Promise.all([newUser(), newUser()]);
    const jobs = [];
    for (const user of learners)
      jobs.push(jobFrom(await readAttemptSnapshot(ctx.db, user, "two-sum"), user, { outcome: "solved", minutes: 20 }));
    // a value PostgreSQL cannot store (the HTTP layer refuses it earlier; here it reaches the statement)
    jobs[0] = {
      ...(jobs[0] as AttemptWriteJob),
      values: { ...(jobs[0] as AttemptWriteJob).values, language: "py\u0000" },
    };
    const results = await writeBatch(ctx.db, jobs);
    expect(results[0]?.ok).toBe(false);
    expect(String((results[0] as { error: { message?: string } }).error.message)).toMatch(
      /0x00|null character|\\u0000/i,
    );
    expect(results[1]?.ok).toBe(true);
    expect(await counts(learners[0] as number)).toEqual({ attempts: 0, logs: 0, reps: 0 });
    expect(await counts(learners[1] as number)).toEqual({ attempts: 1, logs: 1, reps: 1 });
  });

  it("writes nothing of an attempt whose problem was deleted after its snapshot (its locking path answers)", async () => {
    const learners = await Promise.all([newUser(), newUser()]);
    const [custom] = await ctx.db
      .insert(problems)
      .values({ slug: `gone-${randomUUID()}`, title: "Gone", difficulty: "Medium", ownerUserId: learners[0] as number })
      .returning({ id: problems.id, slug: problems.slug });
    const jobs = [
      jobFrom(await readAttemptSnapshot(ctx.db, learners[0] as number, custom?.slug as string), learners[0] as number, {
        outcome: "solved",
        minutes: 20,
      }),
      jobFrom(await readAttemptSnapshot(ctx.db, learners[1] as number, "two-sum"), learners[1] as number, {
        outcome: "solved",
        minutes: 20,
      }),
    ];
    await ctx.db.delete(problems).where(eq(problems.id, custom?.id as number));
    const results = await writeBatch(ctx.db, jobs);
    expect(results.map((r) => r.ok && r.value !== undefined)).toEqual([false, true]);
    expect(await counts(learners[0] as number)).toEqual({ attempts: 0, logs: 0, reps: 0 });
    expect(await counts(learners[1] as number)).toEqual({ attempts: 1, logs: 1, reps: 1 });
  });

  it("forms batches when many learners log at once, through two servers, and every count stays exact", async () => {
    // a second service instance is a second server: its batches and learner queues are its own
    const second = new TrackingService({
      db: ctx.db,
      cache: ctx.cache,
      clock: ctx.clock,
      catalog: ctx.catalog,
      training: ctx.training,
      ratings: ctx.attemptRatings,
      ttlSeconds: 60,
    });
    const learners = await Promise.all(Array.from({ length: 16 }, newUser));
    const slugs = ["two-sum", "valid-anagram", "contains-duplicate", "valid-parentheses", "sort-colors"];
    const perLearner = 6;
    const batches = ctx.tracking.attemptBatches;
    const batchedBefore = batches.writes.stats.batched - batches.retried.write;
    const asked = learners.flatMap((user, j) =>
      Array.from({ length: perLearner }, (_, i) => ({ user, slug: slugs[(i + j) % slugs.length] as string, i, j })),
    );
    const answers = await Promise.all(
      asked.map(({ user, slug, i, j }) =>
        // a learner's attempts go through both servers: their snapshots go stale under each other
        (i % 2 && j % 2 ? second : ctx.tracking).logAttempt(user, {
          problem: slug,
          outcome: i % 3 ? "solved" : "failed",
        }),
      ),
    );
    // every answer is its own learner's attempt of the problem it asked for (a batch mixes learners: an
    // answer built from a neighbour's row would show another user's attempt)
    const owners = new Map(
      (
        await queryRows<{ id: number; user_id: number }>(
          ctx.db,
          sql`select id, user_id from attempts where id = any(${sql.param(answers.map((a) => a.attempt.id))}::int[])`,
        )
      ).map((r) => [r.id, r.user_id]),
    );
    for (const [k, answer] of answers.entries()) {
      expect(answer.attempt.problemSlug).toBe(asked[k]?.slug);
      expect(owners.get(answer.attempt.id)).toBe(asked[k]?.user);
    }
    for (const user of learners) {
      expect(await counts(user)).toEqual({ attempts: perLearner, logs: perLearner, reps: perLearner });
      const [global] = await queryRows<{ attempts: number }>(
        ctx.db,
        sql`select attempts from skill_estimates where user_id = ${user} and topic = ${GLOBAL_SKILL}`,
      );
      expect(global?.attempts).toBe(perLearner);
    }
    // written by batch statements, not only sent in batches that then fell back one by one
    expect(
      batches.writes.stats.batched - batches.retried.write - batchedBefore,
      "attempts were written in batches of more than one",
    ).toBeGreaterThan(0);
    expect(batches.reads.stats.batched - batches.retried.read).toBeGreaterThan(0);
  });
});
