/**
 * @module store/sign-off/record-decision
 * An approver's decision on the version in review. A rejection returns it to draft. The
 * approval that completes the required roles (the state machine says when) makes the version
 * approved and in force, supersedes the one before, and keeps the signed-off document,
 * rendered then by the store's `renderSigned`, all in one transaction: the PDF is rendered
 * once, only for the approval that completes, from the decisions the store holds.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { DomainError } from "../../core/errors.ts";
import type { SignOffRole, WorkflowState } from "../../core/vocabulary.ts";
import { signedDocument } from "../../core/workflow/signed-document.ts";
import type { AssessmentHead } from "../assessment-ref.ts";
import { setCurrentStatusIn, setVersionStatusIn } from "../assessments/version-status.ts";
import { type WriteTx, writeTransaction } from "../audit.ts";
import type { PersonContext, RenderSigned, SignedFile, StoreDeps } from "../context.ts";
import { approvals, assessmentVersions, signedDocuments } from "../schema.ts";
import { auditSignOff, decideOrThrow, lockedFactsIn, personOf } from "./sign-off-facts.ts";

export interface DecisionInput {
  version: number;
  role: SignOffRole;
  decision: "approve" | "reject";
  comment?: string | undefined;
}

export interface DecisionResult {
  status: WorkflowState;
  approvedVersion: number | null;
  completes: boolean;
}

/** Record the decision on the assessment `ref` (id or slug), on the version in review. */
export async function recordDecision(
  { db, cache, renderSigned }: StoreDeps,
  ref: string,
  input: DecisionInput,
  ctx: PersonContext,
): Promise<DecisionResult> {
  return writeTransaction(db, cache, async (tx) => {
    const { a, facts, decisions } = await lockedFactsIn(tx, ref, input.version);
    const signer = ctx.actor;
    const person = await personOf(tx, signer);
    const outcome = decideOrThrow(
      facts,
      input.decision === "approve"
        ? { action: "approve", role: input.role, signer, person }
        : { action: "reject", role: input.role, signer, comment: input.comment },
      ctx.role,
    );
    const signed = outcome.completes
      ? await renderIn(tx, renderSigned, a, facts.required, decisions, input, ctx)
      : undefined;
    await tx.insert(approvals).values({
      id: randomUUID(),
      assessmentId: a.id,
      version: a.currentVersion,
      role: input.role,
      userId: ctx.userId ?? null,
      signer,
      signerName: ctx.name,
      decision: input.decision,
      comment: input.comment?.trim() || null,
      createdAt: ctx.now,
    });
    await auditSignOff(tx, ctx, "assessment.decision", a, {
      version: a.currentVersion,
      role: input.role,
      decision: input.decision,
      comment: input.comment ?? null,
    });
    let approvedVersion = a.approvedVersion;
    if (input.decision === "reject") {
      await setCurrentStatusIn(tx, a, outcome.next, ctx.now);
      await auditSignOff(tx, ctx, "assessment.rejected", a, {
        version: a.currentVersion,
        role: input.role,
        ...(input.comment ? { comment: input.comment } : {}),
      });
    } else if (signed) {
      const previous = a.approvedVersion;
      const supersedes = previous !== null && previous !== a.currentVersion ? previous : null;
      if (supersedes !== null) {
        await setVersionStatusIn(tx, a.id, supersedes, "superseded");
        await auditSignOff(tx, ctx, "assessment.superseded", a, {
          version: supersedes,
          by: a.currentVersion,
        });
      }
      const content = Buffer.from(signed.bytes);
      const sha256 = createHash("sha256").update(content).digest("hex");
      await tx.insert(signedDocuments).values({
        assessmentId: a.id,
        version: a.currentVersion,
        format: signed.format,
        content,
        sha256,
        createdAt: ctx.now,
      });
      await setCurrentStatusIn(tx, a, "approved", ctx.now, { approvedVersion: a.currentVersion });
      approvedVersion = a.currentVersion;
      await auditSignOff(tx, ctx, "assessment.approved", a, {
        version: a.currentVersion,
        roles: [...facts.required],
        superseded: supersedes,
        document: { format: signed.format, sha256 },
      });
    }
    return { status: outcome.next, approvedVersion, completes: outcome.completes };
  });
}

/**
 * The signed-off file of the version in review as it reads once this approval is recorded:
 * its content, approved, with the earlier approvals and this one as sign-off records.
 */
async function renderIn(
  tx: WriteTx,
  renderSigned: RenderSigned | undefined,
  a: AssessmentHead,
  required: readonly SignOffRole[],
  earlier: readonly (typeof approvals.$inferSelect)[],
  input: DecisionInput,
  ctx: PersonContext,
): Promise<SignedFile> {
  if (!renderSigned)
    throw new DomainError(
      "signed_document_required",
      "this approval completes the sign-off, but this store cannot render the signed-off document to keep with it",
    );
  const rows = await tx
    .select({ document: assessmentVersions.document })
    .from(assessmentVersions)
    .where(
      and(
        eq(assessmentVersions.assessmentId, a.id),
        eq(assessmentVersions.version, a.currentVersion),
      ),
    );
  const approvalsInOrder = [
    ...earlier
      .filter((d) => d.decision === "approve")
      .map((d) => ({
        role: d.role,
        name: d.signerName,
        date: d.createdAt.toISOString().slice(0, 10),
        comment: d.comment,
      })),
    { role: input.role, name: ctx.name, date: ctx.today, comment: input.comment ?? null },
  ];
  const content = rows[0]?.document;
  if (!content) throw new DomainError("not_found", `no version ${a.currentVersion} of "${a.slug}"`);
  const doc = signedDocument(content, required, approvalsInOrder);
  return renderSigned(doc, ctx.today, {
    version: a.currentVersion,
    required,
    approvals: approvalsInOrder,
  });
}
