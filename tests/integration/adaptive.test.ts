// Adaptive practice end to end: contest ratings on the catalogue, skills and recommendations moving with
// attempts, per-user isolation, blind mode over REST and MCP, "which pattern?" in an interview.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { queryRows } from "../../src/config/database.js";
import { attempts, interviewQuestions, problems } from "../../src/database/schema.js";
import { seedCatalogue } from "../../src/database/seed.js";
import { readContestRatings } from "../../src/database/seed-ratings.js";
import { createTestContext, usingPostgres } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

let ctx: AppContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

async function call(user: TestUser, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) {
  const response = await app.inject({ method, url, headers: user.headers, payload: payload as never });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
}

interface Skill {
  topic: string;
  rating: number;
  deviation: number;
  attempts: number;
}
interface Recommendation {
  problemSlug: string;
  rating: number | null;
  successProbability: number;
  reason: string;
  topics: string[];
  difficulty: string | null;
}

async function skill(user: TestUser, topic: string): Promise<Skill> {
  const { status, body } = await call(user, "GET", "/api/skills");
  expect(status).toBe(200);
  const found = (body as Skill[]).find((s) => s.topic === topic);
  if (!found) throw new Error(`no skill ${topic}`);
  return found;
}

async function recommend(user: TestUser, query = "topic=arrays&limit=3"): Promise<Recommendation[]> {
  const { status, body } = await call(user, "GET", `/api/recommendations?${query}`);
  expect(status).toBe(200);
  return body as Recommendation[];
}

const EASY_ARRAYS = [
  "two-sum",
  "contains-duplicate",
  "valid-anagram",
  "concatenation-of-array",
  "replace-elements-with-greatest-element-on-right-side",
];

describe(`adaptive practice on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, { timeout: 120_000 }, () => {
  it("puts the contest rating on catalogue problems that have one, and adds the rated problems it lacked", async () => {
    const user = await signUp(app);
    // Problems no attempt has refined yet (the database may be shared with other test files) carry the
    // file's rating, or the prior of their difficulty (easy: the mean 1,212 of the file's 12 rated easy ones).
    const untouched = await queryRows<{ slug: string; rating_source: string; difficulty: string }>(
      ctx.db,
      sql`select p.slug, p.rating_source, p.difficulty from problems p
           where p.owner_user_id is null and p.rated_attempts = 0
             and exists (select 1 from problem_topics pt where pt.problem_id = p.id) order by p.id`,
    );
    const fileRating = new Map(readContestRatings().map((c) => [c.slug, c.rating]));
    const contest = untouched.find((p) => p.rating_source === "contest");
    const easyPrior = untouched.find((p) => p.rating_source === "prior" && p.difficulty === "easy");
    if (!contest || !easyPrior) throw new Error("every roadmap problem has been attempted");
    const { body } = await call(user, "GET", `/api/problems/${contest.slug}`);
    expect(body.rating).toBe(Math.round(fileRating.get(contest.slug) ?? 0));
    expect(body.topics.length).toBeGreaterThan(0);
    const added = await call(user, "GET", "/api/problems/check-if-the-rectangle-corner-is-reachable");
    expect(added.body).toMatchObject({ rating: 3774, difficulty: "hard", topics: [] });
    expect(added.body.url).toBe("https://leetcode.com/problems/check-if-the-rectangle-corner-is-reachable/");
    const prior = await call(user, "GET", `/api/problems?q=${easyPrior.slug}&limit=1`);
    expect(prior.body.items[0]).toMatchObject({ slug: easyPrior.slug, rating: 1212 });
    const [counts] = await queryRows<{ unrated: number; contest: number }>(
      ctx.db,
      sql`select count(*) filter (where rating is null)::int as unrated,
                 count(*) filter (where rating_source = 'contest')::int as contest
            from problems where owner_user_id is null`,
    );
    expect(counts).toEqual({ unrated: 0, contest: 2569 });
  });

  it("a second seed changes no rating", async () => {
    const report = await seedCatalogue(ctx.db);
    expect(report).toMatchObject({ contestProblems: 0, ratedProblems: 0, unchanged: true });
  });

  it("five fast easy array solves raise the Arrays skill and the next recommendation's rating", async () => {
    const user = await signUp(app);
    const before = await skill(user, "arrays");
    expect(before).toMatchObject({ rating: 1500, deviation: 350, attempts: 0 });
    const [twoSumBefore] = await ctx.db.select().from(problems).where(eq(problems.slug, "two-sum"));
    const firstRecs = await recommend(user);
    expect(firstRecs.length).toBe(3);
    for (const slug of EASY_ARRAYS) {
      const logged = await call(user, "POST", "/api/attempts", { problem: slug, outcome: "solved", minutes: 8 });
      expect(logged.status).toBe(201);
    }
    const after = await skill(user, "arrays");
    expect(after.rating).toBeGreaterThan(before.rating + 100);
    expect(after.deviation).toBeLessThan(before.deviation);
    expect(after.attempts).toBe(5);
    const nextRecs = await recommend(user);
    expect(nextRecs[0]?.rating).toBeGreaterThan(firstRecs[0]?.rating ?? Number.POSITIVE_INFINITY);
    expect(nextRecs.map((r) => r.problemSlug)).not.toContain("two-sum");
    expect(nextRecs[0]?.reason).toMatch(/^rated [\d,]+; your Arrays & Hashing[^\d]* [\d,]+ ± \d+ → \d+ %/);
    expect(nextRecs[0]?.successProbability).toBeGreaterThanOrEqual(0.6);
    expect(nextRecs[0]?.successProbability).toBeLessThanOrEqual(0.75);
    // A brand-new learner is provisional: their first attempts leave the problems' ratings alone.
    const [twoSum] = await ctx.db.select().from(problems).where(eq(problems.slug, "two-sum"));
    expect(twoSum?.rating).toBe(twoSumBefore?.rating);
  });

  it("failures move the skill and the next recommendation's rating down", async () => {
    const user = await signUp(app);
    const firstRecs = await recommend(user);
    for (const slug of EASY_ARRAYS)
      expect(
        (await call(user, "POST", "/api/attempts", { problem: slug, outcome: "failed", minutes: 40 })).status,
      ).toBe(201);
    const after = await skill(user, "arrays");
    expect(after.rating).toBeLessThan(1400);
    const nextRecs = await recommend(user);
    expect(nextRecs[0]?.rating).toBeLessThan(firstRecs[0]?.rating ?? 0);
    // A failed problem is never solved: it stays recommendable.
    const global = await skill(user, "global");
    expect(global.rating).toBeLessThan(1500);
  });

  it("two users' skills never mix", async () => {
    const strong = await signUp(app);
    const fresh = await signUp(app);
    for (const slug of EASY_ARRAYS.slice(0, 3))
      await call(strong, "POST", "/api/attempts", { problem: slug, outcome: "solved", minutes: 5 });
    expect((await skill(strong, "arrays")).attempts).toBe(3);
    expect(await skill(fresh, "arrays")).toMatchObject({ rating: 1500, deviation: 350, attempts: 0 });
    expect(await skill(fresh, "global")).toMatchObject({ rating: 1500, attempts: 0 });
    const freshRecs = await recommend(fresh, "topic=arrays&limit=50");
    expect(freshRecs.map((r) => r.problemSlug)).toContain("two-sum");
  });

  it("names an unknown topic with a 400, and bounds the limit", async () => {
    const user = await signUp(app);
    const unknown = await call(user, "GET", "/api/recommendations?topic=cooking");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('"cooking"');
    expect((await call(user, "GET", "/api/recommendations?limit=0")).status).toBe(400);
    expect((await call(user, "GET", "/api/recommendations?limit=51")).status).toBe(400);
  });

  it("serves the review queue's new problems and the MCP tool from the recommender", async () => {
    const user = await signUp(app);
    const queue = await call(user, "GET", "/api/reviews/due");
    expect(queue.status).toBe(200);
    expect(queue.body.newProblems.length).toBeGreaterThan(0);
    expect(queue.body.newProblems[0].reason).toMatch(/→ \d+ %/);
    const tool = await ctx.agentTools.call({ id: user.id, timezone: "UTC" }, "recommend_problems", {
      topic: "graphs",
      limit: 2,
    });
    expect(tool.ok).toBe(true);
    const recs = (tool as { result: Recommendation[] }).result;
    expect(recs).toHaveLength(2);
    expect(recs.every((r) => r.topics.includes("graphs"))).toBe(true);
    const bad = await ctx.agentTools.call({ id: user.id, timezone: "UTC" }, "recommend_problems", { topic: "nope" });
    expect(bad).toMatchObject({ ok: false });
  });

  it("blind mode hides difficulty, rating and topics in REST and MCP until an attempt is logged", async () => {
    const user = await signUp(app);
    expect((await call(user, "PATCH", "/api/me/settings", { blindMode: true })).body.user.blindMode).toBe(true);
    const detail = await call(user, "GET", "/api/problems/koko-eating-bananas");
    expect(detail.body).toMatchObject({ difficulty: null, rating: null, topics: [], hidden: true });
    const list = await call(user, "GET", "/api/problems?q=koko");
    expect(list.body.items[0]).toMatchObject({ difficulty: null, rating: null, topics: [], hidden: true });
    const recs = await recommend(user, "limit=5");
    expect(recs.every((r) => r.rating === null && r.difficulty === null && r.topics.length === 0)).toBe(true);
    expect(recs.every((r) => !/rated|Arrays|Graphs/.test(r.reason))).toBe(true);
    const queue = await call(user, "GET", "/api/reviews/due");
    expect(queue.body.newProblems.every((p: { difficulty: unknown }) => p.difficulty === null)).toBe(true);
    const actor = { id: user.id, timezone: "UTC" };
    const mcpSearch = await ctx.agentTools.call(actor, "search_problems", { q: "koko" });
    expect((mcpSearch as { result: { items: unknown[] } }).result.items[0]).toMatchObject({
      difficulty: null,
      rating: null,
      topics: [],
    });
    const mcpRecs = (await ctx.agentTools.call(actor, "recommend_problems", {})) as { result: Recommendation[] };
    expect(mcpRecs.result.every((r) => r.rating === null)).toBe(true);

    await call(user, "POST", "/api/attempts", { problem: "koko-eating-bananas", outcome: "failed", minutes: 30 });
    const revealed = await call(user, "GET", "/api/problems/koko-eating-bananas");
    expect(revealed.body).toMatchObject({ difficulty: "medium", hidden: false });
    expect(revealed.body.rating).toBeGreaterThan(1700);
    // The export is the user's own complete data: blind mode does not touch it.
    const exported = await app.inject({ method: "GET", url: "/api/export?format=json", headers: user.headers });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain("koko-eating-bananas");
    expect(exported.body).not.toContain('"hidden"');
  });

  it("scores 'which pattern?' once per interview as pattern recognition", async () => {
    const user = await signUp(app);
    const [question] = await ctx.db
      .select()
      .from(interviewQuestions)
      .where(sql`${interviewQuestions.mode} = 'coding' and cardinality(${interviewQuestions.topics}) > 0`)
      .limit(1);
    if (!question) throw new Error("no coding question with topics");
    const started = await call(user, "POST", "/api/interviews/sessions", { mode: "coding", question: question.slug });
    expect(started.status).toBe(201);
    const id = started.body.id as number;
    const wrongTopic = question.topics.includes("tries") ? "math" : "tries";
    expect((await call(user, "POST", `/api/interviews/sessions/${id}/pattern`, { pattern: "cooking" })).status).toBe(
      400,
    );
    const guess = await call(user, "POST", `/api/interviews/sessions/${id}/pattern`, { pattern: wrongTopic });
    expect(guess.status).toBe(200);
    expect(guess.body).toMatchObject({ pattern: wrongTopic, matched: false, topics: question.topics });
    expect(guess.body.skill.rating).toBeLessThan(1500);
    expect(
      (await call(user, "POST", `/api/interviews/sessions/${id}/pattern`, { pattern: question.topics[0] })).status,
    ).toBe(409);
    expect((await skill(user, "pattern_recognition")).attempts).toBe(1);
  });

  it("rates a synced solve into the skills but never into the problem's rating", async () => {
    const user = await signUp(app);
    const [before] = await ctx.db.select().from(problems).where(eq(problems.slug, "online-stock-span"));
    if (!before) throw new Error("no online-stock-span");
    const result = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(attempts)
        .values({ userId: user.id, problemId: before.id, outcome: "solved", source: "leetcode", externalId: "s-1" })
        .returning();
      return ctx.attemptRatings.recordAttempt(tx, {
        userId: user.id,
        problemId: before.id,
        attemptId: row?.id ?? 0,
        outcome: "solved",
        minutes: null,
        rateProblem: false,
      });
    });
    expect(result.firstAttempt).toBe(true);
    expect((await skill(user, "stack")).rating).toBeGreaterThan(1500);
    const [after] = await ctx.db.select().from(problems).where(eq(problems.slug, "online-stock-span"));
    expect(after?.rating).toBe(before.rating);
  });

  it("concurrent first attempts of one problem by four established users all refine its rating", async () => {
    const users = await Promise.all([signUp(app), signUp(app), signUp(app), signUp(app)]);
    // Five mixed array attempts each make their Arrays estimate certain enough (± < 200) to rate problems.
    for (const user of users)
      for (const [i, slug] of EASY_ARRAYS.entries())
        await call(user, "POST", "/api/attempts", { problem: slug, outcome: i % 2 ? "failed" : "solved", minutes: 15 });
    expect((await skill(users[0] as TestUser, "arrays")).deviation).toBeLessThan(200);
    const [before] = await ctx.db.select().from(problems).where(eq(problems.slug, "sort-colors"));
    const responses = await Promise.all(
      users.map((u) => call(u, "POST", "/api/attempts", { problem: "sort-colors", outcome: "failed", minutes: 50 })),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const [after] = await ctx.db.select().from(problems).where(eq(problems.slug, "sort-colors"));
    expect(after?.ratedAttempts).toBe((before?.ratedAttempts ?? 0) + 4);
    expect(after?.rating).toBeGreaterThan(before?.rating ?? 0);
  });
});
