// What the platform remembers: conversations and their messages, and the memories made from them and
// from notes. Writes return fast — a memory is searchable by full text at once (the generated tsvector)
// and by vector once the `embed-memories` job has embedded it (inline in embedded mode, a worker with
// Redis; CLI commands embed before they exit).
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Clock } from "../config/clock.js";
import type { MemoryKind } from "../config/constants.js";
import { type Database, type Queryable, queryRows } from "../config/database.js";
import type { Logger } from "../config/logger.js";
import { conversations, memories, messages } from "../database/schema.js";
import { BadRequestError, NotFoundError } from "../errors.js";
import type { JobQueue } from "../jobs/queue.js";
import { DEFAULT_PAGE_SIZE } from "../services/shared/pagination.js";
import { DEFAULT_MESSAGES_SHOWN, MAX_MEMORY_CHARS } from "./contract.js";
import { type EmbeddingService, sha256 } from "./embedding-service.js";
import { chunkText } from "./text-chunks.js";
import type { VectorStore } from "./vector-store.js";

export { MAX_MEMORY_CHARS };

/** A user message shorter than this many words ("ok", "thanks!") is not worth remembering. */
const MIN_MESSAGE_WORDS = 3;

const DEFAULT_IMPORTANCE: Record<MemoryKind, number> = {
  fact: 0.7,
  note: 0.6,
  summary: 0.6,
  message: 0.5,
  answer: 0.4,
};

export interface RememberInput {
  text: string;
  kind?: MemoryKind;
  /** where it came from: manual | import | conversation | mentor | … */
  source?: string;
  importance?: number;
  createdAt?: Date;
  externalId?: string;
  conversationId?: number;
  messageId?: number;
}

export interface MemoryView {
  id: number;
  externalId: string | null;
  kind: string;
  text: string;
  source: string;
  importance: number;
  conversationId: number | null;
  chunkIndex: number;
  /** ISO date-time */
  createdAt: string;
  /** has a vector of the current model (searchable by meaning, not only by words) */
  embedded: boolean;
}

export interface RememberResult {
  created: MemoryView[];
  /** chunks skipped because the user already has a memory with the same text */
  duplicates: number;
}

/** `background`: enqueue the embed-memories job; `now`: embed before returning (CLI); `none`: leave it. */
export type EmbedMode = "background" | "now" | "none";

export function contentHash(text: string): string {
  return sha256(text.trim().replace(/\s+/g, " ").toLowerCase());
}

const columns = {
  id: memories.id,
  externalId: memories.externalId,
  kind: memories.kind,
  text: memories.text,
  source: memories.source,
  importance: memories.importance,
  conversationId: memories.conversationId,
  chunkIndex: memories.chunkIndex,
  createdAt: memories.createdAt,
  embeddingModel: memories.embeddingModel,
};

type Row = { [K in keyof typeof columns]: (typeof memories.$inferSelect)[K] };

function view(row: Row, model: string | undefined): MemoryView {
  const { embeddingModel, createdAt, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString(), embedded: model !== undefined && embeddingModel === model };
}

export class MemoryManager {
  constructor(
    private readonly deps: {
      db: Database;
      jobs: JobQueue;
      embeddings: EmbeddingService;
      vectors: VectorStore;
      clock: Clock;
      logger: Logger;
      batchSize: number;
    },
  ) {}

  // ---------------------------------------------------------------- memories
  async remember(userId: number, input: RememberInput, embed: EmbedMode = "background"): Promise<RememberResult> {
    return this.rememberMany(userId, [input], embed);
  }

  /** Stores many memories at once (chunked, duplicates skipped), then embeds them as `embed` says. */
  async rememberMany(
    userId: number,
    inputs: RememberInput[],
    embed: EmbedMode = "background",
  ): Promise<RememberResult> {
    const rows: (typeof memories.$inferInsert)[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    for (const input of inputs) {
      const text = input.text?.trim() ?? "";
      if (text === "") throw new BadRequestError("A memory needs some text.");
      if (text.length > MAX_MEMORY_CHARS)
        throw new BadRequestError(`A memory can hold at most ${MAX_MEMORY_CHARS} characters; split the text.`);
      const kind = input.kind ?? "note";
      chunkText(text).forEach((chunk, chunkIndex) => {
        const hash = contentHash(chunk);
        if (seen.has(hash)) {
          duplicates++;
          return;
        }
        seen.add(hash);
        rows.push({
          userId,
          kind,
          text: chunk,
          source: input.source ?? "manual",
          externalId: input.externalId ?? null,
          conversationId: input.conversationId ?? null,
          messageId: input.messageId ?? null,
          chunkIndex,
          importance: input.importance ?? DEFAULT_IMPORTANCE[kind] ?? 0.5,
          contentHash: hash,
          createdAt: input.createdAt ?? this.deps.clock.now(),
        });
      });
    }
    const created: Row[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const inserted = await this.deps.db
        .insert(memories)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing({ target: [memories.userId, memories.contentHash] })
        .returning(columns);
      created.push(...inserted);
    }
    duplicates += rows.length - created.length;
    const ids = created.map((r) => r.id);
    let model: string | undefined;
    if (ids.length > 0 && embed === "now") {
      await this.embedMemories(userId, ids);
      model = await this.deps.embeddings.model();
      for (const row of created) row.embeddingModel = model;
    } else if (ids.length > 0 && embed === "background") {
      await this.deps.jobs.enqueue("embed-memories", { userId, ids });
    }
    return { created: created.map((r) => view(r, model)), duplicates };
  }

  /**
   * Embeds the given rows of the user (or all of the user's rows) that lack a vector of the current model.
   * Idempotent: rows already embedded are skipped, so a retried job does no work twice.
   */
  async embedMemories(userId: number, ids?: number[]): Promise<number> {
    const model = await this.deps.embeddings.model();
    const idFilter =
      ids === undefined
        ? sql``
        : ids.length === 0
          ? sql` and false`
          : sql` and id in (${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )})`;
    let done = 0;
    let afterId = 0;
    for (;;) {
      const rows = await queryRows<{ id: number; text: string }>(
        this.deps.db,
        sql`select id, text from memories
            where user_id = ${userId} and id > ${afterId} and embedding_model is distinct from ${model}${idFilter}
            order by id limit ${this.deps.batchSize}`,
      );
      if (rows.length === 0) return done;
      const { model: used, vectors } = await this.deps.embeddings.embed(rows.map((r) => r.text));
      await this.deps.vectors.upsertEmbeddings(
        userId,
        used,
        rows.map((r, i) => ({ id: Number(r.id), vector: vectors[i] })),
        undefined,
        (await this.deps.embeddings.embedder()).meaning,
      );
      done += rows.length;
      afterId = Number(rows[rows.length - 1].id);
    }
  }

  /** The job handler's entry: `{ userId, ids }`. */
  async runEmbedJob(data: unknown): Promise<void> {
    const { userId, ids } = (data ?? {}) as { userId?: unknown; ids?: unknown };
    if (typeof userId !== "number" || !Array.isArray(ids) || !ids.every((id) => Number.isInteger(id))) {
      throw new Error(`embed-memories: bad job data ${JSON.stringify(data)}`);
    }
    await this.embedMemories(userId, ids as number[]);
  }

  /** Rows (of one user, or everyone) still needing a vector of the current model. */
  async pendingCount(userId?: number): Promise<number> {
    const model = await this.deps.embeddings.model();
    const [row] = await queryRows<{ n: number }>(
      this.deps.db,
      sql`select count(*)::int as n from memories
          where embedding_model is distinct from ${model}${userId === undefined ? sql`` : sql` and user_id = ${userId}`}`,
    );
    return row?.n ?? 0;
  }

  /**
   * Re-embeds every row whose vector is missing or from another model, in batches, oldest id first.
   * Interrupting loses at most one batch; running again picks up only rows that still need work.
   */
  async reindex(
    options: { userId?: number; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<{ model: string; total: number; embedded: number }> {
    const model = await this.deps.embeddings.model();
    const total = await this.pendingCount(options.userId);
    const batchSize = options.batchSize ?? Math.max(this.deps.batchSize, 64);
    const userFilter = options.userId === undefined ? sql`` : sql` and user_id = ${options.userId}`;
    let embedded = 0;
    let afterId = 0;
    options.onProgress?.(0, total);
    for (;;) {
      const rows = await queryRows<{ id: number; user_id: number; text: string }>(
        this.deps.db,
        sql`select id, user_id, text from memories
            where id > ${afterId} and embedding_model is distinct from ${model}${userFilter}
            order by id limit ${batchSize}`,
      );
      if (rows.length === 0) break;
      const { model: used, vectors } = await this.deps.embeddings.embed(rows.map((r) => r.text));
      const byUser = new Map<number, { id: number; vector: Float32Array }[]>();
      rows.forEach((r, i) => {
        const list = byUser.get(Number(r.user_id)) ?? [];
        list.push({ id: Number(r.id), vector: vectors[i] });
        byUser.set(Number(r.user_id), list);
      });
      const { meaning } = await this.deps.embeddings.embedder();
      for (const [userId, list] of byUser)
        await this.deps.vectors.upsertEmbeddings(userId, used, list, undefined, meaning);
      embedded += rows.length;
      afterId = Number(rows[rows.length - 1].id);
      options.onProgress?.(Math.min(embedded, total), total);
    }
    return { model, total, embedded };
  }

  async list(
    userId: number,
    options: { limit?: number; offset?: number; kind?: MemoryKind } = {},
  ): Promise<{ items: MemoryView[]; total: number; limit: number; offset: number }> {
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    const offset = options.offset ?? 0;
    const where = and(eq(memories.userId, userId), options.kind ? eq(memories.kind, options.kind) : undefined);
    const [rows, [{ total }], model] = await Promise.all([
      this.deps.db
        .select(columns)
        .from(memories)
        .where(where)
        .orderBy(desc(memories.createdAt), desc(memories.id))
        .limit(limit)
        .offset(offset),
      this.deps.db.select({ total: count() }).from(memories).where(where),
      this.currentModel(),
    ]);
    return { items: rows.map((r) => view(r, model)), total: Number(total), limit, offset };
  }

  async get(userId: number, id: number): Promise<MemoryView> {
    const [row] = await this.deps.db
      .select(columns)
      .from(memories)
      .where(and(eq(memories.userId, userId), eq(memories.id, id)));
    if (!row) throw new NotFoundError(`No memory ${id}.`);
    return view(row, await this.currentModel());
  }

  /** Deletes one memory of the user; another user's id is "not found", as if it did not exist. */
  async forget(userId: number, id: number): Promise<void> {
    const deleted = await this.deps.db
      .delete(memories)
      .where(and(eq(memories.userId, userId), eq(memories.id, id)))
      .returning({ id: memories.id });
    if (deleted.length === 0) throw new NotFoundError(`No memory ${id}.`);
  }

  /** Deletes every memory of the user; returns how many. Conversations and messages stay. */
  async forgetAll(userId: number): Promise<number> {
    const deleted = await this.deps.db
      .delete(memories)
      .where(eq(memories.userId, userId))
      .returning({ id: memories.id });
    return deleted.length;
  }

  // ---------------------------------------------------------------- conversations
  async createConversation(userId: number, title = "", db: Queryable = this.deps.db) {
    const now = this.deps.clock.now();
    const [created] = await db
      .insert(conversations)
      .values({ userId, title: title.trim().slice(0, 200), createdAt: now, updatedAt: now })
      .returning();
    return created;
  }

  /** The user's conversations, most recently active first; dates as ISO strings. */
  async listConversations(userId: number, options: { limit?: number; offset?: number } = {}) {
    const rows = await this.deps.db
      .select({
        id: conversations.id,
        title: conversations.title,
        createdAt: conversations.createdAt,
        updatedAt: conversations.updatedAt,
      })
      .from(conversations)
      .where(eq(conversations.userId, userId))
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(options.limit ?? DEFAULT_PAGE_SIZE)
      .offset(options.offset ?? 0);
    return rows.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() }));
  }

  /** The conversation's messages, oldest first (the last `limit` of them); dates as ISO strings. */
  async messages(userId: number, conversationId: number, options: { limit?: number } = {}) {
    await this.requireConversation(userId, conversationId);
    const rows = await this.deps.db
      .select({
        id: messages.id,
        conversationId: messages.conversationId,
        role: messages.role,
        content: messages.content,
        metadata: messages.metadata,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(and(eq(messages.userId, userId), eq(messages.conversationId, conversationId)))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(options.limit ?? DEFAULT_MESSAGES_SHOWN);
    return rows.reverse().map((m) => ({
      ...m,
      metadata: (m.metadata ?? {}) as Record<string, unknown>,
      createdAt: m.createdAt.toISOString(),
    }));
  }

  /**
   * Appends a message; a user message becomes a `message` memory and an assistant answer an `answer`
   * memory (tiny ones such as "ok thanks" are not remembered).
   */
  async appendMessage(
    userId: number,
    conversationId: number,
    input: { role: "user" | "assistant" | "system" | "tool"; content: string; metadata?: Record<string, unknown> },
    embed: EmbedMode = "background",
  ) {
    await this.requireConversation(userId, conversationId);
    const now = this.deps.clock.now();
    const [message] = await this.deps.db
      .insert(messages)
      .values({
        conversationId,
        userId,
        role: input.role,
        content: input.content,
        metadata: input.metadata ?? {},
        createdAt: now,
      })
      .returning();
    await this.deps.db
      .update(conversations)
      .set({ updatedAt: now })
      .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)));
    let remembered: RememberResult = { created: [], duplicates: 0 };
    const words = input.content.trim().split(/\s+/).filter(Boolean).length;
    if ((input.role === "user" || input.role === "assistant") && words >= MIN_MESSAGE_WORDS) {
      remembered = await this.remember(
        userId,
        {
          text: input.content,
          kind: input.role === "user" ? "message" : "answer",
          source: input.role === "user" ? "conversation" : "mentor",
          conversationId,
          messageId: message.id,
          createdAt: now,
        },
        embed,
      );
    }
    return { message, memories: remembered.created };
  }

  private async requireConversation(userId: number, conversationId: number): Promise<void> {
    const [row] = await this.deps.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)));
    if (!row) throw new NotFoundError(`No conversation ${conversationId}.`);
  }

  private async currentModel(): Promise<string | undefined> {
    try {
      return await this.deps.embeddings.model();
    } catch {
      return undefined;
    }
  }
}
