-- A page by number finds its mark from the counts of one filter (one key) over the marks of one
-- sort (list-register.ts). The counts' primary key leads with the mark, so that lookup read
-- every filter's counts and kept one filter's: at 100,000 activities a sequential scan of
-- 5,600 rows to keep 800, the largest part of finding a mark. Led by the key, and holding the
-- count, this index gives one filter's counts alone, without reading the table.
CREATE INDEX "register_mark_counts_key" ON "register_mark_counts" ("key", "mark") INCLUDE ("n");
