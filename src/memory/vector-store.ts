// pgvector operations on `memories.embedding`: writing vectors and the per-user top-k cosine search.
//
// Strategy per user (measured in RESEARCH.md): a user with few embedded rows gets an exact scan through
// the (user_id, embedding_model) index — recall 1.0 in well under a millisecond for thousands of rows —
// while a user with many rows gets the HNSW index with `hnsw.iterative_scan = relaxed_order`, which keeps
// scanning until k rows pass the user filter. Without iterative scan (pgvector < 0.8) HNSW + filter can
// return fewer rows than exist, so then every search is exact.
import { type SQL, sql } from "drizzle-orm";
import { type Cache, cacheKeys } from "../cache/cache.js";
import { type Database, type Queryable, queryRows } from "../config/database.js";
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";

export interface VectorFilter {
  userId: number;
  /** only vectors of this model are comparable with the query vector */
  model: string;
  kinds?: readonly string[];
  /** created_at ≥ from */
  from?: Date;
  /** created_at < to */
  to?: Date;
}

export interface VectorHit {
  id: number;
  /** cosine similarity, 1 = same direction */
  similarity: number;
}

export type SearchStrategy = "exact" | "hnsw";

const COUNT_TTL_SECONDS = 60;

export function vectorLiteral(vector: Float32Array | number[]): string {
  return `[${Array.from(vector).join(",")}]`;
}

/** The WHERE clause every vector query shares: the user, the model, and the optional filters. */
export function memoryFilter(filter: VectorFilter): SQL {
  const parts: SQL[] = [sql`user_id = ${filter.userId}`, sql`embedding_model = ${filter.model}`];
  if (filter.kinds && filter.kinds.length > 0) {
    parts.push(
      sql`kind in (${sql.join(
        filter.kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    );
  }
  if (filter.from) parts.push(sql`created_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) parts.push(sql`created_at < ${filter.to.toISOString()}::timestamptz`);
  return sql.join(parts, sql` and `);
}

export class VectorStore {
  private iterativeScan: Promise<boolean> | undefined;

  constructor(private readonly deps: { db: Database; cache: Cache; settings: Settings; logger: Logger }) {}

  /** Writes vectors (all of `model`) for rows of one user; returns how many rows were updated. */
  async upsertEmbeddings(
    userId: number,
    model: string,
    rows: { id: number; vector: Float32Array }[],
    db: Queryable = this.deps.db,
  ): Promise<number> {
    let updated = 0;
    for (let i = 0; i < rows.length; i += 200) {
      const batch = rows.slice(i, i + 200);
      const values = sql.join(
        batch.map((r) => sql`(${r.id}::int, ${vectorLiteral(r.vector)}::vector)`),
        sql`, `,
      );
      const result = await queryRows<{ id: number }>(
        db,
        sql`update memories as m set embedding = v.embedding, embedding_model = ${model}
            from (values ${values}) as v(id, embedding)
            where m.id = v.id and m.user_id = ${userId}
            returning m.id`,
      );
      updated += result.length;
    }
    if (updated > 0) await this.deps.cache.delete(this.countKey(userId, model));
    return updated;
  }

  /** Drops the vectors of these rows (they stay searchable by full text). */
  async removeEmbeddings(userId: number, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.deps.db.execute(
      sql`update memories set embedding = null, embedding_model = null
          where user_id = ${userId} and id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
  }

  /** pgvector ≥ 0.8 has `hnsw.iterative_scan`; older versions cannot filter an HNSW scan safely. */
  supportsIterativeScan(): Promise<boolean> {
    this.iterativeScan ??= queryRows<{ v: string | null }>(
      this.deps.db,
      sql`select extversion as v from pg_extension where extname = 'vector'`,
    ).then(([row]) => {
      const [major, minor] = (row?.v ?? "0.0").split(".").map(Number);
      return major > 0 || minor >= 8;
    });
    return this.iterativeScan;
  }

  /** How many rows of the user carry a vector of `model` (cached for a minute: it only picks a strategy). */
  async embeddedCount(userId: number, model: string): Promise<number> {
    return this.deps.cache.getOrLoad(
      this.countKey(userId, model),
      { ttlSeconds: COUNT_TTL_SECONDS, tags: [cacheKeys.userTag(userId)] },
      async () => {
        const [row] = await queryRows<{ n: number }>(
          this.deps.db,
          sql`select count(*)::int as n from memories where user_id = ${userId} and embedding_model = ${model}`,
        );
        return row?.n ?? 0;
      },
    );
  }

  async strategyFor(userId: number, model: string): Promise<SearchStrategy> {
    if (!(await this.supportsIterativeScan())) return "exact";
    const count = await this.embeddedCount(userId, model);
    return count >= this.deps.settings.memory.exactSearchMaxRows ? "hnsw" : "exact";
  }

  /** The `limit` nearest rows of the user by cosine distance, nearest first. */
  async search(
    filter: VectorFilter,
    vector: Float32Array,
    limit: number,
    strategy?: SearchStrategy,
  ): Promise<VectorHit[]> {
    const chosen = strategy ?? (await this.strategyFor(filter.userId, filter.model));
    const literal = vectorLiteral(vector);
    if (chosen === "exact") {
      // `+ 0` makes the ORDER BY an expression the HNSW index cannot serve, so the planner scans the
      // user's rows through the btree index and sorts them: exact, whatever its row estimate says.
      return queryRows<VectorHit>(
        this.deps.db,
        sql`select id, 1 - (embedding <=> ${literal}::vector) as similarity from memories
            where ${memoryFilter(filter)}
            order by (embedding <=> ${literal}::vector) + 0, id limit ${limit}`,
      ).then(toHits);
    }
    const efSearch = String(Math.max(this.deps.settings.memory.efSearch, limit));
    return this.deps.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('hnsw.ef_search', ${efSearch}, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`,
      );
      // relaxed_order may return neighbours slightly out of order: materialise, then sort exactly
      const rows = await queryRows<VectorHit>(
        tx,
        sql`with hits as materialized (
              select id, embedding <=> ${literal}::vector as distance from memories
              where ${memoryFilter(filter)}
              order by embedding <=> ${literal}::vector limit ${limit})
            select id, 1 - distance as similarity from hits order by distance, id`,
      );
      return toHits(rows);
    });
  }

  private countKey(userId: number, model: string): string {
    return cacheKeys.user(userId, "memory", "embedded-count", model);
  }
}

function toHits(rows: VectorHit[]): VectorHit[] {
  return rows.map((r) => ({ id: Number(r.id), similarity: Number(r.similarity) }));
}
