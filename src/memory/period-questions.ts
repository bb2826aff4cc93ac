// Questions that name a period: reading the period (a calendar expression, or an event a memory dates,
// "before my phone screen"), and ordering a period's memories when the question names nothing else
// ("what did I work on the week of Sep 14?") — the most important first, and varied rather than ten
// notes on one topic.
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "../config/database.js";
import { eventDay, eventRange, parseEventReference } from "./event-dates.js";
import { analyse } from "./offline-embedder.js";
import { parseTimeExpression } from "./time-expressions.js";

export interface QuestionPeriod {
  from: Date;
  to: Date;
  /** the words that named the period, as written */
  matched: string;
  /** the question without them */
  rest: string;
}

/** mentions of an event read to date it; a user's history rarely names one event more often */
const EVENT_MENTIONS = 50;

/**
 * The period a question names on the user's calendar, or undefined. An event is looked up in the user's own
 * memories (all its words, by full text); an event no memory dates names no period, and the question is then
 * searched as written.
 */
export async function questionPeriod(
  db: Database,
  user: { id: number; timezone: string },
  question: string,
  now: Date,
): Promise<QuestionPeriod | undefined> {
  const parsed = parseTimeExpression(question, now, user.timezone);
  if (parsed) return parsed;
  const reference = parseEventReference(question);
  if (!reference) return undefined;
  const mentions = await queryRows<{ text: string; created_at: Date | string }>(
    db,
    sql`select text, created_at from memories
        where user_id = ${user.id} and tsv @@ websearch_to_tsquery('english', ${reference.event})
        order by created_at, id limit ${EVENT_MENTIONS}`,
  );
  const day = eventDay(
    mentions.map((m) => ({ text: m.text, createdAt: new Date(m.created_at) })),
    user.timezone,
  );
  if (!day) return undefined;
  const { from, to } = eventRange(reference.relation, day, now, user.timezone, reference.days);
  return { from: from ?? new Date(0), to: to ?? now, matched: reference.matched, rest: reference.rest };
}

/** How much a memory's overlap with the ones already listed costs it (importance is 0..1). */
const VARIETY_WEIGHT = 0.5;
/** A memory with this many content words or more counts as substantial ("Contains Duplicate, set." is not). */
const SUBSTANTIAL_WORDS = 12;
const SUBSTANCE_WEIGHT = 0.1;

/**
 * Orders a period's memories for a question that names only the period: greedily, each next memory is the
 * one with the best importance (plus a little for substance) minus its largest overlap (Jaccard of words and
 * domain concepts) with those already chosen — maximal marginal relevance with importance as relevance.
 */
export function importantAndVaried<T extends { text: string; importance: number; createdAt: Date }>(
  memories: T[],
  limit: number,
): T[] {
  const features = memories.map(
    (m) => new Set(analyse(m.text).map((u) => (u.kind === "concept" ? `concept:${u.id}` : u.text))),
  );
  const worth = memories.map(
    (m, i) => m.importance + SUBSTANCE_WEIGHT * Math.min(1, features[i].size / SUBSTANTIAL_WORDS),
  );
  const overlap = new Array<number>(memories.length).fill(0);
  const left = new Set(memories.keys());
  const chosen: T[] = [];
  while (chosen.length < limit && left.size > 0) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const i of left) {
      const score = worth[i] - VARIETY_WEIGHT * overlap[i];
      const newer = best >= 0 && memories[i].createdAt.getTime() > memories[best].createdAt.getTime();
      if (score > bestScore || (score === bestScore && newer)) {
        best = i;
        bestScore = score;
      }
    }
    left.delete(best);
    chosen.push(memories[best]);
    for (const i of left) overlap[i] = Math.max(overlap[i], jaccard(features[i], features[best]));
  }
  return chosen;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}
