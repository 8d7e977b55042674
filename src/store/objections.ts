/**
 * @module store/objections
 * Art. 21 objections against an activity relying on legitimate interests: when one was
 * received, when the response is due, and the decision with its reasoning. An upheld
 * objection raises an objection-upheld review trigger in the same transaction, so the LIA
 * it undermines shows "review needed" from the moment the decision is recorded.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, lt, type SQL, sql } from "drizzle-orm";
import { DomainError } from "../core/errors.ts";
import { objectionResponseDue, responseOverdue } from "../core/workflow/reviews.ts";
import type { AssessmentStore, WriteContext } from "./assessments.ts";
import { appendAudit, writeTransaction } from "./audit.ts";
import type { StoreCache } from "./cache.ts";
import type { Db } from "./db.ts";
import { raiseTriggerIn } from "./reviews.ts";
import { assessments, objections, settings } from "./schema.ts";

/** The settings key of the organisation's response period in days (absent: one month). */
export const RESPONSE_DAYS_KEY = "objections.responseDays";

export type ObjectionDecision = "pending" | "upheld" | "rejected";

export interface ObjectionRecord {
  id: string;
  assessmentId: string;
  slug: string;
  title: string;
  receivedOn: string;
  responseDue: string;
  summary: string;
  decision: ObjectionDecision;
  reasoning: string | null;
  decidedBy: string | null;
  decidedOn: string | null;
  createdBy: string;
  createdAt: string;
  /** Pending after its response date. */
  overdue: boolean;
}

export interface ObjectionSettings {
  /** Days to respond; null: one calendar month (Art. 12(3)). */
  responseDays: number | null;
}

const ROW = {
  o: objections,
  slug: assessments.slug,
  title: assessments.title,
};

function present(
  r: { o: typeof objections.$inferSelect; slug: string; title: string },
  today: string,
): ObjectionRecord {
  const o = r.o;
  return {
    id: o.id,
    assessmentId: o.assessmentId,
    slug: r.slug,
    title: r.title,
    receivedOn: o.receivedOn,
    responseDue: o.responseDue,
    summary: o.summary,
    decision: o.decision as ObjectionDecision,
    reasoning: o.reasoning,
    decidedBy: o.decidedBy,
    decidedOn: o.decidedOn,
    createdBy: o.createdBy,
    createdAt: o.createdAt.toISOString(),
    overdue: responseOverdue(o, today),
  };
}

export class ObjectionStore {
  constructor(
    private readonly db: Db,
    private readonly cache: StoreCache,
    private readonly assessments: AssessmentStore,
  ) {}

  async settings(): Promise<ObjectionSettings> {
    const rows = await this.db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, RESPONSE_DAYS_KEY));
    const v = rows[0]?.value;
    return { responseDays: typeof v === "number" ? v : null };
  }

  async setSettings(input: ObjectionSettings, ctx: Pick<WriteContext, "actor" | "now">) {
    await writeTransaction(this.db, this.cache, async (tx) => {
      if (input.responseDays === null) {
        await tx.delete(settings).where(eq(settings.key, RESPONSE_DAYS_KEY));
      } else {
        await tx
          .insert(settings)
          .values({ key: RESPONSE_DAYS_KEY, value: input.responseDays })
          .onConflictDoUpdate({ target: settings.key, set: { value: input.responseDays } });
      }
      await appendAudit(
        tx,
        {
          actor: ctx.actor,
          action: "settings.objections",
          entityType: "settings",
          entityId: RESPONSE_DAYS_KEY,
          data: { responseDays: input.responseDays },
        },
        ctx.now,
      );
    });
    return this.settings();
  }

  /**
   * Record an objection received on `receivedOn` against the assessment `ref` (id or slug).
   * The response is due after the LIA's own stated period (lia.objection.responseDays), else
   * the organisation's setting, else one calendar month.
   */
  async record(
    ref: string,
    input: { receivedOn: string; summary: string },
    ctx: WriteContext,
  ): Promise<ObjectionRecord> {
    const rec = await this.assessments.get(ref);
    const bases = rec.document.decisions.map((d) => d.basis);
    if (!bases.includes("legitimate-interests")) {
      throw new DomainError(
        "conflict",
        `"${rec.slug}" does not rely on legitimate interests (decisions[].basis): an Art. 21 objection is recorded against legitimate-interests processing`,
        { field: "decisions[].basis", bases },
      );
    }
    if (input.receivedOn > ctx.today) {
      throw new DomainError("validation_failed", "receivedOn is after today", {
        issues: [{ path: "body.receivedOn", message: "must not be in the future" }],
      });
    }
    const days = rec.document.lia?.objection?.responseDays ?? (await this.settings()).responseDays;
    const responseDue = objectionResponseDue(input.receivedOn, { days });
    const id = randomUUID();
    await writeTransaction(this.db, this.cache, async (tx) => {
      await tx.insert(objections).values({
        id,
        assessmentId: rec.id,
        receivedOn: input.receivedOn,
        responseDue,
        summary: input.summary,
        decision: "pending",
        createdBy: ctx.actor,
        createdAt: ctx.now,
      });
      await appendAudit(
        tx,
        {
          actor: ctx.actor,
          action: "objection.recorded",
          entityType: "objection",
          entityId: id,
          data: { assessmentId: rec.id, receivedOn: input.receivedOn, responseDue },
        },
        ctx.now,
      );
    });
    return this.get(id, ctx.today);
  }

  async get(id: string, today: string): Promise<ObjectionRecord> {
    const rows = await this.db
      .select(ROW)
      .from(objections)
      .innerJoin(assessments, eq(assessments.id, objections.assessmentId))
      .where(eq(objections.id, id));
    const row = rows[0];
    if (!row) throw new DomainError("not_found", `no objection "${id}"`);
    return present(row, today);
  }

  /**
   * Decide a pending objection. Upheld: an objection-upheld trigger is raised in the same
   * transaction. A decided objection is not decided again (409).
   */
  async decide(
    id: string,
    input: { decision: "upheld" | "rejected"; reasoning: string },
    ctx: WriteContext,
  ): Promise<ObjectionRecord> {
    await writeTransaction(this.db, this.cache, async (tx) => {
      const updated = await tx
        .update(objections)
        .set({
          decision: input.decision,
          reasoning: input.reasoning,
          decidedBy: ctx.actor,
          decidedOn: ctx.today,
        })
        .where(and(eq(objections.id, id), eq(objections.decision, "pending")))
        .returning();
      const o = updated[0];
      if (!o) {
        const exists = await tx
          .select({ decision: objections.decision })
          .from(objections)
          .where(eq(objections.id, id));
        if (exists.length === 0) throw new DomainError("not_found", `no objection "${id}"`);
        throw new DomainError("conflict", `the objection was already ${exists[0]?.decision}`, {
          decision: exists[0]?.decision,
        });
      }
      await appendAudit(
        tx,
        {
          actor: ctx.actor,
          action: "objection.decided",
          entityType: "objection",
          entityId: id,
          data: { assessmentId: o.assessmentId, decision: input.decision },
        },
        ctx.now,
      );
      if (input.decision === "upheld") {
        await raiseTriggerIn(
          tx,
          o.assessmentId,
          "objection-upheld",
          `Objection received ${o.receivedOn} was upheld on ${ctx.today}: ${input.reasoning}`,
          ctx,
        );
      }
    });
    return this.get(id, ctx.today);
  }

  /** Objections of one assessment, or all; `overdue` keeps only pending ones past their date. */
  async list(
    query: { assessment?: string | undefined; overdue?: boolean | undefined },
    today: string,
  ): Promise<ObjectionRecord[]> {
    const where: SQL[] = [];
    if (query.assessment) {
      const rec = await this.assessments.get(query.assessment);
      where.push(eq(objections.assessmentId, rec.id));
    }
    if (query.overdue) {
      const pending = and(eq(objections.decision, "pending"), lt(objections.responseDue, today));
      if (pending) where.push(pending);
    }
    const rows = await this.db
      .select(ROW)
      .from(objections)
      .innerJoin(assessments, eq(assessments.id, objections.assessmentId))
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(objections.responseDue), asc(objections.receivedOn), sql`${objections.id}`);
    return rows.map((r) => present(r, today));
  }
}
