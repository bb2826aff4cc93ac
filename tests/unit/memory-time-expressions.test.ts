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

// The same instant, Tuesday 2026-11-24 04:30 in New York (UTC-5 since Nov 1, UTC-4 before)
const NEW_YORK = "America/New_York";
function nyRange(question: string, at = now) {
  const parsed = parseTimeExpression(question, at, NEW_YORK);
  return parsed && { from: parsed.from.toISOString(), to: parsed.to.toISOString(), rest: parsed.rest };
}

describe("the period forms people use, on a New York calendar", () => {
  it("reads 'the week of Sep 14' as Monday Sep 14 to Sunday Sep 20, also from a mid-week date", () => {
    const week = { from: "2026-09-14T04:00:00.000Z", to: "2026-09-21T04:00:00.000Z" };
    expect(nyRange("what did I work on the week of Sep 14?")).toEqual({ ...week, rest: "what did I work on ?" });
    expect(nyRange("the week of September 17th")).toMatchObject(week);
    expect(nyRange("heaps during the week of Oct 19")).toMatchObject({
      from: "2026-10-19T04:00:00.000Z",
      to: "2026-10-26T04:00:00.000Z",
      rest: "heaps",
    });
  });

  it("reads a day range with or without the weekend around it, inclusive of its last day", () => {
    const longWeekend = { from: "2026-09-05T04:00:00.000Z", to: "2026-09-08T04:00:00.000Z" };
    expect(nyRange("graph problems over the long weekend (Sep 5-7)")).toEqual({
      ...longWeekend,
      rest: "graph problems",
    });
    expect(nyRange("what did I do Sep 5-7?")).toEqual({ ...longWeekend, rest: "what did I do ?" });
    expect(nyRange("tries Sep 5 – 7")).toMatchObject(longWeekend);
    expect(nyRange("notes from Sep 28 to Oct 2")).toMatchObject({
      from: "2026-09-28T04:00:00.000Z",
      to: "2026-10-03T04:00:00.000Z",
      rest: "notes",
    });
    // a range over New Year that has not come yet this year is last winter's
    expect(nyRange("Dec 30 - Jan 2")).toMatchObject({
      from: "2025-12-30T05:00:00.000Z",
      to: "2026-01-03T05:00:00.000Z",
    });
    expect(nyRange("Sep 7-5")).toBeUndefined();
  });

  it("reads 'between Nov 3 and Nov 9' as both days and everything between", () => {
    expect(nyRange("system design between Nov 3 and Nov 9")).toEqual({
      from: "2026-11-03T05:00:00.000Z",
      to: "2026-11-10T05:00:00.000Z",
      rest: "system design",
    });
  });

  it("reads months, 'since the start of November', 'this month' and parts of a month", () => {
    // October begins in daylight time and ends in standard time
    expect(nyRange("what did I do in October?")).toMatchObject({
      from: "2026-10-01T04:00:00.000Z",
      to: "2026-11-01T04:00:00.000Z",
    });
    expect(nyRange("DP since the start of November")).toEqual({
      from: "2026-11-01T04:00:00.000Z",
      to: now.toISOString(),
      rest: "DP",
    });
    expect(nyRange("graphs since the beginning of the month")).toMatchObject({ from: "2026-11-01T04:00:00.000Z" });
    expect(nyRange("tries since October")).toMatchObject({ from: "2026-10-01T04:00:00.000Z", to: now.toISOString() });
    expect(nyRange("mock interviews this month")).toEqual({
      from: "2026-11-01T04:00:00.000Z",
      to: "2026-12-01T05:00:00.000Z",
      rest: "mock interviews",
    });
    expect(nyRange("in mid-October")).toMatchObject({
      from: "2026-10-11T04:00:00.000Z",
      to: "2026-10-21T04:00:00.000Z",
    });
    expect(nyRange("late October")).toMatchObject({ from: "2026-10-21T04:00:00.000Z", to: "2026-11-01T04:00:00.000Z" });
  });

  it("reads 'last weekend' as the Saturday and Sunday just gone, and 'this weekend' as the coming one", () => {
    expect(nyRange("what did I study last weekend?")).toEqual({
      from: "2026-11-21T05:00:00.000Z",
      to: "2026-11-23T05:00:00.000Z",
      rest: "what did I study ?",
    });
    expect(nyRange("this weekend")).toMatchObject({ from: "2026-11-28T05:00:00.000Z", to: "2026-11-30T05:00:00.000Z" });
    // asked on Sunday evening, "last weekend" is the one before, "over the weekend" the one under way
    const sunday = new Date("2026-11-22T23:00:00Z");
    expect(nyRange("last weekend", sunday)).toMatchObject({ from: "2026-11-14T05:00:00.000Z" });
    expect(nyRange("over the weekend", sunday)).toMatchObject({ from: "2026-11-21T05:00:00.000Z" });
    expect(nyRange("over the weekend")).toMatchObject({ from: "2026-11-21T05:00:00.000Z" });
    expect(nyRange("the weekend of Sep 5")).toMatchObject({
      from: "2026-09-05T04:00:00.000Z",
      to: "2026-09-07T04:00:00.000Z",
    });
  });

  it("does not read 'weekend' as a week", () => {
    expect(nyRange("last weekend")?.from).not.toBe(nyRange("last week")?.from);
  });
});
