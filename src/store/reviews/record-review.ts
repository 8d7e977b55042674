/**
 * @module store/reviews/record-review
 * Recording a review of an assessment in force: a new version (reason "review") whose
 * review.history ends with this review, then the triggers open until now are cleared. Like
 * any edit of an approved version, the new version is a draft that needs sign-off; the
 * approved one stays in force meanwhile.
 */
import { and, eq, isNull, lte } from "drizzle-orm";
import type { RecordedReview } from "../../core/api/workflow.ts";
import { DomainError } from "../../core/errors.ts";
import { getAssessment } from "../assessments/get-assessment.ts";
import { updateAssessment } from "../assessments/update-assessment.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { reviewTriggers } from "../schema.ts";
import { inForceIn } from "./in-force.ts";
import { presentTrigger } from "./raise-trigger.ts";

/**
 * The version is saved first: should the second step fail, the triggers stay open and the
 * review can be recorded again, which is the safe way round.
 */
export async function recordReview(
  deps: StoreDeps,
  ref: string,
  input: { summary: string; by?: string | undefined },
  ctx: WriteContext,
): Promise<RecordedReview> {
  const a = await inForceIn(deps.db, ref);
  if (!a.inForce)
    throw new DomainError(
      "conflict",
      `"${a.slug}" is ${a.status}: a review is recorded on an assessment with an approved version`,
      { status: a.status },
    );
  const rec = await getAssessment(deps, a.id);
  const doc = structuredClone(rec.document);
  const entry = {
    date: ctx.today,
    summary: input.summary,
    ...(input.by ? { by: input.by } : {}),
  };
  doc.review = { ...(doc.review ?? {}), history: [...(doc.review?.history ?? []), entry] };
  const saved = await updateAssessment(deps, rec.id, rec.version, doc, ctx, "review");
  const cleared = await writeTransaction(deps.db, deps.cache, async (tx) => {
    const rows = await tx
      .update(reviewTriggers)
      .set({ clearedAt: ctx.now, clearedBy: ctx.actor })
      .where(
        and(
          eq(reviewTriggers.assessmentId, rec.id),
          isNull(reviewTriggers.clearedAt),
          lte(reviewTriggers.raisedAt, ctx.now),
        ),
      )
      .returning();
    await appendAudit(
      tx,
      {
        actor: ctx.actor,
        action: "review.recorded",
        entityId: rec.id,
        data: { version: saved.version, summary: input.summary, cleared: rows.map((r) => r.id) },
      },
      ctx.now,
    );
    return rows.map(presentTrigger);
  });
  const next = saved.evaluation.trace.facts.nextReview;
  return {
    id: saved.id,
    slug: saved.slug,
    version: saved.version,
    nextReview: typeof next === "string" ? next : null,
    cleared,
  };
}
