// How a session leaves the service: the full view (question as a candidate sees it, hints given, report,
// draft, reference solution once over) and the history row — dates as ISO strings, as the contract says.
import type { InterviewQuestion } from "../../database/schema.js";
import { isBlind } from "../adaptive/blind-mode.js";
import type { InterviewDraft } from "./interview-drafts.js";
import type { InterviewReport } from "./interview-report.js";
import { hintsOf, publicQuestion, referenceSolution } from "./question-bank.js";
import type { InterviewDeps, Session } from "./types.js";

export interface SessionView {
  id: number;
  mode: string;
  status: string;
  company: string | null;
  role: string | null;
  difficulty: string | null;
  durationMinutes: number;
  /** ISO date-times */
  startedAt: string;
  deadlineAt: string;
  finishedAt: string | null;
  secondsLeft: number;
  hintsUsed: number;
  score: number | null;
  question: ReturnType<typeof publicQuestion>;
  hints: string[];
  report: InterviewReport | null;
  /** the unsent code and answer, restored after a reload (active sessions only) */
  draft: InterviewDraft | null;
  /** a verified solution, shown once the session is over (coding only) */
  reference: { language: string; code: string } | null;
}

export interface SessionSummary {
  id: number;
  mode: string;
  status: string;
  question: { slug: string; title: string; difficulty: string | null };
  company: string | null;
  role: string | null;
  startedAt: string;
  finishedAt: string | null;
  hintsUsed: number;
  score: number | null;
  band: string | null;
}

/** The view, with the question's difficulty and topics hidden while a blind-mode interview runs. */
export async function presentSession(
  deps: InterviewDeps,
  userId: number,
  session: Session,
  question: InterviewQuestion,
): Promise<SessionView> {
  const view = sessionView(session, question, deps.clock.now());
  if (session.status !== "active" || !(await isBlind(deps.db, userId))) return view;
  return { ...view, difficulty: null, question: { ...view.question, difficulty: null, topics: [] } };
}

export function sessionView(session: Session, question: InterviewQuestion, now: Date): SessionView {
  const report = (session.report as InterviewReport | null) ?? null;
  return {
    id: session.id,
    mode: session.mode,
    status: session.status,
    company: session.company,
    role: session.role,
    difficulty: session.difficulty,
    durationMinutes: session.durationMinutes,
    startedAt: session.startedAt.toISOString(),
    deadlineAt: session.deadlineAt.toISOString(),
    finishedAt: session.finishedAt?.toISOString() ?? null,
    secondsLeft:
      session.status === "active" ? Math.max(0, Math.round((session.deadlineAt.getTime() - now.getTime()) / 1000)) : 0,
    hintsUsed: session.hintsUsed,
    score: session.score,
    question: publicQuestion(question),
    hints: hintsOf(question).slice(0, session.hintsUsed),
    report,
    draft: (session.draft as InterviewDraft | null) ?? null,
    reference:
      session.status !== "active" && question.mode === "coding"
        ? (referenceSolution(question, report?.language) ?? null)
        : null,
  };
}

export function sessionSummary(session: Session, question: InterviewQuestion): SessionSummary {
  const report = session.report as InterviewReport | null;
  return {
    id: session.id,
    mode: session.mode,
    status: session.status,
    question: { slug: question.slug, title: question.title, difficulty: question.difficulty },
    company: session.company,
    role: session.role,
    startedAt: session.startedAt.toISOString(),
    finishedAt: session.finishedAt?.toISOString() ?? null,
    hintsUsed: session.hintsUsed,
    score: session.score,
    band: report?.rubric?.band ?? null,
  };
}
