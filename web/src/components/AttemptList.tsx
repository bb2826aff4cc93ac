// Attempts, newest first, each correctable: edit the outcome, minutes and notes, or delete it. The server
// replays the review card without (or with the corrected) attempt, and unticks a plan item it ticked.
import { type FormEvent, useState } from "react";
import { api } from "../api";
import { useAction } from "../hooks";
import { formatDateTime } from "../lib/format";
import type { AttemptView } from "../types";
import { Badge, Dialog, Empty, ErrorBox } from "./ui";

export function AttemptList({
  attempts,
  onChanged,
  empty,
  showProblem = false,
}: {
  attempts: AttemptView[];
  onChanged: () => void;
  empty: string;
  showProblem?: boolean;
}) {
  const [editing, setEditing] = useState<AttemptView | null>(null);
  const remove = useAction(async (a: AttemptView) => {
    if (!window.confirm(`Delete this attempt on ${a.problemTitle}? Its review is taken out of the card's history.`))
      return;
    await api.del(`/attempts/${a.id}`);
    onChanged();
  });
  if (attempts.length === 0) return <Empty>{empty}</Empty>;
  return (
    <>
      <ErrorBox error={remove.error} />
      <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {attempts.map((a) => (
          <li key={a.id} data-attempt={a.id}>
            {showProblem && <strong>{a.problemTitle} </strong>}
            <Badge tone={a.outcome === "solved" ? "ok" : "bad"}>{a.outcome.replace("_", " ")}</Badge>{" "}
            <span className="muted">
              {formatDateTime(a.attemptedAt)}
              {a.minutes !== null && ` · ${a.minutes} min`}
              {a.language && ` · ${a.language}`}
              {a.rating && ` · rated ${a.rating}`}
            </span>{" "}
            <button type="button" className="link" onClick={() => setEditing(a)} aria-label={`Edit attempt ${a.id}`}>
              Edit
            </button>{" "}
            <button
              type="button"
              className="link"
              disabled={remove.busy}
              onClick={() => void remove.act(a)}
              aria-label={`Delete attempt ${a.id}`}
            >
              Delete
            </button>
            {a.notes && <div className="muted">{a.notes}</div>}
          </li>
        ))}
      </ul>
      <Dialog open={editing !== null} title="Correct an attempt" onClose={() => setEditing(null)}>
        {editing && (
          <EditForm
            attempt={editing}
            onDone={() => {
              setEditing(null);
              onChanged();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function EditForm({ attempt, onDone }: { attempt: AttemptView; onDone: () => void }) {
  const [outcome, setOutcome] = useState(attempt.outcome);
  const [minutes, setMinutes] = useState(attempt.minutes === null ? "" : String(attempt.minutes));
  const [notes, setNotes] = useState(attempt.notes ?? "");
  const save = useAction(async () => {
    const body: Record<string, unknown> = {};
    if (outcome !== attempt.outcome) body.outcome = outcome;
    const newMinutes = minutes === "" ? null : Number(minutes);
    if (newMinutes !== attempt.minutes) body.minutes = newMinutes;
    if (notes !== (attempt.notes ?? "")) body.notes = notes || null;
    if (Object.keys(body).length > 0) await api.patch(`/attempts/${attempt.id}`, body);
    onDone();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.act();
  };
  return (
    <form className="stack" onSubmit={submit}>
      <div className="row">
        <label>
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="solved">Solved</option>
            <option value="failed">Failed</option>
            <option value="gave_up">Gave up</option>
          </select>
        </label>
        <label>
          Minutes
          <input type="number" min={0} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
      </div>
      <label>
        Notes
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <ErrorBox error={save.error} />
      <div className="row" style={{ justifyContent: "flex-end" }}>
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
