// Moved to src/services/interviews/ (one file per use case, the class in interviews/interview-service.ts);
// these re-exports keep older import paths working.
export type { InterviewDraft } from "./interview-drafts.js";
export { MAX_CODE_BYTES, MAX_TEXT_CHARS, parseLanguage } from "./interview-limits.js";
export type { AnswerGrader, InterviewReport } from "./interview-report.js";
export { MAX_CUSTOM_INPUTS } from "./interviews/contract.js";
export { InterviewService } from "./interviews/interview-service.js";
export { DEADLINE_GRACE_MS } from "./interviews/lifecycle.js";
export type { StartSessionInput } from "./interviews/sessions.js";
export type { FeedbackWriter, InterviewDeps } from "./interviews/types.js";
export type { SessionSummary, SessionView } from "./interviews/views.js";
