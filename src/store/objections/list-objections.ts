/**
 * @module store/objections/list-objections
 * Objections as the API shows them, with their assessment's slug and title and whether the
 * response is overdue on the given day: one, those of an assessment, or all.
 */
import { and, asc, eq, lt, type SQL, sql } from "drizzle-orm";
import type { Objection as ObjectionRecord } from "../../core/api/workflow.ts";
import { DomainError } from "../../core/errors.ts";
import { responseOverdue } from "../../core/workflow/reviews.ts";
import { idOf, refCondition } from "../assessment-ref.ts";
import type { StoreDeps } from "../context.ts";
import type { Db } from "../db.ts";
import { assessments, objections } from "../schema.ts";

export type { ObjectionRecord };

const ROW = { o: objections, slug: assessments.slug, title: assessments.title };

function present(
  r: { o: typeof objections.$inferSelect; slug: string; title: string },
  today: string,
): ObjectionRecord {
  const o = r.o;
  return {
    id: o.id,
    assessmentId: o.assessmentId,
    slug: r.slug,
    title: r.title,
    receivedOn: o.receivedOn,
    responseDue: o.responseDue,
    summary: o.summary,
    decision: o.decision,
    reasoning: o.reasoning,
    decidedBy: o.decidedBy,
    decidedOn: o.decidedOn,
    createdBy: o.createdBy,
    createdAt: o.createdAt.toISOString(),
    overdue: responseOverdue(o, today),
  };
}

/** One objection (its uuid). */
export async function objectionIn(
  db: Pick<Db, "select">,
  id: string,
  today: string,
): Promise<ObjectionRecord> {
  const rows = await db
    .select(ROW)
    .from(objections)
    .innerJoin(assessments, eq(assessments.id, objections.assessmentId))
    .where(eq(objections.id, id));
  const row = rows[0];
  if (!row) throw new DomainError("not_found", `no objection "${id}"`);
  return present(row, today);
}

/**
 * Objections of the assessment `assessment` (id or slug), or all, by response date;
 * `overdue` keeps only pending ones past their date.
 */
export async function listObjections(
  { db }: StoreDeps,
  query: { assessment?: string | undefined; overdue?: boolean | undefined },
  today: string,
): Promise<ObjectionRecord[]> {
  const where: SQL[] = [];
  if (query.assessment) where.push(refCondition(query.assessment));
  if (query.overdue) {
    const pending = and(eq(objections.decision, "pending"), lt(objections.responseDue, today));
    if (pending) where.push(pending);
  }
  const rows = await db
    .select(ROW)
    .from(objections)
    .innerJoin(assessments, eq(assessments.id, objections.assessmentId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(objections.responseDue), asc(objections.receivedOn), sql`${objections.id}`);
  // None found: say so if the assessment itself does not exist.
  if (rows.length === 0 && query.assessment) await idOf(db, query.assessment);
  return rows.map((r) => present(r, today));
}
