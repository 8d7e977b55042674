/**
 * @module server/routes/documents
 * Download the documents: an assessment's LIA (or its lawful-basis assessment, privacy
 * notice or screening record) in any format, of its current version or of any stored one; the
 * lawful-basis assessment of the register; and the Art. 30 register as CSV or XLSX. The
 * register's downloads take the register page's search, filters and sort, so they hold the
 * activities the page shows, in its order.
 * Each document states the version, status and sign-off the store records for it, in the
 * organisation's branding. Every download is recorded in the audit trail.
 */
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { documentFileName, registerFileName } from "../../core/file-names.ts";
import type { Assessment } from "../../core/schema/index.ts";
import {
  buildDocuments,
  DOCUMENTS,
  type Published,
  REGISTER_FORMATS,
  RENDER_FORMATS,
  renderDocuments,
  renderRegister,
} from "../../render/publish.ts";
import { storedDocumentContext } from "../document-context.ts";
import { canRead } from "../policies.ts";
import { defineRoute } from "../route.ts";
import { AssessmentRef, isFiltered, RegisterView } from "./assessments.ts";

/** The content types `renderDocuments` and `renderRegister` answer with. */
const DOCUMENT_TYPES = [
  "text/markdown",
  "text/html",
  "text/plain",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
] as const;
const REGISTER_TYPES = [
  "text/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
] as const;

const DocumentQuery = z.strictObject({
  format: z.enum(RENDER_FORMATS).default("md"),
  document: z.enum(DOCUMENTS).default("lia"),
  /** A stored version; the current one when left out. */
  version: z.coerce.number().int().positive().optional(),
});

/** Answers with the file, named `file`. */
function send(reply: FastifyReply, published: Published, file: string): string | Buffer {
  reply.header("content-type", published.contentType);
  reply.header("content-disposition", `attachment; filename="${file}"`);
  return typeof published.body === "string" ? published.body : Buffer.from(published.body);
}

/** The view an export was taken of, for the audit trail (only what was given). */
function viewOf(view: RegisterView): { view?: Record<string, string | boolean> } {
  const given = Object.entries(view).filter(
    (e): e is [string, string | boolean] => e[1] !== undefined && e[1] !== "",
  );
  return given.length > 0 ? { view: Object.fromEntries(given) } : {};
}

export function documentRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/document",
      summary:
        "The LIA, lawful-basis assessment, privacy notice or screening record of an assessment's current (or a stored) version, as md, html, pdf, docx or notice text",
      tag: "documents",
      policy: canRead,
      response: { file: DOCUMENT_TYPES },
      params: z.strictObject({
        id: AssessmentRef,
      }),
      query: DocumentQuery,
      async handler({ store, deps, params, query, request, reply, actor, now, today }) {
        const current = await store.assessments.get(params.id);
        const version = query.version ?? current.version;
        const doc: Assessment =
          version === current.version
            ? current.document
            : (await store.assessments.version(current.id, version)).document;
        const ctx = await storedDocumentContext(
          store,
          deps,
          request,
          today,
          [doc],
          new Map([[doc, version]]),
        );
        const docs = buildDocuments({ assessments: [doc] }, query.format, query.document, ctx);
        const published = await renderDocuments(docs, query.format, { branding: deps.branding });
        await store.audit.record(
          {
            actor,
            action: "assessment.document",
            entityId: current.id,
            data: { version, format: query.format, document: query.document },
          },
          now,
        );
        return send(
          reply,
          published,
          documentFileName(current.slug, query.document, version, query.format),
        );
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/register/document",
      summary:
        "The lawful-basis assessment (or every LIA, or the notice text) of the register, or of the activities a search or filter selects",
      tag: "documents",
      policy: canRead,
      response: { file: DOCUMENT_TYPES },
      query: RegisterView.extend({
        format: z.enum(RENDER_FORMATS).default("html"),
        document: z.enum(DOCUMENTS).default("lawful-basis"),
      }),
      async handler({ store, deps, query, request, reply, actor, now, today }) {
        const { format, document, ...view } = query;
        const assessments = await store.assessments.allDocuments(view);
        const ctx = await storedDocumentContext(store, deps, request, today, assessments);
        const published = await renderDocuments(
          buildDocuments({ assessments }, query.format, query.document, ctx),
          query.format,
          { branding: deps.branding },
        );
        await store.audit.record(
          {
            actor,
            action: "register.document",
            entityId: "all",
            data: { count: assessments.length, format, document, ...viewOf(view) },
          },
          now,
        );
        return send(reply, published, registerFileName(document, format, today, isFiltered(view)));
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/register/export",
      summary:
        "The record of processing activities (Art. 30) as CSV or XLSX: the whole register, or the activities a search or filter selects",
      tag: "documents",
      policy: canRead,
      response: { file: REGISTER_TYPES },
      query: RegisterView.extend({ format: z.enum(REGISTER_FORMATS).default("csv") }),
      async handler({ store, deps, query, request, reply, actor, now, today }) {
        const { format, ...view } = query;
        const assessments = await store.assessments.allDocuments(view);
        const published = await renderRegister(
          assessments,
          format,
          await storedDocumentContext(store, deps, request, today, assessments),
        );
        await store.audit.record(
          {
            actor,
            action: "register.export",
            entityId: "all",
            data: { count: assessments.length, format, ...viewOf(view) },
          },
          now,
        );
        return send(reply, published, registerFileName("art30", format, today, isFiltered(view)));
      },
    }),
  ];
}
