// Scheduled mock interviews: plan one or a weekly series, see the countdowns and reminders, reschedule,
// cancel, or start one now; and the in-app notifications the reminders produce.
import { type FormEvent, useState } from "react";
import { api } from "../api";
import { Notifications } from "../components/Notifications";
import { Async, Badge, Empty, ErrorBox, PageHeader } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import { formatDateTime, relative, toLocalInput } from "../lib/format";
import { modeLabel } from "../lib/interview";
import { navigate } from "../router";
import type { ScheduledInterview, SessionView } from "../types";

export function SchedulePage() {
  const upcoming = useLoad((signal) => api.get<{ items: ScheduledInterview[] }>("/schedule", undefined, signal), []);
  return (
    <>
      <PageHeader title="Schedule" />
      <div className="grid two">
        <ScheduleForm onScheduled={upcoming.reload} />
        <Notifications />
      </div>
      <section className="card" aria-labelledby="upcoming-title" style={{ marginTop: "1rem" }}>
        <h2 id="upcoming-title">Upcoming interviews</h2>
        <Async state={upcoming} label="Loading your schedule…">
          {(u) =>
            u.items.length === 0 ? (
              <Empty>Nothing scheduled.</Empty>
            ) : (
              <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {u.items.map((item) => (
                  <Upcoming key={item.id} item={item} onChanged={upcoming.reload} />
                ))}
              </ul>
            )
          }
        </Async>
      </section>
    </>
  );
}

function ScheduleForm({ onScheduled }: { onScheduled: () => void }) {
  const [form, setForm] = useState({
    at: "",
    minutes: "45",
    mode: "coding",
    difficulty: "medium",
    role: "",
    weeks: "1",
  });
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const [done, setDone] = useState<string>();
  const schedule = useAction(async () => {
    const body: Record<string, unknown> = { mode: form.mode, durationMinutes: Number(form.minutes) };
    if (form.at) body.at = new Date(form.at).toISOString();
    if (form.mode !== "behavioral") body.difficulty = form.difficulty;
    if (form.role.trim()) body.role = form.role.trim();
    if (Number(form.weeks) > 1) body.weeks = Number(form.weeks);
    const result = await api.post<{ items: ScheduledInterview[] }>("/schedule", body);
    setDone(
      result.items.length === 1
        ? `Scheduled for ${formatDateTime(result.items[0].scheduledAt)}.`
        : `Scheduled ${result.items.length} weekly interviews from ${formatDateTime(result.items[0].scheduledAt)}.`,
    );
    onScheduled();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(undefined);
    void schedule.act();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="schedule-title">
      <h2 id="schedule-title">Schedule a mock interview</h2>
      <div className="row">
        <label>
          When
          <input
            type="datetime-local"
            value={form.at}
            min={toLocalInput(new Date())}
            onChange={(e) => set({ at: e.target.value })}
          />
          <span className="hint">Empty: next Friday 15:00 in your timezone.</span>
        </label>
        <label>
          Minutes
          <input
            type="number"
            min={5}
            max={240}
            value={form.minutes}
            onChange={(e) => set({ minutes: e.target.value })}
          />
        </label>
      </div>
      <div className="row">
        <label>
          Mode
          <select value={form.mode} onChange={(e) => set({ mode: e.target.value })}>
            <option value="coding">Coding</option>
            <option value="system_design">System design</option>
            <option value="behavioral">Behavioural</option>
          </select>
        </label>
        {form.mode !== "behavioral" && (
          <label>
            Difficulty
            <select value={form.difficulty} onChange={(e) => set({ difficulty: e.target.value })}>
              <option value="easy">Easy</option>
              <option value="medium">Medium</option>
              <option value="hard">Hard</option>
            </select>
          </label>
        )}
        <label>
          Repeat weekly for
          <input type="number" min={1} max={52} value={form.weeks} onChange={(e) => set({ weeks: e.target.value })} />
          <span className="hint">weeks (the difficulty cycles)</span>
        </label>
      </div>
      <label>
        Role
        <input value={form.role} onChange={(e) => set({ role: e.target.value })} placeholder="optional" />
      </label>
      <ErrorBox error={schedule.error} />
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <button type="submit" className="primary" disabled={schedule.busy}>
        Schedule
      </button>
    </form>
  );
}

function Upcoming({ item, onChanged }: { item: ScheduledInterview; onChanged: () => void }) {
  const [moving, setMoving] = useState(false);
  const [at, setAt] = useState(() => toLocalInput(item.scheduledAt));
  const reschedule = useAction(async () => {
    await api.patch(`/schedule/${item.id}`, { at: new Date(at).toISOString() });
    setMoving(false);
    onChanged();
  });
  const cancel = useAction(async (scope: "one" | "series") => {
    await api.del(`/schedule/${item.id}${scope === "series" ? "?scope=series" : ""}`);
    onChanged();
  });
  const start = useAction(async () => {
    const body: Record<string, unknown> = {
      mode: item.mode,
      scheduledInterviewId: item.id,
      durationMinutes: item.durationMinutes,
    };
    if (item.difficulty && item.mode !== "behavioral") body.difficulty = item.difficulty;
    if (item.role) body.role = item.role;
    if (item.company) body.company = item.company;
    const session = await api.post<SessionView>("/interviews/sessions", body);
    navigate(`/interview?session=${session.id}`);
  });
  const label = `${modeLabel(item.mode)} interview on ${formatDateTime(item.scheduledAt)}`;
  return (
    <li className="stack" aria-label={label}>
      <div>
        <strong>{formatDateTime(item.scheduledAt)}</strong>{" "}
        <span className="muted">({relative(item.scheduledAt)})</span> <Badge>{modeLabel(item.mode)}</Badge>{" "}
        {item.difficulty && <Badge tone={item.difficulty}>{item.difficulty}</Badge>}{" "}
        <span className="muted">
          {item.durationMinutes} min{item.role ? ` · ${item.role}` : ""}
          {item.seriesId ? " · weekly series" : ""}
        </span>
      </div>
      <Reminders id={item.id} />
      {moving ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void reschedule.act();
          }}
        >
          <label>
            New time
            <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
          </label>
          <button type="submit" className="primary" disabled={reschedule.busy}>
            Save
          </button>
          <button type="button" onClick={() => setMoving(false)}>
            Keep the time
          </button>
        </form>
      ) : (
        <div className="row">
          <button type="button" onClick={() => void start.act()} disabled={start.busy}>
            Start now
          </button>
          <button type="button" onClick={() => setMoving(true)}>
            Reschedule
          </button>
          <button type="button" className="danger" onClick={() => void cancel.act("one")} disabled={cancel.busy}>
            Cancel
          </button>
          {item.seriesId && (
            <button type="button" className="danger" onClick={() => void cancel.act("series")} disabled={cancel.busy}>
              Cancel the rest of the series
            </button>
          )}
        </div>
      )}
      <ErrorBox error={reschedule.error ?? cancel.error ?? start.error} />
    </li>
  );
}

interface Reminder {
  kind: string;
  dueAt: string;
  sentAt: string | null;
  error: string | null;
}

function Reminders({ id }: { id: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Reminders</summary>
      {open && <ReminderList id={id} />}
    </details>
  );
}

function ReminderList({ id }: { id: number }) {
  const detail = useLoad((signal) => api.get<{ reminders: Reminder[] }>(`/schedule/${id}`, undefined, signal), [id]);
  return (
    <Async state={detail} label="Loading reminders…">
      {(d) =>
        d.reminders.length === 0 ? (
          <Empty>No reminders.</Empty>
        ) : (
          <ul>
            {d.reminders.map((r) => (
              <li key={r.kind}>
                {r.kind} before — {formatDateTime(r.dueAt)}:{" "}
                {r.sentAt ? `sent ${formatDateTime(r.sentAt)}` : r.error ? `failed: ${r.error}` : "pending"}
              </li>
            ))}
          </ul>
        )
      }
    </Async>
  );
}
