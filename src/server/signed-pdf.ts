/**
 * @module server/signed-pdf
 * The renderer the store is opened with to keep a signed-off document: the LIA as a PDF, with
 * the built-in references, in the organisation's branding, and with the standing the version
 * has once the sign-off completes (approved today, each approver named) as its record. The
 * store calls it inside the approval that completes a sign-off (see
 * store/sign-off/record-decision); it lives here because the store imports nothing from
 * render or content.
 */
import { loadReferences } from "../content/references.ts";
import type { Branding } from "../render/branding.ts";
import type { DocumentRecord } from "../render/document-record.ts";
import { buildDocuments, documentContext, renderDocuments } from "../render/publish.ts";
import type { RenderSigned } from "../store/index.ts";

/** A renderer of signed-off PDFs in the given branding. */
export function signedPdfRenderer(branding?: Branding): RenderSigned {
  return async (doc, today, signing) => {
    const record: DocumentRecord = {
      version: signing.version,
      status: "approved",
      date: today,
      decisions: signing.approvals.map((a) => ({
        role: a.role,
        name: a.name,
        decision: "approved" as const,
        date: a.date,
        comment: a.comment,
      })),
      required: [...signing.required],
    };
    const ctx = documentContext(today, loadReferences().references, {
      recordOf: () => record,
      ...(branding ? { branding } : {}),
    });
    const published = await renderDocuments(
      buildDocuments({ assessments: [doc] }, "pdf", "lia", ctx),
      "pdf",
      branding ? { branding } : undefined,
    );
    if (typeof published.body === "string") throw new Error("the PDF renderer returned text");
    return { format: "pdf", bytes: published.body };
  };
}

/** The renderer without branding, for tests and stores opened outside `basis serve`. */
export const renderSignedPdf: RenderSigned = signedPdfRenderer();
