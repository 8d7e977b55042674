/**
 * @module store/assessments/list-register
 * The register query: one page of assessments, filtered, searched and sorted on the register
 * columns of the assessment rows, projected at write time (register-columns.ts), never on the
 * documents. Each sort has an index in its order (ties broken by the slug, in the same
 * direction), each filter has its index, and free-text search uses a full-text index on a
 * stored `simple` tsvector (each word a prefix), so no query shape scans the table or parses
 * text per row (test/register-plans.test.ts checks the plans on both backends).
 *
 * Two ways to a page. By number (`page`, what the web app's page buttons jump to): for the
 * whole register or one filter whose total is kept, the page starts at a page mark
 * (`register_marks`, migration 0014: each sort's rows cut into counted runs of at most 1,000)
 * and passes over less than a run, at any depth; for any other filter it is found on the
 * sort's index reading slugs only (from the end when it lies in the second half and the total
 * is exact). Then only its rows are read. By cursor
 * (`cursor`, which every answer carries for the next and the previous page): keyset
 * pagination, the rows after (or before) the cursor's row in the sort's order, read from the
 * index at that row whatever the depth.
 *
 * Totals are not counted per page. The whole register's and each single filter's are kept by
 * the database on every write (`register_totals`, migration 0009); any other filter (a
 * search, a review date, two filters at once) is counted up to COUNTED rows, and beyond that
 * the planner's estimate is given, marked `totalExact: false`. A cursor carries the total to
 * the pages that follow, so paging on does not count again.
 */
import { and, asc, count, desc, eq, gt, inArray, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { AssessmentSummary } from "../../core/api/assessments.ts";
import { DomainError } from "../../core/errors.ts";
import { LawfulBasis } from "../../core/schema/common.ts";
import {
  OUTCOMES,
  type Outcome,
  REGISTER_SORTS,
  type RegisterSort,
  WORKFLOW_STATES,
  type WorkflowState,
} from "../../core/vocabulary.ts";
import type { StoreDeps } from "../context.ts";
import type { Db } from "../db.ts";
import { runNamed, sqlLiteral } from "../named-statements.ts";
import { assessments } from "../schema.ts";
import { registerTotals } from "./register-totals.ts";

export type { AssessmentSummary };

export interface ListQuery {
  q?: string | undefined;
  outcome?: Outcome | undefined;
  status?: WorkflowState | undefined;
  basis?: string | undefined;
  specialCategory?: boolean | undefined;
  children?: boolean | undefined;
  reviewDueBefore?: string | undefined;
  sort?: RegisterSort | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
  /** A `next` or `prev` cursor of an earlier page (it wins over `page`). */
  cursor?: string | undefined;
}

export interface ListPage {
  items: AssessmentSummary[];
  total: number;
  page: number;
  pageSize: number;
  /** False when `total` is the planner's estimate (more than COUNTED rows match). */
  totalExact: boolean;
  /** How many pages can be asked by number (see NUMBERED_DEPTH); the rest by cursor. */
  numberedPages: number;
  next: string | null;
  prev: string | null;
}

/** The most rows a page-mark run holds once cut (migration 0014 cuts a run past 1,000). */
const RUN = 500;

/** Beyond this many rows a filter's total is estimated, not counted. */
export const COUNTED = 1000;

/**
 * A page by number of a filter whose total is not kept (a search, a review date, filters
 * combined) starts within this many rows: such a total is exact only up to COUNTED, so a
 * page number past it would name a place in an estimate, and reaching it would pass over
 * every row before it. The pages after are reached one at a time by cursor, at any depth.
 */
export const NUMBERED_DEPTH = COUNTED;

/** A search estimated to match more than this many rows is not counted at all. */
const BROAD = 10 * COUNTED;

/** The register columns a list page shows. */
const SUMMARY = {
  id: assessments.id,
  slug: assessments.slug,
  title: assessments.title,
  activityName: assessments.activityName,
  purposeSummary: assessments.purposeSummary,
  owner: assessments.owner,
  status: assessments.status,
  version: assessments.currentVersion,
  bases: assessments.bases,
  outcome: assessments.outcome,
  blockers: assessments.blockers,
  warnings: assessments.warnings,
  nextReview: assessments.nextReview,
  specialCategory: assessments.specialCategory,
  children: assessments.children,
  updatedAt: assessments.updatedAt,
};

/**
 * A register row as one JSON object, built by the database: a page is then one cell that the
 * driver hands to JSON.parse, not a value per column and row for it to parse and map (on
 * PGlite, most of a large page's cost). `updatedAt` as `toISOString` writes it.
 */
function rowJson(sort: RegisterSort): SQL {
  return summaryJson(sql`'sortKey', ${KEYS[sort].text}`);
}

/** A register row's summary as one JSON object, then the pairs `more` adds (see rowJson). */
export function summaryJson(more: SQL): SQL {
  const a = assessments;
  return sql`json_build_object('id', ${a.id}, 'slug', ${a.slug}, 'title', ${a.title},
    'activityName', ${a.activityName}, 'purposeSummary', ${a.purposeSummary},
    'owner', ${a.owner}, 'status', ${a.status}, 'version', ${a.currentVersion},
    'bases', ${a.bases}, 'outcome', ${a.outcome}, 'blockers', ${a.blockers},
    'warnings', ${a.warnings}, 'nextReview', ${a.nextReview},
    'specialCategory', ${a.specialCategory}, 'children', ${a.children},
    'updatedAt', to_char(${a.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    ${more})`;
}

/** The JSON array of the rows whose slugs `slug` gives, in the order `order` gives. */
function pageItems(sort: RegisterSort, slug: SQL, order: SQL): SQL {
  return sql`coalesce(json_agg((select ${rowJson(sort)} from ${assessments}
    where ${assessments.slug} = ${slug}) order by ${order}), '[]'::json)`;
}

/** A page's row as `rowJson` gives it. */
type PageRow = AssessmentSummary & { sortKey: string };

/** A row of a page as `present` takes it: the row, and its sort's key for a cursor. */
export interface FoundRow {
  item: AssessmentSummary;
  sortKey: string;
}

function foundRows(rows: PageRow[]): FoundRow[] {
  return rows.map(({ sortKey, ...item }) => ({ item, sortKey }));
}

/** The date a register row without a next review sorts as: after every real one. */
export const NO_REVIEW = "9999-12-31";

/**
 * Each sort's key, as its index holds it: the sort's column (as text in the cursor), then the
 * slug, both in one direction, so that "after this row" is one row comparison the index
 * answers (`(key, slug) > (v, s)`).
 */
export const KEYS: Record<
  RegisterSort,
  {
    column: SQL;
    text: SQL<string>;
    parse: (v: string) => SQL;
    descending: boolean;
    /**
     * The rows from a mark on in the sort's order (`register_marks`: the key as text and the
     * slug, both null for the sort's first run): one row comparison the sort's index answers.
     */
    from: (key: SQL, slug: SQL) => SQL;
  }
> = {
  updated: {
    column: sql`${assessments.updatedAt}`,
    // Microseconds, as stored: a JavaScript Date would lose them and skip or repeat rows.
    text: sql<string>`to_char(${assessments.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    parse: (v) => sql`${v}::timestamptz`,
    descending: true,
    from: (key, slug) =>
      sql`(${assessments.updatedAt}, ${assessments.slug}) <= (coalesce(${key}::timestamptz, 'infinity'), coalesce(${slug}, ''))`,
  },
  title: {
    column: sql`${assessments.title}`,
    text: sql<string>`${assessments.title}`,
    parse: (v) => sql`${v}`,
    descending: false,
    from: ascendingFrom(sql`${assessments.title}`),
  },
  "next-review": {
    column: sql`coalesce(${assessments.nextReview}, ${sql.raw(`'${NO_REVIEW}'`)})`,
    text: sql<string>`coalesce(${assessments.nextReview}, ${sql.raw(`'${NO_REVIEW}'`)})`,
    parse: (v) => sql`${v}`,
    descending: false,
    from: ascendingFrom(sql`coalesce(${assessments.nextReview}, ${sql.raw(`'${NO_REVIEW}'`)})`),
  },
  outcome: {
    column: sql`${assessments.outcome}`,
    text: sql<string>`${assessments.outcome}`,
    parse: (v) => sql`${v}`,
    descending: false,
    from: ascendingFrom(sql`${assessments.outcome}`),
  },
};

/** See `from` in KEYS: ('', '') is at or before every row. */
function ascendingFrom(column: SQL): (key: SQL, slug: SQL) => SQL {
  return (key, slug) =>
    sql`(${column}, ${assessments.slug}) >= (coalesce(${key}, ''), coalesce(${slug}, ''))`;
}

/** A sort's order (`reverse` reads it backwards, for the page before a cursor). */
function orderOf(sort: RegisterSort, reverse = false): SQL[] {
  const down = KEYS[sort].descending !== reverse;
  const dir = down ? desc : asc;
  return [dir(KEYS[sort].column), dir(assessments.slug)];
}

/** What a cursor holds: the sort, the row to start after, the way, the page and the total. */
const Cursor = z.strictObject({
  sort: z.enum(REGISTER_SORTS),
  key: z.string().max(1000),
  slug: z.string().max(100),
  way: z.enum(["next", "prev"]),
  page: z.number().int().min(1),
  total: z.number().int().min(0),
  exact: z.boolean(),
  filter: z.string().max(2000),
});
export type Cursor = z.infer<typeof Cursor>;

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(text: string): Cursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const r = Cursor.safeParse(value);
  if (!r.success)
    throw new DomainError(
      "validation_failed",
      "invalid query: cursor: not a cursor of this register",
      {
        issues: [{ path: "query.cursor", message: "not a cursor of this register" }],
      },
    );
  return r.data;
}

export type Filter = Omit<ListQuery, "sort" | "page" | "pageSize">;

/** The register's filter, search and sort without paging: what an export of the view takes. */
export type RegisterSelection = Omit<ListQuery, "page" | "pageSize" | "cursor">;

/** The condition and order of a register view, for queries that read all of its rows. */
export function registerSelection(query: RegisterSelection): {
  where: SQL | undefined;
  order: SQL[];
} {
  const { filter, sort } = normalise(query);
  return { where: whereOf(filter), order: orderOf(sort) };
}

/**
 * The two queries of a register page, unexecuted (the plans test explains them): the page's
 * rows (one more than the page, to know whether a next page exists), and the number of rows
 * the filter matches.
 */
export function registerQueries(db: Db, query: ListQuery, total?: number) {
  const { filter, sort, page, pageSize, cursor } = normalise(query);
  const key = totalKey(filter);
  // A kept filter's statements carry its value in their text (see whereOf), and are named.
  const literal = key !== undefined && inVocabulary(filter);
  const condition = whereOf(filter, literal);
  const select = { ...SUMMARY, sortKey: KEYS[sort].text };
  const offset = (page - 1) * pageSize;
  // A page in the second half of a register whose exact total is known is found from the end
  // (the sort read backwards), so no page passes over more than half of the rows.
  const fromEnd = !cursor && total !== undefined && offset < total && offset > total / 2;
  const pageSlugs = db
    .select({ slug: assessments.slug })
    .from(assessments)
    .where(condition)
    .orderBy(...orderOf(sort, fromEnd))
    .limit(fromEnd ? Math.min(pageSize, total - offset) : pageSize + 1)
    .offset(fromEnd ? Math.max(total - offset - pageSize, 0) : offset);
  const rows = cursor
    ? keysetRows(db, select, condition, sort, pageSize, cursor)
    : db
        .select(select)
        .from(assessments)
        // The page is found on the sort's index, reading slugs only; then only its rows.
        .where(inArray(assessments.slug, pageSlugs))
        .orderBy(...orderOf(sort));
  // The same rows as one JSON array (rowJson), in the same order: what a page reads.
  const order = cursor ? orderOf(sort, cursor.way !== "next") : orderOf(sort);
  const slugs = cursor
    ? db
        .select({ slug: assessments.slug })
        .from(assessments)
        .where(and(condition, keysetPast(sort, cursor)))
        .orderBy(...order)
        .limit(pageSize + 1)
    : pageSlugs;
  // Each row read by its slug, in the order the slugs were read (backwards from the end: the
  // page's order is theirs reversed). No join for a planner to choose: a plan kept for a
  // named statement, made without knowing the page's length, reads the same way.
  const items = db
    .select({
      items: sql<
        PageRow[]
      >`${pageItems(sort, sql`s.slug`, sql`s.ord ${sql.raw(fromEnd ? "desc" : "asc")}`)}`.as(
        "items",
      ),
    })
    .from(sql`unnest(array(${slugs})) with ordinality as s(slug, ord)`);
  return {
    /**
     * A page by number of a filter whose total the database keeps, in one statement (one
     * snapshot): the kept total, and the page's JSON items read from the page mark it falls
     * after (see pageWithTotal). Undefined for other pages.
     */
    withTotal:
      key === undefined || cursor || !literal
        ? undefined
        : pageWithTotal(condition, sort, offset, pageSize, key),
    rows,
    /** The page's rows (as `rows` reads them) in one JSON value: what listRegister reads. */
    items,
    /** Whether the page was read from the end (its rows hold no extra one past the page). */
    fromEnd,
    /**
     * Whether `items` is a statement whose text decides its plan (named-statements.ts): a
     * page after or before a cursor of a kept filter, whose value is in the text. A search, a
     * review date or filters combined need a plan made for their values, and are named only
     * where each call is planned (PGlite).
     */
    named: cursor !== undefined && literal,
    /** The kept total of the filter, when it is one the database keeps. */
    kept:
      key === undefined
        ? undefined
        : db
            .select({ n: registerTotals.n })
            .from(registerTotals)
            .where(eq(registerTotals.key, key)),
    /** The rows the filter matches, counted up to one more than COUNTED. */
    counted: db.select({ n: count() }).from(
      db
        .select({ one: sql`1` })
        .from(assessments)
        .where(condition)
        .limit(COUNTED + 1)
        .as("matching"),
    ),
    /** Whether the filter holds a search (its estimate is asked before it is counted). */
    searched: filter.q !== undefined,
    /** The planner's estimate of the same (asked only when there are more than COUNTED). */
    estimate: sql`explain (format json) select 1 from ${assessments} where ${condition ?? sql`true`}`,
  };
}

/**
 * See `withTotal` in registerQueries. The page's first row is found from the sort's marks
 * (`register_marks`, migration 0014): the last mark with at most `offset` rows of the filter
 * before it (a running sum of the runs' kept counts), and how many of the filter's rows to
 * pass over after it, fewer than a run holds. Then the page's slugs are read on the sort's
 * index from that mark, into an array in their order, and each row by its slug.
 */
function pageWithTotal(
  condition: SQL | undefined,
  sort: RegisterSort,
  offset: number,
  pageSize: number,
  key: string,
): SQL {
  const down = KEYS[sort].descending ? sql.raw("desc") : sql.raw("asc");
  // A page within a cut run's length of the start is read from the start: passing over
  // those rows costs less than summing the runs. The running sum is framed by rows: no two
  // marks of a sort are equal in its order, so it is the same sum without comparing peers.
  const start =
    offset < RUN
      ? sql`(select null::text as sort_key, null::text as slug, ${offset}::bigint as skip)`
      : sql`(select m.sort_key, m.slug, ${offset}::bigint - (sum(c.n) over w - c.n)::bigint as skip
      from register_marks m join register_mark_counts c on c.mark = m.id
        and c.key = ${textLiteral(key)}
      where m.sort = ${textLiteral(sort)} and c.n > 0
      window w as (order by m.sort_key ${down} nulls first, m.slug ${down} nulls first
        rows unbounded preceding))`;
  // While the marks are stale (a batched import is writing), none is used: the page passes
  // over the rows before it, as a page of any other filter does.
  return sql`with start as (select * from ${start} as b where b.skip >= 0
      and not exists (select from register_marks_stale) order by b.skip limit 1)
    select t.n as total,
    (select ${pageItems(sort, sql`s.slug`, sql`s.ord`)}
      from unnest(array(select ${assessments.slug} from ${assessments}
        where ${and(condition, KEYS[sort].from(sql`(select sort_key from start)`, sql`(select slug from start)`))}
        order by ${sql.join(orderOf(sort), sql`, `)}
        limit ${pageSize + 1} offset coalesce((select skip from start), ${offset}::bigint))) with ordinality as s(slug, ord)) as items
    from (select coalesce((select ${registerTotals.n} from ${registerTotals}
      where ${registerTotals.key} = ${textLiteral(key)}), 0)::bigint as n offset 0) as t`;
}

/** The key of the filter in `register_totals`: none, or exactly one filter with a value. */
export function totalKey(f: Filter): string | undefined {
  if (f.q || f.reviewDueBefore) return undefined;
  const keys = filterParts(f);
  return keys.length === 0 ? "" : keys.length === 1 ? keys[0] : undefined;
}

/**
 * The filters a query is made of, each as register_totals names it (an empty text filters
 * nothing, as in whereOf).
 */
export function filterParts(f: Filter): string[] {
  return [
    f.outcome && `outcome:${f.outcome}`,
    f.status && `status:${f.status}`,
    f.basis && `basis:${f.basis}`,
    f.specialCategory !== undefined && `specialCategory:${f.specialCategory}`,
    f.children !== undefined && `children:${f.children}`,
  ].filter((k): k is string => typeof k === "string" && k !== "");
}

/** The total of a filter: kept, counted, or (past COUNTED) estimated. */
async function totalOf(
  db: Db,
  queries: ReturnType<typeof registerQueries>,
): Promise<{ total: number; exact: boolean }> {
  if (queries.kept) {
    const r = await queries.kept;
    return { total: Number(r[0]?.n ?? 0), exact: true };
  }
  const estimate = async () => {
    const plan = (await db.execute(queries.estimate)) as unknown as {
      rows: Record<string, unknown>[];
    };
    const cell = Object.values(plan.rows[0] ?? {})[0];
    const json = (typeof cell === "string" ? JSON.parse(cell) : cell) as [
      { Plan: { "Plan Rows": number } },
    ];
    return Math.max(Math.round(json[0].Plan["Plan Rows"]), COUNTED + 1);
  };
  // A search the planner expects to match far more than COUNTED rows is not counted: its
  // count would read every match from the full-text index (the whole register for a word in
  // every row), only to give the estimate in the end.
  if (queries.searched) {
    const guess = await estimate();
    if (guess > BROAD) return { total: guess, exact: false };
  }
  const n = Number((await queries.counted)[0]?.n ?? 0);
  if (n <= COUNTED) return { total: n, exact: true };
  return { total: await estimate(), exact: false };
}

/** Keyset: the rows past the cursor's in the sort's order (before it, read backwards). */
function keysetRows(
  db: Db,
  select: typeof SUMMARY & { sortKey: SQL<string> },
  condition: SQL | undefined,
  sort: RegisterSort,
  pageSize: number,
  cursor: Cursor,
) {
  return db
    .select(select)
    .from(assessments)
    .where(and(condition, keysetPast(sort, cursor)))
    .orderBy(...orderOf(sort, cursor.way !== "next"))
    .limit(pageSize + 1);
}

/** The rows past the cursor's, the way it goes: one row comparison the sort's index answers. */
function keysetPast(sort: RegisterSort, cursor: Cursor): SQL {
  const key = KEYS[sort];
  const after = key.descending !== (cursor.way === "next") ? gt : lt;
  return after(
    sql`(${key.column}, ${assessments.slug})`,
    sql`(${key.parse(cursor.key)}, ${cursor.slug})`,
  );
}

/** A register query with its defaults filled in and its cursor read. */
export type Normalised = ReturnType<typeof normalise>;

function normalise(query: ListQuery) {
  const filter: Filter = {
    q: query.q?.trim() || undefined,
    outcome: query.outcome,
    status: query.status,
    basis: query.basis,
    specialCategory: query.specialCategory,
    children: query.children,
    reviewDueBefore: query.reviewDueBefore,
  };
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (cursor && query.sort !== undefined && query.sort !== cursor.sort)
    throw new DomainError(
      "validation_failed",
      `invalid query: cursor: it pages the ${cursor.sort} sort, not ${query.sort}`,
      {
        issues: [{ path: "query.cursor", message: `pages the ${cursor.sort} sort` }],
      },
    );
  return {
    filter,
    filterKey: JSON.stringify(Object.values(filter)),
    pageSize: Math.min(Math.max(query.pageSize ?? 50, 1), 500),
    page: cursor ? cursor.page : Math.max(query.page ?? 1, 1),
    sort: cursor?.sort ?? query.sort ?? "updated",
    cursor,
  };
}

/**
 * The rows of a page. A page by number in the second half of an exact total is read from the
 * end, at an offset the total decides: the total is then read again in the same snapshot as
 * the rows (one read-only transaction), so a write committed in between cannot shift the page.
 */
async function pageRows(
  db: Db,
  query: ListQuery,
  total: number,
  exact: boolean,
): Promise<{ found: PageRow[]; fromEnd: boolean; total: number }> {
  const plain = registerQueries(db, query, exact ? total : undefined);
  if (!plain.fromEnd) {
    const page = runNamed<{ items: PageRow[] }>(db, plain.items.getSQL(), {
      valuesDecidePlan: !plain.named,
    });
    return { found: await itemsOf(page), fromEnd: false, total };
  }
  return db.transaction(
    async (tx) => {
      const now = await totalOf(tx, registerQueries(tx, query));
      const queries = registerQueries(tx, query, now.exact ? now.total : undefined);
      return { found: await itemsOf(queries.items), fromEnd: queries.fromEnd, total: now.total };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

async function itemsOf(page: PromiseLike<{ items: PageRow[] }[]>): Promise<PageRow[]> {
  return (await page)[0]?.items ?? [];
}

/**
 * One page of the register (frozen when it comes from the read cache: do not change it).
 * The register index this process holds answers it (register-index.ts), once the index has
 * followed every write acknowledged before this call (`cache.fresh`); the database answers
 * while there is none, while it is being built, and for what it does not serve.
 */
export async function listRegister(
  { db, cache }: StoreDeps,
  query: ListQuery,
  registerIndex?: RegisterPages,
): Promise<ListPage> {
  const n = normalise(query);
  const { filter, filterKey, sort, page, pageSize, cursor } = n;
  const kept = totalKey(filter) !== undefined;
  if (!cursor && !kept && (page - 1) * pageSize >= NUMBERED_DEPTH)
    throw new DomainError(
      "validation_failed",
      `invalid query: page: a search, a review date or filters combined are paged by number through their first ${NUMBERED_DEPTH.toLocaleString("en-GB")} activities; page on by the next cursor, or narrow the search`,
      {
        issues: [
          {
            path: "query.page",
            message: `starts past the first ${NUMBERED_DEPTH} activities of this search or filter`,
          },
        ],
      },
    );
  if (registerIndex?.serves(n)) {
    await cache.fresh();
    const answer = await registerIndex.page(n);
    if (answer) return present(n, answer.found, false, answer.total, answer.exact);
  }
  const at = cursor ? `${cursor.way}:${cursor.key}:${cursor.slug}` : `${page}`;
  return cache.read("assessments", `page:${filterKey}:${sort}:${at}:${pageSize}`, async () => {
    const queries = registerQueries(db, query);
    // A page by number of a kept total: the total and the page in one statement.
    if (queries.withTotal) {
      const [r] = await runNamed<{ total: number | string; items: PageRow[] }>(
        db,
        queries.withTotal,
      );
      return present(n, foundRows(r?.items ?? []), false, Number(r?.total ?? 0), true);
    }
    // A cursor made under this filter carries its total: paging on does not count again.
    let counted = false;
    const known =
      cursor && cursor.filter === filterKey
        ? { total: cursor.total, exact: cursor.exact }
        : await cache.read("assessments", `total:${filterKey}`, () => {
            counted = true;
            return totalOf(db, queries);
          });
    // A page past the end of an exact total just read (not kept from before, when rows may
    // have come since) has no rows: there is nothing to read.
    const { found, fromEnd, total } =
      counted && known.exact && page > 1 && (page - 1) * pageSize >= known.total
        ? { found: [], fromEnd: false, total: known.total }
        : await pageRows(db, query, known.total, known.exact);
    return present(n, foundRows(found), fromEnd, total, known.exact);
  });
}

/** What the register index (register-index.ts) answers a page with. */
export interface RegisterPages {
  /** Whether it answers this query now. */
  serves(n: Normalised): boolean;
  /** The page's rows in the order read and the filter's total; undefined: ask the database. */
  page(n: Normalised): Promise<{ found: FoundRow[]; total: number; exact: boolean } | undefined>;
}

/**
 * A page as the API answers it, from its rows in the order they were read (backwards for a
 * page before a cursor; `fromEnd`: read from the end, without the extra row past the page).
 */
function present(
  { filter, filterKey, sort, page, pageSize, cursor }: Normalised,
  found: FoundRow[],
  fromEnd: boolean,
  total: number,
  exact: boolean,
): ListPage {
  const more = fromEnd ? page * pageSize < total : found.length > pageSize;
  const rows = found.slice(0, pageSize);
  if (cursor?.way === "prev") rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  // Past the end one way or the other, there is always the way back.
  const hasNext = cursor?.way === "prev" ? true : more;
  const hasPrev = cursor?.way === "prev" ? more : page > 1;
  const make = (row: FoundRow | undefined, way: "next" | "prev", to: number) =>
    row
      ? encodeCursor({
          sort,
          key: row.sortKey,
          slug: row.item.slug,
          way,
          page: to,
          total,
          exact,
          filter: filterKey,
        })
      : null;
  const items = rows.map((r) => r.item);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return {
    items,
    total,
    totalExact: exact,
    page,
    pageSize,
    numberedPages:
      totalKey(filter) !== undefined
        ? pages
        : Math.min(pages, Math.ceil(NUMBERED_DEPTH / pageSize)),
    next: hasNext ? make(last, "next", page + 1) : null,
    prev: hasPrev ? make(first, "prev", Math.max(page - 1, 1)) : null,
  };
}

/**
 * The search's words as a full-text query: each word (letters and digits) the beginning of a
 * word, all of them required. Nothing else of the input reaches the query, so it needs no
 * escaping. Each word is asked as itself or as a prefix (`w | w:*`, which matches what `w:*`
 * alone does): the planner estimates a prefix at a fixed 2 % of the rows whatever the
 * statistics say, but the word itself from them, so a word in every row is known to be in
 * every row. That estimate decides the plan (the sort's index for a common word, the
 * full-text index for a rare one) and whether the total is counted (see totalOf).
 *
 * A word of one character matches only itself ("activity 1" finds activity 1, not 10, 12 or
 * 1984): as a prefix it would stand for every word beginning with that letter or digit,
 * which narrows nothing and makes the full-text index merge one list per such word (tens of
 * thousands in a large register).
 */
export function searchQuery(q: string): string | undefined {
  return searchWords(q)?.map(searchTerm).join(" & ");
}

/** One search word as the full-text query asks it (see searchQuery). */
export function searchTerm(word: string): string {
  return wholeWordOnly(word) ? word : `(${word} | ${word}:*)`;
}

/** A search's words (see searchQuery): undefined when it has none. */
export function searchWords(q: string): string[] | undefined {
  return q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? undefined;
}

/** Whether a search word matches only itself, not as the beginning of longer words. */
export function wholeWordOnly(word: string): boolean {
  return [...word].length === 1;
}

/**
 * Whether each value of a filter is one of its vocabulary's (an outcome, a workflow state, a
 * lawful basis, a yes or no): only then is it written into a statement's text (whereOf's `literal`). An
 * unknown basis matches no row, and is asked as a parameter.
 */
function inVocabulary(f: Filter): boolean {
  return (
    (f.outcome === undefined || (OUTCOMES as readonly string[]).includes(f.outcome)) &&
    (f.status === undefined || (WORKFLOW_STATES as readonly string[]).includes(f.status)) &&
    (f.basis === undefined || (LawfulBasis.options as readonly string[]).includes(f.basis)) &&
    (f.specialCategory === undefined || typeof f.specialCategory === "boolean") &&
    (f.children === undefined || typeof f.children === "boolean")
  );
}

/** A text as an SQL literal (for the vocabularies' words inVocabulary lets through). */
function textLiteral(text: string): SQL {
  const literal = sqlLiteral(text);
  if (literal === undefined) throw new Error("a text holding a NUL cannot be written as a literal");
  return sql.raw(literal);
}

/**
 * The filter's condition. With `literal`, its values (of a kept filter, each checked by
 * inVocabulary) are written into the text instead of sent as parameters: a named statement's
 * plan is then made for the value it filters on, and can be kept for every later call, whose
 * parameters are only where the page starts and how long it is (named-statements.ts).
 */
function whereOf(query: Filter, literal = false): SQL | undefined {
  const value = (v: string | boolean): SQL | string | boolean =>
    !literal ? v : typeof v === "boolean" ? sql.raw(String(v)) : textLiteral(v);
  const where: SQL[] = [];
  if (query.q) {
    const terms = searchQuery(query.q);
    // A search of punctuation only matches nothing (it has no word to look for).
    where.push(
      terms ? sql`${assessments.searchVector} @@ to_tsquery('simple', ${terms})` : sql`false`,
    );
  }
  if (query.outcome) where.push(sql`${assessments.outcome} = ${value(query.outcome)}`);
  if (query.status) where.push(sql`${assessments.status} = ${value(query.status)}`);
  if (query.basis) where.push(sql`${assessments.bases} @> array[${value(query.basis)}]::text[]`);
  if (query.specialCategory !== undefined)
    where.push(sql`${assessments.specialCategory} = ${value(query.specialCategory)}`);
  if (query.children !== undefined)
    where.push(sql`${assessments.children} = ${value(query.children)}`);
  // On the next-review sort's index (whose key has no null); an activity without a date is
  // never due.
  if (query.reviewDueBefore)
    where.push(
      sql`${KEYS["next-review"].column} <= ${query.reviewDueBefore}`,
      sql`${assessments.nextReview} is not null`,
    );
  return where.length ? and(...where) : undefined;
}
