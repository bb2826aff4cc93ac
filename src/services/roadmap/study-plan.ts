// Building a weekly study plan: pure logic, no database. roadmap-service.ts gathers the inputs and stores
// the result.
//
// 1. Reviews first: each week reserves up to REVIEW_SHARE of its minutes for cards falling due by the end
//    of that week (week 1 also takes everything overdue), most overdue first. A planned review is assumed
//    done; later re-scheduling is the due queue's job.
// 2. Every topic of the roadmap gets one item before any topic gets a second: its easiest unsolved problem,
//    or — when the user has solved them all — a review of its least-remembered card, or a "topic" item
//    when it has no problem at all. These items are placed even when the weeks are too short (the plan
//    then says so in `warnings` and `overBudget`), so no topic is ever silently dropped.
// 3. The minutes left go to more new problems, shared between topics by weight (D'Hondt: the topic with the
//    highest weight ÷ (items so far + 1) gets the next one). weight = 1 + weakness score ÷ 50 (+1 for the
//    focus topic), so weak topics get up to three times as many problems.
// 4. Items are ordered focus topic first, then by roadmap position (prerequisites before what they
//    unlock), easy before hard, and packed into the first week that still has room.
import { NORM_MINUTES } from "../training/fsrs-scheduling.js";

export const REVIEW_SHARE = 0.3;
/** Re-solving a problem one has solved before takes about half its norm. */
export const REVIEW_MINUTES: Record<string, number> = {
  easy: Math.round(NORM_MINUTES.easy / 2),
  medium: Math.round(NORM_MINUTES.medium / 2),
  hard: Math.round(NORM_MINUTES.hard / 2),
};
export const TOPIC_STUDY_MINUTES = 30;

export interface PlanTopic {
  id: string;
  name: string;
  position: number;
  unlocked: boolean;
  weaknessScore: number;
  /** never-tried problems, easiest first */
  newProblems: { problemId: number; slug: string; difficulty: string }[];
  /** the topic's least-remembered reviewed card, if any */
  weakestCard: { problemId: number; slug: string; difficulty: string; retrievability: number } | null;
}

export interface PlanCard {
  problemId: number;
  slug: string;
  difficulty: string;
  topicId: string;
  /** local date the card falls due */
  dueDate: string;
  retrievability: number;
}

export interface PlanInput {
  weeks: number;
  weeklyMinutes: number;
  /** local date of the plan's first day */
  startDate: string;
  focusTopic: string | null;
  topics: PlanTopic[];
  cards: PlanCard[];
}

export interface PlannedItem {
  week: number;
  kind: "new" | "review" | "topic";
  topicId: string;
  problemId: number | null;
  minutes: number;
  note: string;
}

export interface PlanResult {
  items: PlannedItem[];
  minutesByWeek: number[];
  overBudget: boolean;
  warnings: string[];
  weights: Record<string, number>;
}

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const newMinutes = (difficulty: string) => NORM_MINUTES[difficulty as keyof typeof NORM_MINUTES] ?? NORM_MINUTES.medium;
const reviewMinutes = (difficulty: string) => REVIEW_MINUTES[difficulty] ?? REVIEW_MINUTES.medium;

export function buildPlan(input: PlanInput): PlanResult {
  const { weeks, weeklyMinutes } = input;
  const used = new Array<number>(weeks).fill(0);
  const items: PlannedItem[] = [];
  const warnings: string[] = [];
  const plannedCards = new Set<number>();

  // 1. reviews
  const cards = [...input.cards].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.retrievability - b.retrievability,
  );
  for (let week = 0; week < weeks; week++) {
    const weekEnd = addDaysIso(input.startDate, week * 7 + 6);
    const budget = Math.floor(weeklyMinutes * REVIEW_SHARE);
    for (const card of cards) {
      if (plannedCards.has(card.problemId) || card.dueDate > weekEnd) continue;
      const minutes = reviewMinutes(card.difficulty);
      if (used[week] + minutes > budget) break;
      used[week] += minutes;
      plannedCards.add(card.problemId);
      items.push({
        week: week + 1,
        kind: "review",
        topicId: card.topicId,
        problemId: card.problemId,
        minutes,
        note: `Review ${card.slug}: due ${card.dueDate}, recall now ${card.retrievability.toFixed(2)}`,
      });
    }
  }

  // 2. one item per topic, 3. the rest by weight
  const weights: Record<string, number> = {};
  for (const topic of input.topics)
    weights[topic.id] =
      Math.round((1 + topic.weaknessScore / 50 + (topic.id === input.focusTopic ? 1 : 0)) * 100) / 100;
  const capacity = weeks * weeklyMinutes - used.reduce((a, b) => a + b, 0);
  // Packing whole problems into weeks wastes at most one problem's minutes per week: keep that back.
  const fragmentAllowance = weeks * NORM_MINUTES.medium;
  const chosen = new Map<string, PlannedItem[]>();
  let allocated = 0;
  const coveredByReview = new Set(items.map((i) => i.topicId));
  for (const topic of input.topics) {
    const first = topic.newProblems[0];
    let item: PlannedItem;
    if (first) {
      item = {
        week: 0,
        kind: "new",
        topicId: topic.id,
        problemId: first.problemId,
        minutes: newMinutes(first.difficulty),
        note: noteFor(topic, first.slug, input.focusTopic),
      };
    } else if (topic.weakestCard && !plannedCards.has(topic.weakestCard.problemId)) {
      plannedCards.add(topic.weakestCard.problemId);
      item = {
        week: 0,
        kind: "review",
        topicId: topic.id,
        problemId: topic.weakestCard.problemId,
        minutes: reviewMinutes(topic.weakestCard.difficulty),
        note: `Every ${topic.name} problem is solved: review ${topic.weakestCard.slug} (recall now ${topic.weakestCard.retrievability.toFixed(2)})`,
      };
    } else if (coveredByReview.has(topic.id)) {
      continue;
    } else {
      item = {
        week: 0,
        kind: "topic",
        topicId: topic.id,
        problemId: null,
        minutes: TOPIC_STUDY_MINUTES,
        note: `Study the ${topic.name} patterns`,
      };
    }
    chosen.set(topic.id, [item]);
    allocated += item.minutes;
  }
  const budgetForNew = capacity - fragmentAllowance;
  if (allocated > capacity)
    warnings.push(
      `The plan needs ${allocated} minutes to touch every topic once but only ${capacity} are free in ${weeks} week(s); every topic is kept, so some weeks run over ${weeklyMinutes} minutes.`,
    );
  for (;;) {
    let best: PlanTopic | null = null;
    let bestQuotient = -1;
    for (const topic of input.topics) {
      const taken = chosen.get(topic.id)?.filter((i) => i.kind === "new").length ?? 0;
      const next = topic.newProblems[taken];
      if (!next || allocated + newMinutes(next.difficulty) > budgetForNew) continue;
      const quotient = weights[topic.id] / ((chosen.get(topic.id)?.length ?? 0) + 1);
      if (quotient > bestQuotient) {
        best = topic;
        bestQuotient = quotient;
      }
    }
    if (!best) break;
    const list = chosen.get(best.id) ?? [];
    const next = best.newProblems[list.filter((i) => i.kind === "new").length];
    if (!next) break;
    list.push({
      week: 0,
      kind: "new",
      topicId: best.id,
      problemId: next.problemId,
      minutes: newMinutes(next.difficulty),
      note: noteFor(best, next.slug, input.focusTopic),
    });
    chosen.set(best.id, list);
    allocated += newMinutes(next.difficulty);
  }

  // 4. order and pack
  const order = [...input.topics].sort(
    (a, b) => Number(b.id === input.focusTopic) - Number(a.id === input.focusTopic) || a.position - b.position,
  );
  const sequence = order.flatMap((topic) => chosen.get(topic.id) ?? []);
  let overBudget = false;
  let week = 0;
  for (const item of sequence) {
    while (week < weeks && used[week] + item.minutes > weeklyMinutes) week++;
    let target = week;
    if (target >= weeks) {
      // No week has room left: put it where the least is planned.
      target = used.indexOf(Math.min(...used));
      overBudget = true;
      week = weeks - 1;
    }
    used[target] += item.minutes;
    items.push({ ...item, week: target + 1 });
  }
  items.sort((a, b) => a.week - b.week || Number(a.kind !== "review") - Number(b.kind !== "review"));
  const topicsInPlan = new Set(items.map((i) => i.topicId));
  const missing = input.topics.filter((t) => !topicsInPlan.has(t.id));
  if (missing.length > 0) throw new Error(`plan lost topics: ${missing.map((t) => t.id).join(", ")}`);
  return { items, minutesByWeek: used, overBudget, warnings, weights };
}

function noteFor(topic: PlanTopic, slug: string, focus: string | null): string {
  const why: string[] = [];
  if (topic.id === focus) why.push("focus topic");
  if (topic.weaknessScore >= 50) why.push(`weak topic (score ${topic.weaknessScore})`);
  if (!topic.unlocked) why.push("after its prerequisites");
  return `New ${topic.name} problem ${slug}${why.length ? ` — ${why.join(", ")}` : ""}`;
}
