/**
 * @module store/reviews/raise-manual-trigger
 * A person marks an assessment in force as needing a review, with the reason.
 */
import { DomainError } from "../../core/errors.ts";
import { writeTransaction } from "../audit.ts";
import type { ActorClock, StoreDeps } from "../context.ts";
import { inForceIn } from "./in-force.ts";
import { type ReviewTrigger, raiseTriggerIn } from "./raise-trigger.ts";

export function raiseManualTrigger(
  { db, cache }: StoreDeps,
  ref: string,
  reason: string,
  ctx: ActorClock,
): Promise<ReviewTrigger> {
  return writeTransaction(db, cache, async (tx) => {
    const a = await inForceIn(tx, ref);
    if (!a.inForce)
      throw new DomainError(
        "conflict",
        `"${a.slug}" is ${a.status}: only an approved assessment can need a review`,
        { status: a.status },
      );
    return raiseTriggerIn(tx, a.id, "manual", reason, ctx);
  });
}
