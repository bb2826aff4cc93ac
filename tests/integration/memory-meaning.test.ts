// The sentence encoder's half of the default (hybrid) vectors ranked as its own list: paraphrases with no
// shared word are found, weak matches are marked, glosses reach names USE-lite does not know, and one user's
// memories never answer another's question. PGlite by default, PostgreSQL with DATABASE_URL.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { settingsFrom } from "../../src/config/settings.js";
import { type BlendedEmbedder, loadHybridEmbedder } from "../../src/memory/blended-embedder.js";
import { createMemoryServices, type MemoryServices } from "../../src/memory/memory-services.js";
import type { MemoryUser } from "../../src/memory/rag-engine.js";
import { indexNameFor } from "../../src/memory/vector-store.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { createTestContext, testEnv, uniqueEmail, usingPostgres } from "../helpers/context.js";

let ctx: AppContext;
let encoder: BlendedEmbedder;
let memory: MemoryServices;
let alice: MemoryUser;
let bob: MemoryUser;
const ids = new Map<string, number>();

const NOTES: Record<string, string> = {
  intervals: "Merge Intervals: sort by start, then fold each overlapping pair into one. Forgot the sort at first.",
  koko: "Koko Eating Bananas: binary search on the answer; off by one on the upper bound cost me 20 minutes.",
  sleep: "I have been sleeping badly before every mock and feel drained in the mornings.",
  redis: "Token bucket rate limiter in Redis with a Lua script so refills are atomic.",
  dp: "DP on grids: unique paths with obstacles, one row of state is enough.",
  lru: "LRU Cache: hash map plus a doubly linked list; I forgot to move the node to the front on get.",
  onsite: "Google onsite on Dec 3: four rounds, one of them system design.",
};

async function learner(name: string): Promise<MemoryUser> {
  const user = await createUser(ctx.db, { email: uniqueEmail(name), password: "correct horse battery" });
  return { id: user.id, timezone: user.timezone };
}

beforeAll(async () => {
  ctx = await createTestContext({});
  encoder = await loadHybridEmbedder({ batchSize: 32 });
  memory = createMemoryServices({ ...ctx, embedder: encoder });
  alice = await learner("meaning-a");
  bob = await learner("meaning-b");
  const { created } = await memory.manager.rememberMany(
    alice.id,
    Object.entries(NOTES).map(([key, text]) => ({ text, kind: "note" as const, externalId: key })),
    "now",
  );
  for (const m of created) ids.set(m.externalId!, m.id);
}, 300_000);
afterAll(async () => ctx?.close());

describe(`the meaning list on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("names the glossed encoder in the model id and keeps questions unglossed", async () => {
    expect(encoder.model).toBe("use-lite-en-v1~gloss1+offline-hash-v1@0.4");
    expect(encoder.meaning).toMatchObject({ offset: 1, dimensions: 512 });
    // a memory is read with its glosses, a question as asked: "MST" alone would otherwise match every graph note
    const [asMemory] = await encoder.embed(["MST"]);
    const [asQuestion] = await encoder.embedQueries(["MST"]);
    let same = 0;
    for (let i = 0; i < 512; i++) same += asMemory[i] * asQuestion[i];
    expect(same / 0.4).toBeLessThan(0.99);
  });

  it("finds a paraphrase that shares no word with its memory, by meaning", async () => {
    const { hits } = await memory.rag.search(alice, "combining ranges that collide into single spans", { limit: 5 });
    const hit = hits.find((h) => h.id === ids.get("intervals"));
    expect(hit, JSON.stringify(hits)).toBeDefined();
    expect(hit!.matchedBy).toContain("meaning");
  });

  it("reaches a problem's everyday description through its gloss", async () => {
    const { hits } = await memory.rag.search(alice, "the ape munching fruit piles at the slowest allowed pace", {
      limit: 5,
    });
    expect(hits.map((h) => h.id)).toContain(ids.get("koko"));
  });

  it("keeps exact terms first and marks meaning-only hits below the floor as weak, after the strong ones", async () => {
    const { hits } = await memory.rag.search(alice, "token bucket rate limiter", { limit: 5 });
    expect(hits[0].id).toBe(ids.get("redis"));
    expect(hits[0].weak).toBeUndefined();
    const firstWeak = hits.findIndex((h) => h.weak === true);
    if (firstWeak >= 0) expect(hits.slice(firstWeak).every((h) => h.weak === true)).toBe(true);
  });

  it("answers a question about something never written with nothing or only weak hits", async () => {
    const { hits } = await memory.rag.search(alice, "Kubernetes pod autoscaling policies", { limit: 5 });
    expect(
      hits.every((h) => h.weak === true),
      JSON.stringify(hits),
    ).toBe(true);
    const context = await memory.rag.buildContext(alice, "Kubernetes pod autoscaling policies");
    for (const line of context.text.split("\n").filter(Boolean)) expect(line).toMatch(/^\[m\d+ \S+, weak match\]/);
  });

  it("finds a note that names what the question names by another of its names (the glossary list)", async () => {
    // "LRU" in the question, "LRU Cache" in the note: one glossary entry inside the other's name
    const { hits } = await memory.rag.search(alice, "least recently used", { limit: 5 });
    const hit = hits.find((h) => h.id === ids.get("lru"));
    expect(hit, JSON.stringify(hits)).toBeDefined();
    expect(hit!.weak).toBeUndefined();
    expect(hits[0].id).toBe(ids.get("lru"));
    // the list reads only the asker's memories: Bob, who never wrote about it, gets none of Alice's
    const asBob = await memory.rag.search(bob, "least recently used", { limit: 20 });
    expect(asBob.hits.map((h) => h.id)).not.toContain(ids.get("lru"));
  });

  it("answers only weakly when the question names an employer or problem no memory mentions", async () => {
    const other = await memory.rag.search(alice, "how did my Amazon onsite go?", { limit: 5 });
    expect(other.hits.length).toBeGreaterThan(0); // "onsite" matches the Google note by full text…
    expect(
      other.hits.every((h) => h.weak === true),
      JSON.stringify(other.hits),
    ).toBe(true); // …but the question is about Amazon, never written about
    const named = await memory.rag.search(alice, "how did my Google onsite go?", { limit: 5 });
    expect(named.hits[0]?.id).toBe(ids.get("onsite"));
    expect(named.hits[0]?.weak).toBeUndefined();
  });

  it("never returns another user's memory, even an identical one, by meaning", async () => {
    const { created } = await memory.manager.rememberMany(bob.id, [{ text: NOTES.intervals, kind: "note" }], "now");
    const bobsId = created[0].id;
    const asAlice = await memory.rag.search(alice, "combining ranges that collide into single spans", { limit: 20 });
    expect(asAlice.hits.map((h) => h.id)).not.toContain(bobsId);
    const asBob = await memory.rag.search(bob, "combining ranges that collide into single spans", { limit: 20 });
    expect(asBob.hits.map((h) => h.id)).toEqual(expect.arrayContaining([bobsId]));
    expect(asBob.hits.every((h) => h.id === bobsId)).toBe(true);
  });

  it("ranks by meaning through the part's own HNSW index for large users, with the same answer as the exact scan", async () => {
    const hnsw = createMemoryServices({
      ...ctx,
      settings: settingsFrom(testEnv({ MEMORY_EXACT_SEARCH_MAX_ROWS: "0" })),
      embedder: encoder,
    });
    expect(await hnsw.vectors.strategyFor(alice.id, encoder.model)).toBe("hnsw");
    const question = "combining ranges that collide into single spans";
    const viaIndex = await hnsw.rag.search(alice, question, { limit: 5 });
    const exact = await memory.rag.search(alice, question, { limit: 5 });
    expect(viaIndex.hits.map((h) => h.id)).toEqual(exact.hits.map((h) => h.id));
    const name = indexNameFor(`${encoder.model}#1:512`);
    const rows = await ctx.db.execute(
      sql`select indexdef from pg_indexes where tablename = 'memories' and indexname = ${name}`,
    );
    const defs = ((rows as { rows?: { indexdef: string }[] }).rows ?? (rows as unknown as { indexdef: string }[]))
      .map((r) => r.indexdef)
      .join();
    expect(defs).toMatch(/subvector/);
  });
});
