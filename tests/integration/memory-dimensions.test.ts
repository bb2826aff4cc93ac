// Vectors sized by their model, on a real database (PGlite, or PostgreSQL with DATABASE_URL): 384 (a
// BERT-shaped transformers.js model from EMBEDDING_MODEL_DIR), 512 (the packaged USE-lite encoder), 896 (USE-lite
// blended with the hash embedder, the no-download default), 1536
// and 3072 (an OpenAI-compatible endpoint) are each stored, indexed and searched; a switch from 384 to 512
// keeps every memory findable by full text before the reindex and by vector after; two users with the
// same memories never see each other's.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { queryRows } from "../../src/config/database.js";
import { settingsFrom } from "../../src/config/settings.js";
import { createEmbedder, type Embedder } from "../../src/memory/embedding-service.js";
import { createMemoryServices, type MemoryServices } from "../../src/memory/memory-services.js";
import type { MemoryUser } from "../../src/memory/rag-engine.js";
import { indexNameFor } from "../../src/memory/vector-store.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { createTestContext, testEnv, uniqueEmail, usingPostgres } from "../helpers/context.js";
import { type FakeEmbeddings, startFakeEmbeddings } from "../helpers/fake-embeddings.js";
import { writeTinyBert } from "../helpers/tiny-bert.js";

const NOTES = [
  "Practised heap sort and merge sort; heap sort is in place but not stable.",
  "Binary search on the answer solved the capacity problem in O(n log n).",
  "Mock interview on system design: I forgot to size the cache and the queue.",
  "Union find with path compression made the graph problem fast.",
  "Sliding window with two pointers for the longest substring without repeats.",
];

let ctx: AppContext;
let root: string;
const servers: FakeEmbeddings[] = [];
const embedders: Record<string, Embedder> = {};

async function newUser(): Promise<MemoryUser> {
  const user = await createUser(ctx.db, { email: uniqueEmail("dims"), password: "correct horse battery" });
  return { id: user.id, timezone: user.timezone };
}

function services(embedder: Embedder, overrides: Record<string, string> = {}): MemoryServices {
  const settings = Object.keys(overrides).length ? settingsFrom(testEnv(overrides)) : ctx.settings;
  return createMemoryServices({ ...ctx, settings, embedder });
}

async function openaiEmbedder(dimensions: number, requested?: number): Promise<Embedder> {
  const server = await startFakeEmbeddings(dimensions);
  servers.push(server);
  return createEmbedder(
    settingsFrom({
      EMBEDDING_PROVIDER: "openai",
      EMBEDDING_BASE_URL: server.baseUrl,
      EMBEDDING_MODEL: `fake-${dimensions}`,
      EMBEDDING_DIMENSIONS: requested === undefined ? undefined : String(requested),
    }),
    ctx.logger,
  );
}

beforeAll(async () => {
  ctx = await createTestContext();
  root = mkdtempSync(join(tmpdir(), "maang-dims-"));
  const bert = writeTinyBert(root, 384);
  embedders.minilm = await createEmbedder(
    settingsFrom({
      EMBEDDING_PROVIDER: "transformers",
      EMBEDDING_MODEL: "tiny-bert-384",
      EMBEDDING_MODEL_DIR: bert.dir,
    }),
    ctx.logger,
  );
  embedders.use = await createEmbedder(settingsFrom({ EMBEDDING_PROVIDER: "use-lite" }), ctx.logger);
  embedders.hybrid = await createEmbedder(settingsFrom({ EMBEDDING_PROVIDER: "hybrid" }), ctx.logger);
  embedders.openai1536 = await openaiEmbedder(1536);
  embedders.openai3072 = await openaiEmbedder(3072, 3072);
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await ctx?.close();
  rmSync(root, { recursive: true, force: true });
});

describe(`vectors sized by their model on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it.each([
    ["minilm", "transformers", 384, "vector"],
    ["use", "use-lite", 512, "vector"],
    ["hybrid", "hybrid", 896, "vector"],
    ["openai1536", "openai", 1536, "vector"],
    ["openai3072", "openai", 3072, "halfvec"],
  ] as const)("stores, indexes and searches %s vectors (%s, %i dimensions)", async (key, provider, dims, type) => {
    const embedder = embedders[key];
    expect(embedder.provider).toBe(provider);
    expect(embedder.dimensions).toBe(dims);
    const memory = services(embedder);
    const user = await newUser();
    const { created } = await memory.manager.rememberMany(
      user.id,
      NOTES.map((text) => ({ text })),
      "now",
    );
    expect(created.every((m) => m.embedded)).toBe(true);
    const sizes = await queryRows<{ dims: number; n: number }>(
      ctx.db,
      sql`select vector_dims(embedding) as dims, count(*)::int as n from memories
          where user_id = ${user.id} and embedding_model = ${embedder.model} group by 1`,
    );
    expect(sizes).toEqual([{ dims, n: NOTES.length }]);
    // the model's own partial index, on the cast its queries use
    const [index] = await queryRows<{ indexdef: string }>(
      ctx.db,
      sql`select indexdef from pg_indexes where indexname = ${indexNameFor(embedder.model)}`,
    );
    expect(index.indexdef).toContain(`${type}(${dims})`);
    expect(index.indexdef).toContain(embedder.model);

    // every memory is its own nearest neighbour, by the exact scan and by HNSW with iterative scan
    const filter = { userId: user.id, model: embedder.model, dimensions: dims };
    const vectors = await embedder.embed(NOTES);
    for (const [i, note] of created.entries()) {
      const exact = await memory.vectors.search(filter, vectors[i], 3, "exact");
      const hnsw = await memory.vectors.search(filter, vectors[i], 3, "hnsw");
      expect(exact[0]).toMatchObject({ id: note.id });
      expect(exact[0].similarity).toBeCloseTo(1, 3);
      expect(hnsw[0].id).toBe(note.id);
    }
    const found = await memory.rag.search(user, "union find path compression");
    expect(found.model).toBe(embedder.model);
    expect(found.hits[0].id).toBe(created[3].id);
    expect(found.hits[0].matchedBy).toContain("vector");
  });

  it("keeps every memory findable by full text while switching 384 → 512, and by vector after the reindex", async () => {
    const user = await newUser();
    const before = services(embedders.minilm);
    // texts of this user only, so no vector comes from the shared embedding cache
    const texts = NOTES.map((text) => `${text} (${user.id})`);
    const { created } = await before.manager.rememberMany(
      user.id,
      texts.map((text) => ({ text })),
      "now",
    );
    const after = services(embedders.use);
    expect(await after.manager.pendingCount(user.id)).toBe(NOTES.length);
    // no vector of the new model yet: each memory still comes back for a word only it holds
    for (const [word, i] of [
      ["stable", 0],
      ["capacity", 1],
      ["queue", 2],
      ["compression", 3],
      ["substring", 4],
    ] as const) {
      const result = await after.rag.search(user, word);
      expect(result.hits.map((h) => h.id)).toEqual([created[i].id]);
      expect(result.hits[0].matchedBy).toEqual(["text"]);
    }
    // the reindex stops half way (a crash), then a second run finishes what is left
    let calls = 0;
    const flaky: Embedder = {
      ...embedders.use,
      provider: "use-lite",
      model: embedders.use.model,
      dimensions: 512,
      similarityFloor: embedders.use.similarityFloor,
      embed: (texts) => {
        calls++;
        if (calls > 1) throw new Error("killed");
        return embedders.use.embed(texts);
      },
    };
    await expect(services(flaky).manager.reindex({ userId: user.id, batchSize: 2 })).rejects.toThrow("killed");
    expect(await after.manager.pendingCount(user.id)).toBe(NOTES.length - 2);
    const progress: number[] = [];
    const result = await after.manager.reindex({ userId: user.id, batchSize: 2, onProgress: (d) => progress.push(d) });
    expect(result).toEqual({ model: embedders.use.model, total: 3, embedded: 3 });
    expect(progress).toEqual([0, 2, 3]);
    expect(await after.manager.pendingCount(user.id)).toBe(0);
    const [sizes] = await queryRows<{ dims: number[] }>(
      ctx.db,
      sql`select array_agg(distinct vector_dims(embedding)) as dims from memories where user_id = ${user.id}`,
    );
    expect(sizes.dims).toEqual([512]);
    const vectors = await embedders.use.embed(texts);
    for (const [i, note] of created.entries()) {
      const hits = await after.vectors.search(
        { userId: user.id, model: embedders.use.model, dimensions: 512 },
        vectors[i],
        1,
      );
      expect(hits[0].id).toBe(note.id);
    }
  });

  it("returns no memory of another user, even an identical one, by exact scan or HNSW", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const exact = services(embedders.use);
    const hnsw = services(embedders.use, { MEMORY_EXACT_SEARCH_MAX_ROWS: "0" });
    const mine = await exact.manager.rememberMany(
      alice.id,
      NOTES.map((text) => ({ text })),
      "now",
    );
    const theirs = await exact.manager.rememberMany(
      bob.id,
      NOTES.map((text) => ({ text })),
      "now",
    );
    expect(await hnsw.vectors.strategyFor(alice.id, embedders.use.model)).toBe("hnsw");
    const aliceIds = new Set(mine.created.map((m) => m.id));
    const bobIds = new Set(theirs.created.map((m) => m.id));
    for (const memory of [exact, hnsw]) {
      for (const query of ["heap sort", "a mock interview about designing a system", NOTES[3]]) {
        const forAlice = (await memory.rag.search(alice, query)).hits.map((h) => h.id);
        const forBob = (await memory.rag.search(bob, query)).hits.map((h) => h.id);
        expect(forAlice.length).toBeGreaterThan(0);
        expect(forAlice.every((id) => aliceIds.has(id))).toBe(true);
        expect(forBob.every((id) => bobIds.has(id))).toBe(true);
      }
    }
  });
});
