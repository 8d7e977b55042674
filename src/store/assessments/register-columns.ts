/**
 * @module store/assessments/register-columns
 * The register columns of an assessment row: what the register lists, filters, sorts and
 * searches on, projected from the current version's content and evaluation each time a
 * version is saved, so a register query reads indexed columns and never a stored document.
 * Migration 0007 backfills the same projection in SQL (`searchText` and `purposeSummary`
 * must stay equal to it, which test/register-plans.test.ts checks).
 */
import type { Evaluation } from "../../core/rules/types.ts";
import type { AssessmentContent } from "../../core/workflow/recorded-status.ts";

/** The register shows this much of the purposes. */
export const PURPOSE_SUMMARY_CHARS = 300;

/** The purposes' descriptions, in order, joined and cut to what a register row shows. */
export function purposeSummary(doc: AssessmentContent): string {
  // Cut by characters (code points), as SQL's left() does in the backfill.
  return Array.from(doc.activity.purposes.map((p) => p.description).join("; "))
    .slice(0, PURPOSE_SUMMARY_CHARS)
    .join("");
}

/**
 * The text free-text search looks in: title, activity, id, purposes, data categories, data
 * subjects, recipients and the review owner (indexed as a `simple` tsvector, see list-register).
 */
export function searchText(doc: AssessmentContent): string {
  return [
    doc.title,
    doc.activity.name,
    doc.id,
    ...doc.activity.purposes.map((p) => p.description),
    ...doc.activity.dataCategories.map((c) => c.name),
    ...doc.activity.dataSubjects.map((s) => s.name),
    ...(doc.activity.recipients ?? []),
    doc.review?.owner ?? "",
  ]
    .filter((t) => t !== "")
    .join(" ");
}

export function registerColumns(doc: AssessmentContent, evaluation: Evaluation) {
  const next = evaluation.trace.facts.nextReview;
  return {
    slug: doc.id,
    title: doc.title,
    activityName: doc.activity.name,
    purposeSummary: purposeSummary(doc),
    owner: doc.review?.owner ?? null,
    searchText: searchText(doc),
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
