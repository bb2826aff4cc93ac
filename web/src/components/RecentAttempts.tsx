// The user's latest attempts, newest first.
import { api } from "../api";
import { useLoad } from "../hooks";
import { formatDateTime } from "../lib/format";
import type { AttemptView, Page } from "../types";
import { Async, Badge, Empty } from "./ui";

export function RecentAttempts({ version }: { version: number }) {
  const attempts = useLoad((signal) => api.get<Page<AttemptView>>("/attempts", { limit: 10 }, signal), [version]);
  return (
    <section className="card" aria-labelledby="recent-title" style={{ marginTop: "1rem" }}>
      <h2 id="recent-title">Recent attempts</h2>
      <Async state={attempts} label="Loading attempts…">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No attempts yet: pick a problem above and log how it went.</Empty>
          ) : (
            <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {page.items.map((a) => (
                <li key={a.id}>
                  <strong>{a.problemTitle}</strong>{" "}
                  <Badge tone={a.outcome === "solved" ? "ok" : "bad"}>{a.outcome.replace("_", " ")}</Badge>{" "}
                  <span className="muted">
                    {formatDateTime(a.attemptedAt)}
                    {a.minutes !== null && ` · ${a.minutes} min`}
                    {a.language && ` · ${a.language}`}
                    {a.rating && ` · rated ${a.rating}`}
                  </span>
                  {a.notes && <div className="muted">{a.notes}</div>}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
