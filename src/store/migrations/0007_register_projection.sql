DROP INDEX "assessments_updated_idx";--> statement-breakpoint
DROP INDEX "assessments_outcome_idx";--> statement-breakpoint
DROP INDEX "assessments_next_review_idx";--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "purpose_summary" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "owner" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Backfill the projected columns from each assessment's current version, as
-- src/store/assessments/register-columns.ts computes them on every save.
UPDATE "assessments" AS a SET
  "purpose_summary" = left(coalesce((
    SELECT string_agg(p ->> 'description', '; ' ORDER BY n)
    FROM jsonb_array_elements(v."document" -> 'activity' -> 'purposes') WITH ORDINALITY AS e(p, n)
  ), ''), 300),
  "owner" = v."document" -> 'review' ->> 'owner',
  "search_text" = concat_ws(' ',
    v."document" ->> 'title',
    v."document" -> 'activity' ->> 'name',
    v."document" ->> 'id',
    (SELECT string_agg(p ->> 'description', ' ' ORDER BY n)
      FROM jsonb_array_elements(v."document" -> 'activity' -> 'purposes') WITH ORDINALITY AS e(p, n)),
    (SELECT string_agg(c ->> 'name', ' ' ORDER BY n)
      FROM jsonb_array_elements(v."document" -> 'activity' -> 'dataCategories') WITH ORDINALITY AS e(c, n)),
    (SELECT string_agg(s ->> 'name', ' ' ORDER BY n)
      FROM jsonb_array_elements(v."document" -> 'activity' -> 'dataSubjects') WITH ORDINALITY AS e(s, n)),
    (SELECT string_agg(r, ' ' ORDER BY n)
      FROM jsonb_array_elements_text(coalesce(v."document" -> 'activity' -> 'recipients', '[]'::jsonb)) WITH ORDINALITY AS e(r, n)),
    v."document" -> 'review' ->> 'owner'
  )
FROM "assessment_versions" AS v
WHERE v."assessment_id" = a."id" AND v."version" = a."current_version";--> statement-breakpoint
CREATE INDEX "assessments_status_idx" ON "assessments" USING btree ("status","updated_at" DESC NULLS FIRST,"slug");--> statement-breakpoint
CREATE INDEX "assessments_bases_idx" ON "assessments" USING gin ("bases");--> statement-breakpoint
CREATE INDEX "assessments_special_category_idx" ON "assessments" USING btree ("special_category","updated_at" DESC NULLS FIRST,"slug");--> statement-breakpoint
CREATE INDEX "assessments_children_idx" ON "assessments" USING btree ("children","updated_at" DESC NULLS FIRST,"slug");--> statement-breakpoint
CREATE INDEX "assessments_search_idx" ON "assessments" USING gin (to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE INDEX "assessments_updated_idx" ON "assessments" USING btree ("updated_at" DESC NULLS FIRST,"slug");--> statement-breakpoint
CREATE INDEX "assessments_outcome_idx" ON "assessments" USING btree ("outcome","slug");--> statement-breakpoint
CREATE INDEX "assessments_next_review_idx" ON "assessments" USING btree ("next_review","slug");