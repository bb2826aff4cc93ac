// Tools over the user's long-term memory: search it (hybrid retrieval), remember something, forget a memory.
import { z } from "zod";
import { recordId } from "../../config/input-limits.js";
import { rememberInput, searchMemoryToolInput } from "../../memory/contract.js";
import type { MemoryManager } from "../../memory/memory-manager.js";
import type { RagEngine } from "../../memory/rag-engine.js";
import { memorySearchView } from "../../memory/views.js";
import { type AgentTool, defineTool } from "../tools.js";

export interface MemoryToolServices {
  manager: MemoryManager;
  rag: RagEngine;
}

export function memoryTools(services: MemoryToolServices): AgentTool[] {
  const { manager, rag } = services;
  return [
    defineTool({
      name: "search_memory",
      title: "Search memory",
      description:
        'Search what the user said, noted or was told before (hybrid meaning + keyword search, best first). Time words in the query ("last week", "in March") restrict the dates.',
      readOnly: true,
      input: searchMemoryToolInput,
      run: async (actor, { query, limit, kinds }) => {
        const result = memorySearchView(await rag.search(actor, query, { limit, kinds }));
        // a model's context is small: the hit's text, kind, date and score are what it cites
        return {
          memories: result.hits.map((hit) => ({
            id: hit.id,
            kind: hit.kind,
            text: hit.text,
            createdAt: hit.createdAt,
            score: Math.round(hit.score * 1000) / 1000,
            // found by meaning alone, below the encoder's floor: possibly related, not a confident match
            ...(hit.weak ? { weak: true } : {}),
          })),
          ...(result.timeRange ? { timeRange: result.timeRange } : {}),
        };
      },
    }),
    defineTool({
      name: "remember",
      title: "Remember",
      description:
        "Store a note or fact about the user for later (e.g. a goal, a preference, an insight about a problem). Identical text is stored once.",
      readOnly: false,
      input: rememberInput,
      run: async (actor, { text, kind, importance }) => {
        const result = await manager.remember(actor.id, {
          text,
          kind: kind ?? "note",
          importance,
          source: "assistant",
        });
        return {
          remembered: result.created.map((m) => ({ id: m.id, kind: m.kind, createdAt: m.createdAt })),
          duplicates: result.duplicates,
        };
      },
    }),
    defineTool({
      name: "forget_memory",
      title: "Forget a memory",
      description: "Delete one of the user's memories by its id (as shown by search_memory).",
      readOnly: false,
      input: z.object({ id: recordId }).strict(),
      run: async (actor, { id }) => {
        await manager.forget(actor.id, id);
        return { forgotten: id };
      },
    }),
  ];
}
