/**
 * @module store/assessments/register-columns
 * The register columns of an assessment row: what the register lists, filters and sorts on,
 * projected from the current version's content and evaluation each time a version is saved.
 */
import type { Evaluation } from "../../core/rules/types.ts";
import type { AssessmentContent } from "../../core/workflow/recorded-status.ts";

export function registerColumns(doc: AssessmentContent, evaluation: Evaluation) {
  const next = evaluation.trace.facts.nextReview;
  return {
    slug: doc.id,
    title: doc.title,
    activityName: doc.activity.name,
    bases: [
      ...new Set(
        doc.decisions
          .map((d) => d.basis)
          .filter((b): b is NonNullable<typeof b> => b !== undefined),
      ),
    ],
    outcome: evaluation.outcome,
    blockers: evaluation.findings.filter((f) => f.severity === "blocker").length,
    warnings: evaluation.findings.filter((f) => f.severity === "warning").length,
    nextReview: typeof next === "string" ? next : null,
    specialCategory: doc.activity.dataCategories.some((c) => c.specialCategory !== undefined),
    children: doc.activity.dataSubjects.some((s) => s.children === true),
  };
}
