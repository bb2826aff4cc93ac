// What one import run knows while it maps rows: which account a legacy user key means, which problem a
// slug or title means, which topic a name means. Lookups are cached for the run; writes go through the
// transaction of the batch being imported.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import { type Queryable, queryRows } from "../../config/database.js";
import { importRecords, problems, topics, users } from "../../database/schema.js";
import { type BulkColumn, bulkInsert } from "../shared/bulk-insert.js";
import { type ImportedSolve, scheduleImportedCards } from "../training/imported-cards.js";
import { slugify } from "./values.js";

/** import_records.source_db of the global user aliases (legacy username / email → account). */
export const USER_ALIAS_DB = "legacy-user-alias";

const TOPIC_ALIASES: Record<string, string> = {
  array: "arrays",
  hashing: "arrays",
  "hash-table": "arrays",
  "hash-map": "arrays",
  string: "arrays",
  "two-pointer": "two_pointers",
  "binary-tree": "trees",
  tree: "trees",
  bst: "trees",
  trie: "tries",
  graph: "graphs",
  bfs: "graphs",
  dfs: "graphs",
  "priority-queue": "heap",
  heaps: "heap",
  "dynamic-programming": "dp_1d",
  dp: "dp_1d",
  "bit-manipulation": "bit_manip",
  "linked-lists": "linked_list",
  "sliding-windows": "sliding_window",
  interval: "intervals",
  mathematics: "math",
  geometry: "math",
};

const PROBLEM_COLUMNS: BulkColumn[] = [
  { name: "slug", type: "text" },
  { name: "title", type: "text" },
  { name: "difficulty", type: "text" },
  { name: "url", type: "text" },
  { name: "owner_user_id", type: "int4" },
];

export interface ProblemRef {
  slug?: string | null;
  title?: string | null;
  difficulty?: "easy" | "medium" | "hard" | null;
  url?: string | null;
}

export class ImportRun {
  private aliases: Map<string, number> | undefined;
  private readonly fileUsers = new Map<string, Map<string, number>>();
  private catalogue: { bySlug: Map<string, number>; byTitle: Map<string, number> } | undefined;
  private readonly customProblems = new Map<string, number>();
  private topicIndex: Map<string, string> | undefined;
  readonly notes = new Set<string>();
  /** memories written without an embedding, for the embed job */
  memoriesCreated = 0;
  readonly memoryIds = new Map<number, number[]>();
  /** user id → imported chat messages flagged for the `import-memories` job */
  readonly messagesQueuedForMemory = new Map<number, number>();
  /** legacy `${userId}/${session}` → conversation id */
  readonly conversations = new Map<string, number>();

  constructor(
    readonly db: Queryable,
    readonly clock: Clock,
    /** `--user`: every legacy row belongs to this account */
    readonly forcedUserId: number | null,
  ) {}

  // ------------------------------------------------------------------ users
  private async loadAliases(db: Queryable): Promise<Map<string, number>> {
    if (!this.aliases) {
      const rows = await db
        .select({ key: importRecords.sourceKey, table: importRecords.sourceTable, id: importRecords.targetId })
        .from(importRecords)
        .where(eq(importRecords.sourceDb, USER_ALIAS_DB));
      this.aliases = new Map(rows.map((r) => [`${r.table}:${r.key}`, Number(r.id)]));
    }
    return this.aliases;
  }

  /** Remembers that a legacy username / email means this account, for later files and later runs. */
  async addUserAliases(db: Queryable, userId: number, aliases: { username?: string | null; email?: string | null }) {
    const map = await this.loadAliases(db);
    const values = [];
    for (const [kind, value] of Object.entries(aliases)) {
      if (!value) continue;
      const key = value.toLowerCase();
      map.set(`${kind}:${key}`, userId);
      values.push({
        sourceDb: USER_ALIAS_DB,
        sourceTable: kind,
        sourceKey: key,
        targetTable: "users",
        targetId: String(userId),
        userId,
      });
    }
    if (values.length > 0) await db.insert(importRecords).values(values).onConflictDoNothing();
  }

  rememberFileUser(file: string, legacyId: string, userId: number): void {
    const map = this.fileUsers.get(file) ?? new Map<string, number>();
    map.set(legacyId, userId);
    this.fileUsers.set(file, map);
  }

  private async fileUserMap(db: Queryable, sourceDb: string): Promise<Map<string, number>> {
    let map = this.fileUsers.get(sourceDb);
    if (!map) {
      const rows = await db
        .select({ key: importRecords.sourceKey, id: importRecords.targetId })
        .from(importRecords)
        .where(and(eq(importRecords.sourceDb, sourceDb), eq(importRecords.sourceTable, "users")));
      map = new Map(rows.map((r) => [r.key, Number(r.id)]));
      this.fileUsers.set(sourceDb, map);
    }
    return map;
  }

  /**
   * The account a legacy user key belongs to: `--user` if given; else the same file's imported `users`
   * row (integer ids of the platform database); else a legacy username or email imported earlier; else an
   * existing account with that email. Null when none: the row is skipped with a reason.
   */
  async resolveUser(db: Queryable, sourceDb: string, legacyKey: unknown): Promise<number | null> {
    if (this.forcedUserId !== null) return this.forcedUserId;
    if (legacyKey === null || legacyKey === undefined || legacyKey === "") return null;
    const key = String(legacyKey).trim();
    const fromFile = (await this.fileUserMap(db, sourceDb)).get(key);
    if (fromFile) return fromFile;
    const aliases = await this.loadAliases(db);
    const lower = key.toLowerCase();
    const alias = aliases.get(`username:${lower}`) ?? aliases.get(`email:${lower}`);
    if (alias) return alias;
    if (lower.includes("@")) {
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, lower));
      if (user) {
        aliases.set(`email:${lower}`, user.id);
        return user.id;
      }
    }
    return null;
  }

  static unresolvedUser(key: unknown): string {
    return `no account for legacy user "${String(key ?? "")}": import the file that holds the users table first, or pass --user EMAIL`;
  }

  // ------------------------------------------------------------------ catalogue
  private async loadCatalogue(db: Queryable) {
    if (!this.catalogue) {
      const rows = await db
        .select({ id: problems.id, slug: problems.slug, title: problems.title })
        .from(problems)
        .where(isNull(problems.ownerUserId));
      this.catalogue = {
        bySlug: new Map(rows.map((r) => [r.slug, r.id])),
        byTitle: new Map(rows.map((r) => [r.title.toLowerCase(), r.id])),
      };
    }
    return this.catalogue;
  }

  /**
   * The catalogue problem with this slug (or title); otherwise the user's own custom problem with that
   * slug, created when missing (difficulty "medium" when the old data did not say).
   */
  async problemFor(db: Queryable, userId: number, ref: ProblemRef): Promise<number | null> {
    const slug = ref.slug ? slugify(ref.slug) : ref.title ? slugify(ref.title) : "";
    if (!slug) return null;
    const catalogue = await this.loadCatalogue(db);
    const shared =
      catalogue.bySlug.get(slug) ?? (ref.title ? catalogue.byTitle.get(ref.title.toLowerCase()) : undefined);
    if (shared) return shared;
    const cacheKey = `${userId}:${slug}`;
    const cached = this.customProblems.get(cacheKey);
    if (cached) return cached;
    const [inserted] = await db
      .insert(problems)
      .values({
        slug,
        title: ref.title ?? slug,
        difficulty: ref.difficulty ?? "medium",
        url: ref.url ?? null,
        ownerUserId: userId,
      })
      .onConflictDoNothing()
      .returning({ id: problems.id });
    const id =
      inserted?.id ??
      (
        await db
          .select({ id: problems.id })
          .from(problems)
          .where(and(eq(problems.ownerUserId, userId), eq(problems.slug, slug)))
      )[0]?.id;
    if (id) this.customProblems.set(cacheKey, id);
    return id ?? null;
  }

  /**
   * Resolves a batch's problems in two statements (catalogue lookup, one insert of the missing custom
   * problems), so `problemFor` then answers from memory. Rows of several users are fine.
   */
  async prefetchProblems(db: Queryable, items: { userId: number | null; ref: ProblemRef }[]): Promise<void> {
    const catalogue = await this.loadCatalogue(db);
    const missing = new Map<string, { slug: string; userId: number; ref: ProblemRef }>();
    for (const { userId, ref } of items) {
      if (userId === null) continue;
      const slug = ref.slug ? slugify(ref.slug) : ref.title ? slugify(ref.title) : "";
      if (!slug || catalogue.bySlug.has(slug) || (ref.title && catalogue.byTitle.has(ref.title.toLowerCase())))
        continue;
      const key = `${userId}:${slug}`;
      if (!this.customProblems.has(key) && !missing.has(key)) missing.set(key, { slug, userId, ref });
    }
    if (missing.size === 0) return;
    const values = [...missing.values()];
    await bulkInsert(
      db,
      "problems",
      PROBLEM_COLUMNS,
      values.map(({ slug, userId, ref }) => [
        slug,
        ref.title ?? slug,
        ref.difficulty ?? "medium",
        ref.url ?? null,
        userId,
      ]),
      sql`on conflict do nothing`,
    );
    const owners = [...new Set(values.map((v) => v.userId))];
    const rows = await db
      .select({ id: problems.id, slug: problems.slug, owner: problems.ownerUserId })
      .from(problems)
      .where(
        and(
          inArray(problems.ownerUserId, owners),
          inArray(
            problems.slug,
            values.map((v) => v.slug),
          ),
        ),
      );
    for (const r of rows) this.customProblems.set(`${r.owner}:${r.slug}`, r.id);
  }

  async topicFor(db: Queryable, name: unknown): Promise<string | null> {
    if (typeof name !== "string" || !name.trim()) return null;
    if (!this.topicIndex) {
      const rows = await db.select({ id: topics.id, name: topics.name }).from(topics);
      this.topicIndex = new Map();
      for (const t of rows) {
        this.topicIndex.set(t.id, t.id);
        this.topicIndex.set(slugify(t.id), t.id);
        this.topicIndex.set(slugify(t.name), t.id);
      }
      for (const [alias, id] of Object.entries(TOPIC_ALIASES))
        if (this.topicIndex.has(id)) this.topicIndex.set(alias, id);
    }
    const slug = slugify(name);
    return (
      this.topicIndex.get(name) ?? this.topicIndex.get(slug) ?? this.topicIndex.get(slug.replace(/s$/, "")) ?? null
    );
  }

  // ------------------------------------------------------------------ review cards
  scheduleCards(db: Queryable, latest: ImportedSolve[]): Promise<number> {
    return scheduleImportedCards(db, latest);
  }

  /**
   * Every source key an earlier run recorded for one source table: one range scan of the unique
   * (source_db, source_table, source_key) index per table, so a batch finds its already-imported rows in
   * memory instead of one index probe per row (a second run over 200k rows was mostly those probes).
   */
  static async importedKeys(db: Queryable, sourceDb: string, sourceTable: string): Promise<Set<string>> {
    const rows = await queryRows<{ key: string }>(
      db,
      sql`select source_key as key from import_records where source_db = ${sourceDb} and source_table = ${sourceTable}`,
    );
    return new Set(rows.map((r) => r.key));
  }

  /** ids already recorded for these keys of one source table */
  static async existingKeys(db: Queryable, sourceDb: string, sourceTable: string, keys: string[]) {
    if (keys.length === 0) return new Map<string, { id: string | null; userId: number | null }>();
    // One probe of the unique (source_db, source_table, source_key) index per key, whatever the planner
    // believes about the table: during a big import its statistics still describe the empty table, and a
    // plain `source_key = any(…)` was then planned as a scan of every record of the file, once per batch
    // (quadratic: the second run over 200k rows spent its time there).
    const rows = await queryRows<{ key: string; id: string | null; user_id: number | null }>(
      db,
      sql`select k.key, r.target_id as id, r.user_id
            from unnest(${sql.param(keys)}::text[]) as k(key)
            cross join lateral (
              select target_id, user_id from import_records
               where source_db = ${sourceDb} and source_table = ${sourceTable} and source_key = k.key
               limit 1
            ) as r`,
    );
    return new Map(rows.map((r) => [r.key, { id: r.id, userId: r.user_id === null ? null : Number(r.user_id) }]));
  }

  /** The target id a row of another table was imported as (e.g. the session of a code submission). */
  static async targetOf(db: Queryable, sourceDb: string, sourceTable: string, keys: string[]) {
    return ImportRun.existingKeys(db, sourceDb, sourceTable, keys);
  }
}
