/**
 * @module core/api/assessments
 * What the API answers about assessments: the presented evaluation (findings with their
 * sentences), an assessment with its current version, the register pages, versions and
 * diffs, imports and exports. The server's routes declare these as their responses (the
 * compiler checks each handler against them and the OpenAPI document is generated from
 * them) and the web app takes its types from them.
 */
import { z } from "zod";
import type { Evaluation, Trace } from "../rules/types.ts";
import { Assessment } from "../schema/assessment.ts";
import { LawfulBasis } from "../schema/common.ts";
import { OutcomeSchema, WorkflowStateSchema } from "../vocabulary.ts";

const Timestamp = z.string().describe("ISO 8601 date and time");
const Day = z.string().describe("YYYY-MM-DD");

/** The engine's trace: what decided the outcome and what would change it (shape in core/rules/types). */
export const TraceSchema = z.custom<Trace>(() => true).describe("What decided the outcome");

export const PresentedFinding = z.strictObject({
  code: z.string(),
  severity: z.enum(["blocker", "warning", "info"]),
  path: z.string(),
  /** The finding's heading; the browser's own evaluation gives it, the server's does not. */
  title: z.string().optional(),
  message: z.string(),
  fix: z.string(),
  refs: z.array(z.string()),
});
export type PresentedFinding = z.infer<typeof PresentedFinding>;

/** An evaluation with each finding's sentences from the message catalogue. */
export const PresentedEvaluation = z.strictObject({
  outcome: OutcomeSchema,
  findings: z.array(PresentedFinding),
  trace: TraceSchema,
});
export type PresentedEvaluation = z.infer<typeof PresentedEvaluation>;

/** An assessment document as stored: its content, without the workflow status. */
export const AssessmentContentSchema = Assessment.omit({ status: true });

/** An assessment's current version; its status stands beside the document, not in it. */
export const AssessmentView = z.strictObject({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  status: WorkflowStateSchema,
  version: z.number().int(),
  outcome: OutcomeSchema,
  updatedAt: Timestamp,
  document: AssessmentContentSchema,
  evaluation: PresentedEvaluation,
});
export type AssessmentView = z.infer<typeof AssessmentView>;

/** A page of a list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    items: z.array(item),
    total: z.number().int(),
    /** False when the total is an estimate (a search or a combination of filters matching many). */
    totalExact: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /**
     * How many pages can be asked by number (`?page=`): every page of the whole register or of
     * a single filter; for a search, a review date or filters combined, the pages that start
     * within its first 1,000 activities. Those after are reached one at a time by `next`.
     */
    numberedPages: z.number().int(),
    /**
     * Opaque cursors of the pages after and before this one (`?cursor=`), null at either end:
     * the next or previous page is then read from the sort's index at its first row, however
     * deep it is, and the total is not counted again.
     */
    next: z.string().nullable(),
    prev: z.string().nullable(),
  });
}

/** One assessment as the register lists it (no document: a page stays small). */
export const AssessmentSummary = z.strictObject({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  activityName: z.string(),
  /** The purposes' descriptions, cut to 300 characters. */
  purposeSummary: z.string(),
  /** Who owns the review, when the document names one. */
  owner: z.string().nullable(),
  status: WorkflowStateSchema,
  version: z.number().int(),
  bases: z.array(LawfulBasis),
  outcome: OutcomeSchema,
  blockers: z.number().int(),
  warnings: z.number().int(),
  nextReview: Day.nullable(),
  specialCategory: z.boolean(),
  children: z.boolean(),
  updatedAt: Timestamp,
});
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;
export const AssessmentPage = pageOf(AssessmentSummary);

/** One row of the register of processing activities (Art. 30). */
export const RegisterRow = z.strictObject({
  assessmentId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  /** The purposes' descriptions, cut to 300 characters. */
  purpose: z.string(),
  owner: z.string().nullable(),
  bases: z.array(LawfulBasis),
  outcome: OutcomeSchema,
  status: WorkflowStateSchema,
  nextReview: Day.nullable(),
  specialCategory: z.boolean(),
  children: z.boolean(),
  blockers: z.number().int(),
  updatedAt: Timestamp,
});
export type RegisterRow = z.infer<typeof RegisterRow>;
export const RegisterPage = pageOf(RegisterRow);

export const VersionSummary = z.strictObject({
  version: z.number().int(),
  status: WorkflowStateSchema,
  outcome: OutcomeSchema,
  findingCodes: z.array(z.string()),
  /** The note saved with the version (why it was made), or the workflow's reason. */
  reason: z.string().nullable(),
  createdBy: z.string(),
  /** Who saved it, by name: the user's or the API token's; null when that account is gone. */
  createdByName: z.string().nullable(),
  createdAt: Timestamp,
});
export type VersionSummary = z.infer<typeof VersionSummary>;
export const VersionList = z.strictObject({ versions: z.array(VersionSummary) });

/** One saved version, with its evaluation as stored when it was saved (finding codes, no sentences). */
export const VersionDetail = z.strictObject({
  version: z.number().int(),
  status: WorkflowStateSchema,
  outcome: OutcomeSchema,
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  document: AssessmentContentSchema,
  evaluation: z.custom<Evaluation>(() => true),
});
export type VersionDetail = z.infer<typeof VersionDetail>;

export const Change = z.strictObject({
  path: z.string(),
  op: z.enum(["added", "removed", "changed"]),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});
export type Change = z.infer<typeof Change>;
export const VersionDiff = z.strictObject({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(Change),
});

export const ImportResults = z.strictObject({
  results: z.array(
    z.strictObject({
      slug: z.string(),
      result: z.enum(["created", "updated", "unchanged"]),
      version: z.number().int(),
    }),
  ),
});

/** Every assessment's current document as a file (its status written in). */
export const ExportedAssessments = z.strictObject({
  format: z.string(),
  assessments: z.array(Assessment),
});

/**
 * The working draft of an assessment: what its editors are writing on top of `baseVersion`,
 * saved as they type without making a version. `revision` counts its saves; a save or a
 * discard names the revision it replaces, and a stale one is refused (409 `stale_draft`).
 */
export const WorkingDraftView = z.strictObject({
  baseVersion: z.number().int(),
  revision: z.number().int(),
  document: AssessmentContentSchema,
  updatedBy: z.string(),
  updatedByName: z.string().nullable(),
  updatedAt: Timestamp,
});
export type WorkingDraftView = z.infer<typeof WorkingDraftView>;
/** The working draft, or null when the current version is all there is. */
export const WorkingDraftAnswer = z.strictObject({ draft: WorkingDraftView.nullable() });
export type WorkingDraftAnswer = z.infer<typeof WorkingDraftAnswer>;
