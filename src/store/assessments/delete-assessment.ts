/**
 * @module store/assessments/delete-assessment
 * Deleting an assessment none of whose versions was ever approved (one that was is retired
 * instead, so its record stays), on top of the version the caller last saw.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { DomainError } from "../../core/errors.ts";
import { expectVersion, lockHead } from "../assessment-ref.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { assessments, assessmentVersions } from "../schema.ts";

export async function deleteAssessment(
  { db, cache }: StoreDeps,
  ref: string,
  baseVersion: number,
  ctx: WriteContext,
): Promise<void> {
  await writeTransaction(db, cache, async (tx) => {
    const head = await lockHead(tx, ref);
    // Ever approved: a version approved, superseded or in force (kept when retired).
    const approved = await tx
      .select({ n: count() })
      .from(assessmentVersions)
      .where(
        and(
          eq(assessmentVersions.assessmentId, head.id),
          inArray(assessmentVersions.status, ["approved", "superseded"]),
        ),
      );
    if (head.approvedVersion !== null || (approved[0]?.n ?? 0) > 0)
      throw new DomainError(
        "approved_versions_exist",
        "an approved assessment cannot be deleted; retire it instead",
      );
    expectVersion(head, baseVersion);
    await tx.delete(assessments).where(eq(assessments.id, head.id));
    await appendAudit(
      tx,
      {
        actor: ctx.actor,
        action: "assessment.delete",
        entityId: head.id,
        data: { slug: head.slug, version: baseVersion },
      },
      ctx.now,
    );
  });
}
