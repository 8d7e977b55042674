/**
 * @module store/sign-off/submit-for-review
 * Submitting the current version for review; refused while a blocker finding is open.
 */
import { setCurrentStatusIn } from "../assessments/version-status.ts";
import { writeTransaction } from "../audit.ts";
import type { PersonContext, StoreDeps } from "../context.ts";
import { auditSignOff, decideOrThrow, lockedFactsIn } from "./sign-off-facts.ts";

export async function submitForReview(
  { db, cache }: StoreDeps,
  ref: string,
  baseVersion: number,
  ctx: PersonContext,
): Promise<void> {
  await writeTransaction(db, cache, async (tx) => {
    const { a, facts } = await lockedFactsIn(tx, ref, baseVersion);
    const { next } = decideOrThrow(facts, { action: "submit" }, ctx.role);
    await setCurrentStatusIn(tx, a, next, ctx.now);
    await auditSignOff(tx, ctx, "assessment.submitted", a, { version: a.currentVersion });
  });
}
