/**
 * @module server/routes/objections
 * Art. 21 objections: record one against an assessment relying on legitimate interests,
 * decide it, list them (overdue responses flagged), and the organisation's response period.
 */

import { z } from "zod";
import { Objection, ObjectionList, ObjectionSettings } from "../../core/api/index.ts";
import { IsoDate } from "../../core/schema/common.ts";
import { canAdminister, canApprove, canEdit, canRead } from "../policies.ts";
import { defineRoute } from "../route.ts";
import { AssessmentRef } from "./assessments.ts";

const IdParams = z.strictObject({ id: AssessmentRef });
const Text = z.string().trim().min(1).max(5000);
const DEFAULT_PERIOD = "one calendar month (Art. 12(3))";

export function objectionRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/objections",
      summary: "The objections recorded against an assessment, overdue responses flagged",
      tag: "objections",
      policy: canRead,
      response: { json: ObjectionList },
      params: IdParams,
      async handler({ store, params, today }) {
        return { objections: await store.objections.list({ assessment: params.id }, today) };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments/:id/objections",
      summary:
        "Record an Art. 21 objection against an assessment relying on legitimate interests; the response date is computed",
      tag: "objections",
      policy: canEdit,
      response: { json: Objection },
      params: IdParams,
      body: z.strictObject({ receivedOn: IsoDate, summary: Text }),
      status: 201,
      async handler({ store, params, body, actor, now, today }) {
        return store.objections.record(params.id, body, { actor, now, today });
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/objections/:id/decision",
      summary:
        "Decide a pending objection, upheld or rejected, with the reasoning; upheld raises a review trigger",
      tag: "objections",
      policy: canApprove,
      response: { json: Objection },
      params: z.strictObject({ id: z.uuid() }),
      body: z.strictObject({ decision: z.enum(["upheld", "rejected"]), reasoning: Text }),
      async handler({ store, params, body, actor, now, today }) {
        return store.objections.decide(params.id, body, { actor, now, today });
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/objections",
      summary: "Every objection; overdue=true keeps pending ones past their response date",
      tag: "objections",
      policy: canRead,
      response: { json: ObjectionList },
      query: z.strictObject({
        overdue: z
          .enum(["true", "false"])
          .transform((v) => v === "true")
          .optional(),
      }),
      async handler({ store, query, today }) {
        return { objections: await store.objections.list({ overdue: query.overdue }, today) };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/settings/objections",
      summary: "The organisation's objection response period",
      tag: "objections",
      policy: canRead,
      response: { json: ObjectionSettings },
      async handler({ store }) {
        return { ...(await store.objections.settings()), default: DEFAULT_PERIOD };
      },
    }),
    defineRoute({
      method: "PUT",
      url: "/api/settings/objections",
      summary:
        "Set the response period in days (null: one calendar month); an LIA's own stated period still applies to it",
      tag: "objections",
      policy: canAdminister,
      response: { json: ObjectionSettings },
      body: z.strictObject({ responseDays: z.number().int().min(1).max(92).nullable() }),
      async handler({ store, body, actor, now }) {
        return {
          ...(await store.objections.setSettings(body, { actor, now })),
          default: DEFAULT_PERIOD,
        };
      },
    }),
  ];
}
