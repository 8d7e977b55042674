/**
 * @module store/drafts/save-working-draft
 * Autosave: the editors' working draft of an assessment is replaced, on top of the version it
 * was based on and the draft revision the editor last saw. No version is made; a stale
 * version (`stale_version`) or a draft someone else saved meanwhile (`stale_draft`) is
 * refused with what is there now, never overwritten.
 */
import { eq } from "drizzle-orm";
import type { WorkingDraftView } from "../../core/api/assessments.ts";
import { DomainError } from "../../core/errors.ts";
import type { Assessment } from "../../core/schema/index.ts";
import { decideEdit } from "../../core/workflow/edit.ts";
import { contentOf } from "../../core/workflow/recorded-status.ts";
import { lockHead } from "../assessment-ref.ts";
import { getAssessment } from "../assessments/get-assessment.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { workingDrafts } from "../schema.ts";
import { draftIn, expectRevision } from "./draft-row.ts";

export interface DraftSave {
  /** The version the draft was written on: it must still be the current one. */
  baseVersion: number;
  /** The draft revision the editor last saw (0: none). */
  revision: number;
  document: Assessment;
}

export async function saveWorkingDraft(
  deps: StoreDeps,
  ref: string,
  save: DraftSave,
  ctx: WriteContext,
): Promise<WorkingDraftView> {
  const saved = await writeTransaction(deps.db, deps.cache, async (tx) => {
    const head = await lockHead(tx, ref);
    if (head.currentVersion !== save.baseVersion) return undefined;
    // Whatever the reason a version from it will be given, a retired assessment takes none.
    const edit = decideEdit(
      { state: head.status, approvedVersion: head.approvedVersion },
      "working draft",
    );
    if (!edit.ok) throw edit.error;
    const draft = await draftIn(tx, head.id, true);
    expectRevision(draft, save.revision);
    const row = {
      baseVersion: save.baseVersion,
      revision: save.revision + 1,
      document: contentOf(save.document),
      updatedBy: ctx.actor,
      updatedAt: ctx.now,
    };
    if (draft)
      await tx.update(workingDrafts).set(row).where(eq(workingDrafts.assessmentId, head.id));
    else await tx.insert(workingDrafts).values({ assessmentId: head.id, ...row });
    await appendAudit(
      tx,
      {
        actor: ctx.actor,
        action: "assessment.draft.saved",
        entityId: head.id,
        data: { slug: head.slug, baseVersion: save.baseVersion, revision: row.revision },
      },
      ctx.now,
    );
    return (await draftIn(tx, head.id)) ?? undefined;
  });
  if (!saved) {
    const current = await getAssessment(deps, ref);
    throw new DomainError(
      "stale_version",
      `version ${current.version} was saved since version ${save.baseVersion}, which this draft was written on`,
      { current },
    );
  }
  return saved;
}
