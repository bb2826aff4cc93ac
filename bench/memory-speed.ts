// `npm run bench -- memory-speed`: embedding throughput (texts/s) of every embedder that loads here, by
// backend and batch size. USE-lite runs on TensorFlow.js' WebAssembly backend, the only one its bundle
// ships (@energetic-ai/core has no tfjs-node); SIMD on or off must be chosen before the backend starts, so
// the no-SIMD row is measured in a child process. `bench memory` prints this table too.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { loadHybridEmbedder } from "../src/memory/blended-embedder.js";
import { type Embedder, TransformersEmbedder } from "../src/memory/embedding-service.js";
import { OfflineEmbedder } from "../src/memory/offline-embedder.js";
import { UseLiteEmbedder } from "../src/memory/use-lite-embedder.js";
import { printTable, summarize } from "./lib.js";

const TOPICS = ["sliding window", "Dijkstra", "LRU cache", "union find", "system design for a chat app", "knapsack DP"];
const VERBS = ["practised", "struggled with", "reviewed", "finally understood", "forgot the edge cases of"];

/** Sentences shaped like a learner's notes (12–25 words). */
export function noteLike(i: number): string {
  const topic = TOPICS[i % TOPICS.length];
  const verb = VERBS[(i * 7) % VERBS.length];
  return `Note ${i}: I ${verb} ${topic} today; the trick was to keep the invariant and check the empty input (${(i * 7919) % 1000}).`;
}

async function textsPerSecond(embedder: Embedder, texts: string[], batch: number): Promise<number> {
  await embedder.embed(texts.slice(0, batch)); // warm-up (kernels compile on first use)
  const samples: number[] = [];
  for (let round = 0; round < 2; round++) {
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i += batch) await embedder.embed(texts.slice(i, i + batch));
    samples.push(performance.now() - t0);
  }
  return Math.round((texts.length * 1000) / summarize(samples).p50);
}

async function encoderRows(simd: boolean): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const texts = Array.from({ length: 96 }, (_, i) => noteLike(i));
  const t0 = performance.now();
  const use = await UseLiteEmbedder.load({ batchSize: 32, simd });
  const loadMs = Math.round(performance.now() - t0);
  for (const batch of [1, 32]) {
    rows.push({
      provider: "use-lite",
      model: use.model,
      backend: use.backend,
      batch,
      "texts/s": await textsPerSecond(use, texts, batch),
      note: `load ${loadMs} ms`,
    });
  }
  return rows;
}

export async function embeddingThroughput(): Promise<Record<string, unknown>[]> {
  const texts = Array.from({ length: 2000 }, (_, i) => noteLike(i));
  const rows: Record<string, unknown>[] = [];
  const offline = new OfflineEmbedder();
  rows.push({
    provider: "offline",
    model: offline.model,
    backend: "JavaScript",
    batch: 2000,
    "texts/s": await textsPerSecond(offline, texts, 2000),
    note: "hashing trick",
  });
  rows.push(...(await encoderRows(true)));
  // the no-SIMD WebAssembly kernels, in a fresh process
  const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--no-simd-child"], {
    encoding: "utf8",
    timeout: 1_200_000,
  });
  const line = child.stdout?.split("\n").find((l) => l.startsWith("ROWS "));
  if (line) rows.push(...(JSON.parse(line.slice(5)) as Record<string, unknown>[]));
  else
    rows.push({
      provider: "use-lite",
      backend: "tfjs-wasm (no SIMD)",
      "texts/s": "n/a",
      note: child.stderr?.slice(0, 100),
    });
  const hybrid = await loadHybridEmbedder({ batchSize: 32 });
  rows.push({
    provider: "hybrid",
    model: hybrid.model,
    backend: hybrid.backend,
    batch: 32,
    "texts/s": await textsPerSecond(hybrid, texts.slice(0, 192), 32),
    note: "the no-download default",
  });
  const settings = settingsFrom({ ...readEnvironment(), EMBEDDING_PROVIDER: "transformers" });
  try {
    const transformers = await TransformersEmbedder.load(settings);
    rows.push({
      provider: "transformers",
      model: transformers.model,
      backend: "onnxruntime-node",
      batch: settings.embedding.batchSize,
      "texts/s": await textsPerSecond(transformers, texts.slice(0, 192), settings.embedding.batchSize),
      note: "",
    });
  } catch (error) {
    rows.push({
      provider: "transformers",
      model: settings.embedding.model,
      backend: "onnxruntime-node",
      batch: "-",
      "texts/s": "n/a",
      note: `not available here: ${String((error as Error).message)
        .split("\n")[0]
        .slice(0, 60)}`,
    });
  }
  rows.push({
    provider: "openai",
    model: settings.embedding.baseUrl ? settings.embedding.model : "-",
    backend: "HTTP",
    batch: "-",
    "texts/s": "n/a",
    note: settings.embedding.baseUrl ? "not measured (remote endpoint)" : "no EMBEDDING_BASE_URL configured",
  });
  return rows;
}

export async function run(): Promise<void> {
  printTable("Embedding throughput by provider, backend and batch size", await embeddingThroughput());
}

if (process.argv.includes("--no-simd-child")) {
  const rows = await encoderRows(false);
  console.log(`ROWS ${JSON.stringify(rows)}`);
  process.exit(0);
}
