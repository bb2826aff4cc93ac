// The attempt write path in two round trips: one snapshot read, then ONE statement without BEGIN/COMMIT
// that writes the attempt, the card, its review log, the plan tick and the rating update.
//
// The snapshot read (unlocked) returns what every part needs: the learner, the problem, its card, and the
// rating inputs (the problem's rating row and topics, whether the learner met it before, the learner's
// skill rows) with a version string of the problem's and of the skills' rows. FSRS and the rating
// arithmetic (AttemptRatings.planOnSnapshot) run on it in JS. The statement then writes all of it, but
// only when what it locks is still what the snapshot saw: the card unchanged (reps and updated_at; its
// upsert locks it), then the problem row (FOR NO KEY UPDATE) and the skill rows (FOR UPDATE, global first)
// with the same versions, and every skill row it has to create still missing. Any difference raises an
// error inside the statement, so a single statement's atomicity rolls ALL of it back (the attempt too),
// and the caller runs the locking path in a transaction instead (attempt-write.ts, AttemptRatings). Locks
// are taken in the locking path's order (card, problem, skills global first), so the two never deadlock.
// An unchanged card also proves that no attempt of this card was written since the snapshot, so its
// `met_before` still holds (the same argument as attempt-write.ts).
import type { Database } from "../../config/database.js";
import { type PreparedStatement, preparedRows } from "../../config/database.js";
import type { Attempt, ReviewCard } from "../../database/schema.js";
import { NotFoundError } from "../../errors.js";
import type { PlannedRating } from "../adaptive/attempt-ratings.js";
import type { LockedProblemRow } from "../adaptive/problem-ratings.js";
import { GLOBAL_SKILL, type SkillEstimate, type SkillRow } from "../adaptive/skill-estimates.js";
import type { Settled } from "../shared/batcher.js";
import { logRow, rowFromCard } from "../training/fsrs-scheduling.js";
import type { AttemptValues, PlannedReview } from "./attempt-write.js";

export const TOPICS = (problem: string) =>
  `coalesce((select array_agg(pt.topic_id order by pt.topic_id) from problem_topics pt
              where pt.problem_id = ${problem}.id), '{}'::text[])`;
// Versions compared by text, read the same way in both statements (epoch: independent of the session's
// time zone; float8 text is exact).
export const PROBLEM_VERSION = (p: string, topics: string) =>
  `concat_ws('|', ${p}.difficulty, coalesce(${p}.rating::text, '-'), coalesce(${p}.rating_deviation::text, '-'),
             array_to_string(${topics}, ','))`;
export const SKILL_VERSION = (s: string) =>
  `concat_ws(':', ${s}.topic, ${s}.rating::text, ${s}.deviation::text, ${s}.attempts::text,
             extract(epoch from ${s}.updated_at)::text)`;
export const SNAPSHOT_MOVED = "attempt write: the snapshot moved";

// One json column rather than ~30: node-postgres builds a parser table and a row object per column of every
// result (addFields/parseRow), which made the read's decoding the largest driver cost of an attempt; the
// json is decoded once, natively. The problem's topics are aggregated once per row (a lateral aggregate is
// not pulled up; a scalar subquery there was copied into each of its three uses).
const SNAPSHOT_JSON = `json_build_object(
                'learner_id', u.id, 'target_retention', u.target_retention,
                'p_id', p.id, 'p_slug', p.slug, 'p_title', p.title, 'p_difficulty', p.difficulty,
                'p_rating', p.rating, 'p_rating_deviation', p.rating_deviation, 'p_topics', t.topics,
                'met_before', exists (select 1 from attempts a where a.user_id = u.id and a.problem_id = p.id),
                'problem_version', ${PROBLEM_VERSION("p", "t.topics")},
                'skills', sk.rows, 'skills_version', coalesce(sk.version, ''),
                'c_id', c.id, 'c_due', c.due, 'c_stability', c.stability, 'c_difficulty', c.difficulty,
                'c_elapsed_days', c.elapsed_days, 'c_scheduled_days', c.scheduled_days,
                'c_learning_steps', c.learning_steps, 'c_reps', c.reps, 'c_lapses', c.lapses, 'c_state', c.state,
                'c_last_review', c.last_review, 'c_suspended', c.suspended, 'c_created_at', c.created_at,
                'c_updated_at', c.updated_at, 'c_version', c.updated_at::text) as snapshot`;
const SNAPSHOT_LATERALS = `
           left join review_cards c on c.user_id = u.id and c.problem_id = p.id
          cross join lateral (
                select coalesce(array_agg(pt.topic_id order by pt.topic_id), '{}'::text[]) as topics
                  from problem_topics pt where pt.problem_id = p.id) t
          cross join lateral (
                select json_agg(json_build_object('topic', s.topic, 'rating', s.rating, 'deviation', s.deviation,
                                                  'attempts', s.attempts, 'updated_at', s.updated_at::text)
                                order by s.topic) as rows,
                       string_agg(${SKILL_VERSION("s")}, ',' order by s.topic) as version
                  from skill_estimates s
                 where p.id is not null and s.user_id = u.id and s.topic = any('{${GLOBAL_SKILL}}'::text[] || t.topics)
                ) sk`;
const readSnapshot: PreparedStatement = {
  name: "attempt_snapshot_v2",
  text: `select ${SNAPSHOT_JSON}
           from users u
           left join problems p on p.slug = $2::text and (p.owner_user_id is null or p.owner_user_id = $1::int)
           ${SNAPSHOT_LATERALS}
          where u.id = $1::int`,
};
// The same read for a batch of (learner, slug) pairs (attempt-batch.ts), a row per pair in their order;
// one whose learner is gone has no row. Each pair's learner and problem are probed through their unique
// indexes (lateral, not pulled up into joins): a generic plan for a batch of unknown size otherwise hashed
// the whole users table, and matched `owner_user_id is null or = learner` as a bitmap of every catalogue
// problem, per pair.
const readSnapshots: PreparedStatement = {
  name: "attempt_snapshot_batch_v1",
  text: `select i.n, ${SNAPSHOT_JSON}
           from unnest($1::int[], $2::text[]) with ordinality as i(user_id, slug, n)
          cross join lateral (select u.* from users u where u.id = i.user_id offset 0) u
           left join lateral (
                select p.* from problems p where p.owner_user_id is null and p.slug = i.slug
                union all
                select p.* from problems p where p.owner_user_id = i.user_id and p.slug = i.slug) p on true
           ${SNAPSHOT_LATERALS}
          order by i.n`,
};

export interface AttemptSnapshot {
  learner: { id: number; targetRetention: number };
  /** undefined when no problem with this slug is visible to the user */
  problem: { id: number; slug: string; title: string; difficulty: string } | undefined;
  /** the user's card for the problem as last committed, if any */
  card: ReviewCard | undefined;
  /** what the one-statement write needs besides the plan (undefined with no problem) */
  versions: { card: string | null; problem: string; skills: string } | undefined;
  /** the rating inputs, as the locking reads would return them */
  rating: { problem: LockedProblemRow; skills: SkillRow[] } | undefined;
}

// timestamps go as ISO text (exact to the millisecond, no local-time formatting by the driver)
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const asOptionalDate = (v: unknown) => (v === null || v === undefined ? null : asDate(v));
const fromJson = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

function cardFrom(row: Record<string, unknown>): ReviewCard | undefined {
  const col = (name: string) => row[`c_${name}`];
  if (col("id") === null || col("id") === undefined) return undefined;
  return {
    id: Number(col("id")),
    userId: Number(row.learner_id),
    problemId: Number(row.p_id),
    due: asDate(col("due")),
    stability: Number(col("stability")),
    difficulty: Number(col("difficulty")),
    elapsedDays: Number(col("elapsed_days")),
    scheduledDays: Number(col("scheduled_days")),
    learningSteps: Number(col("learning_steps")),
    reps: Number(col("reps")),
    lapses: Number(col("lapses")),
    state: Number(col("state")),
    lastReview: asOptionalDate(col("last_review")),
    suspended: Boolean(col("suspended")),
    createdAt: asDate(col("created_at")),
    updatedAt: asDate(col("updated_at")),
  };
}

/** One round trip, no transaction: everything an attempt needs, see the file's comment. */
export async function readAttemptSnapshot(db: Database, userId: number, slug: string): Promise<AttemptSnapshot> {
  const [result] = await preparedRows(db, readSnapshot, [userId, slug]);
  if (!result) throw new NotFoundError(`No user with id ${userId}.`);
  return snapshotFrom(result.snapshot);
}

/** The same for several attempts in one round trip: each one's snapshot, or its error (its learner is gone). */
export async function readAttemptSnapshots(
  db: Database,
  reads: readonly { userId: number; slug: string }[],
): Promise<Settled<AttemptSnapshot>[]> {
  const rows = await preparedRows(db, readSnapshots, [reads.map((r) => r.userId), reads.map((r) => r.slug)]);
  const byN = new Map<number, unknown>();
  // a slug matching the catalogue's problem and the learner's own has two rows, as the one-attempt read
  // does; the first is used there as here
  for (const row of rows) if (!byN.has(Number(row.n))) byN.set(Number(row.n), row.snapshot);
  return reads.map((read, k) => {
    const snapshot = byN.get(k + 1);
    return snapshot === undefined
      ? { ok: false, error: new NotFoundError(`No user with id ${read.userId}.`) }
      : { ok: true, value: snapshotFrom(snapshot) };
  });
}

function snapshotFrom(json: unknown): AttemptSnapshot {
  // timestamps arrive as json strings (ISO 8601 with offset; Date keeps their milliseconds, as the driver did)
  const row = fromJson(json) as Record<string, unknown>;
  const learner = { id: Number(row.learner_id), targetRetention: Number(row.target_retention) };
  if (row.p_id === null || row.p_id === undefined) return { learner, ...nothing };
  const problem = {
    id: Number(row.p_id),
    slug: String(row.p_slug),
    title: String(row.p_title),
    difficulty: String(row.p_difficulty),
  };
  const card = cardFrom(row);
  return {
    learner,
    problem,
    card,
    versions: {
      card: card ? String(row.c_version) : null,
      problem: String(row.problem_version),
      skills: String(row.skills_version),
    },
    rating: {
      problem: {
        ...problem,
        rating: row.p_rating === null ? null : Number(row.p_rating),
        rating_deviation: row.p_rating_deviation === null ? null : Number(row.p_rating_deviation),
        topics: (row.p_topics as string[] | null) ?? [],
        met_before: Boolean(row.met_before),
      },
      skills: (fromJson(row.skills) as SkillRow[] | null) ?? [],
    },
  };
}
const nothing = { problem: undefined, card: undefined, versions: undefined, rating: undefined };

const writeAll: PreparedStatement = {
  name: "attempt_write_v2",
  text: `with attempt as (
          insert into attempts (user_id, problem_id, outcome, rating, minutes, language, notes, attempted_at, source, created_at)
          values ($1::int, $2::int, $3::text, $4::int, $5::int, $6::text, $7::text, $8::timestamptz, $9::text, $10::timestamptz)
          returning id
        ), card as (
          insert into review_cards (user_id, problem_id, due, stability, difficulty, elapsed_days, scheduled_days,
                                    learning_steps, reps, lapses, state, last_review, created_at, updated_at)
          values ($1::int, $2::int, $11::timestamptz, $12::float8, $13::float8, $14::int, $15::int, $16::int, $17::int,
                  $18::int, $19::int, $20::timestamptz, $10::timestamptz, $10::timestamptz)
          on conflict (user_id, problem_id) do update set
            due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
            elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
            learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
            state = excluded.state, last_review = excluded.last_review, updated_at = excluded.updated_at
          where review_cards.updated_at = $21::timestamptz and review_cards.reps = $22::int
          returning id
        ), log as (
          insert into review_logs (user_id, card_id, attempt_id, rating, state, due, stability, difficulty,
                                   elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, duration_ms)
          select $1::int, card.id, attempt.id, $23::int, $24::int, $25::timestamptz, $26::float8, $27::float8, $28::int,
                 $29::int, $30::int, $31::int, $32::timestamptz, $33::int
            from card, attempt
        ), plan as (
          select id, created_at from study_plans where user_id = $1::int order by created_at desc, id desc limit 1
        ), item as (
          select pi.id from plan_items pi, plan
           where pi.plan_id = plan.id and pi.user_id = $1::int and pi.problem_id = $2::int
             and pi.done_at is null and $8::timestamptz >= plan.created_at
           order by pi.week, pi.id limit 1
        ), tick as (
          update plan_items set done_at = $10::timestamptz, done_attempt_id = attempt.id
            from item, attempt
           where plan_items.id = item.id and plan_items.done_at is null
          returning plan_items.id
        ), rated as (
          select ${PROBLEM_VERSION("p", TOPICS("p"))} as version
            from problems p
           where p.id = $2::int and exists (select from card)
             for no key update of p
        ), skills as (
          select s.topic, s.rating, s.deviation, s.attempts, s.updated_at from skill_estimates s
           where s.user_id = $1::int and array_position($36::text[], s.topic) is not null
             and exists (select from rated)
           order by (s.topic <> '${GLOBAL_SKILL}'), s.topic
             for update
        ), ok as (
          select (select version from rated) = $34::text
                 and coalesce((select string_agg(${SKILL_VERSION("s")}, ',' order by s.topic) from skills s), '') = $35::text
                 as ok
        ), skill_upd as (
          update skill_estimates s set rating = ($38::float8[])[array_position($37::text[], s.topic)],
                 deviation = ($39::float8[])[array_position($37::text[], s.topic)],
                 attempts = ($40::int[])[array_position($37::text[], s.topic)], updated_at = $10::timestamptz
           where s.user_id = $1::int and array_position($37::text[], s.topic) is not null and (select ok from ok)
          returning 1
        ), skill_ins as (
          insert into skill_estimates (user_id, topic, rating, deviation, attempts, updated_at)
          select $1::int, v.topic, v.rating, v.deviation, v.attempts, $10::timestamptz
            from unnest($41::text[], $42::float8[], $43::float8[], $44::int[]) with ordinality
                 as v(topic, rating, deviation, attempts, n)
           where (select ok from ok)
           order by v.n
          on conflict do nothing
          returning 1
        ), problem_upd as (
          update problems set rating = $45::float8, rating_deviation = $46::float8,
                 rating_source = coalesce(rating_source, 'prior'), rated_attempts = rated_attempts + 1
           where id = $2::int and $45::float8 is not null and (select ok from ok)
          returning 1
        ), checked as materialized (
          select coalesce((select ok from ok), false)
                 and (select count(*) from skill_upd) = cardinality($37::text[])
                 and (select count(*) from skill_ins) = cardinality($41::text[])
                 and (select count(*) from problem_upd) = (case when $45::float8 is null then 0 else 1 end) as ok
        )
        select a.id as a_id, c.id as c_id, (select tick.id from tick) as plan_item_id,
               -- not a constant (the planner would fold it): raised only when the check fails, at run time
               case when ch.ok then true else ('${SNAPSHOT_MOVED} (' || ch.ok::text || ')')::boolean end as written
          from attempt a left join card c on true cross join checked ch`,
};

/** The card's schedule as an attempt's answer shows it (the locking path returns the whole ReviewCard). */
export type ScheduledCard = Pick<ReviewCard, "id" | "due" | "state" | "scheduledDays" | "reps" | "lapses">;

/** The card's ten columns as both attempt statements take them (due … last_review). */
export function cardParams(c: ReturnType<typeof rowFromCard>): unknown[] {
  return [
    iso(c.due),
    c.stability,
    c.difficulty,
    c.elapsedDays,
    c.scheduledDays,
    c.learningSteps,
    c.reps,
    c.lapses,
    c.state,
    iso(c.lastReview),
  ];
}

/** The review log's ten columns as both attempt statements take them (rating … reviewed_at). */
export function logParams(l: ReturnType<typeof logRow>): unknown[] {
  return [
    l.rating,
    l.state,
    iso(l.due),
    l.stability,
    l.difficulty,
    l.elapsedDays,
    l.lastElapsedDays,
    l.scheduledDays,
    l.learningSteps,
    iso(l.reviewedAt),
  ];
}

/** The planned skill rows split into the rows to update and the rows to create (global first). */
export function skillWrites(rating: PlannedRating): { updates: SkillEstimate[]; inserts: SkillEstimate[] } {
  const created = new Set(rating.missing);
  const updates = rating.skills.filter((s) => !created.has(s.topic));
  const inserts = rating.missing.map((t) => rating.skills.find((s) => s.topic === t)).filter((s) => s !== undefined);
  return { updates, inserts };
}

/** The statement's failure that means "the rows moved since the snapshot; nothing was written". */
export function snapshotMoved(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === "40P01" || code === "40001") return true; // a deadlock or serialization failure rolls back alike
  return typeof message === "string" && message.includes(SNAPSHOT_MOVED);
}

/**
 * Writes the attempt, the planned card state, its log, the plan tick and the planned rating update in one
 * statement, or nothing at all (returns undefined) when the rows moved since `snapshot` was read.
 */
export async function writeAttemptInOneStatement(
  db: Database,
  values: AttemptValues,
  plan: PlannedReview,
  snapshot: Pick<AttemptSnapshot, "versions"> & { card: ReviewCard | undefined },
  rating: PlannedRating,
  wantedSkills: string[],
  now: Date,
  durationMs: number | null,
): Promise<{ attempt: Attempt; card: ScheduledCard; planItemId: number | null } | undefined> {
  const { versions } = snapshot;
  if (!versions) throw new Error("writeAttemptInOneStatement needs a snapshot with its problem");
  const c = rowFromCard(plan.next.card);
  const l = logRow(plan.next.log);
  const { updates, inserts } = skillWrites(rating);
  let row: Record<string, unknown> | undefined;
  try {
    [row] = await preparedRows(db, writeAll, [
      values.userId,
      values.problemId,
      values.outcome,
      values.rating,
      values.minutes,
      values.language,
      values.notes,
      iso(values.attemptedAt),
      values.source,
      iso(now),
      ...cardParams(c),
      versions.card,
      snapshot.card?.reps ?? null,
      ...logParams(l),
      durationMs,
      versions.problem,
      versions.skills,
      wantedSkills,
      updates.map((s) => s.topic),
      updates.map((s) => s.rating),
      updates.map((s) => s.deviation),
      updates.map((s) => s.attempts),
      inserts.map((s) => s.topic),
      inserts.map((s) => s.rating),
      inserts.map((s) => s.deviation),
      inserts.map((s) => s.attempts),
      rating.problem?.rating ?? null,
      rating.problem?.deviation ?? null,
    ]);
  } catch (error) {
    if (snapshotMoved(error)) return undefined;
    throw error;
  }
  if (!row) throw new Error("the attempt statement returned no row");
  if (row.c_id === null || row.c_id === undefined)
    throw new Error("the attempt statement passed its check without writing the card");
  // the rows hold exactly what was sent: the answer is built from it, not read back
  const attempt: Attempt = { ...values, id: Number(row.a_id), externalId: null };
  const card: ScheduledCard = { id: Number(row.c_id), ...c };
  const planItemId = row.plan_item_id === null || row.plan_item_id === undefined ? null : Number(row.plan_item_id);
  return { attempt, card, planItemId };
}
