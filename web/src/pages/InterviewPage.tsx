// The interview room: choose mode, role, difficulty and length, then a timed session (InterviewRoom) that
// ends in a rubric report. `?session=ID` opens a session, so a reload or a re-login comes back to it.
import { type FormEvent, useState } from "react";
import { api } from "../api";
import { InterviewReportView } from "../components/InterviewReport";
import { InterviewRoom } from "../components/InterviewRoom";
import { Async, Badge, Empty, ErrorBox, PageHeader } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import { formatDateTime, titleCase } from "../lib/format";
import { modeLabel } from "../lib/interview";
import { Link, navigate, useLocation } from "../router";
import type { Page, SessionSummary, SessionView } from "../types";

const MODES = ["coding", "system_design", "behavioral"].map((id) => ({ id, label: modeLabel(id) }));

export function InterviewPage() {
  const { search } = useLocation();
  const id = Number(search.get("session")) || undefined;
  return id ? <SessionScreen id={id} /> : <InterviewHome />;
}

function SessionScreen({ id }: { id: number }) {
  const session = useLoad((signal) => api.get<SessionView>(`/interviews/sessions/${id}`, undefined, signal), [id]);
  return (
    <Async state={session} label="Opening the interview…">
      {(s) =>
        s.status === "active" ? (
          <InterviewRoom session={s} onFinished={(finished) => session.setData(finished)} />
        ) : (
          <>
            <PageHeader title="Interview report">
              <Link to="/interview">New interview</Link>
            </PageHeader>
            {s.report && "question" in s.report ? (
              <InterviewReportView report={s.report} reference={s.reference} />
            ) : s.report ? (
              <section className="card">
                <p>Imported from the old platform. Feedback: {s.report.feedback}</p>
              </section>
            ) : (
              <Empty>This session has no report.</Empty>
            )}
          </>
        )
      }
    </Async>
  );
}

function InterviewHome() {
  const [form, setForm] = useState({
    mode: "coding",
    role: "",
    company: "",
    difficulty: "medium",
    minutes: "",
    question: "",
  });
  const set = (patch: Partial<typeof form>) => setForm({ ...form, question: "", ...patch });
  const difficulty = form.mode === "behavioral" ? undefined : form.difficulty;
  const questions = useLoad(
    (signal) =>
      api.get<Page<{ slug: string; title: string }>>(
        "/interviews/questions",
        { mode: form.mode, difficulty, limit: 200 },
        signal,
      ),
    [form.mode, difficulty],
  );
  const history = useLoad((signal) => api.get<Page<SessionSummary>>("/interviews/sessions", { limit: 10 }, signal), []);
  const start = useAction(async () => {
    const body: Record<string, unknown> = { mode: form.mode };
    if (form.role.trim()) body.role = form.role.trim();
    if (form.company.trim()) body.company = form.company.trim();
    if (form.mode !== "behavioral") body.difficulty = form.difficulty;
    if (form.minutes) body.durationMinutes = Number(form.minutes);
    if (form.question) body.question = form.question;
    const session = await api.post<SessionView>("/interviews/sessions", body);
    navigate(`/interview?session=${session.id}`);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start.act();
  };
  return (
    <>
      <PageHeader title="Interview" />
      <form className="card stack" onSubmit={submit} aria-labelledby="setup-title">
        <h2 id="setup-title">Start a mock interview</h2>
        <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="sr-only">Mode</legend>
          {MODES.map((m) => (
            <label key={m.id} className="inline">
              <input
                type="radio"
                name="mode"
                value={m.id}
                checked={form.mode === m.id}
                onChange={() => set({ mode: m.id })}
              />
              {m.label}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <label>
            Role
            <input
              value={form.role}
              onChange={(e) => set({ role: e.target.value })}
              placeholder="e.g. Senior backend engineer"
            />
          </label>
          <label>
            Company
            <input value={form.company} onChange={(e) => set({ company: e.target.value })} placeholder="any" />
          </label>
          {form.mode !== "behavioral" && (
            <label>
              Difficulty
              <select value={form.difficulty} onChange={(e) => set({ difficulty: e.target.value })}>
                <option value="easy">Easy</option>
                <option value="medium">Medium</option>
                <option value="hard">Hard</option>
              </select>
            </label>
          )}
          <label>
            Question
            <select value={form.question} onChange={(e) => setForm({ ...form, question: e.target.value })}>
              <option value="">Pick one for me</option>
              {questions.data?.items.map((q) => (
                <option key={q.slug} value={q.slug}>
                  {q.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Minutes
            <input
              type="number"
              min={5}
              max={240}
              value={form.minutes}
              onChange={(e) => set({ minutes: e.target.value })}
              placeholder="question's default"
            />
          </label>
        </div>
        <ErrorBox error={start.error} />
        <button type="submit" className="primary" disabled={start.busy}>
          {start.busy ? "Starting…" : "Start interview"}
        </button>
      </form>
      <section className="card" aria-labelledby="history-title" style={{ marginTop: "1rem" }}>
        <h2 id="history-title">Past and running interviews</h2>
        <Async state={history} label="Loading your interviews…">
          {(page) =>
            page.items.length === 0 ? (
              <Empty>No interviews yet.</Empty>
            ) : (
              <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {page.items.map((s) => (
                  <li key={s.id}>
                    <Link to={`/interview?session=${s.id}`}>{s.question.title}</Link> <Badge>{modeLabel(s.mode)}</Badge>{" "}
                    <Badge tone={s.status === "active" ? "warn" : "ok"}>{s.status}</Badge>{" "}
                    <span className="muted">
                      {formatDateTime(s.startedAt)}
                      {s.band && ` · ${titleCase(s.band)}`}
                      {s.score !== null && ` · score ${s.score} / 100`}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </section>
    </>
  );
}
