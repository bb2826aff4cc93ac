// A running mock interview: the question (with examples and constraints), a countdown to the server's
// deadline, the coding or written answer pane, progressive hints, and Finish — confirmed first, since it
// ends the interview — which returns the report.
import { useEffect, useRef, useState } from "react";
import { api } from "../api";
import { useAction, useNow } from "../hooks";
import { clock, titleCase } from "../lib/format";
import { modeLabel, STAR_ORDER } from "../lib/interview";
import { draftStatusText, useSessionDraft } from "../lib/session-draft";
import type { QuestionExample, SessionView } from "../types";
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
  const [confirming, setConfirming] = useState(false);
  // the confirm step replaces the button that had focus: move focus to the question it asks
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  return (
    <>
      <PageHeader title={q.title}>
        <span className={left < 300 ? "timer timer-low" : "timer"} role="timer" aria-label="Time left">
          {clock(left)}
        </span>
        {confirming ? (
          <span className="row" role="alertdialog" aria-label="Confirm finishing">
            <span>End the interview and score it? Answers cannot change afterwards.</span>
            <button
              ref={confirmButton}
              type="button"
              className="primary"
              disabled={finish.busy}
              onClick={() => void finish.act()}
            >
              {finish.busy ? "Scoring…" : "Yes, finish"}
            </button>
            <button type="button" disabled={finish.busy} onClick={() => setConfirming(false)}>
              Keep going
            </button>
          </span>
        ) : (
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            Finish interview
          </button>
        )}
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
            Question <Badge>{modeLabel(session.mode)}</Badge>{" "}
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

function Examples({ examples }: { examples: unknown }) {
  if (!Array.isArray(examples) || examples.length === 0) return null;
  return (
    <div>
      <h3>Examples</h3>
      {(examples as QuestionExample[]).map((e, i) => (
        <div key={`${e.input}→${e.output}`} className="example" data-testid="example">
          <strong>Example {i + 1}</strong>
          <pre className="mono">
            Input: {e.input}
            {"\n"}Output: {e.output}
            {e.explanation ? `\nExplanation: ${e.explanation}` : ""}
          </pre>
        </div>
      ))}
    </div>
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
  const star = c.star && typeof c.star === "object" ? (c.star as Record<string, string>) : undefined;
  return (
    <>
      <Examples examples={c.examples} />
      {list("Constraints", c.constraints)}
      {list("Requirements", c.requirements)}
      {list("Worth discussing", c.discussionPoints)}
      {list("Tips", c.tips)}
      {star && (
        <div>
          <h3>STAR</h3>
          {/* the guide's order, whatever order the stored object's keys come back in */}
          <dl className="star">
            {STAR_ORDER.filter((k) => star[k]).map((k) => (
              <div key={k}>
                <dt>{titleCase(k)}</dt>
                <dd>{star[k]}</dd>
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
  const [text, setTextState] = useState(session.draft?.answer ?? "");
  const draft = useSessionDraft(session.id);
  const setText = (value: string) => {
    setTextState(value);
    draft.save({ answer: value });
  };
  const [saved, setSaved] = useState(0);
  const copy = ANSWER_LABEL[session.mode] ?? ANSWER_LABEL.coding;
  const save = useAction(async () => {
    await api.post(`/interviews/sessions/${session.id}/answers`, { text });
    setText("");
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
        <span className="hint">
          {copy.hint} <span role="status">{draftStatusText(draft.status)}</span>
        </span>
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
