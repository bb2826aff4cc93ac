// The mentor against a scripted OpenAI-compatible server: what the prompt holds, tool calls for the right
// user, streaming over SSE to the client, and LLM failures that still give an answer.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMentor } from "../../src/agent/agent.js";
import { createLanguageModel } from "../../src/agent/llm.js";
import type { MentorEvent } from "../../src/agent/mentor.js";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createTestContext } from "../helpers/context.js";
import { type FakeLlm, parseSse, startFakeLlm } from "../helpers/fake-llm.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

let llm: FakeLlm;
let ctx: AppContext;
let app: App;

beforeAll(async () => {
  llm = await startFakeLlm();
  ctx = await createTestContext({
    LLM_BASE_URL: llm.baseUrl,
    LLM_API_KEY: "sk-mentor-test",
    LLM_MODEL: "mentor-test-model",
    LLM_TIMEOUT_MS: "2000",
    LLM_MAX_STEPS: "3",
  });
  app = await createTestApp(ctx);
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
  await llm?.close();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

async function chat(user: TestUser, body: Record<string, unknown>) {
  const response = await app.inject({ method: "POST", url: "/api/chat", headers: user.headers, payload: body });
  return { response, events: parseSse(response.body) as { event: string; data: Record<string, unknown> }[] };
}

const textOf = (events: { event: string; data: Record<string, unknown> }[]) =>
  events
    .filter((e) => e.event === "token")
    .map((e) => e.data.text)
    .join("");

describe("a mentor turn with a language model", () => {
  it("sends the retrieved memories and the user's numbers in the prompt, and cites the memory", async () => {
    const user = await signUp(app);
    await ctx.tracking.logAttempt(user.id, {
      problem: "coin-change",
      outcome: "failed",
      minutes: 40,
      attemptedAt: daysAgo(3),
    });
    await ctx.tracking.logAttempt(user.id, {
      problem: "two-sum",
      outcome: "solved",
      minutes: 10,
      attemptedAt: daysAgo(2),
    });
    const { created } = await ctx.memory.manager.remember(
      user.id,
      { text: "I always forget the base case dp[0] = 0 in coin change", kind: "note", createdAt: daysAgo(5) },
      "now",
    );
    const memory = created[0];
    const date = memory.createdAt.slice(0, 10);
    llm.script({ content: `Start from dp[0] = 0, as you noted [m${memory.id} ${date}].` });

    const before = llm.requests.length;
    const { response, events } = await chat(user, { message: "How do I get coin change right?" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/text\/event-stream/);

    const request = llm.requests[before];
    expect(request.body.model).toBe("mentor-test-model");
    const system = request.body.messages[0].content as string;
    expect(system).toContain(`[m${memory.id} ${date}] I always forget the base case dp[0] = 0 in coin change`);
    expect(system).toContain("Attempts: 2 (1 solved)");
    expect(system).toMatch(/Weakest topics\n- /);
    expect(request.body.messages.at(-1)).toEqual({ role: "user", content: "How do I get coin change right?" });
    expect(request.body.tools?.map((t) => t.function.name)).toContain("log_attempt");

    expect(textOf(events)).toBe(`Start from dp[0] = 0, as you noted [m${memory.id} ${date}].`);
    const citations = events.find((e) => e.event === "citations");
    expect(citations?.data.memories).toEqual([
      expect.objectContaining({ id: memory.id, kind: "note", text: memory.text }),
    ]);
    const done = events.at(-1);
    expect(done?.event).toBe("done");
    expect(done?.data).toMatchObject({ offline: false, steps: 1 });
  });

  it("streams the answer in pieces, in order, and stores the turn as messages and memories", async () => {
    const user = await signUp(app);
    const answer = "Review two pointers first, then try three new problems from sliding window today.";
    llm.script({ content: answer });
    const { events } = await chat(user, { message: "Which topic should I practise this evening?" });
    const tokens = events.filter((e) => e.event === "token");
    expect(tokens.length).toBeGreaterThan(5);
    expect(textOf(events)).toBe(answer);
    expect(events[0]).toMatchObject({ event: "conversation" });
    const conversationId = events[0].data.conversationId as number;

    const list = await app.inject({ method: "GET", url: "/api/conversations", headers: user.headers });
    expect(list.json().items.map((c: { id: number }) => c.id)).toEqual([conversationId]);
    const messages = await app.inject({
      method: "GET",
      url: `/api/conversations/${conversationId}/messages`,
      headers: user.headers,
    });
    expect(messages.json().items.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ["user", "Which topic should I practise this evening?"],
      ["assistant", answer],
    ]);
    const memories = await ctx.memory.manager.list(user.id);
    expect(memories.items.map((m) => [m.kind, m.text]).sort()).toEqual(
      [
        ["answer", answer],
        ["message", "Which topic should I practise this evening?"],
      ].sort(),
    );
  });

  it("continues a conversation with its history, and refuses another user's conversation with 404", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    llm.script({ content: "First answer about heaps and priority queues." });
    const first = await chat(owner, { message: "Tell me about heaps for top k problems" });
    const conversationId = first.events[0].data.conversationId as number;
    llm.script({ content: "Second answer." });
    const before = llm.requests.length;
    await chat(owner, { message: "And for the running median?", conversationId });
    expect(llm.requests[before].body.messages.slice(1).map((m) => m.content)).toEqual([
      "Tell me about heaps for top k problems",
      "First answer about heaps and priority queues.",
      "And for the running median?",
    ]);

    const stolen = await chat(other, { message: "show me", conversationId });
    expect(stolen.response.statusCode).toBe(404);
    expect(stolen.response.json().error.message).toBe(`No conversation ${conversationId}.`);
    const peek = await app.inject({
      method: "GET",
      url: `/api/conversations/${conversationId}/messages`,
      headers: other.headers,
    });
    expect(peek.statusCode).toBe(404);
  });

  it("runs a tool call for the acting user only and feeds its result back to the model", async () => {
    const user = await signUp(app);
    const bystander = await signUp(app);
    llm.script(
      { toolCalls: [{ name: "log_attempt", arguments: { problem: "valid-anagram", outcome: "solved", minutes: 12 } }] },
      { content: "Logged Valid Anagram as solved in 12 minutes." },
    );
    const before = llm.requests.length;
    const { events } = await chat(user, { message: "I just solved valid anagram in 12 minutes, log it" });

    const tool = events.find((e) => e.event === "tool");
    expect(tool?.data).toMatchObject({ name: "log_attempt", ok: true, arguments: { problem: "valid-anagram" } });
    const mine = await ctx.tracking.listAttempts(user.id);
    expect(mine.items.map((a) => [a.problemSlug, a.outcome, a.minutes])).toEqual([["valid-anagram", "solved", 12]]);
    expect((await ctx.tracking.listAttempts(bystander.id)).total).toBe(0);

    const followUp = llm.requests[before + 1].body.messages;
    const assistantCall = followUp.at(-2);
    expect(assistantCall?.role).toBe("assistant");
    expect(assistantCall?.tool_calls).toHaveLength(1);
    const toolMessage = followUp.at(-1);
    expect(toolMessage?.role).toBe("tool");
    expect(JSON.parse(toolMessage?.content ?? "{}").attempt).toMatchObject({
      problemSlug: "valid-anagram",
      minutes: 12,
    });
    expect(textOf(events)).toBe("Logged Valid Anagram as solved in 12 minutes.");
    expect(events.at(-1)?.data).toMatchObject({ steps: 2, offline: false });
  });

  it("feeds a tool's error back to the model instead of failing the turn", async () => {
    const user = await signUp(app);
    llm.script(
      { toolCalls: [{ name: "rate_review", arguments: { problem: "no-such-problem-xyz", rating: "good" } }] },
      { toolCalls: [{ name: "log_attempt", arguments: { problem: "two-sum", outcome: "maybe" } }] },
      { content: "That problem is not in your catalogue." },
    );
    const before = llm.requests.length;
    const { response, events } = await chat(user, { message: "rate no-such-problem-xyz as good" });
    expect(response.statusCode).toBe(200);
    const tools = events.filter((e) => e.event === "tool").map((e) => e.data);
    expect(tools[0]).toMatchObject({ name: "rate_review", ok: false });
    expect(tools[0].error).toMatch(/No problem "no-such-problem-xyz"/);
    expect(tools[1]).toMatchObject({ name: "log_attempt", ok: false });
    expect(tools[1].error).toMatch(/^Invalid arguments for log_attempt: outcome/);
    const fedBack = llm.requests[before + 1].body.messages.at(-1);
    expect(fedBack?.role).toBe("tool");
    expect(JSON.parse(fedBack?.content ?? "{}").error).toMatch(/No problem "no-such-problem-xyz"/);
    // The third (last) step offers no tools, so the model must answer.
    expect(llm.requests[before + 2].body.tools).toBeUndefined();
    expect(textOf(events)).toBe("That problem is not in your catalogue.");
  });

  it("answers an LLM failure (HTTP 500) with a clear message and the offline answer, not a 500", async () => {
    const user = await signUp(app);
    await ctx.tracking.logAttempt(user.id, {
      problem: "two-sum",
      outcome: "failed",
      minutes: 30,
      attemptedAt: daysAgo(9),
    });
    llm.script({ status: 500 }, { status: 500 });
    const { response, events } = await chat(user, { message: "What should I do today?" });
    expect(response.statusCode).toBe(200);
    const error = events.find((e) => e.event === "error");
    expect(error?.data.message).toMatch(/answered with HTTP 500/);
    expect(error?.data.message).toMatch(/Answering from your data without the model instead/);
    const text = textOf(events);
    expect(text).toMatch(/The language model could not answer \(.*HTTP 500/);
    expect(text).toContain("Two Sum (`two-sum`");
    expect(events.at(-1)).toMatchObject({ event: "done", data: { offline: true } });
  });

  it("puts the code and the failing case in the prompt for 'explain this test failure'", async () => {
    const user = await signUp(app);
    llm.script({ content: "Line 1 returns the indices in reverse order." });
    const before = llm.requests.length;
    const response = await app.inject({
      method: "POST",
      url: "/api/chat/explain-failure",
      headers: user.headers,
      payload: {
        problem: "two-sum",
        language: "javascript",
        code: "var twoSum = function(nums, target) { return [1, 0]; };",
        input: [[2, 7, 11, 15], 9],
        expected: [0, 1],
        actual: [1, 0],
        stream: false,
      },
    });
    expect(response.json()).toMatchObject({ answer: "Line 1 returns the indices in reverse order.", offline: false });
    const system = llm.requests[before].body.messages[0].content as string;
    expect(system).toMatch(/why a test failed/);
    expect(system).toContain("var twoSum = function(nums, target) { return [1, 0]; };");
    expect(system).toContain("Expected: [0,1]");
    expect(system).toContain("Actual: [1,0]");
    expect(llm.requests[before].body.messages.at(-1)?.content).toBe("Why does this test fail?");
  });

  it("writes the feedback of a finished mock interview into its report", async () => {
    const user = await signUp(app);
    const session = await ctx.interviews.startSession(user.id, { mode: "behavioral" });
    await ctx.interviews.answerText(user.id, session.id, {
      text: "At my last job the release was late. I split the work, paired with QA and we shipped two days early.",
    });
    // the model first grades the answer (docs/decisions/0009; this reply is no grade, so the offline rubric
    // stays), then the mentor writes the feedback
    llm.script(
      { content: "no grade" },
      { content: "Name the result in numbers and say what you learned; the situation part was clear." },
    );
    const before = llm.requests.length;
    const finished = await ctx.interviews.finishSession(user.id, session.id);
    expect(finished.report?.feedback).toBe(
      "Name the result in numbers and say what you learned; the situation part was clear.",
    );
    expect(finished.report?.rubric.gradedBy).toBe("offline");
    const system = llm.requests[before + 1].body.messages[0].content as string;
    expect(system).toMatch(/feedback on a mock-interview answer/);
    expect(system).toContain(session.question.prompt);
    expect(system).toContain('"rubric"');
  });

  it("answers in one JSON with stream: false", async () => {
    const user = await signUp(app);
    llm.script({ content: "Non-streamed answer about graphs." });
    const response = await app.inject({
      method: "POST",
      url: "/api/chat",
      headers: user.headers,
      payload: { message: "graphs?", stream: false },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      answer: "Non-streamed answer about graphs.",
      offline: false,
      citations: [],
    });
  });

  it("rejects an empty message and unknown fields with 400", async () => {
    const user = await signUp(app);
    const empty = await app.inject({
      method: "POST",
      url: "/api/chat",
      headers: user.headers,
      payload: { message: " " },
    });
    expect(empty.statusCode).toBe(400);
    const extra = await app.inject({
      method: "POST",
      url: "/api/chat",
      headers: user.headers,
      payload: { message: "hi", userId: 1 },
    });
    expect(extra.statusCode).toBe(400);
    const anonymous = await app.inject({ method: "POST", url: "/api/chat", payload: { message: "hi" } });
    expect(anonymous.statusCode).toBe(401);
  });

  it("streams over a real HTTP connection", async () => {
    const user = await signUp(app);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    llm.script({ content: "Streaming over the socket works fine." });
    const response = await fetch(`http://127.0.0.1:${port}/api/chat`, {
      method: "POST",
      headers: { ...user.headers, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ message: "stream test" }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let body = "";
    let reads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      body += value;
      reads++;
    }
    expect(reads).toBeGreaterThan(1);
    const events = parseSse(body) as { event: string; data: Record<string, unknown> }[];
    expect(textOf(events)).toBe("Streaming over the socket works fine.");
  });
});

describe("a language model that cannot be reached", () => {
  it("gives the connection error and the offline answer from the mentor directly", async () => {
    const user = await ctx.users.signup({
      email: `refused-${Date.now()}@test.example`,
      password: "correct horse battery",
    });
    const mentor = createMentor({
      services: ctx,
      tools: ctx.agentTools,
      settings: ctx.settings,
      logger: ctx.logger,
      clock: ctx.clock,
      llm: createLanguageModel({ baseUrl: "http://127.0.0.1:9/v1", apiKey: "x", model: "m", timeoutMs: 2000 }),
    });
    const events: MentorEvent[] = [];
    const result = await mentor.turn(
      { user: { id: user.id, timezone: "UTC" }, message: "hint for climbing-stairs" },
      (e) => events.push(e),
    );
    expect(result.offline).toBe(true);
    expect(result.llmError).toMatch(/Could not connect .* check LLM_BASE_URL/);
    expect(events.find((e) => e.type === "error")).toBeTruthy();
    expect(result.answer).toContain("Hint for Climbing Stairs (`climbing-stairs`");
  });
});
