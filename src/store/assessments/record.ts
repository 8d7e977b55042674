/**
 * @module store/assessments/record
 * An assessment as the store returns it, and the version row it writes: every saved version
 * keeps its content, its evaluation (as of the day it was saved) and its finding codes.
 */
import { referenceIds } from "../../content/references.ts";
import { DomainError } from "../../core/errors.ts";
import { evaluate } from "../../core/evaluate.ts";
import type { Evaluation } from "../../core/rules/types.ts";
import type { Outcome, WorkflowState } from "../../core/vocabulary.ts";
import type { AssessmentContent } from "../../core/workflow/recorded-status.ts";
import type { WriteContext } from "../context.ts";

export interface AssessmentRecord {
  id: string;
  slug: string;
  title: string;
  /** The current version's workflow state (kept on the rows, not in the document). */
  status: WorkflowState;
  version: number;
  outcome: Outcome;
  updatedAt: string;
  document: AssessmentContent;
  evaluation: Evaluation;
}

export function evaluateForStore(doc: AssessmentContent, today: string): Evaluation {
  return evaluate(doc, { today, knownRefs: referenceIds() });
}

export function versionRow(
  id: string,
  version: number,
  doc: AssessmentContent,
  evaluation: Evaluation,
  status: WorkflowState,
  reason: string,
  ctx: WriteContext,
) {
  return {
    assessmentId: id,
    version,
    document: doc,
    evaluation,
    outcome: evaluation.outcome,
    findingCodes: evaluation.findings.map((f) => f.code),
    status,
    reason,
    createdBy: ctx.actor,
    createdAt: ctx.now,
  };
}

export function recordOf(
  id: string,
  version: number,
  doc: AssessmentContent,
  evaluation: Evaluation,
  status: WorkflowState,
  ctx: WriteContext,
): AssessmentRecord {
  return {
    id,
    slug: doc.id,
    title: doc.title,
    status,
    version,
    outcome: evaluation.outcome,
    updatedAt: ctx.now.toISOString(),
    document: doc,
    evaluation,
  };
}

function uniqueViolation(e: unknown): boolean {
  const code =
    (e as { code?: string; cause?: { code?: string } }).code ??
    (e as { cause?: { code?: string } }).cause?.code;
  return code === "23505";
}

/** A second assessment with the same slug: `conflict`, naming it. */
export function mapUnique(e: unknown, doc: AssessmentContent): unknown {
  return uniqueViolation(e)
    ? new DomainError("conflict", `an assessment with id "${doc.id}" already exists`, {
        slug: doc.id,
      })
    : e;
}
