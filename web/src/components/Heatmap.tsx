// The 365-day activity heatmap, hand-rolled SVG (one <rect> per day, titled for hover and screen readers).
import { useEffect, useMemo, useRef } from "react";
import { formatDate, plural } from "../lib/format";
import { buildHeatmap } from "../lib/heatmap";

const CELL = 11;
const GAP = 3;
const LEFT = 26;
const TOP = 16;

export function Heatmap({ counts, today }: { counts: Record<string, number>; today: string }) {
  const grid = useMemo(
    () =>
      buildHeatmap(
        Object.entries(counts).map(([date, count]) => ({ date, count })),
        today,
      ),
    [counts, today],
  );
  // on a narrow screen the grid scrolls sideways: start at the most recent weeks
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, []);
  const width = LEFT + grid.weeks.length * (CELL + GAP);
  const height = TOP + 7 * (CELL + GAP);
  const summary = `${plural(grid.total, "attempt")} on ${plural(grid.activeDays, "day")} in the last year`;
  return (
    <figure className="heatmap" aria-label={`Activity heatmap: ${summary}`}>
      <div ref={scroller} className="heatmap-scroll">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={summary}>
          {grid.months.map((m) => (
            <text key={`${m.label}-${m.week}`} x={LEFT + m.week * (CELL + GAP)} y={10} className="chart-label">
              {m.label}
            </text>
          ))}
          {["Mon", "Wed", "Fri"].map((d, i) => (
            <text key={d} x={0} y={TOP + (1 + i * 2) * (CELL + GAP) + CELL - 2} className="chart-label">
              {d}
            </text>
          ))}
          {grid.weeks.map((week, w) =>
            week.map((cell, d) =>
              cell ? (
                <rect
                  // biome-ignore lint/suspicious/noArrayIndexKey: the grid position is the identity
                  key={`${w}-${d}`}
                  x={LEFT + w * (CELL + GAP)}
                  y={TOP + d * (CELL + GAP)}
                  width={CELL}
                  height={CELL}
                  rx={2}
                  className={`heat-${cell.level}`}
                  data-date={cell.date}
                  data-count={cell.count}
                >
                  <title>{`${formatDate(cell.date)}: ${plural(cell.count, "attempt")}`}</title>
                </rect>
              ) : null,
            ),
          )}
        </svg>
      </div>
      <figcaption className="row muted" style={{ justifyContent: "space-between" }}>
        <span data-testid="heatmap-summary">{summary}</span>
        <span className="legend" aria-hidden="true">
          Less{" "}
          {[0, 1, 2, 3, 4].map((l) => (
            <i key={l} className={`heat-${l}`} style={{ background: `var(--heat-${l})` }} />
          ))}{" "}
          More
        </span>
      </figcaption>
    </figure>
  );
}
