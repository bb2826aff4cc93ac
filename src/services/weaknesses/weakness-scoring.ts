// Weakness scoring: pure functions from a topic's evidence to a 0–100 score, a severity and a sentence.
//
// score = 100 × ( 0.35 × failure      — failed or gave-up share of the topic's attempts, scaled by
//                                        min(1, attempts / 3) so one bad day is not yet a pattern
//               + 0.20 × lowMastery   — 1 − mastery (see mastery.ts); only once the topic has been practised
//               + 0.10 × overtime     — solves' mean minutes ÷ the difficulty's norm, minus 1, clamped to 0..1
//                                        (2× the norm or slower counts fully)
//               + 0.15 × coverageGap  — 1 − solved ÷ problems in the topic
//               + 0.20 × staleness    — days since last practice ÷ 30, clamped to 0..1 (never practised = 1) )
// Severity: below 25 low, below 50 medium, below 75 high, otherwise critical. A topic never practised
// scores 35 (coverage gap + staleness): a gap to fill, ranked below topics with evidence of failure.
export const WEAKNESS_WEIGHTS = { failure: 0.35, lowMastery: 0.2, overtime: 0.1, coverageGap: 0.15, staleness: 0.2 };
export const STALE_AFTER_DAYS = 30;
export const FAILURE_CONFIDENCE_ATTEMPTS = 3;

export type Severity = "low" | "medium" | "high" | "critical";

export interface TopicEvidence {
  topicId: string;
  name: string;
  attempts: number;
  /** failed or gave up */
  failed: number;
  /** distinct problems solved */
  solved: number;
  /** problems in the topic the user can see */
  total: number;
  mastery: number;
  /** mean of minutes ÷ the difficulty's norm over timed solves; null when none is timed */
  timeRatio: number | null;
  /** local days since the last attempt; null when never practised */
  daysSinceLast: number | null;
}

export interface TopicWeakness extends TopicEvidence {
  score: number;
  severity: Severity;
  reason: string;
  components: Record<keyof typeof WEAKNESS_WEIGHTS, number>;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const r2 = (v: number) => Math.round(v * 100) / 100;

export function severityOf(score: number): Severity {
  if (score < 25) return "low";
  if (score < 50) return "medium";
  if (score < 75) return "high";
  return "critical";
}

export function scoreTopic(e: TopicEvidence): TopicWeakness {
  const practised = e.attempts > 0;
  const components = {
    failure: practised ? (e.failed / e.attempts) * Math.min(1, e.attempts / FAILURE_CONFIDENCE_ATTEMPTS) : 0,
    lowMastery: practised ? clamp01(1 - e.mastery) : 0,
    overtime: e.timeRatio === null ? 0 : clamp01(e.timeRatio - 1),
    coverageGap: e.total > 0 ? clamp01(1 - e.solved / e.total) : 0,
    staleness: e.daysSinceLast === null ? 1 : clamp01(e.daysSinceLast / STALE_AFTER_DAYS),
  };
  let weighted = 0;
  for (const key of Object.keys(WEAKNESS_WEIGHTS) as (keyof typeof WEAKNESS_WEIGHTS)[])
    weighted += WEAKNESS_WEIGHTS[key] * components[key];
  const score = Math.round(weighted * 1000) / 10;
  return {
    ...e,
    score,
    severity: severityOf(score),
    reason: reasonFor(e),
    components: Object.fromEntries(
      Object.entries(components).map(([k, v]) => [k, r2(v)]),
    ) as TopicWeakness["components"],
  };
}

const problemCount = (n: number) => `${n} problem${n === 1 ? "" : "s"}`;

function daysAgo(days: number): string {
  if (days <= 0) return "today";
  return days === 1 ? "1 day ago" : `${days} days ago`;
}

/** "Graphs: 3 of 5 attempts failed (60 %), mastery 0.41, 2 of 13 problems covered, last practised 19 days ago" */
export function reasonFor(e: TopicEvidence): string {
  if (e.attempts === 0) return `${e.name}: not practised yet, 0 of ${problemCount(e.total)} covered`;
  const parts = [
    `${e.failed} of ${e.attempts} attempt${e.attempts === 1 ? "" : "s"} failed (${Math.round((e.failed / e.attempts) * 100)} %)`,
    `mastery ${e.mastery.toFixed(2)}`,
    `${e.solved} of ${problemCount(e.total)} covered`,
  ];
  if (e.timeRatio !== null && e.timeRatio > 1) parts.push(`solves take ${e.timeRatio.toFixed(1)}× the time norm`);
  if (e.daysSinceLast !== null) parts.push(`last practised ${daysAgo(e.daysSinceLast)}`);
  return `${e.name}: ${parts.join(", ")}`;
}
