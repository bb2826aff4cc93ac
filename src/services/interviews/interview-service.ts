// Mock interviews: start a timed session on a question, submit code (graded by the sandboxed runner) or
// text answers any number of times, ask for progressive hints, and finish — by hand or when the deadline
// passes — with a report: tests, time, hints, complexity estimate and the four-dimension rubric.
// This class is the feature's one entry point (the composition root builds it once); each use case lives
// in its own file beside it.
import type { InterviewMode } from "../../config/constants.js";
import type { Page, PageRequest } from "../shared/page.js";
import { type CodeInput, runCustom, runnerLanguages, runProblem, submitCode } from "./code-runs.js";
import { answerText, nextHint } from "./hints-and-answers.js";
import type { DraftInput, InterviewDraft } from "./interview-drafts.js";
import { interviewStats } from "./interview-stats.js";
import { expireOverdue } from "./lifecycle.js";
import { findQuestion, listQuestions, publicQuestion, type QuestionFilter } from "./question-bank.js";
import {
  finishSession,
  getSession,
  listSessions,
  type StartSessionInput,
  saveSessionDraft,
  startSession,
} from "./sessions.js";
import type { InterviewDeps } from "./types.js";
import type { SessionSummary, SessionView } from "./views.js";

export class InterviewService {
  constructor(private readonly deps: InterviewDeps) {}

  /** The runner's languages and sandbox; `warning` when runs go unsandboxed, `refusal` when they are refused. */
  languages() {
    return runnerLanguages(this.deps);
  }

  listQuestions(filter: QuestionFilter) {
    return listQuestions(this.deps.db, filter);
  }

  async getQuestion(slug: string) {
    return publicQuestion(await findQuestion(this.deps.db, slug));
  }

  startSession(userId: number, input: StartSessionInput): Promise<SessionView> {
    return startSession(this.deps, userId, input);
  }

  saveDraft(userId: number, sessionId: number, input: DraftInput): Promise<InterviewDraft> {
    return saveSessionDraft(this.deps, userId, sessionId, input);
  }

  getSession(userId: number, sessionId: number): Promise<SessionView> {
    return getSession(this.deps, userId, sessionId);
  }

  listSessions(
    userId: number,
    filter: PageRequest & { mode?: InterviewMode; status?: string },
  ): Promise<Page<SessionSummary>> {
    return listSessions(this.deps, userId, filter);
  }

  submitCode(userId: number, sessionId: number, input: CodeInput) {
    return submitCode(this.deps, userId, sessionId, input);
  }

  runCustom(userId: number, sessionId: number, input: CodeInput & { inputs: unknown[][] }) {
    return runCustom(this.deps, userId, sessionId, input);
  }

  /** A run outside any session (practice, the CLI): every test, hidden ones included when asked. */
  runProblem(input: CodeInput & { problem: string; inputs?: unknown[][]; revealHidden?: boolean }, userId?: number) {
    return runProblem(this.deps, input, userId);
  }

  nextHint(userId: number, sessionId: number) {
    return nextHint(this.deps, userId, sessionId);
  }

  answerText(userId: number, sessionId: number, input: { text: string }) {
    return answerText(this.deps, userId, sessionId, input);
  }

  finishSession(userId: number, sessionId: number): Promise<SessionView> {
    return finishSession(this.deps, userId, sessionId);
  }

  /** Finishes every active session past its deadline (+ grace); for one user, or all when none is given. */
  expireOverdue(userId?: number): Promise<number> {
    return expireOverdue(this.deps, userId);
  }

  async stats(userId: number) {
    await expireOverdue(this.deps, userId);
    return interviewStats(this.deps.db, userId);
  }
}
