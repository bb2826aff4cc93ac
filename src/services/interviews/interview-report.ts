// The report of a finished mock interview, built from the session's answers: tests, time, hints,
// complexity, the submitted code and the mode's rubric; and the rule for when a coding session counts as
// a practice attempt (docs/decisions/0009).
import type { InterviewMode } from "../../config/constants.js";
import type { Logger } from "../../config/logger.js";
import type { InterviewQuestion, interviewAnswers, interviewSessions } from "../../database/schema.js";
import { estimateComplexity } from "../code-runner/complexity.js";
import type { Language, RunReport, Verdict } from "../code-runner/types.js";
import { type BehavioralQuestion, type StarCoverage, scoreBehavioral } from "./behavioral-scoring.js";
import { type DesignCoverage, type DesignQuestion, scoreDesign } from "./design-scoring.js";
import type { InterviewDraft } from "./interview-drafts.js";
import { type CodingContent, hintsOf } from "./question-bank.js";
import { type Rubric, scoreCoding } from "./rubric.js";

type Session = typeof interviewSessions.$inferSelect;
type Answer = typeof interviewAnswers.$inferSelect;

export interface InterviewReport {
  mode: string;
  question: { slug: string; title: string; difficulty: string | null };
  status: "finished" | "expired";
  timeUsedMinutes: number;
  durationMinutes: number;
  hintsUsed: number;
  hintsAvailable: number;
  tests?: { passed: number; total: number; verdict: Verdict | null };
  submissions?: number;
  customRuns?: number;
  language?: string | null;
  /** the graded submission the report is about (most tests passed, latest on ties) */
  code?: { language: string; source: string; verdict: Verdict | null; submitted?: false } | null;
  complexity?: { time: string; reasons: string[]; optimal?: string };
  /** whether the session was logged as a practice attempt, and why (or why not) */
  attempt?: { counted: boolean; outcome?: "solved" | "failed"; reason: string };
  coverage?: DesignCoverage;
  star?: StarCoverage;
  rubric: Rubric;
  /** the built-in scorer's verdict when a model graded the answer instead */
  offlineRubric?: { overall: number; band: string };
  feedback?: string;
}

/**
 * A model's grade of a written answer: the same dimensions as the offline rubric, each with quotes from
 * the answer. Returns undefined when it cannot grade (the offline rubric stands).
 */
export type AnswerGrader = (input: {
  mode: Exclude<InterviewMode, "coding">;
  question: { title: string; prompt: string };
  answer: string;
  offline: Rubric;
}) => Promise<Rubric | undefined>;

/**
 * A coding session counts as a practice attempt when some graded submission ran (compiled and executed),
 * or when the candidate finished it by hand. A session that only ever produced compile errors (an
 * IndentationError from the editor, a missing semicolon) and then ran out of time is not evidence of
 * forgetting the problem, so it is not logged as a failure rated Again.
 */
export function attemptDecision(
  status: "finished" | "expired",
  verdicts: Verdict[],
  accepted: boolean,
): NonNullable<InterviewReport["attempt"]> {
  if (verdicts.length === 0) return { counted: false, reason: "no graded submission: nothing to log" };
  const ran = verdicts.some((v) => v !== "compile_error");
  if (!ran && status === "expired")
    return {
      counted: false,
      reason: "time ran out and no submission compiled: not logged as a failed practice attempt",
    };
  return {
    counted: true,
    outcome: accepted ? "solved" : "failed",
    reason: accepted
      ? "logged as a solved practice attempt"
      : ran
        ? "logged as a failed practice attempt"
        : "finished without a submission that compiled: logged as a failed practice attempt",
  };
}

export function buildReport(
  session: Session,
  question: InterviewQuestion,
  answers: Answer[],
  status: "finished" | "expired",
  timeUsedMinutes: number,
): InterviewReport {
  const hintsAvailable = hintsOf(question).length;
  const base = {
    mode: session.mode,
    question: { slug: question.slug, title: question.title, difficulty: question.difficulty },
    status,
    timeUsedMinutes,
    durationMinutes: session.durationMinutes,
    hintsUsed: session.hintsUsed,
    hintsAvailable,
  };
  const text = answers
    .filter((a) => a.kind === "text")
    .map((a) => a.content)
    .join("\n\n");
  if (session.mode === "system_design") {
    const content = question.content as { keyConcepts?: string[] };
    const q: DesignQuestion = { title: question.title, prompt: question.prompt, keyConcepts: content.keyConcepts };
    const { coverage, ...rubric } = scoreDesign(text, q, session.hintsUsed);
    return { ...base, coverage, rubric };
  }
  if (session.mode === "behavioral") {
    const content = question.content as { category?: string };
    const q: BehavioralQuestion = { title: question.title, prompt: question.prompt, category: content.category };
    const { star, ...rubric } = scoreBehavioral(text, q, session.hintsUsed);
    return { ...base, star, rubric };
  }
  const content = question.content as CodingContent;
  const code = answers.filter((a) => a.kind === "code");
  const graded = code.filter((a) => !(a.result as { custom?: boolean } | null)?.custom);
  const customRuns = code.length - graded.length;
  let best: Answer | undefined;
  for (const a of graded) if (!best || (a.result as RunReport).passed >= (best.result as RunReport).passed) best = a;
  const bestResult = best?.result as RunReport | undefined;
  const verdicts = graded.map((a) => (a.result as RunReport).verdict);
  const complexity = best ? estimateComplexity(best.content, best.language as Language, content.function) : undefined;
  const rubric = scoreCoding({
    submissions: graded.length,
    customRuns,
    best:
      best && bestResult
        ? { verdict: bestResult.verdict, passed: bestResult.passed, total: bestResult.total, code: best.content }
        : undefined,
    verdicts,
    hintsUsed: session.hintsUsed,
    hintsAvailable,
    minutesUsed: timeUsedMinutes,
    minutesAllowed: session.durationMinutes,
    complexity,
    optimalTime: content.optimalComplexity?.time,
    explanation: text,
  });
  // the code shown in the report: the best graded submission, else the last code that was run, else the
  // draft the candidate typed but never ran (unless it is still the starter code)
  const shown = best ?? code.at(-1);
  const draft = session.draft as InterviewDraft | null;
  const draftCode = draft?.language ? draft.code?.[draft.language] : undefined;
  const unsent =
    !shown && draft?.language && draftCode?.trim() && draftCode !== content.starterCode[draft.language]
      ? { language: draft.language, source: draftCode, verdict: null, submitted: false as const }
      : null;
  return {
    ...base,
    tests: { passed: bestResult?.passed ?? 0, total: content.tests.length, verdict: bestResult?.verdict ?? null },
    submissions: graded.length,
    customRuns,
    language: best?.language ?? null,
    code: shown
      ? {
          language: shown.language ?? "",
          source: shown.content,
          verdict: (shown.result as RunReport | null)?.verdict ?? null,
        }
      : unsent,
    ...(complexity
      ? {
          complexity: {
            time: complexity.time,
            reasons: complexity.reasons,
            optimal: content.optimalComplexity?.time,
          },
        }
      : {}),
    attempt: attemptDecision(status, verdicts, bestResult?.verdict === "accepted"),
    rubric,
  };
}

/** Puts the model's grade in place of the offline one when the model can grade; keeps the offline one otherwise. */
export async function gradeWithModel(
  grader: AnswerGrader,
  logger: Logger,
  session: Session,
  question: InterviewQuestion,
  answers: Answer[],
  report: InterviewReport,
): Promise<void> {
  const answer = answers
    .filter((a) => a.kind === "text")
    .map((a) => a.content)
    .join("\n\n");
  if (!answer.trim()) return;
  try {
    const graded = await grader({
      mode: session.mode as "behavioral" | "system_design",
      question: { title: question.title, prompt: question.prompt },
      answer,
      offline: report.rubric,
    });
    if (graded) {
      report.offlineRubric = { overall: report.rubric.overall, band: report.rubric.band };
      report.rubric = graded;
    }
  } catch (error) {
    logger.warn({ err: error, sessionId: session.id }, "answer grading by the model failed; offline rubric kept");
  }
}
