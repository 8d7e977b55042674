/**
 * @module store
 * The storage interface: one implementation on PostgreSQL that runs on PGlite (embedded) and
 * on a PostgreSQL server. Callers get a `Store` and never see which one.
 */

import { asc, gt, sql } from "drizzle-orm";
import { DomainError } from "../core/errors.ts";
import { AccountStore } from "./accounts.ts";
import { AssessmentStore } from "./assessments.ts";
import { type AuditInput, appendAudit, auditFeed, writeTransaction } from "./audit.ts";
import type { AuditAnchor } from "./audit-anchor.ts";
import { auditHead, type TrailVerification, verifyTrail } from "./audit-verify.ts";
import { type BackupSummary, restoreBackup, writeBackup } from "./backup.ts";
import { StoreCache } from "./cache.ts";
import { CommentStore } from "./comments.ts";
import { type ContentCheck, type ContentHashes, checkContentUpdates } from "./content-updates.ts";
import { APPLICATION_NAME, type Database, type OpenOptions, openDatabase } from "./db.ts";
import { ObjectionStore } from "./objections.ts";
import { ReviewStore } from "./reviews.ts";
import { auditEvents } from "./schema.ts";
import { SignOffStore } from "./sign-off.ts";

export interface Store {
  database: Database;
  assessments: AssessmentStore;
  accounts: AccountStore;
  signOff: SignOffStore;
  comments: CommentStore;
  reviews: ReviewStore;
  objections: ObjectionStore;
  /** Raise content-updated triggers for built-in content changed since the last start. */
  checkContentUpdates(
    ctx: { actor: string; now: Date },
    current?: ContentHashes,
  ): Promise<ContentCheck>;
  audit: {
    /** Record an event that changes nothing else (e.g. an export), in its own transaction. */
    record(input: AuditInput, now: Date): Promise<void>;
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
  close(): Promise<void>;
}

export async function openStore(opts: OpenOptions = {}): Promise<Store> {
  const database = await openDatabase(opts);
  const { db } = database;
  // On a PostgreSQL server other instances write too: the cache follows the audit trail.
  const cache = new StoreCache(database.kind === "postgres" ? auditFeed(db) : undefined);
  const assessmentStore = new AssessmentStore(db, cache);
  return {
    database,
    assessments: assessmentStore,
    accounts: new AccountStore(db, cache),
    signOff: new SignOffStore(db, cache),
    comments: new CommentStore(db, cache),
    reviews: new ReviewStore(db, cache, assessmentStore),
    objections: new ObjectionStore(db, cache, assessmentStore),
    checkContentUpdates: (ctx, current) => checkContentUpdates(db, cache, ctx, current),
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
          {
            actor: ctx.actor,
            action: "backup.create",
            entityType: "database",
            entityId: database.kind,
          },
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
      cache.dropAll();
      await writeTransaction(db, cache, (tx) =>
        appendAudit(
          tx,
          {
            actor: ctx.actor,
            action: "backup.restore",
            entityType: "database",
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
      return summary;
    },
    close: () => database.close(),
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

export type { WriteContext } from "./assessments.ts";
