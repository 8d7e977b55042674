/**
 * @module server/routes/drafts
 * The working draft of an assessment: what its editors are writing, autosaved without making
 * a version. Saves and discards name the version they were written on and the draft revision
 * they replace; a stale one gets 409 (`stale_version`, `stale_draft`) with what is there now.
 * A version is made from the draft by `PUT /api/assessments/:id` with `draftRevision` and a
 * note, or by submitting it for review.
 */
import { z } from "zod";
import { WorkingDraftAnswer } from "../../core/api/index.ts";
import { Assessment } from "../../core/schema/index.ts";
import { canEdit } from "../policies.ts";
import { defineRoute } from "../route.ts";
import { AssessmentRef } from "./assessments.ts";

const IdParams = z.strictObject({ id: AssessmentRef });
/** The draft revision the client last saw; 0 when it saw none. */
const Revision = z.number().int().min(0);

export function draftRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/draft",
      summary: "The working draft of an assessment, or null when there is none",
      tag: "drafts",
      // Editors write it; only they need to read what is not a version yet.
      policy: canEdit,
      response: { json: WorkingDraftAnswer },
      params: IdParams,
      async handler({ store, params }) {
        return { draft: await store.drafts.get(params.id) };
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/assessments/:id/draft",
      summary:
        "Autosave the working draft on top of baseVersion and the draft revision last seen; no version is made",
      tag: "drafts",
      policy: canEdit,
      response: { json: WorkingDraftAnswer },
      params: IdParams,
      body: z.strictObject({
        baseVersion: z.number().int().positive(),
        revision: Revision,
        document: Assessment,
      }),
      async handler({ store, params, body, actor, now, today }) {
        return {
          draft: await store.drafts.save(params.id, body, { actor, now, today }),
        };
      },
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/assessments/:id/draft",
      summary: "Discard the working draft (back to the current version), naming its revision",
      tag: "drafts",
      policy: canEdit,
      response: { empty: true },
      params: IdParams,
      query: z.strictObject({ revision: z.coerce.number().int().min(0) }),
      status: 204,
      async handler({ store, params, query, actor, now, today }) {
        await store.drafts.discard(params.id, query.revision, { actor, now, today });
        return null;
      },
    }),
  ];
}
