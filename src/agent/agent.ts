// Builds the tool registry and the mentor from the services (called once, by the app context), and the
// two views of the user's data both need: the learner snapshot and the memory adapter.
import type { Clock } from "../config/clock.js";
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";
import { isAppError } from "../errors.js";
import type { MemoryServices } from "../memory/memory-services.js";
import type { UserService } from "../services/accounts/user-service.js";
import { slugify } from "../services/catalog/catalog-service.js";
import type { FeedbackWriter } from "../services/interviews/types.js";
import { daysBetween } from "../services/shared/local-dates.js";
import { createLanguageModel, type LanguageModel } from "./llm.js";
import { Mentor, type MentorMemory } from "./mentor.js";
import type { HintProblem } from "./offline-mentor.js";
import type { LearnerSnapshot } from "./snapshot.js";
import { type Actor, type AgentTool, ToolRegistry } from "./tools.js";
import { type AdaptiveToolServices, adaptiveTools } from "./toolset/adaptive.js";
import { type InterviewToolServices, interviewTools } from "./toolset/interviews.js";
import { type LeetCodeToolServices, leetcodeTools } from "./toolset/leetcode.js";
import { memoryTools } from "./toolset/memory.js";
import { type PracticeServices, practiceTools } from "./toolset/practice.js";
import { type ProgressServices, progressTools } from "./toolset/progress.js";

/** What the mentor reads to answer: everything but the interviews (which use the mentor for feedback). */
export interface MentorServices extends PracticeServices, ProgressServices, AdaptiveToolServices, LeetCodeToolServices {
  memory: MemoryServices;
  users: UserService;
}

export interface AgentServices extends MentorServices, InterviewToolServices {}

/** The registry the mentor and the MCP server share. */
export function buildToolRegistry(services: AgentServices, logger: Logger, extra: AgentTool[] = []): ToolRegistry {
  return registry(services, logger, [...interviewTools(services), ...extra]);
}

/** The tools of a feedback turn: all but the interview tools — feedback on a session starts or submits none. */
function feedbackToolRegistry(services: MentorServices, logger: Logger): ToolRegistry {
  return registry(services, logger, []);
}

function registry(services: MentorServices, logger: Logger, more: AgentTool[]): ToolRegistry {
  return new ToolRegistry(
    [
      ...practiceTools(services),
      ...progressTools(services),
      ...adaptiveTools(services),
      ...leetcodeTools(services),
      ...more,
      ...memoryTools(services.memory),
    ],
    logger,
  );
}

/** Where the user stands now, from the tracking, training, weakness and roadmap services. */
export async function loadSnapshot(services: MentorServices, actor: Actor): Promise<LearnerSnapshot> {
  const [stats, weakness, queue] = await Promise.all([
    services.tracking.stats(actor.id),
    services.weaknesses.weaknesses(actor.id),
    services.training.dueQueue(actor.id, { limit: 20 }),
  ]);
  const topicNames = new Map(weakness.topics.map((t) => [t.topicId, t.name]));
  const plan = await currentPlanSnapshot(services, actor.id, stats.today);
  return {
    today: stats.today,
    stats: {
      totalAttempts: stats.totalAttempts,
      solved: stats.solved,
      coverage: { attempted: stats.attempted, total: stats.coverage.total },
      streak: { current: stats.streak.current, longest: stats.streak.longest },
      byDifficulty: Object.fromEntries(
        Object.entries(stats.byDifficulty).map(([d, v]) => [d, { attempts: v.attempts, solved: v.solved }]),
      ),
    },
    // only topics with evidence: a new user has no weak topic yet, not eighteen tied ones
    weaknesses: weakness.weakest.map((t) => ({
      topicId: t.topicId,
      name: t.name,
      score: t.score,
      severity: t.severity,
      reason: t.reason,
    })),
    dueReviews: queue.reviews,
    nextProblems: queue.newProblems.map((p) => ({
      ...p,
      topicName: p.topicId ? topicNames.get(p.topicId) : undefined,
    })),
    ...(plan ? { plan } : {}),
  };
}

/** The current plan's week and its open items up to that week, or undefined without a current plan. */
async function currentPlanSnapshot(
  services: MentorServices,
  userId: number,
  today: string,
): Promise<LearnerSnapshot["plan"]> {
  const plan = await services.roadmap.currentPlan(userId, { limit: 1000 }).catch(notFoundAsUndefined);
  if (!plan || today < plan.startsOn || today > plan.endsOn) return undefined;
  const week = Math.floor(daysBetween(plan.startsOn, today) / 7) + 1;
  const openItems = plan.items.items
    .filter((i) => !i.done && i.week <= week)
    .map((i) => ({
      week: i.week,
      kind: i.kind,
      problemSlug: i.problemSlug,
      title: i.title,
      difficulty: i.difficulty,
      minutes: i.minutes,
      note: i.note,
    }));
  return { week, weeks: plan.weeks, openItems };
}

/** The catalogue problem a hint names: its slug, or failing that the first title match. */
export async function findProblem(
  services: MentorServices,
  userId: number,
  text: string,
): Promise<HintProblem | undefined> {
  const asSlug = slugify(text);
  const bySlug = asSlug ? await services.catalog.get(userId, asSlug).catch(notFoundAsUndefined) : undefined;
  const slug = bySlug?.slug ?? (await services.catalog.search(userId, { q: text.trim(), limit: 1 })).items[0]?.slug;
  if (!slug) return undefined;
  const problem = bySlug ?? (await services.catalog.get(userId, slug));
  // In blind mode an unattempted problem comes back without difficulty and topics: the hint stays generic.
  return {
    slug: problem.slug,
    title: problem.title,
    difficulty: problem.difficulty ?? "difficulty hidden",
    topics: problem.topics,
  };
}

function notFoundAsUndefined(error: unknown): undefined {
  if (isAppError(error) && error.statusCode === 404) return undefined;
  throw error;
}

/** The memory manager and RAG engine as the mentor uses them. */
export function mentorMemory(memory: MemoryServices): MentorMemory {
  return {
    async conversation(userId, conversationId, title) {
      if (conversationId !== undefined) {
        // Throws NotFound for another user's conversation, as for a missing one.
        await memory.manager.messages(userId, conversationId, { limit: 1 });
        return { id: conversationId };
      }
      const created = await memory.manager.createConversation(userId, title);
      return { id: created.id };
    },
    async history(userId, conversationId, limit) {
      const rows = await memory.manager.messages(userId, conversationId, { limit });
      return rows
        .filter((m) => m.role === "user" || m.role === "assistant")
        .map((m) => ({ role: m.role as "user" | "assistant", content: m.content }));
    },
    async addMessage(userId, conversationId, role, content, metadata) {
      const { message } = await memory.manager.appendMessage(userId, conversationId, { role, content, metadata });
      return { id: message.id };
    },
    async retrieve(actor, query, options) {
      if (!query.trim()) return { context: "", memories: [] };
      const context = await memory.rag.buildContext(actor, query, {
        budgetTokens: options.budgetTokens,
        ...(options.ownWords ? { kinds: ["message", "note", "fact"] } : {}),
      });
      return {
        context: context.text,
        memories: context.used.map((hit) => ({
          id: hit.id,
          text: hit.text,
          kind: hit.kind,
          createdAt: hit.createdAt.toISOString(),
        })),
      };
    },
  };
}

export function createMentor(options: {
  services: MentorServices;
  tools: ToolRegistry;
  settings: Settings;
  logger: Logger;
  clock: Clock;
  /** a model instead of the one settings configure (tests); null: none, the offline mentor answers */
  llm?: LanguageModel | null;
}): Mentor {
  const { services, settings } = options;
  return new Mentor({
    llm: options.llm === null ? undefined : (options.llm ?? createLanguageModel(settings.llm)),
    tools: options.tools,
    memory: mentorMemory(services.memory),
    snapshot: (actor) => loadSnapshot(services, actor),
    findProblem: (userId, text) => findProblem(services, userId, text),
    clock: options.clock,
    logger: options.logger,
    maxSteps: settings.llm.maxSteps,
    memoryTokens: settings.memory.contextTokens,
  });
}

/**
 * The interview service's feedback hook: the mentor (with a model) writes feedback on a finished session,
 * in a conversation of its own so it is remembered. Without a model, or when it fails, there is none:
 * the report's rubric already gives the reasons. Its mentor has every tool but the interview tools, so it
 * is built before the interview service and handed to it as a constructor argument (no cycle).
 */
export function interviewFeedbackWriter(options: {
  services: MentorServices;
  settings: Settings;
  logger: Logger;
  clock: Clock;
  llm: LanguageModel | null;
}): FeedbackWriter {
  const { services, logger } = options;
  const mentor = createMentor({ ...options, tools: feedbackToolRegistry(services, logger) });
  return async ({ userId, question, report }) => {
    if (!mentor.online) return undefined;
    const user = await services.users.me(userId);
    const { feedback: _previous, ...facts } = report;
    const result = await mentor.turn({
      user: { id: user.id, timezone: user.timezone },
      mode: "interview_feedback",
      message: `Write feedback on my ${report.mode.replace("_", " ")} mock interview "${question.title}".`,
      attachment: `Question (${question.slug}):\n${question.prompt}\n\nReport (tests, time, hints, complexity, rubric):\n${JSON.stringify(facts, null, 2)}`,
    });
    return result.offline ? undefined : result.answer;
  };
}
