// `npm run bench -- mentor`: for mentor turns over a realistic memory (a learner with 2,000 memories and 300
// attempts), the tokens of context sent per turn and the retrieval time per turn (p50/p95); and the
// latency of MCP tool calls over Streamable HTTP (p50/p95). Uses DATABASE_URL / REDIS_URL when set.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { isNull } from "drizzle-orm";
import { buildApp } from "../src/api/app.js";
import { type AppContext, createAppContext } from "../src/app-context.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { attempts, problems } from "../src/database/schema.js";
import type { RememberInput } from "../src/memory/memory-manager.js";
import { printTable, summarize, time } from "./lib.js";

const MEMORIES = 2_000;
const ATTEMPTS = 300;
const TURNS = 60;
const TOOL_CALLS = 60;

const TOPICS = [
  ["dynamic programming", "coin change", "the base case dp[0]"],
  ["sliding window", "longest substring without repeating characters", "when to shrink the left edge"],
  ["graphs", "number of islands", "marking visited cells before pushing to the queue"],
  ["binary search", "search in rotated sorted array", "which half is sorted"],
  ["heaps", "top k frequent elements", "a min-heap of size k"],
  ["two pointers", "3sum", "skipping duplicates after sorting"],
  ["trees", "lowest common ancestor", "what the recursion returns to the parent"],
  ["backtracking", "combination sum", "undoing the choice after recursing"],
  ["intervals", "merge intervals", "sorting by start first"],
  ["tries", "word search II", "pruning the trie as words are found"],
] as const;
const TEMPLATES = [
  (t: (typeof TOPICS)[number]) => `I struggled with ${t[1]} today; ${t[2]} tripped me up again in ${t[0]}.`,
  (t: (typeof TOPICS)[number]) => `Note to self on ${t[0]}: for ${t[1]}, remember ${t[2]}.`,
  (t: (typeof TOPICS)[number]) =>
    `Solved ${t[1]} in 25 minutes after thinking about ${t[2]}. ${t[0]} feels better now.`,
  (t: (typeof TOPICS)[number]) =>
    `My recruiter said the onsite will focus on ${t[0]}, so I should practise ${t[1]} again.`,
  (t: (typeof TOPICS)[number]) => `Explained ${t[1]} out loud to a friend; the tricky part is ${t[2]}.`,
];
const QUESTIONS = [
  "What did I say about dynamic programming?",
  "How should I approach coin change?",
  "What should I do today?",
  "What did I struggle with last week?",
  "Give me a plan for sliding window problems",
  "Which graph problems did I find hard?",
  "What did my recruiter say about the onsite?",
  "hint for merge-intervals",
  "How do I avoid duplicates in 3sum?",
  "What did I note about binary search in March?",
];

async function seed(ctx: AppContext): Promise<{ id: number; timezone: string }> {
  const user = await ctx.users.signup({ email: `bench-${randomUUID()}@bench.example`, password: "bench password 1" });
  const now = Date.now();
  const inputs: RememberInput[] = Array.from({ length: MEMORIES }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length];
    const text = `${TEMPLATES[Math.floor(i / TOPICS.length) % TEMPLATES.length](topic)} (entry ${i})`;
    return {
      text,
      kind: i % 3 === 0 ? "note" : "message",
      createdAt: new Date(now - (i % 180) * 86_400_000 - i * 60_000),
    };
  });
  for (let i = 0; i < inputs.length; i += 250)
    await ctx.memory.manager.rememberMany(user.id, inputs.slice(i, i + 250), "now");
  const catalogue = await ctx.db.select({ id: problems.id }).from(problems).where(isNull(problems.ownerUserId));
  const outcomes = ["solved", "solved", "failed", "solved", "gave_up"];
  const rows = Array.from({ length: ATTEMPTS }, (_, i) => ({
    userId: user.id,
    problemId: catalogue[(i * 11) % catalogue.length].id,
    outcome: outcomes[i % outcomes.length],
    rating: (i % 4) + 1,
    minutes: 10 + (i % 45),
    attemptedAt: new Date(now - (i % 90) * 86_400_000 - i * 60_000),
  }));
  for (let i = 0; i < rows.length; i += 150) await ctx.db.insert(attempts).values(rows.slice(i, i + 150));
  return { id: user.id, timezone: "UTC" };
}

export async function run(): Promise<void> {
  const env = readEnvironment();
  const settings = settingsFrom({
    DATABASE_URL: env.DATABASE_URL,
    REDIS_URL: env.REDIS_URL,
    DATA_DIR: ":memory:",
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    EMBEDDING_PROVIDER: "offline",
  });
  const ctx = await createAppContext({ settings, migrate: true, seed: true });
  try {
    const actor = await seed(ctx);

    // Turns: retrieval alone, then the whole (offline) turn, which assembles the same prompt a model gets.
    const retrieval: number[] = [];
    const memoryTokens: number[] = [];
    const promptTokens: number[] = [];
    const turns: number[] = [];
    let conversationId: number | undefined;
    for (let i = 0; i < TURNS; i++) {
      const question = QUESTIONS[i % QUESTIONS.length];
      const start = process.hrtime.bigint();
      const context = await ctx.memory.rag.buildContext(actor, question);
      retrieval.push(Number(process.hrtime.bigint() - start) / 1e6);
      memoryTokens.push(context.tokens);
      const turnStart = process.hrtime.bigint();
      const result = await ctx.mentor.turn({ user: actor, message: question, conversationId });
      turns.push(Number(process.hrtime.bigint() - turnStart) / 1e6);
      conversationId = result.conversationId;
      promptTokens.push(result.contextTokens);
    }
    const r = summarize(retrieval);
    const m = summarize(memoryTokens);
    const p = summarize(promptTokens);
    const t = summarize(turns);
    printTable(
      `Mentor turns (${TURNS} turns, ${MEMORIES} memories, ${ATTEMPTS} attempts; ${ctx.database.kind}, budget ${settings.memory.contextTokens} memory tokens)`,
      [
        { measure: "memory tokens injected per turn", p50: m.p50, p95: m.p95, mean: Math.round(m.mean) },
        {
          measure: "whole prompt tokens per turn (system + history + question)",
          p50: p.p50,
          p95: p.p95,
          mean: Math.round(p.mean),
        },
        { measure: "retrieval time per turn (ms)", p50: r.p50, p95: r.p95, mean: r.mean },
        { measure: "whole offline turn incl. storing both messages (ms)", p50: t.p50, p95: t.p95, mean: t.mean },
      ],
    );

    // MCP over Streamable HTTP: one server, one API token, the SDK client, sequential calls.
    const app = await buildApp(ctx);
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const token = await ctx.tokens.create(actor.id, "bench");
      const client = new Client({ name: "maang-bench", version: "1.0.0" });
      const { port } = app.server.address() as AddressInfo;
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${token.token}` } },
        }),
      );
      const calls: [string, Record<string, unknown>][] = [
        ["get_stats", {}],
        ["get_due_reviews", {}],
        ["search_problems", { q: "tree" }],
        ["search_memory", { query: "coin change base case" }],
        ["list_attempts", { limit: 20 }],
      ];
      const rows = [];
      for (const [name, args] of calls) {
        const timing = await time(
          async () => {
            const result = await client.callTool({ name, arguments: args });
            if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
          },
          TOOL_CALLS,
          5,
        );
        rows.push({ tool: name, calls: timing.n, "p50 ms": timing.p50, "p95 ms": timing.p95, "mean ms": timing.mean });
      }
      printTable(`MCP tool calls over Streamable HTTP (stateless, bearer token; ${ctx.database.kind})`, rows);
      await client.close();
    } finally {
      await app.close();
    }
  } finally {
    await ctx.close();
  }
}
