// The 365-day activity heatmap: days laid out in week columns (Sunday first), each day bucketed into five
// intensity levels relative to the user's own busiest days, so a light month still shows shape.

export interface HeatmapDay {
  date: string; // YYYY-MM-DD
  count: number;
}

export interface HeatmapCell extends HeatmapDay {
  level: 0 | 1 | 2 | 3 | 4;
  /** 0 = Sunday */
  weekday: number;
}

export interface HeatmapGrid {
  weeks: (HeatmapCell | null)[][];
  months: { label: string; week: number }[];
  thresholds: number[];
  total: number;
  activeDays: number;
  max: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function dayString(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Level thresholds from the non-zero counts: levels 1..4 split at the 25th/50th/75th percentile,
 * so with counts 1..N the busiest quarter is darkest. Few distinct values collapse gracefully.
 */
export function levelThresholds(counts: number[]): number[] {
  const positive = counts.filter((c) => c > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [1, 1, 1];
  const at = (q: number) => positive[Math.min(positive.length - 1, Math.floor(q * positive.length))];
  return [at(0.25), at(0.5), at(0.75)];
}

export function levelOf(count: number, thresholds: number[]): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0) return 0;
  if (count < thresholds[0]) return 1;
  if (count < thresholds[1]) return 2;
  if (count < thresholds[2]) return 3;
  return 4;
}

/**
 * Builds the grid for `days` days ending on `end` (the user's today, YYYY-MM-DD). Counts for dates
 * outside the range are ignored; repeated dates add up.
 */
export function buildHeatmap(data: HeatmapDay[], end: string, days = 365): HeatmapGrid {
  const counts = new Map<string, number>();
  for (const d of data) counts.set(d.date, (counts.get(d.date) ?? 0) + d.count);
  const endDate = parseDay(end);
  const start = new Date(endDate.getTime() - (days - 1) * 86_400_000);
  const cells: HeatmapCell[] = [];
  for (let i = 0; i < days; i++) {
    const d = new Date(start.getTime() + i * 86_400_000);
    const date = dayString(d);
    cells.push({ date, count: counts.get(date) ?? 0, level: 0, weekday: d.getUTCDay() });
  }
  const thresholds = levelThresholds(cells.map((c) => c.count));
  for (const c of cells) c.level = levelOf(c.count, thresholds);

  const weeks: (HeatmapCell | null)[][] = [];
  let week: (HeatmapCell | null)[] = Array.from({ length: cells[0]?.weekday ?? 0 }, () => null);
  const months: { label: string; week: number }[] = [];
  let lastMonth = -1;
  for (const cell of cells) {
    const month = parseDay(cell.date).getUTCMonth();
    if (month !== lastMonth) {
      // label the month at the first column that holds its first day
      const weekIndex = weeks.length + (week.length === 7 ? 1 : 0);
      // a label needs about three columns; a month that starts too close to the previous label skips it
      const previous = months[months.length - 1];
      if (!previous) months.push({ label: MONTHS[month], week: weekIndex });
      else if (weekIndex - previous.week >= 3) months.push({ label: MONTHS[month], week: weekIndex });
      else if (months.length === 1 && previous.week === 0) months[0] = { label: MONTHS[month], week: weekIndex };
      lastMonth = month;
    }
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
    week.push(cell);
  }
  if (week.length) {
    while (week.length < 7) week.push(null);
    weeks.push(week);
  }
  const total = cells.reduce((s, c) => s + c.count, 0);
  return {
    weeks,
    months,
    thresholds,
    total,
    activeDays: cells.filter((c) => c.count > 0).length,
    max: Math.max(0, ...cells.map((c) => c.count)),
  };
}
