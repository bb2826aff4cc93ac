CREATE INDEX "memories_message_idx" ON "memories" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "memories_conversation_idx" ON "memories" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "review_logs_attempt_idx" ON "review_logs" USING btree ("attempt_id");