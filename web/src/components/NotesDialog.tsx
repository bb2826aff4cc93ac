// The user's standing notes on one problem and the "revisit" flag (kept apart from per-attempt notes).
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../api";
import { useAction, useDraft, useLoad } from "../hooks";
import { formatDateTime } from "../lib/format";
import type { ProblemSummary } from "../types";
import { Async, Dialog, ErrorBox } from "./ui";

interface NoteView {
  problemSlug: string;
  body: string;
  revisit: boolean;
  updatedAt: string | null;
}

export function NotesDialog({ problem, onClose }: { problem: ProblemSummary | null; onClose: () => void }) {
  return (
    <Dialog open={problem !== null} title={problem ? `Notes: ${problem.title}` : ""} onClose={onClose}>
      {problem && <NotesForm problem={problem} onClose={onClose} />}
    </Dialog>
  );
}

function NotesForm({ problem, onClose }: { problem: ProblemSummary; onClose: () => void }) {
  const note = useLoad(
    async (signal) => {
      try {
        return await api.get(`/problems/${problem.slug}/notes`, undefined, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404)
          return { problemSlug: problem.slug, body: "", revisit: false, updatedAt: null };
        throw error;
      }
    },
    [problem.slug],
  );
  return (
    <Async state={note} label="Loading your notes…">
      {(n) => <NotesEditor problem={problem} initial={n} onClose={onClose} />}
    </Async>
  );
}

function NotesEditor({
  problem,
  initial,
  onClose,
}: {
  problem: ProblemSummary;
  initial: NoteView;
  onClose: () => void;
}) {
  const [body, setBody, clearBody] = useDraft(`notes.${problem.slug}`, initial.body);
  const [revisit, setRevisit] = useState(initial.revisit);
  const save = useAction(async () => {
    await api.put(`/problems/${problem.slug}/notes`, { body, revisit });
    clearBody();
    onClose();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.act();
  };
  return (
    <form className="stack" onSubmit={submit}>
      {initial.updatedAt && <p className="muted">Last edited {formatDateTime(initial.updatedAt)}</p>}
      <label>
        Notes on this problem
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={8} />
      </label>
      <label className="inline">
        <input type="checkbox" checked={revisit} onChange={(e) => setRevisit(e.target.checked)} />
        Flag to revisit
      </label>
      <ErrorBox error={save.error} />
      <div className="row" style={{ justifyContent: "flex-end" }}>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.busy}>
          Save notes
        </button>
      </div>
    </form>
  );
}
