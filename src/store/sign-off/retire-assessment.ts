/**
 * @module store/sign-off/retire-assessment
 * Retiring an assessment that has (or had) a version in force: nothing is in force after.
 * How it was retired is kept on its row, and in the audited event.
 */
import { setCurrentStatusIn, setVersionStatusIn } from "../assessments/version-status.ts";
import { writeTransaction } from "../audit.ts";
import type { PersonContext, StoreDeps } from "../context.ts";
import { auditSignOff, decideOrThrow, lockedFactsIn } from "./sign-off-facts.ts";

export async function retireAssessment(
  { db, cache }: StoreDeps,
  ref: string,
  baseVersion: number,
  reason: string,
  ctx: PersonContext,
): Promise<void> {
  await writeTransaction(db, cache, async (tx) => {
    const { a, facts } = await lockedFactsIn(tx, ref, baseVersion);
    decideOrThrow(facts, { action: "retire", reason }, ctx.role);
    if (a.approvedVersion !== null && a.approvedVersion !== a.currentVersion)
      await setVersionStatusIn(tx, a.id, a.approvedVersion, "retired");
    const by = ctx.name || ctx.actor;
    await setCurrentStatusIn(tx, a, "retired", ctx.now, {
      retirement: { at: ctx.now.toISOString(), by, reason },
    });
    await auditSignOff(tx, ctx, "assessment.retired", a, {
      version: a.currentVersion,
      approvedVersion: a.approvedVersion,
      reason,
      by,
    });
  });
}
