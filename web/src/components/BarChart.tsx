// Horizontal bars for per-topic mastery: HTML labels (readable at any width) and an SVG bar per row.
// Values are fractions 0..1.
import { percent } from "../lib/format";

export interface Bar {
  id: string;
  label: string;
  value: number;
  detail?: string;
}

export function BarChart({ bars, title }: { bars: Bar[]; title: string }) {
  return (
    <ul className="bars" aria-label={title}>
      {bars.map((b) => {
        const v = Math.max(0, Math.min(1, b.value));
        return (
          <li key={b.id} title={b.detail ? `${b.label}: ${percent(v)} — ${b.detail}` : undefined}>
            <span className="bar-label">{b.label}</span>
            <svg className="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
              <rect x={0} y={0} width={100} height={10} rx={2} className="bar-bg" />
              <rect x={0} y={0} width={v * 100} height={10} rx={2} className="bar" />
            </svg>
            <span className="bar-value">
              {percent(v)}
              <span className="sr-only">{b.detail ? ` (${b.detail})` : ""}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
