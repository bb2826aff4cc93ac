// Logging an attempt: outcome, minutes, language, how hard it felt, when, and notes. The notes survive
// an expired session (sessionStorage draft per problem).
import { type FormEvent, useState } from "react";
import { api } from "../api";
import { useAction, useDraft } from "../hooks";
import { formatDate, toLocalInput } from "../lib/format";
import type { LoggedAttempt, ProblemSummary } from "../types";
import { Dialog, ErrorBox } from "./ui";

const LANGUAGES = ["python", "javascript", "typescript", "java", "cpp", "go", "other"];

export function AttemptDialog({
  problem,
  onClose,
  onLogged,
}: {
  problem: ProblemSummary | null;
  onClose: () => void;
  onLogged: (result: LoggedAttempt) => void;
}) {
  return (
    <Dialog open={problem !== null} title={problem ? `Log an attempt: ${problem.title}` : ""} onClose={onClose}>
      {problem && <AttemptForm problem={problem} onLogged={onLogged} onCancel={onClose} />}
    </Dialog>
  );
}

function AttemptForm({
  problem,
  onLogged,
  onCancel,
}: {
  problem: ProblemSummary;
  onLogged: (result: LoggedAttempt) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft, clearDraft] = useDraft(`attempt.${problem.slug}`, {
    outcome: "solved",
    minutes: "",
    language: "python",
    rating: "",
    notes: "",
    when: "",
  });
  const [now] = useState(() => toLocalInput(new Date()));
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  const { busy, error, act } = useAction(async () => {
    const body: Record<string, unknown> = { problem: problem.slug, outcome: draft.outcome, language: draft.language };
    if (draft.minutes) body.minutes = Number(draft.minutes);
    if (draft.rating) body.rating = draft.rating;
    if (draft.notes.trim()) body.notes = draft.notes;
    if (draft.when) body.attemptedAt = new Date(draft.when).toISOString();
    const result = await api.post("/attempts", body);
    clearDraft();
    onLogged(result);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act();
  };
  return (
    <form className="stack" onSubmit={submit}>
      <div className="row">
        <label>
          Outcome
          <select value={draft.outcome} onChange={(e) => set({ outcome: e.target.value })}>
            <option value="solved">Solved</option>
            <option value="failed">Failed</option>
            <option value="gave_up">Gave up</option>
          </select>
        </label>
        <label>
          Minutes
          <input
            type="number"
            min={0}
            max={1440}
            inputMode="numeric"
            value={draft.minutes}
            onChange={(e) => set({ minutes: e.target.value })}
          />
        </label>
        <label>
          Language
          <select value={draft.language} onChange={(e) => set({ language: e.target.value })}>
            {LANGUAGES.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <label>
          How hard was it?
          <select value={draft.rating} onChange={(e) => set({ rating: e.target.value })}>
            <option value="">Decide from outcome and time</option>
            <option value="again">Again — could not do it</option>
            <option value="hard">Hard</option>
            <option value="good">Good</option>
            <option value="easy">Easy</option>
          </select>
        </label>
        <label>
          When
          <input
            type="datetime-local"
            max={now}
            value={draft.when || now}
            onChange={(e) => set({ when: e.target.value })}
          />
        </label>
      </div>
      <label>
        Notes
        <textarea
          value={draft.notes}
          onChange={(e) => set({ notes: e.target.value })}
          placeholder="The approach, the bug that cost time, what to remember next time"
        />
      </label>
      <ErrorBox error={error} />
      <div className="row" style={{ justifyContent: "flex-end" }}>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Saving…" : "Save attempt"}
        </button>
      </div>
    </form>
  );
}

export function loggedMessage(result: LoggedAttempt): string {
  return `Logged ${result.attempt.outcome.replace("_", " ")} on ${result.attempt.problemTitle}. Next review ${formatDate(result.card.due)}.`;
}
