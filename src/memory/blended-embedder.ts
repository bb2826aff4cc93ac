// Two embedders as one vector: √w·a(text) ⊕ √(1−w)·b(text). With both halves unit-length, the cosine of
// two blended vectors is exactly w·cos_a + (1−w)·cos_b, so one pgvector column and one HNSW index rank by a
// weighted mix of the two similarities. The default pairs the packaged sentence encoder (meaning, paraphrase)
// with the built-in hash embedder (the field's abbreviations and exact terms, which USE-lite does not know:
// "DP", "BFS", "LC 42"); decision 0003 has the measurements.
import type { Embedder } from "./embedding-service.js";
import { OfflineEmbedder } from "./offline-embedder.js";
import { UseLiteEmbedder } from "./use-lite-embedder.js";

/**
 * The no-download default: USE-lite and the hash embedder at 0.4 : 0.6, floor 0.3 — the best recall@5 with
 * the most empty answers to no-answer questions on both labeled sets (sweep in decision 0003).
 */
export const HYBRID_WEIGHT = 0.4;
export const HYBRID_SIMILARITY_FLOOR = 0.3;

export async function loadHybridEmbedder(options: { batchSize: number }): Promise<BlendedEmbedder> {
  const encoder = await UseLiteEmbedder.load(options);
  return new BlendedEmbedder(encoder, new OfflineEmbedder(), HYBRID_WEIGHT, HYBRID_SIMILARITY_FLOOR);
}

export class BlendedEmbedder implements Embedder {
  readonly provider: Embedder["provider"];
  readonly model: string;
  readonly dimensions: number;
  readonly similarityFloor: number;
  private readonly scaleA: number;
  private readonly scaleB: number;

  constructor(
    private readonly a: Embedder,
    private readonly b: Embedder,
    /** the share of `a` in the similarity, 0–1 */
    readonly weight: number,
    similarityFloor: number,
  ) {
    if (!(weight > 0 && weight < 1)) throw new Error(`a blend weight is between 0 and 1, not ${weight}`);
    this.provider = "hybrid";
    this.model = `${a.model}+${b.model}@${weight}`;
    this.dimensions = a.dimensions + b.dimensions;
    this.similarityFloor = similarityFloor;
    this.scaleA = Math.sqrt(weight);
    this.scaleB = Math.sqrt(1 - weight);
  }

  /** where the first embedder runs, for status */
  get backend(): string | undefined {
    return (this.a as { backend?: string }).backend;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const [left, right] = await Promise.all([this.a.embed(texts), this.b.embed(texts)]);
    return left.map((l, i) => {
      const out = new Float32Array(this.dimensions);
      const r = right[i];
      for (let j = 0; j < l.length; j++) out[j] = l[j] * this.scaleA;
      for (let j = 0; j < r.length; j++) out[l.length + j] = r[j] * this.scaleB;
      return out;
    });
  }
}
