/**
 * @module store/reviews/in-force
 * Which assessments are in force, as a query condition: approved now, or with an approved
 * version a later draft has not yet replaced. Only those are due for review or can need one.
 */
import { and, eq, notInArray, or, sql } from "drizzle-orm";
import type { WorkflowState } from "../../core/vocabulary.ts";
import { notFound, refCondition } from "../assessment-ref.ts";
import type { Db } from "../db.ts";
import { assessments } from "../schema.ts";

/** Assessments no longer in use are neither due nor in need of review. */
export const ENDED: WorkflowState[] = ["superseded", "retired"];

export const IN_FORCE = and(
  notInArray(assessments.status, ENDED),
  or(eq(assessments.status, "approved"), sql`${assessments.approvedVersion} is not null`),
);

/** The assessment `ref` (id or slug) and whether it is in force; `not_found` if none. */
export async function inForceIn(
  db: Pick<Db, "select">,
  ref: string,
): Promise<{ id: string; slug: string; status: WorkflowState; inForce: boolean }> {
  const rows = await db
    .select({
      id: assessments.id,
      slug: assessments.slug,
      status: assessments.status,
      inForce: sql<boolean>`coalesce(${IN_FORCE}, false)`,
    })
    .from(assessments)
    .where(refCondition(ref));
  const row = rows[0];
  if (!row) throw notFound(ref);
  return row;
}
