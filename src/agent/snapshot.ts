// Where a learner stands right now — the numbers, weak topics, due reviews and next problems — as the
// mentor's prompt, the offline mentor and the MCP profile resource all present it. The loader only calls
// the services; this file formats.

export interface SnapshotStats {
  totalAttempts: number;
  solved: number;
  /** problems of the catalogue with at least one attempt / the catalogue's size */
  coverage?: { attempted: number; total: number };
  streak?: { current: number; longest: number };
  byDifficulty?: Record<string, { attempts: number; solved: number }>;
}

export interface SnapshotWeakness {
  topicId: string;
  name: string;
  score: number;
  severity: string;
  reason: string;
}

export interface SnapshotReview {
  problemSlug: string;
  title: string;
  difficulty: string;
  due: string;
  retrievability: number;
}

export interface SnapshotProblem {
  problemSlug: string;
  title: string;
  /** null while blind mode hides it */
  difficulty: string | null;
  topicId?: string | null;
  topicName?: string;
  /** the recommender's numbers: "rated 1,720; your Graphs 1,610 ± 90 → 62 %" */
  reason?: string;
}

/** An open item of the study plan, up to the current week. */
export interface SnapshotPlanItem {
  week: number;
  kind: string;
  problemSlug: string | null;
  title: string | null;
  difficulty: string | null;
  minutes: number;
  note: string | null;
}

export interface LearnerSnapshot {
  /** the user's local date, YYYY-MM-DD */
  today: string;
  stats: SnapshotStats;
  /** weakest first */
  weaknesses: SnapshotWeakness[];
  /** most likely forgotten first */
  dueReviews: SnapshotReview[];
  /** the roadmap's next problems to start */
  nextProblems: SnapshotProblem[];
  upcomingInterviews?: { scheduledAt: string; mode: string; company?: string | null }[];
  /** the current plan's week and its open items up to that week; absent without a current plan */
  plan?: { week: number; weeks: number; openItems: SnapshotPlanItem[] };
}

const pct = (value: number) => `${Math.round(value * 100)}%`;
/** "1 day", "2 days" */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export function formatStats(stats: SnapshotStats): string {
  const lines = [`- Attempts: ${stats.totalAttempts} (${stats.solved} solved)`];
  if (stats.coverage)
    lines.push(`- Catalogue covered: ${stats.coverage.attempted} of ${count(stats.coverage.total, "problem")}`);
  if (stats.streak) lines.push(`- Streak: ${count(stats.streak.current, "day")} (longest ${stats.streak.longest})`);
  if (stats.byDifficulty) {
    const parts = Object.entries(stats.byDifficulty).map(([d, v]) => `${d} ${v.solved}/${v.attempts}`);
    if (parts.length) lines.push(`- Solved/attempted by difficulty: ${parts.join(", ")}`);
  }
  return lines.join("\n");
}

export function formatWeaknesses(weaknesses: SnapshotWeakness[], limit = 3): string {
  if (weaknesses.length === 0) return "No weak topic yet: not enough attempts to tell.";
  return weaknesses
    .slice(0, limit)
    .map((w) => `- ${w.name} (score ${Math.round(w.score)}/100, ${w.severity}): ${w.reason}`)
    .join("\n");
}

export function formatDueReviews(reviews: SnapshotReview[], limit = 5): string {
  if (reviews.length === 0) return "No review is due.";
  const shown = reviews
    .slice(0, limit)
    .map((r) => `- ${r.title} (\`${r.problemSlug}\`, ${r.difficulty}): recall chance ${pct(r.retrievability)}`);
  if (reviews.length > limit) shown.push(`- … and ${reviews.length - limit} more`);
  return shown.join("\n");
}

export function formatNextProblems(problems: SnapshotProblem[], limit = 3): string {
  if (problems.length === 0) return "No new problem is scheduled for today.";
  return problems
    .slice(0, limit)
    .map(
      (p) =>
        `- ${p.title} (\`${p.problemSlug}\`${p.difficulty ? `, ${p.difficulty}` : ""}${p.topicName ? `, ${p.topicName}` : ""})${p.reason ? `: ${p.reason}` : ""}`,
    )
    .join("\n");
}

export function formatPlanItems(items: SnapshotPlanItem[], limit = 5): string {
  if (items.length === 0) return "Every plan item up to this week is done.";
  const shown = items.slice(0, limit).map((i) => {
    const what = i.title ? `${i.title} (\`${i.problemSlug}\`, ${i.difficulty})` : (i.note ?? i.kind);
    return `- ${i.kind === "review" ? "Review " : ""}${what}, about ${i.minutes} min${i.title && i.note ? `: ${i.note}` : ""}`;
  });
  if (items.length > limit) shown.push(`- … and ${items.length - limit} more`);
  return shown.join("\n");
}

/** The profile summary in Markdown (the MCP resource and the "plan my day" prompt). */
export function formatSnapshot(snapshot: LearnerSnapshot): string {
  const parts = [
    `# Progress on ${snapshot.today}`,
    `## Numbers\n${formatStats(snapshot.stats)}`,
    `## Weakest topics\n${formatWeaknesses(snapshot.weaknesses)}`,
    `## Reviews due (${snapshot.dueReviews.length})\n${formatDueReviews(snapshot.dueReviews)}`,
    `## Next roadmap problems\n${formatNextProblems(snapshot.nextProblems)}`,
  ];
  if (snapshot.plan)
    parts.push(
      `## Study plan, week ${snapshot.plan.week} of ${snapshot.plan.weeks} (open items)\n${formatPlanItems(snapshot.plan.openItems)}`,
    );
  if (snapshot.upcomingInterviews?.length) {
    parts.push(
      `## Upcoming mock interviews\n${snapshot.upcomingInterviews
        .slice(0, 3)
        .map((i) => `- ${i.scheduledAt}: ${i.mode}${i.company ? ` (${i.company})` : ""}`)
        .join("\n")}`,
    );
  }
  return parts.join("\n\n");
}
