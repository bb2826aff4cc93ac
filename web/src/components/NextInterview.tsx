// The countdown to the next scheduled interview, on the Overview.
import { api } from "../api";
import { useLoad, useNow } from "../hooks";
import { countdownParts, formatDateTime } from "../lib/format";
import { modeLabel } from "../lib/interview";
import { Link } from "../router";
import type { ScheduledInterview } from "../types";
import { Async } from "./ui";

export function NextInterviewCard() {
  const next = useLoad(
    (signal) => api.get<{ next: ScheduledInterview | null }>("/schedule/next", undefined, signal),
    [],
  );
  return (
    <section className="card" aria-labelledby="next-title">
      <h2 id="next-title">Next interview</h2>
      <Async state={next} label="Loading your schedule…">
        {(n) =>
          n.next ? (
            <Countdown item={n.next} />
          ) : (
            <p className="muted">
              Nothing scheduled. <Link to="/schedule">Schedule a mock interview</Link>
            </p>
          )
        }
      </Async>
    </section>
  );
}

function Countdown({ item }: { item: ScheduledInterview }) {
  const now = useNow(30_000);
  const parts = countdownParts(item.scheduledAt, now);
  return (
    <div className="stack">
      <p className="countdown" role="timer" aria-label="Time until the next interview">
        {parts.past ? (
          "Starting now"
        ) : (
          <>
            <strong>{parts.days}</strong> d <strong>{parts.hours}</strong> h <strong>{parts.minutes}</strong> min
          </>
        )}
      </p>
      <p className="muted">
        {modeLabel(item.mode)}
        {item.difficulty ? `, ${item.difficulty}` : ""} · {formatDateTime(item.scheduledAt)} · {item.durationMinutes}{" "}
        min
      </p>
      <Link to="/schedule">Manage the schedule</Link>
    </div>
  );
}
