// Moved to src/services/interviews/ (one file per use case, the class in interviews/interview-service.ts);
// these re-exports keep older import paths working.

export { MAX_CUSTOM_INPUTS } from "./contract.js";
export type { InterviewDraft } from "./interview-drafts.js";
export { MAX_CODE_BYTES, MAX_TEXT_CHARS, parseLanguage } from "./interview-limits.js";
export type { AnswerGrader, InterviewReport } from "./interview-report.js";
export { InterviewService } from "./interview-service.js";
export { DEADLINE_GRACE_MS } from "./lifecycle.js";
export type { StartSessionInput } from "./sessions.js";
export type { FeedbackWriter, InterviewDeps } from "./types.js";
export type { SessionSummary, SessionView } from "./views.js";
