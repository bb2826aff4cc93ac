// Reading the old platform's loosely typed SQLite values into what the new schema expects.
import { createHash } from "node:crypto";
import type { SqlValue } from "sql.js";

/** SQLite `datetime('now')` and CURRENT_TIMESTAMP are UTC without a zone; Python wrote ISO strings. */
export function legacyDate(value: SqlValue | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return new Date(value > 1e11 ? value : value * 1000);
  const text = String(value).trim();
  const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)
    ? `${text.replace(" ", "T").replace(/(\.\d{3})\d+$/, "$1")}Z`
    : /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? `${text}T00:00:00Z`
      : text;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Text without U+0000. PostgreSQL text and jsonb cannot hold it, while the old platform's SQLite stored
 * whatever Python gave it (a pasted binary, a C string's terminator). The character carries no meaning in
 * the text around it, so it is dropped rather than failing the row's whole batch (decision 0019).
 */
export function withoutNul(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}

export function str(value: SqlValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  // strings come without NUL from the source (sqlite-source.ts); a blob is decoded here
  const text =
    value instanceof Uint8Array ? withoutNul(Buffer.from(value).toString("utf8")).trim() : String(value).trim();
  return text === "" ? null : text;
}

/** `value` with U+0000 dropped from every string and key in it (a parsed JSON value). */
function jsonWithoutNul(value: unknown): unknown {
  if (typeof value === "string") return withoutNul(value);
  if (Array.isArray(value)) return value.map(jsonWithoutNul);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), jsonWithoutNul(v)]));
  return value;
}

export function num(value: SqlValue | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function truthy(value: SqlValue | undefined): boolean {
  return value === 1 || value === "1" || value === "true" || value === "TRUE";
}

export function jsonValue(value: SqlValue | undefined): unknown {
  const text = str(value);
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    // the escape \u0000 in the JSON text becomes the character itself, which jsonb refuses
    return text.includes("\\u0000") ? jsonWithoutNul(parsed) : parsed;
  } catch {
    return text;
  }
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function difficultyOf(value: SqlValue | undefined): "easy" | "medium" | "hard" | null {
  const text = str(value)?.toLowerCase();
  if (text === "easy" || text === "beginner") return "easy";
  if (text === "medium" || text === "intermediate") return "medium";
  if (text === "hard" || text === "advanced") return "hard";
  return null;
}

/** The memory store's dedup key: sha256 of the trimmed, whitespace-collapsed, lower-cased text. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text.trim().replace(/\s+/g, " ").toLowerCase()).digest("hex");
}

/** "google_sde" → company google, role sde; "Amazon SDE II" → company Amazon, role SDE II. */
export function companyAndRole(value: SqlValue | undefined): { company: string | null; role: string | null } {
  const text = str(value);
  if (!text) return { company: null, role: null };
  const [company, ...rest] = text.split(/[_\s]+/);
  return { company: company || null, role: rest.join(" ") || null };
}
