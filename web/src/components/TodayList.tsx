// The Today queue: due reviews, this week's plan items and recommended new problems in one list. The
// first open item is the current one: keys 1–4 rate it (Again = failed, Hard/Good/Easy = solved) with
// nothing focused, and each rating is one attempt that also ticks its plan item. `/` focuses the search,
// `?` shows the keys, `u` undoes the last action (the server deletes the attempt and replays the card).
import { useRef, useState } from "react";
import { api } from "../api";
import { useAction, useLoad } from "../hooks";
import { percent, plural } from "../lib/format";
import { RATING_KEYS, RATING_LABEL, useShortcuts } from "../lib/shortcuts";
import { Link } from "../router";
import { RATINGS, type RatingName, type TodayItem } from "../types";
import { StartHere } from "./StartHere";
import { Async, Badge, Dialog, Empty, ErrorBox } from "./ui";

const KIND_LABEL: Record<TodayItem["kind"], string> = { review: "review", plan: "planned", new: "new" };

interface Undo {
  label: string;
  run: () => Promise<unknown>;
}

export function TodayList({ limit, showStartHere = true }: { limit?: number; showStartHere?: boolean }) {
  const today = useLoad((signal) => api.get("/today", undefined, signal), []);
  const [filter, setFilter] = useState("");
  const [undo, setUndo] = useState<Undo | null>(null);
  const [message, setMessage] = useState<string>();
  const [help, setHelp] = useState(false);
  const search = useRef<HTMLInputElement>(null);

  const visible = (today.data?.items ?? []).filter((item) => {
    const q = filter.trim().toLowerCase();
    return !q || item.title.toLowerCase().includes(q) || (item.problemSlug ?? "").includes(q);
  });
  const current = visible[0];

  const finish = useAction(async (item: TodayItem, rating: RatingName | "done") => {
    if (item.problemSlug && rating !== "done") {
      const logged = await api.post("/attempts", {
        problem: item.problemSlug,
        outcome: rating === "again" ? "failed" : "solved",
        rating,
      });
      const label = `Logged ${item.title}: ${RATING_LABEL[rating]}${logged.planItemId ? ", plan item ticked" : ""}.`;
      setUndo({ label, run: () => api.del(`/attempts/${logged.attempt.id}`) });
      setMessage(label);
    } else if (item.planItemId !== null) {
      const id = item.planItemId;
      await api.post(`/plan/items/${id}/done`);
      const label = `Ticked “${item.title}”.`;
      setUndo({ label, run: () => api.del(`/plan/items/${id}/done`) });
      setMessage(label);
    }
    today.reload();
  });
  const undoLast = useAction(async () => {
    if (!undo) return;
    await undo.run();
    setMessage(`Undone: ${undo.label}`);
    setUndo(null);
    today.reload();
  });

  const rateCurrent = (rating: RatingName) => {
    if (current && !finish.busy) void finish.act(current, current.problemSlug ? rating : "done");
  };
  useShortcuts({
    "1": () => rateCurrent(RATING_KEYS["1"]),
    "2": () => rateCurrent(RATING_KEYS["2"]),
    "3": () => rateCurrent(RATING_KEYS["3"]),
    "4": () => rateCurrent(RATING_KEYS["4"]),
    "/": () => search.current?.focus(),
    "?": () => setHelp(true),
    u: () => void undoLast.act(),
  });

  return (
    <div className="today">
      {showStartHere && today.data && !today.data.startHere.complete && (
        <StartHere steps={today.data.startHere.steps} />
      )}
      <div className="row" style={{ justifyContent: "space-between", alignItems: "end" }}>
        <label>
          Search today
          <input
            ref={search}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Press / to search"
            aria-keyshortcuts="/"
          />
        </label>
        <button type="button" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          Keys (?)
        </button>
      </div>
      {message && (
        <p className="notice" role="status" aria-live="polite">
          {message}{" "}
          {undo && (
            <button type="button" onClick={() => void undoLast.act()} disabled={undoLast.busy} aria-keyshortcuts="u">
              Undo (u)
            </button>
          )}
        </p>
      )}
      <ErrorBox error={finish.error ?? undoLast.error} />
      <Async state={today} label="Loading today's queue…">
        {(q) =>
          visible.length === 0 ? (
            <Empty>
              {q.items.length === 0
                ? "Nothing left for today. Log a problem from the catalogue, or generate a plan."
                : "No item matches the search."}
            </Empty>
          ) : (
            <>
              <p className="muted" data-testid="today-count">
                {plural(q.counts.review, "review")} · {plural(q.counts.plan, "plan item")} ·{" "}
                {plural(q.counts.new, "new problem")}
                {q.plan && ` · plan week ${q.plan.week} of ${q.plan.weeks}`}
              </p>
              <ol className="today-list stack" aria-label="Today's queue">
                {visible.slice(0, limit ?? visible.length).map((item) => (
                  <TodayRow
                    key={item.key}
                    item={item}
                    current={item === current}
                    busy={finish.busy}
                    onFinish={(rating) => void finish.act(item, rating)}
                  />
                ))}
              </ol>
              {limit !== undefined && visible.length > limit && (
                <Link to="/today">All {plural(visible.length, "item")} on the Today page</Link>
              )}
            </>
          )
        }
      </Async>
      <Dialog open={help} title="Keyboard" onClose={() => setHelp(false)}>
        <ul>
          <li>
            <kbd>1</kbd>–<kbd>4</kbd>: rate the first item Again (failed), Hard, Good, Easy: logs it and ticks its plan
            item
          </li>
          <li>
            <kbd>u</kbd>: undo the last rating, log or tick
          </li>
          <li>
            <kbd>/</kbd>: search the list
          </li>
          <li>
            <kbd>?</kbd>: this help; <kbd>Esc</kbd> closes it
          </li>
        </ul>
      </Dialog>
    </div>
  );
}

function TodayRow({
  item,
  current,
  busy,
  onFinish,
}: {
  item: TodayItem;
  current: boolean;
  busy: boolean;
  onFinish: (rating: RatingName | "done") => void;
}) {
  return (
    <li className={current ? "card today-item current" : "card today-item"} aria-current={current ? "true" : undefined}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <div>
          <strong>
            {item.problemSlug ? <Link to={`/problems/${item.problemSlug}`}>{item.title}</Link> : item.title}
          </strong>{" "}
          <Badge tone={item.kind === "review" ? "medium" : "neutral"}>{KIND_LABEL[item.kind]}</Badge>{" "}
          {item.difficulty && <Badge tone={item.difficulty}>{item.difficulty}</Badge>}{" "}
          {item.url && (
            <a href={item.url} target="_blank" rel="noreferrer">
              LeetCode{item.leetcodeId ? ` #${item.leetcodeId}` : ""} ↗
            </a>
          )}
          <div className="muted small">
            {item.reason}
            {item.minutes ? ` · about ${item.minutes} min` : ""}
            {item.retrievability !== null && item.kind !== "review" ? ` · recall ${percent(item.retrievability)}` : ""}
          </div>
        </div>
        <span className="row" style={{ flexWrap: "nowrap" }}>
          {item.problemSlug ? (
            RATINGS.map((r, i) => (
              <button
                key={r}
                type="button"
                disabled={busy}
                className={r === "good" ? "primary" : ""}
                onClick={() => onFinish(r)}
                aria-label={`${RATING_LABEL[r]}: ${item.title}`}
                title={current ? `key ${i + 1}` : undefined}
              >
                {RATING_LABEL[r]}
              </button>
            ))
          ) : (
            <button type="button" disabled={busy} onClick={() => onFinish("done")} aria-label={`Done: ${item.title}`}>
              Done
            </button>
          )}
        </span>
      </div>
    </li>
  );
}
