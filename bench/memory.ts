// `npm run bench -- memory`: memory search on the real PostgreSQL (DATABASE_URL) with the no-download default
// encoder (USE-lite ⊕ hash, 896 dimensions) at 5k, 20k and 100k memories of one user, beside 20 other users:
// end-to-end search (question → encoder → vector + full text → fusion → rows) next to the bare pgvector query
// and the bare full-text query for the same user in the same run; exact vs HNSW recall; embedding throughput;
// recall@5 on the labeled sets. Embedding 125k texts with USE-lite would take half an hour here, so rows reuse
// 1,000 real encoder vectors (each row: one of them mixed with another, its text + a unique suffix); every
// question is embedded for real at search time. Everything lives in a scratch schema dropped at the end.
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import { sql } from "drizzle-orm";
import { createAppContext } from "../src/app-context.js";
import { MemoryCache } from "../src/cache/memory-cache.js";
import { FakeClock } from "../src/config/clock.js";
import { queryRows } from "../src/config/database.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { loadHybridEmbedder } from "../src/memory/blended-embedder.js";
import { EmbeddingService } from "../src/memory/embedding-service.js";
import { createMemoryServices } from "../src/memory/memory-services.js";
import { RagEngine } from "../src/memory/rag-engine.js";
import { type SearchStrategy, vectorLiteral } from "../src/memory/vector-store.js";
import { printTable, type Timing, time } from "./lib.js";
import { evalFiles, loadEvalUser, readEvalSet, recallRow } from "./memory-encoders.js";
import { embeddingThroughput, noteLike } from "./memory-speed.js";

const SIZES = [5_000, 20_000, 100_000];
const POOL = 1_000;
const OTHER_USERS = 20;
const ROWS_PER_OTHER_USER = 500;
const INSERT_BATCH = 250;
const QUESTIONS = [
  "sliding window",
  "how do I find the shortest path with weights",
  "LRU cache eviction",
  "union find path compression",
  "what did I learn about system design for chat",
  "knapsack DP table",
  "edge cases for empty input",
  "the invariant trick",
  "Dijkstra priority queue",
  "problems I struggled with",
];

/** mulberry32, so runs are comparable */
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

/**
 * A row's vector: its text's vector mixed with another random text's (weight 0.6–0.9) plus a little noise.
 * Copies of one text with noise alone form clusters of ~135 near-duplicates, tighter than any two real
 * notes: HNSW (m = 16) links each row only inside its cluster and cannot reach the others, whatever
 * ef_search (recall ≈ 0.6 at ef_search 100, 200 and 400 alike). Mixing spreads each text's copies out
 * towards the rest, as real notes on one topic are spread.
 */
function mixed(v: Float32Array, other: Float32Array): number[] {
  const w = 0.6 + 0.3 * random();
  const out = Array.from(v, (x, i) => w * x + (1 - w) * other[i] + (random() - 0.5) * 0.01);
  const norm = Math.hypot(...out) || 1;
  return out.map((x) => Math.round((x / norm) * 1e4) / 1e4);
}

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
    // the HNSW build outlasts the default statement timeout
    DB_STATEMENT_TIMEOUT_MS: "0",
  };
  const admin = await createAppContext({ settings: settingsFrom(base), migrate: true });
  // BENCH_MEMORY_KEEP=1 loads a fixed schema once and keeps it for the next run (which skips the load and the
  // index builds); BENCH_MEMORY_QUICK=1 prints the search tables only (no throughput, no labeled sets)
  const keep = process.env.BENCH_MEMORY_KEEP === "1";
  const quick = process.env.BENCH_MEMORY_QUICK === "1";
  const schema = keep ? "bench_memory_kept" : `bench_memory_${randomUUID().slice(0, 8)}`;
  const url = new URL(environment.DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema},public -c maintenance_work_mem=512MB`);
  const settings = settingsFrom({ ...base, DATABASE_URL: url.toString() });
  const started = Date.now();
  let bench: Awaited<ReturnType<typeof createAppContext>> | undefined;
  try {
    const [versionRow] = await queryRows<{ v: string }>(
      admin.db,
      sql`select extversion as v from pg_extension where extname = 'vector'`,
    );
    const [kept] = await queryRows<{ n: number }>(
      admin.db,
      sql`select count(*)::int as n from pg_tables where schemaname = ${schema} and tablename = 'memories'`,
    );
    const reuse = keep && Number(kept?.n) > 0;
    if (!reuse) {
      await admin.db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
      await admin.db.execute(sql.raw(`create schema ${schema}`));
      await admin.db.execute(
        sql.raw(`create table ${schema}.memories (like public.memories
                 including defaults including generated including constraints)`),
      );
    }
    bench = await createAppContext({ settings });
    const ctx = bench;
    const [current] = await queryRows<{ s: string }>(ctx.db, sql`select current_schema() as s`);
    if (current?.s !== schema) throw new Error(`search_path did not select ${schema} (got ${current?.s}); not loading`);

    const encoder = await loadHybridEmbedder({ batchSize: 32 });
    const users = SIZES.map((_, i) => i + 1);
    let inserted = 0;
    let loadSeconds = 0;
    const indexSeconds: Record<string, number> = {};
    if (reuse) {
      const [count] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from memories`);
      inserted = Number(count?.n);
      console.log(`reusing ${inserted} rows of ${schema} (BENCH_MEMORY_KEEP)`);
    } else {
      let t0 = performance.now();
      const poolTexts = Array.from({ length: POOL }, (_, i) => noteLike(i));
      const poolVectors = await encoder.embed(poolTexts);
      const poolSeconds = (performance.now() - t0) / 1000;
      console.log(
        `pgvector ${versionRow?.v}; ${encoder.model} (${encoder.dimensions} d) embedded ${POOL} texts in ${poolSeconds.toFixed(0)} s`,
      );

      const others = Array.from({ length: OTHER_USERS }, (_, i) => 10 + i);
      const insertRows = async (userId: number, count: number) => {
        for (let done = 0; done < count; done += INSERT_BATCH) {
          const n = Math.min(INSERT_BATCH, count - done);
          const values = Array.from({ length: n }, (_, j) => {
            const i = done + j;
            const p = Math.floor(random() * POOL);
            const createdAt = new Date(Date.now() - random() * 365 * 86_400_000).toISOString();
            return sql`(${userId}, 'note', ${`${poolTexts[p]} [${userId}-${i}]`}, 'bench', ${`${userId}-${i}`},
                        ${createdAt}::timestamptz, 0.5, ${vectorLiteral(mixed(poolVectors[p], poolVectors[Math.floor(random() * POOL)]))}::vector, ${encoder.model})`;
          });
          await ctx.db.execute(sql`insert into memories
            (user_id, kind, text, source, content_hash, created_at, importance, embedding, embedding_model)
            values ${sql.join(values, sql`, `)}`);
          inserted += n;
        }
      };
      const total = SIZES.reduce((a, b) => a + b, 0) + OTHER_USERS * ROWS_PER_OTHER_USER;
      console.log(`loading ${total} rows into ${schema} …`);
      t0 = performance.now();
      await Promise.all([
        insertRows(users[2], SIZES[2]),
        (async () => {
          for (const userId of others) await insertRows(userId, ROWS_PER_OTHER_USER);
          await insertRows(users[0], SIZES[0]);
          await insertRows(users[1], SIZES[1]);
        })(),
      ]);
      loadSeconds = (performance.now() - t0) / 1000;
      console.log(`loaded ${inserted} rows in ${loadSeconds.toFixed(0)} s; building indexes …`);
      for (const [name, ddl] of [
        [
          "btree (user_id, created_at), (user_id, embedding_model), unique hash",
          "create unique index on memories (user_id, content_hash); create index on memories (user_id, created_at); " +
            "create index on memories (user_id, embedding_model)",
        ],
        ["GIN (tsv)", "create index on memories using gin (tsv)"],
      ]) {
        const t = performance.now();
        for (const statement of ddl.split(";")) await ctx.db.execute(sql.raw(statement));
        indexSeconds[name] = (performance.now() - t) / 1000;
      }
    }
    const memory = createMemoryServices({ ...ctx, embedder: encoder });
    // the question's embedding through a 2-entry cache that 10 rotating questions always miss: every search
    // pays the encoder, as a new question does (the per-user row count stays cached, as in production)
    const uncached = new EmbeddingService({
      settings,
      logger: ctx.logger,
      cache: new MemoryCache({ maxEntries: 2, defaultTtlSeconds: 60 }),
      embedder: encoder,
    });
    const rag = new RagEngine({ ...ctx, embeddings: uncached, vectors: memory.vectors });
    const meaning = encoder.meaning;
    if (!reuse) {
      const hnswStart = performance.now();
      await memory.vectors.ensureIndex(encoder.model, encoder.dimensions);
      indexSeconds[`HNSW partial index on (embedding::vector(${encoder.dimensions})), m=16, ef_construction=64`] =
        (performance.now() - hnswStart) / 1000;
      if (meaning) {
        const partStart = performance.now();
        await memory.vectors.ensurePartIndex(encoder.model, encoder.dimensions, meaning);
        indexSeconds[`HNSW partial index on the meaning part (subvector ${meaning.offset}+${meaning.dimensions})`] =
          (performance.now() - partStart) / 1000;
      }
    }
    await ctx.db.execute(sql`analyze memories`);
    console.log("indexes built; searching …");

    const questionVectors = await encoder.embed(QUESTIONS);
    const e2eRows: Record<string, unknown>[] = [];
    const recallRows: Record<string, unknown>[] = [];
    for (const [s, size] of SIZES.entries()) {
      const userId = users[s];
      const filter = { userId, model: encoder.model, dimensions: encoder.dimensions };
      const strategy = await memory.vectors.strategyFor(userId, encoder.model);
      let k = 0;
      const vector = await time(
        () => memory.vectors.search(filter, questionVectors[k++ % QUESTIONS.length], 40),
        40,
        5,
      );
      k = 0;
      const fullText = await time(
        () =>
          queryRows(
            ctx.db,
            sql`select id from memories, websearch_to_tsquery('english', ${QUESTIONS[k++ % QUESTIONS.length]}) q
                where user_id = ${userId} and tsv @@ q order by ts_rank(tsv, q) desc limit 40`,
          ),
        40,
        5,
      );
      k = 0;
      // the third list: the sentence encoder's half of the vector (exact scan or its own HNSW index, as in search)
      const meaningPart = meaning
        ? await time(
            () => memory.vectors.searchPart(filter, meaning, questionVectors[k++ % QUESTIONS.length], 40),
            40,
            5,
          )
        : undefined;
      k = 0;
      const user = { id: userId, timezone: "UTC" };
      const e2e = await time(() => rag.search(user, QUESTIONS[k++ % QUESTIONS.length], { limit: 10 }), 40, 5);
      e2eRows.push({
        "user memories": size,
        "vector strategy": strategy,
        ...pair("pgvector top-40", vector),
        ...pair("full text top-40", fullText),
        ...(meaningPart ? pair("meaning part top-40", meaningPart) : {}),
        ...pair("end to end", e2e),
        "e2e p95 / (vector p95 + text p95)": e2e.p95 / (vector.p95 + fullText.p95),
        "e2e p95 / sum of the raw queries' p95": e2e.p95 / (vector.p95 + fullText.p95 + (meaningPart?.p95 ?? 0)),
      });
      if (strategy === "hnsw" && !quick) recallRows.push(...(await hnswRecall(memory, filter, questionVectors, size)));
    }
    printTable(
      `Memory search of one user, ${encoder.model} (${encoder.dimensions} d), pgvector ${versionRow?.v}, ${inserted} rows, ${OTHER_USERS} other users (ms)`,
      e2eRows,
    );
    printTable("Vector top-10 through HNSW + iterative scan vs the exact scan (same user, same questions)", recallRows);
    printTable("Bulk load (multi-row INSERT, tsvector generated), then index builds", [
      { step: `insert ${inserted} rows`, seconds: loadSeconds, "rows/s": Math.round(inserted / loadSeconds) },
      ...Object.entries(indexSeconds).map(([step, seconds]) => ({
        step,
        seconds,
        "rows/s": Math.round(inserted / seconds),
      })),
    ]);
    if (quick) return;
    printTable("Embedding throughput by provider, backend and batch size", await embeddingThroughput());
    for (const file of evalFiles()) {
      const set = readEvalSet(file);
      // the set's own "now": its time questions ("yesterday", "in October") are relative to it
      const { user, score } = await loadEvalUser({ ...admin, clock: new FakeClock(set.now) }, set, encoder);
      printTable(`recall@5 of the default encoder on ${basename(file)} (full pipeline)`, [
        recallRow(basename(file), encoder, await score()),
      ]);
      await admin.db.execute(sql`delete from users where id = ${user.id}`);
    }
  } finally {
    await bench?.close();
    if (!keep) await admin.db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
    await admin.close();
    console.log(
      `\nbench memory: ${((Date.now() - started) / 1000).toFixed(0)} s; scratch schema ${schema} ${keep ? "kept" : "dropped"}.`,
    );
  }
}

function pair(label: string, timing: Timing): Record<string, number> {
  return { [`${label} p50`]: timing.p50, [`${label} p95`]: timing.p95 };
}

async function hnswRecall(
  memory: ReturnType<typeof createMemoryServices>,
  filter: { userId: number; model: string; dimensions: number },
  queries: Float32Array[],
  size: number,
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const exact: Set<number>[] = [];
  // the bench's rows reuse 1,000 texts, so the exact top 10 can hold near-ties of one text: an index hit as
  // near as the exact 10th (within TIE) is as good an answer as the id it displaced
  const tenth: number[] = [];
  for (const q of queries) {
    const hits = await memory.vectors.search(filter, q, 10, "exact");
    exact.push(new Set(hits.map((h) => h.id)));
    tenth.push(hits[hits.length - 1]?.similarity ?? 1);
  }
  const TIE = 1e-3;
  for (const strategy of ["exact", "hnsw"] as SearchStrategy[]) {
    let overlap = 0;
    let asNear = 0;
    let i = 0;
    const timing = await time(
      async () => {
        const q = i % queries.length;
        const hits = await memory.vectors.search(filter, queries[q], 10, strategy);
        if (i < queries.length) {
          overlap += hits.filter((h) => exact[q].has(h.id)).length;
          asNear += hits.filter((h) => h.similarity >= tenth[q] - TIE).length;
        }
        i++;
      },
      20,
      0,
    );
    rows.push({
      "user memories": size,
      strategy,
      "p50 ms": timing.p50,
      "p95 ms": timing.p95,
      "recall@10 vs exact (same ids)": overlap / (queries.length * 10),
      "recall@10 by distance (as near as the exact 10th, ±0.001)": asNear / (queries.length * 10),
    });
  }
  return rows;
}
