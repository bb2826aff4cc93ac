// The MCP server at /mcp on the main server, through the SDK's own client: every tool, resources, the
// prompt, tool errors, bearer tokens (missing, unknown, revoked → 401) and isolation between users.
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { CATALOGUE_URI, PLAN_PROMPT, PROFILE_URI } from "../../src/mcp/server.js";
import { createTestContext, uniqueEmail } from "../helpers/context.js";
import { createTestApp } from "../helpers/http.js";

let ctx: AppContext;
let app: App;
let base: string;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

async function userWithToken() {
  const user = await ctx.users.signup({ email: uniqueEmail("mcp"), password: "correct horse battery" });
  const token = await ctx.tokens.create(user.id, "mcp test");
  return { user, token };
}

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: "maang-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

type ToolResult = { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: unknown };

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult;
  const text = result.content[0]?.text ?? "";
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { isError: result.isError === true, text, json };
}

const ALL_TOOLS = [
  "log_attempt",
  "list_attempts",
  "get_stats",
  "get_weaknesses",
  "get_due_reviews",
  "rate_review",
  "get_roadmap",
  "get_study_plan",
  "search_problems",
  "recommend_problems",
  "get_skills",
  "start_mock_interview",
  "submit_interview_code",
  "get_upcoming_interviews",
  "schedule_interview",
  "sync_leetcode",
  "search_memory",
  "remember",
  "forget_memory",
];

describe("MCP over Streamable HTTP at /mcp", () => {
  it("lists every registry tool with its input schema", async () => {
    const { token } = await userWithToken();
    const client = await connect(token.token);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...ALL_TOOLS].sort());
    const logAttempt = tools.find((t) => t.name === "log_attempt");
    expect(logAttempt?.inputSchema.required).toEqual(["problem", "outcome"]);
    expect(
      ctx.agentTools
        .list()
        .map((t) => t.name)
        .sort(),
    ).toEqual([...ALL_TOOLS].sort());
    await client.close();
  });

  it("calls each tool for the token's user", async () => {
    const { user, token } = await userWithToken();
    const client = await connect(token.token);

    const logged = await call(client, "log_attempt", {
      problem: "two-sum",
      outcome: "solved",
      minutes: 11,
      notes: "hash map",
    });
    expect(logged.isError).toBe(false);
    expect(logged.json.attempt).toMatchObject({ problemSlug: "two-sum", outcome: "solved", minutes: 11 });

    const listed = await call(client, "list_attempts");
    expect(listed.json.items.map((a: { problemSlug: string }) => a.problemSlug)).toEqual(["two-sum"]);

    const stats = await call(client, "get_stats");
    expect(stats.json).toMatchObject({ totalAttempts: 1, solved: 1 });
    expect(stats.json.heatmap).toBeUndefined();
    expect(Object.keys(stats.json.lastTwoWeeks)).toHaveLength(14);

    // only the topics practised (two-sum's), not all eighteen
    const weaknesses = await call(client, "get_weaknesses", { limit: 3 });
    expect(weaknesses.json.topics.length).toBeGreaterThan(0);
    expect(weaknesses.json.topics.length).toBeLessThanOrEqual(3);
    for (const topic of weaknesses.json.topics) expect(topic.attempts).toBeGreaterThan(0);
    expect(weaknesses.json.topics[0]).toHaveProperty("reason");

    const due = await call(client, "get_due_reviews");
    expect(due.isError).toBe(false);
    expect(due.json).toHaveProperty("reviews");

    const rated = await call(client, "rate_review", { problem: "two-sum", rating: "good" });
    expect(rated.json).toMatchObject({ problemSlug: "two-sum" });
    expect(rated.json.reps).toBe(2);

    const roadmap = await call(client, "get_roadmap");
    expect(roadmap.json.topics).toHaveLength(18);

    const plan = await call(client, "get_study_plan", { generate: true, weeks: 2 });
    expect(plan.isError).toBe(false);
    expect(plan.json.weeks).toBe(2);

    const problems = await call(client, "search_problems", { q: "two sum" });
    expect(problems.json.items.map((p: { slug: string }) => p.slug)).toContain("two-sum");

    const started = await call(client, "start_mock_interview", { mode: "coding", question: "contains-duplicate" });
    expect(started.isError).toBe(false);
    expect(started.json).toMatchObject({ mode: "coding", status: "active" });
    const submitted = await call(client, "submit_interview_code", {
      sessionId: started.json.id,
      language: "javascript",
      code: "var containsDuplicate = function(nums) { return new Set(nums).size !== nums.length; };",
    });
    expect(submitted.isError, submitted.text).toBe(false);
    expect(submitted.json.verdict).toBe("accepted");
    expect(submitted.json.passed).toBe(submitted.json.total);
    const wrong = await call(client, "submit_interview_code", {
      sessionId: started.json.id,
      language: "javascript",
      code: "var containsDuplicate = function(nums) { return false; };",
    });
    expect(wrong.json.verdict).toBe("wrong_answer");

    const scheduled = await call(client, "schedule_interview", { mode: "behavioral" });
    expect(scheduled.isError).toBe(false);
    const upcoming = await call(client, "get_upcoming_interviews");
    expect(upcoming.json.items.map((i: { id: number }) => i.id)).toEqual(
      scheduled.json.items.map((i: { id: number }) => i.id),
    );

    const remembered = await call(client, "remember", { text: "My Google onsite is on March 3rd", kind: "fact" });
    const memoryId = remembered.json.remembered[0].id;
    const found = await call(client, "search_memory", { query: "google onsite" });
    expect(found.json.memories.map((m: { id: number }) => m.id)).toContain(memoryId);
    const forgotten = await call(client, "forget_memory", { id: memoryId });
    expect(forgotten.json).toEqual({ forgotten: memoryId });
    expect((await ctx.memory.manager.list(user.id)).items.map((m) => m.id)).not.toContain(memoryId);
    await client.close();
  });

  it("returns tool errors with a clear message for bad arguments and unknown rows, and keeps serving", async () => {
    const { token } = await userWithToken();
    const client = await connect(token.token);
    const badOutcome = await call(client, "log_attempt", { problem: "two-sum", outcome: "maybe" });
    expect(badOutcome.isError).toBe(true);
    expect(badOutcome.text).toMatch(/outcome/);
    const missing = await call(client, "log_attempt", {});
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/problem/);
    const unknown = await call(client, "log_attempt", { problem: "no-such-problem-qq", outcome: "solved" });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('No problem "no-such-problem-qq"');
    const noMemory = await call(client, "forget_memory", { id: 999_999_999 });
    expect(noMemory).toMatchObject({ isError: true, text: "No memory 999999999." });
    expect((await call(client, "get_stats")).isError).toBe(false);
    await client.close();
  });

  it("serves the catalogue and profile resources and the plan-my-day prompt", async () => {
    const { user, token } = await userWithToken();
    await ctx.tracking.logAttempt(user.id, { problem: "valid-anagram", outcome: "failed", minutes: 30 });
    const client = await connect(token.token);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual([CATALOGUE_URI, PROFILE_URI].sort());
    const catalogue = await client.readResource({ uri: CATALOGUE_URI });
    const problems = JSON.parse((catalogue.contents[0] as { text: string }).text);
    const total = (await ctx.catalog.search(user.id, { limit: 1, roadmapOnly: true })).total;
    expect(problems).toHaveLength(total);
    expect(problems.find((p: { slug: string }) => p.slug === "valid-anagram").status).toBe("attempted");
    const profile = await client.readResource({ uri: PROFILE_URI });
    expect((profile.contents[0] as { text: string }).text).toContain("Attempts: 1 (0 solved)");
    const prompt = await client.getPrompt({ name: PLAN_PROMPT });
    expect((prompt.messages[0].content as { text: string }).text).toContain("Attempts: 1 (0 solved)");
    await client.close();
  });

  it("never lets one user's token read or change another user's data", async () => {
    const a = await userWithToken();
    const b = await userWithToken();
    await ctx.tracking.logAttempt(a.user.id, { problem: "two-sum", outcome: "solved", minutes: 5 });
    const secret = await ctx.memory.manager.remember(a.user.id, { text: "Private: my salary target is 300k" }, "now");
    const client = await connect(b.token.token);
    expect((await call(client, "list_attempts")).json.total).toBe(0);
    expect((await call(client, "get_stats")).json.totalAttempts).toBe(0);
    expect((await call(client, "search_memory", { query: "salary target" })).json.memories).toEqual([]);
    const steal = await call(client, "forget_memory", { id: secret.created[0].id });
    expect(steal).toMatchObject({ isError: true, text: `No memory ${secret.created[0].id}.` });
    expect((await ctx.memory.manager.list(a.user.id)).total).toBe(1);
    const profile = await client.readResource({ uri: PROFILE_URI });
    expect((profile.contents[0] as { text: string }).text).toContain("Attempts: 0 (0 solved)");
    await client.close();
  });

  it("answers 401 to a missing, unknown or revoked token, and 403 to a foreign Origin", async () => {
    const { user, token } = await userWithToken();
    const init = { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} };
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
        body: JSON.stringify(init),
      });
    const none = await post({});
    expect(none.status).toBe(401);
    expect((await none.json()).error.message).toMatch(/Authorization: Bearer/);
    expect((await post({ authorization: "Bearer mt_not-a-real-token" })).status).toBe(401);

    const client = await connect(token.token);
    expect((await client.listTools()).tools.length).toBe(ALL_TOOLS.length);
    await client.close();
    await ctx.tokens.revoke(user.id, token.id);
    const revoked = await post({ authorization: `Bearer ${token.token}` });
    expect(revoked.status).toBe(401);
    await expect(connect(token.token)).rejects.toThrow();

    const fresh = await ctx.tokens.create(user.id, "second");
    const foreign = await post({ authorization: `Bearer ${fresh.token}`, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const local = await post({ authorization: `Bearer ${fresh.token}`, origin: "http://localhost:5173" });
    expect(local.status).toBe(200);
  });

  it("does not accept a session cookie instead of a bearer token", async () => {
    const email = uniqueEmail("cookie");
    const signup = await app.inject({
      method: "POST",
      url: "/api/auth/signup",
      payload: { email, password: "correct horse battery", name: "C", timezone: "UTC" },
    });
    const cookie = String(signup.headers["set-cookie"]).split(";")[0];
    const response = await fetch(`${base}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", cookie },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
    });
    expect(response.status).toBe(401);
  });
});
