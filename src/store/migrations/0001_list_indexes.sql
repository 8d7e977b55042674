DROP INDEX "assessments_updated_idx";--> statement-breakpoint
CREATE INDEX "assessments_title_idx" ON "assessments" USING btree ("title","slug");--> statement-breakpoint
CREATE INDEX "assessments_updated_idx" ON "assessments" USING btree ("updated_at","slug");