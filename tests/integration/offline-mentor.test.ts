// The mentor with no language model configured: the three kinds of questions answered from real data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOPIC_PATTERNS } from "../../src/agent/offline-mentor.js";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createTestContext } from "../helpers/context.js";
import { parseSse } from "../helpers/fake-llm.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

let ctx: AppContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

async function ask(user: TestUser, message: string): Promise<{ text: string; events: { event: string; data: any }[] }> {
  const response = await app.inject({ method: "POST", url: "/api/chat", headers: user.headers, payload: { message } });
  expect(response.statusCode).toBe(200);
  const events = parseSse(response.body) as { event: string; data: any }[];
  const text = events
    .filter((e) => e.event === "token")
    .map((e) => e.data.text)
    .join("");
  return { text, events };
}

describe("the offline mentor", () => {
  it("says once, through /api/chat/status, that no model is configured and how to add one; replies stay free of it", async () => {
    expect(ctx.mentor.online).toBe(false);
    const user = await signUp(app);
    const status = await app.inject({ method: "GET", url: "/api/chat/status", headers: user.headers });
    expect(status.json()).toMatchObject({ online: false });
    expect(status.json().setupHint).toMatch(/LLM_BASE_URL .*LLM_API_KEY .*LLM_MODEL/s);
    const { text, events } = await ask(user, "What should I do today?");
    expect(text).not.toMatch(/No language model is configured/);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { offline: true } });
  });

  it("answers 'what should I do today' with the due reviews, the weakest topic and its reason, and the next roadmap problems", async () => {
    const user = await signUp(app);
    await ctx.tracking.logAttempt(user.id, {
      problem: "coin-change",
      outcome: "failed",
      minutes: 50,
      attemptedAt: daysAgo(12),
    });
    await ctx.tracking.logAttempt(user.id, {
      problem: "climbing-stairs",
      outcome: "failed",
      minutes: 35,
      attemptedAt: daysAgo(11),
    });
    await ctx.tracking.logAttempt(user.id, {
      problem: "house-robber",
      outcome: "gave_up",
      minutes: 45,
      attemptedAt: daysAgo(10),
    });
    await ctx.tracking.logAttempt(user.id, {
      problem: "two-sum",
      outcome: "solved",
      minutes: 8,
      attemptedAt: daysAgo(10),
    });
    // Four cards were started today (the attempts were logged today), so allow more new problems than that.
    await ctx.users.updateSettings(user.id, { dailyNewLimit: 8 });

    const queue = await ctx.training.dueQueue(user.id, { limit: 20 });
    const weakest = (await ctx.weaknesses.weaknesses(user.id)).topics[0];
    expect(queue.reviews.length).toBeGreaterThan(0);

    const { text } = await ask(user, "What should I do today?");
    for (const review of queue.reviews.slice(0, 5))
      expect(text).toContain(`${review.title} (\`${review.problemSlug}\``);
    expect(text).toContain(
      `Weakest topic: ${weakest.name} (score ${Math.round(weakest.score)}/100, ${weakest.severity}). Why: ${weakest.reason}`,
    );
    expect(text).toContain(TOPIC_PATTERNS[weakest.topicId]);
    expect(queue.newProblems.length).toBeGreaterThan(0);
    for (const problem of queue.newProblems.slice(0, 3)) expect(text).toContain(`\`${problem.problemSlug}\``);
  });

  it("quotes what the user said about a subject, with dates and memory ids, and nothing of another user", async () => {
    const user = await signUp(app);
    const other = await signUp(app);
    const mine = await ctx.memory.manager.remember(
      user.id,
      {
        text: "Sliding window clicked when I tracked counts in a map for longest substring",
        kind: "note",
        createdAt: daysAgo(20),
      },
      "now",
    );
    await ctx.memory.manager.remember(
      user.id,
      { text: "My flight to Berlin leaves on Monday morning", kind: "note", createdAt: daysAgo(4) },
      "now",
    );
    await ctx.memory.manager.remember(
      other.id,
      { text: "Sliding window problems confuse me with the shrinking condition", kind: "note", createdAt: daysAgo(2) },
      "now",
    );
    const memory = mine.created[0];

    const { text, events } = await ask(user, "What did I say about sliding window?");
    expect(text).toContain(
      `On ${memory.createdAt.slice(0, 10)} (memory #${memory.id}, note): "Sliding window clicked when I tracked counts in a map for longest substring"`,
    );
    expect(text).not.toContain("Berlin");
    expect(text).not.toContain("shrinking condition");
    const citations = events.find((e) => e.event === "citations");
    expect(citations?.data.memories.map((m: { id: number }) => m.id)).toEqual([memory.id]);

    const { text: nothing } = await ask(other, "What did I say about tries?");
    expect(nothing).toContain('I found nothing you said or noted about "tries"');
  });

  it("gives the topic and its pattern for 'hint for SLUG', and says when the problem is unknown", async () => {
    const user = await signUp(app);
    const problem = await ctx.catalog.get(user.id, "coin-change");
    const { text } = await ask(user, "hint for coin-change");
    expect(text).toContain(`Hint for ${problem.title} (\`coin-change\`, ${problem.difficulty})`);
    for (const topic of problem.topics) expect(text).toContain(`Topic: ${topic.name}. ${TOPIC_PATTERNS[topic.id]}`);

    const { text: unknown } = await ask(user, "hint for not-a-real-problem-zzz");
    expect(unknown).toContain('I don\'t know a problem called "not-a-real-problem-zzz"');
  });

  it("explains a failing test by comparing expected and actual, with the problem's pattern", async () => {
    const user = await signUp(app);
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
      },
    });
    expect(response.statusCode).toBe(200);
    const text = (parseSse(response.body) as { event: string; data: any }[])
      .filter((e) => e.event === "token")
      .map((e) => e.data.text)
      .join("");
    expect(text).toContain("Failing test: input [[2,7,11,15],9]");
    expect(text).toContain("- expected: [0,1]");
    expect(text).toContain("- your code: [1,0]");
    expect(text).toContain("It has the right elements in a different order");
    expect(text).toContain(`The usual approach for Two Sum: ${TOPIC_PATTERNS.arrays}`);

    const crashed = await app.inject({
      method: "POST",
      url: "/api/chat/explain-failure",
      headers: user.headers,
      payload: {
        language: "python",
        code: "def f(x): return x[3]",
        input: [[1]],
        expected: 1,
        error: "IndexError: list index out of range (line 1)",
        stream: false,
      },
    });
    expect(crashed.json().answer).toContain(
      "Your code stopped with an error: IndexError: list index out of range (line 1)",
    );
    expect(crashed.json().answer).toContain("Look at line 1 first.");
  });
});
