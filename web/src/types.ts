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

export interface ProblemSummary {
  slug: string;
  title: string;
  /** null while blind mode hides it (then `hidden`) */
  difficulty: string | null;
  rating?: number | null;
  hidden?: boolean;
  url: string | null;
  leetcodeId: number | null;
  companies: string[];
  topics: string[];
  custom: boolean;
  status: "solved" | "attempted" | "new";
  hasNote: boolean;
  revisit: boolean;
}

// Generated from the routes' declared responses (npm run gen:api), not copied by hand.
export type AttemptView = ApiOk<"/api/attempts/{id}", "get">;
export type LoggedAttempt = ApiOk<"/api/attempts", "post", 201>;

export interface TopicStats {
  topicId: string;
  name: string;
  attempts: number;
  failed: number;
  solved: number;
  total: number;
  coverage: number;
  minutes: number;
}

export interface Stats {
  timezone: string;
  today: string;
  totalAttempts: number;
  solved: number;
  attempted: number;
  outcomes: Record<Outcome, number>;
  totalMinutes: number;
  coverage: { solved: number; total: number; ratio: number };
  byDifficulty: Record<string, { attempts: number; solved: number; total: number; coverage: number }>;
  byTopic: TopicStats[];
  streak: { current: number; longest: number; activeToday: boolean; lastActiveDate: string | null };
  heatmap: Record<string, number>;
  minutesPerWeek: { weekStart: string; minutes: number; attempts: number }[];
}

export interface TopicMastery {
  topicId: string;
  name: string;
  position: number;
  total: number;
  covered: number;
  coverage: number;
  meanRetrievability: number;
  mastery: number;
}

export interface TopicWeakness {
  topicId: string;
  name: string;
  attempts: number;
  failed: number;
  solved: number;
  total: number;
  mastery: number;
  score: number;
  severity: "low" | "medium" | "high" | "critical";
  reason: string;
}

export interface WeaknessReport {
  generatedAt: string;
  topics: TopicWeakness[];
  /** topics practised at least once, weakest first (empty for a new user) */
  weakest: TopicWeakness[];
}

export interface DueReview {
  problemSlug: string;
  title: string;
  difficulty: string;
  due: string;
  retrievability: number;
  state: string;
  reps: number;
  lapses: number;
}

export interface NewProblem {
  problemSlug: string;
  title: string;
  /** null while blind mode hides it */
  difficulty: string | null;
  topicId: string | null;
  successProbability?: number;
  reason?: string;
}

export interface DueQueue {
  reviews: DueReview[];
  newProblems: NewProblem[];
  dailyNewLimit: number;
  newStartedToday: number;
}

export interface RatingPreview {
  rating: RatingName;
  due: string;
  scheduledDays: number;
  stability: number;
}

export interface CardView {
  problemSlug: string;
  title: string;
  difficulty: string;
  state: string;
  due: string;
  scheduledDays: number;
  reps: number;
  lapses: number;
  lastReview: string | null;
  retrievability: number;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface RoadmapTopic {
  id: string;
  name: string;
  position: number;
  prerequisites: string[];
  solved: number;
  total: number;
  mastery: number;
  unlocked: boolean;
  blockedBy: { topicId: string; solved: number; needed: number }[];
  focus: boolean;
}

export interface Roadmap {
  focusTopic: string | null;
  unlockRule: string;
  topics: RoadmapTopic[];
}

export interface PlanItemView {
  id: number;
  week: number;
  kind: string;
  topicId: string | null;
  problemSlug: string | null;
  title: string | null;
  difficulty: string | null;
  minutes: number;
  note: string | null;
  done: boolean;
  doneAt: string | null;
}

export interface PlanView {
  id: number;
  startsOn: string;
  endsOn: string;
  weeks: number;
  weeklyHours: number;
  focusTopic: string | null;
  createdAt: string;
  overBudget: boolean;
  warnings: string[];
  minutesByWeek: number[];
  topics: string[];
  items: Page<PlanItemView>;
}

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
  /** found by meaning alone, below the encoder's floor */
  weak?: boolean;
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

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
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

export type TodayKind = "review" | "plan" | "new";

export interface TodayItem {
  key: string;
  kind: TodayKind;
  problemSlug: string | null;
  title: string;
  difficulty: string | null;
  url: string | null;
  leetcodeId: number | null;
  topicId: string | null;
  planItemId: number | null;
  reason: string;
  minutes: number | null;
  due: string | null;
  retrievability: number | null;
}

export interface StartHereStep {
  id: string;
  title: string;
  detail: string;
  href: string;
  done: boolean;
}

export interface TodayQueue {
  date: string;
  items: TodayItem[];
  counts: Record<TodayKind, number>;
  plan: { id: number; week: number; weeks: number; openThisWeek: number } | null;
  startHere: { steps: StartHereStep[]; complete: boolean };
}

export type NoteView = ApiOk<"/api/problems/{slug}/notes", "get">;

export interface ProblemPageData {
  problem: Omit<ProblemSummary, "topics" | "hasNote" | "revisit"> & {
    id: number;
    topics: { id: string; name: string }[];
    attempts: number;
  };
  statement: {
    questionSlug: string;
    prompt: string;
    examples: { input: string; output: string; explanation?: string }[];
    constraints: string[];
  } | null;
  attempts: AttemptView[];
  attemptsTotal: number;
  note: NoteView | null;
  card: (CardView & { suspended: boolean }) | null;
  openPlanItem: { id: number; week: number } | null;
}

/** GET /api/skills (adaptive practice) */
export interface Skill {
  topic: string;
  name: string;
  rating: number;
  deviation: number;
  attempts: number;
}

/** GET /api/recommendations; rating, difficulty and topics are withheld in blind mode */
export interface Recommendation {
  problemSlug: string;
  title: string;
  rating: number | null;
  successProbability: number;
  reason: string;
  difficulty: string | null;
  topics: string[];
  url: string | null;
}
