/**
 * What the register's pages and page marks must hold, checked against the rows on either
 * backend.
 */
import { type SQL, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { RegisterSort } from "../../src/core/vocabulary.ts";
import { type ListQuery, registerSelection } from "../../src/store/assessments/list-register.ts";
import type { Db } from "../../src/store/db.ts";
import { rowsOf } from "../../src/store/rows.ts";
import { assessments } from "../../src/store/schema.ts";

const SORTS: RegisterSort[] = ["updated", "title", "next-review", "outcome"];

/**
 * Every slug a register view matches, in its sort's order, read at once: what reading each of
 * its pages by offset would give, page after page.
 */
export async function slugsInOrder(db: Db, query: ListQuery): Promise<string[]> {
  const { where, order } = registerSelection(query);
  const rows = await db
    .select({ slug: assessments.slug })
    .from(assessments)
    .where(where)
    .orderBy(...order);
  return rows.map((r) => r.slug);
}

/** A raw query's rows. */
const read = async <T>(db: Db, query: SQL): Promise<T[]> => rowsOf<T>(await db.execute(query));

/**
 * The page marks (migration 0014) hold what the rows say: each run's counts are its rows'
 * counted again, no run holds over 1,000 rows, and none but a sort's first is empty.
 */
export async function expectMarksExact(db: Db) {
  // Each row's run counted apart from the trigger's lookup: marks and rows in one list in the
  // sort's order (a mark before its own row), a row's run being the number of marks before it.
  const recounted = sql.join(
    SORTS.map((sort) => {
      const dir = sql.raw(sort === "updated" ? "desc" : "asc");
      return sql`(with placed as (
          select m.id as mark, m.sort_key as k, m.slug, 0 as kind, null::text as outcome,
            null::text as status, null::text[] as bases, null::boolean as special_category,
            null::boolean as children
          from register_marks m where m.sort = ${sort}
          union all
          select null, register_sort_key(${sort}, r.updated_at, r.title, r.next_review, r.outcome),
            r.slug, 1, r.outcome, r.status, r.bases, r.special_category, r.children
          from assessments r
        ), runs as (
          select *, count(mark) over (order by k ${dir} nulls first, slug ${dir} nulls first, kind
            rows unbounded preceding) as run
          from placed
        )
        select ${sort}::text as sort, m.k as at, m.slug, k.key, count(*)::int as n
        from runs r join runs m on m.kind = 0 and m.run = r.run,
          register_total_keys(r.outcome, r.status, r.bases, r.special_category, r.children) as k(key)
        where r.kind = 1 group by 1, 2, 3, 4)`;
    }),
    sql` union all `,
  );
  const kept = sql`select m.sort, m.sort_key as at, m.slug, c.key, c.n::int as n
    from register_mark_counts c join register_marks m on m.id = c.mark
    where c.n <> 0 order by 1, 2, 3, 4`;
  expect(await read(db, kept)).toEqual(
    await read(db, sql`select * from (${recounted}) as c order by 1, 2, 3, 4`),
  );
  const runs = await read<{ n: number; first: boolean }>(
    db,
    sql`select coalesce(c.n, 0)::int as n, m.sort_key is null as first from register_marks m
      left join register_mark_counts c on c.mark = m.id and c.key = ''`,
  );
  expect(runs.filter((r) => r.n > 1000 || (r.n === 0 && !r.first))).toEqual([]);
  expect(runs.length).toBeGreaterThanOrEqual(4);
  expect(await read(db, sql`select * from register_marks_stale`)).toEqual([]);
}
