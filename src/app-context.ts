// Builds every long-lived object once — settings → logger → database → cache → jobs → memory → services —
// for the API server, the MCP server, the worker and the CLI alike. Nothing else constructs them.
import { buildToolRegistry, createMentor, interviewFeedbackWriter } from "./agent/agent.js";
import { modelAnswerGrader } from "./agent/answer-grader.js";
import { createLanguageModel } from "./agent/llm.js";
import type { Mentor } from "./agent/mentor.js";
import type { ToolRegistry } from "./agent/tools.js";
import type { Cache } from "./cache/cache.js";
import { createCache } from "./cache/create-cache.js";
import { type Clock, systemClock } from "./config/clock.js";
import { type Database, type DatabaseHandle, openDatabase } from "./config/database.js";
import { createLogger, type Logger } from "./config/logger.js";
import { loadSettings, type Settings } from "./config/settings.js";
import { runMigrations } from "./database/migrate.js";
import { type SeedReport, seedCatalogue } from "./database/seed.js";
import { registerJobHandlers } from "./job-handlers.js";
import { createJobQueue } from "./jobs/create-job-queue.js";
import type { JobQueue } from "./jobs/queue.js";
import { createMemoryServices, type MemoryServices } from "./memory/memory-services.js";
import { createMetrics, type Metrics } from "./metrics/metrics.js";
import { SessionService } from "./services/accounts/session-service.js";
import { TokenService } from "./services/accounts/token-service.js";
import { UserService } from "./services/accounts/user-service.js";
import { AttemptRatings } from "./services/adaptive/attempt-ratings.js";
import { PatternRecognitionService } from "./services/adaptive/pattern-recognition.js";
import { DifficultyPriors } from "./services/adaptive/problem-ratings.js";
import { RecommendationService } from "./services/adaptive/recommendations.js";
import { SkillService } from "./services/adaptive/skill-estimates.js";
import { CatalogService } from "./services/catalog/catalog-service.js";
import { ProblemPageService } from "./services/catalog/problem-page.js";
import { InProcessRunner, type RunnerClient } from "./services/code-runner/client.js";
import { RemoteRunner } from "./services/code-runner/remote-client.js";
import { RunGate, submitters } from "./services/code-runner/run-gate.js";
import { CodeRunner } from "./services/code-runner/runner.js";
import { ExportService } from "./services/export/export-service.js";
import { InterviewService } from "./services/interviews/interview-service.js";
import { LeetCodeSyncService } from "./services/leetcode/sync-service.js";
import { newProblemPicker, roadmapTopicStates } from "./services/roadmap/new-problem-picker.js";
import { RoadmapService } from "./services/roadmap/roadmap-service.js";
import { NotificationService } from "./services/schedule/notification-service.js";
import { ScheduleService } from "./services/schedule/schedule-service.js";
import { WebhookTargetPolicy } from "./services/shared/webhook-target.js";
import { TrackingService } from "./services/tracking/tracking-service.js";
import { TodayService } from "./services/training/today-service.js";
import { TrainingService } from "./services/training/training-service.js";
import { WeaknessService } from "./services/weaknesses/weakness-service.js";

export interface AppContext {
  readonly settings: Settings;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly database: DatabaseHandle;
  readonly db: Database;
  readonly cache: Cache;
  readonly jobs: JobQueue;
  /** Prometheus metrics of this context (its own registry), served at /metrics */
  readonly metrics: Metrics;
  /** accounts: signup, login, settings (user-service) */
  readonly users: UserService;
  /** login sessions behind the `maang_session` cookie */
  readonly sessions: SessionService;
  /** personal API tokens (`Authorization: Bearer mt_…`) */
  readonly tokens: TokenService;
  /** RAG memory: `manager` (conversations, remember, forget, reindex), `rag` (search, buildContext), `embeddings` */
  readonly memory: MemoryServices;
  /** the user's own data as json / csv zip / xlsx, and json import into an empty account */
  readonly exports: ExportService;
  /** the problem catalogue: search, one problem, custom problems */
  readonly catalog: CatalogService;
  /** attempts, notes and stats */
  readonly tracking: TrackingService;
  /** FSRS review cards: due queue, ratings, previews, suspend/resume, topic mastery */
  readonly training: TrainingService;
  /** the Today queue (reviews, plan items, new problems in one list) and the start-here steps */
  readonly today: TodayService;
  /** one problem's page: statement, attempts, note, card, plan item */
  readonly problemPages: ProblemPageService;
  /** weak topics with reasons, and their daily snapshots */
  readonly weaknesses: WeaknessService;
  /** the topic graph with progress, focus topic, weekly study plans */
  readonly roadmap: RoadmapService;
  /** the code runner behind mock interviews: the runner service (RUNNER_URL or the server's child) or in-process */
  readonly runner: RunGate;
  /** mock interviews: question bank, sessions, submissions, hints, reports, stats */
  readonly interviews: InterviewService;
  /** scheduled interviews, weekly series, reminders rows */
  readonly schedule: ScheduleService;
  /** in-app notifications and the reminder sweep (webhooks) */
  readonly notifications: NotificationService;
  /** the tools the mentor and the MCP server share (src/agent/tools.ts) */
  readonly agentTools: ToolRegistry;
  /** adaptive practice: skill estimates per topic (services/adaptive) */
  readonly skills: SkillService;
  /** adaptive practice: never-solved problems at the right difficulty */
  readonly recommendations: RecommendationService;
  /** adaptive practice: the rating update each attempt makes (and pattern guesses) */
  readonly attemptRatings: AttemptRatings;
  /** adaptive practice: "which pattern?" before coding in an interview */
  readonly patterns: PatternRecognitionService;
  /** the AI mentor: one chat turn with memory, tools and streaming; offline when no LLM is configured */
  readonly mentor: Mentor;
  /** LeetCode link and accepted-submission sync (run by the leetcode-sync job) */
  readonly leetcode: LeetCodeSyncService;
  /** Releases everything, in the reverse order of creation. Safe to call twice. */
  close(): Promise<void>;
}

export interface CreateContextOptions {
  settings?: Settings;
  logger?: Logger;
  clock?: Clock;
  /** apply pending migrations (and, with `seed`, load the catalogue) before returning */
  migrate?: boolean;
  seed?: boolean;
  /** 2 = log to stderr (the MCP stdio server) */
  logDestination?: 1 | 2;
  /** the runner service to call when RUNNER_URL is unset (`maang serve` starts one as a child) */
  runnerEndpoint?: { url: string; token: string; ready?: () => Promise<unknown> };
  /** the in-memory embedded database's starting folder (tests only: see OpenDatabaseOptions) */
  pgliteTemplate?: string;
}

export interface StartupReport {
  migrationsApplied: string[];
  seed?: SeedReport;
}

export async function createAppContext(
  options: CreateContextOptions = {},
): Promise<AppContext & { startup: StartupReport }> {
  const settings = options.settings ?? loadSettings();
  const logger = options.logger ?? createLogger(settings, { destination: options.logDestination });
  const clock = options.clock ?? systemClock;
  const closers: (() => Promise<void>)[] = [];

  const database = await openDatabase(settings, logger, { pgliteTemplate: options.pgliteTemplate });
  closers.push(() => database.close());
  const startup: StartupReport = { migrationsApplied: [] };
  try {
    if (options.migrate) startup.migrationsApplied = await runMigrations(database);
    if (options.seed) startup.seed = await seedCatalogue(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }

  // ---- infrastructure: metrics, cache (Redis or in-process) and job queue (BullMQ or inline)
  const metrics = createMetrics();
  metrics.watchPool(() => database.poolStats());
  const cache: Cache = await createCache(settings, logger, metrics);
  closers.push(() => cache.close());
  const jobs: JobQueue = createJobQueue(settings, logger);
  closers.push(() => jobs.close());
  metrics.watchQueues(() => jobs.depth());

  // ---- domain: memory, services (wired here as they arrive)
  const sessions = new SessionService({ db: database.db, cache, clock, settings, logger });
  const tokens = new TokenService({ db: database.db, cache, clock, logger });
  // one policy for where webhooks may go: checked when a URL is saved or imported, and again at send time
  const webhookTargets = new WebhookTargetPolicy(settings.webhooks.allowedTargets);
  const users = new UserService({ db: database.db, cache, clock, logger, sessions, webhookTargets });
  const memory = createMemoryServices({ settings, logger, clock, db: database.db, cache, jobs });
  const exportService = new ExportService({
    db: database.db,
    cache,
    clock,
    logger,
    jobs,
    hasData: (userId, db) => users.hasData(userId, db),
    webhookTargets,
  });
  const ttlSeconds = settings.cache.ttlSeconds;
  const catalog = new CatalogService({ db: database.db });
  const priors = new DifficultyPriors();
  const attemptRatings = new AttemptRatings({ clock, priors });
  const skills = new SkillService({ db: database.db, clock });
  // Never-tried problems ranked for the learner, unlocked roadmap topics first (the unlock states come
  // straight from the roadmap's rule, not from RoadmapService, which needs training).
  const recommendations = new RecommendationService({
    db: database.db,
    clock,
    catalog,
    priors,
    topicStates: roadmapTopicStates(database.db),
  });
  // The review queue's new problems: the roadmap feature's picker, over the adaptive recommender.
  const training = new TrainingService({
    db: database.db,
    cache,
    clock,
    catalog,
    ttlSeconds,
    pickNewProblems: newProblemPicker(recommendations),
  });
  // Notes become memories in the attempt's transaction; their vectors come later, from the embed job.
  const embedNotes = async (userId: number, ids: number[]) => {
    try {
      await jobs.enqueue("embed-memories", { userId, ids });
    } catch (error) {
      logger.warn({ err: error, userId }, "could not queue note embedding; the notes stay full-text searchable");
    }
  };
  const tracking = new TrackingService({
    db: database.db,
    cache,
    clock,
    catalog,
    training,
    ttlSeconds,
    embedNotes,
    ratings: attemptRatings,
  });
  metrics.watchBatches(() => {
    const { reads, writes, retried } = tracking.attemptBatches;
    return { read: { ...reads.stats, retried: retried.read }, write: { ...writes.stats, retried: retried.write } };
  });
  const today = new TodayService({ db: database.db, clock, training });
  const problemPages = new ProblemPageService({ db: database.db, catalog, tracking, training });
  const weaknesses = new WeaknessService({ db: database.db, cache, clock, training, ttlSeconds });
  const roadmap = new RoadmapService({
    db: database.db,
    cache,
    clock,
    catalog,
    training,
    weaknesses,
    newProblemOrder: (userId) => recommendations.planOrder(userId),
  });
  // Submitted code runs in the runner service when there is one; otherwise in this process, still one
  // bubblewrap sandbox per run. Either way the sandbox policy and fair use are applied here.
  const who = submitters(settings);
  const endpoint = settings.runner.url
    ? { url: settings.runner.url, token: settings.runner.token ?? "" }
    : options.runnerEndpoint;
  const runnerClient: RunnerClient = endpoint
    ? new RemoteRunner(endpoint.url, endpoint.token, settings.runner.url ? undefined : options.runnerEndpoint?.ready)
    : new InProcessRunner(
        new CodeRunner({ ...settings.runner, sandbox: settings.runner.sandbox, unsandboxedAllowed: who.ownerOnly }),
      );
  const runner = new RunGate({
    client: runnerClient,
    runner: settings.runner,
    ownerOnly: who.ownerOnly,
    reasons: who.reasons,
    logger,
  });
  closers.push(() => runner.close());
  // One model for the mentor, the interview grader and the interview feedback (none configured: all offline).
  const llm = createLanguageModel(settings.llm) ?? null;
  // The mentor reads these; the interviews use a mentor (feedback on a finished session) and the mentor's
  // tools use the interviews, so the feedback mentor is built from these alone, before the interviews.
  const leetcode = new LeetCodeSyncService({
    db: database.db,
    clock,
    logger,
    jobs,
    graphqlUrl: settings.leetcode.graphqlUrl,
    requestsPerMinute: settings.leetcode.requestsPerMinute,
    encryptionKey: settings.auth.encryptionKey,
    ratings: attemptRatings,
  });
  const mentorServices = {
    catalog,
    tracking,
    training,
    weaknesses,
    roadmap,
    memory,
    users,
    skills,
    recommendations,
    leetcode,
  };
  const interviews = new InterviewService({
    db: database.db,
    clock,
    runner,
    logger,
    logAttempt: (userId, input) => tracking.logAttempt(userId, input),
    feedbackWriter: interviewFeedbackWriter({ services: mentorServices, settings, logger, clock, llm }),
    answerGrader: llm ? modelAnswerGrader(llm) : undefined,
  });
  const schedule = new ScheduleService({ db: database.db, clock });
  const notifications = new NotificationService({ db: database.db, clock, logger, webhookTargets });
  // The mentor and the MCP server share one tool registry over these services.
  const agentServices = { ...mentorServices, interviews, schedule };
  const agentTools = buildToolRegistry(agentServices, logger);
  const mentor = createMentor({ services: agentServices, tools: agentTools, settings, logger, clock, llm });

  let closed = false;
  const context: AppContext & { startup: StartupReport } = {
    settings,
    logger,
    clock,
    database,
    db: database.db,
    cache,
    jobs,
    metrics,
    users,
    sessions,
    tokens,
    memory,
    exports: exportService,
    catalog,
    tracking,
    training,
    today,
    problemPages,
    weaknesses,
    roadmap,
    runner,
    interviews,
    schedule,
    notifications,
    agentTools,
    mentor,
    skills,
    recommendations,
    attemptRatings,
    patterns: new PatternRecognitionService({ db: database.db, catalog, ratings: attemptRatings, skills }),
    leetcode,
    startup,
    async close() {
      if (closed) return;
      closed = true;
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (error) {
          logger.warn({ err: error }, "error while closing");
        }
      }
    },
  };
  // Inline jobs run in this process. With Redis, `maang worker` consumes them; the handlers registered here
  // only run if Redis cannot take a job (the queue's in-process fallback during an outage).
  registerJobHandlers(context, jobs);
  return context;
}
