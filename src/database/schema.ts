// The whole platform's tables. Every row that belongs to a user carries `user_id` with
// ON DELETE CASCADE, and an index that starts with `user_id` serves the per-user queries.
import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** The built-in offline embedder's size; the column itself takes any size (see memories.embedding). */
export const EMBEDDING_DIMENSIONS = 384;

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
/**
 * pgvector's `vector` without a size: each row holds its model's size (384, 512, 1536, …). Searches cast to
 * the model's size — `embedding::vector(N)` — which is the expression the model's partial HNSW index is on.
 */
const anyVector = customType<{ data: number[]; driverData: string }>({
  dataType: () => "vector",
  toDriver: (value) => `[${value.join(",")}]`,
  fromDriver: (value) => (typeof value === "string" ? (JSON.parse(value) as number[]) : (value as number[])),
});
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => ts("created_at").notNull().defaultNow();
const userRef = () =>
  integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

// ---------------------------------------------------------------- accounts
export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull().default(""),
  passwordHash: text("password_hash").notNull(),
  /** `argon2id`, or `bcrypt` for accounts imported from the old platform (rehashed at first login). */
  passwordAlgo: text("password_algo").notNull().default("argon2id"),
  timezone: text("timezone").notNull().default("UTC"),
  dailyNewLimit: integer("daily_new_limit").notNull().default(3),
  targetRetention: real("target_retention").notNull().default(0.9),
  weeklyHours: real("weekly_hours").notNull().default(6),
  interviewDate: date("interview_date", { mode: "string" }),
  focusTopic: text("focus_topic"),
  webhookUrl: text("webhook_url"),
  /** hide difficulty, rating and topics of problems not yet attempted (adaptive practice, 0004) */
  blindMode: boolean("blind_mode").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie value; the cookie value itself is never stored. */
    id: text("id").primaryKey(),
    userId: userRef(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    name: text("name").notNull(),
    /** sha256 of the token; the token is shown once at creation. */
    tokenHash: text("token_hash").notNull().unique(),
    /** first characters of the token, to recognise it in a list */
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export const platformAccounts = pgTable(
  "platform_accounts",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    platform: text("platform").notNull(), // leetcode | github
    username: text("username").notNull(),
    /** AES-256-GCM with ENCRYPTION_KEY (e.g. the LEETCODE_SESSION cookie); null when none given. */
    secretEncrypted: text("secret_encrypted"),
    lastSyncedAt: ts("last_synced_at"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("platform_accounts_user_platform_uq").on(t.userId, t.platform)],
);

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    platform: text("platform").notNull(),
    status: text("status").notNull().default("running"), // running | succeeded | partial | failed
    startedAt: ts("started_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
    fetched: integer("fetched").notNull().default(0),
    imported: integer("imported").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    error: text("error"),
    /** resume point of a paginated history sync */
    cursor: jsonb("cursor"),
  },
  (t) => [index("sync_runs_user_idx").on(t.userId, t.startedAt)],
);

// ---------------------------------------------------------------- catalogue
export const topics = pgTable("topics", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  position: integer("position").notNull().default(0),
});

export const topicPrerequisites = pgTable(
  "topic_prerequisites",
  {
    fromTopic: text("from_topic")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    toTopic: text("to_topic")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.fromTopic, t.toTopic] })],
);

export const problems = pgTable(
  "problems",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    difficulty: text("difficulty").notNull(), // easy | medium | hard
    leetcodeId: integer("leetcode_id"),
    url: text("url"),
    companies: text("companies").array().notNull().default(sql`'{}'::text[]`),
    /** null for the shared catalogue; a user's id for a custom problem only they see */
    ownerUserId: integer("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    /** difficulty rating on the contest scale (services/adaptive), and its uncertainty */
    rating: doublePrecision("rating"),
    ratingDeviation: doublePrecision("rating_deviation"),
    /** contest (the shipped contest ratings) | prior (from the difficulty) */
    ratingSource: text("rating_source"),
    /** first attempts that have refined the rating */
    ratedAttempts: integer("rated_attempts").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    unique("problems_owner_slug_uq").on(t.ownerUserId, t.slug).nullsNotDistinct(),
    index("problems_slug_idx").on(t.slug),
  ],
);

export const problemTopics = pgTable(
  "problem_topics",
  {
    problemId: integer("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    topicId: text("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.topicId] }), index("problem_topics_topic_idx").on(t.topicId)],
);

// ---------------------------------------------------------------- tracking
export const attempts = pgTable(
  "attempts",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    problemId: integer("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    outcome: text("outcome").notNull(), // solved | failed | gave_up
    rating: smallint("rating"), // 1 Again .. 4 Easy
    minutes: integer("minutes"),
    language: text("language"),
    notes: text("notes"),
    attemptedAt: ts("attempted_at").notNull().defaultNow(),
    source: text("source").notNull().default("manual"), // manual | leetcode | import | interview
    /** e.g. a LeetCode submission id, so a re-sync never duplicates */
    externalId: text("external_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("attempts_user_time_idx").on(t.userId, t.attemptedAt),
    index("attempts_user_problem_idx").on(t.userId, t.problemId),
    uniqueIndex("attempts_user_external_uq").on(t.userId, t.source, t.externalId).where(sql`external_id is not null`),
  ],
);

export const problemNotes = pgTable(
  "problem_notes",
  {
    userId: userRef(),
    problemId: integer("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    body: text("body").notNull().default(""),
    revisit: boolean("revisit").notNull().default(false),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.problemId] })],
);

// ---------------------------------------------------------------- training (FSRS)
export const reviewCards = pgTable(
  "review_cards",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    problemId: integer("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    due: ts("due").notNull(),
    stability: doublePrecision("stability").notNull().default(0),
    difficulty: doublePrecision("difficulty").notNull().default(0),
    elapsedDays: integer("elapsed_days").notNull().default(0),
    scheduledDays: integer("scheduled_days").notNull().default(0),
    learningSteps: integer("learning_steps").notNull().default(0),
    reps: integer("reps").notNull().default(0),
    lapses: integer("lapses").notNull().default(0),
    state: smallint("state").notNull().default(0), // ts-fsrs State: New, Learning, Review, Relearning
    lastReview: ts("last_review"),
    suspended: boolean("suspended").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("review_cards_user_problem_uq").on(t.userId, t.problemId),
    index("review_cards_user_due_idx").on(t.userId, t.due),
  ],
);

export const reviewLogs = pgTable(
  "review_logs",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    cardId: integer("card_id")
      .notNull()
      .references(() => reviewCards.id, { onDelete: "cascade" }),
    attemptId: integer("attempt_id").references(() => attempts.id, { onDelete: "set null" }),
    rating: smallint("rating").notNull(),
    state: smallint("state").notNull(),
    due: ts("due").notNull(),
    stability: doublePrecision("stability").notNull(),
    difficulty: doublePrecision("difficulty").notNull(),
    elapsedDays: integer("elapsed_days").notNull(),
    lastElapsedDays: integer("last_elapsed_days").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    learningSteps: integer("learning_steps").notNull().default(0),
    reviewedAt: ts("reviewed_at").notNull(),
    durationMs: integer("duration_ms"),
  },
  (t) => [
    index("review_logs_user_idx").on(t.userId, t.reviewedAt),
    index("review_logs_card_idx").on(t.cardId),
    index("review_logs_attempt_idx").on(t.attemptId),
  ],
);

export const weaknessSnapshots = pgTable(
  "weakness_snapshots",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    takenAt: ts("taken_at").notNull().defaultNow(),
    topicId: text("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    score: real("score").notNull(), // 0..100, higher = weaker
    severity: text("severity").notNull(), // low | medium | high | critical
    reason: text("reason").notNull(),
    metrics: jsonb("metrics").notNull().default({}),
  },
  (t) => [index("weakness_snapshots_user_idx").on(t.userId, t.takenAt)],
);

export const studyPlans = pgTable(
  "study_plans",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    weeklyHours: real("weekly_hours").notNull(),
    focusTopic: text("focus_topic"),
    /** inputs the plan was built from, so it can be explained and rebuilt */
    params: jsonb("params").notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("study_plans_user_idx").on(t.userId, t.createdAt)],
);

export const planItems = pgTable(
  "plan_items",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => studyPlans.id, { onDelete: "cascade" }),
    userId: userRef(),
    week: integer("week").notNull(),
    kind: text("kind").notNull(), // new | review | mock | topic
    topicId: text("topic_id").references(() => topics.id, { onDelete: "set null" }),
    problemId: integer("problem_id").references(() => problems.id, { onDelete: "cascade" }),
    minutes: integer("minutes").notNull().default(0),
    note: text("note"),
    doneAt: ts("done_at"),
    /** the attempt that ticked the item (logging it on the planned problem): deleting it unticks the item */
    doneAttemptId: integer("done_attempt_id").references(() => attempts.id, { onDelete: "set null" }),
  },
  (t) => [
    index("plan_items_plan_idx").on(t.planId, t.week),
    index("plan_items_user_idx").on(t.userId),
    index("plan_items_done_attempt_idx").on(t.doneAttemptId),
    index("plan_items_user_problem_idx").on(t.userId, t.problemId),
  ],
);

/**
 * A learner's skill estimate per roadmap topic, plus `global` and `pattern_recognition` (services/adaptive).
 */
export const skillEstimates = pgTable(
  "skill_estimates",
  {
    userId: userRef(),
    topic: text("topic").notNull(),
    rating: doublePrecision("rating").notNull(),
    deviation: doublePrecision("deviation").notNull(),
    attempts: integer("attempts").notNull().default(0),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topic] })],
);

// ---------------------------------------------------------------- interviews
export const interviewQuestions = pgTable(
  "interview_questions",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    mode: text("mode").notNull(), // coding | system_design | behavioral
    title: text("title").notNull(),
    difficulty: text("difficulty"), // easy | medium | hard (null for behavioural)
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    companies: text("companies").array().notNull().default(sql`'{}'::text[]`),
    prompt: text("prompt").notNull(),
    /** mode-specific body: signatures and test cases; requirements and rubric; tips */
    content: jsonb("content").notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("interview_questions_mode_idx").on(t.mode, t.difficulty)],
);

export const scheduledInterviews = pgTable(
  "scheduled_interviews",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    /** interviews of one weekly recurring series share it */
    seriesId: text("series_id"),
    scheduledAt: ts("scheduled_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(45),
    mode: text("mode").notNull().default("coding"),
    difficulty: text("difficulty"),
    role: text("role"),
    company: text("company"),
    status: text("status").notNull().default("scheduled"), // scheduled | cancelled | completed
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("scheduled_interviews_user_idx").on(t.userId, t.scheduledAt)],
);

export const interviewSessions = pgTable(
  "interview_sessions",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    questionId: integer("question_id")
      .notNull()
      .references(() => interviewQuestions.id, { onDelete: "restrict" }),
    scheduledInterviewId: integer("scheduled_interview_id").references(() => scheduledInterviews.id, {
      onDelete: "set null",
    }),
    mode: text("mode").notNull(),
    role: text("role"),
    company: text("company"),
    difficulty: text("difficulty"),
    durationMinutes: integer("duration_minutes").notNull(),
    startedAt: ts("started_at").notNull().defaultNow(),
    deadlineAt: ts("deadline_at").notNull(),
    finishedAt: ts("finished_at"),
    status: text("status").notNull().default("active"), // active | finished | expired
    hintsUsed: integer("hints_used").notNull().default(0),
    /** the topic the candidate named before coding, and whether it was one of the question's (0004) */
    patternGuess: text("pattern_guess"),
    patternMatched: boolean("pattern_matched"),
    score: real("score"),
    report: jsonb("report"),
    /** what the candidate is typing, saved as they type (0005): code per language, the written answer */
    draft: jsonb("draft"),
  },
  (t) => [index("interview_sessions_user_idx").on(t.userId, t.startedAt)],
);

export const interviewAnswers = pgTable(
  "interview_answers",
  {
    id: serial("id").primaryKey(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => interviewSessions.id, { onDelete: "cascade" }),
    userId: userRef(),
    kind: text("kind").notNull(), // code | text
    language: text("language"),
    content: text("content").notNull(),
    /** runner verdict and per-case results for code */
    result: jsonb("result"),
    createdAt: createdAt(),
  },
  (t) => [index("interview_answers_session_idx").on(t.sessionId), index("interview_answers_user_idx").on(t.userId)],
);

export const reminders = pgTable(
  "reminders",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    scheduledInterviewId: integer("scheduled_interview_id")
      .notNull()
      .references(() => scheduledInterviews.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(), // 24h | 1h | 5m
    dueAt: ts("due_at").notNull(),
    /** set by the one worker that claims it (UPDATE … WHERE sent_at IS NULL), so it is sent once */
    sentAt: ts("sent_at"),
    error: text("error"),
  },
  (t) => [
    uniqueIndex("reminders_interview_kind_uq").on(t.scheduledInterviewId, t.kind),
    index("reminders_due_idx").on(t.dueAt),
    index("reminders_user_idx").on(t.userId),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    createdAt: createdAt(),
    readAt: ts("read_at"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

// ---------------------------------------------------------------- mentor and memory
export const conversations = pgTable(
  "conversations",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    title: text("title").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("conversations_user_idx").on(t.userId, t.updatedAt)],
);

export const messages = pgTable(
  "messages",
  {
    id: serial("id").primaryKey(),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: userRef(),
    role: text("role").notNull(), // user | assistant | system | tool
    content: text("content").notNull(),
    metadata: jsonb("metadata").notNull().default({}),
    createdAt: createdAt(),
    /** legacy import: the file (import_records.source_db) and row key this message came from */
    importSource: text("import_source"),
    importKey: text("import_key"),
    /** legacy import: the `import-memories` job has yet to write this message's memory */
    memoryPending: boolean("memory_pending").notNull().default(false),
  },
  (t) => [
    index("messages_conversation_idx").on(t.conversationId, t.createdAt),
    index("messages_user_idx").on(t.userId),
    // a legacy row is imported once (decision 0015), like import_records' (source_db, source_table, source_key)
    uniqueIndex("messages_import_uq").on(t.importSource, t.importKey).where(sql`${t.importSource} is not null`),
  ],
);

export const memories = pgTable(
  "memories",
  {
    id: serial("id").primaryKey(),
    userId: userRef(),
    kind: text("kind").notNull(), // message | note | fact | answer | summary
    text: text("text").notNull(),
    source: text("source").notNull().default("manual"),
    externalId: text("external_id"),
    conversationId: integer("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    messageId: integer("message_id").references(() => messages.id, { onDelete: "set null" }),
    chunkIndex: integer("chunk_index").notNull().default(0),
    importance: real("importance").notNull().default(0.5),
    /** sha256 of the normalised text: the same text is stored once per user */
    contentHash: text("content_hash").notNull(),
    createdAt: createdAt(),
    embedding: anyVector("embedding"),
    embeddingModel: text("embedding_model"),
    tsv: tsvector("tsv").notNull().generatedAlwaysAs(sql`to_tsvector('english', "text")`),
  },
  (t) => [
    uniqueIndex("memories_user_hash_uq").on(t.userId, t.contentHash),
    index("memories_user_created_idx").on(t.userId, t.createdAt),
    index("memories_user_model_idx").on(t.userId, t.embeddingModel),
    // memories made from an attempt's or a problem's note are replaced and removed by their source
    index("memories_user_source_idx").on(t.userId, t.source),
    // ON DELETE SET NULL from messages/conversations would otherwise scan every memory per deleted row
    index("memories_message_idx").on(t.messageId),
    index("memories_conversation_idx").on(t.conversationId),
    // HNSW indexes are partial, one per embedding model, on `(embedding::vector(N))`: created by
    // VectorStore.ensureIndex when a model is first used (migration 0003 made them for existing models).
    index("memories_tsv_gin_idx").using("gin", t.tsv),
  ],
);

// ---------------------------------------------------------------- imports
/** One row per source row imported from the old platform's SQLite files: makes re-runs import nothing. */
export const importRecords = pgTable(
  "import_records",
  {
    id: serial("id").primaryKey(),
    sourceDb: text("source_db").notNull(),
    sourceTable: text("source_table").notNull(),
    sourceKey: text("source_key").notNull(),
    targetTable: text("target_table").notNull(),
    targetId: text("target_id"),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    importedAt: ts("imported_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("import_records_source_uq").on(t.sourceDb, t.sourceTable, t.sourceKey)],
);

export type User = typeof users.$inferSelect;
export type Problem = typeof problems.$inferSelect;
export type Attempt = typeof attempts.$inferSelect;
export type ReviewCard = typeof reviewCards.$inferSelect;
export type Memory = typeof memories.$inferSelect;
export type InterviewQuestion = typeof interviewQuestions.$inferSelect;
