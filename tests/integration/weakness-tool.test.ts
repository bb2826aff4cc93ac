// get_weaknesses returns the weak topics (those with evidence), within the weaknesses contract's limit —
// not every topic of the roadmap (issue 14).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { MAX_WEAK_TOPICS } from "../../src/services/weaknesses/contract.js";
import { createTestContext, uniqueEmail, usingPostgres } from "../helpers/context.js";

let ctx: AppContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const weak = async (userId: number, args: unknown) =>
  ctx.agentTools.call({ id: userId, timezone: "UTC" }, "get_weaknesses", args);

describe(`get_weaknesses on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("lists only practised topics, weakest first, the same ones the report calls weakest", async () => {
    const userId = (await createUser(ctx.db, { email: uniqueEmail("weak"), password: "long enough password" })).id;
    expect(await weak(userId, {})).toMatchObject({ ok: true, result: { topics: [] } });
    await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "failed", minutes: 30 });
    await ctx.tracking.logAttempt(userId, { problem: "valid-anagram", outcome: "solved", minutes: 10 });
    const called = await weak(userId, { limit: MAX_WEAK_TOPICS });
    expect(called.ok).toBe(true);
    const topics = called.ok ? (called.result as { topics: { topicId: string; attempts: number }[] }).topics : [];
    const report = await ctx.weaknesses.weaknesses(userId);
    expect(topics.map((t) => t.topicId)).toEqual(report.weakest.map((t) => t.topicId));
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.length).toBeLessThan(report.topics.length);
    for (const t of topics) expect(t.attempts).toBeGreaterThan(0);
    expect(topics[0]).not.toHaveProperty("components");
  });

  it("refuses a limit beyond the number of topics with the contract's message", async () => {
    const userId = (await createUser(ctx.db, { email: uniqueEmail("weak"), password: "long enough password" })).id;
    const called = await weak(userId, { limit: MAX_WEAK_TOPICS + 1 });
    expect(called).toMatchObject({ ok: false, code: "invalid_arguments" });
    expect(called.ok ? "" : called.error).toContain(`limit: is at most ${MAX_WEAK_TOPICS} (the number of topics)`);
  });
});
