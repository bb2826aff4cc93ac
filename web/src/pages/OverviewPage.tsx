// Overview: the numbers that matter today — the Today queue (with a new user's start-here steps), stat cards, streaks, the year's heatmap, mastery per topic,
// the weakest topics with the reason, what is due today and the countdown to the next interview.
import { api } from "../api";
import { BarChart } from "../components/BarChart";
import { Heatmap } from "../components/Heatmap";
import { NextInterviewCard } from "../components/NextInterview";
import { SkillList } from "../components/SkillList";
import { TodayList } from "../components/TodayList";
import { Async, Badge, Empty, PageHeader, StatCard } from "../components/ui";
import { useLoad } from "../hooks";
import { percent, plural } from "../lib/format";
import { Link } from "../router";

export function OverviewPage() {
  const stats = useLoad((signal) => api.get("/stats", undefined, signal), []);
  const due = useLoad((signal) => api.get("/reviews/due", undefined, signal), []);
  const mastery = useLoad((signal) => api.get("/mastery", undefined, signal), []);
  const weak = useLoad((signal) => api.get("/weaknesses", undefined, signal), []);

  return (
    <>
      <PageHeader title="Overview" />
      <Async state={stats} label="Loading your stats…">
        {(s) => (
          <div className="stats">
            <StatCard
              label="Problems solved"
              value={s.solved}
              hint={`of ${s.coverage.total} (${percent(s.coverage.ratio, 1)})`}
            />
            <StatCard label="Attempts" value={s.totalAttempts} hint={`${plural(s.attempted, "problem")} tried`} />
            <StatCard
              label="Current streak"
              value={plural(s.streak.current, "day")}
              hint={s.streak.activeToday ? "today counts" : "practise today to keep it"}
            />
            <StatCard label="Longest streak" value={plural(s.streak.longest, "day")} />
            <StatCard label="Time practised" value={`${Math.round(s.totalMinutes / 6) / 10} h`} />
            <Async state={due} label="…">
              {(q) => (
                <StatCard
                  label="Due today"
                  value={q.reviews.length}
                  hint={<Link to="/reviews">{q.reviews.length ? "Start reviewing" : "Nothing due"}</Link>}
                />
              )}
            </Async>
          </div>
        )}
      </Async>
      <div className="overview">
        <section className="card wide-all" aria-labelledby="today-title">
          <h2 id="today-title">Today</h2>
          <TodayList limit={5} />
        </section>
        <section className="card wide-all" aria-labelledby="activity-title">
          <h2 id="activity-title">Activity</h2>
          <Async state={stats}>{(s) => <Heatmap counts={s.heatmap} today={s.today} />}</Async>
        </section>
        <section className="card wide-2" aria-labelledby="mastery-title">
          <h2 id="mastery-title">Topic mastery</h2>
          <Async state={mastery} label="Loading mastery…">
            {(m) =>
              m.topics.length ? (
                <BarChart
                  title="Mastery per topic"
                  bars={[...m.topics]
                    .sort((a, b) => a.position - b.position)
                    .map((t) => ({
                      id: t.topicId,
                      label: t.name,
                      value: t.mastery,
                      detail: `${t.covered}/${t.total} reviewed`,
                    }))}
                />
              ) : (
                <Empty>No topics yet.</Empty>
              )
            }
          </Async>
        </section>
        <section className="card" aria-labelledby="weak-title">
          <h2 id="weak-title">Weakest topics</h2>
          <Async state={weak} label="Finding weak topics…">
            {(w) => {
              // only topics with evidence: with no attempts there is no weakest topic, not 18 tied ones
              const top = (w.weakest ?? []).filter((t) => t.score > 0).slice(0, 5);
              return top.length ? (
                <ol className="stack" style={{ paddingLeft: "1.2rem", margin: 0 }}>
                  {top.map((t) => (
                    <li key={t.topicId}>
                      <strong>{t.name}</strong> <Badge tone={t.severity}>{t.severity}</Badge>{" "}
                      <span className="muted">score {Math.round(t.score)}</span>
                      <div className="muted">{t.reason}</div>
                    </li>
                  ))}
                </ol>
              ) : (
                <Empty>Log a few attempts and your weak topics will show here.</Empty>
              );
            }}
          </Async>
        </section>
        <NextInterviewCard />
        <SkillList />
      </div>
    </>
  );
}
