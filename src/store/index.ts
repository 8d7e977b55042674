/**
 * @module store
 * The storage interface: one implementation on PostgreSQL that runs on PGlite (embedded) and
 * on a PostgreSQL server. Callers get a `Store` and never see which one. Each operation is
 * its own module (`assessments/create-assessment.ts` exports `createAssessment`) taking the
 * database and cache first; `openStore` binds them once, so a caller writes
 * `store.assessments.create(doc, ctx)` and an operation's signature lives in one place.
 */

import { asc, gt } from "drizzle-orm";
import { AccountStore } from "./accounts.ts";
import { getVersion, listVersions } from "./assessments/assessment-versions.ts";
import { createAssessment } from "./assessments/create-assessment.ts";
import { deleteAssessment } from "./assessments/delete-assessment.ts";
import { exportDocuments } from "./assessments/export-documents.ts";
import { getAssessment } from "./assessments/get-assessment.ts";
import { importAssessments } from "./assessments/import-assessments.ts";
import { listRegister } from "./assessments/list-register.ts";
import { updateAssessment } from "./assessments/update-assessment.ts";
import { appendAudit, auditFeed, verifyAudit, writeTransaction } from "./audit.ts";
import { StoreCache } from "./cache.ts";
import { createComment } from "./comments/create-comment.ts";
import { listComments } from "./comments/list-comments.ts";
import { reopenComment, resolveComment } from "./comments/resolve-comment.ts";
import { checkContentUpdates } from "./content-updates.ts";
import type { RenderSigned, StoreDeps } from "./context.ts";
import { type Database, type OpenOptions, openDatabase } from "./db.ts";
import { decideObjection } from "./objections/decide-objection.ts";
import { listObjections } from "./objections/list-objections.ts";
import { getObjectionSettings, setObjectionSettings } from "./objections/objection-settings.ts";
import { recordObjection } from "./objections/record-objection.ts";
import { raiseManualTrigger } from "./reviews/raise-manual-trigger.ts";
import { recordReview } from "./reviews/record-review.ts";
import { reviewOverview } from "./reviews/review-overview.ts";
import { auditEvents } from "./schema.ts";
import { recordDecision } from "./sign-off/record-decision.ts";
import { getRequiredRoles, setRequiredRoles } from "./sign-off/required-roles.ts";
import { retireAssessment } from "./sign-off/retire-assessment.ts";
import { signOffOverview } from "./sign-off/sign-off-overview.ts";
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
  signOff: {
    requiredRoles: getRequiredRoles,
    setRequiredRoles,
    overview: signOffOverview,
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
  assessments: BoundAll<Operations["assessments"]>;
  accounts: AccountStore;
  signOff: BoundAll<Operations["signOff"]>;
  comments: BoundAll<Operations["comments"]>;
  reviews: BoundAll<Operations["reviews"]>;
  objections: BoundAll<Operations["objections"]>;
  /** Raise content-updated triggers for built-in content changed since the last start. */
  checkContentUpdates: Bound<typeof checkContentUpdates>;
  audit: {
    /** Record an event that changes nothing else (e.g. an export), in its own transaction. */
    record(input: Parameters<typeof appendAudit>[1], now: Date): Promise<void>;
    verify(): ReturnType<typeof verifyAudit>;
    list(after: number, limit: number): Promise<(typeof auditEvents.$inferSelect)[]>;
  };
  close(): Promise<void>;
}

export interface StoreOptions extends OpenOptions {
  /**
   * Renders the document a completed sign-off keeps (the server gives the PDF renderer).
   * Without it an approval that completes a sign-off is refused.
   */
  renderSigned?: RenderSigned;
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const database = await openDatabase(opts);
  const { db } = database;
  // On a PostgreSQL server other instances write too: the cache follows the audit trail.
  const cache = new StoreCache(database.kind === "postgres" ? auditFeed(db) : undefined);
  const deps: StoreDeps = { db, cache, renderSigned: opts.renderSigned };
  return {
    database,
    assessments: bind(deps, OPERATIONS.assessments),
    accounts: new AccountStore(db, cache),
    signOff: bind(deps, OPERATIONS.signOff),
    comments: bind(deps, OPERATIONS.comments),
    reviews: bind(deps, OPERATIONS.reviews),
    objections: bind(deps, OPERATIONS.objections),
    checkContentUpdates: (ctx, current) => checkContentUpdates(deps, ctx, current),
    audit: {
      record: (input, now) => writeTransaction(db, cache, (tx) => appendAudit(tx, input, now)),
      verify: () => verifyAudit(db),
      list: (after, limit) =>
        db
          .select()
          .from(auditEvents)
          .where(gt(auditEvents.seq, after))
          .orderBy(asc(auditEvents.seq))
          .limit(limit),
    },
    close: () => database.close(),
  };
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
