// What the interview use cases share: their dependencies (given once, by the composition root), the
// mentor's feedback hook, and the session row.
import type { Clock } from "../../config/clock.js";
import type { Database } from "../../config/database.js";
import type { Logger } from "../../config/logger.js";
import type { InterviewQuestion, interviewSessions } from "../../database/schema.js";
import type { RunGate } from "../code-runner/run-gate.js";
import type { AnswerGrader, InterviewReport } from "./interview-report.js";

export type Session = typeof interviewSessions.$inferSelect;

/** The mentor's hook: written feedback on a finished session. Optional; the report is complete without it. */
export type FeedbackWriter = (input: {
  userId: number;
  session: Session;
  question: InterviewQuestion;
  report: InterviewReport;
}) => Promise<string | undefined>;

/** Logs a finished coding session as a practice attempt (the tracking service), when the catalogue has it. */
export type AttemptLogger = (
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

export interface InterviewDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly runner: RunGate;
  readonly logger: Logger;
  readonly logAttempt?: AttemptLogger;
  /** the mentor writing feedback on a finished session; none: the report stands without it */
  readonly feedbackWriter?: FeedbackWriter;
  /** a model grading written answers with quoted evidence; the offline rubric stands without it */
  readonly answerGrader?: AnswerGrader;
  readonly random?: () => number;
}
