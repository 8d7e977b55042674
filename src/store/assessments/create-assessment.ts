/**
 * @module store/assessments/create-assessment
 * A new assessment, evaluated and saved as version 1 in one audited transaction. The status
 * a document records is a hint for the state it starts in (see core/workflow/recorded-status);
 * whether to trust it is the caller's policy, so an untrusted file arrives without one.
 */
import { randomUUID } from "node:crypto";
import type { Assessment } from "../../core/schema/index.ts";
import { contentOf, initialState } from "../../core/workflow/recorded-status.ts";
import { appendAudit, type WriteTx, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { assessments, assessmentVersions } from "../schema.ts";
import {
  type AssessmentRecord,
  evaluateForStore,
  mapUnique,
  recordOf,
  versionRow,
} from "./record.ts";
import { registerColumns } from "./register-columns.ts";

export async function createAssessment(
  { db, cache }: StoreDeps,
  doc: Assessment,
  ctx: WriteContext,
  reason = "created",
): Promise<AssessmentRecord> {
  try {
    return await writeTransaction(db, cache, (tx) => createIn(tx, doc, ctx, reason));
  } catch (e) {
    throw mapUnique(e, doc);
  }
}

/** Create inside the caller's transaction (import creates several in one). */
export async function createIn(
  tx: WriteTx,
  doc: Assessment,
  ctx: WriteContext,
  reason: string,
): Promise<AssessmentRecord> {
  const content = contentOf(doc);
  const { state, inForce } = initialState(doc.status);
  const evaluation = evaluateForStore(content, ctx.today);
  const id = randomUUID();
  await tx.insert(assessments).values({
    id,
    ...registerColumns(content, evaluation),
    status: state,
    currentVersion: 1,
    approvedVersion: inForce ? 1 : null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await tx
    .insert(assessmentVersions)
    .values(versionRow(id, 1, content, evaluation, state, reason, ctx));
  await appendAudit(
    tx,
    {
      actor: ctx.actor,
      action: "assessment.create",
      entityId: id,
      data: { slug: content.id, version: 1, outcome: evaluation.outcome, reason },
    },
    ctx.now,
  );
  return recordOf(id, 1, content, evaluation, state, ctx);
}
