// Attempts of different learners written together: one statement for a batch of attempts, all or nothing.
//
// Under load most of PostgreSQL's time for an attempt went to starting and ending the executor of the
// one-statement write (attempt-statement.ts: a dozen CTEs, their nodes initialised on every run), its
// Bind/Execute round trip and its commit, not to the rows it writes (perf: ExecutorStart alone was 29 % of
// PostgreSQL's CPU per attempt). The batch statement below writes the same rows for K attempts with those
// costs paid once: the attempts, their cards (each upsert still checked against its own snapshot), their
// review logs, plan ticks, skill rows and problem ratings, from arrays, one per column.
//
// It is the one statement's logic on sets, with the same guarantees: it writes only when every card it
// upserts is still the one its attempt's snapshot saw, every problem and skill row it locks still has the
// version its snapshot read, and every skill row it must create is still missing. Any difference raises
// inside the statement and nothing of the batch is written; each attempt is then written on its own
// (attempt-statement.ts, and the locking path after it when its own snapshot moved). Locks are taken in
// the same order as there: the cards (all of them, before any other lock), the problems (by id), the
// skill rows (by learner, global first).
//
// AttemptBatches runs the attempts' snapshot reads and writes through two Batchers (shared/batcher.ts):
// at most ATTEMPT_BATCHES.maxInFlight of each run at once, and an attempt that arrives while they run goes
// in the next one, so batches grow only when the database is busy (group commit) and a lone attempt goes out
// at once as the one-attempt statement. A write batch holds at most one attempt per learner (the tracking
// service already runs one learner's attempts one after another) and per problem (an attempt that moves a
// problem's rating would make another's snapshot of that problem stale inside the batch).
import type { Database } from "../../config/database.js";
import { type PreparedStatement, preparedRows } from "../../config/database.js";
import type { Attempt, ReviewCard } from "../../database/schema.js";
import type { PlannedRating } from "../adaptive/attempt-ratings.js";
import { GLOBAL_SKILL } from "../adaptive/skill-estimates.js";
import { Batcher, type Settled, settled } from "../shared/batcher.js";
import { logRow, rowFromCard } from "../training/fsrs-scheduling.js";
import {
  type AttemptSnapshot,
  cardParams,
  iso,
  logParams,
  PROBLEM_VERSION,
  readAttemptSnapshot,
  readAttemptSnapshots,
  type ScheduledCard,
  SKILL_VERSION,
  SNAPSHOT_MOVED,
  skillWrites,
  snapshotMoved,
  TOPICS,
  writeAttemptInOneStatement,
} from "./attempt-statement.js";
import type { AttemptValues, PlannedReview } from "./attempt-write.js";

/** Everything one attempt's write needs: writeAttemptInOneStatement's arguments. */
export interface AttemptWriteJob {
  values: AttemptValues;
  plan: PlannedReview;
  snapshot: Pick<AttemptSnapshot, "versions"> & { card: ReviewCard | undefined };
  rating: PlannedRating;
  wantedSkills: string[];
  now: Date;
  durationMs: number | null;
}

export type AttemptWriteResult = { attempt: Attempt; card: ScheduledCard; planItemId: number | null } | undefined;

const writeBatchStatement: PreparedStatement = {
  name: "attempt_write_batch_v1",
  text: `with input as materialized (
          select * from unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::int[], $6::text[], $7::timestamptz[],
                               $8::text[], $9::timestamptz[],
                               $10::timestamptz[], $11::float8[], $12::float8[], $13::int[], $14::int[], $15::int[],
                               $16::int[], $17::int[], $18::int[], $19::timestamptz[], $20::timestamptz[], $21::int[],
                               $22::int[], $23::int[], $24::timestamptz[], $25::float8[], $26::float8[], $27::int[],
                               $28::int[], $29::int[], $30::int[], $31::timestamptz[], $32::int[],
                               $33::text[], $34::text[], $35::float8[], $36::float8[])
                 with ordinality as i(user_id, problem_id, outcome, rating, minutes, language, attempted_at, source, created_at,
                                      c_due, c_stability, c_difficulty, c_elapsed_days, c_scheduled_days, c_learning_steps,
                                      c_reps, c_lapses, c_state, c_last_review, v_card, v_reps,
                                      l_rating, l_state, l_due, l_stability, l_difficulty, l_elapsed_days,
                                      l_last_elapsed_days, l_scheduled_days, l_learning_steps, l_reviewed_at, duration_ms,
                                      v_problem, v_skills, p_rating, p_deviation, n)
        ), attempt as (
          insert into attempts (user_id, problem_id, outcome, rating, minutes, language, notes, attempted_at, source, created_at)
          select user_id, problem_id, outcome, rating, minutes, language, null, attempted_at, source, created_at
            from input order by n
          returning id, user_id
        ), card as (
          insert into review_cards (user_id, problem_id, due, stability, difficulty, elapsed_days, scheduled_days,
                                    learning_steps, reps, lapses, state, last_review, created_at, updated_at)
          select user_id, problem_id, c_due, c_stability, c_difficulty, c_elapsed_days, c_scheduled_days, c_learning_steps,
                 c_reps, c_lapses, c_state, c_last_review, created_at, created_at
            from input order by n
          on conflict (user_id, problem_id) do update set
            due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
            elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
            learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
            state = excluded.state, last_review = excluded.last_review, updated_at = excluded.updated_at
          where (review_cards.updated_at, review_cards.reps) =
                (select i.v_card, i.v_reps from input i
                  where i.user_id = excluded.user_id and i.problem_id = excluded.problem_id)
          returning id, user_id
        ), log as (
          insert into review_logs (user_id, card_id, attempt_id, rating, state, due, stability, difficulty,
                                   elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, duration_ms)
          select i.user_id, card.id, attempt.id, i.l_rating, i.l_state, i.l_due, i.l_stability, i.l_difficulty,
                 i.l_elapsed_days, i.l_last_elapsed_days, i.l_scheduled_days, i.l_learning_steps, i.l_reviewed_at,
                 i.duration_ms
            from input i join card on card.user_id = i.user_id join attempt on attempt.user_id = i.user_id
           order by i.n
        ), plan as (
          select distinct on (sp.user_id) sp.user_id, sp.id, sp.created_at from study_plans sp
           where sp.user_id = any($1::int[])
           order by sp.user_id, sp.created_at desc, sp.id desc
        ), item as (
          select distinct on (i.n) i.user_id, i.created_at, pi.id
            from input i
            join plan on plan.user_id = i.user_id
            join plan_items pi on pi.plan_id = plan.id and pi.user_id = i.user_id and pi.problem_id = i.problem_id
           where pi.done_at is null and i.attempted_at >= plan.created_at
           order by i.n, pi.week, pi.id
        ), tick as (
          update plan_items set done_at = item.created_at, done_attempt_id = attempt.id
            from item join attempt on attempt.user_id = item.user_id
           where plan_items.id = item.id and plan_items.done_at is null
          returning plan_items.id, item.user_id
        ), rated as (
          select p.id, ${PROBLEM_VERSION("p", TOPICS("p"))} as version
            from problems p
           where p.id = any($2::int[]) and (select count(*) from card) = (select count(*) from input)
           order by p.id
             for no key update of p
        ), skills as (
          select s.user_id, s.topic, s.rating, s.deviation, s.attempts, s.updated_at
            from skill_estimates s
            join (select i.user_id, w.topic
                    from unnest($37::int[], $38::text[]) as w(n, topic) join input i on i.n = w.n) w
              on w.user_id = s.user_id and w.topic = s.topic
           where exists (select from rated)
           order by s.user_id, (s.topic <> '${GLOBAL_SKILL}'), s.topic
             for update of s
        ), each_ok as (
          select coalesce((select r.version from rated r where r.id = i.problem_id) = i.v_problem
                          and coalesce((select string_agg(${SKILL_VERSION("s")}, ',' order by s.topic)
                                          from skills s where s.user_id = i.user_id), '') = i.v_skills,
                          false) as ok
            from input i
        ), ok as (
          select coalesce(bool_and(ok), false) as ok from each_ok
        ), skill_upd as (
          update skill_estimates s set rating = u.rating, deviation = u.deviation, attempts = u.attempts,
                 updated_at = i.created_at
            from unnest($39::int[], $40::text[], $41::float8[], $42::float8[], $43::int[])
                   as u(n, topic, rating, deviation, attempts)
            join input i on i.n = u.n
           where s.user_id = i.user_id and s.topic = u.topic and (select ok from ok)
          returning 1
        ), skill_ins as (
          insert into skill_estimates (user_id, topic, rating, deviation, attempts, updated_at)
          select i.user_id, v.topic, v.rating, v.deviation, v.attempts, i.created_at
            from unnest($44::int[], $45::text[], $46::float8[], $47::float8[], $48::int[]) with ordinality
                   as v(n, topic, rating, deviation, attempts, ord)
            join input i on i.n = v.n
           where (select ok from ok)
           order by v.ord
          on conflict do nothing
          returning 1
        ), problem_upd as (
          update problems p set rating = i.p_rating, rating_deviation = i.p_deviation,
                 rating_source = coalesce(p.rating_source, 'prior'), rated_attempts = p.rated_attempts + 1
            from input i
           where p.id = i.problem_id and i.p_rating is not null and (select ok from ok)
          returning 1
        ), checked as materialized (
          select coalesce((select ok from ok), false)
                 and (select count(*) from card) = (select count(*) from input)
                 and (select count(*) from skill_upd) = cardinality($40::text[])
                 and (select count(*) from skill_ins) = cardinality($45::text[])
                 and (select count(*) from problem_upd) = (select count(*) from input where p_rating is not null) as ok
        )
        select i.n, a.id as a_id, c.id as c_id, t.id as plan_item_id,
               -- not a constant (the planner would fold it): raised only when the check fails, at run time
               case when ch.ok then true else ('${SNAPSHOT_MOVED} (' || ch.ok::text || ')')::boolean end as written
          from input i
          join attempt a on a.user_id = i.user_id
          left join card c on c.user_id = i.user_id
          left join tick t on t.user_id = i.user_id
         cross join checked ch
         order by i.n`,
};

/**
 * Writes a batch of attempts (of distinct learners and problems) in one statement, or nothing at all
 * (returns undefined) when any of their rows moved since its snapshot.
 */
export async function writeAttemptsInOneStatement(
  db: Database,
  jobs: readonly AttemptWriteJob[],
): Promise<{ attempt: Attempt; card: ScheduledCard; planItemId: number | null }[] | undefined> {
  const cols: unknown[][] = Array.from({ length: 48 }, () => []);
  const push = (at: number, value: unknown) => (cols[at - 1] as unknown[]).push(value);
  const cards = jobs.map((job) => rowFromCard(job.plan.next.card));
  for (const [k, job] of jobs.entries()) {
    const n = k + 1;
    const { values, snapshot, rating } = job;
    const versions = snapshot.versions;
    if (!versions) throw new Error("writeAttemptsInOneStatement needs snapshots with their problem");
    const c = cards[k] as ReturnType<typeof rowFromCard>;
    const l = logRow(job.plan.next.log);
    const row = [
      values.userId,
      values.problemId,
      values.outcome,
      values.rating,
      values.minutes,
      values.language,
      iso(values.attemptedAt),
      values.source,
      iso(job.now),
      ...cardParams(c),
      versions.card,
      snapshot.card?.reps ?? null,
      ...logParams(l),
      job.durationMs,
      versions.problem,
      versions.skills,
      rating.problem?.rating ?? null,
      rating.problem?.deviation ?? null,
    ];
    for (const [i, value] of row.entries()) push(i + 1, value);
    for (const topic of job.wantedSkills) {
      push(37, n);
      push(38, topic);
    }
    // the skill rows to update ($39–$43) and to create ($44–$48), each with its attempt's number
    const { updates, inserts } = skillWrites(rating);
    for (const [first, rows] of [
      [39, updates],
      [44, inserts],
    ] as const)
      for (const s of rows)
        for (const [i, value] of [n, s.topic, s.rating, s.deviation, s.attempts].entries()) push(first + i, value);
  }
  let rows: Record<string, unknown>[];
  try {
    rows = await preparedRows(db, writeBatchStatement, cols);
  } catch (error) {
    if (snapshotMoved(error)) return undefined;
    throw error;
  }
  if (rows.length !== jobs.length)
    throw new Error(`the batch statement returned ${rows.length} rows for ${jobs.length}`);
  return rows.map((row, k) => {
    const job = jobs[k] as AttemptWriteJob;
    if (Number(row.n) !== k + 1) throw new Error("the batch statement returned its rows out of order");
    if (row.c_id === null || row.c_id === undefined)
      throw new Error("the batch statement passed its check without writing a card");
    // the rows hold exactly what was sent: the answer is built from it, not read back
    const attempt: Attempt = { ...job.values, id: Number(row.a_id), externalId: null };
    const card: ScheduledCard = { id: Number(row.c_id), ...(cards[k] as ReturnType<typeof rowFromCard>) };
    const planItemId = row.plan_item_id === null || row.plan_item_id === undefined ? null : Number(row.plan_item_id);
    return { attempt, card, planItemId };
  });
}

/** One attempt's write on its own (attempt-statement.ts), from its job. */
export const writeOne = (db: Database, job: AttemptWriteJob) =>
  writeAttemptInOneStatement(
    db,
    job.values,
    job.plan,
    job.snapshot,
    job.rating,
    job.wantedSkills,
    job.now,
    job.durationMs,
  );

/** How many batches of each kind may run at once, and how large one may be (see batcher.ts). */
export const ATTEMPT_BATCHES = { maxInFlight: 2, maxBatch: 64 };

/**
 * A batch of snapshot reads in one round trip; when the batch fails as a whole, each is read again on its
 * own, so each gets its own answer or error.
 */
export async function readBatch(
  db: Database,
  jobs: readonly { userId: number; slug: string }[],
  onRetry: (jobs: number) => void = () => {},
): Promise<Settled<AttemptSnapshot>[]> {
  if (jobs.length > 1) {
    const read = await readAttemptSnapshots(db, jobs).catch(() => undefined);
    if (read) return read;
    onRetry(jobs.length);
  }
  return Promise.all(jobs.map((job) => settled(() => readAttemptSnapshot(db, job.userId, job.slug))));
}

/**
 * A batch of writes in one statement; when the batch writes nothing (a moved snapshot, a value one attempt
 * brings, the server going away), each is written on its own: written, or undefined when its own snapshot
 * moved (the caller then takes the locking path), or its own error.
 */
export async function writeBatch(
  db: Database,
  jobs: readonly AttemptWriteJob[],
  onRetry: (jobs: number) => void = () => {},
): Promise<Settled<AttemptWriteResult>[]> {
  if (jobs.length > 1) {
    const written = await writeAttemptsInOneStatement(db, jobs).catch(() => undefined);
    if (written) return written.map((value) => ({ ok: true as const, value }));
    onRetry(jobs.length);
  }
  return Promise.all(jobs.map((job) => settled(() => writeOne(db, job))));
}

/**
 * The attempt's two round trips, batched across learners: the snapshot reads and the writes. A lone job
 * runs the one-attempt statement. A write batch holds one attempt per learner and per problem.
 */
export class AttemptBatches {
  readonly reads: Batcher<{ userId: number; slug: string }, AttemptSnapshot>;
  readonly writes: Batcher<AttemptWriteJob, AttemptWriteResult>;

  /** attempts whose batch wrote (or read) nothing and that were then sent one by one */
  readonly retried = { read: 0, write: 0 };

  constructor(db: Database, options = ATTEMPT_BATCHES) {
    this.reads = new Batcher(
      (jobs) =>
        readBatch(db, jobs, (n) => {
          this.retried.read += n;
        }),
      options,
    );
    this.writes = new Batcher(
      (jobs) =>
        writeBatch(db, jobs, (n) => {
          this.retried.write += n;
        }),
      {
        ...options,
        keys: (job) => [`user:${job.values.userId}`, `problem:${job.values.problemId}`],
      },
    );
  }
}
