// Practice statistics of one user: totals by outcome, difficulty and topic, coverage of the catalogue,
// streaks and a 365-day heatmap in the user's timezone, and minutes per week. TrackingService caches them.
import { sql } from "drizzle-orm";
import { DIFFICULTIES, type Outcome } from "../../config/constants.js";
import { type Queryable, queryRows } from "../../config/database.js";
import { loadLearner } from "../shared/learner.js";
import { addDays, computeStreak, localDate, type Streak, weekStart } from "../shared/local-dates.js";

export const HEATMAP_DAYS = 365;
export const MINUTES_PER_WEEK_WEEKS = 12;

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

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);

export async function computeStats(db: Queryable, now: Date, userId: number): Promise<Stats> {
  const learnerQuery = loadLearner(db, userId);
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
         where (p.owner_user_id is null or p.owner_user_id = ${userId})
           -- the roadmap problems, plus any other (a rated contest problem) once the user has tried it
           and (exists (select 1 from problem_topics pt where pt.problem_id = p.id) or a.id is not null)
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
