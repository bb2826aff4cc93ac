ALTER TABLE "problems" ADD COLUMN "rating" double precision;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "rating_deviation" double precision;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "rating_source" text;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "rated_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "blind_mode" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD COLUMN "pattern_guess" text;--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD COLUMN "pattern_matched" boolean;--> statement-breakpoint
CREATE TABLE "skill_estimates" (
	"user_id" integer NOT NULL,
	"topic" text NOT NULL,
	"rating" double precision NOT NULL,
	"deviation" double precision NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skill_estimates_user_id_topic_pk" PRIMARY KEY("user_id","topic")
);
--> statement-breakpoint
ALTER TABLE "skill_estimates" ADD CONSTRAINT "skill_estimates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
