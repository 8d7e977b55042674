/**
 * @module server/routes/sign-off
 * Sign-off over HTTP: the organisation's required roles, submitting a version for review,
 * approvers' decisions, retiring, the sign-off record of every version, and the kept
 * signed-off PDF. The state machine lives in core/workflow/sign-off and the transactions in
 * store/sign-off; the PDF is rendered here, before the store is called, because the store
 * does not render.
 */
import { z } from "zod";
import { loadReferences } from "../../content/references.ts";
import { DomainError } from "../../core/errors.ts";
import { type Assessment, SignOffRole } from "../../core/schema/assessment.ts";
import { asFile } from "../../core/workflow/recorded-status.ts";
import { buildDocuments, documentContext, renderDocuments } from "../../render/publish.ts";
import type {
  DecisionInput,
  PersonContext,
  SignedFile,
  SignOffOverview,
  Store,
} from "../../store/index.ts";
import { canAdminister, canApprove, canRead, canRetire, canSubmit } from "../policies.ts";
import { defineRoute } from "../route.ts";
import { AssessmentRef } from "./assessments.ts";

const IdParams = z.strictObject({ id: AssessmentRef });
const Version = z.number().int().positive();
const Comment = z.string().trim().min(1).max(5000);

const DecisionBody = z
  .strictObject({
    version: Version,
    role: SignOffRole,
    decision: z.enum(["approve", "reject"]),
    comment: Comment.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.decision === "reject" && b.comment === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: "a rejection needs a comment saying what to change",
      });
  });

/** The sign-off record as the API presents it. */
function present(o: SignOffOverview) {
  return {
    assessmentId: o.assessmentId,
    slug: o.slug,
    status: o.status,
    currentVersion: o.currentVersion,
    approvedVersion: o.approvedVersion,
    /** The version in force: none once retired. */
    inForce: o.status === "retired" ? null : o.approvedVersion,
    requiredRoles: o.required,
    openComments: o.openComments,
    retired: o.retired,
    versions: o.versions.map((v) => ({
      ...v,
      approvedRoles: v.decisions.filter((d) => d.decision === "approve").map((d) => d.role),
      pendingRoles:
        v.version === o.currentVersion && o.status === "in_review"
          ? o.required.filter((r) => !v.decisions.some((d) => d.role === r))
          : [],
      signedDocument: v.signed.includes("pdf")
        ? `/api/assessments/${o.slug}/signed/${v.version}`
        : null,
    })),
  };
}

/**
 * The signed-off PDF of `version` as it will read once this approval is recorded: the
 * version's document with its status approved and the decisions as its sign-off records.
 */
async function renderSigned(
  store: Store,
  o: SignOffOverview,
  input: DecisionInput,
  signer: PersonContext,
): Promise<SignedFile> {
  const v = await store.assessments.version(o.assessmentId, input.version);
  const earlier = o.versions.find((x) => x.version === input.version)?.decisions ?? [];
  const records = [
    ...earlier
      .filter((d) => d.decision === "approve")
      .map((d) => ({
        role: d.role,
        name: d.signerName,
        date: d.at.slice(0, 10),
        comment: d.comment,
      })),
    { role: input.role, name: signer.name, date: signer.today, comment: input.comment ?? null },
  ].map((r) => ({
    role: r.role,
    decision: "approved" as const,
    date: r.date,
    ...(r.name ? { name: r.name } : {}),
    ...(r.comment ? { comment: r.comment } : {}),
  }));
  const doc: Assessment = {
    ...asFile(v.document, "approved"),
    signOff: { required: o.required, records },
  };
  const ctx = documentContext(signer.today, loadReferences().references);
  const published = await renderDocuments(
    buildDocuments({ assessments: [doc] }, "pdf", "lia", ctx),
    "pdf",
  );
  if (typeof published.body === "string") throw new Error("the PDF renderer returned text");
  return { format: "pdf", bytes: published.body };
}

/** Whether this decision would complete the sign-off, as far as the record shows now. */
function wouldComplete(o: SignOffOverview, input: DecisionInput): boolean {
  if (input.decision !== "approve") return false;
  const decided = o.versions.find((v) => v.version === input.version)?.decisions ?? [];
  const approved = new Set(decided.filter((d) => d.decision === "approve").map((d) => d.role));
  return o.required.every((r) => r === input.role || approved.has(r));
}

export function signOffRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/settings/sign-off",
      summary: "The roles that must approve every assessment version (default: the DPO)",
      tag: "sign-off",
      policy: canRead,
      async handler({ store }) {
        return { requiredRoles: await store.signOff.requiredRoles() };
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/settings/sign-off",
      summary: "Set the roles that must approve every assessment version",
      tag: "sign-off",
      policy: canAdminister,
      body: z.strictObject({ requiredRoles: z.array(SignOffRole).min(1).max(6) }),
      async handler({ store, body, actor, now, today }) {
        return {
          requiredRoles: await store.signOff.setRequiredRoles(body.requiredRoles, {
            actor,
            now,
            today,
          }),
        };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/sign-off",
      summary: "Status, required roles, decisions per version and the approved version",
      tag: "sign-off",
      policy: canRead,
      params: IdParams,
      async handler({ store, params }) {
        return present(await store.signOff.overview(params.id));
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments/:id/submit",
      summary: "Submit the current version for review; refused while a blocker finding is open",
      tag: "sign-off",
      policy: canSubmit,
      params: IdParams,
      body: z.strictObject({ baseVersion: Version }),
      async handler({ store, params, body, person }) {
        await store.signOff.submit(params.id, body.baseVersion, person);
        return present(await store.signOff.overview(params.id));
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments/:id/decisions",
      summary:
        "Approve or reject the version in review as one required role (a rejection needs a comment)",
      tag: "sign-off",
      policy: canApprove,
      params: IdParams,
      body: DecisionBody,
      async handler({ store, params, body, person }) {
        const ctx = person;
        const input: DecisionInput = {
          version: body.version,
          role: body.role,
          decision: body.decision,
          comment: body.comment,
        };
        let overview = await store.signOff.overview(params.id);
        let signed = wouldComplete(overview, input)
          ? await renderSigned(store, overview, input, ctx)
          : undefined;
        try {
          await store.signOff.decide(params.id, input, ctx, signed);
        } catch (e) {
          // Another approver signed meanwhile, so this approval completes it after all.
          if (!(e instanceof DomainError && e.code === "signed_document_required")) throw e;
          overview = await store.signOff.overview(params.id);
          signed = await renderSigned(store, overview, input, ctx);
          await store.signOff.decide(params.id, input, ctx, signed);
        }
        return present(await store.signOff.overview(params.id));
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments/:id/retire",
      summary: "Retire an assessment in force, with the reason; nothing is in force afterwards",
      tag: "sign-off",
      policy: canRetire,
      params: IdParams,
      body: z.strictObject({ baseVersion: Version, reason: Comment }),
      async handler({ store, params, body, person }) {
        await store.signOff.retire(params.id, body.baseVersion, body.reason, person);
        return present(await store.signOff.overview(params.id));
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/signed/:version",
      summary: "The signed-off PDF kept when a version was approved",
      tag: "sign-off",
      policy: canRead,
      params: z.strictObject({ id: AssessmentRef, version: z.coerce.number().int().positive() }),
      async handler({ store, params, reply, actor, now }) {
        const file = await store.signOff.signedDocument(params.id, params.version);
        await store.audit.record(
          {
            actor,
            action: "assessment.document",
            entityType: "assessment",
            entityId: file.assessmentId,
            data: {
              version: params.version,
              format: "pdf",
              document: "signed",
              sha256: file.sha256,
            },
          },
          now,
        );
        reply.header("content-type", "application/pdf");
        reply.header(
          "content-disposition",
          `attachment; filename="${file.slug}-v${params.version}-signed.pdf"`,
        );
        return file.bytes;
      },
    }),
  ];
}
