/**
 * @module store/audit-verify
 * Verifying the audit trail as a whole: the hash chain and its stored head (`verifyAudit`),
 * then that no data outlives the events that recorded it, then any anchors kept outside the
 * database (see `audit-anchor.ts`).
 *
 * Deleting the newest events and moving the head back leaves a chain that is whole; but the
 * rows those events recorded are still there. Every assessment version, user and API token
 * is written in the same transaction as its creating event, so a row without that event
 * means events were removed. Removing the rows too leaves the database consistent: only an
 * anchor taken before the cut can tell.
 */
import { sql } from "drizzle-orm";
import { type AuditVerification, GENESIS, verifyAudit } from "./audit.ts";
import { type AuditAnchor, type AuditHead, anchorSigned, EMPTY_HEAD } from "./audit-anchor.ts";
import type { Db } from "./db.ts";
import { rowsOf } from "./rows.ts";

type Reason =
  | NonNullable<AuditVerification["broken"]>["reason"]
  | "events-missing"
  | "anchor-missing"
  | "anchor-invalid";

export interface TrailVerification {
  ok: boolean;
  /** Events whose links were checked. */
  checked: number;
  /** The newest event, to anchor. */
  head: AuditHead;
  /** The first problem found, and where. */
  broken?: { seq: number; id: string; reason: Reason };
  /** Rows whose creating event is missing, per kind, when there are any. */
  unrecorded?: { versions: number; users: number; tokens: number };
  /** How many anchors were checked. */
  anchors?: number;
}

type Reader = Pick<Db, "select" | "execute">;

export async function auditHead(db: Pick<Db, "execute">): Promise<AuditHead> {
  const rows = rowsOf<{ seq: string | number; id: string; hash: string; at: string }>(
    await db.execute(sql`select seq, id, hash, at from audit_events order by seq desc limit 1`),
  );
  const row = rows[0];
  return row ? { seq: Number(row.seq), id: row.id, hash: row.hash, at: row.at } : EMPTY_HEAD;
}

async function unrecorded(db: Pick<Db, "execute">) {
  const rows = rowsOf<{
    versions: string | number;
    users: string | number;
    tokens: string | number;
  }>(
    await db.execute(sql`
      select
        (select count(*) from assessment_versions v where not exists (
           select 1 from audit_events e
           where e.action in ('assessment.create', 'assessment.update')
             and e.entity_id = v.assessment_id::text
             and e.data->>'version' = v.version::text)) as versions,
        (select count(*) from users u where not exists (
           select 1 from audit_events e
           where e.action = 'user.create' and e.entity_id = u.id::text)) as users,
        (select count(*) from api_tokens t where not exists (
           select 1 from audit_events e
           where e.action = 'token.create' and e.entity_id = t.id::text)) as tokens`),
  );
  const r = rows[0];
  return {
    versions: Number(r?.versions ?? 0),
    users: Number(r?.users ?? 0),
    tokens: Number(r?.tokens ?? 0),
  };
}

/**
 * Verify the trail, and with `anchors` (and the key they were signed with) that the chain
 * still holds each anchored event. The first problem is reported.
 */
export async function verifyTrail(
  db: Reader,
  anchors: readonly AuditAnchor[] = [],
  key?: string,
): Promise<TrailVerification> {
  const chain = await verifyAudit(db);
  const head = await auditHead(db);
  if (!chain.ok) return { ...chain, head };
  const missing = await unrecorded(db);
  if (missing.versions + missing.users + missing.tokens > 0)
    return {
      ok: false,
      checked: chain.checked,
      head,
      broken: { seq: head.seq, id: head.id, reason: "events-missing" },
      unrecorded: missing,
    };
  if (anchors.length === 0) return { ok: true, checked: chain.checked, head };
  for (const anchor of anchors) {
    if (key === undefined || !anchorSigned(anchor, key))
      return {
        ok: false,
        checked: chain.checked,
        head,
        broken: { seq: anchor.seq, id: anchor.id, reason: "anchor-invalid" },
      };
    const found =
      anchor.seq === 0
        ? [{ id: "", hash: GENESIS }]
        : rowsOf<{ id: string; hash: string }>(
            await db.execute(sql`select id, hash from audit_events where seq = ${anchor.seq}`),
          );
    const event = found[0];
    if (!event || event.id !== anchor.id || event.hash !== anchor.hash)
      return {
        ok: false,
        checked: chain.checked,
        head,
        broken: { seq: anchor.seq, id: anchor.id, reason: "anchor-missing" },
      };
  }
  return { ok: true, checked: chain.checked, head, anchors: anchors.length };
}
