/**
 * @module store/drafts/discard-working-draft
 * Throwing the working draft away, back to the current version, naming the revision the
 * editor saw: a draft saved since then by someone else is not lost (`stale_draft`).
 */
import { eq } from "drizzle-orm";
import { lockHead } from "../assessment-ref.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { workingDrafts } from "../schema.ts";
import { draftIn, expectRevision } from "./draft-row.ts";

export async function discardWorkingDraft(
  { db, cache }: StoreDeps,
  ref: string,
  revision: number,
  ctx: WriteContext,
): Promise<void> {
  await writeTransaction(db, cache, async (tx) => {
    const head = await lockHead(tx, ref);
    const draft = await draftIn(tx, head.id, true);
    expectRevision(draft, revision);
    if (!draft) return;
    await tx.delete(workingDrafts).where(eq(workingDrafts.assessmentId, head.id));
    await appendAudit(
      tx,
      {
        actor: ctx.actor,
        action: "assessment.draft.discarded",
        entityId: head.id,
        data: { slug: head.slug, baseVersion: draft.baseVersion, revision: draft.revision },
      },
      ctx.now,
    );
  });
}
