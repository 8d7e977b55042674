/**
 * @module store/assessments/list-register
 * The register query: one page of assessments, filtered, searched and sorted on the register
 * columns of the assessment rows (never the documents, so a page stays small and each filter
 * has its index). Pages and totals are cached; the total depends on the filter only, so
 * paging and re-sorting reuse it.
 */
import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { AssessmentSummary } from "../../core/api/assessments.ts";
import type { Outcome, RegisterSort, WorkflowState } from "../../core/vocabulary.ts";
import type { StoreDeps } from "../context.ts";
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

/** One page of the register (cached and frozen: do not change it). */
export async function listRegister({ db, cache }: StoreDeps, query: ListQuery): Promise<ListPage> {
  const filter = {
    q: query.q || undefined,
    outcome: query.outcome,
    status: query.status,
    basis: query.basis,
    specialCategory: query.specialCategory,
    children: query.children,
    reviewDueBefore: query.reviewDueBefore,
  };
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  const sort = query.sort ?? "updated";
  const filterKey = JSON.stringify(Object.values(filter));
  return cache.read("assessments", `page:${filterKey}:${sort}:${page}:${pageSize}`, async () => {
    const condition = whereOf(filter);
    const order = {
      updated: [desc(assessments.updatedAt), asc(assessments.slug)],
      title: [asc(assessments.title), asc(assessments.slug)],
      "next-review": [sql`${assessments.nextReview} asc nulls last`, asc(assessments.slug)],
      outcome: [asc(assessments.outcome), asc(assessments.slug)],
    }[sort];
    const [rows, total] = await Promise.all([
      db
        .select(SUMMARY)
        .from(assessments)
        .where(condition)
        .orderBy(...order)
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      cache.read("assessments", `total:${filterKey}`, async () => {
        const r = await db.select({ n: count() }).from(assessments).where(condition);
        return Number(r[0]?.n ?? 0);
      }),
    ]);
    const items = rows.map((r) => ({
      ...r,
      status: r.status,
      updatedAt: r.updatedAt.toISOString(),
    }));
    return { items, total, page, pageSize };
  });
}

function whereOf(query: ListQuery): SQL | undefined {
  const where: SQL[] = [];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(
      ilike(assessments.title, pattern),
      ilike(assessments.activityName, pattern),
      ilike(assessments.slug, pattern),
    );
    if (match) where.push(match);
  }
  if (query.outcome) where.push(eq(assessments.outcome, query.outcome));
  if (query.status) where.push(eq(assessments.status, query.status));
  if (query.basis) where.push(sql`${query.basis} = any(${assessments.bases})`);
  if (query.specialCategory !== undefined)
    where.push(eq(assessments.specialCategory, query.specialCategory));
  if (query.children !== undefined) where.push(eq(assessments.children, query.children));
  if (query.reviewDueBefore) where.push(sql`${assessments.nextReview} <= ${query.reviewDueBefore}`);
  return where.length ? and(...where) : undefined;
}
