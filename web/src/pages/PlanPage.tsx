// The weekly study plan up to the interview date: each week's reviews, new problems, topic study and
// mocks within the user's weekly hours, favouring weak topics.
import { useState } from "react";
import { ApiError, api } from "../api";
import { AttemptDialog, loggedMessage } from "../components/AttemptDialog";
import { Badge, Empty, ErrorBox, PageHeader, Spinner } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import { formatDate, plural, titleCase } from "../lib/format";
import { useSession } from "../session";
import type { PlanItemView, PlanView, ProblemSummary } from "../types";

const KIND_LABEL: Record<string, string> = {
  new: "New problem",
  review: "Review",
  mock: "Mock interview",
  topic: "Study topic",
};

async function loadPlan(signal: AbortSignal): Promise<PlanView | null> {
  try {
    return await api.get("/plan", undefined, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function PlanPage() {
  const { user } = useSession();
  const plan = useLoad(loadPlan, []);
  const [weeks, setWeeks] = useState("");
  const generate = useAction(async () => {
    const body: Record<string, number> = {};
    if (weeks) body.weeks = Number(weeks);
    plan.setData(await api.post("/plan", body));
  });
  // A planned problem is done by logging an attempt on it (asked for its outcome), which ticks the item;
  // a task without a problem (a topic to read, a mock) is ticked directly.
  const [logging, setLogging] = useState<ProblemSummary | null>(null);
  const [message, setMessage] = useState<string>();
  const markDone = useAction(async (item: PlanItemView) => {
    if (item.problemSlug) {
      setLogging({
        slug: item.problemSlug,
        title: item.title ?? item.problemSlug,
        difficulty: item.difficulty ?? "medium",
        rating: null,
        hidden: false,
        url: null,
        leetcodeId: null,
        companies: [],
        topics: [],
        custom: false,
        status: "new",
        hasNote: false,
        revisit: false,
      });
      return;
    }
    await api.post(`/plan/items/${item.id}/done`, {});
    plan.reload();
  });

  return (
    <>
      <PageHeader title="Plan" />
      <form
        className="card row"
        onSubmit={(e) => {
          e.preventDefault();
          void generate.act();
        }}
        style={{ marginBottom: "1rem" }}
      >
        <label>
          Weeks
          <input
            type="number"
            min={1}
            max={52}
            value={weeks}
            onChange={(e) => setWeeks(e.target.value)}
            placeholder={user.interviewDate ? `until ${formatDate(user.interviewDate)}` : "default"}
          />
        </label>
        <p className="muted" style={{ margin: 0 }}>
          {plural(user.weeklyHours, "hour")} a week (change it in Settings).
        </p>
        <button type="submit" className="primary" disabled={generate.busy}>
          {generate.busy ? "Planning…" : plan.data ? "Rebuild the plan" : "Build my plan"}
        </button>
      </form>
      <ErrorBox error={generate.error ?? markDone.error} />
      {plan.error && <ErrorBox error={plan.error} onRetry={plan.reload} />}
      {plan.loading && plan.data === undefined && <Spinner label="Loading your plan…" />}
      {plan.data === null && <Empty>You have no study plan yet. Build one above.</Empty>}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {plan.data && <PlanWeeks plan={plan.data} busy={markDone.busy} onDone={(item) => void markDone.act(item)} />}
      <AttemptDialog
        problem={logging}
        onClose={() => setLogging(null)}
        onLogged={(result) => {
          setLogging(null);
          setMessage(`${loggedMessage(result)}${result.planItemId ? " Plan item ticked." : ""}`);
          plan.reload();
        }}
      />
    </>
  );
}

function PlanWeeks({ plan, busy, onDone }: { plan: PlanView; busy: boolean; onDone: (item: PlanItemView) => void }) {
  const byWeek = new Map<number, PlanItemView[]>();
  for (const item of plan.items.items) byWeek.set(item.week, [...(byWeek.get(item.week) ?? []), item]);
  const budget = plan.weeklyHours * 60;
  return (
    <div className="stack">
      <p>
        {formatDate(plan.startsOn)} – {formatDate(plan.endsOn)} · {plural(plan.weeks, "week")} · {plan.weeklyHours} h
        per week · {plural(plan.topics.length, "topic")}
      </p>
      {plan.warnings.map((w) => (
        <p key={w} className="notice">
          {w}
        </p>
      ))}
      {[...byWeek.entries()].map(([week, items]) => {
        const minutes = plan.minutesByWeek[week - 1] ?? items.reduce((s, i) => s + i.minutes, 0);
        return (
          <details key={week} className="card" open={week <= 2}>
            <summary>
              <h2 id={`week-${week}`} style={{ display: "inline" }}>
                Week {week}{" "}
                <span className="muted" style={{ fontWeight: 400 }}>
                  {Math.round(minutes)} of {Math.round(budget)} min
                </span>
              </h2>
            </summary>
            <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {items.map((item) => (
                <li key={item.id} className="row" style={{ alignItems: "center" }}>
                  <span>
                    <Badge>{KIND_LABEL[item.kind] ?? item.kind}</Badge>{" "}
                    <span style={item.done ? { textDecoration: "line-through" } : undefined}>
                      {item.title ?? (item.topicId ? titleCase(item.topicId) : "")}
                    </span>{" "}
                    {item.difficulty && <Badge tone={item.difficulty}>{item.difficulty}</Badge>}{" "}
                    <span className="muted">{item.minutes} min</span>
                    {item.note && <div className="muted">{item.note}</div>}
                  </span>
                  {item.done ? (
                    <span className="success">done</span>
                  ) : (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => onDone(item)}
                      aria-label={`Mark done: ${item.title ?? item.kind}`}
                    >
                      Mark done
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </div>
  );
}
