/**
 * @module store/drafts/draft-row
 * The working draft of an assessment as its operations read it: the row with the name of
 * whoever saved it last, read inside a transaction (and locked there when it will change).
 */
import { eq } from "drizzle-orm";
import type { WorkingDraftView } from "../../core/api/assessments.ts";
import { DomainError } from "../../core/errors.ts";
import { actorName } from "../actor-names.ts";
import type { Db } from "../db.ts";
import { workingDrafts } from "../schema.ts";

const COLUMNS = {
  baseVersion: workingDrafts.baseVersion,
  revision: workingDrafts.revision,
  document: workingDrafts.document,
  updatedBy: workingDrafts.updatedBy,
  updatedByName: actorName(workingDrafts.updatedBy),
  updatedAt: workingDrafts.updatedAt,
};

/** The working draft of the assessment `assessmentId`, or null; locked with `forUpdate`. */
export async function draftIn(
  tx: Pick<Db, "select">,
  assessmentId: string,
  forUpdate = false,
): Promise<WorkingDraftView | null> {
  const q = tx
    .select(COLUMNS)
    .from(workingDrafts)
    .where(eq(workingDrafts.assessmentId, assessmentId));
  const row = (await (forUpdate ? q.for("update") : q))[0];
  return row ? { ...row, updatedAt: row.updatedAt.toISOString() } : null;
}

/**
 * The draft's revision as the caller last saw it (0: no draft) must be the stored one; else
 * `stale_draft`, with the draft as it is now, so the caller can show both and choose.
 */
export function expectRevision(draft: WorkingDraftView | null, revision: number): void {
  const stored = draft?.revision ?? 0;
  if (stored !== revision)
    throw new DomainError(
      "stale_draft",
      draft
        ? `the working draft changed since you opened it: ${draft.updatedByName ?? "someone"} saved revision ${draft.revision}`
        : "the working draft was saved as a version or discarded since you opened it",
      { current: draft },
    );
}

/**
 * The working draft at `revision` (0: none), taken out of the table inside the caller's
 * transaction as a version is made from it; `stale_draft` when it changed meanwhile.
 */
export async function takeDraftIn(
  tx: Pick<Db, "select" | "delete">,
  assessmentId: string,
  revision: number,
): Promise<WorkingDraftView | null> {
  const draft = await draftIn(tx, assessmentId, true);
  expectRevision(draft, revision);
  if (draft) await tx.delete(workingDrafts).where(eq(workingDrafts.assessmentId, assessmentId));
  return draft;
}
