/**
 * @module store
 * The storage interface: one implementation on PostgreSQL that runs on PGlite (embedded) and
 * on a PostgreSQL server. Callers get a `Store` and never see which one. Each operation is
 * its own module (`assessments/create-assessment.ts` exports `createAssessment`) taking the
 * database and cache first; `openStore` binds them once, so a caller writes
 * `store.assessments.create(doc, ctx)` and an operation's signature lives in one place.
 */

import { asc, gt, sql } from "drizzle-orm";
import { DomainError } from "../core/errors.ts";
import { AccountStore } from "./accounts.ts";
import { getVersion, listVersions } from "./assessments/assessment-versions.ts";
import { createAssessment } from "./assessments/create-assessment.ts";
import { deleteAssessment } from "./assessments/delete-assessment.ts";
import { exportDocuments } from "./assessments/export-documents.ts";
import { getAssessment } from "./assessments/get-assessment.ts";
import { importAssessments } from "./assessments/import-assessments.ts";
import { listRegister } from "./assessments/list-register.ts";
import { RegisterIndex } from "./assessments/register-index.ts";
import { updateAssessment } from "./assessments/update-assessment.ts";
import { appendAudit, auditFeed, writeTransaction } from "./audit.ts";
import type { AuditAnchor } from "./audit-anchor.ts";
import { auditHead, type TrailVerification, verifyTrail } from "./audit-verify.ts";
import { type BackupSummary, restoreBackup, writeBackup } from "./backup.ts";
import { StoreCache } from "./cache.ts";
import { createComment } from "./comments/create-comment.ts";
import { listComments } from "./comments/list-comments.ts";
import { reopenComment, resolveComment } from "./comments/resolve-comment.ts";
import { checkContentUpdates } from "./content-updates.ts";
import type { RenderSigned, StoreDeps } from "./context.ts";
import { APPLICATION_NAME, type Database, type OpenOptions, openDatabase } from "./db.ts";
import { openDpiaMeasures } from "./dpia/open-measures.ts";
import { discardWorkingDraft } from "./drafts/discard-working-draft.ts";
import { getWorkingDraft } from "./drafts/get-working-draft.ts";
import { saveWorkingDraft } from "./drafts/save-working-draft.ts";
import { decideObjection } from "./objections/decide-objection.ts";
import { listObjections } from "./objections/list-objections.ts";
import { getObjectionSettings, setObjectionSettings } from "./objections/objection-settings.ts";
import { recordObjection } from "./objections/record-objection.ts";
import { raiseManualTrigger } from "./reviews/raise-manual-trigger.ts";
import { recordReview } from "./reviews/record-review.ts";
import { reviewOverview } from "./reviews/review-overview.ts";
import { auditEvents } from "./schema.ts";
import { recordDecision } from "./sign-off/record-decision.ts";
import {
  getRequiredRoles,
  getSignOffSettings,
  setRequiredRoles,
  setSignOffSettings,
} from "./sign-off/required-roles.ts";
import { retireAssessment } from "./sign-off/retire-assessment.ts";
import { signOffOverview, signOffOverviews } from "./sign-off/sign-off-overview.ts";
import { signedDocument } from "./sign-off/signed-document.ts";
import { submitForReview } from "./sign-off/submit-for-review.ts";

/** An operation module's function: the store's dependencies first, then its own arguments. */
type Operation = (deps: StoreDeps, ...args: never[]) => unknown;
type Bound<F> = F extends (deps: StoreDeps, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;
type BoundAll<T extends Record<string, Operation>> = { [K in keyof T]: Bound<T[K]> };

const OPERATIONS = {
  assessments: {
    create: createAssessment,
    update: updateAssessment,
    importDocuments: importAssessments,
    delete: deleteAssessment,
    get: getAssessment,
    list: listRegister,
    versions: listVersions,
    version: getVersion,
    allDocuments: exportDocuments,
  },
  drafts: {
    get: getWorkingDraft,
    save: saveWorkingDraft,
    discard: discardWorkingDraft,
  },
  signOff: {
    requiredRoles: getRequiredRoles,
    setRequiredRoles,
    settings: getSignOffSettings,
    setSettings: setSignOffSettings,
    overview: signOffOverview,
    overviews: signOffOverviews,
    submit: submitForReview,
    decide: recordDecision,
    retire: retireAssessment,
    signedDocument,
  },
  comments: {
    list: listComments,
    create: createComment,
    resolve: resolveComment,
    reopen: reopenComment,
  },
  reviews: {
    overview: reviewOverview,
    raiseManual: raiseManualTrigger,
    record: recordReview,
  },
  dpia: {
    openMeasures: openDpiaMeasures,
  },
  objections: {
    settings: getObjectionSettings,
    setSettings: setObjectionSettings,
    record: recordObjection,
    decide: decideObjection,
    list: listObjections,
  },
};

type Operations = typeof OPERATIONS;

function bind<T extends Record<string, Operation>>(deps: StoreDeps, ops: T): BoundAll<T> {
  return Object.fromEntries(
    Object.entries(ops).map(([name, op]) => [
      name,
      (...args: never[]) => (op as (d: StoreDeps, ...a: never[]) => unknown)(deps, ...args),
    ]),
  ) as BoundAll<T>;
}

export interface Store {
  database: Database;
  /** The register held in memory (absent when the store was opened without it). */
  registerIndex: RegisterIndex | undefined;
  assessments: BoundAll<Operations["assessments"]>;
  drafts: BoundAll<Operations["drafts"]>;
  accounts: AccountStore;
  signOff: BoundAll<Operations["signOff"]>;
  comments: BoundAll<Operations["comments"]>;
  reviews: BoundAll<Operations["reviews"]>;
  objections: BoundAll<Operations["objections"]>;
  dpia: BoundAll<Operations["dpia"]>;
  /** Raise content-updated triggers for built-in content changed since the last start. */
  checkContentUpdates: Bound<typeof checkContentUpdates>;
  audit: {
    /** Record an event that changes nothing else (e.g. an export), in its own transaction. */
    record(input: Parameters<typeof appendAudit>[1], now: Date): Promise<void>;
    /** The chain, data without its events, and (given the key) anchors kept elsewhere. */
    verify(anchors?: readonly AuditAnchor[], key?: string): Promise<TrailVerification>;
    /** The newest event, to anchor. */
    head(): ReturnType<typeof auditHead>;
    list(after: number, limit: number): Promise<(typeof auditEvents.$inferSelect)[]>;
  };
  /** Write a consistent snapshot of the whole database to a new file (audited). */
  backup(file: string, ctx: { actor: string; now: Date }): Promise<BackupSummary>;
  /**
   * Replace the database's contents with a backup, in one transaction (audited). Refuses a
   * database holding data, or one other Basis processes are connected to, unless forced.
   */
  restore(
    file: string,
    ctx: { actor: string; now: Date },
    options?: { force?: boolean },
  ): Promise<BackupSummary>;
  /**
   * The embedded database's upkeep, which PostgreSQL's autovacuum does on a server: the first
   * time it is asked, and then once at least `minWrites` writes were made since the last,
   * VACUUM of the whole database, and after writes ANALYZE of the register's table.
   * PGlite runs on the process's own thread, so nothing else runs meanwhile: the server calls
   * it when idle (server/upkeep.ts). True when it ran; on PostgreSQL it never runs.
   */
  upkeep(minWrites: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions extends OpenOptions {
  /**
   * Renders the document a completed sign-off keeps (the server gives the PDF renderer).
   * Without it an approval that completes a sign-off is refused.
   */
  renderSigned?: RenderSigned;
  /** False: no read cache, every read asks the database (default true). */
  readCache?: boolean;
  /**
   * False: no register index, every register page asks the database (default true; it is
   * built when a page is first asked, or by `registerIndex.build()`).
   */
  registerIndex?: boolean;
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const database = await openDatabase(opts);
  const { db } = database;
  // A batched import that stopped before its end left the register's page marks stale: they
  // are counted again now (pages by number are right meanwhile, only slower).
  await db.execute(sql`select register_marks_rebuild() from register_marks_stale`);
  // The cache follows the audit trail: on a PostgreSQL server, where other instances write
  // too, before every read; on PGlite after this process wrote, for the register index.
  const feed = auditFeed(db);
  const cache = new StoreCache(feed, {
    enabled: opts.readCache ?? true,
    othersWrite: database.kind === "postgres",
  });
  await cache.start();
  const registerIndex = opts.registerIndex === false ? undefined : new RegisterIndex(db, feed);
  if (registerIndex) cache.follow(registerIndex);
  const deps: StoreDeps = { db, cache, renderSigned: opts.renderSigned };
  // None yet in this process: the first upkeep is due at once, since the writes made before
  // it opened (by an earlier server, or by the CLI) were not counted. With nothing to clean,
  // a vacuum reads only the pages changed since the last one.
  let writesAtUpkeep: number | undefined;
  return {
    database,
    registerIndex,
    assessments: {
      ...bind(deps, OPERATIONS.assessments),
      list: (query) => listRegister(deps, query, registerIndex),
    },
    drafts: bind(deps, OPERATIONS.drafts),
    accounts: new AccountStore(db, cache),
    signOff: bind(deps, OPERATIONS.signOff),
    comments: bind(deps, OPERATIONS.comments),
    reviews: bind(deps, OPERATIONS.reviews),
    objections: bind(deps, OPERATIONS.objections),
    dpia: bind(deps, OPERATIONS.dpia),
    checkContentUpdates: (ctx, current) => checkContentUpdates(deps, ctx, current),
    audit: {
      record: (input, now) => writeTransaction(db, cache, (tx) => appendAudit(tx, input, now)),
      verify: (anchors, key) => verifyTrail(db, anchors, key),
      head: () => auditHead(db),
      list: (after, limit) =>
        db
          .select()
          .from(auditEvents)
          .where(gt(auditEvents.seq, after))
          .orderBy(asc(auditEvents.seq))
          .limit(limit),
    },
    async backup(file, ctx) {
      await writeTransaction(db, cache, (tx) =>
        appendAudit(
          tx,
          { actor: ctx.actor, action: "backup.create", entityId: database.kind },
          ctx.now,
        ),
      );
      return writeBackup(db, database.kind, file);
    },
    async restore(file, ctx, options = {}) {
      const summary = await restoreBackup(db, file, {
        force: options.force === true,
        guard: database.kind === "postgres" && !options.force ? aloneOnPostgres : undefined,
      });
      cache.reset();
      await writeTransaction(db, cache, (tx) =>
        appendAudit(
          tx,
          {
            actor: ctx.actor,
            action: "backup.restore",
            entityId: database.kind,
            data: {
              createdAt: summary.createdAt,
              backend: summary.backend,
              basisVersion: summary.basisVersion,
            },
          },
          ctx.now,
        ),
      );
      // Every row is new: without a vacuum no page is all-visible (index-only scans read the
      // table) and the planner has no statistics, as after a large import.
      await db.execute(sql`vacuum (analyze)`);
      return summary;
    },
    async upkeep(minWrites) {
      if (database.kind !== "pglite") return false;
      const first = writesAtUpkeep === undefined;
      if (writesAtUpkeep !== undefined && cache.writes - writesAtUpkeep < minWrites) return false;
      // Counted as done when it fails too, so a failing vacuum is not tried again at once.
      writesAtUpkeep = cache.writes;
      // Every table vacuumed: 60-140 ms on a 100,000-activity register with nothing to clean.
      await db.execute(sql`vacuum`);
      // Statistics renewed after writes only (not at a first upkeep on a database nobody has
      // written to since), and for the register's tables only (its rows and its page marks,
      // which a page by number scans): the others are read by their keys. There, ANALYZE of
      // the assessments took 0.6 s, and of the whole database 2.4 s.
      if (!first || cache.writes > 0)
        await db.execute(sql`analyze assessments, register_marks, register_mark_counts`);
      return true;
    },
    close: () => {
      registerIndex?.close();
      return database.close();
    },
  };
}

/**
 * A restore under a running instance would leave its cache, which follows the audit trail by
 * sequence number, blind to the changes after it: other Basis connections to the database
 * (they name themselves `basis`) refuse the restore.
 */
async function aloneOnPostgres(tx: Database["db"]): Promise<void> {
  const r = (await tx.execute(sql`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and application_name = ${APPLICATION_NAME}
      and pid <> pg_backend_pid()`)) as unknown as { rows: { n: number }[] };
  const n = r.rows[0]?.n ?? 0;
  if (n > 0)
    throw new DomainError(
      "conflict",
      `${n} other Basis connection(s) use this database; stop every instance first (or pass --force)`,
    );
}

export type { AssessmentSummary, ListPage, ListQuery } from "./assessments/list-register.ts";
export type { AssessmentRecord } from "./assessments/record.ts";
export type {
  PersonContext,
  RenderSigned,
  SignedFile,
  SigningRecord,
  WriteContext,
} from "./context.ts";
export type { ReviewOverview } from "./reviews/review-overview.ts";
export type { DecisionInput } from "./sign-off/record-decision.ts";
export type { SignOffOverview } from "./sign-off/sign-off-overview.ts";
