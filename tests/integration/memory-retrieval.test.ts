// Retrieval quality and isolation on a real database (PGlite by default, PostgreSQL with DATABASE_URL),
// with the offline embedder, against the labeled set in tests/fixtures/memory-eval.json.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { loadHybridEmbedder } from "../../src/memory/blended-embedder.js";
import { createMemoryServices } from "../../src/memory/memory-services.js";
import type { MemoryUser } from "../../src/memory/rag-engine.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { createTestContext, uniqueEmail, usingPostgres } from "../helpers/context.js";

interface EvalSet {
  now: string;
  timezone: string;
  memories: { key: string; kind: "note" | "fact" | "message"; createdAt: string; text: string }[];
  queries: { type: string; query: string; relevant: string[] }[];
}
const evalSet = JSON.parse(readFileSync(new URL("../fixtures/memory-eval.json", import.meta.url), "utf8")) as EvalSet;

let ctx: AppContext;
let learner: MemoryUser;
const idOf = new Map<string, number>();
const keyOf = new Map<number, string>();

beforeAll(async () => {
  ctx = await createTestContext({}, { clock: new FakeClock(evalSet.now) });
  const user = await createUser(ctx.db, {
    email: uniqueEmail("eval"),
    password: "correct horse battery",
    timezone: evalSet.timezone,
  });
  learner = { id: user.id, timezone: user.timezone };
  const result = await ctx.memory.manager.rememberMany(
    learner.id,
    evalSet.memories.map((m) => ({ text: m.text, kind: m.kind, createdAt: new Date(m.createdAt), externalId: m.key })),
    "now",
  );
  for (const m of result.created) {
    idOf.set(m.externalId!, m.id);
    keyOf.set(m.id, m.externalId!);
  }
});
afterAll(async () => ctx?.close());

describe(`retrieval quality on ${usingPostgres ? "PostgreSQL" : "PGlite"} with the offline embedder`, () => {
  it("stores and embeds all 65 labeled memories", () => {
    expect(idOf.size).toBe(evalSet.memories.length);
    expect(evalSet.memories.length).toBeGreaterThanOrEqual(60);
    expect(evalSet.queries.length).toBeGreaterThanOrEqual(20);
  });

  it("finds the labeled memories in the top 5 and returns nothing for questions it has no answer to", async () => {
    const perType = new Map<string, number[]>();
    const misses: string[] = [];
    let negativesEmpty = 0;
    let negatives = 0;
    for (const q of evalSet.queries) {
      const { hits } = await ctx.memory.rag.search(learner, q.query, { limit: 5 });
      const found = hits.map((h) => keyOf.get(h.id) ?? `?${h.id}`);
      if (q.relevant.length === 0) {
        negatives++;
        if (found.length === 0) negativesEmpty++;
        else misses.push(`${q.type} "${q.query}" → expected nothing, got ${found.join(", ")}`);
        continue;
      }
      // relevant memories in the top 5 / how many of them could fit in 5
      const recall = q.relevant.filter((k) => found.includes(k)).length / Math.min(5, q.relevant.length);
      if (recall < 1) misses.push(`${q.type} "${q.query}" → ${found.join(", ")} (wanted ${q.relevant.join(", ")})`);
      perType.set(q.type, [...(perType.get(q.type) ?? []), recall]);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const all = [...perType.values()].flat();
    const report = Object.fromEntries([...perType].map(([type, xs]) => [type, Number(mean(xs).toFixed(3))]));
    console.log(
      `recall@5 ${mean(all).toFixed(3)} over ${all.length} answerable questions`,
      report,
      `no-answer questions answered empty: ${negativesEmpty}/${negatives}`,
      misses.length > 0 ? `\n  ${misses.join("\n  ")}` : "",
    );
    // Measured on PGlite and on PostgreSQL 15 (offline-hash-v1, 2026-11-24): recall@5 = 0.983 over 29
    // answerable questions (abbreviation 1.0, keyword 1.0, paraphrase 1.0, time 0.929: "DP in October" misses
    // the LIS note, which never says DP), and all 5 no-answer questions came back empty. Floors sit just under.
    expect(mean(all)).toBeGreaterThanOrEqual(0.95);
    for (const type of ["abbreviation", "keyword", "paraphrase"])
      expect(mean(perType.get(type)!)).toBeGreaterThanOrEqual(0.95);
    expect(mean(perType.get("time")!)).toBeGreaterThanOrEqual(0.9);
    expect(negativesEmpty).toBe(negatives);
  });
});

describe(`retrieval quality on ${usingPostgres ? "PostgreSQL" : "PGlite"} with the no-download default encoder`, () => {
  it("keeps the labeled set's recall with USE-lite blended with the hash, and no-answer questions get only weak hits", async () => {
    const encoder = await loadHybridEmbedder({ batchSize: 32 });
    const memory = createMemoryServices({ ...ctx, embedder: encoder });
    const user = await createUser(ctx.db, {
      email: uniqueEmail("eval-hybrid"),
      password: "correct horse battery",
      timezone: evalSet.timezone,
    });
    const reader: MemoryUser = { id: user.id, timezone: user.timezone };
    const { created } = await memory.manager.rememberMany(
      user.id,
      evalSet.memories.map((m) => ({
        text: m.text,
        kind: m.kind,
        createdAt: new Date(m.createdAt),
        externalId: m.key,
      })),
      "now",
    );
    const key = new Map(created.map((m) => [m.id, m.externalId]));
    const recalls: number[] = [];
    let weakForNoAnswer = 0;
    for (const q of evalSet.queries) {
      const { hits } = await memory.rag.search(reader, q.query, { limit: 5 });
      const found = hits.map((h) => key.get(h.id));
      // nothing, or only hits marked weak (meaning alone, below USE-lite's floor), for what was never written about
      if (q.relevant.length === 0) weakForNoAnswer += hits.every((h) => h.weak === true) ? 1 : 0;
      else recalls.push(q.relevant.filter((k) => found.includes(k)).length / Math.min(5, q.relevant.length));
    }
    const recall = recalls.reduce((a, b) => a + b, 0) / recalls.length;
    // measured 0.971, no-answer 5/5 empty or only weak (decision 0003, meaning list and glosses); the offline hash alone
    // scores 0.983 on this set it was tuned on
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(weakForNoAnswer).toBe(evalSet.queries.filter((q) => q.relevant.length === 0).length);
    // the encoder runs ~100 texts here: minutes on a loaded 2-core machine
  }, 600_000);
});
