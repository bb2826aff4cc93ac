// The problem catalogue: search (title, "twosum", LeetCode number) and filters kept in the URL, the user's
// status, note and revisit flag per problem, and logging an attempt. /problems/<slug> is one problem's page.
import { useEffect, useRef, useState } from "react";
import { api } from "../api";
import { AttemptDialog, loggedMessage } from "../components/AttemptDialog";
import { NotesDialog } from "../components/NotesDialog";
import { RecentAttempts } from "../components/RecentAttempts";
import { Async, Badge, Empty, PageHeader } from "../components/ui";
import { useLoad } from "../hooks";
import { plural, titleCase } from "../lib/format";
import { Link, navigate, useLocation } from "../router";
import type { ProblemSummary } from "../types";
import { ProblemPage } from "./ProblemPage";

const PAGE_SIZE = 25;
const FILTERS = ["q", "difficulty", "topic", "status", "revisit"] as const;

export function ProblemsPage() {
  const { path } = useLocation();
  const slug = path.startsWith("/problems/") ? decodeURIComponent(path.slice("/problems/".length)) : "";
  return slug ? <ProblemPage key={slug} slug={slug} /> : <Catalogue />;
}

function Catalogue() {
  // filters live in the URL, so a reload or a shared link shows the same list
  const { search } = useLocation();
  const initial = (name: string) => search.get(name) ?? "";
  const [q, setQ] = useState(() => initial("q"));
  const [query, setQuery] = useState(() => initial("q").trim());
  const [difficulty, setDifficulty] = useState(() => initial("difficulty"));
  const [topic, setTopic] = useState(() => initial("topic"));
  const [status, setStatus] = useState(() => initial("status"));
  const [revisit, setRevisit] = useState(() => initial("revisit"));
  const [offset, setOffset] = useState(() => Number(initial("offset")) || 0);
  const [logging, setLogging] = useState<ProblemSummary | null>(null);
  const [noting, setNoting] = useState<ProblemSummary | null>(null);
  const [message, setMessage] = useState<string>();
  const firstRender = useRef(true);

  // search as you type, without a request per keystroke
  useEffect(() => {
    const id = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(id);
  }, [q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts from the first page
  useEffect(() => {
    setOffset((current) => (firstRender.current ? current : 0));
    firstRender.current = false;
  }, [query, difficulty, topic, status, revisit]);
  useEffect(() => {
    const values: Record<(typeof FILTERS)[number] | "offset", string> = {
      q: query,
      difficulty,
      topic,
      status,
      revisit,
      offset: offset ? String(offset) : "",
    };
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
    const qs = params.toString();
    navigate(`/problems${qs ? `?${qs}` : ""}`, { replace: true });
  }, [query, difficulty, topic, status, revisit, offset]);

  // the roadmap lists every topic with its name
  const topics = useLoad((signal) => api.get("/roadmap", undefined, signal), []);
  const problems = useLoad(
    (signal) =>
      api.get("/problems", { q: query, difficulty, topic, status, revisit, limit: PAGE_SIZE, offset }, signal),
    [query, difficulty, topic, status, revisit, offset],
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
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Title, slug or LeetCode number"
          />
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
        <label>
          Revisit
          <select value={revisit} onChange={(e) => setRevisit(e.target.value)}>
            <option value="">Any</option>
            <option value="true">Flagged to revisit</option>
            <option value="false">Not flagged</option>
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
                    {plural(page.total, "problem")}
                    {problems.loading ? " — updating…" : ""}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Problem</th>
                      <th scope="col">LeetCode, notes</th>
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
                          <Link to={`/problems/${p.slug}`}>{p.title}</Link>
                          {p.custom && <Badge>custom</Badge>}
                        </td>
                        <td>
                          {p.url && (
                            <a href={p.url} target="_blank" rel="noreferrer" aria-label={`${p.title} on LeetCode`}>
                              {p.leetcodeId !== null ? `#${p.leetcodeId}` : "LeetCode"} ↗
                            </a>
                          )}
                          {p.hasNote && (
                            <span title="You have a note on this problem" data-sign="note">
                              {" "}
                              <span aria-hidden="true">📝</span>
                              <span className="sr-only">has a note</span>
                            </span>
                          )}
                          {p.revisit && (
                            <>
                              {" "}
                              <Badge tone="medium">revisit</Badge>
                            </>
                          )}
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
      <RecentAttempts version={attemptsVersion} onChanged={problems.reload} />
      <NotesDialog
        problem={noting}
        onClose={() => {
          setNoting(null);
          problems.reload();
        }}
      />
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
