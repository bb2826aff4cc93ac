// Limits every transport (HTTP routes, MCP tools, CLI) applies to what a user sends, written once:
// record ids fit PostgreSQL's int4, and no text carries U+0000, which PostgreSQL cannot store.
import { z } from "zod";

/** The largest value of PostgreSQL's `integer` (int4), the type of every serial id. */
export const MAX_INT4 = 2_147_483_647;

const ID_MESSAGE = `must be a whole number from 1 to ${MAX_INT4}`;

/** A record id in a JSON body or tool argument. */
export const recordId = z
  .number({ message: ID_MESSAGE })
  .int({ message: ID_MESSAGE })
  .min(1, { message: ID_MESSAGE })
  .max(MAX_INT4, { message: ID_MESSAGE });

/** A record id in a URL path or query string (text, coerced). */
export const recordIdParam = z.coerce
  .number({ message: ID_MESSAGE })
  .int({ message: ID_MESSAGE })
  .min(1, { message: ID_MESSAGE })
  .max(MAX_INT4, { message: ID_MESSAGE });

/** `{ id }` path parameters. */
export const recordIdParams = z.object({ id: recordIdParam }).strict();

/** Whether a path segment or argument written as digits names a storable id. */
export function isRecordIdText(text: string): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_INT4;
}

export const NUL_MESSAGE = "contains a NUL character (U+0000), which cannot be stored; remove it";

/**
 * The path (`body.notes`, `querystring.q`, `arguments.items.0.text`) of the first string — value or
 * key — that contains U+0000, or undefined when there is none. Depth-bounded: request bodies are
 * parsed JSON, so they hold no cycles, and the bound keeps a hostile nesting from costing much.
 */
export function findNulCharacter(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (value === null || typeof value !== "object" || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes("\u0000")) return `${path}.${key.replaceAll("\u0000", "\\u0000")}`;
    const found = findNulCharacter(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
