/**
 * @module store/objections/record-objection
 * Recording an Art. 21 objection received against an assessment relying on legitimate
 * interests. The response is due after the LIA's own stated period
 * (lia.objection.responseDays), else the organisation's setting, else one calendar month.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "../../core/errors.ts";
import { objectionResponseDue } from "../../core/workflow/reviews.ts";
import { getAssessment } from "../assessments/get-assessment.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { objections } from "../schema.ts";
import { type ObjectionRecord, objectionIn } from "./list-objections.ts";
import { objectionSettingsIn } from "./objection-settings.ts";

export async function recordObjection(
  deps: StoreDeps,
  ref: string,
  input: { receivedOn: string; summary: string },
  ctx: WriteContext,
): Promise<ObjectionRecord> {
  const rec = await getAssessment(deps, ref);
  const bases = rec.document.decisions.map((d) => d.basis);
  if (!bases.includes("legitimate-interests")) {
    throw new DomainError(
      "conflict",
      `"${rec.slug}" does not rely on legitimate interests (decisions[].basis): an Art. 21 objection is recorded against legitimate-interests processing`,
      { field: "decisions[].basis", bases },
    );
  }
  if (input.receivedOn > ctx.today) {
    throw new DomainError("validation_failed", "receivedOn is after today", {
      issues: [{ path: "body.receivedOn", message: "must not be in the future" }],
    });
  }
  const days =
    rec.document.lia?.objection?.responseDays ?? (await objectionSettingsIn(deps.db)).responseDays;
  const responseDue = objectionResponseDue(input.receivedOn, { days });
  const id = randomUUID();
  await writeTransaction(deps.db, deps.cache, async (tx) => {
    await tx.insert(objections).values({
      id,
      assessmentId: rec.id,
      receivedOn: input.receivedOn,
      responseDue,
      summary: input.summary,
      decision: "pending",
      createdBy: ctx.actor,
      createdAt: ctx.now,
    });
    await appendAudit(
      tx,
      {
        actor: ctx.actor,
        action: "objection.recorded",
        entityId: id,
        data: { assessmentId: rec.id, receivedOn: input.receivedOn, responseDue },
      },
      ctx.now,
    );
  });
  return objectionIn(deps.db, id, ctx.today);
}
