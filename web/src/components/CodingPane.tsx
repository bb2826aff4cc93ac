// The coding pane: language switch (what this server can run), the CodeMirror editor seeded with the
// question's starter code, and "Run tests" with a result per case. The code is saved on the server as it
// is typed (per language), so a reload or a closed tab finds it again.
import { useState } from "react";
import { api } from "../api";
import { useAction, useDraft, useLoad } from "../hooks";
import { titleCase } from "../lib/format";
import { draftStatusText, useSessionDraft } from "../lib/session-draft";
import type { LanguageInfo, RunReport, SessionView } from "../types";
import { CodeEditor } from "./CodeEditor";
import { ErrorBox } from "./ui";

const show = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

export function CodingPane({ session }: { session: SessionView }) {
  const starters = session.question.content.starterCode ?? {};
  const languages = useLoad(
    (signal) =>
      api.get<{ languages: LanguageInfo[]; warning?: string; refusal?: string }>(
        "/interviews/languages",
        undefined,
        signal,
      ),
    [],
  );
  const available = (languages.data?.languages ?? []).filter((l) => l.available && starters[l.id] !== undefined);
  const [language, setLanguageState] = useState(session.draft?.language ?? "");
  const current = language || available[0]?.id || "";
  const [codes, setCodesState] = useState<Record<string, string>>(session.draft?.code ?? {});
  const code = codes[current] ?? starters[current] ?? "";
  const draft = useSessionDraft(session.id);
  const setCode = (lang: string, text: string) => {
    setCodesState((all) => ({ ...all, [lang]: text }));
    draft.save({ language: lang, code: text });
  };
  const setLanguage = (lang: string) => {
    setLanguageState(lang);
    draft.save({ language: lang, code: codes[lang] ?? starters[lang] ?? "" });
  };
  const [result, setResult] = useState<RunReport>();
  const [custom, setCustom] = useDraft(`interview.${session.id}.input`, "");
  const runCustom = useAction(async () => {
    const inputs = custom
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line, i) => {
        let args: unknown;
        try {
          args = JSON.parse(line);
        } catch {
          throw new Error(`Input line ${i + 1} is not JSON: write the arguments as an array, e.g. [[2,7,11,15], 9].`);
        }
        if (!Array.isArray(args)) throw new Error(`Input line ${i + 1} must be an array of the arguments.`);
        return args;
      });
    if (inputs.length === 0) throw new Error("Write at least one input line.");
    setResult(undefined);
    setResult(
      await api.post<RunReport>(`/interviews/sessions/${session.id}/runs`, { language: current, code, inputs }),
    );
  });
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
              <option key={l.id} value={l.id} title={l.version}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={languages.error} onRetry={languages.reload} />
      {languages.data?.refusal && (
        <p className="error" role="alert">
          {languages.data.refusal}
        </p>
      )}
      {languages.data?.warning && (
        <p className="notice" role="alert">
          {languages.data.warning}
        </p>
      )}
      {current && (
        <CodeEditor
          value={code}
          language={current}
          label={`Solution code in ${current}`}
          onChange={(text) => setCode(current, text)}
        />
      )}
      <p className="hint">
        Tab indents, Shift+Tab dedents; press Esc then Tab to leave the editor.{" "}
        <span role="status" data-testid="draft-status">
          {draftStatusText(draft.status)}
        </span>
      </p>
      <div className="row">
        <button type="button" className="primary" disabled={run.busy || !current} onClick={() => void run.act()}>
          {run.busy ? "Running…" : "Run tests"}
        </button>
        <button
          type="button"
          disabled={run.busy || !starters[current]}
          onClick={() => setCode(current, starters[current] ?? "")}
        >
          Reset to starter code
        </button>
      </div>
      <details>
        <summary>Run on my own input</summary>
        <div className="stack" style={{ marginTop: "0.5rem" }}>
          <label>
            Custom input
            <textarea
              className="mono"
              rows={3}
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
              placeholder={
                session.question.content.tests?.[0]
                  ? JSON.stringify(session.question.content.tests[0].args)
                  : "[arg1, arg2]"
              }
            />
            <span className="hint">
              One JSON array of arguments per line. Nothing is graded; you see what the code returns.
            </span>
          </label>
          <button type="button" disabled={runCustom.busy || !current} onClick={() => void runCustom.act()}>
            {runCustom.busy ? "Running…" : "Run on my input"}
          </button>
        </div>
      </details>
      <ErrorBox error={run.error ?? runCustom.error} />
      {result && <RunResult result={result} />}
    </section>
  );
}

function RunResult({ result }: { result: RunReport }) {
  const customRun = result.cases.length > 0 && result.cases.every((c) => c.status === "ran");
  return (
    <div className="stack" aria-live="polite">
      {customRun ? (
        <p data-testid="custom-run">
          Ran {result.cases.length} {result.cases.length === 1 ? "input" : "inputs"}{" "}
          <span className="muted">({Math.round(result.durationMs)} ms)</span>
        </p>
      ) : (
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
      )}
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
