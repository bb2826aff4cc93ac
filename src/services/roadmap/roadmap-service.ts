// The 18-topic roadmap (topics + prerequisite edges) with each user's progress and locked/unlocked
// state, the focus topic, and persisted weekly study plans. The unlock rule is in roadmap/topic-unlocks.ts;
// which new problems the review queue offers is roadmap/new-problem-picker.ts.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { type Cache, cacheKeys } from "../../cache/cache.js";
import type { Clock } from "../../config/clock.js";
import { type Database, queryRows } from "../../config/database.js";
import type { ReviewCard } from "../../database/schema.js";
import { planItems, problems, studyPlans, users } from "../../database/schema.js";
import { BadRequestError, NotFoundError } from "../../errors.js";
import type { CatalogService } from "../catalog/catalog-service.js";
import { loadLearner } from "../shared/learner.js";
import { addDays, daysBetween, localDate } from "../shared/local-dates.js";
import { type Page, type PageRequest, pageBounds } from "../shared/page.js";
import { cardFromRow, NORM_MINUTES, retrievability, schedulerFor } from "../training/fsrs-scheduling.js";
import type { TrainingService } from "../training/training-service.js";
import type { WeaknessService } from "../weaknesses/weakness-service.js";
import { DEFAULT_PLAN_WEEKS, MAX_PLAN_ITEMS, MAX_PLAN_WEEKS, MAX_WEEKLY_HOURS, UNLOCK_SOLVED } from "./contract.js";
import { buildPlan, type PlanCard, type PlanTopic, REVIEW_MINUTES, REVIEW_SHARE } from "./study-plan.js";
import { applyUnlockRule, loadTopicGraph, solvedPerTopic, UNLOCK_RULE } from "./topic-unlocks.js";

export { DEFAULT_PLAN_WEEKS, MAX_PLAN_WEEKS, UNLOCK_SOLVED };

export interface RoadmapTopic {
  id: string;
  name: string;
  position: number;
  prerequisites: string[];
  solved: number;
  total: number;
  mastery: number;
  unlocked: boolean;
  /** prerequisites still short of the unlock rule */
  blockedBy: { topicId: string; solved: number; needed: number }[];
  focus: boolean;
}

export interface Roadmap {
  focusTopic: string | null;
  unlockRule: string;
  topics: RoadmapTopic[];
}

export interface PlanItemView {
  id: number;
  week: number;
  kind: string;
  topicId: string | null;
  problemSlug: string | null;
  title: string | null;
  difficulty: string | null;
  minutes: number;
  note: string | null;
  done: boolean;
  doneAt: string | null;
}

export interface PlanView {
  id: number;
  startsOn: string;
  endsOn: string;
  weeks: number;
  weeklyHours: number;
  focusTopic: string | null;
  createdAt: string;
  overBudget: boolean;
  warnings: string[];
  minutesByWeek: number[];
  topics: string[];
  items: Page<PlanItemView>;
}

export interface GeneratePlanInput {
  /** default: up to the interview date, or DEFAULT_PLAN_WEEKS without one */
  weeks?: number;
  /** default: the user's weekly hours */
  weeklyHours?: number;
}

export interface RoadmapDeps {
  db: Database;
  cache: Cache;
  clock: Clock;
  catalog: CatalogService;
  training: TrainingService;
  weaknesses: WeaknessService;
  /** never-attempted problems best first (the adaptive recommender): the plan's new problems follow it */
  newProblemOrder?: (userId: number) => Promise<string[]>;
}

export class RoadmapService {
  constructor(private readonly deps: RoadmapDeps) {}

  async roadmap(userId: number): Promise<Roadmap> {
    const learner = await loadLearner(this.deps.db, userId);
    const [graph, mastery, solved] = await Promise.all([
      loadTopicGraph(this.deps.db),
      this.deps.training.mastery(userId),
      solvedPerTopic(this.deps.db, userId),
    ]);
    const total = new Map(mastery.map((m) => [m.topicId, m.total]));
    return {
      focusTopic: learner.focusTopic,
      unlockRule: UNLOCK_RULE,
      topics: applyUnlockRule(graph, solved, total).map((t) => ({
        ...t,
        mastery: mastery.find((m) => m.topicId === t.id)?.mastery ?? 0,
        focus: learner.focusTopic === t.id,
      })),
    };
  }

  async setFocus(userId: number, topicId: string | null): Promise<Roadmap> {
    if (topicId !== null) await this.deps.catalog.requireTopics([topicId]);
    const updated = await this.deps.db
      .update(users)
      .set({ focusTopic: topicId, updatedAt: this.deps.clock.now() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) throw new NotFoundError(`No user with id ${userId}.`);
    await this.deps.cache.invalidateTags(cacheKeys.userTag(userId));
    return this.roadmap(userId);
  }

  private async untriedProblems(
    userId: number,
  ): Promise<Map<string, { problemId: number; slug: string; title: string; difficulty: string }[]>> {
    const rows = await queryRows<{ id: number; slug: string; title: string; difficulty: string; topic_id: string }>(
      this.deps.db,
      sql`select p.id, p.slug, p.title, p.difficulty, pt.topic_id
            from problems p join problem_topics pt on pt.problem_id = p.id
           where (p.owner_user_id is null or p.owner_user_id = ${userId})
             and not exists (select 1 from attempts a where a.user_id = ${userId} and a.problem_id = p.id)
             and not exists (select 1 from review_cards rc where rc.user_id = ${userId} and rc.problem_id = p.id)
           order by case p.difficulty when 'easy' then 0 when 'medium' then 1 else 2 end,
                    p.leetcode_id nulls last, p.slug`,
    );
    const byTopic = new Map<string, { problemId: number; slug: string; title: string; difficulty: string }[]>();
    for (const r of rows) {
      const list = byTopic.get(r.topic_id) ?? [];
      list.push({ problemId: r.id, slug: r.slug, title: r.title, difficulty: r.difficulty });
      byTopic.set(r.topic_id, list);
    }
    return byTopic;
  }

  /** Builds a new weekly plan (see study-plan.ts for how) and stores it; the newest plan is the current one. */
  async generatePlan(userId: number, input: GeneratePlanInput = {}): Promise<PlanView> {
    const learner = await loadLearner(this.deps.db, userId);
    const now = this.deps.clock.now();
    const today = localDate(now, learner.timezone);
    let weeks = input.weeks;
    if (weeks === undefined) {
      if (learner.interviewDate) {
        const days = daysBetween(today, learner.interviewDate);
        if (days < 0)
          throw new BadRequestError(
            `Your interview date ${learner.interviewDate} has passed: set a new one or ask for a number of weeks.`,
          );
        weeks = Math.max(1, Math.ceil((days + 1) / 7));
      } else weeks = DEFAULT_PLAN_WEEKS;
    }
    weeks = Math.min(MAX_PLAN_WEEKS, weeks);
    if (!Number.isInteger(weeks) || weeks < 1)
      throw new BadRequestError(`weeks must be a whole number from 1 to ${MAX_PLAN_WEEKS}.`);
    const weeklyHours = input.weeklyHours ?? learner.weeklyHours;
    if (!(weeklyHours > 0 && weeklyHours <= MAX_WEEKLY_HOURS))
      throw new BadRequestError(`weekly hours must be more than 0 and at most ${MAX_WEEKLY_HOURS}.`);
    const weeklyMinutes = Math.round(weeklyHours * 60);

    const [map, weak, untried, cardRows, order] = await Promise.all([
      this.roadmap(userId),
      this.deps.weaknesses.weaknesses(userId),
      this.untriedProblems(userId),
      queryRows<ReviewCardRow>(
        this.deps.db,
        sql`select rc.*, p.slug, p.difficulty as problem_difficulty,
                   (select pt.topic_id from problem_topics pt join topics t on t.id = pt.topic_id
                     where pt.problem_id = rc.problem_id order by t.position limit 1) as topic_id
              from review_cards rc join problems p on p.id = rc.problem_id
             where rc.user_id = ${userId} and rc.suspended = false and rc.state <> 0`,
      ),
      this.deps.newProblemOrder?.(userId),
    ]);
    if (order) sortByRank(untried, order);
    const scheduler = schedulerFor(learner.targetRetention);
    const cards: PlanCard[] = cardRows
      .filter((r) => r.topic_id !== null)
      .map((r) => ({
        problemId: r.problem_id,
        slug: r.slug,
        difficulty: r.problem_difficulty,
        topicId: r.topic_id as string,
        dueDate: localDate(new Date(r.due), learner.timezone),
        retrievability: retrievability(scheduler, cardFromRow(rowToCard(r)), now),
      }));
    const planTopics: PlanTopic[] = map.topics.map((t) => {
      const topicCards = cards.filter((c) => c.topicId === t.id).sort((a, b) => a.retrievability - b.retrievability);
      return {
        id: t.id,
        name: t.name,
        position: t.position,
        unlocked: t.unlocked,
        weaknessScore: weak.topics.find((w) => w.topicId === t.id)?.score ?? 0,
        newProblems: (untried.get(t.id) ?? []).map((p) => ({
          problemId: p.problemId,
          slug: p.slug,
          difficulty: p.difficulty,
        })),
        weakestCard: topicCards[0] ?? null,
      };
    });
    const result = buildPlan({
      weeks,
      weeklyMinutes,
      startDate: today,
      focusTopic: learner.focusTopic,
      topics: planTopics,
      cards,
    });
    const endsOn =
      input.weeks === undefined && learner.interviewDate ? learner.interviewDate : addDays(today, weeks * 7 - 1);
    const planId = await this.deps.db.transaction(async (tx) => {
      const [plan] = await tx
        .insert(studyPlans)
        .values({
          userId,
          startsOn: today,
          endsOn,
          weeklyHours,
          focusTopic: learner.focusTopic,
          createdAt: now,
          params: {
            weeks,
            weeklyMinutes,
            minutesPerProblem: NORM_MINUTES,
            reviewMinutes: REVIEW_MINUTES,
            reviewShare: REVIEW_SHARE,
            topicWeights: result.weights,
            minutesByWeek: result.minutesByWeek,
            overBudget: result.overBudget,
            warnings: result.warnings,
          },
        })
        .returning({ id: studyPlans.id });
      if (!plan) throw new Error("study plan insert returned no row");
      if (result.items.length > 0)
        await tx.insert(planItems).values(
          result.items.map((item) => ({
            planId: plan.id,
            userId,
            week: item.week,
            kind: item.kind,
            topicId: item.topicId,
            problemId: item.problemId,
            minutes: item.minutes,
            note: item.note,
          })),
        );
      return plan.id;
    });
    return this.planById(userId, planId, { limit: MAX_PLAN_ITEMS });
  }

  /** The newest plan with its items (paginated), or NotFoundError when the user has none. */
  async currentPlan(userId: number, page: PageRequest = {}): Promise<PlanView> {
    const [latest] = await this.deps.db
      .select({ id: studyPlans.id })
      .from(studyPlans)
      .where(eq(studyPlans.userId, userId))
      .orderBy(desc(studyPlans.createdAt), desc(studyPlans.id))
      .limit(1);
    if (!latest) throw new NotFoundError("You have no study plan yet: generate one with POST /api/plan.");
    return this.planById(userId, latest.id, page);
  }

  private async planById(userId: number, planId: number, page: PageRequest & { limit?: number }): Promise<PlanView> {
    const [plan] = await this.deps.db
      .select()
      .from(studyPlans)
      .where(and(eq(studyPlans.id, planId), eq(studyPlans.userId, userId)));
    if (!plan) throw new NotFoundError(`No study plan ${planId}.`);
    const limit = Math.min(MAX_PLAN_ITEMS, Math.max(1, page.limit ?? MAX_PLAN_ITEMS));
    const { offset } = pageBounds({ offset: page.offset });
    const rows = await this.deps.db
      .select({
        id: planItems.id,
        week: planItems.week,
        kind: planItems.kind,
        topicId: planItems.topicId,
        minutes: planItems.minutes,
        note: planItems.note,
        doneAt: planItems.doneAt,
        slug: problems.slug,
        title: problems.title,
        difficulty: problems.difficulty,
      })
      .from(planItems)
      .leftJoin(problems, eq(problems.id, planItems.problemId))
      .where(and(eq(planItems.planId, planId), eq(planItems.userId, userId)))
      .orderBy(asc(planItems.week), asc(planItems.id));
    const params = plan.params as {
      weeks?: number;
      overBudget?: boolean;
      warnings?: string[];
      minutesByWeek?: number[];
    };
    return {
      id: plan.id,
      startsOn: plan.startsOn,
      endsOn: plan.endsOn,
      weeks: params.weeks ?? 0,
      weeklyHours: plan.weeklyHours,
      focusTopic: plan.focusTopic,
      createdAt: plan.createdAt.toISOString(),
      overBudget: params.overBudget ?? false,
      warnings: params.warnings ?? [],
      minutesByWeek: params.minutesByWeek ?? [],
      topics: [...new Set(rows.map((r) => r.topicId).filter((t): t is string => t !== null))],
      items: {
        items: rows.slice(offset, offset + limit).map(toItemView),
        total: rows.length,
        limit,
        offset,
      },
    };
  }

  async markItemDone(userId: number, itemId: number): Promise<PlanItemView> {
    const now = this.deps.clock.now();
    await this.deps.db
      .update(planItems)
      .set({ doneAt: now })
      .where(and(eq(planItems.id, itemId), eq(planItems.userId, userId), isNull(planItems.doneAt)));
    const [row] = await this.deps.db
      .select({
        id: planItems.id,
        week: planItems.week,
        kind: planItems.kind,
        topicId: planItems.topicId,
        minutes: planItems.minutes,
        note: planItems.note,
        doneAt: planItems.doneAt,
        slug: problems.slug,
        title: problems.title,
        difficulty: problems.difficulty,
      })
      .from(planItems)
      .leftJoin(problems, eq(problems.id, planItems.problemId))
      .where(and(eq(planItems.id, itemId), eq(planItems.userId, userId)));
    if (!row) throw new NotFoundError(`No plan item ${itemId}.`);
    return toItemView(row);
  }
}

interface ReviewCardRow {
  id: number;
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
  slug: string;
  problem_difficulty: string;
  topic_id: string | null;
}

function rowToCard(r: ReviewCardRow): ReviewCard {
  return {
    due: new Date(r.due),
    stability: Number(r.stability),
    difficulty: Number(r.difficulty),
    elapsedDays: r.elapsed_days,
    scheduledDays: r.scheduled_days,
    learningSteps: r.learning_steps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    lastReview: r.last_review ? new Date(r.last_review) : null,
  } as ReviewCard;
}

function toItemView(row: {
  id: number;
  week: number;
  kind: string;
  topicId: string | null;
  minutes: number;
  note: string | null;
  doneAt: Date | null;
  slug: string | null;
  title: string | null;
  difficulty: string | null;
}): PlanItemView {
  return {
    id: row.id,
    week: row.week,
    kind: row.kind,
    topicId: row.topicId,
    problemSlug: row.slug,
    title: row.title,
    difficulty: row.difficulty,
    minutes: row.minutes,
    note: row.note,
    done: row.doneAt !== null,
    doneAt: row.doneAt?.toISOString() ?? null,
  };
}

/** Reorders each topic's new problems by their rank in `order` (slugs best first); unranked ones keep their place after. */
function sortByRank(byTopic: Map<string, { slug: string }[]>, order: string[]): void {
  const rank = new Map(order.map((slug, i) => [slug, i]));
  for (const list of byTopic.values())
    list.sort((a, b) => (rank.get(a.slug) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.slug) ?? Number.MAX_SAFE_INTEGER));
}
