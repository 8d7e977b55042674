/**
 * @module store/assessments/row-json
 * An assessment's row and a version's row as JSON text under their SQL column names, for
 * statements that take rows as one JSON parameter and turn them back into rows with
 * `json_populate_record(set)`: a bulk import writes a batch of a thousand with one statement
 * per table, and an update writes its row and version with one. The document and evaluation
 * are serialised before the transaction opens (`versionJson`), so the transaction does no
 * JSON work of its own.
 */
import { sql } from "drizzle-orm";
import type { Evaluation } from "../../core/rules/types.ts";
import type { WorkflowState } from "../../core/vocabulary.ts";
import type { AssessmentContent } from "../../core/workflow/recorded-status.ts";
import { registerColumns } from "./register-columns.ts";

const columns = (names: readonly string[]) => sql.raw(names.map((n) => `"${n}"`).join(", "));

/** The register columns under their SQL names. */
const REGISTER_COLUMNS = [
  "slug",
  "title",
  "activity_name",
  "purpose_summary",
  "owner",
  "search_text",
  "bases",
  "outcome",
  "blockers",
  "warnings",
  "next_review",
  "special_category",
  "children",
] as const;

/** An update's columns: the register's, the state, the version and the time. */
export const UPDATE_COLUMNS = columns([
  ...REGISTER_COLUMNS,
  "status",
  "current_version",
  "updated_at",
]);

/** The same columns read from a populated record `r`. */
export const UPDATE_VALUES = sql.raw(
  [...REGISTER_COLUMNS, "status", "current_version", "updated_at"]
    .map((n) => `r."${n}"`)
    .join(", "),
);

/** A new assessment's columns (generated and defaulted ones are left to the database). */
export const ASSESSMENT_COLUMNS = columns([
  "id",
  ...REGISTER_COLUMNS,
  "status",
  "current_version",
  "approved_version",
  "created_at",
  "updated_at",
]);

export const VERSION_COLUMNS = columns([
  "assessment_id",
  "version",
  "document",
  "evaluation",
  "outcome",
  "finding_codes",
  "status",
  "reason",
  "created_by",
  "created_at",
]);

/** The register columns of a content and its evaluation, as JSON members (no braces). */
export function registerMembers(content: AssessmentContent, evaluation: Evaluation): string {
  const c = registerColumns(content, evaluation);
  return JSON.stringify({
    slug: c.slug,
    title: c.title,
    activity_name: c.activityName,
    purpose_summary: c.purposeSummary,
    owner: c.owner,
    search_text: c.searchText,
    bases: c.bases,
    outcome: c.outcome,
    blockers: c.blockers,
    warnings: c.warnings,
    next_review: c.nextReview,
    special_category: c.specialCategory,
    children: c.children,
  }).slice(1, -1);
}

/** What a version's row takes from its content: made once, before any transaction. */
export interface SerialisedVersion {
  /** The register columns, as JSON members. */
  register: string;
  /** The document, evaluation, outcome and finding codes, as JSON members. */
  body: string;
}

export function serialiseVersion(
  content: AssessmentContent,
  evaluation: Evaluation,
): SerialisedVersion {
  return {
    register: registerMembers(content, evaluation),
    body: `"document":${JSON.stringify(content)},"evaluation":${JSON.stringify(evaluation)},"outcome":${JSON.stringify(evaluation.outcome)},"finding_codes":${JSON.stringify(evaluation.findings.map((f) => f.code))}`,
  };
}

/** A version's row as JSON text (its assessment null when the statement fills it in). */
export function versionJson(
  s: SerialisedVersion,
  assessmentId: string | null,
  version: number,
  status: WorkflowState,
  reason: string,
  actor: string,
  at: Date,
): string {
  return `{"assessment_id":${JSON.stringify(assessmentId)},"version":${version},${s.body},"status":${JSON.stringify(status)},"reason":${JSON.stringify(reason)},"created_by":${JSON.stringify(actor)},"created_at":${JSON.stringify(at)}}`;
}
