/**
 * @module server/routes/sign-off
 * Sign-off over HTTP: the organisation's required roles, submitting a version for review,
 * approvers' decisions, retiring, the sign-off record of every version, and the kept
 * signed-off PDF. The state machine lives in core/workflow/sign-off and the transactions in
 * store/sign-off, which renders the kept PDF (with the renderer it was opened with) inside
 * the approval that completes a sign-off. Each route validates, calls the store once, and
 * presents the record.
 */

import { z } from "zod";
import { RequiredRoles, SignOffRecord } from "../../core/api/index.ts";
import { documentFileName } from "../../core/file-names.ts";
import { SignOffRole } from "../../core/schema/assessment.ts";
import { SIGN_OFF_DECISIONS } from "../../core/vocabulary.ts";
import type { SignOffOverview } from "../../store/index.ts";
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
    decision: z.enum(SIGN_OFF_DECISIONS),
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
    segregateDuties: o.segregateDuties,
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

export function signOffRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/settings/sign-off",
      summary:
        "The roles that must approve every assessment version (default: the DPO), and whether its author may not approve it (default: may not)",
      tag: "sign-off",
      policy: canRead,
      response: { json: RequiredRoles },
      async handler({ store }) {
        return store.signOff.settings();
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/settings/sign-off",
      summary:
        "Set the roles that must approve every assessment version, and whether the author of a version may not approve it",
      tag: "sign-off",
      policy: canAdminister,
      response: { json: RequiredRoles },
      body: z
        .strictObject({
          requiredRoles: z.array(SignOffRole).min(1).max(6).optional(),
          segregateDuties: z.boolean().optional(),
        })
        .refine((b) => b.requiredRoles !== undefined || b.segregateDuties !== undefined, {
          message: "give requiredRoles, segregateDuties or both",
        }),
      async handler({ store, body, actor, now, today }) {
        return store.signOff.setSettings(body, { actor, now, today });
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/sign-off",
      summary: "Status, required roles, decisions per version and the approved version",
      tag: "sign-off",
      policy: canRead,
      response: { json: SignOffRecord },
      params: IdParams,
      async handler({ store, params }) {
        return present(await store.signOff.overview(params.id));
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments/:id/submit",
      summary:
        "Submit for review (the working draft saved as a version first); refused while a blocker finding is open",
      tag: "sign-off",
      policy: canSubmit,
      response: { json: SignOffRecord },
      params: IdParams,
      body: z.strictObject({
        baseVersion: Version,
        /** The working draft's revision the submitter saw (0 or absent: none); it is saved as a version first. */
        draftRevision: z.number().int().min(0).optional(),
        /** The note kept with the version made from the draft. */
        note: z.string().trim().min(1).max(2000).optional(),
      }),
      async handler({ store, params, body, person }) {
        await store.signOff.submit(params.id, body.baseVersion, person, {
          revision: body.draftRevision ?? 0,
          note: body.note,
        });
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
      response: { json: SignOffRecord },
      params: IdParams,
      body: DecisionBody,
      async handler({ store, params, body, person }) {
        await store.signOff.decide(params.id, body, person);
        return present(await store.signOff.overview(params.id));
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments/:id/retire",
      summary: "Retire an assessment in force, with the reason; nothing is in force afterwards",
      tag: "sign-off",
      policy: canRetire,
      response: { json: SignOffRecord },
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
      response: { file: ["application/pdf"] },
      params: z.strictObject({ id: AssessmentRef, version: z.coerce.number().int().positive() }),
      async handler({ store, params, reply, actor, now }) {
        const file = await store.signOff.signedDocument(params.id, params.version);
        await store.audit.record(
          {
            actor,
            action: "assessment.document",
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
          `attachment; filename="${documentFileName(file.slug, "signed-off", params.version, "pdf")}"`,
        );
        return file.bytes;
      },
    }),
  ];
}
