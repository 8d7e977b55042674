/**
 * @module store/reviews/raise-trigger
 * Raising a review trigger inside the caller's transaction, with its audit event: the one
 * way the edit path (a field added to an approved specification), objections, content
 * updates and a person raise one.
 */
import { randomUUID } from "node:crypto";
import type { ReviewTrigger } from "../../core/api/workflow.ts";
import type { TriggerKind } from "../../core/vocabulary.ts";
import { appendAudit, type WriteTx } from "../audit.ts";
import type { ActorClock } from "../context.ts";
import { reviewTriggers } from "../schema.ts";

export type { ReviewTrigger };

/**
 * Raise a trigger inside the caller's transaction (one opened by `writeTransaction`), with its
 * audit event. Other modules (objections, sign-off) call this in their own transactions.
 */
export async function raiseTriggerIn(
  tx: WriteTx,
  assessmentId: string,
  kind: TriggerKind,
  reason: string,
  ctx: ActorClock,
): Promise<ReviewTrigger> {
  const id = randomUUID();
  await tx.insert(reviewTriggers).values({
    id,
    assessmentId,
    kind,
    reason,
    raisedBy: ctx.actor,
    raisedAt: ctx.now,
  });
  await appendAudit(
    tx,
    {
      actor: ctx.actor,
      action: "review.triggered",
      entityId: assessmentId,
      data: { triggerId: id, kind, reason },
    },
    ctx.now,
  );
  return {
    id,
    assessmentId,
    kind,
    reason,
    raisedBy: ctx.actor,
    raisedAt: ctx.now.toISOString(),
  };
}

/** A trigger row as the API presents it. */
export function presentTrigger(r: typeof reviewTriggers.$inferSelect): ReviewTrigger {
  return {
    id: r.id,
    assessmentId: r.assessmentId,
    kind: r.kind,
    reason: r.reason,
    raisedBy: r.raisedBy,
    raisedAt: r.raisedAt.toISOString(),
  };
}
