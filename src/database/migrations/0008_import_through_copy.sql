-- The legacy import writes chat messages with COPY (decision 0015): an imported message carries its
-- legacy identity, so a unique key on messages replaces the one import_records row per message, and a
-- flag marks the messages whose memory the `import-memories` job still has to write.
ALTER TABLE "messages" ADD COLUMN "import_source" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "import_key" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "memory_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- messages imported before this migration keep their identity: a second run still imports nothing
UPDATE "messages" AS m SET "import_source" = r."source_db" || '/conversation_history', "import_key" = r."source_key"
  FROM "import_records" AS r
 WHERE r."source_table" = 'conversation_history' AND r."target_table" = 'messages' AND r."target_id" = m."id"::text;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_import_uq" ON "messages" USING btree ("import_source","import_key") WHERE "import_source" IS NOT NULL;
