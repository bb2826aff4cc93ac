// A learner's skill per roadmap topic, overall (`global`) and at naming a problem's pattern
// (`pattern_recognition`): rows of skill_estimates, read with their uncertainty grown by the idle time.
import { eq, sql } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import { type Database, type Queryable, queryRows } from "../../config/database.js";
import { skillEstimates, topics } from "../../database/schema.js";
import { NotFoundError } from "../../errors.js";
import {
  ageDeviation,
  combineEstimates,
  type Estimate,
  globalAsTopic,
  MAX_DEVIATION,
  NEW_LEARNER,
} from "./rating-math.js";

export const GLOBAL_SKILL = "global";
export const PATTERN_SKILL = "pattern_recognition";

export interface SkillEstimate extends Estimate {
  topic: string;
  attempts: number;
  updatedAt: Date | null;
}

/** One row of GET /api/skills: ratings rounded to whole points. */
export interface SkillView {
  topic: string;
  name: string;
  rating: number;
  deviation: number;
  attempts: number;
}

const DAY_MS = 86_400_000;

/** The estimate as of `now`: an idle skill is less certain than when it was last updated. */
export function agedEstimate(row: SkillEstimate, now: Date): SkillEstimate {
  if (!row.updatedAt) return row;
  return { ...row, deviation: ageDeviation(row.deviation, (now.getTime() - row.updatedAt.getTime()) / DAY_MS) };
}

/**
 * A topic the learner has not practised yet starts from their global skill, as uncertain as topics spread
 * around it (see rating-math.ts): what they showed elsewhere is the best guess.
 */
export function startingTopicEstimate(global: Estimate): Estimate {
  const seeded = globalAsTopic(global);
  return { rating: seeded.rating, deviation: Math.min(MAX_DEVIATION, seeded.deviation) };
}

/** Every stored estimate of one user, aged to `now`, by topic. */
export async function loadSkills(db: Queryable, userId: number, now: Date): Promise<Map<string, SkillEstimate>> {
  const rows = await db.select().from(skillEstimates).where(eq(skillEstimates.userId, userId));
  return new Map(rows.map((r) => [r.topic, agedEstimate({ ...r }, now)]));
}

/** The user's skill on a problem with these topics: its topics' estimates blended, or the global one. */
export function skillOnProblem(skills: Map<string, SkillEstimate>, problemTopics: string[]): Estimate {
  const global = skills.get(GLOBAL_SKILL) ?? { ...NEW_LEARNER };
  if (problemTopics.length === 0) return { rating: global.rating, deviation: global.deviation };
  return combineEstimates(problemTopics.map((t) => skills.get(t) ?? startingTopicEstimate(global)));
}

/** A skill_estimates row as the locking reads return it (updated_at as text). */
export interface SkillRow {
  topic: string;
  rating: number;
  deviation: number;
  attempts: number;
  updated_at: string;
}

const toEstimate = (r: SkillRow, now: Date): SkillEstimate =>
  agedEstimate(
    {
      topic: r.topic,
      rating: Number(r.rating),
      deviation: Number(r.deviation),
      attempts: Number(r.attempts),
      updatedAt: new Date(r.updated_at),
    },
    now,
  );

/** The user's skill rows for a problem with `topicIds`: global first in the sort, as lockSkills locks them. */
export const wantedSkills = (topicIds: string[]) => [...new Set([GLOBAL_SKILL, ...topicIds])].sort();

/**
 * The order every locking read of a user's skill rows takes them in: `global` first, then by topic. Every
 * attempt locks `global`, so it is the user's mutex: a transaction that has to create missing rows (it
 * locks `global` alone first, see lockSkills) then never holds it while waiting for a topic row that a
 * transaction waiting for `global` holds. (Plain topic order put "arrays" before "global" and deadlocked
 * a new user's parallel attempts.) The attempt write's statement (attempt-write.ts) uses the same order.
 */
export const SKILL_LOCK_ORDER = sql.raw(`(topic <> '${GLOBAL_SKILL}'), topic`);

function selectForUpdate(tx: Queryable, userId: number, topicIds: string[]): Promise<SkillRow[]> {
  return queryRows<SkillRow>(
    tx,
    sql`select topic, rating, deviation, attempts, updated_at::text from skill_estimates
         where user_id = ${userId} and topic = any(${sql.param(topicIds)}::text[])
         order by ${SKILL_LOCK_ORDER} for update`,
  );
}

/**
 * Locks (creating when missing) the user's rows for `topicIds` and the global one, global first (see
 * SKILL_LOCK_ORDER) so that two concurrent attempts of one user never deadlock, and returns them aged to `now`. New topic rows start
 * from the global estimate. One round trip when the rows exist (the usual case).
 */
export async function lockSkills(
  tx: Queryable,
  userId: number,
  topicIds: string[],
  now: Date,
  /** the rows already locked by the caller (the attempt write's statement), if it read them */
  locked?: SkillRow[],
): Promise<Map<string, SkillEstimate>> {
  const wanted = wantedSkills(topicIds);
  let rows = locked ?? (await selectForUpdate(tx, userId, wanted));
  if (rows.length < wanted.length) {
    await tx
      .insert(skillEstimates)
      .values({
        userId,
        topic: GLOBAL_SKILL,
        rating: NEW_LEARNER.rating,
        deviation: NEW_LEARNER.deviation,
        updatedAt: now,
      })
      .onConflictDoNothing();
    const [globalRow] = await selectForUpdate(tx, userId, [GLOBAL_SKILL]);
    const start = startingTopicEstimate(globalRow ? toEstimate(globalRow, now) : NEW_LEARNER);
    const missing = wanted.filter((t) => t !== GLOBAL_SKILL && !rows.some((r) => r.topic === t));
    if (missing.length > 0)
      await tx
        .insert(skillEstimates)
        .values(
          missing.map((topic) => ({ userId, topic, rating: start.rating, deviation: start.deviation, updatedAt: now })),
        )
        .onConflictDoNothing();
    rows = await selectForUpdate(tx, userId, wanted);
  }
  return new Map(rows.map((r) => [r.topic, toEstimate(r, now)]));
}

/**
 * What lockSkills would return for these rows as read (unlocked) from a snapshot: the missing ones as it
 * creates them (global from NEW_LEARNER, a new topic from the aged global), stamped `now`. `missing` lists
 * the topics the caller has to insert, global first. The attempt's one-statement write (attempt-statement.ts)
 * computes the rating update from this and writes it only if the rows are still these.
 */
export function skillsAsCreated(
  rows: SkillRow[],
  topicIds: string[],
  now: Date,
): { skills: Map<string, SkillEstimate>; missing: string[] } {
  const skills = new Map(rows.map((r) => [r.topic, toEstimate(r, now)]));
  const missing = wantedSkills(topicIds).filter((t) => !skills.has(t));
  if (missing.length === 0) return { skills, missing };
  const created = (topic: string, e: Estimate): SkillEstimate => ({ topic, ...e, attempts: 0, updatedAt: now });
  if (!skills.has(GLOBAL_SKILL)) skills.set(GLOBAL_SKILL, created(GLOBAL_SKILL, NEW_LEARNER));
  const start = startingTopicEstimate(skills.get(GLOBAL_SKILL) as SkillEstimate);
  for (const topic of missing) if (topic !== GLOBAL_SKILL) skills.set(topic, created(topic, start));
  return { skills, missing: [...missing].sort((a, b) => Number(a !== GLOBAL_SKILL) - Number(b !== GLOBAL_SKILL)) };
}

/** Writes the updated estimates in one statement. */
export async function saveSkills(tx: Queryable, userId: number, updated: SkillEstimate[], now: Date): Promise<void> {
  if (updated.length === 0) return;
  await tx.execute(
    sql`update skill_estimates s set rating = v.rating, deviation = v.deviation, attempts = v.attempts,
               updated_at = ${now.toISOString()}
          from unnest(${sql.param(updated.map((u) => u.topic))}::text[], ${sql.param(updated.map((u) => u.rating))}::float8[],
                      ${sql.param(updated.map((u) => u.deviation))}::float8[], ${sql.param(updated.map((u) => u.attempts))}::int[])
               as v(topic, rating, deviation, attempts)
         where s.user_id = ${userId} and s.topic = v.topic`,
  );
}

export class SkillService {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  /**
   * Every roadmap topic (practised or not: an unpractised one shows the estimate it would start from),
   * then the global skill and pattern recognition.
   */
  async list(userId: number): Promise<SkillView[]> {
    const now = this.deps.clock.now();
    const [skills, topicRows] = await Promise.all([
      loadSkills(this.deps.db, userId, now),
      this.deps.db.select({ id: topics.id, name: topics.name }).from(topics).orderBy(topics.position),
    ]);
    const global = skills.get(GLOBAL_SKILL);
    const start = startingTopicEstimate(global ?? NEW_LEARNER);
    const view = (topic: string, name: string, s: Estimate & { attempts?: number }): SkillView => ({
      topic,
      name,
      rating: Math.round(s.rating),
      deviation: Math.round(s.deviation),
      attempts: s.attempts ?? 0,
    });
    return [
      ...topicRows.map((t) => view(t.id, t.name, skills.get(t.id) ?? start)),
      view(GLOBAL_SKILL, "Overall", global ?? NEW_LEARNER),
      view(PATTERN_SKILL, "Pattern recognition", skills.get(PATTERN_SKILL) ?? NEW_LEARNER),
    ];
  }

  /** One skill, or NotFound naming the valid topics. */
  async get(userId: number, topic: string): Promise<SkillView> {
    const all = await this.list(userId);
    const found = all.find((s) => s.topic === topic);
    if (!found) throw new NotFoundError(`No skill "${topic}"; use one of: ${all.map((s) => s.topic).join(", ")}.`);
    return found;
  }
}
