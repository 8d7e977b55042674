/**
 * @module store/sign-off/record-decision
 * An approver's decision on the version in review. A rejection returns it to draft. The
 * approval that completes the required roles makes the version approved and in force,
 * supersedes the one before, and keeps the signed-off document, all in one transaction.
 */
import { createHash, randomUUID } from "node:crypto";
import { DomainError } from "../../core/errors.ts";
import type { SignOffRole, WorkflowState } from "../../core/workflow/sign-off.ts";
import { expectVersion, lockHead } from "../assessment-ref.ts";
import { setCurrentStatusIn, setVersionStatusIn } from "../assessments/version-status.ts";
import { writeTransaction } from "../audit.ts";
import type { PersonContext, StoreDeps } from "../context.ts";
import { approvals, signedDocuments } from "../schema.ts";
import { auditSignOff, decideOrThrow, factsIn } from "./sign-off-facts.ts";

export interface DecisionInput {
  version: number;
  role: SignOffRole;
  decision: "approve" | "reject";
  comment?: string | undefined;
}

/** The signed-off file, rendered by the caller (the store does not render). */
export interface SignedFile {
  format: "pdf";
  bytes: Uint8Array;
}

export interface DecisionResult {
  status: WorkflowState;
  approvedVersion: number | null;
  completes: boolean;
}

/**
 * Record the decision on the assessment `ref` (id or slug). The approval that completes the
 * sign-off keeps `signed`, which must then be given (else `signed_document_required`).
 */
export async function recordDecision(
  { db, cache }: StoreDeps,
  ref: string,
  input: DecisionInput,
  ctx: PersonContext,
  signed?: SignedFile,
): Promise<DecisionResult> {
  return writeTransaction(db, cache, async (tx) => {
    const a = await lockHead(tx, ref);
    expectVersion(a, input.version);
    const facts = await factsIn(tx, a);
    const signer = ctx.actor;
    const outcome = decideOrThrow(
      facts,
      input.decision === "approve"
        ? { action: "approve", role: input.role, signer }
        : { action: "reject", role: input.role, signer, comment: input.comment },
      ctx.role,
    );
    if (outcome.completes && !signed)
      throw new DomainError(
        "signed_document_required",
        "this approval completes the sign-off: the signed-off document must be kept with it",
      );
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
      });
    } else if (outcome.completes && signed) {
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
        content: content.toString("base64"),
        sha256,
        createdAt: ctx.now,
      });
      await setCurrentStatusIn(tx, a, "approved", ctx.now, { approvedVersion: a.currentVersion });
      approvedVersion = a.currentVersion;
      await auditSignOff(tx, ctx, "assessment.approved", a, {
        version: a.currentVersion,
        roles: facts.required,
        superseded: supersedes,
        document: { format: signed.format, sha256 },
      });
    }
    return { status: outcome.next, approvedVersion, completes: outcome.completes };
  });
}
