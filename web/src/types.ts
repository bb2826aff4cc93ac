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

export interface MemoryView {
  id: number;
  kind: string;
  text: string;
  source: string;
  importance: number;
  conversationId: number | null;
  createdAt: string;
  embedded?: boolean;
}

export interface MemoryHit {
  id: number;
  text: string;
  kind: string;
  createdAt: string;
  importance: number;
  conversationId: number | null;
  score: number;
  similarity: number | null;
  matchedBy: string[];
}

export interface MemorySearchResult {
  hits: MemoryHit[];
  timeRange?: { from: string; to: string; matched: string };
  model: string;
}

export interface QuestionView {
  id: number;
  slug: string;
  mode: string;
  title: string;
  difficulty: string | null;
  topics: string[];
  companies: string[];
  prompt: string;
  content: {
    starterCode?: Record<string, string>;
    tests?: { args: unknown[]; expected?: unknown }[];
    hiddenTests?: number;
    hintCount?: number;
    requirements?: string[];
    discussionPoints?: string[];
    tips?: string[];
    star?: Record<string, string>;
    timeLimitMinutes?: number;
    [key: string]: unknown;
  };
}

export interface DimensionScore {
  id: string;
  label: string;
  score: number;
  reasons: string[];
  /** quotes from the answer that support the score */
  evidence?: string[];
}

export interface QuestionExample {
  input: string;
  output: string;
  explanation?: string;
}

export interface Rubric {
  mode?: string;
  dimensions: DimensionScore[];
  overall: number;
  band: string;
  gradedBy?: "offline" | "llm";
  model?: string;
  cappedBy?: string;
}

export interface InterviewReport {
  mode: string;
  question: { slug: string; title: string; difficulty: string | null };
  status: "finished" | "expired";
  timeUsedMinutes: number;
  durationMinutes: number;
  hintsUsed: number;
  hintsAvailable: number;
  tests?: { passed: number; total: number; verdict: string | null };
  submissions?: number;
  customRuns?: number;
  language?: string | null;
  code?: { language: string; source: string; verdict: string | null; submitted?: false } | null;
  complexity?: { time: string; reasons: string[]; optimal?: string };
  attempt?: { counted: boolean; outcome?: string; reason: string };
  coverage?: { covered: string[]; missing: string[]; sections?: { covered: string[]; missing: string[] } };
  star?: { covered: string[]; missing: string[] };
  /** reports written before per-mode rubrics keep the four coding dimensions as keys */
  rubric: Rubric | (Record<string, { score: number; reasons: string[] }> & { overall: number; band: string });
  offlineRubric?: { overall: number; band: string };
  feedback?: string;
}

export interface InterviewDraft {
  language: string | null;
  code: Record<string, string>;
  answer: string;
  savedAt: string;
}

export interface SessionView {
  id: number;
  mode: string;
  status: string;
  company: string | null;
  role: string | null;
  difficulty: string | null;
  durationMinutes: number;
  startedAt: string;
  deadlineAt: string;
  finishedAt: string | null;
  secondsLeft: number;
  hintsUsed: number;
  score: number | null;
  question: QuestionView;
  draft?: InterviewDraft | null;
  reference?: { language: string; code: string } | null;
  hints: string[];
  report: InterviewReport | null;
}

export interface CaseResult {
  index: number;
  status: "passed" | "failed" | "error" | "not_run" | "ran";
  args?: unknown[];
  expected?: unknown;
  actual?: unknown;
  stdout?: string;
  error?: string;
  timeMs?: number;
}

export interface RunReport {
  verdict: string;
  language: string;
  passed: number;
  total: number;
  cases: CaseResult[];
  error?: { kind: string; message: string; line?: number };
  durationMs: number;
}

export interface LanguageInfo {
  id: string;
  label: string;
  available: boolean;
  version?: string;
}

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

export type NoteView = ApiOk<"/api/problems/{slug}/notes", "get">;

// adaptive practice (src/services/adaptive/contract.ts); rating, difficulty and topics are withheld in blind mode
export type Skill = ApiOk<"/api/skills", "get">[number];
export type Recommendation = ApiOk<"/api/recommendations", "get">[number];
export type PatternGuessResult = ApiOk<"/api/interviews/sessions/{id}/pattern", "post">;
