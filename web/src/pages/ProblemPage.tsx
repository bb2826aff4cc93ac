// One problem: the statement and examples when the interview bank has it, the LeetCode link, the user's
// attempts (each correctable), notes and the revisit flag, the next review, and a mock on this problem.
import { useState } from "react";
import { api } from "../api";
import { AttemptDialog, loggedMessage } from "../components/AttemptDialog";
import { AttemptList } from "../components/AttemptList";
import { NotesDialog } from "../components/NotesDialog";
import { Async, Badge, ErrorBox, PageHeader } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import { formatDate, percent, plural, relative } from "../lib/format";
import { Link, navigate } from "../router";
import type { ProblemSummary } from "../types";

export function ProblemPage({ slug }: { slug: string }) {
  const page = useLoad((signal) => api.get(`/problems/${slug}/page`, undefined, signal), [slug]);
  const [logging, setLogging] = useState(false);
  const [noting, setNoting] = useState(false);
  const [message, setMessage] = useState<string>();
  const mock = useAction(async (questionSlug: string) => {
    const session = await api.post<{ id: number }>("/interviews/sessions", { mode: "coding", question: questionSlug });
    navigate(`/interview?session=${session.id}`);
  });

  return (
    <Async state={page} label="Loading the problem…">
      {(p) => {
        const summary: ProblemSummary = {
          ...p.problem,
          topics: p.problem.topics.map((t) => t.id),
          hasNote: Boolean(p.note?.body.trim()),
          revisit: p.note?.revisit ?? false,
        };
        return (
          <>
            <p>
              <Link to="/problems">← All problems</Link>
            </p>
            <PageHeader title={p.problem.title}>
              <button type="button" className="primary" onClick={() => setLogging(true)}>
                Log attempt
              </button>
              <button type="button" onClick={() => setNoting(true)}>
                Notes
              </button>
              {p.statement && (
                <button
                  type="button"
                  disabled={mock.busy}
                  onClick={() => p.statement && void mock.act(p.statement.questionSlug)}
                >
                  Start a mock on this
                </button>
              )}
            </PageHeader>
            <p>
              {p.problem.difficulty ? (
                <Badge tone={p.problem.difficulty}>{p.problem.difficulty}</Badge>
              ) : (
                <Badge>hidden</Badge>
              )}{" "}
              {p.problem.rating != null && (
                <span className="muted">rated {p.problem.rating.toLocaleString("en-US")} </span>
              )}
              <Badge tone={p.problem.status}>{p.problem.status === "new" ? "not tried" : p.problem.status}</Badge>{" "}
              {p.note?.revisit && <Badge tone="medium">revisit</Badge>}{" "}
              <span className="muted">{p.problem.topics.map((t) => t.name).join(", ")}</span>{" "}
              {p.problem.url && (
                <a href={p.problem.url} target="_blank" rel="noreferrer">
                  Open on LeetCode{p.problem.leetcodeId ? ` (#${p.problem.leetcodeId})` : ""} ↗
                </a>
              )}
            </p>
            {message && (
              <p className="notice" role="status">
                {message}
              </p>
            )}
            <ErrorBox error={mock.error} />
            <div className="overview">
              <section className="card wide-2" aria-labelledby="statement-title">
                <h2 id="statement-title">Statement</h2>
                {p.statement ? (
                  <>
                    <p style={{ whiteSpace: "pre-wrap" }}>{p.statement.prompt}</p>
                    {p.statement.examples.map((e, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: examples are fixed and may repeat an input
                      <div key={i} className="example">
                        <strong>Example {i + 1}</strong>
                        <pre>
                          Input: {e.input}
                          {"\n"}Output: {e.output}
                          {e.explanation ? `\nExplanation: ${e.explanation}` : ""}
                        </pre>
                      </div>
                    ))}
                    {p.statement.constraints.length > 0 && (
                      <>
                        <strong>Constraints</strong>
                        <ul>
                          {p.statement.constraints.map((c) => (
                            <li key={c}>
                              <code>{c}</code>
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                  </>
                ) : (
                  <p className="muted">
                    The question bank has no statement for this problem
                    {p.problem.url ? ": read it on LeetCode." : "."}
                  </p>
                )}
              </section>
              <section className="card" aria-labelledby="review-title">
                <h2 id="review-title">Next review</h2>
                {p.card ? (
                  <p>
                    {formatDate(p.card.due)} ({relative(p.card.due)}) · recall now about{" "}
                    {percent(p.card.retrievability)} · {plural(p.card.reps, "review")}
                    {p.card.suspended && " · suspended"}
                  </p>
                ) : (
                  <p className="muted">No review card yet: log an attempt to schedule one.</p>
                )}
                {p.openPlanItem && <p>Planned for week {p.openPlanItem.week} of your study plan.</p>}
                <h2>Your notes</h2>
                {p.note?.body.trim() ? (
                  <p style={{ whiteSpace: "pre-wrap" }} data-testid="problem-note">
                    {p.note.body}
                  </p>
                ) : (
                  <p className="muted">No notes yet.</p>
                )}
              </section>
            </div>
            <section className="card" aria-labelledby="history-title" style={{ marginTop: "1rem" }}>
              <h2 id="history-title">Attempts ({p.attemptsTotal})</h2>
              <AttemptList attempts={p.attempts} onChanged={page.reload} empty="No attempts on this problem yet." />
            </section>
            <NotesDialog
              problem={noting ? summary : null}
              onClose={() => {
                setNoting(false);
                page.reload();
              }}
            />
            <AttemptDialog
              problem={logging ? summary : null}
              onClose={() => setLogging(false)}
              onLogged={(result) => {
                setLogging(false);
                setMessage(loggedMessage(result));
                page.reload();
              }}
            />
          </>
        );
      }}
    </Async>
  );
}
