// The daily practice loop through the API: corrections that replay the FSRS card, undo, the plan ticked by
// practice, notes that become memories and leave with them, forgiving search, the Today queue and the
// problem page, and a new user's start-here steps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { createTestContext, usingPostgres } from "../helpers/context.js";
import { parseSse } from "../helpers/fake-llm.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

const clock = new FakeClock("2026-03-10T12:00:00Z");
let ctx: AppContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext({}, { clock });
  app = await createTestApp(ctx);
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field
type Json = any;

async function call(
  user: TestUser,
  method: "GET" | "POST" | "PATCH" | "DELETE" | "PUT",
  url: string,
  payload?: object,
) {
  const response = await app.inject({ method, url, headers: user.headers, payload });
  return { status: response.statusCode, json: (response.body ? response.json() : null) as Json };
}

const day = (n: number) => new Date(Date.parse("2026-03-01T09:00:00Z") + n * 86_400_000).toISOString();

async function log(user: TestUser, problem: string, outcome: string, at: string, extra: object = {}) {
  const res = await call(user, "POST", "/api/attempts", { problem, outcome, attemptedAt: at, ...extra });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as Json;
}

async function card(user: TestUser, slug: string) {
  const res = await call(user, "GET", `/api/reviews/${slug}`);
  if (res.status === 404) return null;
  const { due, stability, difficultyRating, reps, lapses, state, lastReview } = res.json;
  return { due, stability, difficultyRating, reps, lapses, state, lastReview, log: res.json.log.length };
}

describe(`the practice loop on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("rolls the review card back on delete and edit to exactly what replaying the corrected history gives", async () => {
    const [me, deletedTwin, editedTwin] = [await signUp(app), await signUp(app), await signUp(app)];
    await log(me, "two-sum", "solved", day(0));
    const middle = await log(me, "two-sum", "failed", day(3));
    await log(me, "two-sum", "solved", day(8), { minutes: 5 });
    const withMiddle = await card(me, "two-sum");
    expect(withMiddle?.lapses).toBe(1);

    // the same history without the failed attempt, logged from scratch by another user
    await log(deletedTwin, "two-sum", "solved", day(0));
    await log(deletedTwin, "two-sum", "solved", day(8), { minutes: 5 });
    // the same history with the middle attempt solved
    await log(editedTwin, "two-sum", "solved", day(0));
    await log(editedTwin, "two-sum", "solved", day(3));
    await log(editedTwin, "two-sum", "solved", day(8), { minutes: 5 });

    const edited = await call(me, "PATCH", `/api/attempts/${middle.attempt.id}`, { outcome: "solved" });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ outcome: "solved", rating: "good" });
    expect(await card(me, "two-sum")).toEqual(await card(editedTwin, "two-sum"));

    expect((await call(me, "DELETE", `/api/attempts/${middle.attempt.id}`)).status).toBe(204);
    const afterDelete = await card(me, "two-sum");
    expect(afterDelete).toEqual(await card(deletedTwin, "two-sum"));
    expect(afterDelete).not.toEqual(withMiddle);
    expect((await call(me, "GET", "/api/attempts?problem=two-sum")).json.total).toBe(2);
  });

  it("makes a problem new again when its only attempt is deleted", async () => {
    const me = await signUp(app);
    const only = await log(me, "valid-anagram", "solved", day(1));
    expect(await card(me, "valid-anagram")).not.toBeNull();
    expect((await call(me, "DELETE", `/api/attempts/${only.attempt.id}`)).status).toBe(204);
    expect(await card(me, "valid-anagram")).toBeNull();
    expect((await call(me, "GET", "/api/problems/valid-anagram")).json.status).toBe("new");
  });

  it("answers 404 for another user's attempt id on read, edit and delete, and changes nothing of theirs", async () => {
    const [owner, other] = [await signUp(app), await signUp(app)];
    const theirs = await log(owner, "contains-duplicate", "solved", day(2), { notes: "a set is enough" });
    const before = await card(owner, "contains-duplicate");
    const id = theirs.attempt.id;
    expect((await call(other, "GET", `/api/attempts/${id}`)).status).toBe(404);
    const patch = await call(other, "PATCH", `/api/attempts/${id}`, { outcome: "failed" });
    expect(patch.status).toBe(404);
    expect(JSON.stringify(patch.json)).toMatch(/No attempt/);
    expect((await call(other, "DELETE", `/api/attempts/${id}`)).status).toBe(404);
    expect((await call(owner, "GET", `/api/attempts/${id}`)).json).toMatchObject({ outcome: "solved" });
    expect(await card(owner, "contains-duplicate")).toEqual(before);
  });

  it("refuses an empty or malformed correction with a message naming the problem", async () => {
    const me = await signUp(app);
    const a = await log(me, "two-sum", "solved", day(1));
    const empty = await call(me, "PATCH", `/api/attempts/${a.attempt.id}`, {});
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.json)).toMatch(/at least one field/);
    const bad = await call(me, "PATCH", `/api/attempts/${a.attempt.id}`, { outcome: "won" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toMatch(/outcome/);
  });

  it("undoes the last rating of a review: the card is as it was before it", async () => {
    const me = await signUp(app);
    await log(me, "climbing-stairs", "solved", day(0));
    const before = await card(me, "climbing-stairs");
    const rated = await call(me, "POST", "/api/reviews/climbing-stairs/rate", { rating: "again" });
    expect(rated.status).toBe(200);
    expect((await card(me, "climbing-stairs"))?.lapses).toBe(1);
    const undone = await call(me, "POST", "/api/reviews/climbing-stairs/undo");
    expect(undone.status).toBe(200);
    expect(undone.json.undoneAttemptId).toBeNull();
    expect(await card(me, "climbing-stairs")).toEqual(before);
    // undoing a rating that came with an attempt takes the attempt with it
    const undoAttempt = await call(me, "POST", "/api/reviews/climbing-stairs/undo");
    expect(undoAttempt.json.undoneAttemptId).toBeTypeOf("number");
    expect((await call(me, "GET", "/api/attempts?problem=climbing-stairs")).json.total).toBe(0);
    expect((await call(me, "POST", "/api/reviews/climbing-stairs/undo")).status).toBe(404);
  });

  it("ticks the planned problem's item when an attempt is logged, lists it in Today until then, and unticks it on delete", async () => {
    clock.set("2026-03-10T12:00:00Z");
    const me = await signUp(app);
    expect((await call(me, "POST", "/api/plan", { weeks: 2 })).status).toBe(201);
    const plan = (await call(me, "GET", "/api/plan")).json;
    const item = plan.items.items.find((i: Json) => i.week === 1 && i.problemSlug);
    expect(item).toBeDefined();

    const today = (await call(me, "GET", "/api/today")).json;
    const listed = today.items.find((i: Json) => i.planItemId === item.id);
    expect(listed).toMatchObject({ kind: "plan", problemSlug: item.problemSlug });
    expect(today.plan).toMatchObject({ week: 1 });
    // a problem appears once even when it is both planned and recommended
    const slugs = today.items.map((i: Json) => i.problemSlug).filter(Boolean);
    expect(new Set(slugs).size).toBe(slugs.length);

    const logged = await log(me, item.problemSlug, "solved", clock.now().toISOString());
    expect(logged.planItemId).toBe(item.id);
    const ticked = (await call(me, "GET", "/api/plan")).json.items.items.find((i: Json) => i.id === item.id);
    expect(ticked.done).toBe(true);
    expect((await call(me, "GET", "/api/today")).json.items.some((i: Json) => i.planItemId === item.id)).toBe(false);

    expect((await call(me, "DELETE", `/api/attempts/${logged.attempt.id}`)).status).toBe(204);
    const reopened = (await call(me, "GET", "/api/plan")).json.items.items.find((i: Json) => i.id === item.id);
    expect(reopened.done).toBe(false);

    // ticking by hand and undoing it
    expect((await call(me, "POST", `/api/plan/items/${item.id}/done`)).json.done).toBe(true);
    expect((await call(me, "DELETE", `/api/plan/items/${item.id}/done`)).status).toBe(204);
    expect((await call(me, "GET", "/api/plan")).json.items.items.find((i: Json) => i.id === item.id).done).toBe(false);
    const stranger = await signUp(app);
    expect((await call(stranger, "DELETE", `/api/plan/items/${item.id}/done`)).status).toBe(404);
  });

  it("turns attempt and problem notes into note memories the mentor finds, and removes or rewrites them with their source", async () => {
    const me = await signUp(app);
    const a = await log(me, "top-k-frequent-elements", "failed", day(4), { notes: "Should use a heap of size k" });
    const memories = async () =>
      (await call(me, "GET", "/api/memories?limit=100")).json.items.filter((m: Json) => m.kind === "note");
    let notes = await memories();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: "note", source: `attempt:${a.attempt.id}` });
    expect(notes[0].text).toMatch(/Top K Frequent Elements.*Should use a heap of size k/);
    const found = await call(me, "GET", "/api/memories/search?q=heap");
    expect(JSON.stringify(found.json)).toMatch(/Should use a heap of size k/);
    const chat = await app.inject({
      method: "POST",
      url: "/api/chat",
      headers: me.headers,
      payload: { message: "What did I say about heaps?" },
    });
    const answer = (parseSse(chat.body) as { event: string; data: { text?: string } }[])
      .filter((e) => e.event === "token")
      .map((e) => e.data.text)
      .join("");
    expect(answer).toMatch(/Should use a heap of size k/);

    await call(me, "PATCH", `/api/attempts/${a.attempt.id}`, { notes: "Bucket sort beats the heap here" });
    notes = await memories();
    expect(notes).toHaveLength(1);
    expect(notes[0].text).toMatch(/Bucket sort beats the heap here/);
    expect(notes[0].text).not.toMatch(/size k/);

    expect((await call(me, "PUT", "/api/problems/two-sum/notes", { body: "hash map of complements" })).status).toBe(
      200,
    );
    notes = await memories();
    expect(notes.map((m: Json) => m.source).sort()).toEqual([`attempt:${a.attempt.id}`, "problem:two-sum"]);

    await call(me, "DELETE", `/api/attempts/${a.attempt.id}`);
    await call(me, "PUT", "/api/problems/two-sum/notes", { body: "" });
    expect(await memories()).toHaveLength(0);
    // (the mentor's answer that quoted it is a conversation memory of its own, and stays)
    const notesLeft = await call(me, "GET", "/api/memories/search?q=heap&kind=note");
    expect(JSON.stringify(notesLeft.json)).not.toMatch(/heap of size/);
  });

  it("finds problems by compact title, spaced title and LeetCode number, and filters by the revisit flag", async () => {
    const me = await signUp(app);
    const first = async (q: string) =>
      (await call(me, "GET", `/api/problems?q=${encodeURIComponent(q)}&limit=5`)).json.items[0]?.slug;
    expect(await first("twosum")).toBe("two-sum");
    expect(await first("two sum")).toBe("two-sum");
    expect(await first("1")).toBe("two-sum");
    expect(await first("#1")).toBe("two-sum");
    expect(await first("#217")).toBe("contains-duplicate");

    await call(me, "PUT", "/api/problems/valid-anagram/notes", { body: "count letters", revisit: true });
    const flagged = (await call(me, "GET", "/api/problems?revisit=true")).json;
    expect(flagged.items.map((p: Json) => p.slug)).toEqual(["valid-anagram"]);
    expect(flagged.items[0]).toMatchObject({ revisit: true, hasNote: true });
    const unflagged = (await call(me, "GET", "/api/problems?revisit=false&q=anagram")).json;
    expect(unflagged.items.map((p: Json) => p.slug)).not.toContain("valid-anagram");
    expect((await call(me, "GET", "/api/problems?revisit=maybe")).status).toBe(400);
  });

  it("shows a problem's page with the bank's statement and examples, the link, attempts, note and next review", async () => {
    const me = await signUp(app);
    await log(me, "two-sum", "solved", day(1), { notes: "one pass" });
    await call(me, "PUT", "/api/problems/two-sum/notes", { body: "complements", revisit: true });
    const page = (await call(me, "GET", "/api/problems/two-sum/page")).json;
    expect(page.problem).toMatchObject({
      slug: "two-sum",
      leetcodeId: 1,
      url: "https://leetcode.com/problems/two-sum/",
    });
    expect(page.statement.prompt).toMatch(/two numbers/);
    expect(page.statement.examples[0]).toMatchObject({ input: "nums = [2,7,11,15], target = 9", output: "[0,1]" });
    expect(page.statement.constraints).toContain("2 <= nums.length <= 10^4");
    expect(page.attempts).toHaveLength(1);
    expect(page.note).toMatchObject({ body: "complements", revisit: true });
    expect(page.card.due).toBeTypeOf("string");
    expect((await call(me, "GET", "/api/problems/no-such-problem/page")).status).toBe(404);
  });

  it("gives a new user no weakest topics and every start-here step, and drops each step once done", async () => {
    const me = await signUp(app);
    const weak = (await call(me, "GET", "/api/weaknesses")).json;
    expect(weak.weakest).toEqual([]);
    let start = (await call(me, "GET", "/api/today")).json.startHere;
    expect(start.steps.map((s: Json) => [s.id, s.done])).toEqual([
      ["first-attempt", false],
      ["interview-date", false],
      ["link-leetcode", false],
      ["import-data", false],
    ]);
    await log(me, "two-sum", "failed", day(5));
    start = (await call(me, "GET", "/api/today")).json.startHere;
    expect(start.steps.find((s: Json) => s.id === "first-attempt").done).toBe(true);
    const weakAfter = (await call(me, "GET", "/api/weaknesses")).json.weakest;
    expect(weakAfter.map((t: Json) => t.topicId)).toEqual(["arrays"]);
  });
});
