-- The practice loop (issue 18): a plan item remembers the attempt that ticked it, so deleting that
-- attempt unticks it; memories made from attempt and problem notes are found again by their source.
ALTER TABLE "plan_items" ADD COLUMN "done_attempt_id" integer REFERENCES "attempts"("id") ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX "plan_items_done_attempt_idx" ON "plan_items" USING btree ("done_attempt_id");--> statement-breakpoint
CREATE INDEX "plan_items_user_problem_idx" ON "plan_items" USING btree ("user_id","problem_id");--> statement-breakpoint
CREATE INDEX "memories_user_source_idx" ON "memories" USING btree ("user_id","source");
