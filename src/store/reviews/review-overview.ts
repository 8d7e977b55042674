/**
 * @module store/reviews/review-overview
 * Overdue reviews, reviews due within a horizon, and the assessments in force that open
 * triggers mark "review needed", with the triggers.
 */
import { and, asc, eq, isNull, lte, notInArray, sql } from "drizzle-orm";
import type { ReviewItem, ReviewOverview } from "../../core/api/workflow.ts";
import { addDays } from "../../core/dates.ts";
import { classifyReviews } from "../../core/workflow/reviews.ts";
import type { StoreDeps } from "../context.ts";
import { assessments, reviewTriggers } from "../schema.ts";
import { ENDED, IN_FORCE } from "./in-force.ts";
import { presentTrigger, type ReviewTrigger } from "./raise-trigger.ts";

export type { ReviewOverview };

const ITEM = {
  id: assessments.id,
  slug: assessments.slug,
  title: assessments.title,
  status: assessments.status,
  nextReview: assessments.nextReview,
  inForce: sql<boolean>`coalesce(${IN_FORCE}, false)`,
};

export async function reviewOverview(
  { db }: StoreDeps,
  today: string,
  days: number,
): Promise<ReviewOverview> {
  const [dated, needed] = await Promise.all([
    db
      .select(ITEM)
      .from(assessments)
      .where(
        and(
          notInArray(assessments.status, ENDED),
          lte(assessments.nextReview, addDays(today, days)),
        ),
      )
      .orderBy(asc(assessments.nextReview), asc(assessments.slug)),
    db
      .select({ item: ITEM, trigger: reviewTriggers })
      .from(reviewTriggers)
      .innerJoin(assessments, eq(assessments.id, reviewTriggers.assessmentId))
      .where(and(isNull(reviewTriggers.clearedAt), IN_FORCE))
      .orderBy(asc(assessments.slug), asc(reviewTriggers.raisedAt), asc(reviewTriggers.id)),
  ]);
  const { overdue, dueSoon } = classifyReviews(dated, today, days);
  const byId = new Map<string, ReviewItem & { triggers: ReviewTrigger[] }>();
  for (const { item, trigger } of needed) {
    const entry = byId.get(item.id) ?? { ...item, triggers: [] };
    entry.triggers.push(presentTrigger(trigger));
    byId.set(item.id, entry);
  }
  return { today, days, overdue, dueSoon, reviewNeeded: [...byId.values()] };
}
