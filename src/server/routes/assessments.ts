/**
 * @module server/routes/assessments
 * Assessments (one processing activity each) with evaluation on every save, their versions
 * and diffs, the Art. 30 register view, and YAML import and export.
 */

import { z } from "zod";
import { loadTemplate } from "../../content/templates.ts";
import {
  AssessmentPage,
  AssessmentView,
  ExportedAssessments,
  ImportResults,
  RegisterPage,
  VersionDetail,
  VersionDiff,
  VersionList,
} from "../../core/api/index.ts";
import { diffDocuments } from "../../core/diff.ts";
import { DomainError } from "../../core/errors.ts";
import { parseYaml } from "../../core/parse.ts";
import {
  ASSESSMENT_FORMAT,
  Assessment,
  BasisFile,
  Id,
  Organisation,
  ProcessingActivity,
  registerAssessments,
  registerFile,
} from "../../core/schema/index.ts";
import { toYaml } from "../../core/serialize.ts";
import { OutcomeSchema, REGISTER_SORTS, WorkflowStateSchema } from "../../core/vocabulary.ts";
import { asFile } from "../../core/workflow/recorded-status.ts";
import type { Principal } from "../../store/accounts.ts";
import type { AssessmentSummary } from "../../store/index.ts";
import { canAdminister, canEdit, canRead } from "../policies.ts";
import { presentAssessment } from "../presenters.ts";
import { defineRoute, jsonOnce } from "../route.ts";

const SCHEMA_URL = "https://basis.invalid/schema/assessment.schema.json";
/** An assessment is addressed by its uuid or by its slug (the file's id). */
export const AssessmentRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "use the assessment's id or slug");
const IdParams = z.strictObject({ id: AssessmentRef });
const VersionParams = z.strictObject({
  id: AssessmentRef,
  version: z.coerce.number().int().positive(),
});
const flag = z.enum(["true", "false"]).transform((v) => v === "true");

const ListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  outcome: OutcomeSchema.optional(),
  status: WorkflowStateSchema.optional(),
  basis: z.string().max(60).optional(),
  specialCategory: flag.optional(),
  children: flag.optional(),
  reviewDueBefore: z.iso.date().optional(),
  sort: z.enum(REGISTER_SORTS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
  /** The `next` or `prev` of an earlier answer: that page, read from the index at its row. */
  cursor: z.string().max(4000).optional(),
});

/** The register page's filter, search and sort without paging: what its exports take. */
export const RegisterView = ListQuery.omit({ page: true, pageSize: true, cursor: true });
export type RegisterView = z.infer<typeof RegisterView>;

/** Whether a view selects activities (a search or a filter), not only orders them. */
export function isFiltered(view: RegisterView): boolean {
  const { sort: _order, q, ...filters } = view;
  return (
    (q !== undefined && q.trim() !== "") || Object.values(filters).some((v) => v !== undefined)
  );
}

// Serialised bodies of cached store results, one map per presentation (see jsonOnce).
const listBodies = new WeakMap<object, string>();
const registerBodies = new WeakMap<object, string>();
const assessmentBodies = new WeakMap<object, string>();

function registerRow(s: AssessmentSummary) {
  return {
    assessmentId: s.id,
    slug: s.slug,
    name: s.activityName,
    purpose: s.purposeSummary,
    owner: s.owner,
    bases: s.bases,
    outcome: s.outcome,
    status: s.status,
    nextReview: s.nextReview,
    specialCategory: s.specialCategory,
    children: s.children,
    blockers: s.blockers,
    updatedAt: s.updatedAt,
  };
}

/**
 * A file may record a status reached elsewhere (approved, in review): a hint for the state a
 * new assessment starts in. Only an admin's is taken; anyone else's file arrives as a draft,
 * so Basis's sign-off cannot be skipped by creating or importing a document that says it was
 * approved.
 */
function asRecordedBy(principal: Principal, doc: Assessment): Assessment {
  if (canAdminister(principal) || doc.status === undefined) return doc;
  const { status: _untrusted, ...content } = doc;
  return content;
}

export function assessmentRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/assessments",
      summary: "List assessments with search, filters, sorting and pagination",
      tag: "assessments",
      policy: canRead,
      response: { json: AssessmentPage },
      query: ListQuery,
      async handler({ store, query, reply }) {
        const page = await store.assessments.list(query);
        return jsonOnce(reply, listBodies, page, () => page);
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments",
      summary: "Create an assessment; it is evaluated and saved as version 1",
      tag: "assessments",
      policy: canEdit,
      response: { json: AssessmentView },
      status: 201,
      body: z.strictObject({ document: Assessment }),
      async handler({ store, body, principal, actor, now, today }) {
        return presentAssessment(
          await store.assessments.create(asRecordedBy(principal, body.document), {
            actor,
            now,
            today,
          }),
        );
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id",
      summary: "The current version of an assessment (by id or slug) with its evaluation",
      tag: "assessments",
      policy: canRead,
      response: { json: AssessmentView },
      params: IdParams,
      async handler({ store, params, reply }) {
        const record = await store.assessments.get(params.id);
        return jsonOnce(reply, assessmentBodies, record, () => presentAssessment(record));
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/assessments/:id",
      summary:
        "Save a new version on top of baseVersion, with a note; from the working draft with draftRevision; 409 when stale",
      tag: "assessments",
      policy: canEdit,
      response: { json: AssessmentView },
      params: IdParams,
      body: z.strictObject({
        baseVersion: z.number().int().positive(),
        document: Assessment,
        /** The note kept with the version: why it was saved (required to change an approved one). */
        reason: z.string().trim().min(1).max(2000).optional(),
        /** Saved from the working draft at this revision, which it then replaces (409 if it changed). */
        draftRevision: z.number().int().min(0).optional(),
      }),
      async handler({ store, params, body, actor, now, today }) {
        try {
          return presentAssessment(
            await store.assessments.update(
              params.id,
              body.baseVersion,
              body.document,
              { actor, now, today },
              body.reason,
              body.draftRevision,
            ),
          );
        } catch (e) {
          // An approved version is immutable: the new version must say why it changes.
          if (e instanceof DomainError && e.code === "reason_required")
            throw new DomainError("validation_failed", e.message, {
              issues: [{ path: "body.reason", message: e.message }],
            });
          throw e;
        }
      },
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/assessments/:id",
      summary: "Delete an assessment with no approved version",
      tag: "assessments",
      policy: canEdit,
      response: { empty: true },
      params: IdParams,
      query: z.strictObject({ baseVersion: z.coerce.number().int().positive() }),
      status: 204,
      async handler({ store, params, query, actor, now, today }) {
        await store.assessments.delete(params.id, query.baseVersion, { actor, now, today });
        return null;
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/versions",
      summary: "Every version of an assessment",
      tag: "versions",
      policy: canRead,
      response: { json: VersionList },
      params: IdParams,
      async handler({ store, params }) {
        return { versions: await store.assessments.versions(params.id) };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/versions/:version",
      summary: "One version of an assessment",
      tag: "versions",
      policy: canRead,
      response: { json: VersionDetail },
      params: VersionParams,
      async handler({ store, params }) {
        return store.assessments.version(params.id, params.version);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/diff",
      summary: "A readable diff between two versions",
      tag: "versions",
      policy: canRead,
      response: { json: VersionDiff },
      params: IdParams,
      query: z.strictObject({
        from: z.coerce.number().int().positive(),
        to: z.coerce.number().int().positive(),
      }),
      async handler({ store, params, query }) {
        const [a, b] = await Promise.all([
          store.assessments.version(params.id, query.from),
          store.assessments.version(params.id, query.to),
        ]);
        return { from: query.from, to: query.to, changes: diffDocuments(a.document, b.document) };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/export",
      summary: "The current version as a YAML assessment file",
      tag: "import-export",
      policy: canRead,
      response: { file: ["application/yaml"] },
      params: IdParams,
      async handler({ store, params, reply, actor, now }) {
        const current = await store.assessments.get(params.id);
        await store.audit.record(
          {
            actor,
            action: "assessment.export",
            entityId: current.id,
            data: { version: current.version },
          },
          now,
        );
        reply.header("content-type", "application/yaml; charset=utf-8");
        reply.header("content-disposition", `attachment; filename="${current.slug}.yaml"`);
        return toYaml(asFile(current.document, current.status), SCHEMA_URL);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/export",
      summary:
        "Every assessment's current document: JSON, or with format=yaml one register file (one controller)",
      tag: "import-export",
      policy: canRead,
      response: { json: ExportedAssessments, file: ["application/yaml"] },
      query: z.strictObject({ format: z.enum(["json", "yaml"]).optional() }),
      async handler({ store, query, reply, actor, now }) {
        const docs = await store.assessments.allDocuments();
        await store.audit.record(
          {
            actor,
            action: "register.export",
            entityId: "all",
            data: { count: docs.length, format: query.format ?? "json" },
          },
          now,
        );
        if (query.format !== "yaml") return { format: ASSESSMENT_FORMAT, assessments: docs };
        const register = registerFile(docs);
        reply.header("content-type", "application/yaml; charset=utf-8");
        reply.header("content-disposition", 'attachment; filename="register.yaml"');
        return toYaml(register, SCHEMA_URL);
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/import",
      summary:
        "Import a YAML assessment or register file: new ids are created, changed ones get a new version",
      tag: "import-export",
      policy: canEdit,
      response: { json: ImportResults },
      rawBody: true,
      body: z.string({
        error: "send the YAML file as the body with content-type application/yaml",
      }),
      async handler({ store, body, principal, actor, now, today }) {
        const parsed = parseYaml(body, BasisFile);
        if (!parsed.ok) {
          throw new DomainError(
            "validation_failed",
            `invalid file: ${parsed.errors[0]?.path || `line ${parsed.errors[0]?.line}`}: ${parsed.errors[0]?.message}`,
            { issues: parsed.errors },
          );
        }
        const docs =
          parsed.value.kind === "register" ? registerAssessments(parsed.value) : [parsed.value];
        return {
          results: await store.assessments.importDocuments(
            docs.map((d) => asRecordedBy(principal, d)),
            { actor, now, today },
          ),
        };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/activities",
      summary: "The register of processing activities (Art. 30), one row per assessment",
      tag: "register",
      policy: canRead,
      response: { json: RegisterPage },
      query: ListQuery,
      async handler({ store, query, reply }) {
        const page = await store.assessments.list(query);
        return jsonOnce(reply, registerBodies, page, () => ({
          ...page,
          items: page.items.map(registerRow),
        }));
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/activities",
      summary:
        "Record a processing activity, from scratch or from a template, as a new draft assessment",
      tag: "register",
      policy: canEdit,
      response: { json: AssessmentView },
      status: 201,
      body: z.strictObject({
        id: Id,
        title: z.string().trim().min(1).max(500),
        organisation: Organisation,
        template: Id.optional(),
        activity: ProcessingActivity.optional(),
      }),
      async handler({ store, body, actor, now, today }) {
        let base: Assessment;
        if (body.template) {
          try {
            base = loadTemplate(body.template);
          } catch (e) {
            throw new DomainError("validation_failed", (e as Error).message, {
              issues: [{ path: "body.template", message: (e as Error).message }],
            });
          }
        } else if (body.activity) {
          base = {
            format: ASSESSMENT_FORMAT,
            kind: "assessment",
            id: body.id,
            title: body.title,
            organisation: body.organisation,
            activity: body.activity,
            decisions: [],
          };
        } else {
          throw new DomainError("validation_failed", "give an activity or a template", {
            issues: [{ path: "body.activity", message: "give an activity or a template" }],
          });
        }
        const doc: Assessment = {
          ...base,
          id: body.id,
          title: body.title,
          status: "draft",
          organisation: body.organisation,
          ...(body.activity ? { activity: body.activity } : {}),
        };
        return presentAssessment(await store.assessments.create(doc, { actor, now, today }));
      },
    }),
  ];
}
