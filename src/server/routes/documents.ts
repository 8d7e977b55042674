/**
 * @module server/routes/documents
 * Download the documents: an assessment's LIA (or its lawful-basis assessment or notice
 * text) in any format, the lawful-basis assessment of the whole register, and the Art. 30
 * register as CSV or XLSX. Every download is recorded in the audit trail.
 */
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { loadReferences } from "../../content/references.ts";
import { asFile } from "../../core/workflow/recorded-status.ts";
import {
  buildDocuments,
  DOCUMENTS,
  documentContext,
  type Published,
  REGISTER_FORMATS,
  RENDER_FORMATS,
  renderDocuments,
  renderRegister,
} from "../../render/publish.ts";
import { canRead } from "../policies.ts";
import { defineRoute } from "../route.ts";
import { AssessmentRef } from "./assessments.ts";

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
});

function send(reply: FastifyReply, published: Published, name: string): string | Buffer {
  reply.header("content-type", published.contentType);
  reply.header("content-disposition", `attachment; filename="${name}.${published.extension}"`);
  return typeof published.body === "string" ? published.body : Buffer.from(published.body);
}

export function documentRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/document",
      summary:
        "The assessment's LIA, lawful-basis assessment or notice text as md, html, pdf, docx or notice",
      tag: "documents",
      policy: canRead,
      response: { file: DOCUMENT_TYPES },
      params: z.strictObject({
        id: AssessmentRef,
      }),
      query: DocumentQuery,
      async handler({ store, params, query, reply, actor, now, today }) {
        const current = await store.assessments.get(params.id);
        const ctx = documentContext(today, loadReferences().references);
        const docs = buildDocuments(
          { assessments: [asFile(current.document, current.status)] },
          query.format,
          query.document,
          ctx,
        );
        const published = await renderDocuments(docs, query.format);
        await store.audit.record(
          {
            actor,
            action: "assessment.document",
            entityId: current.id,
            data: { version: current.version, format: query.format, document: query.document },
          },
          now,
        );
        return send(reply, published, `${current.slug}-v${current.version}`);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/register/document",
      summary:
        "The lawful-basis assessment (or every LIA, or the notice text) of the whole register",
      tag: "documents",
      policy: canRead,
      response: { file: DOCUMENT_TYPES },
      query: z.strictObject({
        format: z.enum(RENDER_FORMATS).default("html"),
        document: z.enum(DOCUMENTS).default("lawful-basis"),
      }),
      async handler({ store, query, reply, actor, now, today }) {
        const assessments = await store.assessments.allDocuments();
        const ctx = documentContext(today, loadReferences().references);
        const published = await renderDocuments(
          buildDocuments({ assessments }, query.format, query.document, ctx),
          query.format,
        );
        await store.audit.record(
          {
            actor,
            action: "register.document",
            entityId: "all",
            data: { count: assessments.length, format: query.format, document: query.document },
          },
          now,
        );
        return send(reply, published, `register-${query.document}`);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/register/export",
      summary: "The record of processing activities (Art. 30) as CSV or XLSX",
      tag: "documents",
      policy: canRead,
      response: { file: REGISTER_TYPES },
      query: z.strictObject({ format: z.enum(REGISTER_FORMATS).default("csv") }),
      async handler({ store, query, reply, actor, now, today }) {
        const assessments = await store.assessments.allDocuments();
        const published = await renderRegister(
          assessments,
          query.format,
          documentContext(today, loadReferences().references),
        );
        await store.audit.record(
          {
            actor,
            action: "register.export",
            entityId: "all",
            data: { count: assessments.length, format: query.format },
          },
          now,
        );
        return send(reply, published, "register-art30");
      },
    }),
  ];
}
