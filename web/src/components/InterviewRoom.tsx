// A running mock interview: the question, a countdown to the server's deadline, the coding or written
// answer pane, progressive hints, and Finish (which returns the report).
import { useState } from "react";
import { api } from "../api";
import { useAction, useDraft, useNow } from "../hooks";
import { clock, titleCase } from "../lib/format";
import type { SessionView } from "../types";
import { CodingPane } from "./CodingPane";
import { PatternPrompt } from "./PatternPrompt";
import { Badge, ErrorBox, PageHeader } from "./ui";

export function InterviewRoom({
  session,
  onFinished,
}: {
  session: SessionView;
  onFinished: (finished: SessionView) => void;
}) {
  // the server's secondsLeft, counted down on the local clock (immune to a skewed client clock)
  const [deadline] = useState(() => Date.now() + session.secondsLeft * 1000);
  const now = useNow(1000);
  const left = Math.max(0, Math.round((deadline - now) / 1000));
  const [hints, setHints] = useState<string[]>(session.hints);
  const q = session.question;
  const hintCount = typeof q.content.hintCount === "number" ? q.content.hintCount : undefined;
  const hint = useAction(async () => {
    const result = await api.post<{ hint: string; number: number; remaining: number }>(
      `/interviews/sessions/${session.id}/hints`,
      {},
    );
    setHints((all) => [...all, result.hint]);
  });
  const finish = useAction(async () => {
    onFinished(await api.post<SessionView>(`/interviews/sessions/${session.id}/finish`, {}));
  });

  return (
    <>
      <PageHeader title={q.title}>
        <span className={left < 300 ? "timer timer-low" : "timer"} role="timer" aria-label="Time left">
          {clock(left)}
        </span>
        <button type="button" className="primary" disabled={finish.busy} onClick={() => void finish.act()}>
          {finish.busy ? "Scoring…" : "Finish interview"}
        </button>
      </PageHeader>
      {left === 0 && (
        <p className="notice" role="alert">
          Time is up. Finish to see your report (answers after the deadline are not counted).
        </p>
      )}
      <ErrorBox error={finish.error} />
      <div className="room">
        <section className="card stack" aria-labelledby="prompt-title">
          <h2 id="prompt-title">
            Question <Badge>{titleCase(session.mode)}</Badge>{" "}
            {q.difficulty && <Badge tone={q.difficulty}>{q.difficulty}</Badge>}
          </h2>
          <p className="bubble-text">{q.prompt}</p>
          <QuestionDetails session={session} />
          <div className="stack">
            <h3>Hints</h3>
            {hints.length === 0 && <p className="muted">No hints used. Each one is counted in the report.</p>}
            <ol>
              {hints.map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ol>
            <ErrorBox error={hint.error} />
            <button
              type="button"
              disabled={hint.busy || (hintCount !== undefined && hints.length >= hintCount)}
              onClick={() => void hint.act()}
            >
              {hintCount !== undefined && hints.length >= hintCount
                ? "No more hints"
                : `Get a hint${hintCount !== undefined ? ` (${hintCount - hints.length} left)` : ""}`}
            </button>
          </div>
        </section>
        <div className="stack">
          <PatternPrompt session={session} />
          {session.mode === "coding" && <CodingPane session={session} />}
          <AnswerPane session={session} />
        </div>
      </div>
    </>
  );
}

function QuestionDetails({ session }: { session: SessionView }) {
  const c = session.question.content;
  const list = (title: string, items: unknown) =>
    Array.isArray(items) && items.length > 0 ? (
      <div>
        <h3>{title}</h3>
        <ul>
          {items.map((i) => (
            <li key={String(i)}>{String(i)}</li>
          ))}
        </ul>
      </div>
    ) : null;
  return (
    <>
      {list("Requirements", c.requirements)}
      {list("Worth discussing", c.discussionPoints)}
      {list("Tips", c.tips)}
      {c.star && typeof c.star === "object" && (
        <div>
          <h3>STAR</h3>
          <dl className="star">
            {Object.entries(c.star).map(([k, v]) => (
              <div key={k}>
                <dt>{titleCase(k)}</dt>
                <dd>{String(v)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </>
  );
}

const ANSWER_LABEL: Record<string, { label: string; hint: string }> = {
  coding: { label: "Your approach", hint: "Explain the idea, its complexity and the edge cases you tested." },
  system_design: {
    label: "Your design",
    hint: "Requirements, API, data model, scaling, trade-offs: the report checks each is covered.",
  },
  behavioral: { label: "Your answer", hint: "Situation, task, action, result: the report checks each part." },
};

function AnswerPane({ session }: { session: SessionView }) {
  const [text, setText, clear] = useDraft(`interview.${session.id}.answer`, "");
  const [saved, setSaved] = useState(0);
  const copy = ANSWER_LABEL[session.mode] ?? ANSWER_LABEL.coding;
  const save = useAction(async () => {
    await api.post(`/interviews/sessions/${session.id}/answers`, { text });
    clear();
    setSaved((n) => n + 1);
  });
  return (
    <form
      className="card stack"
      onSubmit={(e) => {
        e.preventDefault();
        void save.act();
      }}
    >
      <label>
        {copy.label}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={session.mode === "coding" ? 4 : 14} />
        <span className="hint">{copy.hint}</span>
      </label>
      <ErrorBox error={save.error} />
      {saved > 0 && (
        <p className="success" role="status">
          {saved === 1 ? "Answer saved." : `${saved} answers saved.`}
        </p>
      )}
      <button type="submit" disabled={save.busy || !text.trim()}>
        Save answer
      </button>
    </form>
  );
}
