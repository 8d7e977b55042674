/**
 * @module render/document-context
 * What document builders are given besides the assessment: the message catalogue, the
 * knowledge base, today's date, the stored record of the version (when there is one), the
 * organisation's branding and the screening questionnaires (and, per document, the rules
 * engine's result). Builders stay pure: nothing here reads a file or the clock. Also the small
 * wording helpers every document shares, so that "Not recorded" reads the same in the LIA, the
 * lawful-basis assessment and the register.
 */
import type { Questionnaire } from "../core/questionnaire/schema.ts";
import { LI_BASES } from "../core/rules/context.ts";
import type { Evaluation, Finding } from "../core/rules/types.ts";
import type { Assessment } from "../core/schema/index.ts";
import type { Branding } from "./branding.ts";
import type { DocumentRecord } from "./document-record.ts";
import { formatDate } from "./labels.ts";

/** A knowledge-base entry as the document needs it. */
export interface ReferenceEntry {
  title: string;
  citation: string;
  url?: string;
}

/** What every document needs: words for findings, the knowledge base, today's date. */
export interface DocumentContext {
  /** The message catalogue: a finding's sentence and how to resolve it. */
  describe: (finding: Finding) => { message: string; fix: string };
  /** The knowledge base: a reference id's title, citation and link, if known. */
  reference: (id: string) => ReferenceEntry | undefined;
  /** Today's date, YYYY-MM-DD: the document's date and the yardstick for an overdue review. */
  today: string;
  /**
   * The stored record of the version an assessment's document is made from (server). Absent,
   * or returning undefined, for a plain file: the document then says it is not from a record.
   */
  recordOf?: (assessment: Assessment) => DocumentRecord | undefined;
  /** The organisation's name, logo and colour for every page. */
  branding?: Branding;
  /** A screening questionnaire by id, to show an assessment's screening as answered. */
  questionnaire?: (id: string) => Questionnaire | undefined;
  /** Where an assessment's LIA or DPIA can be fetched (the server's download link). */
  documentLink?: (assessment: Assessment) => string | undefined;
}

/** Everything the LIA document needs besides the assessment itself. */
export interface LiaDocumentContext extends DocumentContext {
  /** The rules engine's result for this assessment. */
  evaluation: Evaluation;
}

/** For documents over several assessments: the rules engine's result for each. */
export interface MultiDocumentContext extends DocumentContext {
  evaluationOf: (assessment: Assessment) => Evaluation;
}

export const NOT_RECORDED = "Not recorded";
/** The review cadence when an assessment states none (one home: core/vocabulary). */
export { DEFAULT_REVIEW_MONTHS as DEFAULT_CADENCE_MONTHS } from "../core/vocabulary.ts";

export { LI_BASES };

/** The next review date as the engine computed it (a stated date, or the cadence from the latest review). */
export function nextReviewDate(_a: Assessment, evaluation: Evaluation): string | undefined {
  const fact = evaluation.trace.facts.nextReview;
  return typeof fact === "string" ? fact : undefined;
}

/** `14 November 2026`, with "(overdue)" when it is before today; "Not recorded" when unknown. */
export function nextReviewText(a: Assessment, evaluation: Evaluation, today: string): string {
  const next = nextReviewDate(a, evaluation);
  if (next === undefined) return NOT_RECORDED;
  return next < today ? `${formatDate(next)} (overdue)` : formatDate(next);
}

export function dateOr(date: string | undefined): string {
  return date === undefined ? NOT_RECORDED : formatDate(date);
}

export function joinOr(items: string[], empty: string): string {
  return items.length > 0 ? items.join("; ") : empty;
}
