// A labeled memory set (tests/fixtures/memory-eval-*.json): loading it into a database as one learner's
// memories, asking every question through the search the mentor uses, and scoring recall@5 per kind —
// shared by `npm run bench -- memory-eval` and the integration tests, so both measure the same thing.
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../src/app-context.js";
import type { MemoryKind } from "../../src/config/constants.js";
import { queryRows } from "../../src/config/database.js";
import type { MemoryUser } from "../../src/memory/rag-engine.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { uniqueEmail } from "./context.js";

export interface EvalMemory {
  key: string;
  kind: MemoryKind;
  createdAt: string;
  text: string;
}
export interface EvalQuestion {
  /** lexical, abbreviation, paraphrase, time, multi, no-answer (the older set also has keyword, negative) */
  type: string;
  query: string;
  /** keys of the memories that answer it; empty: the right result is nothing */
  relevant: string[];
}
export interface EvalSet {
  description?: string;
  now: string;
  timezone: string;
  memories: EvalMemory[];
  queries: EvalQuestion[];
}

export const TOP_K = 5;

/** Loads one or more set files; they must describe the same learner (same memories, clock and timezone). */
export function loadEvalSets(paths: string[]): EvalSet {
  const sets = paths.map((p) => JSON.parse(readFileSync(p, "utf8")) as EvalSet);
  const [first, ...rest] = sets;
  const keys = (s: EvalSet) => s.memories.map((m) => `${m.key}@${m.createdAt}`).join("|");
  for (const [i, other] of rest.entries()) {
    if (other.now !== first.now || other.timezone !== first.timezone || keys(other) !== keys(first))
      throw new Error(`${paths[i + 1]} holds other memories than ${paths[0]}: score them separately`);
  }
  return { ...first, queries: sets.flatMap((s) => s.queries) };
}

export interface SeededLearner {
  user: MemoryUser;
  keyOf: Map<number, string>;
}

/** Creates a fresh learner in the set's timezone and stores (and embeds) every memory with its date. */
export async function seedLearner(ctx: AppContext, set: EvalSet): Promise<SeededLearner> {
  const created = await createUser(ctx.db, {
    email: uniqueEmail("memory-eval"),
    password: "correct horse battery",
    timezone: set.timezone,
  });
  const user = { id: created.id, timezone: created.timezone };
  const result = await ctx.memory.manager.rememberMany(
    user.id,
    set.memories.map((m) => ({ text: m.text, kind: m.kind, createdAt: new Date(m.createdAt), externalId: m.key })),
    "now",
  );
  const keyOf = new Map(result.created.map((m) => [m.id, m.externalId ?? `?${m.id}`]));
  if (keyOf.size !== set.memories.length)
    throw new Error(`stored ${keyOf.size} of ${set.memories.length} memories (duplicate texts in the set?)`);
  return { user, keyOf };
}

/** The keys the product's search (REST, CLI, MCP search_memory and the mentor all call it) returns first. */
export async function productSearch(ctx: AppContext, learner: SeededLearner, query: string): Promise<Found> {
  const { hits } = await ctx.memory.rag.search(learner.user, query, { limit: TOP_K });
  return { keys: hits.map((h) => learner.keyOf.get(h.id) ?? `?${h.id}`), weak: hits.map((h) => h.weak === true) };
}

/** What a search returned: keys best first, and which of them are marked weak (meaning alone, below the floor). */
export interface Found {
  keys: string[];
  weak: boolean[];
}

/**
 * The baseline: plain Okapi BM25 (k1 = 1.2, b = 0.75) over PostgreSQL's English stems of the question and of
 * each memory — no vectors, no vocabulary, no time reading. Built once per learner, then asked in memory.
 */
export async function bm25Searcher(
  ctx: AppContext,
  learner: SeededLearner,
): Promise<(query: string) => Promise<string[]>> {
  const rows = await queryRows<{ id: number; lexeme: string; tf: number }>(
    ctx.db,
    sql`select m.id, t.lexeme, coalesce(cardinality(t.positions), 1) as tf
        from memories m, unnest(to_tsvector('english', m.text)) t
        where m.user_id = ${learner.user.id}`,
  );
  const docs = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const doc = docs.get(Number(r.id)) ?? new Map<string, number>();
    doc.set(r.lexeme, Number(r.tf));
    docs.set(Number(r.id), doc);
  }
  const length = new Map([...docs].map(([id, d]) => [id, [...d.values()].reduce((a, b) => a + b, 0)]));
  const n = Math.max(learner.keyOf.size, 1);
  const avgLength = [...length.values()].reduce((a, b) => a + b, 0) / Math.max(docs.size, 1);
  const df = new Map<string, number>();
  for (const d of docs.values()) for (const term of d.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const k1 = 1.2;
  const b = 0.75;
  return async (query) => {
    const terms = (
      await queryRows<{ lexeme: string }>(ctx.db, sql`select lexeme from unnest(to_tsvector('english', ${query}))`)
    ).map((r) => r.lexeme);
    const scores: [number, number][] = [];
    for (const [id, doc] of docs) {
      let score = 0;
      for (const term of terms) {
        const tf = doc.get(term);
        if (!tf) continue;
        const idf = Math.log(1 + (n - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
        score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length.get(id)!) / avgLength));
      }
      if (score > 0) scores.push([id, score]);
    }
    return scores
      .sort((x, y) => y[1] - x[1] || y[0] - x[0])
      .slice(0, TOP_K)
      .map(([id]) => learner.keyOf.get(id) ?? `?${id}`);
  };
}

export interface EvalScore {
  /** kind → questions and mean recall@5 over them (answerable questions only) */
  kinds: Map<string, { questions: number; recall: number }>;
  /** mean recall@5 over every answerable question */
  overall: number;
  answerable: number;
  /** no-answer questions, how many came back empty, and how many empty or with only hits marked weak */
  noAnswer: { questions: number; empty: number; emptyOrWeak: number };
  /** answerable questions that came back empty or with only weak hits (a false "never wrote about it") */
  falseNoAnswer: number;
  misses: string[];
}

/** recall@5 of one question: relevant memories in the top 5 / how many of them fit in 5. */
export function recallAt5(relevant: string[], found: string[]): number {
  const top = found.slice(0, TOP_K);
  return relevant.filter((k) => top.includes(k)).length / Math.min(TOP_K, relevant.length);
}

export async function scoreSet(
  questions: EvalQuestion[],
  search: (query: string) => Promise<string[] | Found>,
): Promise<EvalScore> {
  const perKind = new Map<string, number[]>();
  const misses: string[] = [];
  const noAnswer = { questions: 0, empty: 0, emptyOrWeak: 0 };
  let falseNoAnswer = 0;
  for (const q of questions) {
    const result = await search(q.query);
    const found = Array.isArray(result) ? result : result.keys;
    const weak = Array.isArray(result) ? found.map(() => false) : result.weak;
    if (q.relevant.length === 0) {
      noAnswer.questions++;
      if (found.length === 0) noAnswer.empty++;
      if (weak.every(Boolean)) noAnswer.emptyOrWeak++;
      else
        misses.push(
          `${q.type} "${q.query}" → expected nothing, got ${found.map((k, i) => (weak[i] ? `${k} (weak)` : k)).join(", ")}`,
        );
      continue;
    }
    const recall = recallAt5(q.relevant, found);
    if (weak.every(Boolean)) falseNoAnswer++;
    if (recall < 1) misses.push(`${q.type} "${q.query}" (${recall.toFixed(2)}) → ${found.join(", ") || "nothing"}`);
    perKind.set(q.type, [...(perKind.get(q.type) ?? []), recall]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  const all = [...perKind.values()].flat();
  return {
    kinds: new Map([...perKind].map(([kind, xs]) => [kind, { questions: xs.length, recall: mean(xs) }])),
    overall: mean(all),
    answerable: all.length,
    noAnswer,
    falseNoAnswer,
    misses,
  };
}

// ---- the "no shared content word" check of paraphrase questions
const STOPWORDS = new Set(
  (
    "a an the and or but if then else of to in on at by for with from into over under about as is are was were be " +
    "been being do does did done i me my mine we our you your he she it its they them their this that these those " +
    "what which who whom when where why how not no can could should would will shall may might must have has had " +
    "having so than too very just only also up out all any each every some such own same other others once twice " +
    "while until after before during between since get got gets one two"
  ).split(" "),
);
/** lower-cased words without stopwords, cut to a 5-letter stem (strict: "intervals" and "interview" collide) */
export function contentStems(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
      .filter((w) => w.length > 1 && !STOPWORDS.has(w))
      .map((w) => w.replace(/(ing|ed|es|s|ly)$/, "").slice(0, 5)),
  );
}

/** Paraphrase questions that share a content word with a memory they should find, with the words. */
export function paraphraseOverlaps(set: EvalSet): { questions: number; sharing: string[] } {
  const text = new Map(set.memories.map((m) => [m.key, m.text]));
  const paraphrases = set.queries.filter((q) => q.type === "paraphrase");
  const sharing: string[] = [];
  for (const q of paraphrases) {
    const words = contentStems(q.query);
    const shared = q.relevant.flatMap((k) => [...contentStems(text.get(k) ?? "")].filter((w) => words.has(w)));
    if (shared.length > 0) sharing.push(`"${q.query}" shares ${[...new Set(shared)].join(", ")}`);
  }
  return { questions: paraphrases.length, sharing };
}
