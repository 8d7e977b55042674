DROP INDEX "assessments_updated_idx";--> statement-breakpoint
DROP INDEX "assessments_title_idx";--> statement-breakpoint
DROP INDEX "assessments_outcome_idx";--> statement-breakpoint
DROP INDEX "assessments_next_review_idx";--> statement-breakpoint
CREATE INDEX "assessments_updated_idx" ON "assessments" USING btree ("updated_at" DESC NULLS FIRST,"slug" DESC NULLS FIRST,"status","outcome","special_category","children","next_review","bases");--> statement-breakpoint
CREATE INDEX "assessments_title_idx" ON "assessments" USING btree ("title","slug","status","outcome","special_category","children","next_review","bases");--> statement-breakpoint
CREATE INDEX "assessments_outcome_idx" ON "assessments" USING btree ("outcome","slug","status","special_category","children","next_review","bases");--> statement-breakpoint
CREATE INDEX "assessments_next_review_idx" ON "assessments" USING btree (coalesce("next_review", '9999-12-31'),"slug","status","outcome","special_category","children","next_review","bases");