// Which never-solved problem to try next: the ones the learner is predicted to solve with probability in
// the productive band (about 60–75 %), the focus topic and the weakest topics first, each with its numbers.
import { sql } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import { type Database, queryRows } from "../../config/database.js";
import type { CatalogService } from "../catalog/catalog-service.js";
import { loadLearner } from "../shared/learner.js";
import type { NewProblem } from "../training/training-service.js";
import { isBlind } from "./blind-mode.js";
import { DEFAULT_RECOMMENDATIONS, MAX_RECOMMENDATIONS, type Recommendation } from "./contract.js";
import type { DifficultyPriors } from "./problem-ratings.js";
import { bandOrder, type Estimate, successProbability } from "./rating-math.js";
import { GLOBAL_SKILL, loadSkills, PATTERN_SKILL, type SkillEstimate, skillOnProblem } from "./skill-estimates.js";

/** How many practised topics count as "weakest" for the preference. */
const WEAKEST_TOPICS = 3;

export interface RecommendationOptions {
  topic?: string;
  limit?: number;
  /** only problems the learner has never attempted at all (the review queue's new problems) */
  untriedOnly?: boolean;
}

interface CandidateRow {
  slug: string;
  title: string;
  difficulty: string;
  url: string | null;
  rating: number | null;
  rating_deviation: number | null;
  topics: string[];
}

const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

/** The learner's weakest practised topics, lowest rating first. */
export function weakestTopics(skills: Map<string, SkillEstimate>, count = WEAKEST_TOPICS): string[] {
  const practised = [...skills.values()].filter(
    (s) => s.topic !== GLOBAL_SKILL && s.topic !== PATTERN_SKILL && s.attempts > 0,
  );
  // With only a few topics practised, "weakest" would name all of them.
  if (practised.length <= count) return [];
  return practised
    .sort((a, b) => a.rating - b.rating)
    .slice(0, count)
    .map((s) => s.topic);
}

export interface RecommendationDeps {
  db: Database;
  clock: Clock;
  catalog: CatalogService;
  priors: DifficultyPriors;
  /** the roadmap's topics with their unlocked state: unlocked topics are preferred over locked ones */
  topicStates?: (userId: number) => Promise<{ id: string; unlocked: boolean }[]>;
}

export class RecommendationService {
  constructor(private readonly deps: RecommendationDeps) {}

  /** GET /api/recommendations, the MCP tool and the CLI: at most MAX_RECOMMENDATIONS. */
  async recommend(userId: number, options: RecommendationOptions = {}): Promise<Recommendation[]> {
    const limit = Math.min(MAX_RECOMMENDATIONS, Math.max(1, options.limit ?? DEFAULT_RECOMMENDATIONS));
    return this.ranked(userId, { ...options, limit });
  }

  /** The review queue's new problems: never attempted, best first. */
  async pickNewProblems(userId: number, count: number): Promise<NewProblem[]> {
    if (count <= 0) return [];
    const ranked = await this.ranked(userId, { untriedOnly: true, limit: count });
    return ranked.map((r) => ({
      problemSlug: r.problemSlug,
      title: r.title,
      difficulty: r.difficulty,
      topicId: r.topics[0] ?? null,
      successProbability: r.successProbability,
      reason: r.reason,
    }));
  }

  /** Every never-attempted problem's slug, best first: the order the weekly plan takes new problems in. */
  async planOrder(userId: number): Promise<string[]> {
    return (await this.ranked(userId, { untriedOnly: true })).map((r) => r.problemSlug);
  }

  private async ranked(userId: number, options: RecommendationOptions): Promise<Recommendation[]> {
    if (options.topic !== undefined) await this.deps.catalog.requireTopics([options.topic]);
    const now = this.deps.clock.now();
    const [learner, skills, blind, topicNames, rows, states] = await Promise.all([
      loadLearner(this.deps.db, userId),
      loadSkills(this.deps.db, userId, now),
      isBlind(this.deps.db, userId),
      this.deps.catalog.listTopics(),
      this.candidates(userId, options),
      this.deps.topicStates?.(userId) ?? Promise.resolve([]),
    ]);
    const unlocked = new Set(states.filter((t) => t.unlocked).map((t) => t.id));
    const names = new Map(topicNames.map((t) => [t.id, t.name]));
    const weakest = new Set(weakestTopics(skills));
    const scored = rows.map((row) => {
      const problem = this.deps.priors.estimate(row.difficulty, row.rating, row.rating_deviation);
      const skill = skillOnProblem(skills, row.topics);
      const p = successProbability(skill, problem);
      const focus = learner.focusTopic !== null && row.topics.includes(learner.focusTopic);
      const weak = row.topics.some((t) => weakest.has(t));
      // Focus beats weakness beats an unlocked topic beats a locked one beats a contest problem with no topic.
      const open = row.topics.some((t) => unlocked.has(t)) || (states.length === 0 && row.topics.length > 0);
      const priority = options.topic ? 0 : focus ? 4 : weak ? 3 : open ? 2 : row.topics.length > 0 ? 1 : 0;
      return { row, problem, skill, successProbability: p, priority, focus, weak };
    });
    return bandOrder(scored)
      .slice(0, options.limit ?? scored.length)
      .map((c) => {
        const percent = Math.round(c.successProbability * 100);
        const reason = blind
          ? `about ${percent} % predicted for you (blind mode hides the rating and topics until you log an attempt)`
          : explain(
              c.problem,
              c.skill,
              c.row.topics.map((t) => names.get(t) ?? t),
              percent,
              c.focus,
              c.weak,
            );
        return {
          problemSlug: c.row.slug,
          title: c.row.title,
          rating: blind ? null : Math.round(c.problem.rating),
          successProbability: Math.round(c.successProbability * 1000) / 1000,
          reason,
          difficulty: blind ? null : c.row.difficulty,
          topics: blind ? [] : c.row.topics,
          url: c.row.url,
        };
      });
  }

  /** Problems the learner can see and has never solved (or, with untriedOnly, never attempted or reviewed). */
  private candidates(userId: number, options: RecommendationOptions): Promise<CandidateRow[]> {
    const excluded = options.untriedOnly
      ? sql`not exists (select 1 from attempts a where a.user_id = ${userId} and a.problem_id = p.id)
            and not exists (select 1 from review_cards rc where rc.user_id = ${userId} and rc.problem_id = p.id)`
      : sql`not exists (select 1 from attempts a where a.user_id = ${userId} and a.problem_id = p.id and a.outcome = 'solved')`;
    const topic = options.topic
      ? sql`and exists (select 1 from problem_topics x where x.problem_id = p.id and x.topic_id = ${options.topic})`
      : sql``;
    return queryRows<CandidateRow>(
      this.deps.db,
      sql`select p.slug, p.title, p.difficulty, p.url, p.rating, p.rating_deviation,
                 coalesce((select array_agg(pt.topic_id order by pt.topic_id) from problem_topics pt
                            where pt.problem_id = p.id), '{}') as topics
            from problems p
           where (p.owner_user_id is null or p.owner_user_id = ${userId}) and ${excluded} ${topic}
           order by p.id`,
    );
  }
}

/** "rated 1,720; your Graphs 1,610 ± 90 → 62 %", with why this topic when it is the focus or a weak one. */
export function explain(
  problem: Estimate,
  skill: Estimate,
  topicNames: string[],
  percent: number,
  focus: boolean,
  weak: boolean,
): string {
  const label = topicNames.length > 0 ? topicNames.join(" + ") : "overall skill";
  const why = focus ? "; your focus topic" : weak ? "; one of your weakest topics" : "";
  return `rated ${thousands(problem.rating)}; your ${label} ${thousands(skill.rating)} ± ${Math.round(skill.deviation)} → ${percent} %${why}`;
}
