/**
 * @module render/publish
 * From assessments to a finished file, one way for every caller (the CLI and the API): pick
 * the document (LIA, lawful-basis assessment, notice or the Art. 30 register), build the
 * model once, render it in the format asked for. The heavy renderers (PDF, Word, XLSX) are
 * loaded only when asked for.
 */
import { evaluate } from "../core/evaluate.ts";
import { describeFinding } from "../core/messages/en.ts";
import type { Reference } from "../core/references.ts";
import type { Evaluation } from "../core/rules/types.ts";
import type { Assessment, Register } from "../core/schema/index.ts";
import type { MultiDocumentContext } from "./document-context.ts";
import { toHtml } from "./html.ts";
import { buildLawfulBasisDocument } from "./lawful-basis-document.ts";
import { buildLiaDocument } from "./lia-document.ts";
import { toMarkdown } from "./markdown.ts";
import type { Doc } from "./model.ts";
import { buildNoticeDocument } from "./notice-document.ts";
import { toPlainText } from "./plain-text.ts";
import { REGISTER_COLUMNS, registerRows } from "./register-rows.ts";
import { toCsv } from "./spreadsheet.ts";

export const RENDER_FORMATS = ["md", "html", "pdf", "docx", "notice"] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];
export const DOCUMENTS = ["lia", "lawful-basis"] as const;
export type DocumentKind = (typeof DOCUMENTS)[number];
export const REGISTER_FORMATS = ["csv", "xlsx"] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

export interface Published {
  body: string | Uint8Array;
  contentType: string;
  extension: string;
}

/** The context every document builder needs, with evaluations computed once per assessment. */
export function documentContext(
  today: string,
  references: readonly Reference[],
): MultiDocumentContext {
  const refs = new Map(references.map((r) => [r.id, r]));
  const knownRefs = new Set(refs.keys());
  const evaluations = new WeakMap<Assessment, Evaluation>();
  return {
    today,
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

/** The document models for assessments (or a register, which keeps its own title). */
export function buildDocuments(
  source: { assessments: Assessment[]; register?: Register | undefined },
  format: RenderFormat,
  kind: DocumentKind,
  ctx: MultiDocumentContext,
): Doc[] {
  if (format === "notice") return [buildNoticeDocument(source.assessments, ctx)];
  if (kind === "lawful-basis")
    return [buildLawfulBasisDocument(source.register ?? source.assessments, ctx)];
  return source.assessments.map((a) =>
    buildLiaDocument(a, { ...ctx, evaluation: ctx.evaluationOf(a) }),
  );
}

export async function renderDocuments(docs: Doc[], format: RenderFormat): Promise<Published> {
  switch (format) {
    case "md":
      return {
        body: docs.map(toMarkdown).join("\n\n---\n\n"),
        contentType: "text/markdown; charset=utf-8",
        extension: "md",
      };
    case "html":
      return { body: toHtml(docs), contentType: "text/html; charset=utf-8", extension: "html" };
    case "notice":
      return {
        body: docs.map(toPlainText).join("\n"),
        contentType: "text/plain; charset=utf-8",
        extension: "txt",
      };
    case "pdf": {
      const { toPdf } = await import("./pdf.ts");
      return { body: await toPdf(docs), contentType: "application/pdf", extension: "pdf" };
    }
    case "docx": {
      const { toDocx } = await import("./docx.ts");
      return {
        body: await toDocx(docs),
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
  return {
    body: await toXlsx(REGISTER_COLUMNS, rows),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
  };
}
