import { describe, expect, it } from "vitest";
import { clock, countdownParts, keyWords, percent, plural, relative, titleCase } from "./format";

describe("formatting", () => {
  it("writes countdown clocks with hours only when needed and never below zero", () => {
    expect(clock(65)).toBe("01:05");
    expect(clock(3725)).toBe("1:02:05");
    expect(clock(-3)).toBe("00:00");
  });

  it("says how far away a moment is, in both directions", () => {
    const now = Date.parse("2026-11-24T06:00:00Z");
    expect(relative("2026-11-27T06:00:00Z", now)).toBe("in 3 days");
    expect(relative("2026-11-24T08:05:00Z", now)).toBe("in 2 h 5 min");
    expect(relative("2026-11-24T05:55:00Z", now)).toBe("5 min ago");
    expect(relative("2026-11-24T06:00:20Z", now)).toBe("now");
  });

  it("splits a countdown into days, hours and minutes and flags the past", () => {
    const now = Date.parse("2026-11-24T06:00:00Z");
    expect(countdownParts("2026-11-26T09:30:00Z", now)).toEqual({ days: 2, hours: 3, minutes: 30, past: false });
    expect(countdownParts("2026-11-23T09:30:00Z", now).past).toBe(true);
  });

  it("pluralises, formats percentages and names topics", () => {
    expect(plural(1, "problem")).toBe("1 problem");
    expect(plural(0, "problem")).toBe("0 problems");
    expect(percent(0.8734)).toBe("87%");
    expect(percent(undefined)).toBe("—");
    expect(titleCase("dynamic-programming")).toBe("Dynamic Programming");
    expect(keyWords("reviewCards")).toBe("review cards");
    expect(keyWords("interview_sessions")).toBe("interview sessions");
  });
});
