-- A version's document and evaluation (3-10 KB of JSON each, 1-2 KB compressed) stay in the
-- row, compressed, instead of being cut into chunks in the TOAST table with their own index
-- entries: writing a version costs about a quarter less, and reading one needs no detour.
-- Only rows written from now on are stored this way; older ones read as before.
ALTER TABLE "assessment_versions" ALTER COLUMN "document" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "assessment_versions" ALTER COLUMN "evaluation" SET STORAGE MAIN;
