/**
 * @module store/assessments/import-assessments
 * Importing files by their id (slug): new ones are created, changed ones get a new version
 * (reason "imported"), identical ones are left alone. Content is compared without the status
 * a file records, which is only a hint for a new assessment.
 *
 * By default the whole import is one transaction. With `batch`, each batch of that many
 * documents is its own transaction (a register of 100,000 is seeded in batches, with
 * progress): a batch is written all or nothing, the batches before a failing one stay, and
 * the error names the document that failed and what was kept. Each batch evaluates its
 * documents before its transaction opens, then writes with a few statements: one read of the
 * rows it may replace, one insert of the new assessments, one of their versions and one of
 * their audit events.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { DomainError } from "../../core/errors.ts";
import type { Assessment } from "../../core/schema/index.ts";
import { contentOf, initialState } from "../../core/workflow/recorded-status.ts";
import { HEAD } from "../assessment-ref.ts";
import { appendAudits, canonical, type WriteTx, writeTransaction } from "../audit.ts";
import type { AuditInput } from "../audit-events.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import { databaseCode } from "../db-errors.ts";
import { assessments, assessmentVersions } from "../schema.ts";
import { CURRENT_VERSION } from "./get-assessment.ts";
import { evaluateForStore, mapUnique } from "./record.ts";
import { ASSESSMENT_COLUMNS, serialiseVersion, VERSION_COLUMNS, versionJson } from "./row-json.ts";
import { updateIn } from "./update-assessment.ts";

export interface ImportResult {
  slug: string;
  result: "created" | "updated" | "unchanged";
  version: number;
}

export interface ImportOptions {
  /** Commit every `batch` documents; without it the whole import is one transaction. */
  batch?: number | undefined;
  /**
   * Count the register's page marks once at the end instead of with each batch (migration
   * 0014). By default an import of 1,000 documents or more in batches does.
   */
  deferMarks?: boolean | undefined;
  /** Told after each committed batch: documents written so far, and in all. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Imports writing this many rows end by refreshing the table's statistics. */
const VACUUM_AFTER = 1000;

export async function importAssessments(
  deps: StoreDeps,
  docs: Assessment[],
  ctx: WriteContext,
  options: ImportOptions = {},
): Promise<ImportResult[]> {
  refuseRepeatedIds(docs);
  const size = options.batch && options.batch > 0 ? options.batch : Math.max(docs.length, 1);
  const out: ImportResult[] = [];
  // A large import in batches leaves the register's page marks to be counted once at the end
  // (migration 0014): cutting runs batch after batch would cost more than the rows' writing.
  const deferMarks = size < docs.length && (options.deferMarks ?? docs.length >= VACUUM_AFTER);
  for (let start = 0; start < docs.length; start += size) {
    const batch = docs.slice(start, start + size);
    try {
      out.push(...(await importBatch(deps, batch, ctx, deferMarks)));
    } catch (e) {
      // The batches before stay: their rows' marks are counted, or left stale (pages by number
      // are then read without them) for the next open of the store to count.
      if (deferMarks) await rebuildMarks(deps).catch(() => undefined);
      throw await located(deps, e, batch, start, ctx, size < docs.length);
    }
    options.onProgress?.(start + batch.length, docs.length);
  }
  if (deferMarks) await rebuildMarks(deps);
  // A large import leaves the tables' statistics and visibility maps behind (PGlite has no
  // autovacuum): without them the planner guesses and index-only scans read every row. The
  // page marks' tables too: without their statistics a page's mark was found by one lookup
  // per mark (4.0 ms a page at 100,000 activities on PGlite, 3.6 with them).
  if (out.filter((r) => r.result !== "unchanged").length >= VACUUM_AFTER)
    await deps.db.execute(sql`vacuum (analyze) assessments, register_marks, register_mark_counts`);
  return out;
}

/** The same id twice in one import would be written twice in one statement: refused first. */
function refuseRepeatedIds(docs: readonly Assessment[]): void {
  const first = new Map<string, number>();
  docs.forEach((doc, i) => {
    const seen = first.get(doc.id);
    if (seen !== undefined)
      throw new DomainError(
        "validation_failed",
        `document ${i + 1} repeats the id "${doc.id}" of document ${seen + 1}; nothing was imported`,
        { issues: [{ path: `[${i}].id`, message: `repeats document ${seen + 1}` }] },
      );
    first.set(doc.id, i);
  });
}

interface Prepared {
  doc: Assessment;
  content: ReturnType<typeof contentOf>;
  evaluation: ReturnType<typeof evaluateForStore>;
}

/** Count the register's page marks again from the rows, and mark them fresh. */
export async function rebuildMarks({ db }: Pick<StoreDeps, "db">): Promise<void> {
  await db.execute(sql`select register_marks_rebuild()`);
}

/** One batch, all or nothing (with `deferMarks`, its rows leave the page marks stale). */
async function importBatch(
  deps: StoreDeps,
  docs: readonly Assessment[],
  ctx: WriteContext,
  deferMarks: boolean,
): Promise<ImportResult[]> {
  // Evaluated before the transaction opens: no pure work while rows are locked.
  const prepared = docs.map((doc) => prepare(doc, ctx));
  return writeTransaction(deps.db, deps.cache, async (tx) => {
    if (deferMarks) {
      await tx.execute(sql`select set_config('basis.register_marks', 'deferred', true)`);
      await tx.execute(sql`insert into register_marks_stale default values on conflict do nothing`);
    }
    return writeBatch(tx, prepared, ctx);
  });
}

function prepare(doc: Assessment, ctx: WriteContext): Prepared {
  const content = contentOf(doc);
  return { doc, content, evaluation: evaluateForStore(content, ctx.today) };
}

async function writeBatch(
  tx: WriteTx,
  prepared: readonly Prepared[],
  ctx: WriteContext,
): Promise<ImportResult[]> {
  const existing = new Map(
    (
      await tx
        .select({ ...HEAD, document: assessmentVersions.document })
        .from(assessments)
        .innerJoin(assessmentVersions, CURRENT_VERSION)
        .where(sql`${assessments.slug} = any(${sql.param(prepared.map((p) => p.doc.id))}::text[])`)
        .for("update", { of: assessments })
    ).map((r) => [r.slug, r]),
  );
  const results: ImportResult[] = [];
  const rows: string[] = [];
  const versions: string[] = [];
  const audits: AuditInput[] = [];
  const now = JSON.stringify(ctx.now);
  for (const { doc, content, evaluation } of prepared) {
    const row = existing.get(doc.id);
    if (!row) {
      const { state, inForce } = initialState(doc.status);
      const id = randomUUID();
      // Rows as JSON text, one array per table, turned back into rows by the database: one
      // parameter per statement, whatever the batch's size.
      const serialised = serialiseVersion(content, evaluation);
      rows.push(
        `{"id":"${id}",${serialised.register},"status":${JSON.stringify(state)},"current_version":1,"approved_version":${inForce ? 1 : null},"created_at":${now},"updated_at":${now}}`,
      );
      versions.push(versionJson(serialised, id, 1, state, "imported", ctx.actor, ctx.now));
      audits.push({
        actor: ctx.actor,
        action: "assessment.create",
        entityId: id,
        data: { slug: content.id, version: 1, outcome: evaluation.outcome, reason: "imported" },
      });
      results.push({ slug: doc.id, result: "created", version: 1 });
    } else if (canonical(row.document) === canonical(content)) {
      results.push({ slug: doc.id, result: "unchanged", version: row.currentVersion });
    } else {
      const { document: _stored, ...head } = row;
      const rec = await updateIn(tx, { ...head, status: head.status }, doc, ctx, "imported", {
        content,
        evaluation,
      });
      results.push({ slug: doc.id, result: "updated", version: rec.version });
    }
  }
  if (rows.length > 0) {
    // Generated and defaulted columns are left to the database.
    await tx.execute(sql`
      with created as (
        insert into assessments (${ASSESSMENT_COLUMNS})
        select ${ASSESSMENT_COLUMNS} from json_populate_recordset(null::assessments, ${`[${rows.join(",")}]`}::json)
        returning 1)
      insert into assessment_versions (${VERSION_COLUMNS})
      select ${VERSION_COLUMNS} from json_populate_recordset(null::assessment_versions, ${`[${versions.join(",")}]`}::json)`);
  }
  await appendAudits(tx, audits, ctx.now);
  return results;
}

/**
 * The error of a failed batch, naming the document that caused it: each of the batch's
 * documents is written again, alone, under a savepoint of a transaction that is then rolled
 * back, so finding it changes nothing.
 */
async function located(
  deps: StoreDeps,
  error: unknown,
  batch: readonly Assessment[],
  start: number,
  ctx: WriteContext,
  batched: boolean,
): Promise<unknown> {
  if (error instanceof DomainError && error.code === "validation_failed") return error;
  const kept = batched
    ? start === 0
      ? "; nothing was imported"
      : `; the ${start} documents before its batch were imported, nothing of its batch`
    : "; nothing was imported";
  let culprit: { index: number; cause: unknown } | undefined;
  await deps.db
    .transaction(async (tx) => {
      for (const [i, doc] of batch.entries()) {
        try {
          await tx.transaction((sp) =>
            writeBatch(sp as unknown as WriteTx, [prepare(doc, ctx)], ctx),
          );
        } catch (cause) {
          culprit = { index: start + i, cause };
          break;
        }
      }
      tx.rollback();
    })
    .catch(() => undefined);
  // Only a document's own data is its fault (a value the database refuses, a clash with
  // another row); anything else (a lost table, a dropped connection) is told as it came.
  const code = culprit ? databaseCode(culprit.cause) : undefined;
  if (!culprit || !(culprit.cause instanceof DomainError || /^2[23]/.test(code ?? "")))
    return error;
  const doc = batch[culprit.index - start] as Assessment;
  const cause = mapUnique(culprit.cause, doc);
  const why = cause instanceof DomainError ? cause.message : describeDatabaseError(cause);
  return new DomainError(
    cause instanceof DomainError ? cause.code : "validation_failed",
    `document ${culprit.index + 1} ("${doc.id}") could not be imported: ${why}${kept}`,
    { index: culprit.index, slug: doc.id, imported: batched ? start : 0 },
  );
}

/** A database error in words that quote no statement or value: its code and its message. */
function describeDatabaseError(e: unknown): string {
  const code = databaseCode(e);
  let root = e as { message?: string; cause?: unknown; code?: unknown };
  while (root.cause && typeof root.code !== "string") root = root.cause as typeof root;
  return code ? `database error ${code} (${root.message ?? "no message"})` : String(root.message);
}
