// The rating model behind adaptive practice, pure: Glicko-1 (Glickman 1999, "Parameter estimation in large
// dynamic paired comparison experiments") with one "game" per attempt, a learner against a problem.
// Why Glicko and not plain Elo or Glicko-2: see docs/decisions/0007-problem-and-skill-ratings.md.
//
// Scale: the contest ratings' own (zerotrac): a learner rated R solves a problem rated R half the time,
// and 400 points more is 10:1 odds.

const Q = Math.LN10 / 400;

/** A rating with its uncertainty (one standard deviation, in rating points). */
export interface Estimate {
  rating: number;
  deviation: number;
}

/** Where every learner and every topic starts: Glicko's customary 1500 ± 350. */
export const NEW_LEARNER: Estimate = { rating: 1500, deviation: 350 };
/** No deviation grows beyond the starting one, and none shrinks below these floors (they keep learning possible). */
export const MAX_DEVIATION = 350;
export const MIN_LEARNER_DEVIATION = 45;
export const MIN_PROBLEM_DEVIATION = 35;
/** One attempt never moves a rating by more than this, however surprising it was. */
export const MAX_STEP = 200;
/**
 * Deviation regained per day without practice: c² = (350² − 50²) / 730, so a learner estimate that had
 * shrunk to 50 is back to full uncertainty after two idle years (skills fade; problems do not).
 */
export const DEVIATION_GROWTH_PER_DAY = Math.sqrt((350 ** 2 - 50 ** 2) / 730);
/**
 * Spread of one learner's topic skills around their global skill. A topic estimate with few attempts
 * leans on the global one, through this much extra uncertainty.
 */
export const TOPIC_SPREAD = 150;

/** Glicko's g(): how much an opponent's uncertainty flattens the expected score. */
export function attenuation(deviation: number): number {
  return 1 / Math.sqrt(1 + (3 * Q * Q * deviation * deviation) / (Math.PI * Math.PI));
}

/** Expected score of `player` against `opponent`, knowing the opponent only up to its deviation. */
export function expectedScore(player: number, opponent: Estimate): number {
  return 1 / (1 + 10 ** ((-attenuation(opponent.deviation) * (player - opponent.rating)) / 400));
}

/**
 * Probability that a learner with skill `learner` solves a problem rated `problem`: both uncertainties
 * flatten the prediction (a learner we know little about gets predictions nearer 50 %).
 */
export function successProbability(learner: Estimate, problem: Estimate): number {
  const combined = Math.sqrt(learner.deviation ** 2 + problem.deviation ** 2);
  return 1 / (1 + 10 ** ((-attenuation(combined) * (learner.rating - problem.rating)) / 400));
}

/** The problem rating at which `learner` has probability `p` of solving it (inverse of successProbability). */
export function ratingForProbability(learner: Estimate, problemDeviation: number, p: number): number {
  const combined = Math.sqrt(learner.deviation ** 2 + problemDeviation ** 2);
  return learner.rating - (400 * Math.log10(p / (1 - p))) / attenuation(combined);
}

/** Deviation after `days` without evidence, capped at the starting deviation. */
export function ageDeviation(deviation: number, days: number): number {
  if (!(days > 0)) return deviation;
  return Math.min(MAX_DEVIATION, Math.sqrt(deviation ** 2 + DEVIATION_GROWTH_PER_DAY ** 2 * days));
}

/**
 * One Glicko-1 update of `self` after scoring `score` (0..1) against `opponent`. `weight` (0..1] counts the
 * attempt as that fraction of a full game (a repeat of an already-solved problem is weaker evidence): it
 * scales both the information gained and the step. The step is capped at MAX_STEP and the deviation never
 * grows from evidence and never falls below `minDeviation`.
 */
export function updateEstimate(
  self: Estimate,
  opponent: Estimate,
  score: number,
  options: { weight?: number; minDeviation?: number } = {},
): Estimate {
  const weight = Math.min(1, Math.max(0, options.weight ?? 1));
  const s = Math.min(1, Math.max(0, score));
  if (weight === 0) return { ...self };
  const g = attenuation(opponent.deviation);
  const e = expectedScore(self.rating, opponent);
  const dSquaredInverse = weight * Q * Q * g * g * e * (1 - e);
  const precision = 1 / (self.deviation * self.deviation) + dSquaredInverse;
  const rawStep = (Q / precision) * weight * g * (s - e);
  const step = Math.max(-MAX_STEP, Math.min(MAX_STEP, rawStep));
  const deviation = Math.max(options.minDeviation ?? 0, Math.min(self.deviation, Math.sqrt(1 / precision)));
  return { rating: self.rating + step, deviation };
}

/**
 * Precision-weighted blend of independent estimates of one quantity (the learner's skill on a problem
 * from each of its topics and from their global skill).
 */
export function combineEstimates(estimates: Estimate[]): Estimate {
  if (estimates.length === 0) return { ...NEW_LEARNER };
  let precision = 0;
  let weighted = 0;
  for (const e of estimates) {
    const p = 1 / (e.deviation * e.deviation);
    precision += p;
    weighted += p * e.rating;
  }
  return { rating: weighted / precision, deviation: Math.sqrt(1 / precision) };
}

/** The global skill seen as an estimate of one topic's skill: as uncertain as topics spread. */
export function globalAsTopic(global: Estimate): Estimate {
  return { rating: global.rating, deviation: Math.sqrt(global.deviation ** 2 + TOPIC_SPREAD ** 2) };
}

export interface AttemptEvidence {
  outcome: "solved" | "failed" | "gave_up";
  /** minutes spent; null when not recorded */
  minutes: number | null;
  /** the time a typical solve of the problem's difficulty takes */
  normMinutes: number;
  hintsUsed: number;
}

/** Score taken off a solve per hint, and at most for hints and slowness together. */
export const HINT_PENALTY = 0.1;
export const MAX_SOLVE_PENALTY = 0.35;

/**
 * How much of a "win" an attempt was. A failed or abandoned attempt scores 0. A solve scores 1 when it
 * took at most the norm time without hints; slowness costs up to 0.2 (at twice the norm or more) and each
 * hint 0.1, together at most 0.35, so a solve always counts as more win than loss.
 */
export function attemptScore(evidence: AttemptEvidence): number {
  if (evidence.outcome !== "solved") return 0;
  const norm = evidence.normMinutes > 0 ? evidence.normMinutes : 30;
  const slowness = evidence.minutes === null ? 0 : Math.min(1, Math.max(0, evidence.minutes / norm - 1));
  const hints = Math.max(0, evidence.hintsUsed) * HINT_PENALTY;
  return 1 - Math.min(MAX_SOLVE_PENALTY, 0.2 * slowness + hints);
}

/** The band of predicted success where practice is productive: hard enough to stretch, easy enough to finish. */
export const PRODUCTIVE_BAND = { low: 0.6, high: 0.75, target: 0.675 } as const;

export interface BandCandidate {
  successProbability: number;
  /** how much the learner's goals favour this problem (focus and weak topics), 0..1 */
  priority: number;
}

/**
 * Orders candidates for recommendation: inside the productive band first, by priority and then by
 * closeness to the band's middle; outside the band by distance from it (so something is always offered,
 * nearest to productive first).
 */
export function bandOrder<T extends BandCandidate>(candidates: T[]): T[] {
  const distance = (p: number) =>
    p < PRODUCTIVE_BAND.low ? PRODUCTIVE_BAND.low - p : p > PRODUCTIVE_BAND.high ? p - PRODUCTIVE_BAND.high : 0;
  return [...candidates].sort((a, b) => {
    const da = distance(a.successProbability);
    const db = distance(b.successProbability);
    const inA = da === 0;
    const inB = db === 0;
    if (inA !== inB) return inA ? -1 : 1;
    if (!inA) return da - db || b.priority - a.priority;
    return (
      b.priority - a.priority ||
      Math.abs(a.successProbability - PRODUCTIVE_BAND.target) - Math.abs(b.successProbability - PRODUCTIVE_BAND.target)
    );
  });
}
