// The no-download default (EMBEDDING_PROVIDER=auto → USE-lite glossed + hash, with the meaning and glossary
// lists) on the third labeled set's tuning file (tests/fixtures/memory-eval-3-tuning.json), through the product's
// memory search, on PGlite and on the real PostgreSQL (DATABASE_URL). The holdout file is never read here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { createTestContext, uniqueEmail, usingPostgres } from "../helpers/context.js";
import { loadEvalSets, productSearch, type SeededLearner, scoreSet, seedLearner } from "../helpers/memory-eval.js";

const set = loadEvalSets([new URL("../fixtures/memory-eval-3-tuning.json", import.meta.url).pathname]);
let ctx: AppContext;
let learner: SeededLearner;
let twinId: number;

beforeAll(async () => {
  ctx = await createTestContext({ EMBEDDING_PROVIDER: "auto" }, { clock: new FakeClock(set.now) });
  learner = await seedLearner(ctx, set);
  // a second learner with the same memories: none of them may ever answer the first one's questions
  const twin = await createUser(ctx.db, {
    email: uniqueEmail("memory-twin"),
    password: "correct horse battery",
    timezone: set.timezone,
  });
  twinId = twin.id;
  await ctx.memory.manager.rememberMany(
    twin.id,
    set.memories.map((m) => ({ text: m.text, kind: m.kind, createdAt: new Date(m.createdAt) })),
    "now",
  );
}, 600_000);
afterAll(async () => ctx?.close());

describe(`the default encoder on a fresh labeled set, ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("runs the packaged sentence encoder (no download) with its meaning part", async () => {
    const embedder = await ctx.memory.embeddings.embedder();
    expect(embedder.model).toBe("use-lite-en-v1~gloss1+offline-hash-v1@0.4");
    expect(embedder.meaning).toMatchObject({ offset: 1, dimensions: 512 });
  });

  it("finds the labeled memories in the top 5, paraphrases included, and only the asker's", async () => {
    const twinIds = new Set<number>();
    const score = await scoreSet(set.queries, async (q) => {
      const { hits } = await ctx.memory.rag.search(learner.user, q, { limit: 20 });
      for (const h of hits) if (!learner.keyOf.has(h.id)) twinIds.add(h.id);
      return productSearch(ctx, learner, q);
    });
    console.log(
      `set 3 tuning recall@5 ${score.overall.toFixed(3)}`,
      [...score.kinds].map(([k, v]) => `${k} ${v.recall.toFixed(3)}`).join(", "),
    );
    expect(twinIds.size, `memories of user ${twinId} returned`).toBe(0);
    // Measured on PGlite (2026-11-26): 0.738 overall, paraphrase 0.372 (what USE-lite alone ranks on this
    // set), time 0.885, abbreviation 1 (decision 0003, round 4); the bounds leave one question of slack.
    expect(score.overall).toBeGreaterThanOrEqual(0.71);
    expect(score.kinds.get("paraphrase")!.recall).toBeGreaterThanOrEqual(0.3);
    expect(score.kinds.get("time")!.recall).toBeGreaterThanOrEqual(0.85);
    expect(score.kinds.get("abbreviation")!.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.kinds.get("lexical")!.recall).toBe(1);
  });
});
