// The mentor over HTTP: POST /api/chat streams one turn as server-sent events (or answers in one JSON with
// `stream: false`); conversations and their messages are listed for the dashboard.

import type { FastifyReply, FastifyRequest } from "fastify";
import {
  chatAnswerView,
  chatInput,
  chatStatusView,
  conversationIdInput,
  conversationMessages,
  conversationPage,
  conversationsInput,
  explainFailureInput,
  messagesInput,
} from "../../agent/contract.js";
import { LLM_SETUP_HINT } from "../../agent/llm.js";
import { explainFailureTurn, type MentorEvent, type TurnInput } from "../../agent/mentor.js";
import type { AppContext } from "../../app-context.js";
import { isAppError } from "../../errors.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";

/** With `stream: true` (the default) the answer is a text/event-stream; the schema is the `stream: false` JSON. */
const turnResponses = {
  200: chatAnswerView.describe("the answer, with stream: false; with stream: true, server-sent events"),
  ...errorResponses,
};

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
        response: { 200: chatStatusView, ...errorResponses },
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
        body: chatInput,
        response: turnResponses,
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
        body: explainFailureInput,
        response: turnResponses,
      },
    },
    async (request, reply) => {
      const { stream, ...failure } = request.body;
      return answer(request, reply, explainFailureTurn(failure), stream);
    },
  );

  app.get(
    "/conversations",
    {
      schema: {
        tags: ["mentor"],
        summary: "Your conversations with the mentor, most recent first",
        querystring: conversationsInput,
        response: { 200: conversationPage, ...errorResponses },
      },
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
        params: conversationIdInput,
        querystring: messagesInput,
        response: { 200: conversationMessages, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const items = await ctx.memory.manager.messages(user.id, request.params.id, { limit: request.query.limit });
      return { conversationId: request.params.id, items };
    },
  );
}
