/**
 * @module store/assessments/list-register
 * The register query: one page of assessments, filtered, searched and sorted on the register
 * columns of the assessment rows, projected at write time (register-columns.ts), never on the
 * documents. Each sort has an index in its order (ties broken by the slug), each filter has
 * its index, and free-text search uses a full-text index (`simple` configuration, each word a
 * prefix), so no query shape scans the table (test/register-plans.test.ts checks the plans on
 * both backends). A page is found on the index first (slugs only) and only its rows are read.
 * Pages and totals are cached; the total depends on the filter only, so paging and re-sorting
 * reuse it.
 */
import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AssessmentSummary } from "../../core/api/assessments.ts";
import type { Outcome, RegisterSort, WorkflowState } from "../../core/vocabulary.ts";
import type { StoreDeps } from "../context.ts";
import type { Db } from "../db.ts";
import { assessments } from "../schema.ts";

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
}

export interface ListPage {
  items: AssessmentSummary[];
  total: number;
  page: number;
  pageSize: number;
}

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

/** Each sort's order: the columns of its index, in the index's order. */
const ORDERS: Record<RegisterSort, SQL[]> = {
  updated: [desc(assessments.updatedAt), asc(assessments.slug)],
  title: [asc(assessments.title), asc(assessments.slug)],
  "next-review": [sql`${assessments.nextReview} asc nulls last`, asc(assessments.slug)],
  outcome: [asc(assessments.outcome), asc(assessments.slug)],
};

type Filter = Omit<ListQuery, "sort" | "page" | "pageSize">;

/** The register's filter, search and sort without paging: what an export of the view takes. */
export type RegisterSelection = Omit<ListQuery, "page" | "pageSize">;

/** The condition and order of a register view, for queries that read all of its rows. */
export function registerSelection(query: RegisterSelection): {
  where: SQL | undefined;
  order: SQL[];
} {
  const { filter, sort } = normalise(query);
  return { where: whereOf(filter), order: ORDERS[sort] };
}

/**
 * The two queries of a register page, unexecuted (the plans test explains them): the page's
 * rows, and the number of rows the filter matches.
 */
export function registerQueries(db: Db, query: ListQuery) {
  const { filter, sort, page, pageSize } = normalise(query);
  const condition = whereOf(filter);
  const order = ORDERS[sort];
  // The page is found on the sort's index, reading slugs only; then only its rows are read.
  const slugs = db
    .select({ slug: assessments.slug })
    .from(assessments)
    .where(condition)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    rows: db
      .select(SUMMARY)
      .from(assessments)
      .where(inArray(assessments.slug, slugs))
      .orderBy(...order),
    total: db.select({ n: count() }).from(assessments).where(condition),
  };
}

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
  return {
    filter,
    pageSize: Math.min(Math.max(query.pageSize ?? 50, 1), 500),
    page: Math.max(query.page ?? 1, 1),
    sort: query.sort ?? "updated",
  };
}

/** One page of the register (cached and frozen: do not change it). */
export async function listRegister({ db, cache }: StoreDeps, query: ListQuery): Promise<ListPage> {
  const { filter, sort, page, pageSize } = normalise(query);
  const filterKey = JSON.stringify(Object.values(filter));
  return cache.read("assessments", `page:${filterKey}:${sort}:${page}:${pageSize}`, async () => {
    const queries = registerQueries(db, query);
    const rows = await queries.rows;
    const total = await cache.read("assessments", `total:${filterKey}`, async () => {
      const r = await queries.total;
      return Number(r[0]?.n ?? 0);
    });
    const items = rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
    return { items, total, page, pageSize };
  });
}

/**
 * The search's words as a full-text query: each word (letters and digits) a prefix, all of
 * them required. Nothing else of the input reaches the query, so it needs no escaping.
 */
export function searchQuery(q: string): string | undefined {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  return words ? words.map((w) => `${w}:*`).join(" & ") : undefined;
}

function whereOf(query: Filter): SQL | undefined {
  const where: SQL[] = [];
  if (query.q) {
    const terms = searchQuery(query.q);
    // A search of punctuation only matches nothing (it has no word to look for).
    where.push(
      terms
        ? sql`to_tsvector('simple', ${assessments.searchText}) @@ to_tsquery('simple', ${terms})`
        : sql`false`,
    );
  }
  if (query.outcome) where.push(eq(assessments.outcome, query.outcome));
  if (query.status) where.push(eq(assessments.status, query.status));
  if (query.basis) where.push(sql`${assessments.bases} @> array[${query.basis}]::text[]`);
  if (query.specialCategory !== undefined)
    where.push(eq(assessments.specialCategory, query.specialCategory));
  if (query.children !== undefined) where.push(eq(assessments.children, query.children));
  if (query.reviewDueBefore) where.push(sql`${assessments.nextReview} <= ${query.reviewDueBefore}`);
  return where.length ? and(...where) : undefined;
}
