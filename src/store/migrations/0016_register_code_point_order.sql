-- The register's sort columns order text by code point (the C collation) on every database, as
-- PGlite's always have: the same order and the same cursors whether a team runs the embedded
-- database or a server whose databases were created with a linguistic collation (en_US, ICU),
-- and an order the server's register index (assessments/register-index.ts) holds in memory.
-- Upper case sorts before lower case, and accented letters after "z", on every database.
ALTER TABLE "assessments"
  ALTER COLUMN "slug" TYPE text COLLATE "C",
  ALTER COLUMN "title" TYPE text COLLATE "C",
  ALTER COLUMN "outcome" TYPE text COLLATE "C",
  ALTER COLUMN "next_review" TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "register_marks"
  ALTER COLUMN "sort_key" TYPE text COLLATE "C",
  ALTER COLUMN "slug" TYPE text COLLATE "C";--> statement-breakpoint
-- The page marks' runs were cut in the database's order; they are cut again in this one.
SELECT register_marks_rebuild();
