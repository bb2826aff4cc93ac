import { describe, expect, it } from "vitest";
import { buildHeatmap, levelOf, levelThresholds } from "./heatmap";

describe("heatmap bucketing", () => {
  it("puts 365 days into week columns that start on Sunday, padding the first and last week", () => {
    // 2026-11-24 is a Tuesday; 364 days earlier, 2025-11-25, is a Tuesday too
    const grid = buildHeatmap([], "2026-11-24");
    const cells = grid.weeks.flat().filter((c) => c !== null);
    expect(cells).toHaveLength(365);
    expect(cells[0]!.date).toBe("2025-11-25");
    expect(cells.at(-1)!.date).toBe("2026-11-24");
    expect(grid.weeks[0].slice(0, 2)).toEqual([null, null]);
    expect(grid.weeks[0][2]!.weekday).toBe(2);
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
    expect(grid.weeks).toHaveLength(53);
  });

  it("counts totals and active days, adds repeated dates and ignores dates outside the range", () => {
    const grid = buildHeatmap(
      [
        { date: "2026-11-24", count: 2 },
        { date: "2026-11-24", count: 1 },
        { date: "2026-11-01", count: 4 },
        { date: "2020-01-01", count: 99 },
      ],
      "2026-11-24",
    );
    expect(grid.total).toBe(7);
    expect(grid.activeDays).toBe(2);
    expect(grid.max).toBe(4);
    const today = grid.weeks.flat().find((c) => c?.date === "2026-11-24");
    expect(today!.count).toBe(3);
  });

  it("gives the busiest days the darkest level and empty days level 0", () => {
    const thresholds = levelThresholds([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(levelOf(0, thresholds)).toBe(0);
    expect(levelOf(1, thresholds)).toBe(1);
    expect(levelOf(8, thresholds)).toBe(4);
    expect(levelOf(4, thresholds)).toBeGreaterThan(levelOf(2, thresholds));
  });

  it("shows a single active day at full intensity", () => {
    const grid = buildHeatmap([{ date: "2026-11-20", count: 1 }], "2026-11-24");
    expect(grid.weeks.flat().find((c) => c?.date === "2026-11-20")!.level).toBe(4);
  });

  it("labels each month once, in order, dropping a partial first month that would overlap the next", () => {
    const grid = buildHeatmap([], "2026-11-24");
    const labels = grid.months.map((m) => m.label);
    // the range starts on 25 Nov: one column of November, too narrow for its own label
    expect(labels).toEqual(["Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]);
    const weeks = grid.months.map((m) => m.week);
    for (let i = 1; i < weeks.length; i++) expect(weeks[i] - weeks[i - 1]).toBeGreaterThanOrEqual(3);
  });
});
