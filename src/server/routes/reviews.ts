/**
 * @module server/routes/reviews
 * Reviews: the overdue, due-soon and review-needed lists, manual review triggers, recording
 * a review, and running a reminder tick on demand.
 */

import { z } from "zod";
import {
  RaisedTrigger,
  RecordedReview,
  ReminderRun,
  ReviewOverview,
} from "../../core/api/index.ts";
import { runReminders } from "../../notify/run-reminders.ts";
import { reminderDays } from "../../notify/timer.ts";
import { transportFromEnv } from "../../notify/transports.ts";
import { canAdminister, canEdit, canRead } from "../policies.ts";
import { defineRoute } from "../route.ts";
import { AssessmentRef } from "./assessments.ts";

const IdParams = z.strictObject({ id: AssessmentRef });
const Reason = z.string().trim().min(1).max(2000);

export function reviewRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/reviews",
      summary:
        "Overdue reviews, reviews due within `days` (default 90), and approved assessments needing a review, with the reasons",
      tag: "reviews",
      policy: canRead,
      response: { json: ReviewOverview },
      query: z.strictObject({ days: z.coerce.number().int().min(0).max(366).optional() }),
      async handler({ store, query, today }) {
        return store.reviews.overview(today, query.days ?? 90);
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments/:id/review-triggers",
      summary: "Mark an approved assessment as needing a review, with the reason (manual trigger)",
      tag: "reviews",
      policy: canEdit,
      response: { json: RaisedTrigger },
      params: IdParams,
      body: z.strictObject({ reason: Reason }),
      status: 201,
      async handler({ store, params, body, actor, now }) {
        return { trigger: await store.reviews.raiseManual(params.id, body.reason, { actor, now }) };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/assessments/:id/reviews",
      summary:
        "Record a review of an approved assessment: a new version with the review in its history; open triggers are cleared",
      tag: "reviews",
      policy: canEdit,
      response: { json: RecordedReview },
      params: IdParams,
      body: z.strictObject({ summary: Reason }),
      status: 201,
      async handler({ store, params, body, principal, actor, now, today }) {
        return store.reviews.record(
          params.id,
          { summary: body.summary, by: principal.name },
          { actor, now, today },
        );
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/reminders/run",
      summary:
        "Run a reminder tick now: queue what is due and send it through the configured SMTP server and webhook",
      tag: "reviews",
      policy: canAdminister,
      response: { json: ReminderRun },
      async handler({ store, now, deps }) {
        const transport = transportFromEnv();
        if (!transport) return { configured: false, queued: 0, sent: 0, failed: 0, errors: [] };
        try {
          const r = await runReminders({
            store,
            now,
            transport,
            days: reminderDays(),
            baseUrl: deps.publicUrl,
          });
          return { configured: true, ...r };
        } finally {
          transport.close();
        }
      },
    }),
  ];
}
