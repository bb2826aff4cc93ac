// The coding pane: language switch (what this server can run), the CodeMirror editor seeded with the
// question's starter code, and "Run tests" with a result per case. Code drafts survive a re-login.
import { useState } from "react";
import { api } from "../api";
import { useAction, useDraft, useLoad } from "../hooks";
import { titleCase } from "../lib/format";
import type { LanguageInfo, RunReport, SessionView } from "../types";
import { CodeEditor } from "./CodeEditor";
import { ErrorBox } from "./ui";

const show = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

export function CodingPane({ session }: { session: SessionView }) {
  const starters = session.question.content.starterCode ?? {};
  const languages = useLoad(
    (signal) => api.get<{ languages: LanguageInfo[] }>("/interviews/languages", undefined, signal),
    [],
  );
  const available = (languages.data?.languages ?? []).filter((l) => l.available && starters[l.id] !== undefined);
  const [language, setLanguage] = useDraft(`interview.${session.id}.language`, "");
  const current = language || available[0]?.id || "";
  const [codes, setCodes] = useDraft<Record<string, string>>(`interview.${session.id}.code`, {});
  const code = codes[current] ?? starters[current] ?? "";
  const [result, setResult] = useState<RunReport>();
  const run = useAction(async () => {
    setResult(undefined);
    setResult(await api.post<RunReport>(`/interviews/sessions/${session.id}/submissions`, { language: current, code }));
  });

  return (
    <section className="card stack" aria-labelledby="code-title">
      <div className="row" style={{ alignItems: "center" }}>
        <h2 id="code-title" style={{ margin: 0 }}>
          Code
        </h2>
        <label>
          Language
          <select value={current} onChange={(e) => setLanguage(e.target.value)} disabled={!available.length}>
            {available.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
                {l.version ? ` (${l.version})` : ""}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={languages.error} onRetry={languages.reload} />
      {current && (
        <CodeEditor
          value={code}
          language={current}
          label={`Solution code in ${current}`}
          onChange={(text) => setCodes({ ...codes, [current]: text })}
        />
      )}
      <p className="hint">Tab indents; press Esc then Tab to leave the editor.</p>
      <div className="row">
        <button type="button" className="primary" disabled={run.busy || !current} onClick={() => void run.act()}>
          {run.busy ? "Running…" : "Run tests"}
        </button>
        <button
          type="button"
          disabled={run.busy || !starters[current]}
          onClick={() => setCodes({ ...codes, [current]: starters[current] })}
        >
          Reset to starter code
        </button>
      </div>
      <ErrorBox error={run.error} />
      {result && <RunResult result={result} />}
    </section>
  );
}

function RunResult({ result }: { result: RunReport }) {
  return (
    <div className="stack" aria-live="polite">
      <p>
        <span className={`verdict ${result.verdict === "accepted" ? "case-passed" : "case-failed"}`}>
          {titleCase(result.verdict)}
        </span>{" "}
        —{" "}
        <span data-testid="tests-passed">
          {result.passed} of {result.total} tests passed
        </span>{" "}
        <span className="muted">({Math.round(result.durationMs)} ms)</span>
      </p>
      {result.error && (
        <pre className="case-error">
          {result.error.message}
          {result.error.line ? ` (line ${result.error.line})` : ""}
        </pre>
      )}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Test results</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Result</th>
              <th scope="col">Input</th>
              <th scope="col">Expected</th>
              <th scope="col">Got</th>
            </tr>
          </thead>
          <tbody>
            {result.cases.map((c) => (
              <tr key={c.index}>
                <td>{c.index + 1}</td>
                <td className={`case-${c.status}`}>
                  {c.status}
                  {c.timeMs !== undefined && (
                    <span className="muted"> {c.timeMs < 10 ? c.timeMs.toFixed(2) : Math.round(c.timeMs)} ms</span>
                  )}
                </td>
                <td>
                  <code>{c.args ? c.args.map(show).join(", ") : "hidden"}</code>
                </td>
                <td>
                  <code>{show(c.expected)}</code>
                </td>
                <td>
                  <code>{show(c.actual)}</code>
                  {c.error && <div className="case-error">{c.error}</div>}
                  {c.stdout && <pre>{c.stdout}</pre>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
