/**
 * @module render/publish
 * From assessments to a finished file, one way for every caller (the CLI and the API): pick
 * the document (LIA, DPIA, lawful-basis assessment, notice or the Art. 30 register), build the
 * model once, render it in the format asked for. The heavy renderers (PDF, Word, XLSX) are
 * loaded only when asked for.
 */
import { DomainError } from "../core/errors.ts";
import { evaluate } from "../core/evaluate.ts";
import { describeFinding } from "../core/messages/en.ts";
import type { Questionnaire } from "../core/questionnaire/schema.ts";
import type { Reference } from "../core/references.ts";
import type { Evaluation } from "../core/rules/types.ts";
import type { Assessment, Register } from "../core/schema/index.ts";
import type { Branding } from "./branding.ts";
import { LI_BASES, type MultiDocumentContext } from "./document-context.ts";
import type { DocumentRecord } from "./document-record.ts";
import { buildDpiaDocument } from "./dpia-document.ts";
import { toHtml } from "./html.ts";
import { buildLawfulBasisDocument } from "./lawful-basis-document.ts";
import { buildLiaDocument } from "./lia-document.ts";
import { toMarkdown } from "./markdown.ts";
import type { Doc } from "./model.ts";
import { buildNoticeDocument } from "./notice-document.ts";
import { toPlainText } from "./plain-text.ts";
import { REGISTER_COLUMNS, registerRows } from "./register-rows.ts";
import { buildScreeningDocument, screeningOf } from "./screening-document.ts";
import { toCsv } from "./spreadsheet.ts";

/** `notice` is the privacy-notice wording as plain text, to paste into a web page. */
export const RENDER_FORMATS = ["md", "html", "pdf", "docx", "notice"] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];
export const DOCUMENTS = ["lia", "lawful-basis", "notice", "screening", "dpia"] as const;
export type DocumentKind = (typeof DOCUMENTS)[number];
export const REGISTER_FORMATS = ["csv", "xlsx"] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

export interface Published {
  body: string | Uint8Array;
  contentType: string;
  extension: string;
}

/** What a caller may add to the context: the store's records, the branding, questionnaires. */
export interface ContextExtras {
  recordOf?: (assessment: Assessment) => DocumentRecord | undefined;
  branding?: Branding | undefined;
  questionnaires?: readonly Questionnaire[];
  documentLink?: (assessment: Assessment) => string | undefined;
}

/** The context every document builder needs, with evaluations computed once per assessment. */
export function documentContext(
  today: string,
  references: readonly Reference[],
  extras: ContextExtras = {},
): MultiDocumentContext {
  const refs = new Map(references.map((r) => [r.id, r]));
  const knownRefs = new Set(refs.keys());
  const evaluations = new WeakMap<Assessment, Evaluation>();
  const questionnaires = new Map((extras.questionnaires ?? []).map((q) => [q.id, q]));
  return {
    today,
    ...(extras.recordOf ? { recordOf: extras.recordOf } : {}),
    ...(extras.branding ? { branding: extras.branding } : {}),
    ...(extras.documentLink ? { documentLink: extras.documentLink } : {}),
    questionnaire: (id) => questionnaires.get(id),
    describe: (f) => describeFinding(f),
    reference: (id) => refs.get(id),
    evaluationOf: (a) => {
      let e = evaluations.get(a);
      if (!e) {
        e = evaluate(a, { today, knownRefs });
        evaluations.set(a, e);
      }
      return e;
    },
  };
}

/** Whether an assessment has an LIA to print: one recorded, or a purpose relying on it. */
export function hasLia(a: Assessment): boolean {
  return (
    a.lia !== undefined || a.decisions.some((d) => d.basis !== undefined && LI_BASES.has(d.basis))
  );
}

/**
 * The document models for assessments (or a register, which keeps its own title). An LIA is
 * made only for an activity that has one or relies on legitimate interests (an empty LIA is
 * never printed); with none, `not_found`.
 */
export function buildDocuments(
  source: { assessments: Assessment[]; register?: Register | undefined },
  format: RenderFormat,
  kind: DocumentKind,
  ctx: MultiDocumentContext,
): Doc[] {
  if (format === "notice" || kind === "notice")
    return [buildNoticeDocument(source.assessments, ctx)];
  if (kind === "lawful-basis")
    return [buildLawfulBasisDocument(source.register ?? source.assessments, ctx)];
  if (kind === "screening") {
    const docs = source.assessments.flatMap((a) => {
      const found = screeningOf(a, ctx.questionnaire);
      if (found === undefined) return [];
      if (typeof found === "string") throw new DomainError("validation_failed", found);
      const meta = {
        assessor: a.screening?.assessor,
        date: a.screening?.date,
        activity: a.activity.name,
        organisation: ctx.branding?.name ?? a.organisation.name,
      };
      return [buildScreeningDocument(found.q, found.run, meta, ctx)];
    });
    if (docs.length === 0)
      throw new DomainError("not_found", "no screening is attached to this assessment");
    return docs;
  }
  if (kind === "dpia") {
    const withDpia = source.assessments.filter((a) => a.dpia !== undefined);
    if (withDpia.length === 0)
      throw new DomainError(
        "not_found",
        "no DPIA is recorded here: add a dpia section to the assessment (its DPIA screening says whether one is needed)",
      );
    return withDpia.map((a) => buildDpiaDocument(a, { ...ctx, evaluation: ctx.evaluationOf(a) }));
  }
  const withLia = source.assessments.filter(hasLia);
  if (withLia.length === 0)
    throw new DomainError(
      "not_found",
      "no activity here relies on legitimate interests, so there is no LIA to make (the lawful-basis assessment covers every activity)",
    );
  return withLia.map((a) => buildLiaDocument(a, { ...ctx, evaluation: ctx.evaluationOf(a) }));
}

/** How a document is rendered besides its format: the organisation's branding. */
export interface RenderOptions {
  branding?: Branding | undefined;
}

export async function renderDocuments(
  docs: Doc[],
  format: RenderFormat,
  options: RenderOptions = {},
): Promise<Published> {
  switch (format) {
    case "md":
      return {
        body: docs.map(toMarkdown).join("\n\n---\n\n"),
        contentType: "text/markdown; charset=utf-8",
        extension: "md",
      };
    case "html":
      return {
        body: toHtml(docs, options),
        contentType: "text/html; charset=utf-8",
        extension: "html",
      };
    case "notice":
      return {
        body: docs.map(toPlainText).join("\n"),
        contentType: "text/plain; charset=utf-8",
        extension: "txt",
      };
    case "pdf": {
      const { toPdf } = await import("./pdf.ts");
      return { body: await toPdf(docs, options), contentType: "application/pdf", extension: "pdf" };
    }
    case "docx": {
      const { toDocx } = await import("./docx.ts");
      return {
        body: await toDocx(docs, options),
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        extension: "docx",
      };
    }
  }
}

/** The Art. 30 register as CSV or XLSX, one row per activity. */
export async function renderRegister(
  assessments: readonly Assessment[],
  format: RegisterFormat,
  ctx: MultiDocumentContext,
): Promise<Published> {
  const rows = registerRows(assessments, ctx);
  if (format === "csv")
    return {
      body: toCsv(REGISTER_COLUMNS, rows),
      contentType: "text/csv; charset=utf-8",
      extension: "csv",
    };
  const { toXlsx } = await import("./spreadsheet.ts");
  const first = assessments[0];
  return {
    body: await toXlsx(REGISTER_COLUMNS, rows, {
      organisation: ctx.branding?.name ?? first?.organisation.name ?? "",
      today: ctx.today,
      branding: ctx.branding,
    }),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
  };
}
