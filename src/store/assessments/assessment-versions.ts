/**
 * @module store/assessments/assessment-versions
 * The versions of an assessment: the list (without documents, with the name of who saved
 * each), and one version with its content and evaluation as saved.
 */
import { and, asc, eq } from "drizzle-orm";
import type { VersionDetail, VersionSummary } from "../../core/api/assessments.ts";
import { DomainError } from "../../core/errors.ts";
import { actorName } from "../actor-names.ts";
import { idOf, refCondition } from "../assessment-ref.ts";
import type { StoreDeps } from "../context.ts";
import { assessments, assessmentVersions } from "../schema.ts";

/** Every version of the assessment `ref` (id or slug), oldest first. */
export async function listVersions({ db }: StoreDeps, ref: string): Promise<VersionSummary[]> {
  const rows = await db
    .select({
      version: assessmentVersions.version,
      status: assessmentVersions.status,
      outcome: assessmentVersions.outcome,
      findingCodes: assessmentVersions.findingCodes,
      reason: assessmentVersions.reason,
      createdBy: assessmentVersions.createdBy,
      createdByName: actorName(assessmentVersions.createdBy),
      createdAt: assessmentVersions.createdAt,
    })
    .from(assessmentVersions)
    .innerJoin(assessments, eq(assessments.id, assessmentVersions.assessmentId))
    .where(refCondition(ref))
    .orderBy(asc(assessmentVersions.version));
  if (rows.length === 0) throw new DomainError("not_found", `no assessment "${ref}"`);
  return rows.map((r) => ({
    ...r,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** One version of the assessment `ref` (id or slug). */
export async function getVersion(
  { db }: StoreDeps,
  ref: string,
  version: number,
): Promise<VersionDetail> {
  const rows = await db
    .select({ v: assessmentVersions })
    .from(assessmentVersions)
    .innerJoin(assessments, eq(assessments.id, assessmentVersions.assessmentId))
    .where(and(refCondition(ref), eq(assessmentVersions.version, version)));
  const row = rows[0]?.v;
  if (!row) {
    await idOf(db, ref); // no such assessment: not_found naming it
    throw new DomainError("not_found", `no version ${version} of that assessment`);
  }
  return {
    version: row.version,
    status: row.status,
    outcome: row.outcome,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    document: row.document,
    evaluation: row.evaluation,
  };
}
