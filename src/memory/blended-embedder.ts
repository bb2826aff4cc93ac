// Two embedders as one vector: √w·a(text) ⊕ √(1−w)·b(text). With both halves unit-length, the cosine of
// two blended vectors is exactly w·cos_a + (1−w)·cos_b, so one pgvector column and one HNSW index rank by a
// weighted mix of the two similarities. The default pairs the packaged sentence encoder (meaning, paraphrase)
// with the built-in hash embedder (the field's abbreviations and exact terms, which USE-lite does not know:
// "DP", "BFS", "LC 42"); decision 0003 has the measurements.
import type { Embedder, MeaningPart } from "./embedding-service.js";
import { GLOSSARY_VERSION, withGlosses } from "./glossary.js";
import { OfflineEmbedder } from "./offline-embedder.js";
import { UseLiteEmbedder } from "./use-lite-embedder.js";

/**
 * The no-download default: USE-lite and the hash embedder at 0.4 : 0.6, floor 0.3 — the best recall@5 with
 * the most empty answers to no-answer questions on both labeled sets (sweep in decision 0003).
 */
export const HYBRID_WEIGHT = 0.4;
export const HYBRID_SIMILARITY_FLOOR = 0.3;
/**
 * The USE-lite half is also ranked on its own (decision 0003, "meaning list"): from cosine 0.6 a hit is relevant
 * on meaning alone; from 0.2, among the five nearest by meaning, it is still shown after the others, marked weak.
 */
export const HYBRID_MEANING = { floor: 0.6, weakFloor: 0.2 } as const;
/** glosses appended to a memory before USE-lite reads it (src/memory/glossary.ts) */
export const HYBRID_GLOSSES = 4;

export async function loadHybridEmbedder(options: { batchSize: number }): Promise<BlendedEmbedder> {
  const encoder = new GlossedEmbedder(await UseLiteEmbedder.load(options), HYBRID_GLOSSES);
  return new BlendedEmbedder(encoder, new OfflineEmbedder(), HYBRID_WEIGHT, HYBRID_SIMILARITY_FLOOR, HYBRID_MEANING);
}

export class BlendedEmbedder implements Embedder {
  readonly provider: Embedder["provider"];
  readonly model: string;
  readonly dimensions: number;
  readonly similarityFloor: number;
  readonly meaning?: MeaningPart;
  private readonly scaleA: number;
  private readonly scaleB: number;

  constructor(
    private readonly a: Embedder,
    private readonly b: Embedder,
    /** the share of `a` in the similarity, 0–1 */
    readonly weight: number,
    similarityFloor: number,
    meaning?: { floor: number; weakFloor: number },
  ) {
    if (!(weight > 0 && weight < 1)) throw new Error(`a blend weight is between 0 and 1, not ${weight}`);
    this.provider = "hybrid";
    this.model = `${a.model}+${b.model}@${weight}`;
    this.dimensions = a.dimensions + b.dimensions;
    this.similarityFloor = similarityFloor;
    if (meaning) this.meaning = { offset: 1, dimensions: a.dimensions, ...meaning };
    this.scaleA = Math.sqrt(weight);
    this.scaleB = Math.sqrt(1 - weight);
  }

  /** where the first embedder runs, for status */
  get backend(): string | undefined {
    return (this.a as { backend?: string }).backend;
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    return this.join(this.a.embed(texts), this.b.embed(texts));
  }

  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.join(
      this.a.embedQueries ? this.a.embedQueries(texts) : this.a.embed(texts),
      this.b.embedQueries ? this.b.embedQueries(texts) : this.b.embed(texts),
    );
  }

  private async join(a: Promise<Float32Array[]>, b: Promise<Float32Array[]>): Promise<Float32Array[]> {
    const [left, right] = await Promise.all([a, b]);
    return left.map((l, i) => {
      const out = new Float32Array(this.dimensions);
      const r = right[i];
      for (let j = 0; j < l.length; j++) out[j] = l[j] * this.scaleA;
      for (let j = 0; j < r.length; j++) out[l.length + j] = r[j] * this.scaleB;
      return out;
    });
  }
}

/** Embeds each text with the plain-English glosses of the names it mentions appended (src/memory/glossary.ts). */
export class GlossedEmbedder implements Embedder {
  readonly provider: Embedder["provider"];
  readonly model: string;
  readonly dimensions: number;
  readonly similarityFloor: number;
  constructor(
    private readonly inner: Embedder,
    private readonly maxGlosses: number,
  ) {
    this.provider = inner.provider;
    this.model = `${inner.model}~${GLOSSARY_VERSION}`;
    this.dimensions = inner.dimensions;
    this.similarityFloor = inner.similarityFloor;
  }
  get backend(): string | undefined {
    return (this.inner as { backend?: string }).backend;
  }
  embed(texts: string[]): Promise<Float32Array[]> {
    return this.inner.embed(texts.map((t) => withGlosses(t, this.maxGlosses)));
  }

  /** Questions stay as asked: a gloss of an abbreviation alone ("MST") would match every note on the topic. */
  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.inner.embed(texts);
  }
}
