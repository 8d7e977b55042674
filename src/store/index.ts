/**
 * @module store
 * The storage interface: one implementation on PostgreSQL that runs on PGlite (embedded) and
 * on a PostgreSQL server. Callers get a `Store` and never see which one.
 */

import { asc, gt } from "drizzle-orm";
import { AccountStore } from "./accounts.ts";
import { AssessmentStore } from "./assessments.ts";
import { type AuditInput, appendAudit, auditFeed, writeTransaction } from "./audit.ts";
import type { AuditAnchor } from "./audit-anchor.ts";
import { auditHead, type TrailVerification, verifyTrail } from "./audit-verify.ts";
import { StoreCache } from "./cache.ts";
import { CommentStore } from "./comments.ts";
import { type ContentCheck, type ContentHashes, checkContentUpdates } from "./content-updates.ts";
import { type Database, type OpenOptions, openDatabase } from "./db.ts";
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
    close: () => database.close(),
  };
}

export type { WriteContext } from "./assessments.ts";
