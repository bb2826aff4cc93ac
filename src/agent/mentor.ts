// One mentor turn: retrieve the user's memories and numbers, assemble the prompt within its budget, call the
// model with the tool registry for a bounded number of steps, stream the answer, and store both sides of
// the turn as messages (which become memories). With no model, or when the model fails, the offline
// mentor answers from the same data.
import type { Clock } from "../config/clock.js";
import type { Logger } from "../config/logger.js";
import type { ExplainFailureRequest } from "./contract.js";
import type { ChatMessage, LanguageModel } from "./llm.js";
import { LlmError } from "./llm.js";
import {
  type CitedMemory,
  classifyQuestion,
  composeOfflineAnswer,
  explainFailureOffline,
  type HintProblem,
  type TestFailure,
} from "./offline-mentor.js";
import {
  assemblePrompt,
  estimateTokens,
  type HistoryMessage,
  type MentorMode,
  mentorInstructions,
  type PromptSection,
} from "./prompts.js";
import {
  formatDueReviews,
  formatNextProblems,
  formatStats,
  formatWeaknesses,
  type LearnerSnapshot,
} from "./snapshot.js";
import { type Actor, parseToolArguments, type ToolRegistry } from "./tools.js";

/** What the mentor needs from the memory layer (the RAG engine and the memory manager). */
export interface MentorMemory {
  /** The user's conversation `id`, or a new one titled from the first message; another user's id is NotFound. */
  conversation(userId: number, conversationId: number | undefined, title: string): Promise<{ id: number }>;
  /** The conversation's last messages, oldest first. */
  history(userId: number, conversationId: number, limit: number): Promise<HistoryMessage[]>;
  /** Stores a message; user and assistant messages also become memories. */
  addMessage(
    userId: number,
    conversationId: number,
    role: "user" | "assistant",
    content: string,
    metadata?: Record<string, unknown>,
  ): Promise<{ id: number }>;
  /**
   * Hybrid retrieval for `query`, with the context block (ids and dates cited) fitted to `budgetTokens`;
   * `ownWords` keeps only what the user said or noted (not the mentor's past answers).
   */
  retrieve(
    actor: Actor,
    query: string,
    options: { budgetTokens: number; ownWords?: boolean },
  ): Promise<{ context: string; memories: CitedMemory[] }>;
}

export interface MentorDeps {
  /** undefined when no model is configured: the offline mentor answers */
  llm: LanguageModel | undefined;
  tools: ToolRegistry;
  memory: MentorMemory;
  snapshot(actor: Actor): Promise<LearnerSnapshot>;
  /** the catalogue problem a hint asks for, by slug or title words */
  findProblem(userId: number, text: string): Promise<HintProblem | undefined>;
  clock: Clock;
  logger: Logger;
  maxSteps: number;
  /** tokens for retrieved memories; the whole prompt gets this plus room for the numbers and history */
  memoryTokens: number;
}

export type MentorEvent =
  | { type: "conversation"; conversationId: number }
  | { type: "token"; text: string }
  | { type: "tool"; name: string; arguments: unknown; ok: boolean; error?: string }
  | { type: "citations"; memories: { id: number; createdAt: string; kind: string; text: string }[] }
  | { type: "error"; message: string }
  | {
      type: "done";
      conversationId: number;
      messageId: number;
      offline: boolean;
      contextTokens: number;
      steps: number;
    };

export interface TurnInput {
  user: Actor;
  conversationId?: number;
  message: string;
  mode?: MentorMode;
  /** material the turn is about (a submission, a failing test), shown to the model in full */
  attachment?: string;
  /** the failing test an explain_failure turn is about (the offline mentor compares it) */
  failure?: TestFailure;
  signal?: AbortSignal;
}

export interface TurnResult {
  conversationId: number;
  messageId: number;
  answer: string;
  offline: boolean;
  citations: CitedMemory[];
  contextTokens: number;
  steps: number;
  toolCalls: { name: string; ok: boolean }[];
  llmError?: string;
}

/**
 * The turn that asks why a test fails: the question, with the code and the failing case as the material to
 * review (what the model reads) and as the `failure` the offline mentor compares.
 */
export function explainFailureTurn(request: ExplainFailureRequest): Omit<TurnInput, "user" | "signal"> {
  const { question, code, language, conversationId, ...failure } = request;
  const attachment = [
    failure.problem ? `Problem: ${failure.problem}` : undefined,
    `Code (${language}):\n${code}`,
    `Failing test input: ${JSON.stringify(failure.input)}`,
    `Expected: ${JSON.stringify(failure.expected)}`,
    failure.error ? `Error: ${failure.error}` : `Actual: ${JSON.stringify(failure.actual)}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  return { conversationId, message: question, mode: "explain_failure", attachment, failure };
}

/** Room in the prompt for the numbers, weak topics, due reviews and recent conversation. */
const PROFILE_AND_HISTORY_TOKENS = 1_200;
const HISTORY_MESSAGES = 12;
/** A tool result fed back to the model is cut at this many characters. */
const MAX_TOOL_RESULT_CHARS = 6_000;

const dateOf = (iso: string) => iso.slice(0, 10);

export class Mentor {
  constructor(private readonly deps: MentorDeps) {}

  get online(): boolean {
    return this.deps.llm !== undefined;
  }

  async turn(input: TurnInput, emit: (event: MentorEvent) => void = () => {}): Promise<TurnResult> {
    const actor = input.user;
    const userId = actor.id;
    const mode = input.mode ?? "chat";
    const question = input.message.trim();
    const conversation = await this.deps.memory.conversation(userId, input.conversationId, question.slice(0, 80));
    emit({ type: "conversation", conversationId: conversation.id });

    // Retrieval comes before the question is stored, so the question never retrieves itself.
    const [retrieved, snapshot, history] = await Promise.all([
      this.deps.memory.retrieve(actor, question, { budgetTokens: this.deps.memoryTokens }),
      this.deps.snapshot(actor),
      this.deps.memory.history(userId, conversation.id, HISTORY_MESSAGES),
    ]);
    await this.deps.memory.addMessage(userId, conversation.id, "user", question, {
      mode,
      ...(input.attachment ? { attachmentChars: input.attachment.length } : {}),
    });

    const sections: PromptSection[] = [];
    if (input.attachment) sections.push({ title: "Material to review", text: input.attachment, priority: 0 });
    sections.push(
      { title: "The user's numbers", text: formatStats(snapshot.stats), priority: 1, whole: true },
      { title: "Weakest topics", text: formatWeaknesses(snapshot.weaknesses), priority: 2 },
      { title: "Reviews due now", text: formatDueReviews(snapshot.dueReviews), priority: 3 },
      { title: "Next roadmap problems", text: formatNextProblems(snapshot.nextProblems), priority: 4 },
      {
        title: "Memories (cite as [m<id> <date>])",
        text: retrieved.context || "No stored memory relates to this question.",
        priority: 5,
      },
    );
    const prompt = assemblePrompt({
      instructions: mentorInstructions(mode, snapshot.today),
      sections,
      history,
      question,
      budgetTokens:
        this.deps.memoryTokens + PROFILE_AND_HISTORY_TOKENS + (input.attachment ? estimateTokens(input.attachment) : 0),
    });

    let answer = "";
    let offline = true;
    let steps = 0;
    let llmError: string | undefined;
    const toolCalls: { name: string; ok: boolean }[] = [];
    if (this.deps.llm) {
      try {
        const result = await this.runModel(this.deps.llm, actor, prompt.messages, emit, toolCalls, input.signal);
        answer = result.answer;
        steps = result.steps;
        offline = false;
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        llmError = error.message;
        this.deps.logger.warn({ err: error, userId }, "language model failed; answering offline");
        emit({ type: "error", message: `${error.message} Answering from your data without the model instead.` });
      }
    }
    let used = retrieved.memories;
    if (offline) {
      const reply = input.failure
        ? {
            text: explainFailureOffline(
              input.failure,
              input.failure.problem ? await this.deps.findProblem(userId, input.failure.problem) : undefined,
              llmError,
            ),
            memories: [],
          }
        : await this.offlineAnswer(actor, question, snapshot, retrieved.memories, llmError);
      answer = reply.text;
      used = reply.memories;
      emit({ type: "token", text: answer });
    }

    const cited = this.citedMemories(answer, used, offline);
    if (cited.length > 0)
      emit({
        type: "citations",
        memories: cited.map((m) => ({ id: m.id, createdAt: m.createdAt, kind: m.kind, text: m.text })),
      });
    const stored = await this.deps.memory.addMessage(userId, conversation.id, "assistant", answer, {
      mode,
      offline,
      citations: cited.map((m) => ({ id: m.id, date: dateOf(m.createdAt) })),
      tools: toolCalls,
      contextTokens: prompt.tokens,
      ...(llmError ? { llmError } : {}),
    });
    emit({
      type: "done",
      conversationId: conversation.id,
      messageId: stored.id,
      offline,
      contextTokens: prompt.tokens,
      steps,
    });
    return {
      conversationId: conversation.id,
      messageId: stored.id,
      answer,
      offline,
      citations: cited,
      contextTokens: prompt.tokens,
      steps,
      toolCalls,
      llmError,
    };
  }

  /** The offline answer to a question (used with no model, and when the model fails). */
  async offlineAnswer(
    actor: Actor,
    question: string,
    snapshot: LearnerSnapshot,
    memories: CitedMemory[],
    llmError?: string,
  ): Promise<{ text: string; memories: CitedMemory[] }> {
    const intent = classifyQuestion(question);
    let recalled = memories;
    if (intent.kind === "recall") {
      // Retrieve on the subject alone: "what did I say about" adds nothing to the search.
      recalled = (
        await this.deps.memory.retrieve(actor, intent.subject, { budgetTokens: this.deps.memoryTokens, ownWords: true })
      ).memories.filter((m) => classifyQuestion(m.text).kind !== "recall"); // not the earlier "what did I say" questions
    }
    const problem = intent.kind === "hint" ? await this.deps.findProblem(actor.id, intent.problem) : undefined;
    return {
      text: composeOfflineAnswer({ question, intent, snapshot, memories: recalled, problem, llmError }),
      memories: recalled,
    };
  }

  private async runModel(
    llm: LanguageModel,
    actor: Actor,
    initial: ChatMessage[],
    emit: (event: MentorEvent) => void,
    toolCalls: { name: string; ok: boolean }[],
    signal?: AbortSignal,
  ): Promise<{ answer: string; steps: number }> {
    const messages = [...initial];
    const tools = this.deps.tools.openAiTools();
    const maxSteps = Math.max(1, this.deps.maxSteps);
    for (let step = 1; step <= maxSteps; step++) {
      // The last step offers no tools, so the model has to answer with what it has.
      const last = step === maxSteps;
      const result = await llm.chat({
        messages,
        tools: last ? undefined : tools,
        onToken: (text) => emit({ type: "token", text }),
        signal,
      });
      if (result.toolCalls.length === 0) {
        if (!result.content.trim())
          throw new LlmError("The language model returned an empty answer.", "invalid_response");
        return { answer: result.content, steps: step };
      }
      messages.push({
        role: "assistant",
        content: result.content || null,
        tool_calls: result.toolCalls.map((call) => ({
          id: call.id,
          type: "function" as const,
          function: { name: call.name, arguments: call.arguments },
        })),
      });
      for (const call of result.toolCalls) {
        const args = parseToolArguments(call.arguments);
        const outcome = args.ok
          ? await this.deps.tools.call(actor, call.name, args.value)
          : ({ ok: false, code: "invalid_arguments", error: args.error } as const);
        toolCalls.push({ name: call.name, ok: outcome.ok });
        emit({
          type: "tool",
          name: call.name,
          arguments: args.ok ? args.value : call.arguments,
          ok: outcome.ok,
          ...(outcome.ok ? {} : { error: outcome.error }),
        });
        const content = JSON.stringify(outcome.ok ? outcome.result : { error: outcome.error }) ?? "null";
        messages.push({
          role: "tool",
          tool_call_id: call.id,
          content:
            content.length > MAX_TOOL_RESULT_CHARS ? `${content.slice(0, MAX_TOOL_RESULT_CHARS)} …(cut)` : content,
        });
      }
    }
    throw new LlmError(
      `The language model kept calling tools for ${maxSteps} steps without answering.`,
      "invalid_response",
    );
  }

  /**
   * The memories an answer used: those it cites by id (`memory #12`), or — for offline answers, which quote
   * them — those whose id appears in the text. A model answer that cites none lists the retrieved ones it was given.
   */
  private citedMemories(answer: string, memories: CitedMemory[], offline: boolean): CitedMemory[] {
    const ids = new Set([...answer.matchAll(/memory\s*#(\d+)|\[m(\d+)\b/gi)].map((m) => Number(m[1] ?? m[2])));
    const cited = memories.filter((m) => ids.has(m.id));
    if (cited.length > 0 || offline) return cited;
    return memories;
  }
}
