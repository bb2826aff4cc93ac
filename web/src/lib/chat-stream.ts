// Reads the mentor's answer as it streams (POST /api/chat, server-sent events) and reports each event.
import { ApiError, errorFrom, onSessionExpiredNotify } from "../api";
import { SseParser } from "./sse";

export interface Citation {
  id: number;
  createdAt: string;
  kind: string;
  text: string;
}

export type ChatEvent =
  | { type: "conversation"; conversationId: number }
  | { type: "token"; text: string }
  | { type: "tool"; name: string; ok: boolean; error?: string }
  | { type: "citations"; memories: Citation[] }
  | { type: "error"; message: string }
  | { type: "done"; conversationId: number; messageId: number; offline: boolean };

/** One SSE event → a chat event: the type is the SSE event name, or the JSON's own `type`. */
export function toChatEvent(name: string, data: string): ChatEvent | undefined {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return name === "token" ? { type: "token", text: data } : undefined;
  }
  const type = (name !== "message" ? name : payload.type) as ChatEvent["type"] | undefined;
  if (!type) return undefined;
  return { ...payload, type } as ChatEvent;
}

export async function streamChat(
  body: { message: string; conversationId?: number },
  onEvent: (event: ChatEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const response = await fetch("/api/chat", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    const error = await errorFrom(response);
    if (error.status === 401) onSessionExpiredNotify();
    throw error;
  }
  if (!response.body) throw new ApiError(0, "no_stream", "The server sent no answer.");
  const parser = new SseParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    const events = done ? parser.flush() : parser.push(value);
    for (const e of events) {
      const event = toChatEvent(e.event, e.data);
      if (event) onEvent(event);
    }
    if (done) break;
  }
}
