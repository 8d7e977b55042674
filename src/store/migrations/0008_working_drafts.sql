-- One working draft per assessment: autosave writes here, a version is saved from it with a note.
CREATE TABLE "working_drafts" (
	"assessment_id" uuid PRIMARY KEY NOT NULL,
	"base_version" integer NOT NULL,
	"revision" integer NOT NULL,
	"document" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "working_drafts" ADD CONSTRAINT "working_drafts_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;