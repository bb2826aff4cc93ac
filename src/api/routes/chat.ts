// The mentor over HTTP: POST /api/chat streams one turn as server-sent events (or answers in one JSON with
// `stream: false`); conversations and their messages are listed for the dashboard.

import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { LLM_SETUP_HINT } from "../../agent/llm.js";
import type { MentorEvent, TurnInput } from "../../agent/mentor.js";
import type { AppContext } from "../../app-context.js";
import { recordId, recordIdParams } from "../../config/input-limits.js";
import { isAppError } from "../../errors.js";
import { MAX_CODE_BYTES } from "../../services/interviews/contract.js";
import { pageLimitSchema, pageOffsetSchema } from "../../services/shared/pagination.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";

export const MAX_CHAT_MESSAGE_CHARS = 8_000;
export const MAX_ATTACHMENT_CHARS = 60_000;

export const chatBody = z
  .object({
    message: z.string().trim().min(1, "Write a message for the mentor.").max(MAX_CHAT_MESSAGE_CHARS),
    conversationId: recordId.optional(),
    mode: z
      .enum(["chat", "interview_feedback", "explain_failure"])
      .default("chat")
      .describe("interview_feedback: review a submission or answer; explain_failure: why a test failed"),
    attachment: z
      .string()
      .max(MAX_ATTACHMENT_CHARS)
      .optional()
      .describe("the code, answer or failing test the turn is about"),
    stream: z.boolean().default(true).describe("false: one JSON answer instead of server-sent events"),
  })
  .strict();

export const explainFailureBody = z
  .object({
    question: z.string().trim().min(1).max(2_000).default("Why does this test fail?"),
    conversationId: recordId.optional(),
    problem: z.string().max(200).optional().describe("the problem's slug, for the pattern to use"),
    language: z.string().min(1).max(30),
    code: z.string().min(1).max(MAX_CODE_BYTES),
    input: z.unknown().describe("the failing case's input"),
    expected: z.unknown(),
    actual: z.unknown().optional(),
    error: z.string().max(10_000).optional().describe("the runtime or compile error, when it crashed"),
    stream: z.boolean().default(true),
  })
  .strict();

const page = z
  .object({
    limit: pageLimitSchema.default(50),
    offset: pageOffsetSchema.default(0),
  })
  .strict();

/** One server-sent event: its name is the event type, its data the whole event as JSON. */
export function sseFrame(event: MentorEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export async function chatRoutes(app: App, ctx: AppContext): Promise<void> {
  /** Runs one turn: one JSON answer, or server-sent events as the turn happens. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    input: Omit<TurnInput, "user" | "signal">,
    stream: boolean,
  ) {
    const user = requireUser(request);
    const turn = { ...input, user: { id: user.id, timezone: user.timezone } };
    if (!stream) {
      const result = await ctx.mentor.turn(turn);
      return reply.send({
        conversationId: result.conversationId,
        messageId: result.messageId,
        answer: result.answer,
        offline: result.offline,
        citations: result.citations,
        toolCalls: result.toolCalls,
        ...(result.llmError ? { llmError: result.llmError } : {}),
      });
    }
    // A conversation of someone else (or none) is a plain 404 before any stream starts.
    if (input.conversationId !== undefined)
      await ctx.memory.manager.messages(user.id, input.conversationId, { limit: 1 });

    const abort = new AbortController();
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    raw.on("close", () => {
      if (!raw.writableFinished) abort.abort();
    });
    const send = (event: MentorEvent) => {
      if (!raw.destroyed) raw.write(sseFrame(event));
    };
    try {
      await ctx.mentor.turn({ ...turn, signal: abort.signal }, send);
    } catch (error) {
      const message = isAppError(error) ? error.message : "The mentor failed on the server; it has been logged.";
      if (!isAppError(error)) request.log.error({ err: error }, "mentor turn failed");
      send({ type: "error", message });
    } finally {
      raw.end();
    }
  }

  app.get(
    "/chat/status",
    {
      schema: {
        tags: ["mentor"],
        summary: "Whether a language model answers, and how to configure one when none does (said once, by the page)",
      },
    },
    async (request) => {
      requireUser(request);
      return { online: ctx.mentor.online, setupHint: ctx.mentor.online ? null : LLM_SETUP_HINT };
    },
  );

  app.post(
    "/chat",
    {
      schema: {
        tags: ["mentor"],
        summary:
          "Ask the mentor. Streams server-sent events: conversation, token (answer text), tool, citations, error, done",
        body: chatBody,
      },
    },
    async (request, reply) => {
      const { stream, ...input } = request.body;
      return answer(request, reply, input, stream);
    },
  );

  app.post(
    "/chat/explain-failure",
    {
      schema: {
        tags: ["mentor"],
        summary: "Ask the mentor why a test fails: your code and the failing case (streams like /chat)",
        body: explainFailureBody,
      },
    },
    async (request, reply) => {
      const { stream, question, code, language, conversationId, ...failure } = request.body;
      const attachment = [
        failure.problem ? `Problem: ${failure.problem}` : undefined,
        `Code (${language}):\n${code}`,
        `Failing test input: ${JSON.stringify(failure.input)}`,
        `Expected: ${JSON.stringify(failure.expected)}`,
        failure.error ? `Error: ${failure.error}` : `Actual: ${JSON.stringify(failure.actual)}`,
      ]
        .filter(Boolean)
        .join("\n\n");
      return answer(
        request,
        reply,
        { conversationId, message: question, mode: "explain_failure", attachment, failure },
        stream,
      );
    },
  );

  app.get(
    "/conversations",
    {
      schema: { tags: ["mentor"], summary: "Your conversations with the mentor, most recent first", querystring: page },
    },
    async (request) => {
      const user = requireUser(request);
      const { limit, offset } = request.query;
      const items = await ctx.memory.manager.listConversations(user.id, { limit, offset });
      return { items, limit, offset };
    },
  );

  app.get(
    "/conversations/:id/messages",
    {
      schema: {
        tags: ["mentor"],
        summary: "A conversation's messages, oldest first (the last `limit`)",
        params: recordIdParams,
        querystring: z.object({ limit: pageLimitSchema.default(100) }).strict(),
      },
    },
    async (request) => {
      const user = requireUser(request);
      const items = await ctx.memory.manager.messages(user.id, request.params.id, { limit: request.query.limit });
      return { conversationId: request.params.id, items };
    },
  );
}
