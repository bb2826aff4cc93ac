// The finished interview's report: the band and score, the mode's own rubric dimensions with their reasons
// and quoted evidence, tests, time, hints, complexity, what a design or behavioural answer covered, the
// submitted code and a reference solution.
import { titleCase } from "../lib/format";
import type { DimensionScore, InterviewReport, Rubric } from "../types";
import { Badge } from "./ui";

const LEGACY_DIMENSIONS = ["communication", "problem_solving", "technical_competency", "testing"];

function bandTone(band: string): string {
  if (band.includes("no_hire")) return "bad";
  if (band === "lean_hire") return "warn";
  return "ok";
}

/** Reports saved before per-mode rubrics keep the four coding dimensions as keys of the rubric. */
function dimensionsOf(rubric: InterviewReport["rubric"] | undefined): DimensionScore[] {
  if (!rubric) return [];
  if (Array.isArray((rubric as Rubric).dimensions)) return (rubric as Rubric).dimensions;
  const legacy = rubric as Record<string, { score: number; reasons: string[] } | undefined>;
  return LEGACY_DIMENSIONS.flatMap((id) => {
    const d = legacy[id];
    return d ? [{ id, label: titleCase(id), score: d.score, reasons: d.reasons }] : [];
  });
}

export function InterviewReportView({
  report,
  reference,
}: {
  report: InterviewReport;
  reference?: { language: string; code: string } | null;
}) {
  const coverage =
    report.coverage && "sections" in report.coverage ? report.coverage.sections : (report.coverage ?? report.star);
  // sessions imported from the old platform carry feedback but no rubric
  const rubric = (report.rubric ?? { dimensions: [], overall: 0, band: "unscored" }) as Rubric;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="report-title">
        <h2 id="report-title">
          {report.question.title}: <Badge tone={bandTone(rubric.band)}>{titleCase(rubric.band)}</Badge>
        </h2>
        <p data-testid="report-summary">
          Overall {rubric.overall} / 4 · {report.timeUsedMinutes} of {report.durationMinutes} min · {report.hintsUsed}{" "}
          of {report.hintsAvailable} hints
          {report.tests && ` · ${report.tests.passed} of ${report.tests.total} tests passed`}
          {report.status === "expired" && " · time ran out"}
        </p>
        {rubric.cappedBy && <p className="muted">Band lowered: {rubric.cappedBy}.</p>}
        {rubric.gradedBy === "llm" && (
          <p className="muted">
            Graded by {rubric.model ?? "the configured model"} with quotes from your answer
            {report.offlineRubric && ` (built-in scorer: ${titleCase(report.offlineRubric.band)})`}.
          </p>
        )}
        {report.complexity && (
          <p>
            Estimated time complexity <strong>{report.complexity.time}</strong>
            {report.complexity.optimal && ` (optimal: ${report.complexity.optimal})`}
            {report.complexity.reasons.length > 0 && (
              <span className="muted"> — {report.complexity.reasons.join("; ")}</span>
            )}
          </p>
        )}
        {coverage && (
          <p>
            Covered: {coverage.covered.length ? coverage.covered.map(titleCase).join(", ") : "nothing yet"}
            {coverage.missing.length > 0 && (
              <span className="muted"> · missing: {coverage.missing.map(titleCase).join(", ")}</span>
            )}
          </p>
        )}
        {report.attempt && <p className="muted">Practice log: {report.attempt.reason}.</p>}
      </section>
      <div className="rubric">
        {dimensionsOf(report.rubric).map((d) => (
          <section key={d.id} className="card" aria-label={d.label} data-testid="rubric-dimension">
            <h3>
              {d.label}{" "}
              <span className="score-dots" aria-hidden="true">
                {"●".repeat(d.score)}
                {"○".repeat(4 - d.score)}
              </span>
              <span className="sr-only">{d.score} of 4</span>
            </h3>
            <ul>
              {d.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            {d.evidence && d.evidence.length > 0 && (
              <ul className="evidence">
                {d.evidence.map((q) => (
                  <li key={q}>
                    <q>{q}</q>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      {report.code && (
        <section className="card stack" aria-labelledby="code-title">
          <h2 id="code-title">
            Your code <Badge>{report.code.language}</Badge>{" "}
            {report.code.verdict && <Badge>{titleCase(report.code.verdict)}</Badge>}
            {report.code.submitted === false && <Badge tone="warn">draft, never run</Badge>}
          </h2>
          <pre className="mono code-block" data-testid="submitted-code">
            {report.code.source}
          </pre>
        </section>
      )}
      {reference && (
        <details className="card">
          <summary>
            Reference solution ({reference.language}
            {report.code && report.code.language !== reference.language ? "; none stored in yours" : ""})
          </summary>
          <pre className="mono code-block" data-testid="reference-code">
            {reference.code}
          </pre>
        </details>
      )}
      {report.feedback && (
        <section className="card" aria-labelledby="feedback-title">
          <h2 id="feedback-title">Feedback</h2>
          <p className="bubble-text">{report.feedback}</p>
        </section>
      )}
    </div>
  );
}
