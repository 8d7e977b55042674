/**
 * @module server/routes/dashboard
 * What the dashboard draws, in one request: activities by basis and by outcome, the open
 * blockers, reviews due in the next 90 days (and overdue ones), and what changed recently.
 * Built from the register's indexed list queries, so it stays cheap on a large register.
 */

import { z } from "zod";
import { Dashboard } from "../../core/api/index.ts";
import { addDays } from "../../core/dates.ts";
import { LawfulBasis } from "../../core/schema/index.ts";
import { OUTCOMES } from "../../core/vocabulary.ts";
import type { AssessmentSummary, ListQuery } from "../../store/index.ts";
import { canRead } from "../policies.ts";
import { defineRoute } from "../route.ts";

const brief = (s: AssessmentSummary) => ({
  slug: s.slug,
  name: s.activityName,
  outcome: s.outcome,
  blockers: s.blockers,
  nextReview: s.nextReview,
  updatedAt: s.updatedAt,
});

export function dashboardRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/dashboard",
      summary:
        "Counts by basis and outcome, open blockers, reviews due within a horizon, recent changes",
      tag: "register",
      policy: canRead,
      response: { json: Dashboard },
      query: z.strictObject({ days: z.coerce.number().int().min(1).max(366).optional() }),
      async handler({ store, query, today }) {
        const days = query.days ?? 90;
        const total = (q: ListQuery) =>
          store.assessments.list({ ...q, pageSize: 1 }).then((p) => p.total);
        const [all, byBasis, byOutcome, blocked, due, recent] = await Promise.all([
          total({}),
          Promise.all(
            LawfulBasis.options.map(async (basis) => ({ basis, count: await total({ basis }) })),
          ),
          Promise.all(
            OUTCOMES.map(async (outcome) => ({ outcome, count: await total({ outcome }) })),
          ),
          store.assessments.list({ outcome: "incomplete", sort: "updated", pageSize: 10 }),
          store.assessments.list({
            reviewDueBefore: addDays(today, days),
            sort: "next-review",
            pageSize: 200,
          }),
          store.assessments.list({ sort: "updated", pageSize: 8 }),
        ]);
        return {
          today,
          days,
          total: all,
          byBasis,
          byOutcome,
          blocked: { total: blocked.total, items: blocked.items.map(brief) },
          reviews: {
            total: due.total,
            overdue: due.items.filter((s) => s.nextReview !== null && s.nextReview < today).length,
            items: due.items.map(brief),
          },
          recent: recent.items.map(brief),
        };
      },
    }),
  ];
}
