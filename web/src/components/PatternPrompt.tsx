// Blind mode, before coding: "Which pattern is this?" The answer is checked against the question's topics
// once, and scored as the pattern-recognition skill (POST /api/interviews/sessions/:id/pattern).
import { type FormEvent, useState } from "react";
import { api } from "../api";
import { useAction, useLoad } from "../hooks";
import { useSession } from "../session";
import type { PatternGuessResult, SessionView } from "../types";
import { ErrorBox } from "./ui";

export function PatternPrompt({ session }: { session: SessionView }) {
  const { user } = useSession();
  const topics = useLoad((signal) => api.get("/roadmap", undefined, signal), []);
  const [pattern, setPattern] = useState("");
  const [result, setResult] = useState<PatternGuessResult>();
  const guess = useAction(async () => {
    setResult(await api.post(`/interviews/sessions/${session.id}/pattern`, { pattern }));
  });
  if (!user.blindMode || session.mode !== "coding" || session.status !== "active") return null;
  const name = (id: string) => topics.data?.topics.find((t) => t.id === id)?.name ?? id;
  if (result)
    return (
      <p className="notice" role="status">
        {result.matched ? "Right pattern" : "Not this time"}: the question is about{" "}
        {result.topics.map(name).join(", ") || "no listed topic"}. Pattern recognition {result.skill.rating} ±{" "}
        {result.skill.deviation}.
      </p>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pattern) void guess.act();
  };
  return (
    <form className="card row" onSubmit={submit} aria-label="Which pattern?">
      <label>
        Before coding: which pattern is this?{" "}
        <select value={pattern} onChange={(e) => setPattern(e.target.value)} required>
          <option value="">choose a topic</option>
          {(topics.data?.topics ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={guess.busy || !pattern}>
        Answer
      </button>
      <ErrorBox error={guess.error} />
    </form>
  );
}
