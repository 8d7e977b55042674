/**
 * @module store/review-triggers
 * Raising a review trigger inside the caller's transaction, with its audit event. Its own
 * module so that the assessment store's edit path (a field added to an approved
 * specification), objections and content updates all raise triggers the one way, without an
 * import cycle through the reviews store.
 */
import { randomUUID } from "node:crypto";
import { appendAudit } from "./audit.ts";
import type { Db } from "./db.ts";
import { reviewTriggers } from "./schema.ts";

export const TRIGGER_KINDS = [
  "field-added",
  "content-updated",
  "objection-upheld",
  "manual",
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export interface ReviewTrigger {
  id: string;
  assessmentId: string;
  kind: TriggerKind;
  reason: string;
  raisedBy: string;
  raisedAt: string;
}

/** Who raises the trigger and when (the part of a write context it needs). */
type Ctx = { actor: string; now: Date };

/**
 * Raise a trigger inside the caller's transaction (one opened by `writeTransaction`), with its
 * audit event. Other modules (objections, sign-off) call this in their own transactions.
 */
export async function raiseTriggerIn(
  tx: Db,
  assessmentId: string,
  kind: TriggerKind,
  reason: string,
  ctx: Ctx,
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
      entityType: "assessment",
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
