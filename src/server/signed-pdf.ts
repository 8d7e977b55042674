/**
 * @module server/signed-pdf
 * The renderer the store is opened with to keep a signed-off document: the LIA as a PDF,
 * with the built-in references. The store calls it inside the approval that completes a
 * sign-off (see store/sign-off/record-decision); it lives here because the store imports
 * nothing from render or content.
 */
import { loadReferences } from "../content/references.ts";
import { buildDocuments, documentContext, renderDocuments } from "../render/publish.ts";
import type { RenderSigned } from "../store/index.ts";

export const renderSignedPdf: RenderSigned = async (doc, today) => {
  const ctx = documentContext(today, loadReferences().references);
  const published = await renderDocuments(
    buildDocuments({ assessments: [doc] }, "pdf", "lia", ctx),
    "pdf",
  );
  if (typeof published.body === "string") throw new Error("the PDF renderer returned text");
  return { format: "pdf", bytes: published.body };
};
