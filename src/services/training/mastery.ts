// Topic mastery from the FSRS cards.
//
// mastery(topic) = meanR × coverage, where
//   meanR    = the mean of get_retrievability(card, now) over the user's reviewed, non-suspended cards of
//              the topic's problems (0 when there is none), and
//   coverage = (problems of the topic the user has a reviewed card for) / (problems of the topic the
//              user can see: the shared catalogue plus their own custom problems).
// So a topic is mastered only when much of it has been practised AND it is still remembered: two
// problems out of fifteen remembered perfectly give 0.13, not 1.
import { sql } from "drizzle-orm";
import type { FSRS } from "ts-fsrs";
import { State } from "ts-fsrs";
import { type Queryable, queryRows } from "../../config/database.js";
import type { ReviewCard } from "../../database/schema.js";
import { cardFromRow, retrievability } from "./fsrs-scheduling.js";

export interface TopicMastery {
  topicId: string;
  name: string;
  position: number;
  /** problems of the topic the user can see */
  total: number;
  /** problems of the topic with a reviewed card */
  covered: number;
  coverage: number;
  meanRetrievability: number;
  mastery: number;
}

interface CardTopicRow {
  topic_id: string;
  problem_id: number;
  due: Date | string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: Date | string | null;
  suspended: boolean;
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function topicMastery(db: Queryable, userId: number, scheduler: FSRS, now: Date): Promise<TopicMastery[]> {
  const totals = await queryRows<{ id: string; name: string; position: number; total: number }>(
    db,
    sql`select t.id, t.name, t.position, count(p.id)::int as total
          from topics t
          left join problem_topics pt on pt.topic_id = t.id
          left join problems p on p.id = pt.problem_id and (p.owner_user_id is null or p.owner_user_id = ${userId})
         group by t.id, t.name, t.position
         order by t.position`,
  );
  const cards = await queryRows<CardTopicRow>(
    db,
    sql`select pt.topic_id, rc.problem_id, rc.due, rc.stability, rc.difficulty, rc.elapsed_days, rc.scheduled_days,
               rc.learning_steps, rc.reps, rc.lapses, rc.state, rc.last_review, rc.suspended
          from review_cards rc
          join problem_topics pt on pt.problem_id = rc.problem_id
         where rc.user_id = ${userId} and rc.state <> ${State.New}`,
  );
  const byTopic = new Map<string, { covered: Set<number>; rs: number[] }>();
  for (const row of cards) {
    const entry = byTopic.get(row.topic_id) ?? { covered: new Set<number>(), rs: [] };
    byTopic.set(row.topic_id, entry);
    entry.covered.add(row.problem_id);
    if (row.suspended) continue;
    const card = cardFromRow({
      due: new Date(row.due),
      stability: Number(row.stability),
      difficulty: Number(row.difficulty),
      elapsedDays: row.elapsed_days,
      scheduledDays: row.scheduled_days,
      learningSteps: row.learning_steps,
      reps: row.reps,
      lapses: row.lapses,
      state: row.state,
      lastReview: row.last_review ? new Date(row.last_review) : null,
    } as ReviewCard);
    entry.rs.push(retrievability(scheduler, card, now));
  }
  return totals.map((t) => {
    const entry = byTopic.get(t.id);
    const covered = entry?.covered.size ?? 0;
    const coverage = t.total > 0 ? covered / t.total : 0;
    const meanR = entry && entry.rs.length > 0 ? entry.rs.reduce((a, b) => a + b, 0) / entry.rs.length : 0;
    return {
      topicId: t.id,
      name: t.name,
      position: t.position,
      total: t.total,
      covered,
      coverage: round(coverage),
      meanRetrievability: round(meanR),
      mastery: round(meanR * coverage),
    };
  });
}
