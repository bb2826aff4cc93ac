// The FSRS review queue, one card at a time: the problem, how likely it is still remembered, and four
// ratings that each say when the card would come back. Rating moves on to the next card.
import { useState } from "react";
import { api } from "../api";
import { Async, Badge, Empty, ErrorBox, PageHeader } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import { formatDate, percent, plural, relative } from "../lib/format";
import { Link } from "../router";
import { type CardView, type DueQueue, RATINGS, type RatingName, type RatingPreview } from "../types";

const LABEL: Record<RatingName, string> = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };
const KEYS: Record<string, RatingName> = { "1": "again", "2": "hard", "3": "good", "4": "easy" };

export function ReviewsPage() {
  const queue = useLoad((signal) => api.get<DueQueue>("/reviews/due", undefined, signal), []);
  const [done, setDone] = useState<{ title: string; card: CardView; rating: RatingName }[]>([]);

  return (
    <>
      <PageHeader title="Reviews" />
      {done.length > 0 && (
        <p className="notice" role="status" aria-live="polite">
          Rated {done[0].title} <strong>{LABEL[done[0].rating]}</strong>: next review on{" "}
          <strong>{formatDate(done[0].card.due)}</strong> ({relative(done[0].card.due)}). {plural(done.length, "card")}{" "}
          reviewed this session.
        </p>
      )}
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
                  onRated={(card, rating) => setDone([{ title: remaining[0].title, card, rating }, ...done])}
                />
              ) : (
                <Empty>Nothing is due. Come back later, or start something new below.</Empty>
              )}
              {q.newProblems.length > 0 && (
                <section className="card" style={{ marginTop: "1rem" }} aria-labelledby="new-title">
                  <h2 id="new-title">New today</h2>
                  <p className="muted">
                    {q.newStartedToday} of {q.dailyNewLimit} new problems started today. Suggested next:
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
    (signal) => api.get<{ outcomes: RatingPreview[] }>(`/reviews/${review.problemSlug}/preview`, undefined, signal),
    [review.problemSlug],
  );
  const rate = useAction(async (rating: RatingName) => {
    const card = await api.post<CardView>(`/reviews/${review.problemSlug}/rate`, {
      rating,
      durationMs: Math.min(86_400_000, Date.now() - shownAt),
    });
    onRated(card, rating);
  });
  const previewFor = (r: RatingName) => preview.data?.outcomes.find((p) => p.rating === r);
  return (
    <article
      className="card review"
      aria-labelledby="review-title"
      onKeyDown={(e) => {
        const rating = KEYS[e.key];
        if (rating && !rate.busy && !(e.target instanceof HTMLInputElement)) void rate.act(rating);
      }}
    >
      <h2 id="review-title">{review.title}</h2>
      <p>
        <Badge tone={review.difficulty}>{review.difficulty}</Badge> <span className="muted">{review.state}</span>
      </p>
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
              {previewFor(r) ? `next in ${plural(previewFor(r)!.scheduledDays, "day")}` : `key ${i + 1}`}
            </span>
          </button>
        ))}
      </fieldset>
      <ErrorBox error={rate.error} />
    </article>
  );
}
