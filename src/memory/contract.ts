// The memory use cases' contract: what remembering, searching and listing accept and return, written once
// for POST /api/memories, GET /api/memories/search, the `remember` / `search_memory` tools and the CLI.
// (The two transports used to disagree: the tool capped text at 10,000 characters, the route at 100,000.)
import { z } from "zod";
import { MEMORY_KINDS } from "../config/constants.js";
import { MAX_PAGE_SIZE, pageOf, pageRequest } from "../services/shared/pagination.js";
import { instantSchema } from "../services/tracking/contract.js";

/** Long text is chunked before embedding, so one memory may be a whole page of notes; past this, split it. */
export const MAX_MEMORY_CHARS = 100_000;
/** A question, not a document: longer queries only dilute the embedding. */
export const MAX_MEMORY_QUERY_CHARS = 1000;

/** Hits a search returns when the caller does not say (the route, the search_memory tool, the CLI). */
export const DEFAULT_SEARCH_HITS = 10;
/** A search's hits are one page: the shared page-size maximum. */
export const MAX_SEARCH_HITS = MAX_PAGE_SIZE;

/** A conversation's last messages shown at once, when the caller does not say. */
export const DEFAULT_MESSAGES_SHOWN = 100;

/** Kinds a user writes themselves; `answer` and `summary` come from the mentor. */
export const USER_MEMORY_KINDS = ["note", "fact", "message"] as const;
/** Kinds the mentor stores with the `remember` tool. */
export const REMEMBERED_KINDS = ["note", "fact"] as const;

export const memoryTextSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(MAX_MEMORY_CHARS, `is too long (at most ${MAX_MEMORY_CHARS} characters; split the text)`);
export const memoryImportanceSchema = z.number().min(0).max(1).describe("0..1, default by kind");
export const memoryQuerySchema = z
  .string()
  .trim()
  .min(1, "is required: what to look for")
  .max(MAX_MEMORY_QUERY_CHARS, `is too long (at most ${MAX_MEMORY_QUERY_CHARS} characters)`);
export const memoryKindSchema = z.enum(MEMORY_KINDS, { error: `must be one of ${MEMORY_KINDS.join(", ")}` });
/** The kinds a user writes through POST /api/memories and `maang memory add`. */
export const userMemoryKindSchema = z
  .enum(USER_MEMORY_KINDS, { error: `must be one of ${USER_MEMORY_KINDS.join(", ")}` })
  .describe("note (default), fact or message");

/** What `remember` (tool) and POST /api/memories share; the route adds `createdAt` and the `message` kind. */
export const rememberInput = z
  .object({
    text: memoryTextSchema,
    kind: z.enum(REMEMBERED_KINDS).optional().describe("note (default) or fact"),
    importance: memoryImportanceSchema.optional(),
  })
  .strict();

/** POST /api/memories: `remember`'s fields, the user's own `message` kind, and when it was said. */
export const addMemoryInput = z
  .object({
    text: memoryTextSchema,
    kind: userMemoryKindSchema.optional(),
    importance: memoryImportanceSchema.optional(),
    createdAt: instantSchema.optional().describe("when it was said or written; default now"),
  })
  .strict();
/** GET /api/memories/search (`q`); the `search_memory` tool names the query `query` and takes several kinds. */
export const searchMemoryInput = z
  .object({ q: memoryQuerySchema, limit: pageRequest.limit, kind: memoryKindSchema.optional() })
  .strict();
export const searchMemoryToolInput = z
  .object({
    query: memoryQuerySchema,
    limit: pageRequest.limit,
    kinds: z.array(memoryKindSchema).optional().describe("only these kinds of memory"),
  })
  .strict();
export const listMemoriesInput = z.object({ kind: memoryKindSchema.optional(), ...pageRequest }).strict();
export const forgetAllInput = z.object({ confirm: z.enum(["true", "false"]).optional() }).strict();

// ---- outputs (dates as ISO strings) ------------------------------------------------------------------

export const memoryView = z.object({
  id: z.number().int(),
  externalId: z.string().nullable(),
  kind: z.string(),
  text: z.string(),
  source: z.string(),
  importance: z.number(),
  conversationId: z.number().int().nullable(),
  chunkIndex: z.number().int(),
  createdAt: z.string(),
  embedded: z.boolean().describe("has a vector of the current model (searchable by meaning, not only by words)"),
});
export const memoryPage = pageOf(memoryView);
export const rememberView = z.object({
  created: z.array(memoryView),
  duplicates: z.number().int().describe("chunks skipped: the user already has a memory with the same text"),
});

export const memoryHitView = z.object({
  id: z.number().int(),
  externalId: z.string().nullable(),
  text: z.string(),
  kind: z.string(),
  createdAt: z.string(),
  importance: z.number(),
  conversationId: z.number().int().nullable(),
  score: z.number().describe("fused rank score × recency/importance"),
  similarity: z.number().nullable().describe("cosine similarity, when the memory has a vector of the current model"),
  matchedBy: z
    .array(z.enum(["vector", "text", "time", "meaning"]))
    .describe("meaning: the sentence encoder's half of the vector, ranked on its own"),
  weak: z
    .boolean()
    .optional()
    .describe("true when found by meaning alone, below the encoder's floor: possibly related, shown last"),
});
export const timeRangeView = z.object({
  from: z.string(),
  to: z.string(),
  matched: z.string().describe("the time expression read from the question"),
});
export const memorySearchView = z.object({
  hits: z.array(memoryHitView),
  timeRange: timeRangeView.optional(),
  model: z.string().describe("the embedding model the search used"),
});
export const forgetAllView = z.object({ deleted: z.number().int() });

export type MemorySearchView = z.infer<typeof memorySearchView>;
