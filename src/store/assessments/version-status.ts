/**
 * @module store/assessments/version-status
 * Where workflow status is kept: on each version row, and for the current version also on
 * the assessment row (for listing). Never in the document.
 */
import { and, eq } from "drizzle-orm";
import type { WorkflowState } from "../../core/vocabulary.ts";
import type { Retirement } from "../../core/workflow/sign-off.ts";
import type { AssessmentHead } from "../assessment-ref.ts";
import type { WriteTx } from "../audit.ts";
import { assessments, assessmentVersions } from "../schema.ts";

/** Set one version's status. */
export async function setVersionStatusIn(
  tx: WriteTx,
  assessmentId: string,
  version: number,
  status: WorkflowState,
): Promise<void> {
  await tx
    .update(assessmentVersions)
    .set({ status })
    .where(
      and(
        eq(assessmentVersions.assessmentId, assessmentId),
        eq(assessmentVersions.version, version),
      ),
    );
}

/** Set the current version's status, on its row and on the assessment's. */
export async function setCurrentStatusIn(
  tx: WriteTx,
  head: AssessmentHead,
  status: WorkflowState,
  now: Date,
  extra: { approvedVersion?: number; retirement?: Retirement } = {},
): Promise<void> {
  await tx
    .update(assessments)
    .set({ status, updatedAt: now, ...extra })
    .where(eq(assessments.id, head.id));
  await setVersionStatusIn(tx, head.id, head.currentVersion, status);
}
