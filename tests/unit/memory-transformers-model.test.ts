// The transformers.js path end to end through EMBEDDING_MODEL_DIR, with a tiny BERT-shaped ONNX model
// written by the test (no download): loading, tokenising, mean pooling over the attention mask,
// normalisation, and a vector size taken from the model rather than from a setting.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { settingsFrom } from "../../src/config/settings.js";
import { HYBRID_WEIGHT } from "../../src/memory/blended-embedder.js";
import { createEmbedder, TransformersEmbedder } from "../../src/memory/embedding-service.js";
import { GLOSSARY_VERSION } from "../../src/memory/glossary.js";
import { OFFLINE_MODEL_ID, OfflineEmbedder } from "../../src/memory/offline-embedder.js";
import { USE_LITE_MODEL_ID } from "../../src/memory/use-lite-embedder.js";
import { writeTinyBert } from "../helpers/tiny-bert.js";

const root = mkdtempSync(join(tmpdir(), "maang-tiny-bert-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const logger = pino({ level: "silent" });

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}

describe("transformers.js embedder with a local model folder", () => {
  it("loads the model from EMBEDDING_MODEL_DIR and returns its mean-pooled, normalised sentence vectors", async () => {
    const bert = writeTinyBert(root, 24);
    const embedder = await TransformersEmbedder.load(
      settingsFrom({ EMBEDDING_PROVIDER: "transformers", EMBEDDING_MODEL: "tiny-bert", EMBEDDING_MODEL_DIR: bert.dir }),
    );
    expect(embedder.dimensions).toBe(24);
    const texts = ["Heap sort", "I struggled with sliding window problems on my mock interview", "binary searching"];
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => v.length)).toEqual([24, 24, 24]);
    for (const [i, text] of texts.entries()) {
      expect(Math.hypot(...vectors[i])).toBeCloseTo(1, 5);
      const expected = bert.expected(text);
      for (let h = 0; h < 24; h++) expect(vectors[i][h]).toBeCloseTo(expected[h], 4);
    }
  });

  it("pools over real tokens only: a short text batched with a long one gets the vector it gets alone", async () => {
    const bert = writeTinyBert(root, 24);
    const embedder = await TransformersEmbedder.load(
      settingsFrom({ EMBEDDING_PROVIDER: "transformers", EMBEDDING_MODEL: "tiny-bert", EMBEDDING_MODEL_DIR: bert.dir }),
    );
    const [alone] = await embedder.embed(["heap"]);
    const [batched] = await embedder.embed([
      "heap",
      "dynamic programming knapsack with two pointers and a sliding window on a tree",
    ]);
    expect(cosine(alone, batched)).toBeCloseTo(1, 5);
    // padding counted in the mean would pull the short text toward the [PAD] vector
    expect(cosine(alone, bert.expected("heap"))).toBeCloseTo(1, 5);
  });

  it("takes the vector size from the model: a 384-wide model gives 384 dimensions under EMBEDDING_PROVIDER=auto", async () => {
    const bert = writeTinyBert(root, 384, 11);
    const embedder = await createEmbedder(
      settingsFrom({ EMBEDDING_PROVIDER: "auto", EMBEDDING_MODEL: "tiny-bert-384", EMBEDDING_MODEL_DIR: bert.dir }),
      logger,
    );
    expect(embedder.provider).toBe("transformers");
    expect(embedder.dimensions).toBe(384);
    const [v] = await embedder.embed(["union find"]);
    expect(v).toHaveLength(384);
    expect(cosine(v, bert.expected("union find"))).toBeCloseTo(1, 5);
  });

  it("falls back to the packaged sentence encoder, blended with the domain terms, when the folder holds no model", async () => {
    const embedder = await createEmbedder(
      settingsFrom({ EMBEDDING_PROVIDER: "auto", EMBEDDING_MODEL_DIR: join(root, "nothing-here") }),
      logger,
    );
    expect(embedder.provider).toBe("hybrid");
    expect(embedder.model).toBe(`${USE_LITE_MODEL_ID}~${GLOSSARY_VERSION}+${OFFLINE_MODEL_ID}@${HYBRID_WEIGHT}`);
    expect(embedder.dimensions).toBe(512 + 384);
    const texts = [
      "I keep forgetting how to detect a cycle in a linked list",
      "Floyd's tortoise and hare finds loops in linked lists",
      "My behavioral story about a conflict with a teammate",
    ];
    // questions are embedded as asked (memories get glosses of the names they mention appended)
    const [a, b, c] = await embedder.embedQueries!(texts);
    expect(a).toHaveLength(896);
    expect(Math.hypot(...a)).toBeCloseTo(1, 4);
    // the blend's cosine is the weighted mean of the encoder's and the hash's cosines
    const use = await createEmbedder(settingsFrom({ EMBEDDING_PROVIDER: "use-lite" }), logger);
    expect(use.dimensions).toBe(512);
    const [ua, ub] = await use.embed(texts);
    const [ha, hb] = await new OfflineEmbedder().embed(texts);
    expect(cosine(a, b)).toBeCloseTo(HYBRID_WEIGHT * cosine(ua, ub) + (1 - HYBRID_WEIGHT) * cosine(ha, hb), 4);
    // a real sentence encoder: the paraphrase is nearer than the unrelated story
    expect(cosine(ua, ub)).toBeGreaterThan(cosine(ua, (await use.embed([texts[2]]))[0]) + 0.1);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
  });
});
