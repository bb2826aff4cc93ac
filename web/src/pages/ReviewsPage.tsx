// The FSRS review queue, one card at a time, as in Anki: the problem with its LeetCode link and the
// user's notes, how likely it is still remembered, and four ratings (keys 1–4, nothing to focus first)
// that each say when the card would come back. `u` or the Undo button takes the last rating back: the
// server removes it from the card's log and replays the card.
import { useState } from "react";
import { api } from "../api";
import { Async, Badge, Empty, ErrorBox, PageHeader } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import { formatDate, percent, plural, relative } from "../lib/format";
import { RATING_LABEL as LABEL, RATING_KEYS, useShortcuts } from "../lib/shortcuts";
import { Link } from "../router";
import { type CardView, type DueQueue, RATINGS, type RatingName } from "../types";

export function ReviewsPage() {
  const queue = useLoad((signal) => api.get("/reviews/due", undefined, signal), []);
  const [done, setDone] = useState<{ title: string; card: CardView; rating: RatingName }[]>([]);
  const [undone, setUndone] = useState<string>();
  const undo = useAction(async () => {
    const last = done[0];
    if (!last) return;
    await api.post(`/reviews/${last.card.problemSlug}/undo`);
    setDone(done.slice(1));
    setUndone(`Took back ${LABEL[last.rating]} on ${last.title}: it is due again.`);
  });
  useShortcuts({ u: () => void undo.act() });

  return (
    <>
      <PageHeader title="Reviews" />
      {done.length > 0 && (
        <p className="notice" role="status" aria-live="polite">
          Rated {done[0].title} <strong>{LABEL[done[0].rating]}</strong>: next review on{" "}
          <strong>{formatDate(done[0].card.due)}</strong> ({relative(done[0].card.due)}). {plural(done.length, "card")}{" "}
          reviewed this session.{" "}
          <button type="button" onClick={() => void undo.act()} disabled={undo.busy} aria-keyshortcuts="u">
            Undo (u)
          </button>
        </p>
      )}
      {done.length === 0 && undone && (
        <p className="notice" role="status">
          {undone}
        </p>
      )}
      <ErrorBox error={undo.error} />
      <Async state={queue} label="Loading the review queue…">
        {(q) => {
          const remaining = q.reviews.filter((r) => !done.some((d) => d.card.problemSlug === r.problemSlug));
          return (
            <>
              <p className="muted" data-testid="queue-count">
                {plural(remaining.length, "card")} due now
              </p>
              {remaining.length > 0 ? (
                <ReviewCard
                  key={remaining[0].problemSlug}
                  review={remaining[0]}
                  onRated={(card, rating) => {
                    setUndone(undefined);
                    setDone([{ title: remaining[0].title, card, rating }, ...done]);
                  }}
                />
              ) : (
                <Empty>Nothing is due. Come back later, or start something new below.</Empty>
              )}
              {q.newProblems.length > 0 && (
                <section className="card" style={{ marginTop: "1rem" }} aria-labelledby="new-title">
                  <h2 id="new-title">New today</h2>
                  <p className="muted">
                    {q.newStartedToday} of {plural(q.dailyNewLimit, "new problem")} started today. Suggested next:
                  </p>
                  <ul>
                    {q.newProblems.map((p) => (
                      <li key={p.problemSlug}>
                        {p.title} {p.difficulty && <Badge tone={p.difficulty}>{p.difficulty}</Badge>}
                        {p.reason && <div className="muted">{p.reason}</div>}
                      </li>
                    ))}
                  </ul>
                  <Link to="/problems">Open the catalogue to log one</Link>
                </section>
              )}
            </>
          );
        }}
      </Async>
    </>
  );
}

function ReviewCard({
  review,
  onRated,
}: {
  review: DueQueue["reviews"][number];
  onRated: (card: CardView, rating: RatingName) => void;
}) {
  const [shownAt] = useState(() => Date.now());
  const preview = useLoad(
    (signal) => api.get(`/reviews/${review.problemSlug}/preview`, undefined, signal),
    [review.problemSlug],
  );
  const rate = useAction(async (rating: RatingName) => {
    const card = await api.post(`/reviews/${review.problemSlug}/rate`, {
      rating,
      durationMs: Math.min(86_400_000, Date.now() - shownAt),
    });
    onRated(card, rating);
  });
  const details = useLoad(
    (signal) => api.get(`/problems/${review.problemSlug}/page`, undefined, signal),
    [review.problemSlug],
  );
  const previewFor = (r: RatingName) => preview.data?.outcomes.find((p) => p.rating === r);
  // keys 1–4 rate from anywhere on the page, as in Anki (not only once the card has focus)
  const byKey = (key: string) => () => {
    const rating = RATING_KEYS[key];
    if (rating && !rate.busy) void rate.act(rating);
  };
  useShortcuts({ "1": byKey("1"), "2": byKey("2"), "3": byKey("3"), "4": byKey("4") });
  const problem = details.data?.problem;
  const note = details.data?.note;
  const attemptNote = details.data?.attempts.find((a) => a.notes?.trim());
  return (
    <article className="card review" aria-labelledby="review-title">
      <h2 id="review-title">
        <Link to={`/problems/${review.problemSlug}`}>{review.title}</Link>
      </h2>
      <p>
        <Badge tone={review.difficulty}>{review.difficulty}</Badge> <span className="muted">{review.state}</span>{" "}
        {problem?.url && (
          <a href={problem.url} target="_blank" rel="noreferrer">
            Open on LeetCode{problem.leetcodeId ? ` (#${problem.leetcodeId})` : ""} ↗
          </a>
        )}
      </p>
      {note?.body.trim() && (
        <blockquote className="review-note" data-testid="review-note">
          <strong>Your notes:</strong> <span style={{ whiteSpace: "pre-wrap" }}>{note.body}</span>
        </blockquote>
      )}
      {attemptNote?.notes && (
        <blockquote className="review-note" data-testid="review-attempt-note">
          <strong>Note from your attempt on {formatDate(attemptNote.attemptedAt)}:</strong>{" "}
          <span style={{ whiteSpace: "pre-wrap" }}>{attemptNote.notes}</span>
        </blockquote>
      )}
      <p className="muted">
        Due {relative(review.due)} · recall now about {percent(review.retrievability)} · {plural(review.reps, "review")}
        {review.lapses > 0 && `, ${plural(review.lapses, "lapse")}`}
      </p>
      <p>Solve it again from memory, then say how it went.</p>
      <fieldset className="ratings">
        <legend className="sr-only">Rate this review</legend>
        {RATINGS.map((r, i) => (
          <button
            key={r}
            type="button"
            className={r === "good" ? "primary" : ""}
            disabled={rate.busy}
            onClick={() => void rate.act(r)}
          >
            {LABEL[r]}
            <span className="hint">
              {previewFor(r) ? `next in ${plural(previewFor(r)!.scheduledDays, "day")} · key ${i + 1}` : `key ${i + 1}`}
            </span>
          </button>
        ))}
      </fieldset>
      <ErrorBox error={rate.error} />
    </article>
  );
}
