// Token estimates and chunking. Exact token counts depend on the model's tokenizer; ~4 characters per
// token is the usual estimate for English text and code, close enough for budgets and chunk sizes.
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export interface ChunkOptions {
  /** chunk size in estimated tokens */
  maxTokens?: number;
  /** tokens repeated at the start of the next chunk, so a fact split by a boundary is still whole somewhere */
  overlapTokens?: number;
}

/** Splits into sentences (and lines), keeping the separator with the text before it. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Hard-splits a piece longer than the chunk size at word boundaries. */
function splitLong(piece: string, maxTokens: number): string[] {
  const maxChars = maxTokens * 4;
  const parts: string[] = [];
  let current = "";
  for (const word of piece.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (next.length > maxChars && current) {
      parts.push(current);
      current = word;
    } else current = next;
    while (current.length > maxChars) {
      parts.push(current.slice(0, maxChars));
      current = current.slice(maxChars);
    }
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Text → chunks of at most `maxTokens` (default 500) that end at sentence boundaries where possible, each
 * starting with the last sentences (up to `overlapTokens`, default 50) of the previous one. Short text is
 * one chunk, unchanged apart from surrounding whitespace.
 */
export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const maxTokens = options.maxTokens ?? 500;
  const overlapTokens = Math.min(options.overlapTokens ?? 50, Math.floor(maxTokens / 2));
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (estimateTokens(trimmed) <= maxTokens) return [trimmed];

  const pieces = sentences(trimmed).flatMap((s) => (estimateTokens(s) > maxTokens ? splitLong(s, maxTokens) : [s]));
  const chunks: string[] = [];
  let current: string[] = [];
  const size = (parts: string[]) => estimateTokens(parts.join(" "));
  for (const piece of pieces) {
    if (current.length > 0 && size([...current, piece]) > maxTokens) {
      chunks.push(current.join(" "));
      const overlap: string[] = [];
      for (let i = current.length - 1; i >= 0; i--) {
        if (size([current[i], ...overlap]) > overlapTokens) break;
        overlap.unshift(current[i]);
      }
      current = size([...overlap, piece]) > maxTokens ? [] : overlap;
    }
    current.push(piece);
  }
  if (current.length > 0) chunks.push(current.join(" "));
  return chunks;
}
