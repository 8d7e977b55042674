DROP INDEX "assessments_updated_idx";--> statement-breakpoint
DROP INDEX "assessments_next_review_idx";--> statement-breakpoint
DROP INDEX "assessments_status_idx";--> statement-breakpoint
DROP INDEX "assessments_special_category_idx";--> statement-breakpoint
DROP INDEX "assessments_children_idx";--> statement-breakpoint
DROP INDEX "assessments_search_idx";--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "assessments_updated_idx" ON "assessments" USING btree ("updated_at" DESC NULLS FIRST,"slug" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "assessments_next_review_idx" ON "assessments" USING btree (coalesce("next_review", '9999-12-31'),"slug");--> statement-breakpoint
CREATE INDEX "assessments_status_idx" ON "assessments" USING btree ("status","updated_at" DESC NULLS FIRST,"slug" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "assessments_special_category_idx" ON "assessments" USING btree ("special_category","updated_at" DESC NULLS FIRST,"slug" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "assessments_children_idx" ON "assessments" USING btree ("children","updated_at" DESC NULLS FIRST,"slug" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "assessments_search_idx" ON "assessments" USING gin ("search_vector");--> statement-breakpoint
-- The register's totals, kept by the database on every write, so that a register page does
-- not count its filter's rows: the whole register, and each single filter the register offers
-- with an exact value (an outcome, a state, a basis, special-category data, children). Not a
-- table of schema.ts: it is derived from the assessments, so backups leave it out and a
-- restore rebuilds it as it inserts the rows.
CREATE TABLE "register_totals" (
  "key" text PRIMARY KEY NOT NULL,
  "n" bigint NOT NULL
);--> statement-breakpoint
CREATE FUNCTION "register_total_keys"(outcome text, status text, bases text[], special boolean, children boolean)
RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT ''
  UNION ALL SELECT 'outcome:' || outcome
  UNION ALL SELECT 'status:' || status
  UNION ALL SELECT DISTINCT 'basis:' || b FROM unnest(bases) AS b
  UNION ALL SELECT 'specialCategory:' || special
  UNION ALL SELECT 'children:' || children
$$;--> statement-breakpoint
-- What a statement adds to each total (its new rows) and takes away (its old rows).
CREATE FUNCTION "register_total_changes"(added assessments[], removed assessments[])
RETURNS TABLE (key text, n bigint) LANGUAGE sql STABLE AS $$
  SELECT key, sum(n)::bigint FROM (
    SELECT k AS key, 1 AS n FROM unnest(added) AS r,
      register_total_keys(r.outcome, r.status, r.bases, r.special_category, r.children) AS k
    UNION ALL
    SELECT k, -1 FROM unnest(removed) AS r,
      register_total_keys(r.outcome, r.status, r.bases, r.special_category, r.children) AS k
  ) AS c GROUP BY key HAVING sum(n) <> 0
$$;--> statement-breakpoint
-- Only the totals a statement changes are written (most updates change none). The audit
-- trail's head is locked first, as every audited write locks it before it commits, so that
-- writers take the two in one order.
CREATE FUNCTION "register_totals_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added assessments[] := '{}';
  removed assessments[] := '{}';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM register_totals;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(array_agg(r), '{}') INTO added FROM new_rows AS r;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(r), '{}') INTO removed FROM old_rows AS r;
  END IF;
  IF EXISTS (SELECT 1 FROM register_total_changes(added, removed)) THEN
    PERFORM 1 FROM settings WHERE settings.key = 'audit_head' FOR UPDATE;
    INSERT INTO register_totals (key, n)
    SELECT c.key, c.n FROM register_total_changes(added, removed) AS c
    ON CONFLICT (key) DO UPDATE SET n = register_totals.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "register_totals_insert" AFTER INSERT ON "assessments"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_totals_apply();--> statement-breakpoint
CREATE TRIGGER "register_totals_update" AFTER UPDATE ON "assessments"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_totals_apply();--> statement-breakpoint
CREATE TRIGGER "register_totals_delete" AFTER DELETE ON "assessments"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION register_totals_apply();--> statement-breakpoint
CREATE TRIGGER "register_totals_truncate" AFTER TRUNCATE ON "assessments"
  FOR EACH STATEMENT EXECUTE FUNCTION register_totals_apply();--> statement-breakpoint
INSERT INTO "register_totals" ("key", "n")
SELECT k, count(*) FROM "assessments" AS r,
  register_total_keys(r.outcome, r.status, r.bases, r.special_category, r.children) AS k
GROUP BY k;
