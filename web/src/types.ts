// Shapes of the REST API's answers, mirrored from the services (src/services/*). Only what the pages read.

import type { ApiOk } from "./api-schema";

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Difficulty = "easy" | "medium" | "hard";
export type Outcome = "solved" | "failed" | "gave_up";
export type RatingName = "again" | "hard" | "good" | "easy";
export const RATINGS: RatingName[] = ["again", "hard", "good", "easy"];

export interface Topic {
  id: string;
  name: string;
  position?: number;
}

// Generated from the routes' declared responses (npm run gen:api), not copied by hand.
export type AttemptView = ApiOk<"/api/attempts/{id}", "get">;
export type LoggedAttempt = ApiOk<"/api/attempts", "post", 201>;

// catalogue (src/services/catalog/contract.ts)
export type ProblemSummary = ApiOk<"/api/problems", "get">["items"][number];
export type ProblemPageData = ApiOk<"/api/problems/{slug}/page", "get">;

// training (src/services/training/contract.ts)
export type DueQueue = ApiOk<"/api/reviews/due", "get">;
export type DueReview = DueQueue["reviews"][number];
export type NewProblem = DueQueue["newProblems"][number];
export type RatingPreview = ApiOk<"/api/reviews/{problemSlug}/preview", "get">["outcomes"][number];
export type CardView = ApiOk<"/api/reviews/{problemSlug}/suspend", "post">;
export type TopicMastery = ApiOk<"/api/mastery", "get">["topics"][number];

// accounts (src/services/accounts/contract.ts); the signed-in user is session.ts's User
export type ApiToken = ApiOk<"/api/tokens", "get">["tokens"][number];
export type NotificationItem = ApiOk<"/api/notifications", "get">["items"][number];

// roadmap (src/services/roadmap/contract.ts)
export type Roadmap = ApiOk<"/api/roadmap", "get">;
export type RoadmapTopic = Roadmap["topics"][number];
export type PlanView = ApiOk<"/api/plan", "get">;
export type PlanItemView = PlanView["items"]["items"][number];

// progress (src/services/weaknesses/contract.ts)
export type Stats = ApiOk<"/api/stats", "get">;
export type TopicStats = Stats["byTopic"][number];
export type WeaknessReport = ApiOk<"/api/weaknesses", "get">;
export type TopicWeakness = WeaknessReport["topics"][number];
export type TodayQueue = ApiOk<"/api/today", "get">;
export type TodayItem = TodayQueue["items"][number];
export type TodayKind = TodayItem["kind"];
export type StartHereStep = TodayQueue["startHere"]["steps"][number];

// Memories, interviews: the routes' declared responses (npm run gen:api), named by path.
export type MemoryView = ApiOk<"/api/memories/{id}", "get">;
export type MemorySearchResult = ApiOk<"/api/memories/search", "get">;
export type MemoryHit = MemorySearchResult["hits"][number];
export type RememberResult = ApiOk<"/api/memories", "post", 201>;

export type SessionView = ApiOk<"/api/interviews/sessions/{id}", "get">;
export type QuestionView = SessionView["question"];
export type QuestionExample = NonNullable<QuestionView["content"]["examples"]>[number];
/** A scored report; sessions imported from the old platform carry an `ImportedReport` (feedback only). */
export type InterviewReport = Extract<NonNullable<SessionView["report"]>, { question: unknown }>;
export type ImportedReport = Exclude<NonNullable<SessionView["report"]>, InterviewReport>;
/** The rubric of reports with dimensions (older reports keep one `{score, reasons}` per dimension id). */
export type Rubric = Extract<InterviewReport["rubric"], { dimensions: unknown }>;
export type DimensionScore = Rubric["dimensions"][number];
export type InterviewDraft = NonNullable<SessionView["draft"]>;
export type RunReport = ApiOk<"/api/interviews/run", "post">;
export type CaseResult = RunReport["cases"][number];
export type SubmissionResult = ApiOk<"/api/interviews/sessions/{id}/submissions", "post">;
export type LanguageInfo = ApiOk<"/api/interviews/languages", "get">["languages"][number];
export type HintResult = ApiOk<"/api/interviews/sessions/{id}/hints", "post">;

export interface ScheduledInterview {
  id: number;
  seriesId: string | null;
  scheduledAt: string;
  durationMinutes: number;
  mode: string;
  difficulty: string | null;
  role: string | null;
  company: string | null;
  status: string;
  secondsUntil: number;
}

export type SessionSummary = ApiOk<"/api/interviews/sessions", "get">["items"][number];

// The mentor's status and stored conversations (the turn itself streams server-sent events: lib/chat-stream.ts).
export type ChatStatus = ApiOk<"/api/chat/status", "get">;
export type Conversation = ApiOk<"/api/conversations", "get">["items"][number];
export type StoredMessage = ApiOk<"/api/conversations/{id}/messages", "get">["items"][number];

export type NoteView = ApiOk<"/api/problems/{slug}/notes", "get">;

// adaptive practice (src/services/adaptive/contract.ts); rating, difficulty and topics are withheld in blind mode
export type Skill = ApiOk<"/api/skills", "get">[number];
export type Recommendation = ApiOk<"/api/recommendations", "get">[number];
export type PatternGuessResult = ApiOk<"/api/interviews/sessions/{id}/pattern", "post">;
