// The roadmap's unlock rule, on its own so that what needs only "which topics are open" (the new-problem
// picker, the recommender) does not need the roadmap service, which needs training for mastery.
//
// Unlock rule: a topic with no prerequisite is always unlocked; any other topic unlocks when EACH of its
// prerequisites has at least UNLOCK_SOLVED distinct problems solved (or all of its problems, if it has
// fewer). Three solves is enough to have met a pattern's common shapes without finishing the list.
import { asc, sql } from "drizzle-orm";
import { type Queryable, queryRows } from "../../config/database.js";
import { topicPrerequisites, topics } from "../../database/schema.js";

import { UNLOCK_SOLVED } from "./contract.js";

export { UNLOCK_SOLVED };
export const UNLOCK_RULE = `A topic unlocks when each prerequisite has at least ${UNLOCK_SOLVED} problems solved (or all of them, if it has fewer).`;

export interface TopicUnlock {
  id: string;
  name: string;
  position: number;
  prerequisites: string[];
  solved: number;
  total: number;
  unlocked: boolean;
  /** prerequisites still short of the unlock rule */
  blockedBy: { topicId: string; solved: number; needed: number }[];
}

export interface TopicGraph {
  topics: { id: string; name: string; position: number }[];
  edges: { fromTopic: string; toTopic: string }[];
}

/** The rule over counts: distinct problems solved per topic and problems per topic (visible to the user). */
export function applyUnlockRule(
  graph: TopicGraph,
  solved: Map<string, number>,
  total: Map<string, number>,
): TopicUnlock[] {
  const needed = (topicId: string) => Math.min(UNLOCK_SOLVED, total.get(topicId) ?? 0);
  return graph.topics.map((t) => {
    const prerequisites = graph.edges.filter((e) => e.toTopic === t.id).map((e) => e.fromTopic);
    const blockedBy = prerequisites
      .filter((p) => (solved.get(p) ?? 0) < needed(p))
      .map((p) => ({ topicId: p, solved: solved.get(p) ?? 0, needed: needed(p) }));
    return {
      id: t.id,
      name: t.name,
      position: t.position,
      prerequisites,
      solved: solved.get(t.id) ?? 0,
      total: total.get(t.id) ?? 0,
      unlocked: blockedBy.length === 0,
      blockedBy,
    };
  });
}

export async function loadTopicGraph(db: Queryable): Promise<TopicGraph> {
  const [all, edges] = await Promise.all([
    db.select().from(topics).orderBy(asc(topics.position)),
    db.select().from(topicPrerequisites),
  ]);
  return { topics: all, edges };
}

/** Distinct problems the user has solved, per topic. */
export async function solvedPerTopic(db: Queryable, userId: number): Promise<Map<string, number>> {
  const rows = await queryRows<{ topic_id: string; solved: number }>(
    db,
    sql`select pt.topic_id, count(distinct a.problem_id)::int as solved
          from attempts a join problem_topics pt on pt.problem_id = a.problem_id
         where a.user_id = ${userId} and a.outcome = 'solved'
         group by pt.topic_id`,
  );
  return new Map(rows.map((r) => [r.topic_id, r.solved]));
}

/** Problems per topic the user can see (the shared catalogue and their own), as topic mastery counts them. */
async function problemsPerTopic(db: Queryable, userId: number): Promise<Map<string, number>> {
  const rows = await queryRows<{ topic_id: string; total: number }>(
    db,
    sql`select pt.topic_id, count(p.id)::int as total
          from problem_topics pt
          join problems p on p.id = pt.problem_id and (p.owner_user_id is null or p.owner_user_id = ${userId})
         group by pt.topic_id`,
  );
  return new Map(rows.map((r) => [r.topic_id, r.total]));
}

/** Every topic's unlock state for the user, read straight from the database. */
export async function loadTopicUnlocks(db: Queryable, userId: number): Promise<TopicUnlock[]> {
  const [graph, solved, total] = await Promise.all([
    loadTopicGraph(db),
    solvedPerTopic(db, userId),
    problemsPerTopic(db, userId),
  ]);
  return applyUnlockRule(graph, solved, total);
}
