// The problem catalogue: search and filters, the user's status per problem, and logging an attempt.
import { useEffect, useState } from "react";
import { api } from "../api";
import { AttemptDialog, loggedMessage } from "../components/AttemptDialog";
import { NotesDialog } from "../components/NotesDialog";
import { RecentAttempts } from "../components/RecentAttempts";
import { Async, Badge, Empty, PageHeader } from "../components/ui";
import { useLoad } from "../hooks";
import { titleCase } from "../lib/format";
import type { Page, ProblemSummary, Topic } from "../types";

const PAGE_SIZE = 25;

export function ProblemsPage() {
  const [q, setQ] = useState("");
  const [query, setQuery] = useState("");
  const [difficulty, setDifficulty] = useState("");
  const [topic, setTopic] = useState("");
  const [status, setStatus] = useState("");
  const [offset, setOffset] = useState(0);
  const [logging, setLogging] = useState<ProblemSummary | null>(null);
  const [noting, setNoting] = useState<ProblemSummary | null>(null);
  const [message, setMessage] = useState<string>();

  // search as you type, without a request per keystroke
  useEffect(() => {
    const id = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(id);
  }, [q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts from the first page
  useEffect(() => {
    setOffset(0);
  }, [query, difficulty, topic, status]);

  // the roadmap lists every topic with its name
  const topics = useLoad((signal) => api.get<{ topics: Topic[] }>("/roadmap", undefined, signal), []);
  const problems = useLoad(
    (signal) =>
      api.get<Page<ProblemSummary>>(
        "/problems",
        { q: query, difficulty, topic, status, limit: PAGE_SIZE, offset },
        signal,
      ),
    [query, difficulty, topic, status, offset],
  );
  const [attemptsVersion, setAttemptsVersion] = useState(0);
  const topicName = (id: string) => topics.data?.topics.find((t) => t.id === id)?.name ?? titleCase(id);

  return (
    <>
      <PageHeader title="Problems" />
      <form
        className="row card"
        aria-label="Filter problems"
        onSubmit={(e) => e.preventDefault()}
        style={{ marginBottom: "1rem" }}
      >
        <label>
          Search
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Title or slug" />
        </label>
        <label>
          Difficulty
          <select value={difficulty} onChange={(e) => setDifficulty(e.target.value)}>
            <option value="">Any</option>
            <option value="easy">Easy</option>
            <option value="medium">Medium</option>
            <option value="hard">Hard</option>
          </select>
        </label>
        <label>
          Topic
          <select value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">Any</option>
            {topics.data?.topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            <option value="solved">Solved</option>
            <option value="attempted">Attempted</option>
            <option value="new">Not tried</option>
          </select>
        </label>
      </form>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <Async state={problems} label="Loading problems…">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No problem matches these filters.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption className="muted" style={{ textAlign: "left", padding: "0.4rem 0" }}>
                    {page.total} problems{problems.loading ? " — updating…" : ""}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Problem</th>
                      <th scope="col">Difficulty</th>
                      <th scope="col">Topics</th>
                      <th scope="col">Status</th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((p) => (
                      <tr key={p.slug}>
                        <td>
                          {p.url ? (
                            <a href={p.url} target="_blank" rel="noreferrer">
                              {p.title}
                            </a>
                          ) : (
                            p.title
                          )}
                          {p.custom && <Badge>custom</Badge>}
                        </td>
                        <td>
                          {p.difficulty ? <Badge tone={p.difficulty}>{p.difficulty}</Badge> : <Badge>hidden</Badge>}
                          {p.rating != null && <span className="muted"> {p.rating.toLocaleString("en-US")}</span>}
                        </td>
                        <td className="muted">{p.topics.map(topicName).join(", ")}</td>
                        <td>
                          <Badge tone={p.status}>{p.status === "new" ? "not tried" : p.status}</Badge>
                        </td>
                        <td>
                          <span className="row" style={{ flexWrap: "nowrap" }}>
                            <button type="button" onClick={() => setLogging(p)} aria-label={`Log attempt: ${p.title}`}>
                              Log attempt
                            </button>
                            <button type="button" onClick={() => setNoting(p)} aria-label={`Notes: ${p.title}`}>
                              Notes
                            </button>
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="row" aria-label="Pages" style={{ justifyContent: "space-between", marginTop: "0.75rem" }}>
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
                >
                  Previous
                </button>
                <span className="muted">
                  {offset + 1}–{Math.min(offset + PAGE_SIZE, page.total)} of {page.total}
                </span>
                <button
                  type="button"
                  disabled={offset + PAGE_SIZE >= page.total}
                  onClick={() => setOffset(offset + PAGE_SIZE)}
                >
                  Next
                </button>
              </nav>
            </>
          )
        }
      </Async>
      <RecentAttempts version={attemptsVersion} />
      <NotesDialog problem={noting} onClose={() => setNoting(null)} />
      <AttemptDialog
        problem={logging}
        onClose={() => setLogging(null)}
        onLogged={(result) => {
          setLogging(null);
          setMessage(loggedMessage(result));
          setAttemptsVersion((v) => v + 1);
          problems.reload();
        }}
      />
    </>
  );
}
