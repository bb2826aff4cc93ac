import { describe, expect, it } from "vitest";
import { parseTimeExpression, startOfDay } from "../../src/memory/time-expressions.js";

// Tuesday 2026-11-24, 10:30 in Berlin (UTC+1 in November)
const now = new Date("2026-11-24T09:30:00Z");
const BERLIN = "Europe/Berlin";

function range(question: string, timeZone = BERLIN) {
  const parsed = parseTimeExpression(question, now, timeZone);
  return parsed && { from: parsed.from.toISOString(), to: parsed.to.toISOString(), rest: parsed.rest };
}

describe("time expressions, on the user's calendar", () => {
  it("reads yesterday and today as Berlin days, not UTC days", () => {
    expect(range("what did I study yesterday?")).toEqual({
      from: "2026-11-22T23:00:00.000Z",
      to: "2026-11-23T23:00:00.000Z",
      rest: "what did I study ?",
    });
    expect(range("notes from today")).toMatchObject({
      from: "2026-11-23T23:00:00.000Z",
      to: "2026-11-24T23:00:00.000Z",
    });
  });

  it("uses the user's timezone: yesterday in Tokyo is a different span", () => {
    expect(range("yesterday", "Asia/Tokyo")).toMatchObject({
      from: "2026-11-22T15:00:00.000Z",
      to: "2026-11-23T15:00:00.000Z",
    });
  });

  it("takes weeks as Monday to Monday: last week and this week", () => {
    expect(range("what did I do last week")).toMatchObject({
      from: "2026-11-15T23:00:00.000Z",
      to: "2026-11-22T23:00:00.000Z",
    });
    expect(range("this week")).toMatchObject({ from: "2026-11-22T23:00:00.000Z", to: "2026-11-29T23:00:00.000Z" });
  });

  it("reads 'the week of <date>' as the Monday-to-Monday week holding the date", () => {
    expect(range("graphs in the week of Nov 4")).toMatchObject({
      from: "2026-11-01T23:00:00.000Z",
      to: "2026-11-08T23:00:00.000Z",
      rest: "graphs",
    });
  });

  it("reads a month across a DST change: October in Berlin starts at +2h and ends at +1h", () => {
    expect(range("what did I note in October?")).toMatchObject({
      from: "2026-09-30T22:00:00.000Z",
      to: "2026-10-31T23:00:00.000Z",
    });
  });

  it("takes a month that has not begun this year as last year's", () => {
    expect(range("in December")).toMatchObject({ from: "2025-11-30T23:00:00.000Z", to: "2025-12-31T23:00:00.000Z" });
  });

  it("reads since <date> up to now and between <date> and <date> inclusive of the last day", () => {
    expect(range("DP notes since 2026-11-02")).toMatchObject({
      from: "2026-11-01T23:00:00.000Z",
      to: now.toISOString(),
    });
    expect(range("between Nov 3 and November 5, 2026 what did I say about heaps")).toMatchObject({
      from: "2026-11-02T23:00:00.000Z",
      to: "2026-11-05T23:00:00.000Z",
      rest: "what did I say about heaps",
    });
  });

  it("reads N days ago as that one day, and 'the last 3 days' as a rolling span", () => {
    expect(range("3 days ago")).toMatchObject({ from: "2026-11-20T23:00:00.000Z", to: "2026-11-21T23:00:00.000Z" });
    expect(range("two days ago")).toMatchObject({ from: "2026-11-21T23:00:00.000Z" });
    expect(range("over the last 3 days")).toMatchObject({ from: "2026-11-21T23:00:00.000Z", to: now.toISOString() });
  });

  it("reads a weekday as the most recent one before today", () => {
    expect(range("on Monday")).toMatchObject({ from: "2026-11-22T23:00:00.000Z", to: "2026-11-23T23:00:00.000Z" });
    // asked on a Tuesday, "Tuesday" means a week ago
    expect(range("last tuesday")).toMatchObject({ from: "2026-11-16T23:00:00.000Z" });
  });

  it("finds no time in a question without one, and none in an impossible date", () => {
    expect(range("how do I detect a cycle in a linked list")).toBeUndefined();
    expect(range("since 2026-02-30")).toBeUndefined();
  });

  it("computes local midnight across the spring-forward gap", () => {
    expect(startOfDay({ y: 2026, m: 3, d: 29 }, BERLIN).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDay({ y: 2026, m: 3, d: 30 }, BERLIN).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDay({ y: 2026, m: 11, d: 1 }, "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
  });
});
