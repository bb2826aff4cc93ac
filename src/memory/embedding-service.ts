// Text → unit vectors of the model's own size, behind one interface with four providers: a local
// transformers.js model (all-MiniLM-L6-v2, 384), the packaged Universal Sentence Encoder lite (512, no
// download), any OpenAI-compatible /v1/embeddings endpoint (1536, 3072, or the size asked for), and the
// built-in hash embedder (384). The provider is chosen once, lazily (loading a model costs time that
// `maang migrate` should not pay); identical texts are embedded once and cached by model + sha256.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type Cache, cacheKeys } from "../cache/cache.js";
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";
import { UnavailableError } from "../errors.js";
import { type BlendedEmbedder, loadHybridEmbedder } from "./blended-embedder.js";
import { OfflineEmbedder } from "./offline-embedder.js";
import { OpenAIEmbedder } from "./openai-embedder.js";
import { UseLiteEmbedder } from "./use-lite-embedder.js";

export { OpenAIEmbedder, type OpenAIEmbedderOptions } from "./openai-embedder.js";

export interface Embedder {
  readonly provider: "transformers" | "use-lite" | "hybrid" | "openai" | "offline";
  /** recorded on every row as `embedding_model`; search compares only vectors of the current model */
  readonly model: string;
  readonly dimensions: number;
  /** cosine similarity under which a vector hit counts as unrelated */
  readonly similarityFloor: number;
  /**
   * The sentence-encoder part of a blended vector (1-based offset into the vector, its size, and the cosine
   * of that part at which a hit counts as relevant on its own); search ranks it as its own list.
   */
  readonly meaning?: MeaningPart;
  /** memories' texts, as stored */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** questions, when they are embedded differently from memories (default: as `embed`) */
  embedQueries?(texts: string[]): Promise<Float32Array[]>;
}

export interface MeaningPart {
  offset: number;
  dimensions: number;
  /** cosine of the part from which a hit is relevant on meaning alone */
  floor: number;
  /** cosine of the part from which a hit the other lists do not support is still shown, marked weak */
  weakFloor: number;
}

const EMBEDDING_CACHE_TTL_SECONDS = 7 * 24 * 3600;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- transformers.js
type FeatureExtractor = (
  texts: string[],
  options: { pooling: "mean"; normalize: boolean },
) => Promise<{ data: Float32Array | number[]; dims: number[] }>;

export class TransformersEmbedder implements Embedder {
  readonly provider = "transformers" as const;
  // all-MiniLM-L6-v2 puts unrelated sentences at cosine ≈ 0–0.25 (sentence-transformers' own examples)
  readonly similarityFloor = 0.3;

  private constructor(
    readonly model: string,
    readonly dimensions: number,
    private readonly extract: FeatureExtractor,
    private readonly batchSize: number,
  ) {}

  /**
   * Loads the model from `EMBEDDING_MODEL_DIR` (either the model's own folder, holding config.json, or a
   * folder of `<org>/<model>` folders) with remote downloads off, or else from the Hugging Face hub.
   * Fails — never hangs — when neither works.
   */
  static async load(settings: Settings): Promise<TransformersEmbedder> {
    const { embedding } = settings;
    const transformers = await import("@huggingface/transformers");
    let modelName = embedding.model;
    if (embedding.modelDir) {
      const dir = resolve(embedding.modelDir);
      transformers.env.allowRemoteModels = false;
      transformers.env.allowLocalModels = true;
      if (existsSync(join(dir, "config.json"))) {
        transformers.env.localModelPath = dirname(dir);
        modelName = basename(dir);
      } else transformers.env.localModelPath = dir;
    }
    const pipe = await withTimeout(
      transformers.pipeline("feature-extraction", modelName, { dtype: "fp32" }),
      embedding.loadTimeoutMs,
      `loading ${modelName}`,
    );
    const extract = pipe as unknown as FeatureExtractor;
    // the model says its size; any size is stored (each model has its own partial index)
    const probe = await extract(["dimension probe"], { pooling: "mean", normalize: true });
    const dims = probe.dims[probe.dims.length - 1];
    if (!Number.isInteger(dims) || dims < 1 || dims > 16_000) {
      throw new Error(`${modelName} produces ${dims}-dimensional vectors; pgvector stores 1 to 16000`);
    }
    return new TransformersEmbedder(embedding.model, dims, extract, embedding.batchSize);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize);
      const output = await this.extract(batch, { pooling: "mean", normalize: true });
      const data = Float32Array.from(output.data);
      for (let j = 0; j < batch.length; j++) vectors.push(data.slice(j * this.dimensions, (j + 1) * this.dimensions));
    }
    return vectors;
  }
}

// ---------------------------------------------------------------- choosing a provider
function loadUseLite(settings: Settings): Promise<UseLiteEmbedder> {
  return withTimeout(
    UseLiteEmbedder.load({ batchSize: settings.embedding.batchSize }),
    settings.embedding.loadTimeoutMs,
    "loading the Universal Sentence Encoder lite",
  );
}

function loadHybrid(settings: Settings): Promise<BlendedEmbedder> {
  return withTimeout(
    loadHybridEmbedder({ batchSize: settings.embedding.batchSize }),
    settings.embedding.loadTimeoutMs,
    "loading the Universal Sentence Encoder lite",
  );
}

export async function createEmbedder(settings: Settings, logger: Logger): Promise<Embedder> {
  const { embedding } = settings;
  switch (embedding.provider) {
    case "offline":
      return new OfflineEmbedder();
    case "openai":
      return new OpenAIEmbedder({
        baseUrl: embedding.baseUrl ?? "https://api.openai.com/v1",
        apiKey: embedding.apiKey,
        model: embedding.model,
        dimensions: embedding.dimensions,
        batchSize: embedding.batchSize,
      }).probe();
    case "use-lite":
    case "hybrid":
      try {
        return await (embedding.provider === "hybrid" ? loadHybrid(settings) : loadUseLite(settings));
      } catch (error) {
        throw new UnavailableError(
          `EMBEDDING_PROVIDER=${embedding.provider}: could not load the Universal Sentence Encoder lite (${firstLine(error)}). ` +
            "Reinstall the packages (npm install), or set EMBEDDING_PROVIDER=auto or offline.",
        );
      }
    case "transformers":
      try {
        return await TransformersEmbedder.load(settings);
      } catch (error) {
        throw new UnavailableError(
          `EMBEDDING_PROVIDER=transformers: could not load ${embedding.model} (${(error as Error).message}). ` +
            "Put the model files in EMBEDDING_MODEL_DIR, or set EMBEDDING_PROVIDER=auto or offline.",
        );
      }
    case "auto": {
      // the best that loads: a downloaded transformers.js model, else the encoder packaged in npm (blended with
      // the hash embedder's domain terms), else the hash alone
      let transformersError: unknown;
      try {
        const loaded = await TransformersEmbedder.load(settings);
        logger.info(`Embeddings: ${loaded.model} (transformers.js, ${loaded.dimensions} dimensions)`);
        return loaded;
      } catch (error) {
        transformersError = error;
      }
      try {
        const packaged = await loadHybrid(settings);
        // a model folder that was set but did not load is worth a warning; no folder is the ordinary default
        logger[embedding.modelDir ? "warn" : "info"](
          `Embeddings: ${packaged.model} (Universal Sentence Encoder lite from npm on ${packaged.backend}, blended ` +
            `with the built-in domain-term embedder; ${packaged.dimensions} dimensions); ${embedding.model} did not load with transformers.js (${firstLine(transformersError)}). ` +
            "For MiniLM set EMBEDDING_MODEL_DIR to its folder and run `maang memory reindex`.",
        );
        return packaged;
      } catch (error) {
        const offline = new OfflineEmbedder();
        logger.warn(
          `Embeddings: could not load ${embedding.model} with transformers.js (${firstLine(transformersError)}) nor ` +
            `the packaged Universal Sentence Encoder lite (${firstLine(error)}); using the built-in offline embedder ` +
            `(${offline.model}: keywords and interview abbreviations, no paraphrase). ` +
            "For semantic search download the model once (e.g. `git clone https://huggingface.co/Xenova/all-MiniLM-L6-v2`), " +
            "set EMBEDDING_MODEL_DIR to its folder, and run `maang memory reindex`.",
        );
        return offline;
      }
    }
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}

function describe(embedder: Embedder): EmbeddingStatus {
  return {
    state: "ready",
    provider: embedder.provider,
    model: embedder.model,
    dimensions: embedder.dimensions,
    backend: (embedder as { backend?: string }).backend,
    similarityFloor: embedder.similarityFloor,
  };
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function vectorToBuffer(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function bufferToVector(buffer: Buffer, dimensions: number): Float32Array | undefined {
  if (buffer.byteLength !== dimensions * 4) return undefined;
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Float32Array(copy.buffer);
}

/** What `maang db status` and `/readyz` show about the embedder. */
export interface EmbeddingStatus {
  state: "not-loaded" | "loading" | "ready" | "failed";
  provider?: Embedder["provider"];
  model?: string;
  dimensions?: number;
  /** where the model runs (USE-lite: the TensorFlow.js backend) */
  backend?: string;
  similarityFloor?: number;
  error?: string;
}

/** The embedder the platform uses, chosen on first use, with a cache of identical texts. */
export class EmbeddingService {
  private chosen: Promise<Embedder> | undefined;
  private current: EmbeddingStatus = { state: "not-loaded" };

  constructor(
    private readonly deps: {
      settings: Settings;
      logger: Logger;
      cache: Cache;
      /** a ready embedder (tests, benchmarks); default: choose from settings */
      embedder?: Embedder;
    },
  ) {
    if (deps.embedder) {
      this.chosen = Promise.resolve(deps.embedder);
      this.current = describe(deps.embedder);
    }
  }

  embedder(): Promise<Embedder> {
    if (!this.chosen) {
      this.current = { state: "loading" };
      const chosen = createEmbedder(this.deps.settings, this.deps.logger);
      this.chosen = chosen;
      chosen.then(
        (embedder) => {
          this.current = describe(embedder);
        },
        (error: unknown) => {
          // a failed explicit provider is retried on the next call rather than remembered forever
          this.chosen = undefined;
          this.current = { state: "failed", error: firstLine(error) };
        },
      );
    }
    return this.chosen;
  }

  /** The embedder's state without waiting for it; `load` starts loading it (in the background) if needed. */
  status(options: { load?: boolean } = {}): EmbeddingStatus {
    if (options.load && !this.chosen) this.embedder().catch(() => undefined);
    return { ...this.current };
  }

  async model(): Promise<string> {
    return (await this.embedder()).model;
  }

  /** Vectors of memories' texts (cached by model and text). */
  embed(texts: string[]): Promise<{ model: string; vectors: Float32Array[] }> {
    return this.embedAs("document", texts);
  }

  /** Vectors of questions: the same as `embed` unless the model embeds questions differently. */
  embedQueries(texts: string[]): Promise<{ model: string; vectors: Float32Array[] }> {
    return this.embedAs("query", texts);
  }

  private async embedAs(
    purpose: "document" | "query",
    texts: string[],
  ): Promise<{ model: string; vectors: Float32Array[] }> {
    const embedder = await this.embedder();
    const asQuery = purpose === "query" && embedder.embedQueries !== undefined;
    const key = (t: string) => cacheKeys.global(asQuery ? "query-embedding" : "embedding", embedder.model, sha256(t));
    const keys = texts.map(key);
    const cached = await Promise.all(keys.map((k) => this.deps.cache.getBuffer(k)));
    const vectors: (Float32Array | undefined)[] = cached.map((b) =>
      b ? bufferToVector(b, embedder.dimensions) : undefined,
    );
    const missing = [...new Set(texts.filter((_, i) => !vectors[i]))];
    if (missing.length > 0) {
      const fresh = asQuery ? await embedder.embedQueries!(missing) : await embedder.embed(missing);
      const byText = new Map(missing.map((t, i) => [t, fresh[i]]));
      await Promise.all(
        missing.map((t, i) =>
          this.deps.cache.setBuffer(key(t), vectorToBuffer(fresh[i]), { ttlSeconds: EMBEDDING_CACHE_TTL_SECONDS }),
        ),
      );
      texts.forEach((t, i) => {
        vectors[i] ??= byText.get(t);
      });
    }
    return { model: embedder.model, vectors: vectors as Float32Array[] };
  }
}
