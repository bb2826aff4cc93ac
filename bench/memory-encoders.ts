// `npm run bench -- memory-encoders`: recall@5 of the full retrieval pipeline on the labeled sets
// (tests/fixtures/memory-eval*.json, or `--eval-file=<path>` given one or more times), by question kind, for
// every embedder that loads here; `--floors` also sweeps the similarity floor (how the per-model floors in
// src/memory were calibrated). Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type AppContext, createAppContext } from "../src/app-context.js";
import { FakeClock } from "../src/config/clock.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { BlendedEmbedder } from "../src/memory/blended-embedder.js";
import { createEmbedder, type Embedder } from "../src/memory/embedding-service.js";
import { createMemoryServices, type MemoryServices } from "../src/memory/memory-services.js";
import { OfflineEmbedder } from "../src/memory/offline-embedder.js";
import type { UseLiteEmbedder } from "../src/memory/use-lite-embedder.js";
import { createUser } from "../src/services/accounts/user-service.js";
import { printTable } from "./lib.js";

export interface EvalSet {
  now: string;
  timezone: string;
  memories: { key: string; kind: "note" | "fact" | "message"; createdAt: string; text: string }[];
  queries: { type: string; query: string; relevant: string[] }[];
}

export interface EvalResult {
  /** mean recall@5 by question kind, and "all" over every answerable question */
  recall: Record<string, number>;
  answerable: number;
  /** no-answer questions that came back empty / all no-answer questions */
  emptyForNoAnswer: [number, number];
}

const FIXTURES = fileURLToPath(new URL("../tests/fixtures/", import.meta.url));

/** The labeled sets to score: `--eval-file=` arguments, else every tests/fixtures/memory-eval*.json. */
export function evalFiles(argv = process.argv): string[] {
  const given = argv.filter((a) => a.startsWith("--eval-file=")).map((a) => a.slice("--eval-file=".length));
  if (given.length > 0) return given;
  return readdirSync(FIXTURES)
    .filter((f) => /^memory-eval.*\.json$/.test(f))
    .sort()
    .map((f) => join(FIXTURES, f));
}

export function readEvalSet(path: string): EvalSet {
  return JSON.parse(readFileSync(path, "utf8")) as EvalSet;
}

/** Loads the set's memories for a fresh user of `ctx` with `embedder`; returns a scorer. */
export async function loadEvalUser(ctx: AppContext, set: EvalSet, embedder: Embedder) {
  const user = await createUser(ctx.db, {
    email: `eval-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@bench.example`,
    password: "correct horse battery",
    timezone: set.timezone,
  });
  const memory = createMemoryServices({ ...ctx, embedder });
  const result = await memory.manager.rememberMany(
    user.id,
    set.memories.map((m) => ({ text: m.text, kind: m.kind, createdAt: new Date(m.createdAt), externalId: m.key })),
    "now",
  );
  const keyOf = new Map(result.created.map((m) => [m.id, m.externalId ?? ""]));
  return {
    user: { id: user.id, timezone: user.timezone },
    score: (services: MemoryServices = memory) =>
      scoreSet(services, { id: user.id, timezone: user.timezone }, set, keyOf),
  };
}

async function scoreSet(
  memory: MemoryServices,
  user: { id: number; timezone: string },
  set: EvalSet,
  keyOf: Map<number, string>,
): Promise<EvalResult> {
  const byKind = new Map<string, number[]>();
  let empty = 0;
  let negatives = 0;
  for (const q of set.queries) {
    const { hits } = await memory.rag.search(user, q.query, { limit: 5 });
    const found = hits.map((h) => keyOf.get(h.id));
    if (q.relevant.length === 0) {
      negatives++;
      if (found.length === 0) empty++;
      continue;
    }
    const recall = q.relevant.filter((k) => found.includes(k)).length / Math.min(5, q.relevant.length);
    byKind.set(q.type, [...(byKind.get(q.type) ?? []), recall]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const all = [...byKind.values()].flat();
  return {
    recall: { all: mean(all), ...Object.fromEntries([...byKind].map(([k, xs]) => [k, mean(xs)])) },
    answerable: all.length,
    emptyForNoAnswer: [empty, negatives],
  };
}

/** The embedders that load here: the default blend, USE-lite alone, MiniLM when EMBEDDING_MODEL_DIR has it, the hash. */
export async function availableEmbedders(environment: Record<string, string | undefined>): Promise<Embedder[]> {
  const logger = (await import("pino")).default({ level: "silent" });
  const list: Embedder[] = [];
  for (const provider of ["hybrid", "use-lite", "transformers"] as const) {
    try {
      list.push(await createEmbedder(settingsFrom({ ...environment, EMBEDDING_PROVIDER: provider }), logger));
    } catch {
      // not available here (no model folder): the table says which ran
    }
  }
  list.push(new OfflineEmbedder());
  return list;
}

export function recallRow(set: string, embedder: Embedder, result: EvalResult, extra: Record<string, unknown> = {}) {
  const { all, ...kinds } = result.recall;
  return {
    set,
    model: embedder.model,
    ...extra,
    "recall@5": all,
    ...kinds,
    "no-answer empty": `${result.emptyForNoAnswer[0]}/${result.emptyForNoAnswer[1]}`,
  };
}

export async function run(): Promise<void> {
  const environment = readEnvironment();
  const files = evalFiles();
  const embedders = await availableEmbedders(environment);
  if (process.argv.includes("--blends")) {
    const use = embedders.find((e): e is UseLiteEmbedder => e.provider === "use-lite");
    if (use)
      for (const w of [0.4, 0.5, 0.6, 0.7])
        embedders.push(new BlendedEmbedder(use, new OfflineEmbedder(), w, use.similarityFloor));
  }
  const sweep = process.argv.includes("--floors");
  for (const file of files) {
    const set = readEvalSet(file);
    const ctx = await createAppContext({
      settings: settingsFrom({
        ...environment,
        DATA_DIR: environment.DATABASE_URL ? environment.DATA_DIR : ":memory:",
        EMBEDDING_PROVIDER: "offline",
        JOBS_MODE: "inline",
        REDIS_URL: undefined,
        LOG_LEVEL: "warn",
      }),
      migrate: true,
      clock: new FakeClock(set.now),
    });
    const rows: Record<string, unknown>[] = [];
    try {
      for (const embedder of embedders) {
        const { score } = await loadEvalUser(ctx, set, embedder);
        const floors = sweep ? [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5] : [embedder.similarityFloor];
        for (const floor of floors) {
          const variant: Embedder = Object.assign(Object.create(embedder) as Embedder, { similarityFloor: floor });
          const result = await score(createMemoryServices({ ...ctx, embedder: variant }));
          rows.push(recallRow(basename(file), embedder, result, { floor }));
        }
      }
    } finally {
      await ctx.close();
    }
    printTable(`recall@5 by question kind on ${basename(file)} (${set.queries.length} questions)`, rows);
  }
}
