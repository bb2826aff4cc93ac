// The roadmap: the prerequisite graph of the topics, laid out in layers (SVG edges under HTML buttons, so
// every node is a real focusable button), with progress per topic, lock state and the focus topic.
import { useMemo, useState } from "react";
import { api } from "../api";
import { SkillList } from "../components/SkillList";
import { Async, Badge, ErrorBox, PageHeader } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import { percent } from "../lib/format";
import { layoutGraph } from "../lib/graph-layout";
import type { RoadmapTopic } from "../types";

const SIZE = { nodeWidth: 150, nodeHeight: 58, gapX: 22, gapY: 42 };

export function RoadmapPage() {
  const roadmap = useLoad((signal) => api.get("/roadmap", undefined, signal), []);
  const [selected, setSelected] = useState<string>();
  const focus = useAction(async (topic: string | null) => {
    roadmap.setData(await api.put("/roadmap/focus", { topic }));
  });
  return (
    <>
      <PageHeader title="Roadmap" />
      <Async state={roadmap} label="Loading the roadmap…">
        {(r) => {
          const current = r.topics.find((t) => t.id === selected);
          return (
            <>
              <p className="muted">{r.unlockRule}</p>
              <ErrorBox error={focus.error} />
              <Graph topics={r.topics} selected={selected} onSelect={setSelected} />
              {current && (
                <TopicDetail topic={current} topics={r.topics} busy={focus.busy} onFocus={(id) => void focus.act(id)} />
              )}
            </>
          );
        }}
      </Async>
      <SkillList compact />
    </>
  );
}

function Graph({
  topics,
  selected,
  onSelect,
}: {
  topics: RoadmapTopic[];
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const layout = useMemo(() => {
    const ordered = [...topics].sort((a, b) => a.position - b.position);
    const edges = ordered.flatMap((t) => t.prerequisites.map((p) => ({ from: p, to: t.id })));
    return {
      ...layoutGraph(
        ordered.map((t) => t.id),
        edges,
        SIZE,
      ),
      edges,
    };
  }, [topics]);
  const pad = 8;
  return (
    <div className="roadmap-scroll">
      <div className="roadmap" style={{ width: layout.width + pad * 2, height: layout.height + pad * 2 }}>
        <svg width={layout.width + pad * 2} height={layout.height + pad * 2} aria-hidden="true">
          {layout.edges.map((e) => {
            const a = layout.nodes.get(e.from);
            const b = layout.nodes.get(e.to);
            if (!a || !b) return null;
            const x1 = pad + a.x + SIZE.nodeWidth / 2;
            const y1 = pad + a.y + SIZE.nodeHeight;
            const x2 = pad + b.x + SIZE.nodeWidth / 2;
            const y2 = pad + b.y;
            const mid = (y1 + y2) / 2;
            return (
              <path
                key={`${e.from}-${e.to}`}
                d={`M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`}
                className={selected && (e.from === selected || e.to === selected) ? "edge edge-on" : "edge"}
              />
            );
          })}
        </svg>
        {topics.map((t) => {
          const p = layout.nodes.get(t.id);
          if (!p) return null;
          const progress = t.total ? t.solved / t.total : 0;
          return (
            <button
              key={t.id}
              type="button"
              className={`node${t.unlocked ? "" : " locked"}${t.focus ? " focus" : ""}${selected === t.id ? " selected" : ""}`}
              style={{ left: pad + p.x, top: pad + p.y, width: SIZE.nodeWidth, height: SIZE.nodeHeight }}
              aria-pressed={selected === t.id}
              aria-label={`${t.name}: ${t.solved} of ${t.total} solved, mastery ${percent(t.mastery)}, ${t.unlocked ? "unlocked" : "locked"}${t.focus ? ", focus topic" : ""}`}
              onClick={() => onSelect(t.id)}
            >
              <span className="node-name">
                {!t.unlocked && <LockIcon />}
                {t.name}
              </span>
              <span className="node-meta">
                {t.solved}/{t.total} · {percent(t.mastery)}
              </span>
              <span className="node-bar" aria-hidden="true">
                <span style={{ width: `${Math.round(progress * 100)}%` }} />
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

function TopicDetail({
  topic,
  topics,
  busy,
  onFocus,
}: {
  topic: RoadmapTopic;
  topics: RoadmapTopic[];
  busy: boolean;
  onFocus: (id: string | null) => void;
}) {
  const name = (id: string) => topics.find((t) => t.id === id)?.name ?? id;
  return (
    <section className="card stack" aria-labelledby="topic-title" style={{ marginTop: "1rem" }}>
      <h2 id="topic-title">
        {topic.name} {topic.focus && <Badge tone="ok">focus</Badge>}{" "}
        <Badge tone={topic.unlocked ? "ok" : "bad"}>{topic.unlocked ? "unlocked" : "locked"}</Badge>
      </h2>
      <p>
        Solved {topic.solved} of {topic.total} · mastery {percent(topic.mastery)}
      </p>
      {topic.prerequisites.length > 0 && <p className="muted">Needs: {topic.prerequisites.map(name).join(", ")}</p>}
      {topic.blockedBy.length > 0 && (
        <ul>
          {topic.blockedBy.map((b) => (
            <li key={b.topicId}>
              {name(b.topicId)}: {b.solved} of {b.needed} solved
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        {topic.focus ? (
          <button type="button" disabled={busy} onClick={() => onFocus(null)}>
            Clear focus
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy} onClick={() => onFocus(topic.id)}>
            Make this my focus topic
          </button>
        )}
      </div>
    </section>
  );
}

function LockIcon() {
  return (
    <svg className="lock" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}
