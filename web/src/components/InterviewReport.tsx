// The finished interview's report: the band and score, the four rubric dimensions with their reasons,
// tests, time, hints, complexity, and what a design or behavioural answer covered.
import { titleCase } from "../lib/format";
import type { InterviewReport } from "../types";
import { Badge } from "./ui";

const DIMENSIONS = ["communication", "problem_solving", "technical_competency", "testing"] as const;

function bandTone(band: string): string {
  if (band.includes("no_hire")) return "bad";
  if (band === "lean_hire") return "warn";
  return "ok";
}

export function InterviewReportView({ report }: { report: InterviewReport }) {
  const coverage = report.coverage ?? report.star;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="report-title">
        <h2 id="report-title">
          {report.question.title}: <Badge tone={bandTone(report.rubric.band)}>{titleCase(report.rubric.band)}</Badge>
        </h2>
        <p data-testid="report-summary">
          Overall {report.rubric.overall} / 4 · {report.timeUsedMinutes} of {report.durationMinutes} min ·{" "}
          {report.hintsUsed} of {report.hintsAvailable} hints
          {report.tests && ` · ${report.tests.passed} of ${report.tests.total} tests passed`}
          {report.status === "expired" && " · time ran out"}
        </p>
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
      </section>
      <div className="rubric">
        {DIMENSIONS.map((d) => {
          const score = report.rubric[d];
          if (!score) return null;
          return (
            <section key={d} className="card" aria-label={titleCase(d)}>
              <h3>
                {titleCase(d)}{" "}
                <span className="score-dots" aria-hidden="true">
                  {"●".repeat(score.score)}
                  {"○".repeat(4 - score.score)}
                </span>
                <span className="sr-only">{score.score} of 4</span>
              </h3>
              <ul>
                {score.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {report.feedback && (
        <section className="card" aria-labelledby="feedback-title">
          <h2 id="feedback-title">Feedback</h2>
          <p className="bubble-text">{report.feedback}</p>
        </section>
      )}
    </div>
  );
}
