// What a memory search answers with outside this layer (the REST route, the search_memory tool, the CLI):
// the RAG engine's hits with their dates as ISO strings (src/memory/contract.ts's `memorySearchView`).
// The engine keeps `Date`s inside, where recency and time ranges are computed.
import type { MemorySearchView } from "./contract.js";
import type { MemoryHit, MemorySearchResult } from "./rag-engine.js";

export function memoryHitView(hit: MemoryHit): MemorySearchView["hits"][number] {
  return {
    id: hit.id,
    externalId: hit.externalId,
    text: hit.text,
    kind: hit.kind,
    createdAt: hit.createdAt.toISOString(),
    importance: hit.importance,
    conversationId: hit.conversationId,
    score: hit.score,
    similarity: hit.similarity,
    matchedBy: hit.matchedBy,
    ...(hit.weak ? { weak: true } : {}),
  };
}

export function memorySearchView(result: MemorySearchResult): MemorySearchView {
  return {
    hits: result.hits.map(memoryHitView),
    ...(result.timeRange
      ? {
          timeRange: {
            from: result.timeRange.from.toISOString(),
            to: result.timeRange.to.toISOString(),
            matched: result.timeRange.matched,
          },
        }
      : {}),
    model: result.model,
  };
}
