// A small OpenAI-compatible chat server for tests: it records every request and answers with scripted
// replies (text, tool calls, HTTP errors, delays), streaming (SSE chunks) or not, as the client asks.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedReply {
  content?: string;
  toolCalls?: { name: string; arguments: unknown }[];
  /** answer with this HTTP status and an OpenAI-style error body */
  status?: number;
  /** wait this long before answering (to provoke the client's timeout) */
  delayMs?: number;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content?: string | null; tool_calls?: unknown[]; tool_call_id?: string }[];
    tools?: { type: string; function: { name: string; description?: string; parameters: unknown } }[];
    [key: string]: unknown;
  };
}

export interface FakeLlm {
  baseUrl: string;
  requests: RecordedRequest[];
  /** replies used in order; when none is left, the fallback answers */
  script(...replies: ScriptedReply[]): void;
  fallback: ScriptedReply;
  close(): Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const state: { fallback: ScriptedReply } = { fallback: { content: "(no scripted reply left)" } };
  const sockets = new Set<import("node:net").Socket>();

  const server: Server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    const body = JSON.parse(raw) as RecordedRequest["body"];
    requests.push({ path: req.url, headers: req.headers, body });
    const reply = queue.shift() ?? state.fallback;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    if (reply.status && reply.status >= 400) {
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `scripted failure ${reply.status}`, type: "server_error" } }));
      return;
    }
    const id = `chatcmpl-${requests.length}`;
    const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
      index,
      id: `call_${requests.length}_${index}`,
      type: "function" as const,
      function: {
        name: call.name,
        arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
      },
    }));
    const finish = toolCalls.length > 0 ? "tool_calls" : "stop";
    const base = { id, created: Math.floor(Date.now() / 1000), model: body.model };
    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ...base,
          object: "chat.completion",
          choices: [
            {
              index: 0,
              finish_reason: finish,
              message: {
                role: "assistant",
                content: reply.content ?? null,
                ...(toolCalls.length ? { tool_calls: toolCalls.map(({ index: _i, ...c }) => c) } : {}),
              },
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (delta: unknown, finishReason: string | null = null) =>
      res.write(
        `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
      );
    send({ role: "assistant", content: "" });
    // Text in several pieces, so a client that streams shows it as it arrives.
    const pieces = (reply.content ?? "").match(/\S+\s*|\s+/g) ?? [];
    for (const piece of pieces) send({ content: piece });
    // Tool-call arguments split in two, as real servers do.
    for (const call of toolCalls) {
      const half = Math.ceil(call.function.arguments.length / 2);
      send({
        tool_calls: [
          { ...call, function: { name: call.function.name, arguments: call.function.arguments.slice(0, half) } },
        ],
      });
      send({ tool_calls: [{ index: call.index, function: { arguments: call.function.arguments.slice(half) } }] });
    }
    send({}, finish);
    res.write(
      `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`,
    );
    res.write("data: [DONE]\n\n");
    res.end();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => queue.push(...replies),
    get fallback() {
      return state.fallback;
    },
    set fallback(reply: ScriptedReply) {
      state.fallback = reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Parses a `text/event-stream` body into its events. */
export function parseSse(body: string): { event: string; data: unknown }[] {
  const events: { event: string; data: unknown }[] = [];
  for (const block of body.split(/\n\n/)) {
    if (!block.trim() || block.startsWith(":")) continue;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    }
    const text = data.join("\n");
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // plain text data stays a string
    }
    events.push({ event, data: parsed });
  }
  return events;
}
