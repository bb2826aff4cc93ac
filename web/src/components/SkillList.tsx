// Skill ratings per topic ("Graphs 1,540 ± 120"), overall and at pattern recognition, with the next
// problems the recommender picked at the right difficulty. On the Overview (card) and the Roadmap (inline).
import { api } from "../api";
import { useLoad } from "../hooks";
import { Link } from "../router";
import type { Skill } from "../types";
import { Async, Empty } from "./ui";

const points = (n: number) => n.toLocaleString("en-US");

/** "Graphs 1,540 ± 120" */
export function formatSkill(skill: Skill): string {
  return `${skill.name} ${points(skill.rating)} ± ${skill.deviation}`;
}

export function SkillList({ compact = false }: { compact?: boolean }) {
  const skills = useLoad((signal) => api.get("/skills", undefined, signal), []);
  const recs = useLoad((signal) => api.get("/recommendations", { limit: 3 }, signal), []);
  return (
    <section className={compact ? "card" : "card wide-2"} aria-labelledby="skills-title">
      <h2 id="skills-title">Skill ratings</h2>
      <Async state={skills} label="Loading your skills…">
        {(list) => {
          const practised = list.filter((s) => s.attempts > 0 || s.topic === "global");
          const shown = compact
            ? practised
            : list.filter((s) => s.attempts > 0 || s.topic === "global" || s.topic === "pattern_recognition");
          return shown.length ? (
            <ul className="stack" style={{ paddingLeft: "1.2rem", margin: 0 }} aria-label="Skill per topic">
              {shown.map((s) => (
                <li key={s.topic} data-topic={s.topic}>
                  <strong>{s.name}</strong> {points(s.rating)} ± {s.deviation}{" "}
                  <span className="muted">
                    ({s.attempts} attempt{s.attempts === 1 ? "" : "s"})
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Log an attempt and your skill ratings will show here.</Empty>
          );
        }}
      </Async>
      {!compact && (
        <>
          <h3>At your level next</h3>
          <Async state={recs} label="Choosing problems…">
            {(r) =>
              r.length ? (
                <ol className="stack" style={{ paddingLeft: "1.2rem", margin: 0 }} aria-label="Recommended problems">
                  {r.map((p) => (
                    <li key={p.problemSlug}>
                      <Link to={`/problems?q=${encodeURIComponent(p.problemSlug)}`}>{p.title}</Link>
                      <div className="muted">{p.reason}</div>
                    </li>
                  ))}
                </ol>
              ) : (
                <Empty>Every problem is solved.</Empty>
              )
            }
          </Async>
        </>
      )}
    </section>
  );
}
