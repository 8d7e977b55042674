/**
 * @module store/assessments
 * Assessments and their immutable versions. Every save evaluates the document and stores the
 * evaluation and finding codes with the version, updates the register columns used for
 * listing, and appends an audit event, all in one transaction. Updates carry the version
 * they were based on: a stale one is refused with the current version, never applied.
 */
import { randomUUID } from "node:crypto";
import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNotNull,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { referenceIds } from "../content/references.ts";
import { DomainError } from "../core/errors.ts";
import { evaluate } from "../core/evaluate.ts";
import type { Evaluation } from "../core/rules/types.ts";
import type { Assessment } from "../core/schema/index.ts";
import { appendAudit, canonical, writeTransaction } from "./audit.ts";
import type { StoreCache } from "./cache.ts";
import type { Db } from "./db.ts";
import { decideEdit, raiseFieldTriggersIn, setVersionStatusIn } from "./edit-workflow.ts";
import { assessments, assessmentVersions } from "./schema.ts";

/** Who acts, when, and today's date for evaluation: passed in, never read from a request. */
export interface WriteContext {
  actor: string;
  now: Date;
  today: string;
}

export interface AssessmentRecord {
  id: string;
  slug: string;
  title: string;
  status: string;
  version: number;
  outcome: string;
  updatedAt: string;
  document: Assessment;
  evaluation: Evaluation;
}

export interface AssessmentSummary {
  id: string;
  slug: string;
  title: string;
  activityName: string;
  status: string;
  version: number;
  bases: string[];
  outcome: string;
  blockers: number;
  warnings: number;
  nextReview: string | null;
  specialCategory: boolean;
  children: boolean;
  updatedAt: string;
}

export interface ListQuery {
  q?: string | undefined;
  outcome?: string | undefined;
  status?: string | undefined;
  basis?: string | undefined;
  specialCategory?: boolean | undefined;
  children?: boolean | undefined;
  reviewDueBefore?: string | undefined;
  sort?: "updated" | "title" | "next-review" | "outcome" | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** Join condition: an assessment with its current version. */
const CURRENT_VERSION = and(
  eq(assessmentVersions.assessmentId, assessments.id),
  eq(assessmentVersions.version, assessments.currentVersion),
);

function columnsOf(doc: Assessment, evaluation: Evaluation) {
  const next = evaluation.trace.facts.nextReview;
  return {
    slug: doc.id,
    title: doc.title,
    activityName: doc.activity.name,
    status: doc.status ?? "draft",
    bases: [
      ...new Set(
        doc.decisions
          .map((d) => d.basis)
          .filter((b): b is NonNullable<typeof b> => b !== undefined),
      ),
    ],
    outcome: evaluation.outcome,
    blockers: evaluation.findings.filter((f) => f.severity === "blocker").length,
    warnings: evaluation.findings.filter((f) => f.severity === "warning").length,
    nextReview: typeof next === "string" ? next : null,
    specialCategory: doc.activity.dataCategories.some((c) => c.specialCategory !== undefined),
    children: doc.activity.dataSubjects.some((s) => s.children === true),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An assessment is addressed by its uuid or by its slug (the file's id). */
export function refCondition(idOrSlug: string): SQL {
  return UUID.test(idOrSlug) ? eq(assessments.id, idOrSlug) : eq(assessments.slug, idOrSlug);
}

/** The register columns a list page shows (not the document: a page stays small). */
const SUMMARY = {
  id: assessments.id,
  slug: assessments.slug,
  title: assessments.title,
  activityName: assessments.activityName,
  status: assessments.status,
  version: assessments.currentVersion,
  bases: assessments.bases,
  outcome: assessments.outcome,
  blockers: assessments.blockers,
  warnings: assessments.warnings,
  nextReview: assessments.nextReview,
  specialCategory: assessments.specialCategory,
  children: assessments.children,
  updatedAt: assessments.updatedAt,
};

function evaluateForStore(doc: Assessment, today: string): Evaluation {
  return evaluate(doc, { today, knownRefs: referenceIds() });
}

function uniqueViolation(e: unknown): boolean {
  const code =
    (e as { code?: string; cause?: { code?: string } }).code ??
    (e as { cause?: { code?: string } }).cause?.code;
  return code === "23505";
}

export interface ListPage {
  items: AssessmentSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export class AssessmentStore {
  private readonly currentBy;

  constructor(
    private readonly db: Db,
    private readonly cache: StoreCache,
  ) {
    const current = (by: SQL) =>
      db
        .select({ a: assessments, v: assessmentVersions })
        .from(assessments)
        .innerJoin(assessmentVersions, CURRENT_VERSION)
        .where(by);
    // Prepared once: the single-assessment read is a hot path on a cache miss.
    this.currentBy = {
      id: current(eq(assessments.id, sql.placeholder("ref"))).prepare("basis_assessment_by_id"),
      slug: current(eq(assessments.slug, sql.placeholder("ref"))).prepare(
        "basis_assessment_by_slug",
      ),
    };
  }

  private write<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return writeTransaction(this.db, this.cache, work);
  }

  async create(doc: Assessment, ctx: WriteContext, reason = "created"): Promise<AssessmentRecord> {
    try {
      return await this.write((tx) => createIn(tx, doc, ctx, reason));
    } catch (e) {
      throw mapUnique(e, doc);
    }
  }

  /**
   * Save a new version on top of `baseVersion` (the assessment named by id or slug); a stale
   * base gets `stale_version` with the current record. The version check is made on the
   * locked row, inside the transaction, whatever a cache holds. The new version is a draft
   * (the sign-off workflow owns status): changing an approved version needs a `reason`
   * (`reason_required`), and the approved one stays in force until the draft is approved.
   */
  async update(
    idOrSlug: string,
    baseVersion: number,
    doc: Assessment,
    ctx: WriteContext,
    reason?: string,
  ): Promise<AssessmentRecord> {
    let saved: AssessmentRecord | undefined;
    try {
      saved = await this.write((tx) => updateIn(tx, idOrSlug, baseVersion, doc, ctx, reason));
    } catch (e) {
      throw mapUnique(e, doc);
    }
    if (!saved) {
      const current = await this.get(idOrSlug);
      throw new DomainError(
        "stale_version",
        `assessment changed since version ${baseVersion}; the current version is ${current.version}`,
        { current },
      );
    }
    return saved;
  }

  /**
   * Import documents by their id (slug): new ones are created, changed ones get a new
   * version, identical ones are left alone. One transaction: all or nothing.
   */
  async importDocuments(
    docs: Assessment[],
    ctx: WriteContext,
  ): Promise<{ slug: string; result: "created" | "updated" | "unchanged"; version: number }[]> {
    return this.write(async (tx) => {
      const out: { slug: string; result: "created" | "updated" | "unchanged"; version: number }[] =
        [];
      for (const doc of docs) {
        const existing = await tx
          .select({
            id: assessments.id,
            version: assessments.currentVersion,
            document: assessmentVersions.document,
          })
          .from(assessments)
          .innerJoin(assessmentVersions, CURRENT_VERSION)
          .where(eq(assessments.slug, doc.id));
        const row = existing[0];
        if (!row) {
          const rec = await createIn(tx, doc, ctx, "imported");
          out.push({ slug: doc.id, result: "created", version: rec.version });
        } else if (sameContent(row.document as Assessment, doc)) {
          out.push({ slug: doc.id, result: "unchanged", version: row.version });
        } else {
          const rec = await updateIn(tx, row.id, row.version, doc, ctx, "imported");
          if (!rec)
            throw new DomainError(
              "stale_version",
              `assessment "${doc.id}" changed during the import`,
            );
          out.push({ slug: doc.id, result: "updated", version: rec.version });
        }
      }
      return out;
    });
  }

  /** Delete an assessment none of whose versions was approved. */
  async delete(id: string, baseVersion: number, ctx: WriteContext): Promise<void> {
    await this.write(async (tx) => {
      // Ever approved: a version approved, superseded or in force (kept when retired).
      const approved = await tx
        .select({ n: count() })
        .from(assessmentVersions)
        .innerJoin(assessments, eq(assessments.id, assessmentVersions.assessmentId))
        .where(
          and(
            eq(assessmentVersions.assessmentId, id),
            or(
              inArray(assessmentVersions.status, ["approved", "superseded"]),
              isNotNull(assessments.approvedVersion),
            ),
          ),
        );
      if ((approved[0]?.n ?? 0) > 0) {
        throw new DomainError(
          "approved_versions_exist",
          "an approved assessment cannot be deleted; retire it instead",
        );
      }
      const gone = await tx
        .delete(assessments)
        .where(and(eq(assessments.id, id), eq(assessments.currentVersion, baseVersion)))
        .returning({ slug: assessments.slug });
      if (gone.length === 0) {
        const exists = await tx
          .select({ v: assessments.currentVersion })
          .from(assessments)
          .where(eq(assessments.id, id));
        if (exists.length === 0) throw new DomainError("not_found", "no such assessment");
        throw new DomainError("stale_version", `assessment changed since version ${baseVersion}`, {
          currentVersion: exists[0]?.v,
        });
      }
      await appendAudit(
        tx,
        {
          actor: ctx.actor,
          action: "assessment.delete",
          entityType: "assessment",
          entityId: id,
          data: { slug: gone[0]?.slug, version: baseVersion },
        },
        ctx.now,
      );
    });
  }

  /** The current version of an assessment, by id or by its slug (cached; do not change it). */
  async get(idOrSlug: string): Promise<AssessmentRecord> {
    const by = UUID.test(idOrSlug) ? "id" : "slug";
    const found = await this.cache.read(
      "assessments",
      `${by}:${idOrSlug}`,
      async () => {
        const row = (await this.currentBy[by].execute({ ref: idOrSlug }))[0];
        if (!row) return undefined;
        const r: AssessmentRecord = {
          id: row.a.id,
          slug: row.a.slug,
          title: row.a.title,
          status: row.a.status,
          version: row.a.currentVersion,
          outcome: row.a.outcome,
          updatedAt: row.a.updatedAt.toISOString(),
          document: row.v.document as Assessment,
          evaluation: row.v.evaluation as Evaluation,
        };
        return r;
      },
      { aliases: (r) => [`id:${r.id}`, `slug:${r.slug}`] },
    );
    if (!found) throw new DomainError("not_found", `no assessment "${idOrSlug}"`);
    return found;
  }

  /** One page of the register (cached; do not change it). */
  async list(query: ListQuery): Promise<ListPage> {
    const filter = {
      q: query.q || undefined,
      outcome: query.outcome,
      status: query.status,
      basis: query.basis,
      specialCategory: query.specialCategory,
      children: query.children,
      reviewDueBefore: query.reviewDueBefore,
    };
    const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
    const page = Math.max(query.page ?? 1, 1);
    const sort = query.sort ?? "updated";
    const filterKey = JSON.stringify(Object.values(filter));
    return this.cache.read(
      "assessments",
      `page:${filterKey}:${sort}:${page}:${pageSize}`,
      async () => {
        const condition = whereOf(filter);
        const order = {
          updated: [desc(assessments.updatedAt), asc(assessments.slug)],
          title: [asc(assessments.title), asc(assessments.slug)],
          "next-review": [sql`${assessments.nextReview} asc nulls last`, asc(assessments.slug)],
          outcome: [asc(assessments.outcome), asc(assessments.slug)],
        }[sort];
        const [rows, total] = await Promise.all([
          this.db
            .select(SUMMARY)
            .from(assessments)
            .where(condition)
            .orderBy(...order)
            .limit(pageSize)
            .offset((page - 1) * pageSize),
          // The total depends on the filter only, so paging and re-sorting reuse it.
          this.cache.read("assessments", `total:${filterKey}`, async () => {
            const r = await this.db.select({ n: count() }).from(assessments).where(condition);
            return Number(r[0]?.n ?? 0);
          }),
        ]);
        const items = rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
        return { items, total, page, pageSize };
      },
    );
  }

  async versions(id: string) {
    const rows = await this.db
      .select({
        version: assessmentVersions.version,
        status: assessmentVersions.status,
        outcome: assessmentVersions.outcome,
        findingCodes: assessmentVersions.findingCodes,
        reason: assessmentVersions.reason,
        createdBy: assessmentVersions.createdBy,
        createdAt: assessmentVersions.createdAt,
      })
      .from(assessmentVersions)
      .where(eq(assessmentVersions.assessmentId, id))
      .orderBy(asc(assessmentVersions.version));
    if (rows.length === 0) throw new DomainError("not_found", "no such assessment");
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  async version(id: string, version: number) {
    const rows = await this.db
      .select()
      .from(assessmentVersions)
      .where(and(eq(assessmentVersions.assessmentId, id), eq(assessmentVersions.version, version)));
    const row = rows[0];
    if (!row) throw new DomainError("not_found", `no version ${version} of that assessment`);
    return {
      version: row.version,
      status: row.status,
      outcome: row.outcome,
      reason: row.reason,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      document: row.document as Assessment,
      evaluation: row.evaluation as Evaluation,
    };
  }

  /** Every assessment's current document, in slug order (for export). */
  async allDocuments(): Promise<Assessment[]> {
    const rows = await this.db
      .select({ document: assessmentVersions.document })
      .from(assessments)
      .innerJoin(assessmentVersions, CURRENT_VERSION)
      .orderBy(asc(assessments.slug));
    return rows.map((r) => r.document as Assessment);
  }
}

function whereOf(query: ListQuery): SQL | undefined {
  const where: SQL[] = [];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(
      ilike(assessments.title, pattern),
      ilike(assessments.activityName, pattern),
      ilike(assessments.slug, pattern),
    );
    if (match) where.push(match);
  }
  if (query.outcome) where.push(eq(assessments.outcome, query.outcome));
  if (query.status) where.push(eq(assessments.status, query.status));
  if (query.basis) where.push(sql`${query.basis} = any(${assessments.bases})`);
  if (query.specialCategory !== undefined)
    where.push(eq(assessments.specialCategory, query.specialCategory));
  if (query.children !== undefined) where.push(eq(assessments.children, query.children));
  if (query.reviewDueBefore) where.push(sql`${assessments.nextReview} <= ${query.reviewDueBefore}`);
  return where.length ? and(...where) : undefined;
}

async function createIn(
  tx: Db,
  doc: Assessment,
  ctx: WriteContext,
  reason: string,
): Promise<AssessmentRecord> {
  const evaluation = evaluateForStore(doc, ctx.today);
  const id = randomUUID();
  await tx.insert(assessments).values({
    id,
    ...columnsOf(doc, evaluation),
    currentVersion: 1,
    // A file recorded as approved is imported as recorded: version 1 is then the one in force.
    approvedVersion: doc.status === "approved" ? 1 : null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await tx.insert(assessmentVersions).values(versionRow(id, 1, doc, evaluation, reason, ctx));
  await appendAudit(
    tx,
    {
      actor: ctx.actor,
      action: "assessment.create",
      entityType: "assessment",
      entityId: id,
      data: { slug: doc.id, version: 1, outcome: evaluation.outcome, reason },
    },
    ctx.now,
  );
  return record(id, 1, doc, evaluation, ctx);
}

/**
 * Returns undefined when `baseVersion` is no longer current (nothing is written then). The
 * row is locked first, so the workflow's decision (core/workflow/sign-off `edit`) is made on
 * the status as it is, not as a concurrent submit or approval left it a moment ago.
 */
async function updateIn(
  tx: Db,
  idOrSlug: string,
  baseVersion: number,
  changed: Assessment,
  ctx: WriteContext,
  reason: string | undefined,
): Promise<AssessmentRecord | undefined> {
  const locked = await tx
    .select({
      id: assessments.id,
      currentVersion: assessments.currentVersion,
      status: assessments.status,
      approvedVersion: assessments.approvedVersion,
    })
    .from(assessments)
    .where(refCondition(idOrSlug))
    .for("update");
  const row = locked[0];
  if (!row || row.currentVersion !== baseVersion) return undefined;
  const { id, approvedVersion } = row;
  const doc: Assessment = { ...changed, status: decideEdit(row.status, approvedVersion, reason) };
  const evaluation = evaluateForStore(doc, ctx.today);
  const next = baseVersion + 1;
  const why = reason ?? "updated";
  await tx
    .update(assessments)
    .set({ ...columnsOf(doc, evaluation), currentVersion: next, updatedAt: ctx.now })
    .where(eq(assessments.id, id));
  // A review in progress is withdrawn: the reviewers were shown the text being replaced.
  if (row.status === "in_review") await setVersionStatusIn(tx, id, baseVersion, "draft");
  await tx.insert(assessmentVersions).values(versionRow(id, next, doc, evaluation, why, ctx));
  const fieldsAdded =
    approvedVersion === null
      ? []
      : await raiseFieldTriggersIn(tx, id, approvedVersion, baseVersion, doc, ctx);
  await appendAudit(
    tx,
    {
      actor: ctx.actor,
      action: "assessment.update",
      entityType: "assessment",
      entityId: id,
      data: {
        slug: doc.id,
        version: next,
        outcome: evaluation.outcome,
        reason: why,
        from: row.status,
        ...(approvedVersion === null ? {} : { approvedVersion }),
        ...(fieldsAdded.length ? { fieldsAdded } : {}),
      },
    },
    ctx.now,
  );
  return record(id, next, doc, evaluation, ctx);
}

/** The same document but for its status, which the workflow sets, not the file. */
function sameContent(stored: Assessment, doc: Assessment): boolean {
  return canonical({ ...stored, status: undefined }) === canonical({ ...doc, status: undefined });
}

function record(
  id: string,
  version: number,
  doc: Assessment,
  evaluation: Evaluation,
  ctx: WriteContext,
): AssessmentRecord {
  return {
    id,
    slug: doc.id,
    title: doc.title,
    status: doc.status ?? "draft",
    version,
    outcome: evaluation.outcome,
    updatedAt: ctx.now.toISOString(),
    document: doc,
    evaluation,
  };
}

function mapUnique(e: unknown, doc: Assessment): unknown {
  return uniqueViolation(e)
    ? new DomainError("conflict", `an assessment with id "${doc.id}" already exists`, {
        slug: doc.id,
      })
    : e;
}

function versionRow(
  id: string,
  version: number,
  doc: Assessment,
  evaluation: Evaluation,
  reason: string,
  ctx: WriteContext,
) {
  return {
    assessmentId: id,
    version,
    document: doc,
    evaluation,
    outcome: evaluation.outcome,
    findingCodes: evaluation.findings.map((f) => f.code),
    status: doc.status ?? "draft",
    reason,
    createdBy: ctx.actor,
    createdAt: ctx.now,
  };
}
