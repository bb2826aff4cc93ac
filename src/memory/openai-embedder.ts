// Any OpenAI-compatible /v1/embeddings endpoint (OpenAI, Ollama, vLLM, LM Studio, TEI): batches, retries
// 429/5xx with backoff, and checks every vector has the model's one size.
import { UnavailableError } from "../errors.js";
import type { Embedder } from "./embedding-service.js";

export interface OpenAIEmbedderOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** asked of the endpoint ("dimensions" in the request); undefined = the model's own size, learned from its first answer */
  dimensions?: number;
  batchSize: number;
  /** tries per batch for network errors, 429 and 5xx */
  attempts?: number;
  /** first backoff; doubles each retry (a Retry-After header wins) */
  backoffMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class OpenAIEmbedder implements Embedder {
  readonly provider = "openai" as const;
  /** `openai:<model>`, plus `@<dimensions>` when a size is asked for: one id, one vector size */
  readonly model: string;
  readonly similarityFloor = 0.25;
  private readonly url: string;
  private learned: number | undefined;

  constructor(private readonly options: OpenAIEmbedderOptions) {
    this.model = `openai:${options.model}${options.dimensions ? `@${options.dimensions}` : ""}`;
    this.learned = options.dimensions;
    this.url = `${options.baseUrl.replace(/\/+$/, "")}/embeddings`;
  }

  get dimensions(): number {
    if (this.learned === undefined) throw new Error(`${this.model}: the vector size is known after the first answer`);
    return this.learned;
  }

  /** Asks the endpoint once when no size was configured, so `dimensions` is known before any search. */
  async probe(): Promise<this> {
    if (this.learned === undefined) await this.embed(["dimension probe"]);
    return this;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.options.batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(i, i + this.options.batchSize))));
    }
    return vectors;
  }

  private async embedBatch(input: string[]): Promise<Float32Array[]> {
    const attempts = this.options.attempts ?? 4;
    const doFetch = this.options.fetch ?? fetch;
    let lastError = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        const response = await doFetch(this.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: this.options.model,
            input,
            ...(this.options.dimensions ? { dimensions: this.options.dimensions } : {}),
            encoding_format: "float",
          }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
        if (response.ok) return this.parse(await response.json(), input.length);
        const body = (await response.text()).slice(0, 300);
        lastError = `HTTP ${response.status}: ${body}`;
        if (response.status !== 429 && response.status < 500) break;
        const retryAfter = Number(response.headers.get("retry-after"));
        if (Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = Math.min(retryAfter * 1000, 30_000);
      } catch (error) {
        if (error instanceof EmbeddingResponseError) throw error;
        lastError = (error as Error).message;
      }
      if (attempt < attempts) {
        const backoff = (this.options.backoffMs ?? 500) * 2 ** (attempt - 1);
        await new Promise((r) => setTimeout(r, retryAfterMs ?? backoff));
      }
    }
    throw new UnavailableError(`The embedding endpoint ${this.url} failed (${lastError}).`);
  }

  private parse(body: unknown, expected: number): Float32Array[] {
    const data = (body as { data?: { index?: number; embedding?: unknown }[] }).data;
    if (!Array.isArray(data) || data.length !== expected) {
      throw new EmbeddingResponseError(
        `expected ${expected} embeddings from ${this.url}, got ${data?.length ?? "none"}`,
      );
    }
    const sorted = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    return sorted.map((item) => {
      const values = item.embedding;
      const size = Array.isArray(values) ? values.length : 0;
      if (this.learned === undefined && size > 0 && size <= 16_000) this.learned = size;
      if (!Array.isArray(values) || size !== this.learned) {
        throw new EmbeddingResponseError(
          `${this.url} returned ${size || "no"}-dimensional vectors; expected ${this.learned ?? "1 to 16000"}` +
            (this.options.dimensions ? ` (set a model that supports "dimensions": ${this.options.dimensions})` : ""),
        );
      }
      return normalise(Float32Array.from(values as number[]));
    });
  }
}

class EmbeddingResponseError extends UnavailableError {}

function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}
