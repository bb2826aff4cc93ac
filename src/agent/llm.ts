// Any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, LM Studio) through the `openai` SDK, streaming,
// with tool calls. Every failure becomes an `LlmError` whose message says what went wrong and what to check.
import type OpenAI from "openai";
import type {
  ChatCompletionChunk,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";

export type ChatMessage = ChatCompletionMessageParam;
export type ToolDefinition = ChatCompletionFunctionTool;

export interface LlmSettings {
  readonly baseUrl: string | undefined;
  readonly apiKey: string | undefined;
  readonly model: string | undefined;
  readonly timeoutMs: number;
}

export interface ToolCallRequest {
  id: string;
  name: string;
  /** the raw JSON text the model produced; parsed (and validated) by the registry */
  arguments: string;
}

export interface ChatResult {
  content: string;
  toolCalls: ToolCallRequest[];
  finishReason: string | null;
  usage?: { promptTokens: number; completionTokens: number };
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  /** called with each piece of answer text as it arrives */
  onToken?: (text: string) => void;
  signal?: AbortSignal;
}

export interface LanguageModel {
  readonly model: string;
  readonly endpoint: string;
  chat(request: ChatRequest): Promise<ChatResult>;
}

export class LlmError extends Error {
  constructor(
    message: string,
    readonly kind: "connection" | "timeout" | "http" | "invalid_response",
    readonly status?: number,
  ) {
    super(message);
    this.name = "LlmError";
  }
}

/** How to turn the model on, for messages shown when none is configured. */
export const LLM_SETUP_HINT =
  "Set LLM_BASE_URL (e.g. https://api.openai.com/v1 or http://localhost:11434/v1 for Ollama), " +
  "LLM_API_KEY and LLM_MODEL (e.g. gpt-4o-mini or llama3.1) and restart.";

export function isLlmConfigured(settings: LlmSettings): boolean {
  return Boolean(settings.baseUrl && settings.model);
}

/** The configured model, or undefined when LLM_BASE_URL / LLM_MODEL are not set (the offline mentor answers). */
export function createLanguageModel(settings: LlmSettings): LanguageModel | undefined {
  if (!settings.baseUrl || !settings.model) return undefined;
  return new OpenAiCompatibleModel(settings.baseUrl, settings.apiKey, settings.model, settings.timeoutMs);
}

class OpenAiCompatibleModel implements LanguageModel {
  /** the SDK, imported at the first chat rather than at every start (it is ~80 ms of module loading) */
  private sdk: Promise<{ OpenAI: typeof OpenAI; client: OpenAI }> | undefined;
  private OpenAI: typeof OpenAI | undefined;

  constructor(
    readonly endpoint: string,
    private readonly apiKey: string | undefined,
    readonly model: string,
    private readonly timeoutMs: number,
  ) {}

  private client(): Promise<{ OpenAI: typeof OpenAI; client: OpenAI }> {
    this.sdk ??= import("openai").then(({ default: OpenAIClass }) => {
      this.OpenAI = OpenAIClass;
      // Local servers (Ollama, vLLM) take no key, but the SDK insists on one.
      const client = new OpenAIClass({
        baseURL: this.endpoint,
        apiKey: this.apiKey || "not-needed",
        timeout: this.timeoutMs,
        maxRetries: 1,
      });
      return { OpenAI: OpenAIClass, client };
    });
    return this.sdk;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    try {
      const { client } = await this.client();
      const stream = await client.chat.completions.create(
        {
          model: this.model,
          messages: request.messages,
          ...(request.tools && request.tools.length > 0 ? { tools: request.tools, tool_choice: "auto" as const } : {}),
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal: request.signal },
      );
      return await collect(stream, request.onToken);
    } catch (error) {
      throw this.describe(error);
    }
  }

  private describe(error: unknown): LlmError {
    if (error instanceof LlmError) return error;
    const where = `the language model at ${this.endpoint}`;
    const OpenAI = this.OpenAI;
    if (!OpenAI) return new LlmError(`${where} could not be reached: ${(error as Error).message}`, "connection");
    if (error instanceof OpenAI.APIConnectionTimeoutError)
      return new LlmError(
        `${where} did not answer within ${this.timeoutMs} ms (LLM_TIMEOUT_MS); check that it is running and not overloaded.`,
        "timeout",
      );
    if (error instanceof OpenAI.APIUserAbortError)
      return new LlmError(`The request to ${where} was cancelled.`, "timeout");
    if (error instanceof OpenAI.APIConnectionError)
      return new LlmError(
        `Could not connect to ${where}; check LLM_BASE_URL and that the server is running.`,
        "connection",
      );
    if (error instanceof OpenAI.APIError) {
      const status = error.status;
      const hint =
        status === 401 || status === 403
          ? "check LLM_API_KEY"
          : status === 404
            ? `check LLM_BASE_URL and that the model "${this.model}" (LLM_MODEL) exists`
            : status === 429
              ? "it is rate limiting; try again shortly"
              : "it failed on its side; try again or check its logs";
      const detail = error.message ? `: ${error.message.slice(0, 200)}` : "";
      return new LlmError(`${where} answered with HTTP ${status ?? "error"}${detail} (${hint}).`, "http", status);
    }
    return new LlmError(
      `${where} sent a response that could not be read: ${(error as Error).message}`,
      "invalid_response",
    );
  }
}

/** Folds a chat-completion stream into the answer text and the complete tool calls. */
async function collect(
  stream: AsyncIterable<ChatCompletionChunk>,
  onToken?: (text: string) => void,
): Promise<ChatResult> {
  let content = "";
  let finishReason: string | null = null;
  let usage: ChatResult["usage"];
  const calls = new Map<number, ToolCallRequest>();
  for await (const chunk of stream) {
    if (chunk.usage)
      usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta;
      if (delta?.content) {
        content += delta.content;
        onToken?.(delta.content);
      }
      for (const call of delta?.tool_calls ?? []) {
        const existing = calls.get(call.index) ?? { id: "", name: "", arguments: "" };
        if (call.id) existing.id = call.id;
        if (call.function?.name) existing.name += call.function.name;
        if (call.function?.arguments) existing.arguments += call.function.arguments;
        calls.set(call.index, existing);
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  const toolCalls = [...calls.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
  for (const call of toolCalls) {
    if (!call.name) throw new LlmError("The language model sent a tool call without a tool name.", "invalid_response");
  }
  return { content, toolCalls, finishReason, usage };
}
