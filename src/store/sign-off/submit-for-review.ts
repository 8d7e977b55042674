/**
 * @module store/sign-off/submit-for-review
 * Submitting the current version for review; refused while a blocker finding is open. When
 * the assessment has a working draft that differs from its current version, the draft is
 * saved as the next version first, in the same transaction, and that version is submitted:
 * what reviewers see is what the editor submitted. The submitter names the draft's revision,
 * so a draft they have not seen is never submitted in their name (`stale_draft`).
 */
import { and, eq } from "drizzle-orm";
import { DomainError } from "../../core/errors.ts";
import { expectVersion, lockHead } from "../assessment-ref.ts";
import { updateIn } from "../assessments/update-assessment.ts";
import { setCurrentStatusIn } from "../assessments/version-status.ts";
import { canonical, type WriteTx, writeTransaction } from "../audit.ts";
import type { PersonContext, StoreDeps } from "../context.ts";
import { takeDraftIn } from "../drafts/draft-row.ts";
import { assessmentVersions } from "../schema.ts";
import { auditSignOff, decideOrThrow, lockedFactsIn } from "./sign-off-facts.ts";

/** The working draft the submitter saw: its revision (0: none), and the note for its version. */
export interface SubmittedDraft {
  revision: number;
  note?: string | undefined;
}

export async function submitForReview(
  { db, cache }: StoreDeps,
  ref: string,
  baseVersion: number,
  ctx: PersonContext,
  draft: SubmittedDraft = { revision: 0 },
): Promise<void> {
  await writeTransaction(db, cache, async (tx) => {
    const version = await saveDraftIn(tx, ref, baseVersion, draft, ctx);
    const { a, facts } = await lockedFactsIn(tx, ref, version);
    const { next } = decideOrThrow(facts, { action: "submit" }, ctx.role);
    await setCurrentStatusIn(tx, a, next, ctx.now);
    await auditSignOff(tx, ctx, "assessment.submitted", a, { version: a.currentVersion });
  });
}

/** The version to submit: `baseVersion`, or the next one when the working draft changed it. */
async function saveDraftIn(
  tx: WriteTx,
  ref: string,
  baseVersion: number,
  draft: SubmittedDraft,
  ctx: PersonContext,
): Promise<number> {
  const head = await lockHead(tx, ref);
  expectVersion(head, baseVersion);
  const taken = await takeDraftIn(tx, head.id, draft.revision);
  if (!taken) return baseVersion;
  if (taken.baseVersion !== head.currentVersion)
    throw new DomainError(
      "stale_version",
      `the working draft was written on version ${taken.baseVersion}; version ${head.currentVersion} was saved since`,
      { currentVersion: head.currentVersion },
    );
  const current = await tx
    .select({ document: assessmentVersions.document })
    .from(assessmentVersions)
    .where(
      and(
        eq(assessmentVersions.assessmentId, head.id),
        eq(assessmentVersions.version, head.currentVersion),
      ),
    );
  if (canonical(current[0]?.document) === canonical(taken.document)) return baseVersion;
  const saved = await updateIn(tx, head, taken.document, ctx, draft.note ?? "submitted for review");
  return saved.version;
}
