// The mentor: a chat whose answers stream in token by token and cite the memories they used.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { api, messageOf } from "../api";
import { Badge, ErrorBox, PageHeader } from "../components/ui";
import { useDraft, useLoad } from "../hooks";
import { type Citation, streamChat } from "../lib/chat-stream";
import { formatDate, formatDateTime } from "../lib/format";
import type { ChatStatus, Conversation, StoredMessage } from "../types";

interface Turn {
  role: "user" | "assistant";
  text: string;
  citations: Citation[];
  tools: { name: string; ok: boolean; error?: string }[];
  offline?: boolean;
  streaming?: boolean;
}

export function MentorPage() {
  const [message, setMessage, clearMessage] = useDraft("mentor.message", "");
  const [conversationId, setConversationId] = useDraft<number | null>("mentor.conversation", null);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const end = useRef<HTMLDivElement>(null);
  useEffect(
    () => () => {
      abort.current?.abort();
    },
    [],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the transcript grows
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [turns]);

  // "no language model is configured" is said once, here, not in every answer
  const status = useLoad((signal) => api.get<ChatStatus>("/chat/status", undefined, signal), []);
  const conversations = useLoad(
    (signal) => api.get<{ items: Conversation[] }>("/conversations", { limit: 20 }, signal),
    [],
  );
  // reopen the conversation of this tab (after a reload or a re-login) with its messages
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on first render
  useEffect(() => {
    if (conversationId) void openConversation(conversationId);
  }, []);

  async function openConversation(id: number) {
    try {
      const result = await api.get<{ items: StoredMessage[] }>(`/conversations/${id}/messages`);
      setConversationId(id);
      setTurns(
        result.items
          .filter((m) => m.role === "user" || m.role === "assistant")
          .map((m) => ({ role: m.role as Turn["role"], text: m.content, citations: [], tools: [] })),
      );
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const update = (fn: (last: Turn) => Turn) => setTurns((all) => [...all.slice(0, -1), fn(all[all.length - 1])]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = message.trim();
    if (!text || busy) return;
    setError(undefined);
    setBusy(true);
    setTurns((all) => [
      ...all,
      { role: "user", text, citations: [], tools: [] },
      { role: "assistant", text: "", citations: [], tools: [], streaming: true },
    ]);
    abort.current = new AbortController();
    try {
      await streamChat(
        { message: text, conversationId: conversationId ?? undefined },
        (e) => {
          if (e.type === "conversation") setConversationId(e.conversationId);
          else if (e.type === "token") update((t) => ({ ...t, text: t.text + e.text }));
          else if (e.type === "citations") update((t) => ({ ...t, citations: e.memories }));
          else if (e.type === "tool") update((t) => ({ ...t, tools: [...t.tools, e] }));
          else if (e.type === "error") setError(e.message);
          else if (e.type === "done") {
            setConversationId(e.conversationId);
            update((t) => ({ ...t, offline: e.offline, streaming: false }));
          }
        },
        abort.current.signal,
      );
      clearMessage();
      conversations.reload();
    } catch (e) {
      if ((e as Error).name !== "AbortError") setError(messageOf(e));
      setTurns((all) => (all[all.length - 1]?.text ? all : all.slice(0, -2)));
    } finally {
      update((t) => ({ ...t, streaming: false }));
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title="Mentor">
        <button
          type="button"
          onClick={() => {
            setConversationId(null);
            setTurns([]);
          }}
          disabled={busy}
        >
          New conversation
        </button>
      </PageHeader>
      {status.data && !status.data.online && (
        <p className="notice" role="note" data-testid="offline-banner">
          No language model is configured, so the offline mentor answers from your data (today's plan, what you said
          about a subject, hints). {status.data.setupHint}
        </p>
      )}
      {conversations.data && conversations.data.items.length > 0 && (
        <details className="card" style={{ marginBottom: "1rem" }}>
          <summary>Earlier conversations ({conversations.data.items.length})</summary>
          <ul className="stack" style={{ listStyle: "none", padding: 0, margin: "0.5rem 0 0" }}>
            {conversations.data.items.map((c) => (
              <li key={c.id}>
                <button type="button" className="link" onClick={() => void openConversation(c.id)} disabled={busy}>
                  {c.title || `Conversation ${c.id}`}
                </button>{" "}
                <span className="muted">{formatDateTime(c.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <section className="chat" aria-label="Conversation" aria-live="polite" aria-busy={busy}>
        {turns.length === 0 && (
          <p className="muted">
            Ask what to practise today, what you said about a topic before, or for a hint on a problem. The mentor knows
            your stats, weak topics, due reviews and your notes.
          </p>
        )}
        {turns.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns are only appended
          <article key={i} className={`bubble ${t.role}`} aria-label={t.role === "user" ? "You" : "Mentor"}>
            <div className="bubble-text">{t.text || (t.streaming ? "…" : "")}</div>
            {t.tools.length > 0 && (
              <p className="muted small">
                Looked up: {t.tools.map((tool) => `${tool.name}${tool.ok ? "" : " (failed)"}`).join(", ")}
              </p>
            )}
            {t.citations.length > 0 && (
              <details className="citations" open>
                <summary>Memories used ({t.citations.length})</summary>
                <ul>
                  {t.citations.map((c) => (
                    <li key={c.id}>
                      <Badge>#{c.id}</Badge>{" "}
                      <span className="muted">
                        {formatDate(c.createdAt)} · {c.kind}
                      </span>
                      <div>{c.text.length > 240 ? `${c.text.slice(0, 240)}…` : c.text}</div>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </article>
        ))}
        <div ref={end} />
      </section>
      <ErrorBox error={error} />
      <form className="chat-form" onSubmit={send}>
        <label>
          Message to the mentor
          <textarea
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            onKeyDown={(e) => {
              // Enter sends, as in every chat; Shift+Enter starts a new line (and an IME composition is left alone)
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                if (!busy && message.trim()) void send(e);
              }
            }}
            placeholder="What should I do today?"
            rows={3}
          />
          <span className="hint">Enter sends; Shift+Enter for a new line.</span>
        </label>
        <div className="row" style={{ justifyContent: "flex-end" }}>
          {busy && (
            <button type="button" onClick={() => abort.current?.abort()}>
              Stop
            </button>
          )}
          <button type="submit" className="primary" disabled={busy || !message.trim()}>
            {busy ? "Answering…" : "Send"}
          </button>
        </div>
      </form>
    </>
  );
}
