// `npm run bench -- memory`: vector search of one user's memories on the real PostgreSQL (DATABASE_URL) at
// 10k and 100k memories, beside other users' rows. Vectors are synthetic but shaped like embeddings
// (clustered unit vectors around topic centroids); queries come from the same clusters. Everything it
// creates belongs to dedicated bench users and is deleted at the end.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { createAppContext } from "../src/app-context.js";
import { queryRows } from "../src/config/database.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { TransformersEmbedder } from "../src/memory/embedding-service.js";
import { createMemoryServices } from "../src/memory/memory-services.js";
import { OFFLINE_MODEL_ID, OfflineEmbedder } from "../src/memory/offline-embedder.js";
import { type SearchStrategy, vectorLiteral } from "../src/memory/vector-store.js";
import { printTable, summarize, type Timing, time } from "./lib.js";

const DIMS = 384;
const CLUSTERS = 300;
const OTHER_USERS = 20;
const ROWS_PER_OTHER_USER = 500;
const SIZES = [10_000, 100_000];
const QUERIES = 60;
const INSERT_BATCH = 500;

/** A deterministic PRNG (mulberry32), so runs are comparable. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(42);
function gaussian(): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
function unit(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}
const centroids = Array.from({ length: CLUSTERS }, () => unit(Float32Array.from({ length: DIMS }, gaussian)));
/** a point of a random cluster: cosine ≈ 0.6–0.8 to its centroid, like sentences on one topic */
function embeddingLike(): Float32Array {
  const c = centroids[Math.floor(random() * CLUSTERS)];
  return unit(Float32Array.from(c, (x) => x + gaussian() * 0.045));
}

const TOPICS = [
  "two pointers",
  "sliding window",
  "binary search",
  "heap",
  "trie",
  "graph BFS",
  "DFS",
  "union find",
  "dynamic programming",
  "knapsack",
  "LRU cache",
  "topological sort",
  "intervals",
  "monotonic stack",
  "backtracking",
  "system design",
  "rate limiter",
  "consistent hashing",
  "behavioral story",
  "mock interview",
];
const VERBS = ["practised", "struggled with", "reviewed", "solved", "forgot", "explained", "timed out on"];
function textFor(i: number): string {
  const topic = TOPICS[Math.floor(random() * TOPICS.length)];
  const verb = VERBS[Math.floor(random() * VERBS.length)];
  return `Note ${i}: ${verb} ${topic}; remember the edge cases and the complexity (${Math.floor(random() * 1e6)}).`;
}

/**
 * The rows go to a scratch schema holding a copy of the `memories` table (same columns, generated tsvector
 * and indexes), reached through `search_path`, so the platform's own queries run unchanged. Loading first
 * and building the indexes after is how a bulk load is done, and keeps the shared table (and the other
 * engineers' tests on it) out of it: inserting one row at a time into a live HNSW index ran at ~30 rows/s
 * on this loaded 2-core machine. The schema is dropped at the end.
 */
export async function run(): Promise<void> {
  const environment = readEnvironment();
  if (!environment.DATABASE_URL) {
    console.log("bench memory needs the real PostgreSQL: set DATABASE_URL (see docker/docker-compose.yml). Skipped.");
    return;
  }
  const base = {
    ...environment,
    EMBEDDING_PROVIDER: "offline",
    JOBS_MODE: "inline",
    LOG_LEVEL: "warn",
    REDIS_URL: undefined,
  };
  const admin = await createAppContext({ settings: settingsFrom(base), migrate: true });
  const schema = `bench_memory_${randomUUID().slice(0, 8)}`;
  const url = new URL(environment.DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema},public`);
  const settings = settingsFrom({ ...base, DATABASE_URL: url.toString() });
  const started = Date.now();
  let bench: Awaited<ReturnType<typeof createAppContext>> | undefined;
  try {
    const [versionRow] = await queryRows<{ v: string }>(
      admin.db,
      sql`select extversion as v from pg_extension where extname = 'vector'`,
    );
    await admin.db.execute(sql.raw(`create schema ${schema}`));
    await admin.db.execute(
      sql.raw(`create table ${schema}.memories (like public.memories
                 including defaults including generated including constraints)`),
    );
    bench = await createAppContext({ settings });
    const ctx = bench;
    const [current] = await queryRows<{ s: string }>(ctx.db, sql`select current_schema() as s`);
    if (current?.s !== schema) throw new Error(`search_path did not select ${schema} (got ${current?.s}); not loading`);

    // user ids of the scratch table: no users rows needed (nothing there references users)
    const USER_10K = 1;
    const USER_100K = 2;
    const others = Array.from({ length: OTHER_USERS }, (_, i) => 10 + i);
    let inserted = 0;
    const insertRows = async (userId: number, count: number) => {
      for (let done = 0; done < count; done += INSERT_BATCH) {
        const n = Math.min(INSERT_BATCH, count - done);
        const values = Array.from({ length: n }, (_, j) => {
          const i = done + j;
          const createdAt = new Date(Date.now() - random() * 365 * 86_400_000).toISOString();
          const vector = vectorLiteral(Array.from(embeddingLike(), (x) => Math.round(x * 1e4) / 1e4));
          return sql`(${userId}, 'note', ${textFor(i)}, 'bench', ${`${userId}-${i}`}, ${createdAt}::timestamptz,
                      0.5, ${vector}::vector, ${OFFLINE_MODEL_ID})`;
        });
        await ctx.db.execute(sql`insert into memories
          (user_id, kind, text, source, content_hash, created_at, importance, embedding, embedding_model)
          values ${sql.join(values, sql`, `)}`);
        inserted += n;
      }
    };
    console.log(
      `pgvector ${versionRow?.v}; loading ${SIZES.join(" + ")} + ${OTHER_USERS}×${ROWS_PER_OTHER_USER} rows into ${schema} …`,
    );
    let t0 = performance.now();
    // two loaders at once: the 100k user's rows in one, everyone else's in the other
    await Promise.all([
      insertRows(USER_100K, SIZES[1]),
      (async () => {
        for (const userId of others) await insertRows(userId, ROWS_PER_OTHER_USER);
        await insertRows(USER_10K, SIZES[0]);
      })(),
    ]);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`loaded ${inserted} rows in ${loadSeconds.toFixed(0)} s; building indexes …`);
    t0 = performance.now();
    const indexSeconds: Record<string, number> = {};
    await ctx.database.withConnection(async (db) => {
      await db.execute(sql`set maintenance_work_mem = '512MB'`);
      // index builds outlast DB_STATEMENT_TIMEOUT_MS on a busy machine
      await db.execute(sql`set statement_timeout = 0`);
      for (const [name, ddl] of [
        [
          "btree (user_id, created_at) + (user_id, embedding_model) + unique hash",
          `
          create unique index on memories (user_id, content_hash);
          create index on memories (user_id, created_at);
          create index on memories (user_id, embedding_model)`,
        ],
        ["GIN (tsv)", "create index on memories using gin (tsv)"],
        [
          "HNSW (embedding vector_cosine_ops), m=16, ef_construction=64",
          "create index on memories using hnsw (embedding vector_cosine_ops)",
        ],
      ]) {
        const t = performance.now();
        for (const statement of ddl.split(";")) await db.execute(sql.raw(statement));
        indexSeconds[name] = (performance.now() - t) / 1000;
      }
      await db.execute(sql`analyze memories`);
    });
    console.log(`indexes built in ${((performance.now() - t0) / 1000).toFixed(0)} s; searching …`);

    const memory = createMemoryServices({ ...ctx });
    const ef40 = createMemoryServices({
      ...ctx,
      settings: settingsFrom({ ...base, DATABASE_URL: url.toString(), HNSW_EF_SEARCH: "40" }),
    });
    const queries = Array.from({ length: QUERIES }, embeddingLike);
    const searchRows: Record<string, unknown>[] = [];
    const e2eRows: Record<string, unknown>[] = [];
    for (const [size, userId] of [
      [SIZES[0], USER_10K],
      [SIZES[1], USER_100K],
    ]) {
      const filter = { userId, model: OFFLINE_MODEL_ID, dimensions: DIMS };
      const exact: number[][] = [];
      for (const q of queries) exact.push((await memory.vectors.search(filter, q, 10, "exact")).map((h) => h.id));
      const measure = async (label: string, strategy: SearchStrategy, services = memory) => {
        let i = 0;
        let overlap = 0;
        const warmup = 10;
        const timing = await time(
          async () => {
            const q = i % QUERIES;
            const hits = await services.vectors.search(filter, queries[q], 10, strategy);
            if (i >= warmup) {
              const truth = new Set(exact[q]);
              overlap += hits.filter((h) => truth.has(h.id)).length;
            }
            i++;
          },
          QUERIES,
          warmup,
        );
        searchRows.push(row(size, label, timing, overlap / (QUERIES * 10)));
      };
      await measure("exact scan", "exact");
      await measure("HNSW ef_search=40 + iterative scan", "hnsw", ef40);
      await measure(`HNSW ef_search=${settings.memory.efSearch} + iterative scan`, "hnsw");
      const chosen = await memory.vectors.strategyFor(userId, OFFLINE_MODEL_ID);

      // end to end: question text → offline embedding → vector + full text → fusion → rows
      let k = 0;
      const user = { id: userId, timezone: "UTC" };
      const e2e = await time(
        () => memory.rag.search(user, `${TOPICS[k % TOPICS.length]} edge cases ${k++}`, { limit: 10 }),
        40,
        5,
      );
      e2eRows.push({
        "user memories": size,
        "vector strategy chosen": chosen,
        "p50 ms": e2e.p50,
        "p95 ms": e2e.p95,
        "mean ms": e2e.mean,
      });
    }
    printTable(
      `Vector top-10 of one user, query vector given (pgvector ${versionRow?.v}; ${inserted} rows in the table, ${OTHER_USERS} other users)`,
      searchRows,
    );
    printTable("End-to-end search (offline embedder + vector + full text + RRF + rows), 10 results", e2eRows);
    printTable("Bulk load (multi-row INSERT of 500, tsvector generated), then index builds", [
      { step: `insert ${inserted} rows`, seconds: loadSeconds, "rows/s": Math.round(inserted / loadSeconds) },
      ...Object.entries(indexSeconds).map(([step, seconds]) => ({
        step,
        seconds,
        "rows/s": Math.round(inserted / seconds),
      })),
    ]);
    printTable("Embedding throughput", await embeddingThroughput(settings));
  } finally {
    await bench?.close();
    await admin.db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
    await admin.close();
    console.log(`\nbench memory: ${((Date.now() - started) / 1000).toFixed(0)} s; scratch schema ${schema} dropped.`);
  }
}

function row(size: number, strategy: string, timing: Timing, recall: number): Record<string, unknown> {
  return {
    "user memories": size,
    strategy,
    "p50 ms": timing.p50,
    "p95 ms": timing.p95,
    "recall@10 vs exact": recall,
  };
}

async function embeddingThroughput(settings: ReturnType<typeof settingsFrom>): Promise<Record<string, unknown>[]> {
  const texts = Array.from({ length: 2000 }, (_, i) => textFor(i));
  const rows: Record<string, unknown>[] = [];
  const offline = new OfflineEmbedder();
  const samples: number[] = [];
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    await offline.embed(texts);
    samples.push(performance.now() - t0);
  }
  const best = summarize(samples).p50;
  rows.push({
    provider: "offline",
    model: offline.model,
    "texts/s": Math.round((texts.length * 1000) / best),
    note: "2000 texts, median of 3",
  });
  try {
    const transformers = await TransformersEmbedder.load(settings);
    const t0 = performance.now();
    await transformers.embed(texts.slice(0, 200));
    rows.push({
      provider: "transformers",
      model: transformers.model,
      "texts/s": Math.round((200 * 1000) / (performance.now() - t0)),
      note: `batches of ${settings.embedding.batchSize}`,
    });
  } catch (error) {
    rows.push({
      provider: "transformers",
      model: settings.embedding.model,
      "texts/s": "n/a",
      note: `not available here: ${String((error as Error).message)
        .split("\n")[0]
        .slice(0, 120)}`,
    });
  }
  rows.push({
    provider: "openai",
    model: settings.embedding.baseUrl ? settings.embedding.model : "-",
    "texts/s": "n/a",
    note: settings.embedding.baseUrl ? "not measured (remote endpoint)" : "no EMBEDDING_BASE_URL configured",
  });
  return rows;
}
