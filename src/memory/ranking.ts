// Pure pieces of retrieval: Reciprocal Rank Fusion, the recency/importance rerank and context assembly
// within a token budget. No I/O, so they are unit-tested directly.
import { estimateTokens } from "./text-chunks.js";
import { localDate } from "./time-expressions.js";

/** RRF (Cormack et al. 2009): score(d) = Σ over lists of 1 / (k + rank), rank starting at 1; k = 60 as in the paper. */
export function reciprocalRankFusion<T>(lists: T[][], k = 60, weights?: number[]): Map<T, number> {
  const scores = new Map<T, number>();
  lists.forEach((list, l) => {
    const weight = weights?.[l] ?? 1;
    list.forEach((id, index) => {
      scores.set(id, (scores.get(id) ?? 0) + weight / (k + index + 1));
    });
  });
  return scores;
}

/**
 * A gentle rerank: Generative Agents score recency as 0.995^hours, which halves in six days; memories of
 * interview preparation stay useful for months, so the same curve runs per day here (half-life ≈ 140
 * days) and both factors only nudge the fused relevance by up to ±10 %.
 */
export function rerankFactor(createdAt: Date, importance: number, now: Date): number {
  const days = Math.max(0, (now.getTime() - createdAt.getTime()) / 86_400_000);
  const recency = 0.995 ** days;
  const clampedImportance = Math.min(1, Math.max(0, importance));
  return 1 + 0.1 * recency + 0.1 * (clampedImportance - 0.5);
}

export interface ContextMemory {
  id: number;
  text: string;
  createdAt: Date;
  /** a weak match (meaning alone, below the floor): the line says so, for the mentor to weigh */
  weak?: boolean;
}

export interface AssembledContext<T extends ContextMemory> {
  /** one line per memory: `[m<id> <yyyy-mm-dd>] text` */
  text: string;
  /** the memories that made it into `text`, in order (the mentor cites these) */
  used: T[];
  tokens: number;
}

export function citation(memory: ContextMemory, timeZone: string): string {
  return `m${memory.id} ${localDate(memory.createdAt, timeZone)}`;
}

/**
 * Adds memories in ranking order while they fit in `budgetTokens`; a memory too long for what is left is
 * cut at a word boundary (if at least 40 tokens remain) and assembly stops there.
 */
export function assembleContext<T extends ContextMemory>(
  memories: T[],
  budgetTokens: number,
  timeZone: string,
): AssembledContext<T> {
  const lines: string[] = [];
  const used: T[] = [];
  let tokens = 0;
  for (const memory of memories) {
    const prefix = `[${citation(memory, timeZone)}${memory.weak ? ", weak match" : ""}] `;
    const body = memory.text.replace(/\s+/g, " ").trim();
    const line = prefix + body;
    // +1 for the newline between lines
    const cost = estimateTokens(line) + (lines.length > 0 ? 1 : 0);
    if (tokens + cost <= budgetTokens) {
      lines.push(line);
      used.push(memory);
      tokens += cost;
      continue;
    }
    const remaining = budgetTokens - tokens - (lines.length > 0 ? 1 : 0);
    if (remaining >= 40) {
      const maxChars = remaining * 4 - prefix.length - 1;
      const cut = body.slice(0, maxChars).replace(/\s+\S*$/, "");
      if (cut.length > 0) {
        const truncated = `${prefix}${cut}…`;
        lines.push(truncated);
        used.push(memory);
        tokens += estimateTokens(truncated) + (lines.length > 1 ? 1 : 0);
      }
    }
    break;
  }
  return { text: lines.join("\n"), used, tokens };
}
