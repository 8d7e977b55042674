-- The two GIN indexes merge their pending list at 512 kB instead of PostgreSQL's 4 MB, so the
-- write that fills it holds the database for tens of milliseconds, not hundreds (PGlite runs
-- no autovacuum to merge it in the background). A storage parameter: no rebuild.
ALTER INDEX "assessments_bases_idx" SET (gin_pending_list_limit = 512);--> statement-breakpoint
ALTER INDEX "assessments_search_idx" SET (gin_pending_list_limit = 512);
