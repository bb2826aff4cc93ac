// Weak topics from evidence (see weakness-scoring.ts for the formula), cached under the user's tag,
// and daily snapshots so progress can be charted.
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { type Cache, cacheKeys } from "../../cache/cache.js";
import type { Clock } from "../../config/clock.js";
import { type Database, queryRows } from "../../config/database.js";
import { users, weaknessSnapshots } from "../../database/schema.js";
import { BadRequestError } from "../../errors.js";
import { loadLearner } from "../shared/learner.js";
import { daysBetween, localDate } from "../shared/local-dates.js";
import { NORM_MINUTES } from "../training/fsrs-scheduling.js";
import type { TrainingService } from "../training/training-service.js";
import { DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS } from "./contract.js";
import { type Severity, scoreTopic, type TopicWeakness } from "./weakness-scoring.js";

export interface WeaknessReport {
  generatedAt: string;
  /** every topic, weakest first; equal scores keep the roadmap's order */
  topics: TopicWeakness[];
  /**
   * the weak topics there is evidence for — practised at least once — weakest first. Empty for a user
   * with no attempts: a topic never tried is a gap to fill, not a measured weakness.
   */
  weakest: TopicWeakness[];
}

export interface SnapshotResult {
  takenAt: string;
  date: string;
  /** true when today's earlier snapshot was replaced (there is at most one per user and local day) */
  replaced: boolean;
  topics: { topicId: string; score: number; severity: Severity }[];
}

export interface WeaknessHistoryPoint {
  takenAt: string;
  date: string;
  topics: { topicId: string; score: number; severity: string }[];
}

export { MAX_HISTORY_DAYS };

export class WeaknessService {
  constructor(
    private readonly deps: { db: Database; cache: Cache; clock: Clock; training: TrainingService; ttlSeconds: number },
  ) {}

  async weaknesses(userId: number): Promise<WeaknessReport> {
    return this.deps.cache.getOrLoad(
      cacheKeys.user(userId, "weaknesses"),
      { ttlSeconds: this.deps.ttlSeconds, tags: [cacheKeys.userTag(userId)] },
      () => this.assess(userId),
    );
  }

  async assess(userId: number): Promise<WeaknessReport> {
    const learner = await loadLearner(this.deps.db, userId);
    const now = this.deps.clock.now();
    const mastery = await this.deps.training.mastery(userId);
    const rows = await queryRows<{
      id: string;
      name: string;
      attempts: number;
      failed: number;
      solved: number;
      last_at: Date | string | null;
      time_ratio: number | null;
    }>(
      this.deps.db,
      sql`select t.id, t.name,
                 count(a.id)::int as attempts,
                 count(a.id) filter (where a.outcome <> 'solved')::int as failed,
                 count(distinct a.problem_id) filter (where a.outcome = 'solved')::int as solved,
                 max(a.attempted_at) as last_at,
                 avg(a.minutes::float8 / case p.difficulty when 'easy' then ${NORM_MINUTES.easy}::float8
                                                          when 'hard' then ${NORM_MINUTES.hard}::float8
                                                          else ${NORM_MINUTES.medium}::float8 end)
                   filter (where a.outcome = 'solved' and a.minutes > 0) as time_ratio
            from topics t
            left join problem_topics pt on pt.topic_id = t.id
            left join attempts a on a.problem_id = pt.problem_id and a.user_id = ${userId}
            left join problems p on p.id = a.problem_id
           group by t.id, t.name, t.position
           order by t.position`,
    );
    const today = localDate(now, learner.timezone);
    const topics = rows.map((row) => {
      const m = mastery.find((x) => x.topicId === row.id);
      return scoreTopic({
        topicId: row.id,
        name: row.name,
        attempts: row.attempts,
        failed: row.failed,
        solved: row.solved,
        total: m?.total ?? 0,
        mastery: m?.mastery ?? 0,
        timeRatio: row.time_ratio === null ? null : Number(row.time_ratio),
        daysSinceLast:
          row.last_at === null
            ? null
            : Math.max(0, daysBetween(localDate(new Date(row.last_at), learner.timezone), today)),
      });
    });
    // rows come in roadmap order and the sort is stable, so ties never fall back to the alphabet
    topics.sort((a, b) => b.score - a.score);
    return { generatedAt: now.toISOString(), topics, weakest: topics.filter((t) => t.attempts > 0) };
  }

  /**
   * Stores today's weakness scores. At most one snapshot per user and local day: a second call the same
   * day replaces the first. The user's row is locked so two concurrent calls cannot both insert.
   */
  async snapshot(userId: number): Promise<SnapshotResult> {
    const learner = await loadLearner(this.deps.db, userId);
    const report = await this.assess(userId);
    const now = this.deps.clock.now();
    const today = localDate(now, learner.timezone);
    const replaced = await this.deps.db.transaction(async (tx) => {
      await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
      const recent = await tx
        .select({ id: weaknessSnapshots.id, takenAt: weaknessSnapshots.takenAt })
        .from(weaknessSnapshots)
        .where(
          and(
            eq(weaknessSnapshots.userId, userId),
            gte(weaknessSnapshots.takenAt, new Date(now.getTime() - 48 * 3_600_000)),
          ),
        );
      const sameDay = recent.filter((r) => localDate(r.takenAt, learner.timezone) === today).map((r) => r.id);
      if (sameDay.length > 0) await tx.delete(weaknessSnapshots).where(inArray(weaknessSnapshots.id, sameDay));
      await tx.insert(weaknessSnapshots).values(
        report.topics.map((t) => ({
          userId,
          takenAt: now,
          topicId: t.topicId,
          score: t.score,
          severity: t.severity,
          reason: t.reason,
          metrics: {
            attempts: t.attempts,
            failed: t.failed,
            solved: t.solved,
            total: t.total,
            mastery: t.mastery,
            timeRatio: t.timeRatio,
            daysSinceLast: t.daysSinceLast,
            components: t.components,
          },
        })),
      );
      return sameDay.length > 0;
    });
    return {
      takenAt: now.toISOString(),
      date: today,
      replaced,
      topics: report.topics.map((t) => ({ topicId: t.topicId, score: t.score, severity: t.severity })),
    };
  }

  /** Snapshots of the last `days` days, oldest first (optionally one topic only), for charting. */
  async history(userId: number, options: { days?: number; topic?: string } = {}): Promise<WeaknessHistoryPoint[]> {
    const days = options.days ?? DEFAULT_HISTORY_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS)
      throw new BadRequestError(`days must be a whole number from 1 to ${MAX_HISTORY_DAYS}.`);
    const learner = await loadLearner(this.deps.db, userId);
    const since = new Date(this.deps.clock.now().getTime() - days * 86_400_000);
    const conditions = [eq(weaknessSnapshots.userId, userId), gte(weaknessSnapshots.takenAt, since)];
    if (options.topic) conditions.push(eq(weaknessSnapshots.topicId, options.topic));
    const rows = await this.deps.db
      .select({
        takenAt: weaknessSnapshots.takenAt,
        topicId: weaknessSnapshots.topicId,
        score: weaknessSnapshots.score,
        severity: weaknessSnapshots.severity,
      })
      .from(weaknessSnapshots)
      .where(and(...conditions))
      .orderBy(asc(weaknessSnapshots.takenAt), asc(weaknessSnapshots.topicId));
    const points = new Map<string, WeaknessHistoryPoint>();
    for (const row of rows) {
      const key = row.takenAt.toISOString();
      let point = points.get(key);
      if (!point) {
        point = { takenAt: key, date: localDate(row.takenAt, learner.timezone), topics: [] };
        points.set(key, point);
      }
      point.topics.push({ topicId: row.topicId, score: row.score, severity: row.severity });
    }
    return [...points.values()];
  }
}
