// Scores a finished mock interview on the four dimensions interviewers use — communication, problem
// solving, technical competency, testing — each 1–4 with its reasons, and maps the mean to a hiring band.
// Pure functions: the interview service gathers the evidence, this file judges it.
import { type ComplexityEstimate, complexityRank } from "./code-runner/complexity.js";
import type { Verdict } from "./code-runner/types.js";

export const BANDS = ["strong_hire", "hire", "lean_hire", "lean_no_hire", "no_hire", "strong_no_hire"] as const;
export type Band = (typeof BANDS)[number];
export const DIMENSIONS = ["communication", "problem_solving", "technical_competency", "testing"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface DimensionScore {
  score: 1 | 2 | 3 | 4;
  reasons: string[];
}
export type Rubric = Record<Dimension, DimensionScore> & { overall: number; band: Band };

export function bandFor(mean: number): Band {
  if (mean >= 3.5) return "strong_hire";
  if (mean >= 3.0) return "hire";
  if (mean >= 2.5) return "lean_hire";
  if (mean >= 2.0) return "lean_no_hire";
  if (mean >= 1.5) return "no_hire";
  return "strong_no_hire";
}

function finish(scores: Record<Dimension, DimensionScore>): Rubric {
  const overall = Math.round((DIMENSIONS.reduce((s, d) => s + scores[d].score, 0) / DIMENSIONS.length) * 100) / 100;
  return { ...scores, overall, band: bandFor(overall) };
}

const clamp = (n: number) => Math.max(1, Math.min(4, Math.round(n))) as 1 | 2 | 3 | 4;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

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

  return finish({
    communication: { score: clamp(communication), reasons: cm },
    problem_solving: { score: clamp(problemSolving), reasons: ps },
    technical_competency: { score: clamp(technical), reasons: tc },
    testing: { score: clamp(testing), reasons: ts },
  });
}

// ---------------------------------------------------------------- system design
export const DESIGN_SECTIONS: Record<string, RegExp> = {
  requirements:
    /\brequirement|functional|non-functional|\busers?\b|\bqps\b|\brps\b|estimate|per second|daily active|\bdau\b|scale of/i,
  api: /\bapi\b|endpoint|\bget \/|\bpost \/|\brest\b|\brpc\b|grpc|interface/i,
  data_model: /data model|schema|\btable\b|database|\bsql\b|nosql|key-value|\bcolumns?\b|primary key|\bindex\b/i,
  scaling: /shard|partition|replica|replication|\bcache\b|load balanc|\bcdn\b|horizontal|\bqueue\b|consistent hashing/i,
  trade_offs: /trade-?off|\bvs\.?\b|versus|instead of|downside|drawback|\bcost\b|consistency|latency|cap theorem/i,
};

export interface Coverage {
  covered: string[];
  missing: string[];
  evidence: Record<string, string>;
}

function coverage(text: string, patterns: Record<string, RegExp>): Coverage {
  const covered: string[] = [];
  const missing: string[] = [];
  const evidence: Record<string, string> = {};
  for (const [name, pattern] of Object.entries(patterns)) {
    const m = pattern.exec(text);
    if (m) {
      covered.push(name);
      const at = Math.max(0, m.index - 30);
      evidence[name] = text
        .slice(at, m.index + m[0].length + 30)
        .replace(/\s+/g, " ")
        .trim();
    } else missing.push(name);
  }
  return { covered, missing, evidence };
}

export function designCoverage(text: string, keyConcepts: string[] = []): { sections: Coverage; concepts: Coverage } {
  const concepts = Object.fromEntries(
    keyConcepts.map((k) => [k, new RegExp(k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i")]),
  );
  return { sections: coverage(text, DESIGN_SECTIONS), concepts: coverage(text, concepts) };
}

export function scoreDesign(
  text: string,
  keyConcepts: string[],
  hintsUsed: number,
): Rubric & { coverage: ReturnType<typeof designCoverage> } {
  const cov = designCoverage(text, keyConcepts);
  const has = (s: string) => cov.sections.covered.includes(s);
  const n = words(text);
  const conceptRatio = keyConcepts.length ? cov.concepts.covered.length / keyConcepts.length : 0.5;
  const headings = (text.match(/^\s*(#+|\d+[.)]|[A-Z][\w /-]{2,40}:)/gm) ?? []).length;

  const communication = clamp((n >= 250 ? 2.5 : n >= 100 ? 1.8 : 1) + (headings >= 3 ? 1.5 : headings >= 1 ? 0.7 : 0));
  const problemSolving = clamp(
    1 + (has("requirements") ? 1.5 : 0) + (has("trade_offs") ? 1.5 : 0) - (hintsUsed >= 2 ? 0.5 : 0),
  );
  const technical = clamp(
    1 + (has("data_model") ? 1 : 0) + (has("scaling") ? 1 : 0) + (has("api") ? 0.5 : 0) + conceptRatio,
  );
  const testingHit = /failure|monitor|alert|retry|fallback|load test|\bsla\b|\bslo\b|redundan|disaster/i.test(text);
  const testing = clamp(1 + (testingHit ? 2 : 0) + (has("trade_offs") ? 1 : 0));
  const missingNote = cov.sections.missing.length
    ? `missing: ${cov.sections.missing.join(", ")}`
    : "every section covered";

  const rubric = finish({
    communication: {
      score: communication,
      reasons: [
        `${n} words`,
        headings >= 3 ? "structured in sections" : "little visible structure (use headings per part)",
      ],
    },
    problem_solving: {
      score: problemSolving,
      reasons: [
        has("requirements") ? "clarified requirements and scale" : "did not pin down requirements or scale",
        has("trade_offs") ? "discussed trade-offs" : "no trade-offs discussed",
        ...(hintsUsed ? [`${hintsUsed} hints used`] : []),
      ],
    },
    technical_competency: {
      score: technical,
      reasons: [
        missingNote,
        `${cov.concepts.covered.length} of ${keyConcepts.length} key concepts mentioned${cov.concepts.missing.length ? ` (not: ${cov.concepts.missing.join(", ")})` : ""}`,
      ],
    },
    testing: {
      score: testing,
      reasons: [
        testingHit
          ? "considered failures and how to detect them"
          : "no failure handling, monitoring or validation discussed",
      ],
    },
  });
  return { ...rubric, coverage: cov };
}

// ---------------------------------------------------------------- behavioural
export const STAR_PARTS: Record<string, RegExp> = {
  situation:
    /\b(when i was|at my (previous|last|current)|our team|we were|situation|context|the project|back in|at the time)\b/i,
  task: /\b(my (goal|task|role|job|responsibility)|i was responsible|i needed to|i had to|the task|we needed to|was asked to)\b/i,
  action:
    /\b(i (decided|built|proposed|led|wrote|designed|organi[sz]ed|talked|met|created|implemented|suggested|started|set up|reached out|analy[sz]ed|took))\b/i,
  result:
    /\b(as a result|result|outcome|reduced|increased|improved|saved|shipped|launched|learned|\d+\s?%|in the end)\b/i,
};

export function starCoverage(text: string): Coverage {
  return coverage(text, STAR_PARTS);
}

export function scoreBehavioral(text: string, hintsUsed: number): Rubric & { star: Coverage } {
  const star = starCoverage(text);
  const n = words(text);
  const iStatements = (text.match(/\bI\b/g) ?? []).length;
  const weStatements = (text.match(/\bwe\b/gi) ?? []).length;
  const numbers = (text.match(/\b\d+(\.\d+)?\s?(%|percent|ms|x|hours|days|weeks|users|customers)?/g) ?? []).length;
  const reflection = /learn|next time|differently|would have|takeaway|since then/i.test(text);

  const lengthScore = n >= 120 && n <= 700 ? 2 : n >= 60 ? 1.3 : 0.5;
  const communication = clamp(lengthScore + star.covered.length * 0.5);
  const problemSolving = clamp(
    1 +
      (star.covered.includes("action") ? 1.5 : 0) +
      (iStatements > weStatements ? 1 : 0.3) -
      (hintsUsed >= 2 ? 0.5 : 0),
  );
  const technical = clamp(1 + Math.min(2, numbers * 0.7) + (star.covered.includes("result") ? 1 : 0));
  const testing = clamp(1 + (reflection ? 2 : 0) + (star.covered.includes("result") ? 1 : 0));
  const rubric = finish({
    communication: {
      score: communication,
      reasons: [
        `${n} words`,
        `STAR parts present: ${star.covered.join(", ") || "none"}`,
        ...(star.missing.length ? [`missing: ${star.missing.join(", ")}`] : []),
      ],
    },
    problem_solving: {
      score: problemSolving,
      reasons: [
        star.covered.includes("action") ? "described concrete actions" : "no concrete actions described",
        iStatements > weStatements ? "owned the actions (I over we)" : "mostly 'we': say what YOU did",
      ],
    },
    technical_competency: {
      score: technical,
      reasons: [numbers ? `${numbers} concrete figures` : "no measurable specifics (numbers, scale, impact)"],
    },
    testing: {
      score: testing,
      reasons: [reflection ? "reflected on what was learned" : "no reflection on lessons learned"],
    },
  });
  return { ...rubric, star };
}
