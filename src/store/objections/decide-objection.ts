/**
 * @module store/objections/decide-objection
 * Deciding a pending objection, upheld or rejected, with the reasoning. An upheld objection
 * raises an objection-upheld review trigger in the same transaction, so the LIA it
 * undermines shows "review needed" from the moment the decision is recorded. A decided
 * objection is not decided again (`conflict`).
 */
import { and, eq } from "drizzle-orm";
import { DomainError } from "../../core/errors.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { raiseTriggerIn } from "../reviews/raise-trigger.ts";
import { objections } from "../schema.ts";
import { type ObjectionRecord, objectionIn } from "./list-objections.ts";

export async function decideObjection(
  { db, cache }: StoreDeps,
  id: string,
  input: { decision: "upheld" | "rejected"; reasoning: string },
  ctx: WriteContext,
): Promise<ObjectionRecord> {
  await writeTransaction(db, cache, async (tx) => {
    const updated = await tx
      .update(objections)
      .set({
        decision: input.decision,
        reasoning: input.reasoning,
        decidedBy: ctx.actor,
        decidedOn: ctx.today,
      })
      .where(and(eq(objections.id, id), eq(objections.decision, "pending")))
      .returning();
    const o = updated[0];
    if (!o) {
      const exists = await tx
        .select({ decision: objections.decision })
        .from(objections)
        .where(eq(objections.id, id));
      if (exists.length === 0) throw new DomainError("not_found", `no objection "${id}"`);
      throw new DomainError("conflict", `the objection was already ${exists[0]?.decision}`, {
        decision: exists[0]?.decision,
      });
    }
    await appendAudit(
      tx,
      {
        actor: ctx.actor,
        action: "objection.decided",
        entityId: id,
        data: { assessmentId: o.assessmentId, decision: input.decision },
      },
      ctx.now,
    );
    if (input.decision === "upheld") {
      await raiseTriggerIn(
        tx,
        o.assessmentId,
        "objection-upheld",
        `Objection received ${o.receivedOn} was upheld on ${ctx.today}: ${input.reasoning}`,
        ctx,
      );
    }
  });
  return objectionIn(db, id, ctx.today);
}
