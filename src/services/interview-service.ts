// Mock interviews: start a timed session on a question, submit code (graded by the sandboxed runner) or
// text answers any number of times, ask for progressive hints, and finish — by hand or when the deadline
// passes — with a report: tests, time, hints, complexity estimate and the four-dimension rubric.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Clock } from "../config/clock.js";
import { INTERVIEW_MODES, type InterviewMode } from "../config/constants.js";
import type { Database } from "../config/database.js";
import type { Logger } from "../config/logger.js";
import {
  type InterviewQuestion,
  interviewAnswers,
  interviewSessions,
  scheduledInterviews,
} from "../database/schema.js";
import { BadRequestError, ConflictError, isAppError, NotFoundError } from "../errors.js";
import { isBlind } from "./adaptive/blind-mode.js";
import type { RunGate } from "./code-runner/run-gate.js";
import type { Language, RunReport } from "./code-runner/types.js";
import { type DraftInput, type InterviewDraft, saveDraft } from "./interview-drafts.js";
import { MAX_CODE_BYTES, MAX_TEXT_CHARS, parseLanguage } from "./interview-limits.js";
import { type AnswerGrader, buildReport, gradeWithModel, type InterviewReport } from "./interview-report.js";
import { interviewStats } from "./interview-stats.js";
import { shortLanguageLabel } from "./language-labels.js";
import { type Page, type PageRequest, pageBounds } from "./page.js";
import {
  type CodingContent,
  findQuestion,
  hintsOf,
  listQuestions,
  pickQuestion,
  publicQuestion,
  type QuestionFilter,
  referenceSolution,
} from "./question-bank.js";

export type { InterviewDraft } from "./interview-drafts.js";
export { MAX_CODE_BYTES, MAX_TEXT_CHARS, parseLanguage } from "./interview-limits.js";
export type { AnswerGrader, InterviewReport } from "./interview-report.js";
export const MAX_CUSTOM_INPUTS = 10;
/** a submission that arrives this long after the deadline is still accepted (network, a last click) */
export const DEADLINE_GRACE_MS = 2 * 60_000;

type Session = typeof interviewSessions.$inferSelect;

/** The mentor's hook: written feedback on a finished session. Optional; the report is complete without it. */
export type FeedbackWriter = (input: {
  userId: number;
  session: Session;
  question: InterviewQuestion;
  report: InterviewReport;
}) => Promise<string | undefined>;

export interface InterviewDeps {
  db: Database;
  clock: Clock;
  runner: RunGate;
  logger: Logger;
  /** logs a finished coding session as a practice attempt when the catalogue has the problem */
  logAttempt?: (
    userId: number,
    input: {
      problem: string;
      outcome: "solved" | "failed";
      minutes: number;
      language?: string;
      notes: string;
      source: "interview";
      hintsUsed?: number;
    },
  ) => Promise<unknown>;
  feedbackWriter?: FeedbackWriter;
  /** a model grading written answers with quoted evidence; the offline rubric stands without it */
  answerGrader?: AnswerGrader;
  random?: () => number;
}

export interface StartSessionInput {
  mode: InterviewMode;
  question?: string;
  company?: string;
  role?: string;
  difficulty?: "easy" | "medium" | "hard";
  topic?: string;
  durationMinutes?: number;
  scheduledInterviewId?: number;
}

export interface SessionView {
  id: number;
  mode: string;
  status: string;
  company: string | null;
  role: string | null;
  difficulty: string | null;
  durationMinutes: number;
  startedAt: Date;
  deadlineAt: Date;
  finishedAt: Date | null;
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

export class InterviewService {
  constructor(private readonly deps: InterviewDeps) {}

  /** The mentor attaches its LLM feedback here once it exists. */
  setFeedbackWriter(writer: FeedbackWriter | undefined): void {
    this.deps.feedbackWriter = writer;
  }

  /** The configured model grades written answers here (app-context wires it when an LLM is set). */
  setAnswerGrader(grader: AnswerGrader | undefined): void {
    this.deps.answerGrader = grader;
  }

  /** The runner's languages and sandbox; `warning` when runs go unsandboxed, `refusal` when they are refused. */
  async languages() {
    const status = await this.deps.runner.status();
    return {
      languages: status.languages.map((l) => ({ ...l, label: shortLanguageLabel(l.id, l.version) })),
      sandbox: status.sandbox,
      ...(status.sandbox.warning ? { warning: status.sandbox.warning } : {}),
      ...(status.sandbox.refusal ? { refusal: status.sandbox.refusal } : {}),
    };
  }

  listQuestions(filter: QuestionFilter) {
    return listQuestions(this.deps.db, filter);
  }

  async getQuestion(slug: string) {
    return publicQuestion(await findQuestion(this.deps.db, slug));
  }

  async startSession(userId: number, input: StartSessionInput): Promise<SessionView> {
    if (!INTERVIEW_MODES.includes(input.mode))
      throw new BadRequestError(`mode must be one of ${INTERVIEW_MODES.join(", ")}`);
    const question = input.question
      ? await findQuestion(this.deps.db, input.question)
      : await pickQuestion(
          this.deps.db,
          {
            mode: input.mode,
            difficulty: input.mode === "behavioral" ? undefined : input.difficulty,
            company: input.company,
            topic: input.topic,
          },
          this.deps.random,
        );
    if (question.mode !== input.mode)
      throw new BadRequestError(`Question "${question.slug}" is a ${question.mode} question, not ${input.mode}.`);
    if (input.scheduledInterviewId !== undefined) {
      const [own] = await this.deps.db
        .select({ id: scheduledInterviews.id })
        .from(scheduledInterviews)
        .where(and(eq(scheduledInterviews.id, input.scheduledInterviewId), eq(scheduledInterviews.userId, userId)));
      if (!own) throw new NotFoundError(`No scheduled interview ${input.scheduledInterviewId}.`);
    }
    const limit = (question.content as { timeLimitMinutes?: number }).timeLimitMinutes;
    const durationMinutes = input.durationMinutes ?? limit ?? 45;
    const now = this.deps.clock.now();
    const [session] = await this.deps.db
      .insert(interviewSessions)
      .values({
        userId,
        questionId: question.id,
        scheduledInterviewId: input.scheduledInterviewId ?? null,
        mode: input.mode,
        role: input.role ?? null,
        company: input.company ?? null,
        difficulty: question.difficulty,
        durationMinutes,
        startedAt: now,
        deadlineAt: new Date(now.getTime() + durationMinutes * 60_000),
      })
      .returning();
    return this.present(userId, session, question);
  }

  /** Saves what the candidate is typing while the session runs (interview-drafts.ts). */
  async saveDraft(userId: number, sessionId: number, input: DraftInput): Promise<InterviewDraft> {
    const session = await this.load(userId, sessionId);
    if (session.status !== "active" || this.isOverdue(session))
      throw new ConflictError(`Interview session ${sessionId} is over; its draft can no longer change.`);
    return saveDraft(this.deps.db, this.deps.clock, session, input);
  }

  async getSession(userId: number, sessionId: number): Promise<SessionView> {
    let session = await this.load(userId, sessionId);
    if (session.status === "active" && this.isOverdue(session))
      session = (await this.finish(userId, session, "expired")).session;
    return this.present(userId, session, await findQuestion(this.deps.db, session.questionId));
  }

  async listSessions(
    userId: number,
    filter: PageRequest & { mode?: InterviewMode; status?: string },
  ): Promise<Page<unknown>> {
    await this.expireOverdue(userId);
    const { limit, offset } = pageBounds(filter);
    const where = and(
      eq(interviewSessions.userId, userId),
      filter.mode ? eq(interviewSessions.mode, filter.mode) : undefined,
      filter.status ? eq(interviewSessions.status, filter.status) : undefined,
    );
    const rows = await this.deps.db
      .select({ session: interviewSessions, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(interviewSessions)
      .where(where)
      .orderBy(desc(interviewSessions.startedAt), desc(interviewSessions.id))
      .limit(limit)
      .offset(offset);
    const questions = new Map<number, InterviewQuestion>();
    for (const r of rows)
      if (!questions.has(r.session.questionId))
        questions.set(r.session.questionId, await findQuestion(this.deps.db, r.session.questionId));
    return {
      items: rows.map(({ session: s }) => {
        const q = questions.get(s.questionId) as InterviewQuestion;
        const report = s.report as InterviewReport | null;
        return {
          id: s.id,
          mode: s.mode,
          status: s.status,
          question: { slug: q.slug, title: q.title, difficulty: q.difficulty },
          company: s.company,
          role: s.role,
          startedAt: s.startedAt,
          finishedAt: s.finishedAt,
          hintsUsed: s.hintsUsed,
          score: s.score,
          band: report?.rubric?.band ?? null,
        };
      }),
      total: rows[0]?.total ?? 0,
      limit,
      offset,
    };
  }

  async submitCode(userId: number, sessionId: number, input: { language: string; code: string }) {
    const { session, question, content } = await this.activeCoding(userId, sessionId);
    const language = await this.checkedLanguage(input.language, input.code);
    const report = await this.deps.runner.run(
      {
        language,
        code: input.code,
        signature: content.signature,
        cases: content.tests,
        compare: content.compare,
      },
      userId,
    );
    const [answer] = await this.deps.db
      .insert(interviewAnswers)
      .values({
        sessionId: session.id,
        userId,
        kind: "code",
        language,
        content: input.code,
        result: report,
        createdAt: this.deps.clock.now(),
      })
      .returning({ id: interviewAnswers.id });
    void question;
    return { answerId: answer.id, ...report };
  }

  async runCustom(userId: number, sessionId: number, input: { language: string; code: string; inputs: unknown[][] }) {
    const { session, content } = await this.activeCoding(userId, sessionId);
    const language = await this.checkedLanguage(input.language, input.code);
    const report = await this.deps.runner.run(
      {
        language,
        code: input.code,
        signature: content.signature,
        cases: this.checkedInputs(content, input.inputs),
        custom: true,
      },
      userId,
    );
    const [answer] = await this.deps.db
      .insert(interviewAnswers)
      .values({
        sessionId: session.id,
        userId,
        kind: "code",
        language,
        content: input.code,
        result: { ...report, custom: true },
        createdAt: this.deps.clock.now(),
      })
      .returning({ id: interviewAnswers.id });
    return { answerId: answer.id, custom: true, ...report };
  }

  /** A run outside any session (practice, the CLI): every test, hidden ones included when asked. */
  async runProblem(
    input: {
      problem: string;
      language: string;
      code: string;
      inputs?: unknown[][];
      revealHidden?: boolean;
    },
    userId?: number,
  ): Promise<RunReport> {
    const question = await findQuestion(this.deps.db, input.problem);
    if (question.mode !== "coding")
      throw new BadRequestError(`"${question.slug}" is a ${question.mode} question: it has no tests to run.`);
    const content = question.content as CodingContent;
    const language = await this.checkedLanguage(input.language, input.code);
    const cases = input.inputs
      ? this.checkedInputs(content, input.inputs)
      : content.tests.map((t) => (input.revealHidden ? { ...t, hidden: false } : t));
    return this.deps.runner.run(
      {
        language,
        code: input.code,
        signature: content.signature,
        cases,
        compare: content.compare,
        custom: Boolean(input.inputs),
      },
      userId,
    );
  }

  async nextHint(userId: number, sessionId: number): Promise<{ hint: string; number: number; remaining: number }> {
    const session = await this.active(userId, sessionId);
    const hints = hintsOf(await findQuestion(this.deps.db, session.questionId));
    // Claimed with a conditional update so two quick clicks cannot both take the same hint number.
    const [updated] = await this.deps.db
      .update(interviewSessions)
      .set({ hintsUsed: sql`${interviewSessions.hintsUsed} + 1` })
      .where(and(eq(interviewSessions.id, session.id), lt(interviewSessions.hintsUsed, hints.length)))
      .returning({ hintsUsed: interviewSessions.hintsUsed });
    if (!updated) throw new ConflictError(`No more hints: all ${hints.length} have been given.`);
    return {
      hint: hints[updated.hintsUsed - 1],
      number: updated.hintsUsed,
      remaining: hints.length - updated.hintsUsed,
    };
  }

  async answerText(userId: number, sessionId: number, input: { text: string }) {
    const session = await this.active(userId, sessionId);
    const text = input.text.trim();
    if (!text) throw new BadRequestError("The answer is empty.");
    if (text.length > MAX_TEXT_CHARS)
      throw new BadRequestError(`The answer is longer than ${MAX_TEXT_CHARS} characters.`);
    const [answer] = await this.deps.db
      .insert(interviewAnswers)
      .values({ sessionId: session.id, userId, kind: "text", content: text, createdAt: this.deps.clock.now() })
      .returning({ id: interviewAnswers.id, createdAt: interviewAnswers.createdAt });
    return answer;
  }

  async finishSession(userId: number, sessionId: number): Promise<SessionView> {
    const session = await this.load(userId, sessionId);
    const finished =
      session.status === "active"
        ? (await this.finish(userId, session, this.isOverdue(session) ? "expired" : "finished")).session
        : session;
    return this.present(userId, finished, await findQuestion(this.deps.db, finished.questionId));
  }

  /** Finishes every active session past its deadline (+ grace); for one user, or all when none is given. */
  async expireOverdue(userId?: number): Promise<number> {
    const cutoff = new Date(this.deps.clock.now().getTime() - DEADLINE_GRACE_MS);
    const overdue = await this.deps.db
      .select()
      .from(interviewSessions)
      .where(
        and(
          eq(interviewSessions.status, "active"),
          lt(interviewSessions.deadlineAt, cutoff),
          userId === undefined ? undefined : eq(interviewSessions.userId, userId),
        ),
      );
    let n = 0;
    for (const s of overdue) if ((await this.finish(s.userId, s, "expired")).changed) n++;
    return n;
  }

  async stats(userId: number) {
    await this.expireOverdue(userId);
    return interviewStats(this.deps.db, userId);
  }

  // ---------------------------------------------------------------- internals
  private async load(userId: number, sessionId: number): Promise<Session> {
    const [session] = await this.deps.db
      .select()
      .from(interviewSessions)
      .where(and(eq(interviewSessions.id, sessionId), eq(interviewSessions.userId, userId)));
    if (!session) throw new NotFoundError(`No interview session ${sessionId}.`);
    return session;
  }

  private isOverdue(session: Session): boolean {
    return this.deps.clock.now().getTime() > session.deadlineAt.getTime() + DEADLINE_GRACE_MS;
  }

  private async active(userId: number, sessionId: number): Promise<Session> {
    const session = await this.load(userId, sessionId);
    if (session.status !== "active")
      throw new ConflictError(`Interview session ${sessionId} is ${session.status}; start a new one.`);
    if (this.isOverdue(session)) {
      await this.finish(userId, session, "expired");
      throw new ConflictError(
        `Time is up: session ${sessionId} ended at ${session.deadlineAt.toISOString()}; its report is ready.`,
      );
    }
    return session;
  }

  private async activeCoding(userId: number, sessionId: number) {
    const session = await this.active(userId, sessionId);
    const question = await findQuestion(this.deps.db, session.questionId);
    if (question.mode !== "coding")
      throw new BadRequestError(`Session ${sessionId} is a ${question.mode} interview: send a text answer.`);
    return { session, question, content: question.content as CodingContent };
  }

  private async checkedLanguage(value: string, code: string): Promise<Language> {
    const language = parseLanguage(value);
    if (!(await this.deps.runner.isAvailable(language))) {
      const available = (await this.deps.runner.status()).languages.filter((l) => l.available).map((l) => l.id);
      throw new BadRequestError(`${language} is not installed on this server. Available: ${available.join(", ")}.`);
    }
    if (!code.trim()) throw new BadRequestError("The code is empty.");
    if (Buffer.byteLength(code) > MAX_CODE_BYTES)
      throw new BadRequestError(`The code is larger than ${MAX_CODE_BYTES / 1024} KB.`);
    return language;
  }

  private checkedInputs(content: CodingContent, inputs: unknown[][]) {
    if (inputs.length === 0 || inputs.length > MAX_CUSTOM_INPUTS)
      throw new BadRequestError(`Give between 1 and ${MAX_CUSTOM_INPUTS} inputs.`);
    const arity = content.signature.kind === "function" ? content.signature.params.length : 2;
    const names =
      content.signature.kind === "function"
        ? content.signature.params.map((p) => `${p.name}: ${p.type}`).join(", ")
        : "[operations], [arguments]";
    inputs.forEach((args, i) => {
      if (!Array.isArray(args) || args.length !== arity)
        throw new BadRequestError(`Input ${i + 1} must be an array of ${arity} arguments (${names}).`);
    });
    return inputs.map((args) => ({ args }));
  }

  private async finish(userId: number, session: Session, status: "finished" | "expired") {
    const question = await findQuestion(this.deps.db, session.questionId);
    const answers = await this.deps.db
      .select()
      .from(interviewAnswers)
      .where(and(eq(interviewAnswers.sessionId, session.id), eq(interviewAnswers.userId, userId)))
      .orderBy(interviewAnswers.id);
    const now = this.deps.clock.now();
    const end = Math.min(now.getTime(), session.deadlineAt.getTime() + DEADLINE_GRACE_MS);
    const timeUsedMinutes = Math.max(0, Math.round(((end - session.startedAt.getTime()) / 60_000) * 10) / 10);
    const report = buildReport(session, question, answers, status, timeUsedMinutes);
    if (this.deps.answerGrader && session.mode !== "coding")
      await gradeWithModel(this.deps.answerGrader, this.deps.logger, session, question, answers, report);
    if (this.deps.feedbackWriter) {
      try {
        const feedback = await this.deps.feedbackWriter({ userId, session, question, report });
        if (feedback) report.feedback = feedback;
      } catch (error) {
        this.deps.logger.warn(
          { err: error, sessionId: session.id },
          "interview feedback writer failed; report kept without it",
        );
      }
    }
    const score = Math.round(((report.rubric.overall - 1) / 3) * 1000) / 10;
    const [updated] = await this.deps.db.transaction(async (tx) => {
      const rows = await tx
        .update(interviewSessions)
        .set({ status, finishedAt: now, report, score })
        .where(and(eq(interviewSessions.id, session.id), eq(interviewSessions.status, "active")))
        .returning();
      if (rows.length && session.scheduledInterviewId)
        await tx
          .update(scheduledInterviews)
          .set({ status: "completed", updatedAt: now })
          .where(and(eq(scheduledInterviews.id, session.scheduledInterviewId), eq(scheduledInterviews.userId, userId)));
      return rows;
    });
    if (!updated) return { session: await this.load(userId, session.id), changed: false };
    if (question.mode === "coding" && report.attempt?.counted)
      await this.logAttempt(userId, question, report, session.id);
    return { session: updated, changed: true };
  }

  private async logAttempt(userId: number, question: InterviewQuestion, report: InterviewReport, sessionId: number) {
    if (!this.deps.logAttempt) return;
    const slug = (question.content as CodingContent).leetcodeSlug ?? question.slug;
    try {
      await this.deps.logAttempt(userId, {
        problem: slug,
        outcome: report.attempt?.outcome ?? "failed",
        minutes: Math.max(1, Math.round(report.timeUsedMinutes)),
        ...(report.language ? { language: report.language } : {}),
        notes: `Mock interview #${sessionId}: ${report.rubric.band.replaceAll("_", " ")} (${report.tests?.passed}/${report.tests?.total} tests)`,
        source: "interview",
        hintsUsed: report.hintsUsed,
      });
    } catch (error) {
      // A problem missing from the catalogue is normal (the bank holds more than the roadmap); say nothing.
      if (!(isAppError(error) && error.statusCode === 404))
        this.deps.logger.warn({ err: error, sessionId }, "could not log the interview as an attempt");
    }
  }

  /** The view, with the question's difficulty and topics hidden while a blind-mode interview runs. */
  private async present(userId: number, session: Session, question: InterviewQuestion): Promise<SessionView> {
    const view = this.view(session, question);
    if (session.status !== "active" || !(await isBlind(this.deps.db, userId))) return view;
    return { ...view, difficulty: null, question: { ...view.question, difficulty: null, topics: [] } };
  }

  private view(session: Session, question: InterviewQuestion): SessionView {
    const now = this.deps.clock.now().getTime();
    return {
      id: session.id,
      mode: session.mode,
      status: session.status,
      company: session.company,
      role: session.role,
      difficulty: session.difficulty,
      durationMinutes: session.durationMinutes,
      startedAt: session.startedAt,
      deadlineAt: session.deadlineAt,
      finishedAt: session.finishedAt,
      secondsLeft:
        session.status === "active" ? Math.max(0, Math.round((session.deadlineAt.getTime() - now) / 1000)) : 0,
      hintsUsed: session.hintsUsed,
      score: session.score,
      question: publicQuestion(question),
      hints: hintsOf(question).slice(0, session.hintsUsed),
      report: (session.report as InterviewReport | null) ?? null,
      draft: (session.draft as InterviewDraft | null) ?? null,
      reference:
        session.status !== "active" && question.mode === "coding"
          ? (referenceSolution(question, (session.report as InterviewReport | null)?.language) ?? null)
          : null,
    };
  }
}
