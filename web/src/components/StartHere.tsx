// A new user's first steps (log a first problem, set the interview date, link LeetCode, import old data).
// Each step leaves the card once the data says it is done; the card goes when all are, or when dismissed.
import { useState } from "react";
import { Link } from "../router";
import type { StartHereStep } from "../types";

const DISMISSED = "maang.start-here.dismissed";

export function StartHere({ steps }: { steps: StartHereStep[] }) {
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED) === "1");
  const open = steps.filter((s) => !s.done);
  if (dismissed || open.length === 0) return null;
  return (
    <section className="card start-here" aria-labelledby="start-here-title" style={{ marginBottom: "1rem" }}>
      <h2 id="start-here-title">Start here</h2>
      <ol className="stack" style={{ paddingLeft: "1.2rem", margin: 0 }}>
        {open.map((step) => (
          <li key={step.id} data-step={step.id}>
            <Link to={step.href}>
              <strong>{step.title}</strong>
            </Link>
            <div className="muted small">{step.detail}</div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="link"
        onClick={() => {
          localStorage.setItem(DISMISSED, "1");
          setDismissed(true);
        }}
      >
        Hide these steps
      </button>
    </section>
  );
}
