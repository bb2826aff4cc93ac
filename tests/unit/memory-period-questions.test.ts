import { describe, expect, it } from "vitest";
import { eventDay, eventRange, parseEventReference } from "../../src/memory/event-dates.js";
import { analyse } from "../../src/memory/offline-embedder.js";
import { importantAndVaried } from "../../src/memory/period-questions.js";
import { topicalWords } from "../../src/memory/question-words.js";

const NEW_YORK = "America/New_York";
const at = (iso: string) => new Date(iso);

describe("periods bounded by an event the user wrote about", () => {
  it("finds the event a question is bounded by, and the question without it", () => {
    expect(parseEventReference("what did I practise on intervals before my phone screen?")).toEqual({
      relation: "before",
      event: "phone screen",
      matched: "before my phone screen",
      rest: "what did I practise on intervals ?",
    });
    expect(parseEventReference("graphs since the Stripe onsite")).toMatchObject({
      relation: "since",
      event: "Stripe onsite",
    });
    expect(parseEventReference("what went wrong after my mock interview and why")).toMatchObject({
      relation: "after",
      event: "mock interview",
      rest: "what went wrong and why",
    });
    expect(parseEventReference("heaps in the run-up to the onsite")).toMatchObject({
      relation: "before",
      event: "onsite",
    });
    expect(parseEventReference("what did I review the week before the onsite?")).toEqual({
      relation: "before",
      days: 7,
      event: "onsite",
      matched: "the week before the onsite",
      rest: "what did I review ?",
    });
    expect(parseEventReference("in the 3 days after my trip")).toMatchObject({
      relation: "after",
      days: 3,
      event: "trip",
    });
    expect(parseEventReference("how do heaps work")).toBeUndefined();
    // not an event: a hint, a start
    expect(parseEventReference("what do I do after the first hint?")).toBeUndefined();
    expect(parseEventReference("since the start of the project")).toBeUndefined();
  });

  it("dates the event by the day a memory names for it, the latest naming winning (reschedules)", () => {
    const booked = {
      text: "Phone screen with Stripe scheduled for Oct 15, 45 minutes.",
      createdAt: at("2026-10-01T14:00:00Z"),
    };
    const later = { text: "can't sleep, replaying the phone screen in my head", createdAt: at("2026-10-19T03:50:00Z") };
    expect(eventDay([later, booked], NEW_YORK)).toEqual({ y: 2026, m: 10, d: 15 });
    const moved = { text: "phone screen moved to Oct 16", createdAt: at("2026-10-05T14:00:00Z") };
    expect(eventDay([booked, later, moved], NEW_YORK)).toEqual({ y: 2026, m: 10, d: 16 });
  });

  it("takes a yearless date nearest to when it was written: 'Jan 5' written in December is next year's", () => {
    const plan = { text: "Google onsite booked for Jan 5", createdAt: at("2026-12-20T15:00:00Z") };
    expect(eventDay([plan], NEW_YORK)).toEqual({ y: 2027, m: 1, d: 5 });
  });

  it("reads 'tomorrow' on the writer's calendar: 21:00 in New York is already the next day in UTC", () => {
    const eve = { text: "onsite tomorrow. re-read my stories", createdAt: at("2026-11-12T02:00:00Z") };
    expect(eventDay([eve], NEW_YORK)).toEqual({ y: 2026, m: 11, d: 12 });
  });

  it("falls back to the day a memory reports the event done, and to nothing when none dates it", () => {
    const debrief = { text: "Onsite debrief: the graph round went well", createdAt: at("2026-11-13T00:30:00Z") };
    const plan = { text: "I should prepare for the onsite", createdAt: at("2026-11-01T15:00:00Z") };
    expect(eventDay([plan, debrief], NEW_YORK)).toEqual({ y: 2026, m: 11, d: 12 });
    expect(eventDay([plan], NEW_YORK)).toBeUndefined();
    // "0/1 knapsack" is not January 1st
    expect(
      eventDay([{ text: "before the onsite: 0/1 knapsack", createdAt: plan.createdAt }], NEW_YORK),
    ).toBeUndefined();
  });

  it("bounds before the event's day, since its day, and after it from the next day", () => {
    const now = at("2026-11-24T15:00:00Z");
    const day = { y: 2026, m: 10, d: 15 };
    expect(eventRange("before", day, now, NEW_YORK)).toEqual({ to: at("2026-10-15T04:00:00Z") });
    expect(eventRange("since", day, now, NEW_YORK)).toEqual({ from: at("2026-10-15T04:00:00Z"), to: now });
    expect(eventRange("after", day, now, NEW_YORK)).toEqual({ from: at("2026-10-16T04:00:00Z"), to: now });
    expect(eventRange("before", day, now, NEW_YORK, 7)).toEqual({
      from: at("2026-10-08T04:00:00Z"),
      to: at("2026-10-15T04:00:00Z"),
    });
    expect(eventRange("after", day, now, NEW_YORK, 1)).toEqual({
      from: at("2026-10-16T04:00:00Z"),
      to: at("2026-10-17T04:00:00Z"),
    });
    // an event still ahead has no "after" yet
    const ahead = eventRange("after", { y: 2026, m: 12, d: 8 }, now, NEW_YORK);
    expect(ahead.from).toEqual(ahead.to);
  });
});

describe("listing a period's memories", () => {
  it("takes the words around a period for framing, not for a topic", () => {
    for (const framing of [
      "what did I work on ?",
      "what did I get done ?",
      "what did I solve and grind ?",
      "remind me of my progress",
    ])
      expect(analyse(topicalWords(framing)), framing).toEqual([]);
    expect(topicalWords("what did I solve with binary search ?")).toContain("binary search");
  });

  const memory = (text: string, importance: number, day: number) => ({
    text,
    importance,
    createdAt: at(`2026-09-${String(day).padStart(2, "0")}T20:00:00Z`),
  });

  it("puts the most important first and a near-duplicate after everything new", () => {
    const listed = importantAndVaried(
      [
        memory("skipping today, party", 0.5, 14),
        memory("Consistent hashing: ring with virtual nodes, adding a node moves keys from its successor", 0.6, 15),
        memory(
          "Consistent hashing ring: virtual nodes smooth the load; adding a node moves keys from its successor",
          0.6,
          16,
        ),
        memory("Rate limiter: token bucket in Redis with INCR and EXPIRE, a Lua script for atomicity", 0.6, 17),
        memory("Weakest topic is dynamic programming: defining the state without hints", 0.7, 18),
      ],
      5,
    ).map((m) => m.text.slice(0, 12));
    expect(listed[0]).toBe("Weakest topi");
    expect(listed.slice(1, 3).sort()).toEqual(["Consistent h", "Rate limiter"]);
    // a near-duplicate of something listed says less than anything new, even a less important message
    expect(listed[3]).toBe("skipping tod");
    expect(listed[4]).toBe("Consistent h");
  });

  it("lists no more than asked, and nothing from nothing", () => {
    expect(
      importantAndVaried([memory("a note about tries", 0.6, 1), memory("a note about heaps", 0.6, 2)], 1),
    ).toHaveLength(1);
    expect(importantAndVaried([], 5)).toEqual([]);
  });
});
