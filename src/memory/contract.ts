// The memory use cases' contract: what remembering, searching and listing accept, written once for
// POST /api/memories, GET /api/memories/search, the `remember` / `search_memory` tools and the CLI.
// (The two transports used to disagree: the tool capped text at 10,000 characters, the route at 100,000.)
import { z } from "zod";
import { MEMORY_KINDS } from "../config/constants.js";

/** Long text is chunked before embedding, so one memory may be a whole page of notes; past this, split it. */
export const MAX_MEMORY_CHARS = 100_000;
/** A question, not a document: longer queries only dilute the embedding. */
export const MAX_MEMORY_QUERY_CHARS = 1000;

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
export const memoryKindSchema = z.enum(MEMORY_KINDS);

/** What `remember` (tool) and POST /api/memories share; the route adds `createdAt` and the `message` kind. */
export const rememberInput = z
  .object({
    text: memoryTextSchema,
    kind: z.enum(REMEMBERED_KINDS).optional().describe("note (default) or fact"),
    importance: memoryImportanceSchema.optional(),
  })
  .strict();
