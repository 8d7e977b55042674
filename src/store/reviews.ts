import { and, asc, eq, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import { addDays } from "../core/dates.ts";
import { DomainError } from "../core/errors.ts";
import { classifyReviews } from "../core/workflow/reviews.ts";
import type { AssessmentStore, WriteContext } from "./assessments.ts";
import { appendAudit, writeTransaction } from "./audit.ts";
import type { StoreCache } from "./cache.ts";
import type { Db } from "./db.ts";
import {
  type ReviewTrigger,
  raiseTriggerIn,
  TRIGGER_KINDS,
  type TriggerKind,
} from "./review-triggers.ts";
import { assessments, reviewTriggers } from "./schema.ts";

export { type ReviewTrigger, raiseTriggerIn, TRIGGER_KINDS, type TriggerKind };

export interface ReviewItem {
  id: string;
  slug: string;
  title: string;
  status: string;
  nextReview: string | null;
  /** Approved, or with an approved version still in force under a newer draft. */
  inForce: boolean;
}

export interface ReviewOverview {
  today: string;
  days: number;
  /** `days` is negative: how many days late. Oldest first. */
  overdue: (ReviewItem & { days: number })[];
  /** `days` left until the review date. Soonest first. */
  dueSoon: (ReviewItem & { days: number })[];
  /** Assessments in force with open triggers, and why. */
  reviewNeeded: (ReviewItem & { triggers: ReviewTrigger[] })[];
}

/** Assessments no longer in use are neither due nor in need of review. */
const ENDED = ["superseded", "retired"];

/** In force: approved now, or with an approved version a later draft has not yet replaced. */
export const IN_FORCE = and(
  notInArray(assessments.status, ENDED),
  or(eq(assessments.status, "approved"), sql`${assessments.approvedVersion} is not null`),
);

type Ctx = Pick<WriteContext, "actor" | "now">;

/** Whether the assessment (its uuid) has a version in force. */
async function inForceIn(db: Pick<Db, "select">, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.id, id), IN_FORCE));
  return rows.length > 0;
}

function presentTrigger(r: typeof reviewTriggers.$inferSelect): ReviewTrigger {
  return {
    id: r.id,
    assessmentId: r.assessmentId,
    kind: r.kind as TriggerKind,
    reason: r.reason,
    raisedBy: r.raisedBy,
    raisedAt: r.raisedAt.toISOString(),
  };
}

const ITEM = {
  id: assessments.id,
  slug: assessments.slug,
  title: assessments.title,
  status: assessments.status,
  nextReview: assessments.nextReview,
  inForce: sql<boolean>`coalesce(${IN_FORCE}, false)`,
};

export class ReviewStore {
  constructor(
    private readonly db: Db,
    private readonly cache: StoreCache,
    private readonly assessments: AssessmentStore,
  ) {}

  /** A manual trigger on an assessment in force (by id or slug). */
  async raiseManual(ref: string, reason: string, ctx: Ctx): Promise<ReviewTrigger> {
    const rec = await this.assessments.get(ref);
    return writeTransaction(this.db, this.cache, async (tx) => {
      if (!(await inForceIn(tx, rec.id))) {
        throw new DomainError(
          "conflict",
          `"${rec.slug}" is ${rec.status}: only an approved assessment can need a review`,
          { status: rec.status },
        );
      }
      return raiseTriggerIn(tx, rec.id, "manual", reason, ctx);
    });
  }

  /** Open triggers, of one assessment (its uuid) or of all, oldest first. */
  async openTriggers(assessmentId?: string): Promise<ReviewTrigger[]> {
    const rows = await this.db
      .select()
      .from(reviewTriggers)
      .where(
        and(
          isNull(reviewTriggers.clearedAt),
          assessmentId ? eq(reviewTriggers.assessmentId, assessmentId) : undefined,
        ),
      )
      .orderBy(asc(reviewTriggers.raisedAt), asc(reviewTriggers.id));
    return rows.map(presentTrigger);
  }

  /**
   * Overdue reviews, reviews due within `days` of `today`, and the assessments in force that
   * open triggers mark "review needed", with the triggers.
   */
  async overview(today: string, days: number): Promise<ReviewOverview> {
    const [dated, needed] = await Promise.all([
      this.db
        .select(ITEM)
        .from(assessments)
        .where(
          and(
            notInArray(assessments.status, ENDED),
            lte(assessments.nextReview, addDays(today, days)),
          ),
        )
        .orderBy(asc(assessments.nextReview), asc(assessments.slug)),
      this.db
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

  /**
   * Record a review of an assessment in force: a new version (reason "review") whose
   * review.history ends with this review, then the triggers open until now are cleared.
   * Like any edit of an approved version, the new version is a draft that needs sign-off;
   * the approved one stays in force meanwhile (see store/assessments).
   * The version is saved first: should the second step fail, the triggers stay open and
   * the review can be recorded again, which is the safe way round.
   */
  async record(
    ref: string,
    input: { summary: string; by?: string | undefined },
    ctx: WriteContext,
  ): Promise<{
    id: string;
    slug: string;
    version: number;
    nextReview: string | null;
    cleared: ReviewTrigger[];
  }> {
    const rec = await this.assessments.get(ref);
    if (!(await inForceIn(this.db, rec.id))) {
      throw new DomainError(
        "conflict",
        `"${rec.slug}" is ${rec.status}: a review is recorded on an assessment with an approved version`,
        { status: rec.status },
      );
    }
    const doc = structuredClone(rec.document);
    const entry = {
      date: ctx.today,
      summary: input.summary,
      ...(input.by ? { by: input.by } : {}),
    };
    doc.review = { ...(doc.review ?? {}), history: [...(doc.review?.history ?? []), entry] };
    const saved = await this.assessments.update(rec.id, rec.version, doc, ctx, "review");
    const cleared = await writeTransaction(this.db, this.cache, async (tx) => {
      const rows = await tx
        .update(reviewTriggers)
        .set({ clearedAt: ctx.now, clearedBy: ctx.actor })
        .where(
          and(
            eq(reviewTriggers.assessmentId, rec.id),
            isNull(reviewTriggers.clearedAt),
            lte(reviewTriggers.raisedAt, ctx.now),
          ),
        )
        .returning();
      await appendAudit(
        tx,
        {
          actor: ctx.actor,
          action: "review.recorded",
          entityType: "assessment",
          entityId: rec.id,
          data: {
            version: saved.version,
            summary: input.summary,
            cleared: rows.map((r) => r.id),
          },
        },
        ctx.now,
      );
      return rows.map(presentTrigger);
    });
    const next = saved.evaluation.trace.facts.nextReview;
    return {
      id: saved.id,
      slug: saved.slug,
      version: saved.version,
      nextReview: typeof next === "string" ? next : null,
      cleared,
    };
  }
}
