-- Page marks: a page by number found whatever its depth. For each register sort the rows are
-- cut into runs of at most 1,000 in that sort's order. A run starts at a mark (the sort key of
-- its first row, as text, and that row's slug), and its rows are counted for the whole register
-- and for each filter whose total is kept (the keys of register_totals). A page at offset o
-- then starts at the last mark with at most o rows of its filter before it, and passes over
-- fewer rows than a run holds, not over the o rows before it (list-register.ts). The statement
-- trigger that keeps the totals keeps the marks too; a run over 1,000 rows is cut into even
-- runs of at most 500, and an empty run is merged into the one before it. Like the totals,
-- the marks are derived from the assessments: backups leave them out and a restore rebuilds
-- them as it inserts the rows.
--
-- The text of a sort key orders as the sort does: titles, outcomes and next-review dates are
-- text in the database's collation, as their indexes are, and an update time is written with
-- fixed width in UTC to the microsecond. The first run of each sort has no mark (sort_key is null).
CREATE TABLE "register_marks" (
  "id" bigserial PRIMARY KEY NOT NULL,
  "sort" text NOT NULL,
  "sort_key" text,
  "slug" text,
  CONSTRAINT "register_marks_whole" CHECK (("sort_key" IS NULL) = ("slug" IS NULL))
);--> statement-breakpoint
CREATE UNIQUE INDEX "register_marks_first" ON "register_marks" ("sort") WHERE "sort_key" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "register_marks_at" ON "register_marks" ("sort", "sort_key", "slug");--> statement-breakpoint
CREATE TABLE "register_mark_counts" (
  "mark" bigint NOT NULL REFERENCES "register_marks" ("id") ON DELETE CASCADE,
  "key" text NOT NULL,
  "n" bigint NOT NULL,
  PRIMARY KEY ("mark", "key")
);--> statement-breakpoint
-- While it holds its row, the marks are not to be trusted: a batched import writes its rows
-- without them and counts them again once at the end (register_marks_rebuild), and a page by
-- number meanwhile passes over the rows before it, as without marks.
CREATE TABLE "register_marks_stale" (
  "one" boolean PRIMARY KEY DEFAULT true CHECK ("one"),
  "since" timestamptz NOT NULL DEFAULT now()
);--> statement-breakpoint
INSERT INTO "register_marks" ("sort")
VALUES ('updated'), ('title'), ('next-review'), ('outcome');--> statement-breakpoint
-- A row's key in a sort, as text (see above).
CREATE FUNCTION "register_sort_key"(sort text, updated_at timestamptz, title text, next_review text, outcome text)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE sort
    WHEN 'updated' THEN to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    WHEN 'title' THEN title
    WHEN 'next-review' THEN coalesce(next_review, '9999-12-31')
    WHEN 'outcome' THEN outcome
  END
$$;--> statement-breakpoint
-- The run a row is in: the last mark at or before it in the sort's order (the update time is
-- the one sort in descending order), or the sort's first run.
CREATE FUNCTION "register_mark_of"(s text, k text, row_slug text)
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
  found bigint;
BEGIN
  IF s = 'updated' THEN
    SELECT m.id INTO found FROM register_marks m
      WHERE m.sort = s AND (m.sort_key, m.slug) >= (k, row_slug)
      ORDER BY m.sort_key, m.slug LIMIT 1;
  ELSE
    SELECT m.id INTO found FROM register_marks m
      WHERE m.sort = s AND (m.sort_key, m.slug) <= (k, row_slug)
      ORDER BY m.sort_key DESC, m.slug DESC LIMIT 1;
  END IF;
  IF found IS NULL THEN
    SELECT m.id INTO found FROM register_marks m WHERE m.sort = s AND m.sort_key IS NULL;
  END IF;
  RETURN found;
END $$;--> statement-breakpoint
-- The first `lim` rows from a mark on (the start when from_key is null) in a sort's order: the rows
-- of its run when `lim` is the run's count. Only what counting needs, read from the sort's
-- covering index.
CREATE FUNCTION "register_run"(s text, from_key text, from_slug text, lim bigint)
RETURNS TABLE (slug text, k text, outcome text, status text, bases text[], special_category boolean, children boolean)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF s = 'updated' THEN
    RETURN QUERY SELECT r.slug, register_sort_key(s, r.updated_at, null, null, null), r.outcome, r.status,
        r.bases, r.special_category, r.children
      FROM assessments r
      WHERE (r.updated_at, r.slug) <= (coalesce(from_key::timestamptz, 'infinity'), coalesce(from_slug, ''))
      ORDER BY r.updated_at DESC, r.slug DESC LIMIT lim;
  ELSIF s = 'title' THEN
    RETURN QUERY SELECT r.slug, r.title, r.outcome, r.status, r.bases, r.special_category, r.children
      FROM assessments r
      WHERE (r.title, r.slug) >= (coalesce(from_key, ''), coalesce(from_slug, ''))
      ORDER BY r.title, r.slug LIMIT lim;
  ELSIF s = 'next-review' THEN
    RETURN QUERY SELECT r.slug, coalesce(r.next_review, '9999-12-31'), r.outcome, r.status, r.bases,
        r.special_category, r.children
      FROM assessments r
      WHERE (coalesce(r.next_review, '9999-12-31'), r.slug) >= (coalesce(from_key, ''), coalesce(from_slug, ''))
      ORDER BY coalesce(r.next_review, '9999-12-31'), r.slug LIMIT lim;
  ELSE
    RETURN QUERY SELECT r.slug, r.outcome, r.outcome, r.status, r.bases, r.special_category, r.children
      FROM assessments r
      WHERE (r.outcome, r.slug) >= (coalesce(from_key, ''), coalesce(from_slug, ''))
      ORDER BY r.outcome, r.slug LIMIT lim;
  END IF;
END $$;--> statement-breakpoint
-- A statement's rows as the marks see them: its new rows +1, its old rows -1.
CREATE FUNCTION "register_changed_rows"(added assessments[], removed assessments[])
RETURNS TABLE (slug text, updated_at timestamptz, title text, next_review text, outcome text,
  status text, bases text[], special_category boolean, children boolean, n integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT r.slug, r.updated_at, r.title, r.next_review, r.outcome, r.status, r.bases,
    r.special_category, r.children, 1
  FROM unnest(added) AS r
  UNION ALL
  SELECT r.slug, r.updated_at, r.title, r.next_review, r.outcome, r.status, r.bases,
    r.special_category, r.children, -1
  FROM unnest(removed) AS r
$$;--> statement-breakpoint
-- The run each changed row is in, in each sort, with +1 for a new row and -1 for an old one.
-- A few rows (a save) are looked up one by one; many (an import's batch, a migration) are
-- placed among the marks in one pass over each sort's order, a row's run being the last mark
-- before it (a mark comes before its own row).
CREATE FUNCTION "register_runs_of"(added assessments[], removed assessments[])
RETURNS TABLE (mark bigint, outcome text, status text, bases text[], special_category boolean, children boolean, n integer)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  IF cardinality(added) + cardinality(removed) <= 64 THEN
    RETURN QUERY
    WITH changed AS (
      SELECT * FROM register_changed_rows(added, removed)
    ), moved AS (
      -- A sort in which a row keeps its key and filters (most, in a save) changes nothing.
      SELECT s.sort, register_sort_key(s.sort, c.updated_at, c.title, c.next_review, c.outcome) AS k,
        c.slug, c.outcome, c.status, c.bases, c.special_category, c.children, sum(c.n)::integer AS n
      FROM changed AS c, (VALUES ('updated'), ('title'), ('next-review'), ('outcome')) AS s(sort)
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(c.n) <> 0
    )
    SELECT register_mark_of(v.sort, v.k, v.slug), v.outcome, v.status, v.bases,
      v.special_category, v.children, v.n
    FROM moved AS v;
  ELSE
    RETURN QUERY
    WITH changed AS (
      SELECT * FROM register_changed_rows(added, removed)
    ), placed AS (
      SELECT s.sort, m.id AS mark, m.sort_key AS k, m.slug, 0 AS kind, null::text AS outcome,
        null::text AS status, null::text[] AS bases, null::boolean AS special_category,
        null::boolean AS children, 0 AS n
      FROM (VALUES ('updated'), ('title'), ('next-review'), ('outcome')) AS s(sort)
      JOIN register_marks AS m ON m.sort = s.sort
      UNION ALL
      SELECT s.sort, null, register_sort_key(s.sort, c.updated_at, c.title, c.next_review, c.outcome),
        c.slug, 1, c.outcome, c.status, c.bases, c.special_category, c.children, c.n
      FROM changed AS c, (VALUES ('updated'), ('title'), ('next-review'), ('outcome')) AS s(sort)
    ), ordered AS (
      SELECT p.*, CASE WHEN p.sort = 'updated'
        THEN row_number() OVER (PARTITION BY p.sort
          ORDER BY p.k DESC NULLS FIRST, p.slug DESC NULLS FIRST, p.kind)
        ELSE row_number() OVER (PARTITION BY p.sort ORDER BY p.k NULLS FIRST, p.slug NULLS FIRST, p.kind)
        END AS pos
      FROM placed AS p
    ), runs AS (
      -- The last mark so far: the greatest [place, mark] of the marks up to here.
      SELECT o.*, (max(CASE WHEN o.kind = 0 THEN ARRAY[o.pos, o.mark] END)
        OVER (PARTITION BY o.sort ORDER BY o.pos ROWS UNBOUNDED PRECEDING))[2] AS run
      FROM ordered AS o
    )
    SELECT r.run, r.outcome, r.status, r.bases, r.special_category, r.children, r.n
    FROM runs AS r
    WHERE r.kind = 1;
  END IF;
END $$;--> statement-breakpoint
-- Cut a run of over 1,000 rows into even runs of at most 500: marks at the first row of each
-- new run, and every run's counts counted again from its rows.
CREATE FUNCTION "register_mark_split"(run bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s text;
  run_key text;
  run_slug text;
  total bigint;
  size bigint;
BEGIN
  SELECT m.sort, m.sort_key, m.slug, c.n INTO s, run_key, run_slug, total
    FROM register_marks m JOIN register_mark_counts c ON c.mark = m.id AND c.key = ''
    WHERE m.id = run;
  IF total IS NULL OR total <= 1000 THEN
    RETURN;
  END IF;
  size := ceil(total::numeric / ceil(total::numeric / 500));
  DELETE FROM register_mark_counts WHERE mark = run;
  -- Counted by piece first, then each piece given its mark: no join of the run with itself.
  WITH cut AS (
    SELECT r.*, (r.ord - 1) / size AS piece, (r.ord - 1) % size = 0 AS head
    FROM register_run(s, run_key, run_slug, total)
      WITH ORDINALITY AS r(slug, k, outcome, status, bases, special_category, children, ord)
  ), counted AS (
    SELECT cut.piece, k.key, count(*) AS n
    FROM cut,
      register_total_keys(cut.outcome, cut.status, cut.bases, cut.special_category, cut.children) AS k(key)
    GROUP BY 1, 2
  ), heads AS (
    SELECT cut.piece, cut.k, cut.slug FROM cut WHERE cut.head AND cut.piece > 0
  ), marks AS (
    INSERT INTO register_marks (sort, sort_key, slug)
    SELECT s, heads.k, heads.slug FROM heads
    RETURNING register_marks.id, register_marks.slug
  )
  INSERT INTO register_mark_counts (mark, key, n)
  SELECT coalesce(marks.id, run), counted.key, counted.n
  FROM counted
  LEFT JOIN heads ON heads.piece = counted.piece
  LEFT JOIN marks ON marks.slug = heads.slug;
END $$;--> statement-breakpoint
-- What a statement's new rows (added) and old rows (removed) change in the runs' counts. The
-- audit trail's head is locked first, as for the totals: on PostgreSQL a second writer then
-- finds its rows' runs only once the first has committed any run it cut.
CREATE FUNCTION "register_marks_change"(added assessments[], removed assessments[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  crowded bigint[];
  emptied bigint[];
  run bigint;
BEGIN
  IF (cardinality(added) = 0 AND cardinality(removed) = 0)
    OR current_setting('basis.register_marks', true) = 'deferred' THEN
    RETURN;
  END IF;
  PERFORM 1 FROM settings WHERE settings.key = 'audit_head' FOR UPDATE;
  WITH changes AS (
    SELECT * FROM register_runs_of(added, removed)
  ), counted AS (
    SELECT c.mark, k.key, sum(c.n)::bigint AS n
    FROM changes AS c,
      register_total_keys(c.outcome, c.status, c.bases, c.special_category, c.children) AS k(key)
    GROUP BY c.mark, k.key HAVING sum(c.n) <> 0
  ), applied AS (
    INSERT INTO register_mark_counts AS t (mark, key, n)
    SELECT counted.mark, counted.key, counted.n FROM counted
    ON CONFLICT (mark, key) DO UPDATE SET n = t.n + excluded.n
    RETURNING t.mark, t.key, t.n
  )
  SELECT array_agg(applied.mark) FILTER (WHERE applied.n > 1000),
    array_agg(applied.mark) FILTER (WHERE applied.n = 0)
  INTO crowded, emptied
  FROM applied WHERE applied.key = '';
  -- An empty run (not a sort's first) goes: its rows' places fall to the run before it.
  IF emptied IS NOT NULL THEN
    DELETE FROM register_marks m WHERE m.id = ANY (emptied) AND m.sort_key IS NOT NULL;
  END IF;
  IF crowded IS NOT NULL THEN
    FOREACH run IN ARRAY crowded LOOP
      PERFORM register_mark_split(run);
    END LOOP;
  END IF;
END $$;--> statement-breakpoint
-- Every run counted again from the rows: each sort's rows all in its first run, then cut.
CREATE FUNCTION "register_marks_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  run bigint;
BEGIN
  PERFORM 1 FROM settings WHERE settings.key = 'audit_head' FOR UPDATE;
  DELETE FROM register_marks WHERE sort_key IS NOT NULL;
  DELETE FROM register_mark_counts;
  INSERT INTO register_mark_counts (mark, key, n)
  SELECT m.id, t.key, t.n
  FROM register_marks AS m,
    (SELECT k.key, count(*) AS n FROM assessments AS r,
      register_total_keys(r.outcome, r.status, r.bases, r.special_category, r.children) AS k(key)
      GROUP BY k.key) AS t
  WHERE m.sort_key IS NULL;
  FOR run IN SELECT m.id FROM register_marks AS m WHERE m.sort_key IS NULL LOOP
    PERFORM register_mark_split(run);
  END LOOP;
  DELETE FROM register_marks_stale;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "register_totals_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added assessments[] := '{}';
  removed assessments[] := '{}';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM register_totals;
    DELETE FROM register_marks WHERE sort_key IS NOT NULL;
    DELETE FROM register_mark_counts;
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
  PERFORM register_marks_change(added, removed);
  RETURN NULL;
END $$;--> statement-breakpoint
-- The rows there already.
SELECT register_marks_rebuild();
