// Horizontal bars with labels, for per-topic mastery and coverage. Values are fractions 0..1.
import { percent } from "../lib/format";

export interface Bar {
  id: string;
  label: string;
  value: number;
  detail?: string;
}

const ROW = 24;
const LABEL = 170;
const WIDTH = 620;

export function BarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const height = bars.length * ROW;
  const plot = WIDTH - LABEL - 48;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title} style={{ maxWidth: WIDTH }}>
      <title>{title}</title>
      {bars.map((b, i) => {
        const v = Math.max(0, Math.min(1, b.value));
        return (
          <g key={b.id} transform={`translate(0, ${i * ROW})`}>
            <text x={0} y={16} className="chart-label" style={{ fontSize: 13 }}>
              {b.label}
            </text>
            <rect x={LABEL} y={4} width={plot} height={13} rx={3} className="bar-bg" />
            <rect x={LABEL} y={4} width={plot * v} height={13} rx={3} className="bar">
              <title>{`${b.label}: ${percent(v)}${b.detail ? ` — ${b.detail}` : ""}`}</title>
            </rect>
            <text x={LABEL + plot + 6} y={16} className="chart-label" style={{ fontSize: 13 }}>
              {percent(v)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
