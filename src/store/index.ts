/**
 * @module store
 * The storage interface: one implementation on PostgreSQL that runs on PGlite (embedded) and
 * on a PostgreSQL server. Callers get a `Store` and never see which one.
 */

import { asc, gt } from "drizzle-orm";
import { AccountStore } from "./accounts.ts";
import { AssessmentStore } from "./assessments.ts";
import { type AuditVerification, verifyAudit } from "./audit.ts";
import { type Database, type OpenOptions, openDatabase } from "./db.ts";
import { auditEvents } from "./schema.ts";

export interface Store {
  database: Database;
  assessments: AssessmentStore;
  accounts: AccountStore;
  audit: {
    verify(): Promise<AuditVerification>;
    list(after: number, limit: number): Promise<(typeof auditEvents.$inferSelect)[]>;
  };
  close(): Promise<void>;
}

export async function openStore(opts: OpenOptions = {}): Promise<Store> {
  const database = await openDatabase(opts);
  const { db } = database;
  return {
    database,
    assessments: new AssessmentStore(db),
    accounts: new AccountStore(db),
    audit: {
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

export type { WriteContext } from "./assessments.ts";
