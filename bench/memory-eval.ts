// `npm run bench -- memory-eval [--set=<file>[,<file>…]] [--provider=<EMBEDDING_PROVIDER value>] [--misses]`
// Loads a labeled memory set into a fresh database (PGlite in memory, or the PostgreSQL of DATABASE_URL: a
// new learner there, deleted at the end), asks every question through the product's memory search (the one
// the REST route, `maang memory search`, MCP `search_memory` and the mentor use) and through plain BM25,
// and prints recall@5 per kind and overall, and the share of no-answer questions that came back empty.
// Default set: tests/fixtures/memory-eval-tuning.json. Score the holdout file only once, at the end.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { createAppContext } from "../src/app-context.js";
import { FakeClock } from "../src/config/clock.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import {
  bm25Searcher,
  type EvalScore,
  loadEvalSets,
  paraphraseOverlaps,
  productSearch,
  scoreSet,
  seedLearner,
} from "../tests/helpers/memory-eval.js";
import { printTable, summarize } from "./lib.js";

const root = fileURLToPath(new URL("..", import.meta.url));

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

export async function run(): Promise<void> {
  const env = readEnvironment();
  const files = (option("set") ?? "tests/fixtures/memory-eval-tuning.json").split(",").map((f) => resolve(root, f));
  const provider = option("provider") ?? env.EMBEDDING_PROVIDER ?? "auto";
  const set = loadEvalSets(files);
  const settings = settingsFrom({
    ...env,
    NODE_ENV: "production",
    DATA_DIR: ":memory:",
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    EMBEDDING_PROVIDER: provider,
    JOBS_MODE: "inline",
  });
  const ctx = await createAppContext({ settings, migrate: true, seed: false, clock: new FakeClock(set.now) });
  try {
    const learner = await seedLearner(ctx, set);
    try {
      const model = await ctx.memory.embeddings.model().catch(() => "none (full text only)");
      const bm25 = await bm25Searcher(ctx, learner);
      const latencies: number[] = [];
      const product = await scoreSet(set.queries, async (q) => {
        const start = process.hrtime.bigint();
        const found = await productSearch(ctx, learner, q);
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        return found;
      });
      const baseline = await scoreSet(set.queries, bm25);
      const overlaps = paraphraseOverlaps(set);
      console.log(
        `set: ${files.map((f) => f.replace(root, "")).join(", ")} — ${set.memories.length} memories, ` +
          `${set.queries.length} questions; database: ${settings.database.url ? "PostgreSQL" : "PGlite"}; ` +
          `embedding model: ${model}; paraphrases sharing a content word with their memories: ` +
          `${overlaps.sharing.length}/${overlaps.questions}`,
      );
      for (const line of overlaps.sharing) console.log(`  ${line}`);
      printTable(`recall@${5} by kind — memory search vs plain BM25`, table(product, baseline));
      const timing = summarize(latencies);
      printTable("memory search latency on this set (ms, one pass, first question included)", [
        { questions: timing.n, p50: timing.p50, p95: timing.p95, mean: timing.mean },
      ]);
      if (process.argv.includes("--misses")) {
        console.log("\nmemory search misses:");
        for (const m of product.misses) console.log(`  ${m}`);
      }
    } finally {
      await ctx.db.execute(sql`delete from users where id = ${learner.user.id}`);
    }
  } finally {
    await ctx.close();
  }
}

function table(product: EvalScore, baseline: EvalScore): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [...product.kinds].map(([kind, p]) => ({
    kind,
    questions: p.questions,
    "memory search": p.recall,
    "plain BM25": baseline.kinds.get(kind)?.recall ?? Number.NaN,
  }));
  rows.push({
    kind: "overall (answerable)",
    questions: product.answerable,
    "memory search": product.overall,
    "plain BM25": baseline.overall,
  });
  rows.push({
    kind: "no-answer: share empty",
    questions: product.noAnswer.questions,
    "memory search": product.noAnswer.empty / Math.max(product.noAnswer.questions, 1),
    "plain BM25": baseline.noAnswer.empty / Math.max(baseline.noAnswer.questions, 1),
  });
  rows.push({
    kind: "no-answer: empty or only weak hits",
    questions: product.noAnswer.questions,
    "memory search": product.noAnswer.emptyOrWeak / Math.max(product.noAnswer.questions, 1),
    "plain BM25": baseline.noAnswer.emptyOrWeak / Math.max(baseline.noAnswer.questions, 1),
  });
  rows.push({
    kind: "answerable but empty or only weak",
    questions: product.answerable,
    "memory search": product.falseNoAnswer / Math.max(product.answerable, 1),
    "plain BM25": baseline.falseNoAnswer / Math.max(baseline.answerable, 1),
  });
  return rows;
}
