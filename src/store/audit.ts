/**
 * @module store/audit
 * The tamper-evident audit trail. Every state change appends an event in the same transaction
 * as the change; each event's hash covers its content and the previous event's hash, so an
 * edited, deleted or reordered event breaks the chain at a findable place.
 */
import { createHash, randomUUID } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "./db.ts";
import { auditEvents, settings } from "./schema.ts";

export const GENESIS = "0".repeat(64);
/** Serialises appends so the chain has one order on PGlite and on a PostgreSQL server alike. */
const AUDIT_LOCK = 0x6a5715;

export interface AuditInput {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

export interface AuditEvent extends Required<AuditInput> {
  seq: number;
  id: string;
  at: string;
  prevHash: string;
  hash: string;
}

type Tx = Pick<Db, "execute" | "select" | "insert">;
const HEAD_KEY = "audit_head";

/** Canonical JSON: object keys sorted, so the hash does not depend on key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function eventHash(e: Omit<AuditEvent, "seq" | "hash">): string {
  const body = canonical({
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data,
    prevHash: e.prevHash,
  });
  return createHash("sha256").update(body).digest("hex");
}

/** Append an event inside the caller's transaction. */
export async function appendAudit(tx: Tx, input: AuditInput, now: Date): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const event = {
    id: randomUUID(),
    at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    data: input.data ?? {},
    prevHash: last[0]?.hash ?? GENESIS,
  };
  const hash = eventHash(event);
  await tx.insert(auditEvents).values({ ...event, hash });
  // The head is kept beside the chain so that removing the newest events is noticed too.
  await tx
    .insert(settings)
    .values({ key: HEAD_KEY, value: { id: event.id, hash } })
    .onConflictDoUpdate({ target: settings.key, set: { value: { id: event.id, hash } } });
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first event whose link is broken, and how. */
  broken?: { seq: number; id: string; reason: "content-changed" | "link-broken" | "head-missing" };
}

/** Walk the chain in order and report the first broken link. */
export async function verifyAudit(db: Pick<Db, "select">): Promise<AuditVerification> {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  let prev = GENESIS;
  let checked = 0;
  for (const row of rows) {
    const event = { ...row, data: row.data as Record<string, unknown> };
    if (event.prevHash !== prev)
      return { ok: false, checked, broken: { seq: row.seq, id: row.id, reason: "link-broken" } };
    if (eventHash(event) !== row.hash) {
      return {
        ok: false,
        checked,
        broken: { seq: row.seq, id: row.id, reason: "content-changed" },
      };
    }
    prev = row.hash;
    checked++;
  }
  const head = await db.select().from(settings).where(eq(settings.key, HEAD_KEY));
  const headValue = head[0]?.value as { id: string; hash: string } | undefined;
  if (headValue && headValue.hash !== prev) {
    const last = rows[rows.length - 1];
    return {
      ok: false,
      checked,
      broken: { seq: last?.seq ?? 0, id: headValue.id, reason: "head-missing" },
    };
  }
  return { ok: true, checked };
}
