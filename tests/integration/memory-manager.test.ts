// The memory manager, vector store and RAG engine on a real database (PGlite, or PostgreSQL with
// DATABASE_URL) and the real job queue (inline, or BullMQ with REDIS_URL and a worker started here).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { queryRows } from "../../src/config/database.js";
import { settingsFrom } from "../../src/config/settings.js";
import { registerJobHandlers } from "../../src/job-handlers.js";
import { type RunningWorkers, startWorkers } from "../../src/jobs/workers.js";
import type { Embedder } from "../../src/memory/embedding-service.js";
import { createMemoryServices } from "../../src/memory/memory-services.js";
import { OFFLINE_MODEL_ID, OfflineEmbedder } from "../../src/memory/offline-embedder.js";
import type { MemoryUser } from "../../src/memory/rag-engine.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { createTestContext, testEnv, uniqueEmail, usingPostgres } from "../helpers/context.js";

const clock = new FakeClock("2026-11-24T15:00:00Z");
let ctx: AppContext;
let workers: RunningWorkers | undefined;

async function newUser(timezone = "UTC"): Promise<MemoryUser> {
  const user = await createUser(ctx.db, { email: uniqueEmail("mem"), password: "correct horse battery", timezone });
  return { id: user.id, timezone: user.timezone };
}

/** Waits for background embedding: inline jobs drain; BullMQ jobs are polled until the rows have vectors. */
async function embedded(userId: number, count: number): Promise<void> {
  await ctx.jobs.drain();
  for (let i = 0; i < 200; i++) {
    const [row] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from memories where user_id = ${userId} and embedding_model = ${OFFLINE_MODEL_ID}`,
    );
    if (row.n >= count) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`memories of user ${userId} were not embedded`);
}

beforeAll(async () => {
  // a prefix of its own, so this file's worker consumes only this file's jobs on the shared Redis
  ctx = await createTestContext({ REDIS_PREFIX: `memtest-${randomUUID().slice(0, 8)}` }, { clock });
  if (ctx.jobs.mode === "redis") {
    registerJobHandlers(ctx, ctx.jobs);
    workers = startWorkers(ctx.jobs, { concurrency: 2, logger: ctx.logger });
  }
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
});

describe(`memories on ${usingPostgres ? "PostgreSQL" : "PGlite"} with ${process.env.REDIS_URL ? "BullMQ" : "inline"} jobs`, () => {
  it("is searchable by full text at once and by meaning once the embed-memories job has run", async () => {
    const user = await newUser();
    // stored without embedding first, so the moment before the job runs can be observed
    const { created } = await ctx.memory.manager.remember(
      user.id,
      { text: "Dynamic programming on intervals: burst balloons needs the last balloon popped as the split point." },
      "none",
    );
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ kind: "note", source: "manual", embedded: false, chunkIndex: 0 });
    // by words, before any vector exists
    const byWords = await ctx.memory.rag.search(user, "burst balloons");
    expect(byWords.hits.map((h) => h.id)).toEqual([created[0].id]);
    expect(byWords.hits[0].matchedBy).toEqual(["text"]);

    // "dyn prog": a spelling only the embedder's vocabulary knows ("DP" itself is now found by name, through
    // the glossary, before any vector exists)
    expect((await ctx.memory.rag.search(user, "dyn prog")).hits).toEqual([]);
    expect((await ctx.memory.rag.search(user, "DP")).hits.map((h) => h.id)).toEqual([created[0].id]);

    await ctx.jobs.enqueue("embed-memories", { userId: user.id, ids: [created[0].id] });
    await embedded(user.id, 1);
    // by a spelling only the vector understands
    const byMeaning = await ctx.memory.rag.search(user, "dyn prog");
    expect(byMeaning.hits.map((h) => h.id)).toEqual([created[0].id]);
    expect(byMeaning.hits[0].matchedBy).toContain("vector");
    expect((await ctx.memory.manager.get(user.id, created[0].id)).embedded).toBe(true);
  });

  it("enqueues the embedding when a memory is written, so it needs no extra step", async () => {
    const user = await newUser();
    const { created } = await ctx.memory.manager.remember(user.id, { text: "Trie insert and search are O(length)." });
    await embedded(user.id, 1);
    expect((await ctx.memory.rag.search(user, "prefix tree")).hits.map((h) => h.id)).toEqual([created[0].id]);
  });

  it("returns no memory of another user, even an identical one", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const text = "My Google onsite is on December 8th; practise union find before it.";
    const a = await ctx.memory.manager.remember(alice.id, { text, kind: "fact" }, "now");
    const b = await ctx.memory.manager.remember(bob.id, { text, kind: "fact" }, "now");
    expect(a.created[0].id).not.toBe(b.created[0].id);
    for (const [user, own] of [
      [alice, a.created[0].id],
      [bob, b.created[0].id],
    ] as const) {
      for (const query of ["Google onsite", "DSU", "when is my interview?"]) {
        const { hits } = await ctx.memory.rag.search(user, query, { limit: 50 });
        expect(hits.map((h) => h.id)).toEqual([own]);
      }
      const context = await ctx.memory.rag.buildContext(user, "Google onsite");
      expect(context.used.map((m) => m.id)).toEqual([own]);
    }
    await expect(ctx.memory.manager.get(alice.id, b.created[0].id)).rejects.toThrow(/No memory/);
    await expect(ctx.memory.manager.forget(alice.id, b.created[0].id)).rejects.toMatchObject({ statusCode: 404 });
    expect((await ctx.memory.manager.get(bob.id, b.created[0].id)).text).toBe(text);
  });

  it("skips exact duplicates per user (case and spacing aside) and chunks long text", async () => {
    const user = await newUser();
    const first = await ctx.memory.manager.remember(user.id, { text: "Heaps: heapify is O(n)." }, "none");
    const again = await ctx.memory.manager.remember(user.id, { text: "  heaps:   HEAPIFY is O(n). " }, "none");
    expect(first.created).toHaveLength(1);
    expect(again).toEqual({ created: [], duplicates: 1 });

    const sentences = Array.from(
      { length: 120 },
      (_, i) => `Observation ${i}: sliding window problem ${i} needs care.`,
    );
    const long = await ctx.memory.manager.remember(user.id, { text: sentences.join(" "), kind: "note" }, "now");
    expect(long.created.length).toBeGreaterThanOrEqual(3);
    expect(long.created.map((m) => m.chunkIndex)).toEqual(long.created.map((_, i) => i));
    for (const chunk of long.created) expect(chunk.text.length).toBeLessThanOrEqual(2000);
    const { hits } = await ctx.memory.rag.search(user, "Observation 119", { limit: 3 });
    expect(hits[0].text).toContain("Observation 119:");
  });

  it("turns user messages and mentor answers into memories, but not one-word replies", async () => {
    const user = await newUser();
    const conversation = await ctx.memory.manager.createConversation(user.id, "Graphs");
    const asked = await ctx.memory.manager.appendMessage(
      user.id,
      conversation.id,
      { role: "user", content: "I always forget how Kahn's algorithm handles cycles in topological sort." },
      "now",
    );
    const answered = await ctx.memory.manager.appendMessage(
      user.id,
      conversation.id,
      { role: "assistant", content: "If fewer nodes than the graph holds come out of the queue, there is a cycle." },
      "now",
    );
    const thanks = await ctx.memory.manager.appendMessage(user.id, conversation.id, {
      role: "user",
      content: "thanks!",
    });
    expect(asked.memories).toMatchObject([
      { kind: "message", source: "conversation", conversationId: conversation.id },
    ]);
    expect(answered.memories).toMatchObject([{ kind: "answer", source: "mentor" }]);
    expect(thanks.memories).toEqual([]);
    expect((await ctx.memory.manager.messages(user.id, conversation.id)).map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
    ]);
    const { hits } = await ctx.memory.rag.search(user, "topo sort");
    expect(hits[0].id).toBe(asked.memories[0].id);

    const stranger = await newUser();
    await expect(
      ctx.memory.manager.appendMessage(stranger.id, conversation.id, { role: "user", content: "let me in please" }),
    ).rejects.toThrow(`No conversation ${conversation.id}.`);
  });

  it("reads time in the question on the user's calendar: yesterday in Tokyo, and 'what did I do' lists that day", async () => {
    const user = await newUser("Asia/Tokyo");
    // 2026-11-24T15:00Z is 2026-11-25 00:00 in Tokyo: "yesterday" there is Nov 24 (15:00Z Nov 23 → 15:00Z Nov 24)
    const inside = await ctx.memory.manager.remember(
      user.id,
      { text: "Solved LRU cache with an ordered map.", createdAt: new Date("2026-11-23T16:00:00Z") },
      "now",
    );
    const before = await ctx.memory.manager.remember(
      user.id,
      { text: "LRU cache attempt failed on eviction order.", createdAt: new Date("2026-11-23T14:00:00Z") },
      "now",
    );
    const yesterday = await ctx.memory.rag.search(user, "LRU yesterday");
    expect(yesterday.hits.map((h) => h.id)).toEqual([inside.created[0].id]);
    expect(yesterday.timeRange).toMatchObject({ matched: "yesterday", from: new Date("2026-11-23T15:00:00Z") });
    const listed = await ctx.memory.rag.search(user, "what did I work on yesterday?");
    expect(listed.hits.map((h) => h.id)).toEqual([inside.created[0].id]);
    expect(listed.hits[0].matchedBy).toEqual(["time"]);
    const all = await ctx.memory.rag.search(user, "LRU");
    expect(all.hits.map((h) => h.id).sort()).toEqual([inside.created[0].id, before.created[0].id].sort());
    expect((await ctx.memory.rag.search(user, "LRU last month")).hits).toEqual([]);
  });

  it("assembles context within the token budget, citing ids and dates, best first", async () => {
    const user = await newUser();
    const texts = Array.from(
      { length: 12 },
      (_, i) => `Binary search note ${i}: ${"check the loop invariant and the mid rounding carefully. ".repeat(3)}`,
    );
    await ctx.memory.manager.rememberMany(
      user.id,
      texts.map((text, i) => ({ text, createdAt: new Date(Date.UTC(2026, 10, 1 + i)) })),
      "now",
    );
    const context = await ctx.memory.rag.buildContext(user, "binary search invariant", { budgetTokens: 200 });
    expect(context.tokens).toBeLessThanOrEqual(200);
    expect(context.used.length).toBeGreaterThan(1);
    expect(context.used.length).toBeLessThan(12);
    const lines = context.text.split("\n");
    expect(lines).toHaveLength(context.used.length);
    context.used.forEach((m, i) => {
      expect(lines[i].startsWith(`[m${m.id} ${m.createdAt.toISOString().slice(0, 10)}] Binary search note`)).toBe(true);
    });
    const full = await ctx.memory.rag.buildContext(user, "binary search invariant");
    expect(full.used).toHaveLength(12);
    expect(full.tokens).toBeLessThanOrEqual(ctx.settings.memory.contextTokens);
    expect((await ctx.memory.rag.buildContext(user, "kubernetes helm charts")).used).toEqual([]);
  });

  it("hides vectors of another model until reindexed, then finds them by meaning again", async () => {
    const user = await newUser();
    const { created } = await ctx.memory.manager.remember(
      user.id,
      { text: "Dynamic programming over the grid counts the paths through a maze with walls." },
      "now",
    );
    const offline = new OfflineEmbedder();
    const nextModel: Embedder = {
      provider: "offline",
      model: "offline-hash-next",
      dimensions: 384,
      similarityFloor: offline.similarityFloor,
      embed: (texts) => offline.embed(texts),
    };
    const next = createMemoryServices({ ...ctx, embedder: nextModel });
    // the old vector is invisible to the new model: "dyn prog" (no shared word, no glossary name) finds nothing …
    expect((await next.rag.search(user, "dyn prog")).hits).toEqual([]);
    expect(
      await next.vectors.search(
        { userId: user.id, model: "offline-hash-next", dimensions: 384 },
        offline.embedOne("dyn prog"),
        10,
      ),
    ).toEqual([]);
    // … while words still match through full text
    expect((await next.rag.search(user, "maze")).hits.map((h) => h.matchedBy)).toEqual([["text"]]);
    expect(await next.manager.pendingCount(user.id)).toBe(1);

    const progress: [number, number][] = [];
    const result = await next.manager.reindex({ userId: user.id, onProgress: (d, t) => progress.push([d, t]) });
    expect(result).toEqual({ model: "offline-hash-next", total: 1, embedded: 1 });
    expect(progress).toEqual([
      [0, 1],
      [1, 1],
    ]);
    const found = await next.rag.search(user, "dyn prog");
    expect(found.hits.map((h) => h.id)).toEqual([created[0].id]);
    expect(found.hits[0].matchedBy).toContain("vector");
    // a second run has nothing left to do, and the old model now sees nothing by vector
    expect(await next.manager.reindex({ userId: user.id })).toEqual({
      model: "offline-hash-next",
      total: 0,
      embedded: 0,
    });
    expect((await ctx.memory.rag.search(user, "BFS")).hits).toEqual([]);
  });

  it("gives the same top-k through HNSW with iterative scan as through the exact scan", async () => {
    const user = await newUser();
    const noise = await newUser();
    const topics = [
      "two pointers",
      "heap",
      "trie",
      "graph BFS",
      "DP knapsack",
      "LRU cache",
      "union find",
      "binary search",
    ];
    const inputs = Array.from({ length: 160 }, (_, i) => ({
      text: `Note ${i} about ${topics[i % topics.length]} with detail ${i * 7}`,
      kind: i % 8 === 3 ? ("fact" as const) : ("note" as const),
    }));
    await ctx.memory.manager.rememberMany(user.id, inputs, "now");
    await ctx.memory.manager.rememberMany(noise.id, inputs, "now");
    expect(await ctx.memory.vectors.supportsIterativeScan()).toBe(true);
    const hnswFirst = createMemoryServices({
      ...ctx,
      settings: settingsFrom(testEnv({ MEMORY_EXACT_SEARCH_MAX_ROWS: "0" })),
    });
    expect(await hnswFirst.vectors.strategyFor(user.id, OFFLINE_MODEL_ID)).toBe("hnsw");
    expect(await ctx.memory.vectors.strategyFor(user.id, OFFLINE_MODEL_ID)).toBe("exact");
    const query = new OfflineEmbedder().embedOne("heap questions");
    const filter = { userId: user.id, model: OFFLINE_MODEL_ID, dimensions: 384 };
    const exact = await ctx.memory.vectors.search(filter, query, 10, "exact");
    const approximate = await hnswFirst.vectors.search(filter, query, 10);
    expect(exact).toHaveLength(10);
    // the same rows (ties may swap places), none of them the other user's
    expect(approximate.map((h) => h.id).sort()).toEqual(exact.map((h) => h.id).sort());
    const noiseIds = await queryRows<{ id: number }>(ctx.db, sql`select id from memories where user_id = ${noise.id}`);
    const noiseSet = new Set(noiseIds.map((r) => Number(r.id)));
    expect(approximate.some((h) => noiseSet.has(h.id))).toBe(false);
    // a kind filter that leaves 20 of the user's 160 rows (and none near the query) still returns 10 of them
    const facts = await hnswFirst.vectors.search({ ...filter, kinds: ["fact"] }, query, 10);
    const exactFacts = await ctx.memory.vectors.search({ ...filter, kinds: ["fact"] }, query, 10, "exact");
    expect(facts).toHaveLength(10);
    expect(facts.map((h) => h.id).sort()).toEqual(exactFacts.map((h) => h.id).sort());
  });

  it("still answers by full text when the embedding endpoint is down", async () => {
    const user = await newUser();
    const { created } = await ctx.memory.manager.remember(user.id, { text: "Segment tree lazy propagation." }, "now");
    const down: Embedder = {
      provider: "openai",
      model: "openai:down",
      dimensions: 384,
      similarityFloor: 0.25,
      embed: async () => {
        throw new Error("The embedding endpoint http://127.0.0.1:9/v1/embeddings failed (connect ECONNREFUSED).");
      },
    };
    const degraded = createMemoryServices({ ...ctx, embedder: down });
    const { hits } = await degraded.rag.search(user, "lazy propagation");
    expect(hits.map((h) => [h.id, h.matchedBy])).toEqual([[created[0].id, ["text"]]]);
    expect((await degraded.rag.search(user, "kubernetes")).hits).toEqual([]);
  });

  it("forgets one memory, then all of them, and lists what is left page by page", async () => {
    const user = await newUser();
    await ctx.memory.manager.rememberMany(
      user.id,
      Array.from({ length: 5 }, (_, i) => ({
        text: `Memory number ${i}`,
        createdAt: new Date(Date.UTC(2026, 9, i + 1)),
      })),
      "none",
    );
    const page = await ctx.memory.manager.list(user.id, { limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(page.items.map((m) => m.text)).toEqual(["Memory number 3", "Memory number 2"]);
    await ctx.memory.manager.forget(user.id, page.items[0].id);
    await expect(ctx.memory.manager.forget(user.id, page.items[0].id)).rejects.toThrow(
      `No memory ${page.items[0].id}.`,
    );
    expect((await ctx.memory.rag.search(user, "memory number 3")).hits.map((h) => h.text)).not.toContain(
      "Memory number 3",
    );
    expect(await ctx.memory.manager.forgetAll(user.id)).toBe(4);
    expect((await ctx.memory.manager.list(user.id)).total).toBe(0);
  });
});
