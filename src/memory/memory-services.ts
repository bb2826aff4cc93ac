// The memory objects, built together because they share one embedder and one vector store.
import type { Cache } from "../cache/cache.js";
import type { Clock } from "../config/clock.js";
import type { Database } from "../config/database.js";
import type { Logger } from "../config/logger.js";
import type { Settings } from "../config/settings.js";
import type { JobQueue } from "../jobs/queue.js";
import { type Embedder, EmbeddingService } from "./embedding-service.js";
import { MemoryManager } from "./memory-manager.js";
import { RagEngine } from "./rag-engine.js";
import { VectorStore } from "./vector-store.js";

export interface MemoryServices {
  embeddings: EmbeddingService;
  vectors: VectorStore;
  manager: MemoryManager;
  rag: RagEngine;
}

export function createMemoryServices(deps: {
  settings: Settings;
  logger: Logger;
  clock: Clock;
  db: Database;
  cache: Cache;
  jobs: JobQueue;
  /** a ready embedder instead of the one settings choose (tests, benchmarks) */
  embedder?: Embedder;
}): MemoryServices {
  const embeddings = new EmbeddingService({
    settings: deps.settings,
    logger: deps.logger,
    cache: deps.cache,
    embedder: deps.embedder,
  });
  const vectors = new VectorStore(deps);
  const manager = new MemoryManager({
    db: deps.db,
    jobs: deps.jobs,
    embeddings,
    vectors,
    clock: deps.clock,
    logger: deps.logger,
    batchSize: deps.settings.embedding.batchSize,
  });
  const rag = new RagEngine({
    db: deps.db,
    embeddings,
    vectors,
    clock: deps.clock,
    settings: deps.settings,
    logger: deps.logger,
  });
  return { embeddings, vectors, manager, rag };
}
