// The mentor's long-term memory: every note, fact and message it can recall. Search it (by meaning and
// by words), read one in full, add a note, delete what should be forgotten.
import { type FormEvent, useState } from "react";
import { api } from "../api";
import { Async, Badge, Dialog, Empty, ErrorBox, PageHeader } from "../components/ui";
import { useAction, useDraft, useLoad } from "../hooks";
import { formatDate, formatDateTime, plural } from "../lib/format";
import type { MemoryHit, MemorySearchResult, MemoryView, Page, RememberResult } from "../types";

const PAGE_SIZE = 20;

export function MemoryPage() {
  const [q, setQ] = useState("");
  const [query, setQuery] = useState("");
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<MemoryView | MemoryHit | null>(null);
  const [version, setVersion] = useState(0);
  const list = useLoad(
    (signal) => api.get<Page<MemoryView>>("/memories", { limit: PAGE_SIZE, offset }, signal),
    [offset, version],
  );
  const search = useLoad(
    (signal) => (query ? api.get<MemorySearchResult>("/memories/search", { q: query }, signal) : Promise.resolve(null)),
    [query, version],
  );
  const forget = useAction(async (memory: { id: number }) => {
    await api.del(`/memories/${memory.id}`);
    setOpen(null);
    setVersion((v) => v + 1);
  });

  return (
    <>
      <PageHeader title="Memory" />
      <div className="grid two">
        <form
          className="card stack"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery(q.trim());
          }}
          aria-labelledby="search-title"
        >
          <h2 id="search-title">Search</h2>
          <div className="row">
            <label>
              Search memories
              <input
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder="e.g. what did I say about heaps last week"
              />
            </label>
            <button type="submit">Search</button>
          </div>
        </form>
        <AddNote onAdded={() => setVersion((v) => v + 1)} />
      </div>
      <ErrorBox error={forget.error} />
      {query && (
        <section className="card" aria-labelledby="results-title" style={{ marginTop: "1rem" }}>
          <h2 id="results-title">Results for “{query}”</h2>
          <Async state={search} label="Searching…">
            {(result) =>
              !result || result.hits.length === 0 ? (
                <Empty>No memory matches.</Empty>
              ) : (
                <>
                  {result.timeRange && (
                    <p className="muted">
                      Limited to {result.timeRange.matched}: {formatDate(result.timeRange.from)} –{" "}
                      {formatDate(result.timeRange.to)}
                    </p>
                  )}
                  <MemoryList items={result.hits} onOpen={setOpen} />
                </>
              )
            }
          </Async>
        </section>
      )}
      <section className="card" aria-labelledby="all-title" style={{ marginTop: "1rem" }}>
        <h2 id="all-title">All memories</h2>
        <Async state={list} label="Loading memories…">
          {(page) =>
            page.items.length === 0 ? (
              <Empty>Nothing remembered yet. Notes you add, attempt notes and mentor chats end up here.</Empty>
            ) : (
              <>
                <p className="muted">{plural(page.total, "memory", "memories")}</p>
                <MemoryList items={page.items} onOpen={setOpen} />
                <nav className="row" aria-label="Memory pages" style={{ justifyContent: "space-between" }}>
                  <button
                    type="button"
                    disabled={offset === 0}
                    onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
                  >
                    Newer
                  </button>
                  <button
                    type="button"
                    disabled={offset + PAGE_SIZE >= page.total}
                    onClick={() => setOffset(offset + PAGE_SIZE)}
                  >
                    Older
                  </button>
                </nav>
              </>
            )
          }
        </Async>
      </section>
      <Dialog open={open !== null} title={open ? `Memory #${open.id}` : ""} onClose={() => setOpen(null)}>
        {open && (
          <div className="stack">
            <p className="muted">
              {open.kind} · {formatDateTime(open.createdAt)} · importance {open.importance}
              {"source" in open ? ` · from ${open.source}` : ""}
            </p>
            <p className="bubble-text">{open.text}</p>
            <div className="row" style={{ justifyContent: "flex-end" }}>
              <button type="button" className="danger" disabled={forget.busy} onClick={() => void forget.act(open)}>
                Delete this memory
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}

function MemoryList({
  items,
  onOpen,
}: {
  items: (MemoryView | MemoryHit)[];
  onOpen: (m: MemoryView | MemoryHit) => void;
}) {
  return (
    <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {items.map((m) => (
        <li key={m.id} className="memory-row">
          <button type="button" className="memory-open" onClick={() => onOpen(m)} aria-label={`Open memory #${m.id}`}>
            <Badge>{m.kind}</Badge> <span className="muted">{formatDate(m.createdAt)}</span>
            {"matchedBy" in m && <span className="muted"> · matched by {m.matchedBy.join(" + ")}</span>}
            {"weak" in m && m.weak && <span className="muted"> · weak match (possibly related)</span>}
            <span className="memory-text">{m.text}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function AddNote({ onAdded }: { onAdded: () => void }) {
  const [text, setText, clear] = useDraft("memory.note", "");
  const [added, setAdded] = useState<string>();
  const add = useAction(async () => {
    const result = await api.post<RememberResult>("/memories", { text, kind: "note" });
    clear();
    setAdded(
      result.created?.length ? `Remembered (${plural(result.created.length, "piece")}).` : "You already had this note.",
    );
    onAdded();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(undefined);
    void add.act();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="note-title">
      <h2 id="note-title">Add a note</h2>
      <label>
        Note
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} required />
      </label>
      <ErrorBox error={add.error} />
      {added && (
        <p className="success" role="status">
          {added}
        </p>
      )}
      <button type="submit" disabled={add.busy || !text.trim()}>
        Remember this
      </button>
    </form>
  );
}
