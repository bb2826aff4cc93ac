// LeetCode link and sync against a local server that answers like LeetCode's GraphQL endpoint,
// including its failures: rate limits, expired cookies, malformed answers, an unreachable server.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { attempts, platformAccounts, problems, reviewCards, syncRuns } from "../../src/database/schema.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { MAX_USERNAME_LENGTH } from "../../src/services/leetcode/contract.js";
import { LeetCodeSyncService, NOT_LINKED_MESSAGE, syncJobId } from "../../src/services/leetcode/sync-service.js";
import { createTestContext, uniqueEmail } from "../helpers/context.js";
import { type FakeLeetCode, makeHistory, startFakeLeetCode } from "../helpers/fake-leetcode.js";
import { createTestApp, signUp } from "../helpers/http.js";

const KEY = randomBytes(32).toString("hex");
const SLUGS: [string, string][] = [
  ["two-sum", "Two Sum"],
  ["valid-anagram", "Valid Anagram"],
  ["contains-duplicate", "Contains Duplicate"],
];
let ctx: AppContext;
let app: App;
let fake: FakeLeetCode;
const sleeps: number[] = [];

beforeAll(async () => {
  fake = await startFakeLeetCode({ users: { alice: { easy: 10, medium: 5, hard: 1, ranking: 12345 } } });
  ctx = await createTestContext({
    LEETCODE_GRAPHQL_URL: fake.url,
    LEETCODE_REQUESTS_PER_MINUTE: "6000",
    ENCRYPTION_KEY: KEY,
  });
  app = await createTestApp(ctx);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
  await fake?.close();
});

function service(options: { key?: string | undefined; url?: string } = {}) {
  return new LeetCodeSyncService({
    db: ctx.db,
    clock: ctx.clock,
    logger: ctx.logger,
    graphqlUrl: options.url ?? fake.url,
    requestsPerMinute: 10_000,
    encryptionKey: "key" in options ? options.key : KEY,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

async function newUser(): Promise<number> {
  return (await createUser(ctx.db, { email: uniqueEmail("lc"), password: "long enough password" })).id;
}

async function leetcodeAttempts(userId: number) {
  return ctx.db
    .select({
      externalId: attempts.externalId,
      slug: problems.slug,
      owner: problems.ownerUserId,
      lang: attempts.language,
    })
    .from(attempts)
    .innerJoin(problems, eq(problems.id, attempts.problemId))
    .where(and(eq(attempts.userId, userId), eq(attempts.source, "leetcode")))
    .orderBy(attempts.externalId);
}

function resetFake() {
  fake.state.history = makeHistory(45, SLUGS);
  fake.state.recent = undefined;
  fake.state.validSessions = new Set(["good-session-cookie-value-123"]);
  fake.state.rateLimit = {};
  fake.state.failOffsets = new Set();
  fake.state.malformed = new Set();
  fake.state.expiredStyle = "errors";
  fake.state.signedInSessions = undefined;
  fake.state.questions = {};
  fake.log.length = 0;
  sleeps.length = 0;
}

describe("linking", () => {
  it("refuses to store a session cookie without ENCRYPTION_KEY, saying how to set it", async () => {
    const userId = await newUser();
    await expect(
      service({ key: undefined }).link(userId, { username: "alice", sessionCookie: "x".repeat(40) }),
    ).rejects.toThrow(/set ENCRYPTION_KEY to 64 hex characters \(generate one with `openssl rand -hex 32`\)/);
    const view = await service({ key: undefined }).link(userId, { username: "alice" });
    expect(view).toMatchObject({ linked: true, username: "alice", hasSessionCookie: false });
  });

  it("stores the cookie encrypted, never in clear", async () => {
    const userId = await newUser();
    const cookie = "secret-session-cookie-value-abcdef";
    const view = await service().link(userId, {
      username: "alice",
      sessionCookie: `LEETCODE_SESSION=${cookie}; Path=/`,
    });
    expect(view).toMatchObject({ hasSessionCookie: true, sessionCookieReadable: true });
    const [row] = await ctx.db.select().from(platformAccounts).where(eq(platformAccounts.userId, userId));
    expect(row.secretEncrypted).toMatch(/^v1\./);
    expect(row.secretEncrypted).not.toContain(cookie);
    expect((await service({ key: "ab".repeat(32) }).status(userId)).sessionCookieReadable).toBe(false);
  });

  it("answers 400 over HTTP for a malformed username or an unknown field, and links through the API", async () => {
    const user = await signUp(app);
    const bad = await app.inject({
      method: "PUT",
      url: "/api/leetcode/link",
      headers: user.headers,
      payload: { username: "no spaces allowed" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/is not a LeetCode username/);
    const unknownField = await app.inject({
      method: "PUT",
      url: "/api/leetcode/link",
      headers: user.headers,
      payload: { username: "alice", password: "x" },
    });
    expect(unknownField.statusCode).toBe(400);
    const ok = await app.inject({
      method: "PUT",
      url: "/api/leetcode/link",
      headers: user.headers,
      payload: { username: "alice" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ linked: true, username: "alice", hasSessionCookie: false, lastRun: null });
    expect((await app.inject({ method: "GET", url: "/api/leetcode" })).statusCode).toBe(401);
  });
});

describe("sync", () => {
  it("imports the recent accepted submissions without a cookie, creating unknown slugs as custom problems", async () => {
    resetFake();
    fake.state.recent = [
      ...makeHistory(2, SLUGS),
      { id: "999", title: "Brand New", titleSlug: "brand-new-problem", timestamp: "1750000000", lang: "rust" },
      { id: "998", title: "Ghost", titleSlug: "ghost-problem", timestamp: "1750000000", lang: "rust" },
    ];
    fake.state.questions = { "brand-new-problem": { title: "Brand New", difficulty: "Hard", id: "4000" } };
    const userId = await newUser();
    await service().link(userId, { username: "alice" });
    const run = await service().sync(userId);
    expect(run).toMatchObject({
      status: "succeeded",
      mode: "recent",
      fetched: 4,
      imported: 3,
      skipped: 1,
      error: null,
    });
    expect(run.skippedReasons).toEqual({ 'LeetCode has no problem "ghost-problem"': 1 });
    expect(run.profile).toEqual({
      username: "alice",
      ranking: 12345,
      solved: { all: 16, easy: 10, medium: 5, hard: 1 },
    });
    const rows = await leetcodeAttempts(userId);
    expect(rows.map((r) => [r.externalId, r.slug, r.owner === userId])).toEqual([
      ["1000000", "two-sum", false],
      ["1000001", "valid-anagram", false],
      ["999", "brand-new-problem", true],
    ]);
    const [custom] = await ctx.db
      .select()
      .from(problems)
      .where(and(eq(problems.slug, "brand-new-problem"), eq(problems.ownerUserId, userId)));
    expect(custom).toMatchObject({ title: "Brand New", difficulty: "hard", leetcodeId: 4000 });
    expect(await ctx.db.select().from(reviewCards).where(eq(reviewCards.userId, userId))).toHaveLength(3);
    expect(fake.log.every((l) => l.session === null)).toBe(true);

    const again = await service().sync(userId);
    expect(again).toMatchObject({ status: "succeeded", fetched: 4, imported: 0 });
    expect(await leetcodeAttempts(userId)).toHaveLength(3);
  });

  it("imports the whole paginated history with a cookie, page by page", async () => {
    resetFake();
    const userId = await newUser();
    await service().link(userId, { username: "alice", sessionCookie: "good-session-cookie-value-123" });
    const run = await service().sync(userId);
    expect(run).toMatchObject({
      status: "succeeded",
      mode: "history",
      fetched: 45,
      imported: 45,
      skipped: 0,
      resumeFrom: null,
    });
    const pages = fake.log.filter((l) => l.operation === "submissionList");
    expect(pages.map((p) => [p.variables.offset, p.variables.lastKey])).toEqual([
      [0, null],
      [20, "key-20"],
      [40, "key-40"],
    ]);
    expect(pages.every((p) => p.session === "good-session-cookie-value-123")).toBe(true);
    expect(await leetcodeAttempts(userId)).toHaveLength(45);
    // the next sync stops at the first page it already has
    fake.log.length = 0;
    const again = await service().sync(userId);
    expect(again).toMatchObject({ status: "succeeded", imported: 0 });
    expect(fake.log.filter((l) => l.operation === "submissionList")).toHaveLength(1);
  });

  it("waits as long as Retry-After says when rate-limited, then carries on", async () => {
    resetFake();
    fake.state.rateLimit = { userPublicProfile: 1 };
    fake.state.retryAfterSeconds = "7";
    const userId = await newUser();
    await service().link(userId, { username: "alice" });
    const run = await service().sync(userId);
    expect(run.status).toBe("succeeded");
    expect(sleeps).toContain(7000);
  });

  it("records a partial run when pages keep failing, and resumes from there next time", async () => {
    resetFake();
    fake.state.failOffsets = new Set([20]);
    const userId = await newUser();
    await service().link(userId, { username: "alice", sessionCookie: "good-session-cookie-value-123" });
    const partial = await service().sync(userId);
    expect(partial).toMatchObject({ status: "partial", fetched: 20, imported: 20, resumeFrom: { offset: 20 } });
    expect(partial.error).toMatch(/rate-limited/);
    fake.state.failOffsets = new Set();
    fake.log.length = 0;
    const resumed = await service().sync(userId);
    expect(resumed).toMatchObject({ status: "succeeded", fetched: 25, imported: 25, resumeFrom: null });
    expect(fake.log.filter((l) => l.operation === "submissionList")[0].variables).toMatchObject({
      offset: 20,
      lastKey: "key-20",
    });
    expect(await leetcodeAttempts(userId)).toHaveLength(45);
  });

  it.each(["errors", "redirect"] as const)(
    "says the cookie expired (LeetCode answers with %s) and still syncs the recent submissions",
    async (style) => {
      resetFake();
      fake.state.expiredStyle = style;
      fake.state.validSessions = new Set(["other-valid-cookie-xxxxxxxxxxxx"]);
      const userId = await newUser();
      await service().link(userId, { username: "alice", sessionCookie: "stale-session-cookie-value-123" });
      // redirect: LeetCode still says "signed in", but sends the history request to the login page
      if (style === "redirect") fake.state.signedInSessions = new Set(["stale-session-cookie-value-123"]);
      const run = await service().sync(userId);
      expect(run.status).toBe("partial");
      expect(run.error).toMatch(/did not accept the LEETCODE_SESSION cookie/);
      expect(run.imported).toBe(20);
      expect(await leetcodeAttempts(userId)).toHaveLength(20);
    },
  );

  it("fails, importing nothing, when LeetCode's answer is malformed", async () => {
    resetFake();
    fake.state.malformed = new Set(["recentAcSubmissions"]);
    const userId = await newUser();
    await service().link(userId, { username: "alice" });
    const run = await service().sync(userId);
    expect(run).toMatchObject({ status: "failed", fetched: 0, imported: 0 });
    expect(run.error).toMatch(/did not have the expected shape \(recentAcSubmissionList\.0\.titleSlug/);
    expect(await leetcodeAttempts(userId)).toHaveLength(0);
  });

  it("fails, never succeeds with zeros, when LeetCode cannot be reached", async () => {
    resetFake();
    const userId = await newUser();
    const offline = service({ url: "http://127.0.0.1:9/graphql" });
    await offline.link(userId, { username: "alice" });
    const run = await offline.sync(userId);
    expect(run).toMatchObject({ status: "failed", imported: 0 });
    expect(run.error).toMatch(/Could not reach LeetCode at http:\/\/127\.0\.0\.1:9\/graphql/);
    const [account] = await ctx.db.select().from(platformAccounts).where(eq(platformAccounts.userId, userId));
    expect(account.lastSyncedAt).toBeNull();
  });

  it("fails with a clear message for a username LeetCode does not know", async () => {
    resetFake();
    const userId = await newUser();
    await service().link(userId, { username: "nobody_here" });
    const run = await service().sync(userId);
    expect(run).toMatchObject({ status: "failed" });
    expect(run.error).toMatch(/LeetCode has no user "nobody_here"/);
  });
});

describe("over HTTP", () => {
  it("queues a sync, and lists the runs with their counts (only your own)", async () => {
    resetFake();
    const user = await signUp(app);
    const other = await signUp(app);
    expect(
      (await app.inject({ method: "POST", url: "/api/leetcode/sync", headers: user.headers })).json().error.message,
    ).toMatch(/Link a LeetCode username first/);
    await app.inject({
      method: "PUT",
      url: "/api/leetcode/link",
      headers: user.headers,
      payload: { username: "alice" },
    });
    const queued = await app.inject({ method: "POST", url: "/api/leetcode/sync", headers: user.headers });
    expect(queued.statusCode).toBe(202);
    if (ctx.jobs.mode === "inline") await ctx.jobs.drain();
    else await ctx.leetcode.sync(user.id); // no worker in this test: run it the way the worker would
    const runs = await app.inject({ method: "GET", url: "/api/leetcode/sync?limit=5", headers: user.headers });
    expect(runs.statusCode).toBe(200);
    expect(runs.json()).toMatchObject({ total: 1, items: [{ status: "succeeded", fetched: 20, imported: 20 }] });
    const id = runs.json().items[0].id;
    expect(
      (await app.inject({ method: "GET", url: `/api/leetcode/sync/${id}`, headers: other.headers })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: "GET", url: "/api/leetcode/sync", headers: other.headers })).json().total).toBe(
      0,
    );
    const [row] = await ctx.db.select().from(syncRuns).where(eq(syncRuns.id, id));
    expect(row.userId).toBe(user.id);
  });
});

describe("one rule for every transport (issue 14)", () => {
  it("POST /api/leetcode/sync, the sync_leetcode tool and the CLI's sync refuse an unlinked account with one message", async () => {
    resetFake();
    const user = await signUp(app);
    const http = await app.inject({ method: "POST", url: "/api/leetcode/sync", headers: user.headers });
    expect(http.statusCode).toBe(400);
    expect(http.json().error).toMatchObject({ code: "bad_request", message: NOT_LINKED_MESSAGE });
    const tool = await ctx.agentTools.call({ id: user.id, timezone: "UTC" }, "sync_leetcode", {});
    expect(tool).toEqual({ ok: false, code: http.json().error.code, error: http.json().error.message });
    // `maang leetcode sync` runs the sync in process: same rule, same message, and no run is recorded
    await expect(ctx.leetcode.sync(user.id)).rejects.toThrow(NOT_LINKED_MESSAGE);
    const runs = await ctx.db.select().from(syncRuns).where(eq(syncRuns.userId, user.id));
    expect(runs).toHaveLength(0);
  });

  it("route and tool queue the same job for a linked account and answer the same declared shape", async () => {
    resetFake();
    const user = await signUp(app);
    const linked = await app.inject({
      method: "PUT",
      url: "/api/leetcode/link",
      headers: user.headers,
      payload: { username: "alice" },
    });
    expect(linked.statusCode).toBe(200);
    const http = await app.inject({ method: "POST", url: "/api/leetcode/sync", headers: user.headers });
    expect(http.statusCode).toBe(202);
    expect(http.json()).toEqual({ queued: true, queue: ctx.jobs.mode, jobId: syncJobId(user.id) });
    const tool = await ctx.agentTools.call({ id: user.id, timezone: "UTC" }, "sync_leetcode", {});
    expect(tool).toEqual({ ok: true, result: http.json() });
    // the tool takes no arguments: it acts for the caller, never for a user named in them
    const other = await ctx.agentTools.call({ id: user.id, timezone: "UTC" }, "sync_leetcode", { userId: 1 });
    expect(other).toMatchObject({ ok: false, code: "invalid_arguments" });
    if (ctx.jobs.mode === "inline") await ctx.jobs.drain();
    else await ctx.leetcode.sync(user.id);
    // the job the route and the tool queued synced this user's account (once or twice: a job that already
    // started no longer holds its id, so the second request may queue a second, incremental sync)
    const runs = await ctx.db.select().from(syncRuns).where(eq(syncRuns.userId, user.id));
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((run) => run.status === "succeeded")).toBe(true);
  });

  it("declares its responses: the status and the runs carry ISO dates, and a too-long username is refused by the contract", async () => {
    const user = await signUp(app);
    const tooLong = await app.inject({
      method: "PUT",
      url: "/api/leetcode/link",
      headers: user.headers,
      payload: { username: "a".repeat(MAX_USERNAME_LENGTH + 1) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toContain(`at most ${MAX_USERNAME_LENGTH} characters`);
    const unknownQuery = await app.inject({ method: "GET", url: "/api/leetcode?x=1", headers: user.headers });
    expect(unknownQuery.statusCode).toBe(400);
    const docs = (await app.inject({ method: "GET", url: "/docs/json" })).json();
    for (const [path, method, status] of [
      ["/api/leetcode", "get", "200"],
      ["/api/leetcode/link", "put", "200"],
      ["/api/leetcode/sync", "post", "202"],
      ["/api/leetcode/sync", "get", "200"],
      ["/api/leetcode/sync/{id}", "get", "200"],
    ] as const) {
      expect(docs.paths[path]?.[method]?.responses?.[status], `${method} ${path}`).toBeDefined();
      expect(
        docs.paths[path]?.[method]?.responses?.["4XX"] ?? docs.paths[path]?.[method]?.responses?.["4xx"],
      ).toBeDefined();
    }
  });
});
