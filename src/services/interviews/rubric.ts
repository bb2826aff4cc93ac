// The rubric every mock interview ends with: a mode's own dimensions, each scored 1–4 with its reasons (and,
// when a model graded the answer, the quoted evidence), the mean and the hiring band it maps to. Coding is
// scored here; written answers in answer-scoring.ts. Pure functions: the interview service gathers the
// evidence, these files judge it.
import type { InterviewMode } from "../../config/constants.js";
import { type ComplexityEstimate, complexityRank } from "../code-runner/complexity.js";
import type { Verdict } from "../code-runner/types.js";

export const BANDS = ["strong_hire", "hire", "lean_hire", "lean_no_hire", "no_hire", "strong_no_hire"] as const;
export type Band = (typeof BANDS)[number];

/** Each mode's dimensions, in the order the report shows them. */
export const RUBRIC_DIMENSIONS = {
  coding: [
    { id: "communication", label: "Communication" },
    { id: "problem_solving", label: "Problem solving" },
    { id: "technical_competency", label: "Technical competency" },
    { id: "testing", label: "Testing" },
  ],
  behavioral: [
    { id: "structure", label: "Structure (STAR)" },
    { id: "ownership", label: "Ownership and action" },
    { id: "impact", label: "Impact and result" },
    { id: "relevance", label: "Answers the question" },
    { id: "communication", label: "Communication" },
  ],
  system_design: [
    { id: "requirements", label: "Requirements and scale" },
    { id: "api", label: "API" },
    { id: "data_model", label: "Data model" },
    { id: "scaling", label: "Scaling" },
    { id: "trade_offs", label: "Trade-offs" },
    { id: "communication", label: "Communication" },
  ],
} as const satisfies Record<InterviewMode, readonly { id: string; label: string }[]>;

export type Score = 1 | 2 | 3 | 4;
export interface DimensionScore {
  id: string;
  label: string;
  score: Score;
  reasons: string[];
  /** sentences quoted from the answer that support the score (a model's grade; the offline scorer's matches) */
  evidence?: string[];
}
export interface Rubric {
  mode: InterviewMode;
  dimensions: DimensionScore[];
  overall: number;
  band: Band;
  /** "offline": the built-in scorer; "llm": the configured model, its quotes checked against the answer */
  gradedBy: "offline" | "llm";
  model?: string;
  /** why the band is lower than the mean alone would give (an answer with no action, one off the question) */
  cappedBy?: string;
}

export function bandFor(mean: number): Band {
  if (mean >= 3.5) return "strong_hire";
  if (mean >= 3.0) return "hire";
  if (mean >= 2.5) return "lean_hire";
  if (mean >= 2.0) return "lean_no_hire";
  if (mean >= 1.5) return "no_hire";
  return "strong_no_hire";
}

/** The lower of two bands (the worse one for the candidate). */
export function worseBand(a: Band, b: Band): Band {
  return BANDS.indexOf(a) >= BANDS.indexOf(b) ? a : b;
}

export type DimensionInput = Omit<DimensionScore, "id" | "label">;

/** Builds the rubric from a score per dimension of the mode; `cap` lowers the band when a gate failed. */
export function buildRubric(
  mode: InterviewMode,
  scores: Record<string, DimensionInput>,
  cap?: { band: Band; reason: string },
): Rubric {
  const dimensions = RUBRIC_DIMENSIONS[mode].map(({ id, label }) => {
    const s = scores[id];
    if (!s) throw new Error(`rubric for ${mode} has no score for ${id}`);
    return { id, label, ...s };
  });
  const overall = Math.round((dimensions.reduce((sum, d) => sum + d.score, 0) / dimensions.length) * 100) / 100;
  const mean = bandFor(overall);
  const band = cap ? worseBand(mean, cap.band) : mean;
  return {
    mode,
    dimensions,
    overall,
    band,
    gradedBy: "offline",
    ...(cap && band !== mean ? { cappedBy: cap.reason } : {}),
  };
}

export function dimension(rubric: Rubric, id: string): DimensionScore | undefined {
  return rubric.dimensions.find((d) => d.id === id);
}

export const clamp = (n: number) => Math.max(1, Math.min(4, Math.round(n))) as Score;
export const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

// ---------------------------------------------------------------- coding
export interface CodingEvidence {
  submissions: number;
  customRuns: number;
  /** the best graded submission: most tests passed, latest on ties */
  best?: { verdict: Verdict; passed: number; total: number; code: string };
  verdicts: Verdict[];
  hintsUsed: number;
  hintsAvailable: number;
  minutesUsed: number;
  minutesAllowed: number;
  complexity?: ComplexityEstimate;
  optimalTime?: string;
  /** what the candidate wrote to explain the approach (text answers) */
  explanation: string;
}

export function scoreCoding(e: CodingEvidence): Rubric {
  const ratio = e.best ? e.best.passed / Math.max(1, e.best.total) : 0;
  const accepted = e.best?.verdict === "accepted";

  const ps: string[] = [];
  let problemSolving: number;
  if (accepted) {
    problemSolving = e.hintsUsed === 0 ? 4 : e.hintsUsed === 1 ? 3.5 : 3;
    ps.push(`all ${e.best?.total} tests passed`);
  } else if (ratio >= 0.5) {
    problemSolving = 2;
    ps.push(`${e.best?.passed} of ${e.best?.total} tests passed`);
  } else {
    problemSolving = 1;
    ps.push(e.best ? `only ${e.best.passed} of ${e.best.total} tests passed` : "no code was submitted");
  }
  if (e.hintsUsed > 0) ps.push(`${e.hintsUsed} of ${e.hintsAvailable} hints used`);
  else ps.push("no hints used");
  if (e.minutesUsed > e.minutesAllowed) {
    problemSolving -= 0.5;
    ps.push(`ran over the ${e.minutesAllowed}-minute limit`);
  }

  const tc: string[] = [];
  let technical: number;
  const compileErrors = e.verdicts.filter((v) => v === "compile_error").length;
  const runtimeErrors = e.verdicts.filter((v) => v === "runtime_error").length;
  if (!e.best) {
    technical = 1;
    tc.push("no working code to judge");
  } else if (accepted && e.complexity && e.optimalTime) {
    const slower = complexityRank(e.complexity.time) > complexityRank(e.optimalTime);
    technical = slower ? 3 : 4;
    tc.push(
      slower
        ? `estimated ${e.complexity.time} is slower than the expected ${e.optimalTime}`
        : `estimated ${e.complexity.time} matches the expected ${e.optimalTime}`,
    );
  } else {
    technical = accepted ? 3.5 : ratio >= 0.5 ? 2.5 : 1.5;
    if (e.complexity) tc.push(`estimated time complexity ${e.complexity.time}`);
  }
  if (compileErrors + runtimeErrors >= 3) {
    technical -= 0.5;
    tc.push(`${compileErrors} compile and ${runtimeErrors} runtime errors along the way`);
  }
  if (e.best?.verdict === "timeout") tc.push("the submission timed out: too slow for the larger inputs");

  const ts: string[] = [];
  let testing: number;
  if (e.customRuns >= 2) {
    testing = 4;
    ts.push(`ran own inputs ${e.customRuns} times before or while submitting`);
  } else if (e.customRuns === 1) {
    testing = 3;
    ts.push("ran own input once");
  } else if (e.submissions > 0) {
    testing = accepted && e.submissions === 1 ? 2.5 : 2;
    ts.push("relied on the graded tests only (no custom inputs)");
  } else {
    testing = 1;
    ts.push("never ran the code");
  }
  if (e.submissions > 4 && !accepted) {
    testing -= 0.5;
    ts.push(`${e.submissions} submissions without an accepted one: trial and error`);
  }

  const cm: string[] = [];
  const explained = words(e.explanation);
  const mentionsComplexity = /O\(|complexity|time|space/i.test(e.explanation);
  const commentLines = (e.best?.code.match(/(\/\/|#|\/\*)/g) ?? []).length;
  let communication: number;
  if (explained >= 40 && mentionsComplexity) {
    communication = 4;
    cm.push("explained the approach and its complexity");
  } else if (explained >= 15) {
    communication = 3;
    cm.push("explained the approach");
    if (!mentionsComplexity) cm.push("did not state time or space complexity");
  } else if (commentLines >= 2) {
    communication = 2;
    cm.push("no written explanation; the code has comments");
  } else {
    communication = 1;
    cm.push("no explanation of the approach (write it as a note: idea, complexity, edge cases)");
  }

  return buildRubric("coding", {
    communication: { score: clamp(communication), reasons: cm },
    problem_solving: { score: clamp(problemSolving), reasons: ps },
    technical_competency: { score: clamp(technical), reasons: tc },
    testing: { score: clamp(testing), reasons: ts },
  });
}
