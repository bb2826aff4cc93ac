// The "Today" queue: everything to do today in one list — reviews due now, the study plan's open items up
// to this week, and the roadmap's recommended new problems — each problem once. Finishing an item is one
// attempt (POST /api/attempts), which schedules its card and ticks its plan item in one transaction; an
// item without a problem (a topic to read, a mock) is ticked directly. Also the start-here steps a new user
// sees until each is done.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import { type Database, queryRows } from "../../config/database.js";
import { planItems, studyPlans } from "../../database/schema.js";
import { NotFoundError } from "../../errors.js";
import { loadLearner } from "../shared/learner.js";
import { daysBetween, localDate } from "../shared/local-dates.js";
import { MAX_PAGE_SIZE } from "../shared/pagination.js";
import type { TrainingService } from "./training-service.js";

export type TodayKind = "review" | "plan" | "new";

export interface TodayItem {
  /** stable within a day: `review:<slug>`, `plan:<item id>`, `new:<slug>` */
  key: string;
  kind: TodayKind;
  problemSlug: string | null;
  title: string;
  difficulty: string | null;
  url: string | null;
  leetcodeId: number | null;
  topicId: string | null;
  /** the open plan item this finishes, when the problem (or the task) is planned */
  planItemId: number | null;
  /** why it is on the list, in a sentence */
  reason: string;
  minutes: number | null;
  due: string | null;
  retrievability: number | null;
}

export interface StartHereStep {
  id: "first-attempt" | "interview-date" | "link-leetcode" | "import-data";
  title: string;
  detail: string;
  /** the dashboard page where the step is done */
  href: string;
  done: boolean;
}

export interface TodayQueue {
  date: string;
  items: TodayItem[];
  counts: Record<TodayKind, number>;
  /** the current plan's week today falls in, or null without a current plan */
  plan: { id: number; week: number; weeks: number; openThisWeek: number } | null;
  startHere: { steps: StartHereStep[]; complete: boolean };
}

interface PlanRow {
  id: number;
  week: number;
  kind: string;
  topic_id: string | null;
  minutes: number;
  note: string | null;
  slug: string | null;
  title: string | null;
  difficulty: string | null;
  url: string | null;
  leetcode_id: number | null;
  topic_name: string | null;
}

interface ProblemInfo {
  slug: string;
  url: string | null;
  leetcode_id: number | null;
}

export class TodayService {
  constructor(private readonly deps: { db: Database; clock: Clock; training: TrainingService }) {}

  async todayQueue(userId: number): Promise<TodayQueue> {
    const learner = await loadLearner(this.deps.db, userId);
    const now = this.deps.clock.now();
    const today = localDate(now, learner.timezone);
    const [due, planned, startHere] = await Promise.all([
      this.deps.training.dueQueue(userId, { limit: MAX_PAGE_SIZE }),
      this.openPlanItems(userId, today),
      this.startHere(userId),
    ]);
    const slugs = [...due.reviews.map((r) => r.problemSlug), ...due.newProblems.map((p) => p.problemSlug)];
    const info = await this.problemInfo(userId, slugs);
    const planByProblem = new Map<string, PlanRow>();
    for (const row of planned.items) if (row.slug && !planByProblem.has(row.slug)) planByProblem.set(row.slug, row);

    const items: TodayItem[] = [];
    const seen = new Set<string>();
    for (const r of due.reviews) {
      const plan = planByProblem.get(r.problemSlug);
      seen.add(r.problemSlug);
      items.push({
        key: `review:${r.problemSlug}`,
        kind: "review",
        problemSlug: r.problemSlug,
        title: r.title,
        difficulty: r.difficulty,
        url: info.get(r.problemSlug)?.url ?? null,
        leetcodeId: info.get(r.problemSlug)?.leetcode_id ?? null,
        topicId: plan?.topic_id ?? null,
        planItemId: plan?.id ?? null,
        reason: `Review due: recall chance ${Math.round(r.retrievability * 100)} %${plan ? ", and planned" : ""}`,
        minutes: plan?.minutes ?? null,
        due: r.due,
        retrievability: r.retrievability,
      });
    }
    for (const row of planned.items) {
      if (row.slug && seen.has(row.slug)) continue;
      if (row.slug) seen.add(row.slug);
      items.push({
        key: `plan:${row.id}`,
        kind: "plan",
        problemSlug: row.slug,
        title: row.title ?? row.note ?? `${row.kind} ${row.topic_name ?? ""}`.trim(),
        difficulty: row.difficulty,
        url: row.url,
        leetcodeId: row.leetcode_id,
        topicId: row.topic_id,
        planItemId: row.id,
        reason:
          row.week < (planned.week ?? row.week)
            ? `Planned for week ${row.week}, still open`
            : `Planned this week${row.topic_name ? ` (${row.topic_name})` : ""}`,
        minutes: row.minutes,
        due: null,
        retrievability: null,
      });
    }
    for (const p of due.newProblems) {
      if (seen.has(p.problemSlug)) continue;
      seen.add(p.problemSlug);
      items.push({
        key: `new:${p.problemSlug}`,
        kind: "new",
        problemSlug: p.problemSlug,
        title: p.title,
        difficulty: p.difficulty,
        url: info.get(p.problemSlug)?.url ?? null,
        leetcodeId: info.get(p.problemSlug)?.leetcode_id ?? null,
        topicId: p.topicId,
        planItemId: null,
        reason: "Recommended next on your roadmap",
        minutes: null,
        due: null,
        retrievability: null,
      });
    }
    const counts: Record<TodayKind, number> = { review: 0, plan: 0, new: 0 };
    for (const item of items) counts[item.kind]++;
    return { date: today, items, counts, plan: planned.plan, startHere };
  }

  /** Unticks a plan item (undo of "done"); the attempt that ticked it, if any, is left alone. */
  async reopenPlanItem(userId: number, itemId: number): Promise<void> {
    const rows = await this.deps.db
      .update(planItems)
      .set({ doneAt: null, doneAttemptId: null })
      .where(and(eq(planItems.id, itemId), eq(planItems.userId, userId)))
      .returning({ id: planItems.id });
    if (rows.length === 0) throw new NotFoundError(`No plan item ${itemId}.`);
  }

  /** Open items of the newest plan due by the end of the week today falls in (earlier weeks' leftovers too). */
  private async openPlanItems(
    userId: number,
    today: string,
  ): Promise<{ items: PlanRow[]; week: number | null; plan: TodayQueue["plan"] }> {
    const [plan] = await this.deps.db
      .select({
        id: studyPlans.id,
        startsOn: studyPlans.startsOn,
        endsOn: studyPlans.endsOn,
        params: studyPlans.params,
      })
      .from(studyPlans)
      .where(eq(studyPlans.userId, userId))
      .orderBy(desc(studyPlans.createdAt), desc(studyPlans.id))
      .limit(1);
    if (!plan || today < plan.startsOn) return { items: [], week: null, plan: null };
    const weeks = (plan.params as { weeks?: number }).weeks ?? 0;
    const week = Math.floor(daysBetween(plan.startsOn, today) / 7) + 1;
    if (today > plan.endsOn && week > weeks) return { items: [], week: null, plan: null };
    const items = await queryRows<PlanRow>(
      this.deps.db,
      sql`select i.id, i.week, i.kind, i.topic_id, i.minutes, i.note, p.slug, p.title, p.difficulty, p.url,
                 p.leetcode_id, t.name as topic_name
            from plan_items i
            left join problems p on p.id = i.problem_id
            left join topics t on t.id = i.topic_id
           where i.plan_id = ${plan.id} and i.user_id = ${userId} and i.done_at is null and i.week <= ${week}
           order by i.week, i.id`,
    );
    return {
      items,
      week,
      plan: { id: plan.id, week, weeks, openThisWeek: items.filter((i) => i.week === week).length },
    };
  }

  private async problemInfo(userId: number, slugs: string[]): Promise<Map<string, ProblemInfo>> {
    if (slugs.length === 0) return new Map();
    const rows = await queryRows<ProblemInfo>(
      this.deps.db,
      sql`select slug, url, leetcode_id from problems
           where slug in (${sql.join(
             slugs.map((s) => sql`${s}`),
             sql`, `,
           )}) and (owner_user_id is null or owner_user_id = ${userId})`,
    );
    return new Map(rows.map((r) => [r.slug, r]));
  }

  /** The first steps of a new user, each marked done from the data (nothing to dismiss by hand). */
  async startHere(userId: number): Promise<TodayQueue["startHere"]> {
    const [row] = await queryRows<{ attempts: boolean; interview: boolean; leetcode: boolean; imported: boolean }>(
      this.deps.db,
      sql`select exists (select 1 from attempts where user_id = ${userId}) as attempts,
                 (select interview_date is not null from users where id = ${userId}) as interview,
                 exists (select 1 from platform_accounts where user_id = ${userId} and platform = 'leetcode') as leetcode,
                 (exists (select 1 from attempts where user_id = ${userId} and source in ('import', 'leetcode'))
                  or exists (select 1 from import_records where user_id = ${userId})) as imported`,
    );
    const steps: StartHereStep[] = [
      {
        id: "first-attempt",
        title: "Log your first problem",
        detail: "Pick a problem you solved (or tried) and log how it went: reviews and weak topics start from there.",
        href: "/problems",
        done: Boolean(row?.attempts),
      },
      {
        id: "interview-date",
        title: "Set your interview date",
        detail: "The study plan is sized to the weeks you have left.",
        href: "/settings",
        done: Boolean(row?.interview),
      },
      {
        id: "link-leetcode",
        title: "Link your LeetCode account",
        detail: "Accepted submissions arrive as attempts, so you log less by hand.",
        href: "/settings",
        done: Boolean(row?.leetcode),
      },
      {
        id: "import-data",
        title: "Import your old data",
        detail: "Bring attempts from a previous export or the old platform.",
        href: "/settings",
        done: Boolean(row?.imported),
      },
    ];
    return { steps, complete: steps.every((s) => s.done) };
  }
}
