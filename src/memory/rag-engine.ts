// Retrieval for the mentor and for search: vector top-k and full-text top-k of ONE user's memories,
// fused by Reciprocal Rank Fusion, nudged by recency and importance, cut by a relevance floor, and
// restricted to the dates a question names ("yesterday", "in March") on the user's own calendar.
import { type SQL, sql } from "drizzle-orm";
import type { Clock } from "../config/clock.js";
import type { MemoryKind } from "../config/constants.js";
import { type Database, queryRows } from "../config/database.js";
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";
import { BadRequestError } from "../errors.js";
import { DEFAULT_SEARCH_HITS, MAX_SEARCH_HITS } from "./contract.js";
import type { Embedder, EmbeddingService } from "./embedding-service.js";
import { namedEntries } from "./glossary.js";
import { memoriesNaming } from "./glossary-list.js";
import { analyse } from "./offline-embedder.js";
import { importantAndVaried, questionPeriod } from "./period-questions.js";
import { topicalWords } from "./question-words.js";
import { type AssembledContext, assembleContext, reciprocalRankFusion, rerankFactor } from "./ranking.js";
import { type VectorFilter, type VectorStore, vectorLiteral } from "./vector-store.js";

export interface MemoryUser {
  id: number;
  /** IANA timezone: "yesterday" means the user's yesterday */
  timezone: string;
}

export interface MemorySearchOptions {
  limit?: number;
  kinds?: MemoryKind[];
  /** explicit range; otherwise a time named in the query sets it */
  from?: Date;
  to?: Date;
  /** read time expressions in the query (default true) */
  timeExpressions?: boolean;
}

export interface MemoryHit {
  id: number;
  externalId: string | null;
  text: string;
  kind: string;
  createdAt: Date;
  importance: number;
  conversationId: number | null;
  /** fused rank score × recency/importance; about 1 for a memory first in both lists */
  score: number;
  /** cosine similarity to the question, when the memory has a vector of the current model */
  similarity: number | null;
  matchedBy: ("vector" | "text" | "time" | "meaning")[];
  /** found only by meaning, below the sentence encoder's floor: shown after the strong hits, marked so */
  weak?: boolean;
}

export interface MemorySearchResult {
  hits: MemoryHit[];
  /** the date range a time expression in the question set, if any */
  timeRange?: { from: Date; to: Date; matched: string };
  model: string;
}

export interface MemoryContext extends AssembledContext<MemoryHit> {
  timeRange?: MemorySearchResult["timeRange"];
}

const RRF_K = 60;
/** memories naming what the question names (by another name) that vote in the fusion */
const GLOSSARY_VOTES = 5;
/** how many of the nearest memories by meaning alone may be shown as weak hits */
const WEAK_RANK = 5;
/** a weak hit's score is scaled down so that callers sorting or cutting by score see it as weak */
const WEAK_SCORE = 0.5;
/** full-text matches ranked per question, newest first (bounds the cost for words in many memories) */
const FULL_TEXT_RANKED = 5000;
/** candidates taken from each list before fusion */
const CANDIDATES = 40;
/** memories of a named period read to list it by importance and variety (the newest, in a longer period) */
const PERIOD_LISTED = 500;
/** With at least this share of the question's words present, a full-text hit is relevant on its own. */
const MIN_TEXT_COVERAGE = 0.5;
interface Candidate {
  id: number;
  similarity: number | null;
  /** cosine of the sentence-encoder part, when the model has one */
  meaning: number | null;
  textMatch: boolean;
  coverage: number;
  /** names, by another of its names, a glossary entry the question names */
  named: boolean;
}

interface Row {
  id: number;
  external_id: string | null;
  text: string;
  kind: string;
  created_at: Date | string;
  importance: number;
  conversation_id: number | null;
}

export class RagEngine {
  constructor(
    private readonly deps: {
      db: Database;
      embeddings: EmbeddingService;
      vectors: VectorStore;
      clock: Clock;
      settings: Settings;
      logger: Logger;
    },
  ) {}

  async search(user: MemoryUser, query: string, options: MemorySearchOptions = {}): Promise<MemorySearchResult> {
    const question = query.trim();
    if (question === "") throw new BadRequestError("The search query is empty; say what to look for.");
    const limit = Math.min(Math.max(options.limit ?? DEFAULT_SEARCH_HITS, 1), MAX_SEARCH_HITS);
    const now = this.deps.clock.now();
    // With no embedder (an endpoint down, a model that failed to load) search still answers by full text.
    let embedder: Embedder | undefined;
    try {
      embedder = await this.deps.embeddings.embedder();
    } catch (error) {
      this.deps.logger.warn({ err: error }, "embeddings unavailable; searching memories by full text only");
    }
    const model = embedder?.model ?? "none";

    let from = options.from;
    let to = options.to;
    let content = question;
    let parsedRest: string | undefined;
    let timeRange: MemorySearchResult["timeRange"];
    if (options.timeExpressions !== false && !from && !to) {
      const parsed = await questionPeriod(this.deps.db, user, question, now);
      if (parsed) {
        ({ from, to } = parsed);
        content = parsed.rest;
        parsedRest = parsed.rest;
        timeRange = { from: parsed.from, to: parsed.to, matched: parsed.matched };
      }
    }
    const filter: VectorFilter = {
      userId: user.id,
      model,
      dimensions: embedder?.dimensions ?? 0,
      kinds: options.kinds,
      from,
      to,
    };
    content = topicalWords(content);
    const topical = analyse(content).length > 0;

    if (!topical) {
      // nothing to match on: a time alone lists that time's memories, no time and no topic finds nothing
      if (!from && !to) return { hits: [], timeRange, model };
      const rows = await this.rowsInRange(filter, PERIOD_LISTED);
      const listed = importantAndVaried(
        rows.map((r) => ({ row: r, text: r.text, importance: Number(r.importance), createdAt: date(r.created_at) })),
        limit,
      );
      // the listed order is the answer; the score falls with the place so callers sorting by score keep it
      const hits = listed.map((m, i) => toHit(m.row, (listed.length - i) / listed.length, null, ["time"]));
      return { hits, timeRange, model };
    }

    // Full text and the glossary list need no vector: they are sent before the question is encoded, so the
    // database answers them while the encoder runs (on PostgreSQL that is another process and core).
    // The glossary entries the question names ("LCA", "time limit exceeded", "Amazon"): memories that name
    // them by another of their names ("lowest common ancestor", "TLE") are found as if they had said it.
    const named = namedEntries(content);
    const early = Promise.all([
      this.textSearch(filter, content, CANDIDATES),
      memoriesNaming(this.deps.db, textFilter(filter), named),
    ]);
    // an early list's failure is the search's failure, reported where it is awaited below
    early.catch(() => {});

    // With a meaning part, the sentence encoder also reads the whole question (without its time phrase,
    // framing words included): both texts go to the encoder in one batch, one call per question.
    const sentence = parsedRest ?? question;
    const wantsSentence = embedder?.meaning !== undefined && sentence !== content;
    let queryVector: Float32Array | undefined;
    let meaningVector: Float32Array | undefined;
    if (embedder) {
      try {
        const { vectors } = await this.deps.embeddings.embedQueries(wantsSentence ? [content, sentence] : [content]);
        queryVector = vectors[0];
        meaningVector = vectors[wantsSentence ? 1 : 0];
      } catch (error) {
        this.deps.logger.warn({ err: error }, "could not embed the question; searching memories by full text only");
      }
    }
    const meaning = queryVector ? embedder?.meaning : undefined;
    const [vectorHits, meaningHits, [textHits, glossaryHits]] = await Promise.all([
      queryVector ? this.deps.vectors.search(filter, queryVector, CANDIDATES) : Promise.resolve([]),
      meaning && meaningVector
        ? this.deps.vectors.searchPart(filter, meaning, meaningVector, CANDIDATES)
        : Promise.resolve([]),
      early,
    ]);

    const candidates = new Map<number, Candidate>();
    const candidate = (id: number) => {
      let c = candidates.get(id);
      if (!c) {
        c = { id, similarity: null, meaning: null, textMatch: false, coverage: 0, named: false };
        candidates.set(id, c);
      }
      return c;
    };
    for (const hit of vectorHits) candidate(hit.id).similarity = hit.similarity;
    for (const hit of textHits) {
      const c = candidate(hit.id);
      c.textMatch = hit.textMatch;
      c.coverage = hit.coverage;
    }
    // weak hits: the nearest few by meaning alone that no other list supports (paraphrases the encoder half-knows)
    const weakIds = new Set<number>();
    meaningHits.forEach((hit, i) => {
      candidate(hit.id).meaning = hit.similarity;
      if (meaning && hit.similarity >= meaning.weakFloor && i < WEAK_RANK) weakIds.add(hit.id);
    });
    // a memory the full-text list found already needs no vote for naming what the question names
    const textIds = new Set(textHits.map((h) => h.id));
    const glossaryVotes = glossaryHits.filter((id) => !textIds.has(id)).slice(0, GLOSSARY_VOTES);
    for (const id of glossaryVotes) candidate(id).named = true;
    const floor = embedder?.similarityFloor ?? 1;
    const strong = (c: Candidate) =>
      (c.similarity !== null && c.similarity >= floor) ||
      (meaning !== undefined && c.meaning !== null && c.meaning >= meaning.floor) ||
      c.textMatch ||
      c.coverage >= MIN_TEXT_COVERAGE ||
      c.named;
    const relevant = (c: Candidate) => strong(c) || weakIds.has(c.id);

    const fused = reciprocalRankFusion(
      [
        vectorHits.filter((h) => h.similarity >= floor).map((h) => h.id),
        textHits.map((h) => h.id),
        meaningHits.filter((h) => meaning && h.similarity >= meaning.floor).map((h) => h.id),
        glossaryVotes,
      ],
      RRF_K,
    );
    // a weak hit ranks by its place in the meaning list, after every strong hit
    meaningHits.forEach((hit, i) => {
      if (weakIds.has(hit.id) && !fused.has(hit.id)) fused.set(hit.id, 1 / (RRF_K + i + 1));
    });
    // A full-text hit the vector list did not return has no similarity yet (full text ran before the question
    // had a vector): the rows' read computes it, so such a hit is read too and may turn relevant by it.
    const needsSimilarity = (c: Candidate) => queryVector !== undefined && c.similarity === null && textIds.has(c.id);
    const read = [...candidates.values()].filter((c) => fused.has(c.id) && (relevant(c) || needsSimilarity(c)));
    if (read.length === 0) return { hits: [], timeRange, model };
    const rows = new Map(
      (
        await this.rowsById(
          filter,
          read.map((c) => c.id),
          queryVector,
        )
      ).map((r) => [Number(r.id), r]),
    );
    for (const c of read) {
      const similarity = rows.get(c.id)?.similarity;
      if (c.similarity === null && similarity !== null && similarity !== undefined) c.similarity = Number(similarity);
    }
    const keep = read.filter((c) => relevant(c) && rows.has(c.id));
    if (keep.length === 0) return { hits: [], timeRange, model };
    // normalise so that first place in both lists scores 1 before the rerank
    const best = 2 / (RRF_K + 1);
    // A question that names something specific (a problem, an employer, a term of the glossary) which no
    // candidate mentions is about something the user never wrote about ("how did my Amazon onsite go?" with
    // no word of Amazon): what the lists found is nearby noise, shown only as weak hits, in the same order.
    const unnamed =
      named.length > 0 && !keep.some((c) => namedEntries(rows.get(c.id)!.text).some((entry) => named.includes(entry)));
    const hits = keep
      .map((c) => {
        const row = rows.get(c.id)!;
        const matchedBy: MemoryHit["matchedBy"] = [];
        if (c.similarity !== null && c.similarity >= floor) matchedBy.push("vector");
        if (c.textMatch || c.coverage > 0) matchedBy.push("text");
        if (from || to) matchedBy.push("time");
        const weak = unnamed || !strong(c);
        const score =
          ((fused.get(c.id) ?? 0) / best) *
          rerankFactor(date(row.created_at), row.importance, now) *
          (weak ? WEAK_SCORE : 1);
        if (c.meaning !== null && meaning && c.meaning >= meaning.weakFloor) matchedBy.push("meaning");
        if (c.named && !matchedBy.includes("text")) matchedBy.push("text");
        const hit = toHit(row, score, c.similarity, matchedBy);
        if (weak) hit.weak = true;
        return hit;
      })
      .sort(
        (a, b) =>
          Number(a.weak === true) - Number(b.weak === true) ||
          b.score - a.score ||
          b.createdAt.getTime() - a.createdAt.getTime(),
      )
      .slice(0, limit);
    return { hits, timeRange, model };
  }

  /**
   * The memories relevant to a question as prompt text within `budgetTokens` (default
   * MEMORY_CONTEXT_TOKENS), one `[m<id> <date>] text` line each, and the memories used, to cite.
   */
  async buildContext(
    user: MemoryUser,
    question: string,
    options: MemorySearchOptions & { budgetTokens?: number } = {},
  ): Promise<MemoryContext> {
    const result = await this.search(user, question, { limit: 20, ...options });
    const budget = options.budgetTokens ?? this.deps.settings.memory.contextTokens;
    return { ...assembleContext(result.hits, budget, user.timezone), timeRange: result.timeRange };
  }

  /**
   * Full-text candidates: rows matching ANY of the question's words (ranked by ts_rank), flagged when they
   * match the whole `websearch_to_tsquery` (all words), with the share of the question's words they hold.
   * It needs no vector, so it runs while the question is encoded; `rowsById` gives the similarity.
   */
  private async textSearch(filter: VectorFilter, question: string, limit: number) {
    const rows = await queryRows<{
      id: number;
      rank: number;
      all_words: boolean;
      coverage: number;
    }>(
      this.deps.db,
      // Ranking is what costs (ts_rank reads every matching row's tsvector), so only the newest
      // FULL_TEXT_RANKED matches are ranked — a word found in more memories than that says little anyway —
      // and the coverage is computed for the top `limit` only.
      sql`with words as (select lexeme from unnest(to_tsvector('english', ${question}))),
           q as materialized (select websearch_to_tsquery('english', ${question}) as strict,
                        (select string_agg(quote_literal(lexeme), ' | ') from words)::tsquery as loose,
                        (select count(*) from words) as n),
           matches as materialized (
             select m.id, m.created_at, m.tsv from memories m, q where ${textFilter(filter)} and m.tsv @@ q.loose),
           newest as (select id, tsv from matches order by created_at desc, id desc limit ${FULL_TEXT_RANKED}),
           ranked as materialized (
             select n.id, n.tsv, ts_rank(n.tsv, q.loose) as rank, coalesce(n.tsv @@ q.strict, false) as all_words
             from newest n, q
             order by all_words desc, rank desc, n.id desc
             limit ${limit})
          select r.id, r.rank, r.all_words,
                 (select count(*) from words w where r.tsv @@ quote_literal(w.lexeme)::tsquery)::float
                   / greatest(q.n, 1) as coverage
          from ranked r, q
          order by r.all_words desc, r.rank desc, r.id desc
          limit ${limit}`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      textMatch: Boolean(r.all_words),
      coverage: Number(r.coverage),
    }));
  }

  /** The rows of `ids` (of the filter's user), with their similarity to the question when they have a vector of the model. */
  private rowsById(
    filter: VectorFilter,
    ids: number[],
    queryVector: Float32Array | undefined,
  ): Promise<(Row & { similarity: number | null })[]> {
    const similarity = queryVector
      ? sql`case when embedding_model = ${filter.model} then 1 - (embedding <=> ${vectorLiteral(queryVector)}::vector) end`
      : sql`null::float8`;
    return queryRows<Row & { similarity: number | null }>(
      this.deps.db,
      sql`select id, external_id, text, kind, created_at, importance, conversation_id, ${similarity} as similarity
          from memories
          where user_id = ${filter.userId} and id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
  }

  private rowsInRange(filter: VectorFilter, limit: number): Promise<Row[]> {
    return queryRows<Row>(
      this.deps.db,
      sql`select id, external_id, text, kind, created_at, importance, conversation_id from memories m
          where ${textFilter(filter)}
          order by created_at desc, importance desc, id desc limit ${limit}`,
    );
  }
}

/** The user, kind and time filters, without the model condition (full text does not need a vector). */
function textFilter(filter: VectorFilter): SQL {
  const parts: SQL[] = [sql`m.user_id = ${filter.userId}`];
  if (filter.kinds && filter.kinds.length > 0) {
    parts.push(
      sql`m.kind in (${sql.join(
        filter.kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    );
  }
  if (filter.from) parts.push(sql`m.created_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) parts.push(sql`m.created_at < ${filter.to.toISOString()}::timestamptz`);
  return sql.join(parts, sql` and `);
}

function date(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function toHit(row: Row, score: number, similarity: number | null, matchedBy: MemoryHit["matchedBy"]): MemoryHit {
  return {
    id: Number(row.id),
    externalId: row.external_id,
    text: row.text,
    kind: row.kind,
    createdAt: date(row.created_at),
    importance: Number(row.importance),
    conversationId: row.conversation_id === null ? null : Number(row.conversation_id),
    score: Math.round(score * 10_000) / 10_000,
    similarity: similarity === null ? null : Math.round(similarity * 10_000) / 10_000,
    matchedBy,
  };
}
