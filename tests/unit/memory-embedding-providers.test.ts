import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryCache } from "../../src/cache/memory-cache.js";
import { settingsFrom } from "../../src/config/settings.js";
import { createEmbedder, type Embedder, EmbeddingService, OpenAIEmbedder } from "../../src/memory/embedding-service.js";
import { OFFLINE_MODEL_ID } from "../../src/memory/offline-embedder.js";

// A tiny OpenAI-compatible /v1/embeddings server: the vector for a text puts its length in dimension 0.
interface Seen {
  inputs: string[];
  dimensions: number;
  authorization?: string;
}
const seen: Seen[] = [];
let failures: { status: number; retryAfter?: string }[] = [];
let dims = 384;
let server: Server;
let baseUrl: string;

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    request.on("data", (c) => {
      data += c;
    });
    request.on("end", () => resolve(data));
  });
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const payload = JSON.parse(await body(request)) as { input: string[]; dimensions: number; model: string };
    if (request.url !== "/v1/embeddings" || request.method !== "POST") {
      response.writeHead(404).end();
      return;
    }
    const failure = failures.shift();
    if (failure) {
      response.writeHead(failure.status, failure.retryAfter ? { "retry-after": failure.retryAfter } : {});
      response.end(JSON.stringify({ error: { message: `failure ${failure.status}` } }));
      return;
    }
    seen.push({ inputs: payload.input, dimensions: payload.dimensions, authorization: request.headers.authorization });
    const data = payload.input.map((text, index) => {
      const embedding = new Array(dims).fill(0);
      embedding[0] = text.length;
      embedding[1] = 1;
      return { object: "embedding", index, embedding };
    });
    // answer out of order: the client must sort by index
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ object: "list", data: data.reverse(), model: payload.model }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function openai(options: Partial<ConstructorParameters<typeof OpenAIEmbedder>[0]> = {}) {
  return new OpenAIEmbedder({
    baseUrl,
    apiKey: "sk-test",
    model: "text-embedding-3-small",
    dimensions: 384,
    batchSize: 2,
    backoffMs: 5,
    ...options,
  });
}

describe("the OpenAI-compatible embedder", () => {
  it("sends batches of at most EMBEDDING_BATCH_SIZE with the key and dimensions, and keeps input order", async () => {
    seen.length = 0;
    const vectors = await openai().embed(["a", "bb", "ccc", "dddd", "eeeee"]);
    expect(seen.map((s) => s.inputs)).toEqual([["a", "bb"], ["ccc", "dddd"], ["eeeee"]]);
    expect(seen.every((s) => s.dimensions === 384 && s.authorization === "Bearer sk-test")).toBe(true);
    // normalised: [len, 1] / sqrt(len² + 1)
    expect(vectors.map((v) => Math.round((v[0] / v[1]) * 1000) / 1000)).toEqual([1, 2, 3, 4, 5]);
    expect(Math.hypot(...vectors[2])).toBeCloseTo(1, 5);
    // a requested size is part of the model id: one id, one vector size (decision 0004)
    expect(openai().model).toBe("openai:text-embedding-3-small@384");
  });

  it("retries 429 and 5xx answers with backoff, then succeeds", async () => {
    seen.length = 0;
    failures = [{ status: 503 }, { status: 429, retryAfter: "0" }, { status: 502 }];
    const vectors = await openai({ attempts: 4 }).embed(["retry me"]);
    expect(vectors).toHaveLength(1);
    expect(failures).toHaveLength(0);
    expect(seen).toHaveLength(1);
  });

  it("gives up after the last attempt with the endpoint's error, and does not retry a 400", async () => {
    failures = [{ status: 500 }, { status: 500 }];
    await expect(openai({ attempts: 2 }).embed(["x"])).rejects.toThrow(/embeddings failed \(HTTP 500: .*failure 500/);
    failures = [{ status: 400 }, { status: 400 }];
    await expect(openai({ attempts: 3 }).embed(["x"])).rejects.toThrow(/HTTP 400/);
    expect(failures).toHaveLength(1);
    failures = [];
  });

  it("rejects vectors of the wrong size with a message naming the expected dimensions", async () => {
    dims = 1536;
    try {
      await expect(openai().embed(["x"])).rejects.toThrow(/returned 1536-dimensional vectors; expected 384/);
    } finally {
      dims = 384;
    }
  });

  it("reports a connection failure as unavailable", async () => {
    await expect(openai({ baseUrl: "http://127.0.0.1:9/v1", attempts: 2 }).embed(["x"])).rejects.toThrow(
      /The embedding endpoint http:\/\/127\.0\.0\.1:9\/v1\/embeddings failed/,
    );
  });
});

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("choosing a provider", () => {
  it("auto falls back to the packaged sentence encoder fast, with one warning that says how to get the model", async () => {
    const { logger, lines } = capturingLogger();
    const settings = settingsFrom({ EMBEDDING_PROVIDER: "auto", EMBEDDING_MODEL_DIR: "/nonexistent/models" });
    // no model files and downloads off: it must fail at once, not hang (the test's own timeout would catch it)
    const embedder = await createEmbedder(settings, logger);
    // changed with issue 12: the no-download fallback is USE-lite blended with the hash, no longer the hash alone
    expect(embedder.provider).toBe("hybrid");
    expect(embedder.model).toBe(`use-lite-en-v1~gloss1+${OFFLINE_MODEL_ID}@0.4`);
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe(40);
    expect(lines[0].msg).toMatch(
      /Universal Sentence Encoder lite.*Xenova\/all-MiniLM-L6-v2 did not load.*EMBEDDING_MODEL_DIR.*reindex/,
    );
  });

  it("an explicit transformers provider that cannot load fails with a clear error instead of falling back", async () => {
    const { logger } = capturingLogger();
    const settings = settingsFrom({ EMBEDDING_PROVIDER: "transformers", EMBEDDING_MODEL_DIR: "/nonexistent/models" });
    await expect(createEmbedder(settings, logger)).rejects.toThrow(
      /EMBEDDING_PROVIDER=transformers: could not load .*EMBEDDING_MODEL_DIR/,
    );
  });

  it("openai uses EMBEDDING_BASE_URL and EMBEDDING_MODEL", async () => {
    const settings = settingsFrom({ EMBEDDING_PROVIDER: "openai", EMBEDDING_BASE_URL: baseUrl, EMBEDDING_MODEL: "m1" });
    const embedder = await createEmbedder(settings, capturingLogger().logger);
    expect(embedder.model).toBe("openai:m1");
    expect(await embedder.embed(["hello"])).toHaveLength(1);
  });
});

describe("the embedding cache", () => {
  it("embeds identical text once per model, returning the same vector from the cache", async () => {
    let calls = 0;
    const counting: Embedder = {
      provider: "offline",
      model: "counting-v1",
      dimensions: 384,
      similarityFloor: 0.2,
      async embed(texts) {
        calls += texts.length;
        return texts.map((t) => {
          const v = new Float32Array(384);
          v[t.length % 384] = 1;
          return v;
        });
      },
    };
    const cache = new MemoryCache({ maxEntries: 100, defaultTtlSeconds: 60 });
    const service = new EmbeddingService({
      settings: settingsFrom(),
      logger: pino({ level: "silent" }),
      cache,
      embedder: counting,
    });
    const first = await service.embed(["same text", "other", "same text"]);
    expect(calls).toBe(2);
    const second = await service.embed(["same text", "other"]);
    expect(calls).toBe(2);
    expect(Array.from(second.vectors[0])).toEqual(Array.from(first.vectors[0]));
    expect(Array.from(first.vectors[2])).toEqual(Array.from(first.vectors[0]));
    expect(second.model).toBe("counting-v1");
  });
});
