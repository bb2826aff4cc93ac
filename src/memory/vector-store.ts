// pgvector operations on `memories.embedding`: writing vectors and the per-user top-k cosine search.
//
// The column holds vectors of any size; every query names the model and casts to its size, e.g.
// `embedding::vector(512)`, which is the expression of that model's partial HNSW index
// (`… where embedding_model = '<model>'`, created by ensureIndex on the model's first write). HNSW on
// `vector` stops at 2,000 dimensions, so 2,001–4,000 (3072-d OpenAI models) are indexed as `halfvec`; a
// larger model is searched exactly.
//
// Strategy per user (measured in RESEARCH.md): a user with few embedded rows gets an exact scan through
// the (user_id, embedding_model) index — recall 1.0 in well under a millisecond for thousands of rows —
// while a user with many rows gets the HNSW index with `hnsw.iterative_scan = relaxed_order`, which keeps
// scanning until k rows pass the user filter. Without iterative scan (pgvector < 0.8) HNSW + filter can
// return fewer rows than exist, so then every search is exact.
import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { type Cache, cacheKeys } from "../cache/cache.js";
import { type Database, type Queryable, queryRows } from "../config/database.js";
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";

export interface VectorFilter {
  userId: number;
  /** only vectors of this model are comparable with the query vector */
  model: string;
  /** the model's vector size (every row of the model has it) */
  dimensions: number;
  kinds?: readonly string[];
  /** created_at ≥ from */
  from?: Date;
  /** created_at < to */
  to?: Date;
}

/** A run of a vector's dimensions (1-based offset), e.g. the sentence encoder's half of a blended vector. */
export interface VectorPart {
  offset: number;
  dimensions: number;
}

/** `subvector(embedding::vector(N), offset, size)::vector(size)`: the expression of a part's index. */
export function partExpression(dimensions: number, part: VectorPart): SQL {
  return sql`(subvector(${castEmbedding(dimensions)}, ${sql.raw(String(part.offset))}, ${sql.raw(String(part.dimensions))})::vector(${sql.raw(String(part.dimensions))}))`;
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

const HNSW_MAX_VECTOR_DIMS = 2000;
const HNSW_MAX_HALFVEC_DIMS = 4000;

/** The SQL type a model's vectors are indexed and compared as, by size (undefined: too large to index). */
export function indexedType(dimensions: number): "vector" | "halfvec" | undefined {
  if (dimensions <= HNSW_MAX_VECTOR_DIMS) return "vector";
  if (dimensions <= HNSW_MAX_HALFVEC_DIMS) return "halfvec";
  return undefined;
}

function checkedDimensions(dimensions: number): number {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16_000)
    throw new Error(`an embedding model must produce 1 to 16000 dimensions, not ${dimensions}`);
  return dimensions;
}

/** `embedding::vector(N)` (or `::halfvec(N)`): the indexed expression, and what a query must order by. */
export function castEmbedding(dimensions: number, column = "embedding"): SQL {
  return sql.raw(`${column}::${indexedType(dimensions) ?? "vector"}(${checkedDimensions(dimensions)})`);
}

/** The query vector as a literal of the same type as castEmbedding. */
export function castQuery(vector: Float32Array, dimensions: number): SQL {
  return sql`${vectorLiteral(vector)}::${sql.raw(`${indexedType(dimensions) ?? "vector"}(${checkedDimensions(dimensions)})`)}`;
}

/** A SQL string literal; the model id is inlined so the planner can match the partial index's predicate. */
function modelLiteral(model: string): SQL {
  return sql.raw(`'${model.replace(/'/g, "''")}'`);
}

/** The name of a model's partial HNSW index (migration 0003 uses the same md5 rule). */
export function indexNameFor(model: string): string {
  return `memories_embedding_${createHash("md5").update(model).digest("hex").slice(0, 12)}_hnsw`;
}

/** The WHERE clause every vector query shares: the user, the model, and the optional filters. */
export function memoryFilter(filter: VectorFilter): SQL {
  const parts: SQL[] = [sql`user_id = ${filter.userId}`, sql`embedding_model = ${modelLiteral(filter.model)}`];
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
  /** models whose index this process has seen or made */
  private readonly indexed = new Map<string, Promise<void>>();

  constructor(private readonly deps: { db: Database; cache: Cache; settings: Settings; logger: Logger }) {}

  /**
   * Makes sure `model` has its partial HNSW index (a no-op after the first call in a process). Built on an
   * empty or small set of rows it takes milliseconds; a reindex of many rows makes it before writing them.
   */
  ensureIndex(model: string, dimensions: number): Promise<void> {
    const type = indexedType(dimensions);
    if (!type) return Promise.resolve();
    let done = this.indexed.get(model);
    if (!done) {
      const name = indexNameFor(model);
      done = (async () => {
        const [existing] = await queryRows<{ n: number }>(
          this.deps.db,
          sql`select count(*)::int as n from pg_indexes where tablename = 'memories' and indexname = ${name}
              and schemaname = current_schema()`,
        );
        if ((existing?.n ?? 0) > 0) return;
        this.deps.logger.info(`Creating the HNSW index ${name} for ${model} (${dimensions} dimensions)`);
        try {
          await this.deps.db.execute(
            sql`create index if not exists ${sql.identifier(name)} on memories
                using hnsw ((${castEmbedding(dimensions)}) ${sql.raw(`${type}_cosine_ops`)})
                where embedding_model = ${modelLiteral(model)}`,
          );
        } catch (error) {
          // two processes creating it at once: the loser's error is harmless if the index now exists
          const [again] = await queryRows<{ n: number }>(
            this.deps.db,
            sql`select count(*)::int as n from pg_indexes where tablename = 'memories' and indexname = ${name}
                and schemaname = current_schema()`,
          );
          if ((again?.n ?? 0) === 0) throw error;
        }
      })();
      this.indexed.set(model, done);
      done.catch(() => this.indexed.delete(model));
    }
    return done;
  }

  /**
   * The partial HNSW index of one part of `model`'s vectors (the sentence encoder's half of a blended vector),
   * on `subvector(embedding::vector(N), offset, size)::vector(size)`: what searchPart uses for large users.
   */
  ensurePartIndex(model: string, dimensions: number, part: VectorPart): Promise<void> {
    if (!indexedType(dimensions) || part.dimensions > HNSW_MAX_VECTOR_DIMS) return Promise.resolve();
    const key = `${model}#${part.offset}:${part.dimensions}`;
    let done = this.indexed.get(key);
    if (!done) {
      const name = indexNameFor(key);
      done = (async () => {
        const exists = async () =>
          ((
            await queryRows<{ n: number }>(
              this.deps.db,
              sql`select count(*)::int as n from pg_indexes where tablename = 'memories' and indexname = ${name}
                  and schemaname = current_schema()`,
            )
          )[0]?.n ?? 0) > 0;
        if (await exists()) return;
        this.deps.logger.info(`Creating the HNSW index ${name} for part ${part.offset}+${part.dimensions} of ${model}`);
        try {
          await this.deps.db.execute(
            sql`create index if not exists ${sql.identifier(name)} on memories
                using hnsw ((${partExpression(dimensions, part)}) vector_cosine_ops)
                where embedding_model = ${modelLiteral(model)}`,
          );
        } catch (error) {
          if (!(await exists())) throw error;
        }
      })();
      this.indexed.set(key, done);
      done.catch(() => this.indexed.delete(key));
    }
    return done;
  }

  /** Writes vectors (all of `model`) for rows of one user; returns how many rows were updated. */
  async upsertEmbeddings(
    userId: number,
    model: string,
    rows: { id: number; vector: Float32Array }[],
    db: Queryable = this.deps.db,
    part?: VectorPart,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const dimensions = rows[0].vector.length;
    // one model, one size: a mixed batch would make the model's index (and every search of it) fail
    const odd = rows.find((r) => r.vector.length !== dimensions);
    if (odd) throw new Error(`${model}: vectors of ${dimensions} and ${odd.vector.length} dimensions in one batch`);
    await this.ensureIndex(model, dimensions);
    if (part) await this.ensurePartIndex(model, dimensions, part);
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
    if (vector.length !== filter.dimensions)
      throw new Error(`a ${vector.length}-dimensional query cannot search ${filter.model} (${filter.dimensions})`);
    const chosen = indexedType(filter.dimensions)
      ? (strategy ?? (await this.strategyFor(filter.userId, filter.model)))
      : "exact";
    const distance = sql`${castEmbedding(filter.dimensions)} <=> ${castQuery(vector, filter.dimensions)}`;
    return this.nearest(filter, distance, limit, chosen);
  }

  /** The rows of `filter` ordered by `distance`: an exact scan, or the index with iterative scan. */
  private async nearest(
    filter: VectorFilter,
    distance: SQL,
    limit: number,
    strategy: SearchStrategy,
  ): Promise<VectorHit[]> {
    if (strategy === "exact") {
      // `+ 0` makes the ORDER BY an expression the HNSW index cannot serve, so the planner scans the
      // user's rows through the btree index and sorts them: exact, whatever its row estimate says.
      return queryRows<VectorHit>(
        this.deps.db,
        sql`select id, 1 - (${distance}) as similarity from memories
            where ${memoryFilter(filter)}
            order by (${distance}) + 0, id limit ${limit}`,
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
              select id, ${distance} as distance from memories
              where ${memoryFilter(filter)}
              order by ${distance} limit ${limit})
            select id, 1 - distance as similarity from hits order by distance, id`,
      );
      return toHits(rows);
    });
  }

  /**
   * The `limit` nearest rows of the user by the cosine of one part of their vectors (the sentence encoder's
   * half of a blended vector): `subvector(embedding, offset, dimensions)` against the same part of the query.
   */
  async searchPart(filter: VectorFilter, part: VectorPart, vector: Float32Array, limit: number): Promise<VectorHit[]> {
    if (vector.length !== filter.dimensions)
      throw new Error(`a ${vector.length}-dimensional query cannot search ${filter.model} (${filter.dimensions})`);
    const slice = vector.slice(part.offset - 1, part.offset - 1 + part.dimensions);
    const size = sql.raw(String(part.dimensions));
    const distance = sql`${partExpression(filter.dimensions, part)} <=> ${vectorLiteral(slice)}::vector(${size})`;
    const chosen =
      indexedType(filter.dimensions) && part.dimensions <= HNSW_MAX_VECTOR_DIMS
        ? await this.strategyFor(filter.userId, filter.model)
        : "exact";
    if (chosen === "hnsw") await this.ensurePartIndex(filter.model, filter.dimensions, part);
    return this.nearest(filter, distance, limit, chosen);
  }

  private countKey(userId: number, model: string): string {
    return cacheKeys.user(userId, "memory", "embedded-count", model);
  }
}

function toHits(rows: VectorHit[]): VectorHit[] {
  return rows.map((r) => ({ id: Number(r.id), similarity: Number(r.similarity) }));
}
