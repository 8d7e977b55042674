/**
 * @module store/sign-off/submit-for-review
 * Submitting the current version for review; refused while a blocker finding is open.
 */
import { expectVersion, lockHead } from "../assessment-ref.ts";
import { setCurrentStatusIn } from "../assessments/version-status.ts";
import { writeTransaction } from "../audit.ts";
import type { PersonContext, StoreDeps } from "../context.ts";
import { auditSignOff, decideOrThrow, factsIn } from "./sign-off-facts.ts";

export async function submitForReview(
  { db, cache }: StoreDeps,
  ref: string,
  baseVersion: number,
  ctx: PersonContext,
): Promise<void> {
  await writeTransaction(db, cache, async (tx) => {
    const a = await lockHead(tx, ref);
    expectVersion(a, baseVersion);
    const { facts } = await factsIn(tx, a);
    const { next } = decideOrThrow(facts, { action: "submit" }, ctx.role);
    await setCurrentStatusIn(tx, a, next, ctx.now);
    await auditSignOff(tx, ctx, "assessment.submitted", a, { version: a.currentVersion });
  });
}
