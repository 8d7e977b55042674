/**
 * @module core/workflow/signed-document
 * The document a completed sign-off keeps: the approved version's content as it reads once
 * approved, with the approvals as its sign-off records. Built here from the decisions the
 * store holds, so the signed-off file says what the store recorded.
 */
import type { Assessment } from "../schema/index.ts";
import type { SignOffRole } from "../vocabulary.ts";
import { type AssessmentContent, asFile } from "./recorded-status.ts";

/** An approval as the signed-off document lists it. */
export interface SignedApproval {
  role: SignOffRole;
  /** The signer's name when they signed; null when none was known. */
  name: string | null;
  /** The day of the approval (YYYY-MM-DD). */
  date: string;
  comment: string | null;
}

/**
 * The version's content, approved, with `required` and each approval (in the order given,
 * the completing one last) as its sign-off record.
 */
export function signedDocument(
  content: AssessmentContent,
  required: readonly SignOffRole[],
  approvalsInOrder: readonly SignedApproval[],
): Assessment {
  return {
    ...asFile(content, "approved"),
    signOff: {
      required: [...required],
      records: approvalsInOrder.map((a) => ({
        role: a.role,
        decision: "approved" as const,
        date: a.date,
        ...(a.name ? { name: a.name } : {}),
        ...(a.comment ? { comment: a.comment } : {}),
      })),
    },
  };
}
