// The mentor (chat) use cases' contract: what a turn, an explain-failure turn and the conversation lists
// accept and return, and their limits, written once for POST /api/chat*, GET /api/conversations* and the
// mentor (src/agent/mentor.ts), which builds the explain-failure attachment from `ExplainFailureRequest`.
import { z } from "zod";
import { recordId, recordIdParam } from "../config/input-limits.js";
import { DEFAULT_MESSAGES_SHOWN } from "../memory/contract.js";
import { codeSchema, runLanguageSchema } from "../services/interviews/contract.js";
import { DEFAULT_PAGE_SIZE, pageLimitSchema, pageOffsetSchema } from "../services/shared/pagination.js";
import { MAX_SLUG_LENGTH } from "../services/tracking/contract.js";

export const MAX_CHAT_MESSAGE_CHARS = 8_000;
/** The code, answer or failing test a turn is about; a whole interview answer fits. */
export const MAX_ATTACHMENT_CHARS = 60_000;
export const MAX_EXPLAIN_QUESTION_CHARS = 2_000;
/** A runtime or compile error message (a stack trace's head is enough). */
export const MAX_RUN_ERROR_CHARS = 10_000;

export const MENTOR_MODES = ["chat", "interview_feedback", "explain_failure"] as const;

// ---- inputs -------------------------------------------------------------------------------------------

export const chatInput = z
  .object({
    message: z
      .string()
      .trim()
      .min(1, "Write a message for the mentor.")
      .max(MAX_CHAT_MESSAGE_CHARS, `is too long (at most ${MAX_CHAT_MESSAGE_CHARS} characters)`),
    conversationId: recordId.optional(),
    mode: z
      .enum(MENTOR_MODES)
      .default("chat")
      .describe("interview_feedback: review a submission or answer; explain_failure: why a test failed"),
    attachment: z
      .string()
      .max(MAX_ATTACHMENT_CHARS, `is too long (at most ${MAX_ATTACHMENT_CHARS} characters)`)
      .optional()
      .describe("the code, answer or failing test the turn is about"),
    stream: z.boolean().default(true).describe("false: one JSON answer instead of server-sent events"),
  })
  .strict();

export const explainFailureInput = z
  .object({
    question: z
      .string()
      .trim()
      .min(1)
      .max(MAX_EXPLAIN_QUESTION_CHARS, `is too long (at most ${MAX_EXPLAIN_QUESTION_CHARS} characters)`)
      .default("Why does this test fail?"),
    conversationId: recordId.optional(),
    problem: z
      .string()
      .max(MAX_SLUG_LENGTH, `is too long (at most ${MAX_SLUG_LENGTH} characters)`)
      .optional()
      .describe("the problem's slug, for the pattern to use"),
    language: runLanguageSchema,
    code: codeSchema,
    input: z.unknown().describe("the failing case's input"),
    expected: z.unknown(),
    actual: z.unknown().optional(),
    error: z
      .string()
      .max(MAX_RUN_ERROR_CHARS, `is too long (at most ${MAX_RUN_ERROR_CHARS} characters)`)
      .optional()
      .describe("the runtime or compile error, when it crashed"),
    stream: z.boolean().default(true),
  })
  .strict();

export const conversationsInput = z
  .object({ limit: pageLimitSchema.default(DEFAULT_PAGE_SIZE), offset: pageOffsetSchema.default(0) })
  .strict();
export const conversationIdInput = z.object({ id: recordIdParam }).strict();
export const messagesInput = z.object({ limit: pageLimitSchema.default(DEFAULT_MESSAGES_SHOWN) }).strict();

export type ExplainFailureRequest = Omit<z.infer<typeof explainFailureInput>, "stream">;

// ---- outputs (dates as ISO strings) ------------------------------------------------------------------

export const chatStatusView = z.object({
  online: z.boolean().describe("a language model answers"),
  setupHint: z.string().nullable().describe("how to configure one, when none does"),
});

export const citedMemoryView = z.object({
  id: z.number().int(),
  text: z.string(),
  kind: z.string(),
  createdAt: z.string(),
});

/** POST /api/chat with `stream: false` (with `stream: true` the answer is a text/event-stream). */
export const chatAnswerView = z.object({
  conversationId: z.number().int(),
  messageId: z.number().int(),
  answer: z.string(),
  offline: z.boolean().describe("answered without a model, from the user's data"),
  citations: z.array(citedMemoryView),
  toolCalls: z.array(z.object({ name: z.string(), ok: z.boolean() })),
  llmError: z.string().optional().describe("why the model failed, when it did"),
});

export const conversationView = z.object({
  id: z.number().int(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const conversationPage = z.object({
  items: z.array(conversationView),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const messageView = z.object({
  id: z.number().int(),
  conversationId: z.number().int(),
  role: z.string().describe("user, assistant, system or tool"),
  content: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export const conversationMessages = z.object({
  conversationId: z.number().int(),
  items: z.array(messageView),
});

export type ConversationView = z.infer<typeof conversationView>;
export type MessageView = z.infer<typeof messageView>;
