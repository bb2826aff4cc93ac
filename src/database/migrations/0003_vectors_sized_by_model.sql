-- Vectors sized by their model: the column takes any size (384 MiniLM, 512 USE-lite, 1536/3072 OpenAI-compatible)
-- and each model gets its own partial HNSW index on `(embedding::vector(N))` WHERE embedding_model = '<model>'
-- (VectorStore.ensureIndex creates it when a model is first used; this migration makes the ones existing rows need).
-- No row is lost: the values keep their 384 dimensions, only the column's type modifier goes.
DROP INDEX IF EXISTS "memories_embedding_hnsw_idx";--> statement-breakpoint
ALTER TABLE "memories" ALTER COLUMN "embedding" TYPE vector;--> statement-breakpoint
-- Vectors from an OpenAI-compatible endpoint were requested at a fixed 384 dimensions; the model id now names
-- the size when one is requested (EMBEDDING_DIMENSIONS), so these rows become "openai:<model>@384".
UPDATE "memories" SET "embedding_model" = "embedding_model" || '@384'
  WHERE "embedding_model" LIKE 'openai:%' AND "embedding_model" NOT LIKE '%@%';--> statement-breakpoint
DO $$
DECLARE m text;
BEGIN
  FOR m IN SELECT DISTINCT "embedding_model" FROM "memories" WHERE "embedding_model" IS NOT NULL LOOP
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON "memories" USING hnsw (("embedding"::vector(384)) vector_cosine_ops) WHERE "embedding_model" = %L',
      'memories_embedding_' || left(md5(m), 12) || '_hnsw', m);
  END LOOP;
END $$;
