/**
 * @module store/audit
 * The tamper-evident audit trail. Every state change appends an event in the same transaction
 * as the change; each event's hash covers its content and the previous event's hash, so an
 * edited, deleted or reordered event breaks the chain at a findable place.
 */
import { createHash, randomUUID } from "node:crypto";
import { asc, eq, gt, type SQL, sql } from "drizzle-orm";
import { AUDIT_EVENTS, type AuditInput } from "./audit-events.ts";
import type { ChangeFeed, StoreCache } from "./cache.ts";
import type { Db } from "./db.ts";
import { auditEvents, settings } from "./schema.ts";

export const GENESIS = "0".repeat(64);
/** Serialises the creation of the head row on a new database (see appendAudit). */
const AUDIT_LOCK = 0x6a5715;

export type { AuditInput };

/** An event as stored. */
export interface AuditEvent {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

declare const opened: unique symbol;
/**
 * A transaction opened by `writeTransaction`, the only kind `appendAudit` accepts: a state
 * change cannot append its event outside the one chokepoint, and the compiler says so.
 */
export type WriteTx = Db & { readonly [opened]: true };
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

/** The audited actions written in each open transaction, for the cache (see writeTransaction). */
const actionsOf = new WeakMap<object, string[]>();

/**
 * The one way to change state: run `work` in a transaction and, once it has ended, tell the
 * cache which audited actions it wrote so their cached reads are dropped. A failed transaction
 * invalidates too: a COMMIT whose answer was lost may still have committed.
 */
export async function writeTransaction<T>(
  db: Db,
  cache: StoreCache,
  work: (tx: WriteTx) => Promise<T>,
): Promise<T> {
  const actions: string[] = [];
  try {
    return await db.transaction((tx) => {
      actionsOf.set(tx, actions);
      return work(tx as unknown as WriteTx);
    });
  } finally {
    cache.committed(actions);
  }
}

/**
 * The other way to change state: one statement, which is a transaction of its own (a call of
 * a function that appends its event, such as `basis_save_version`), with the same telling of
 * the cache afterwards. `actions` are the audited actions the statement may write.
 */
export async function writeStatement(
  db: Db,
  cache: StoreCache,
  actions: readonly AuditInput["action"][],
  statement: SQL,
): Promise<unknown> {
  try {
    return await db.execute(statement);
  } finally {
    cache.committed(actions);
  }
}

/** A new event's own fields: a fresh id, the time, who did what and to which kind of entity. */
function newEvent(input: AuditInput, now: Date) {
  return {
    id: randomUUID(),
    at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    entityType: AUDIT_EVENTS[input.action].entity,
    data: (input.data ?? {}) as Record<string, unknown>,
  };
}

/**
 * An event for a statement that chains it itself (see `writeStatement`), where the database
 * learns the entity's id and the previous event's hash as it runs: the event's row without
 * them (nor its hash), and its canonical JSON cut in three where they go, so the database
 * hashes exactly the text `eventHash` hashes. The payload is checked here, as on append.
 */
export function eventWithHoles(
  input: AuditInput,
  now: Date,
): { row: string; hashParts: [string, string, string] } {
  AUDIT_EVENTS[input.action].data.parse(input.data ?? {});
  const holes = { entityId: `\u0000${randomUUID()}`, prevHash: `\u0000${randomUUID()}` };
  const event = newEvent(input, now);
  const body = canonical({ ...event, ...holes });
  const [before, rest] = body.split(JSON.stringify(holes.entityId));
  const [between, after] = (rest ?? "").split(JSON.stringify(holes.prevHash));
  if (before === undefined || between === undefined || after === undefined)
    throw new Error("an event's canonical JSON has its entity after its previous hash");
  return {
    row: JSON.stringify({
      id: event.id,
      at: event.at,
      actor: event.actor,
      action: event.action,
      entity_type: event.entityType,
      data: event.data,
    }),
    hashParts: [before, between, after],
  };
}

/**
 * Append an event inside the caller's transaction (one opened by `writeTransaction`). Its
 * payload is checked against the action's schema (store/audit-events) first. The head row
 * is locked first: that serialises appends, so the chain and the sequence numbers have one
 * order on PGlite and on a PostgreSQL server alike, and in READ COMMITTED the locking read
 * returns the head as the previous appender committed it.
 */
export async function appendAudit(tx: WriteTx, input: AuditInput, now: Date): Promise<void> {
  await appendAudits(tx, [input], now);
}

/**
 * Append several events, in order, as `appendAudit` does one: the head is locked once and the
 * events are chained here and written in one statement (a bulk import writes thousands).
 */
export async function appendAudits(
  tx: WriteTx,
  inputs: readonly AuditInput[],
  now: Date,
): Promise<void> {
  if (inputs.length === 0) return;
  await tx.execute(sql`with ${await chainAudits(tx, inputs, now)} select count(*) from audit_head`);
}

/**
 * Lock the head, chain `inputs` onto it, and give the common table expressions that write
 * them and move the head (`appended`, `audit_head`), for a write to run in its own statement:
 * an update saves its row, its version and its event in one round trip. The statement must
 * run in this transaction, before anything else appends.
 */
export async function chainAudits(
  tx: WriteTx,
  inputs: readonly AuditInput[],
  now: Date,
): Promise<SQL> {
  for (const input of inputs) {
    AUDIT_EVENTS[input.action].data.parse(input.data ?? {});
    actionsOf.get(tx)?.push(input.action);
  }
  let head = await lockHead(tx);
  if (!head) {
    // No head yet (a new database): create it from the chain under the advisory lock.
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
    await tx.execute(sql`
      insert into settings (key, value)
      select ${HEAD_KEY}, coalesce(
        (select jsonb_build_object('id', id, 'hash', hash) from audit_events order by seq desc limit 1),
        jsonb_build_object('hash', ${GENESIS}::text))
      on conflict (key) do nothing`);
    head = await lockHead(tx);
  }
  let prevHash = head?.hash ?? GENESIS;
  const rows: string[] = [];
  let last = { id: "", hash: "" };
  for (const input of inputs) {
    const event = { ...newEvent(input, now), entityId: input.entityId, prevHash };
    const hash = eventHash(event);
    rows.push(
      JSON.stringify({
        id: event.id,
        at: event.at,
        actor: event.actor,
        action: event.action,
        entity_type: event.entityType,
        entity_id: event.entityId,
        data: event.data,
        prev_hash: event.prevHash,
        hash,
      }),
    );
    prevHash = hash;
    last = { id: event.id, hash };
  }
  // The events travel as one JSON array (one parameter, whatever their number) and take
  // their sequence numbers in its order. The head is kept beside the chain so that removing
  // the newest events is noticed too.
  return sql`
    appended as (
      insert into audit_events (id, at, actor, action, entity_type, entity_id, data, prev_hash, hash)
      select e.id, e.at, e.actor, e.action, e.entity_type, e.entity_id, e.data, e.prev_hash, e.hash
      from json_populate_recordset(null::audit_events, ${`[${rows.join(",")}]`}::json)
        with ordinality as e
      order by e.ordinality
      returning seq),
    audit_head as (
      update settings set value = ${JSON.stringify(last)}::jsonb
      where settings.key = ${HEAD_KEY} and exists (select 1 from appended)
      returning 1)`;
}

async function lockHead(tx: WriteTx): Promise<{ hash: string } | undefined> {
  const rows = await tx
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, HEAD_KEY))
    .for("update");
  return rows[0]?.value as { hash: string } | undefined;
}

/**
 * The changes read from the audit trail: the events appended after a sequence number (what
 * was done to which entity). Appends are serialised until commit, so sequence order is
 * commit order and a check never skips an event that commits later with a smaller number.
 */
export function auditFeed(db: Db, batch = 500): ChangeFeed {
  const newest = db
    .select({ seq: sql<string>`coalesce(max(${auditEvents.seq}), 0)` })
    .from(auditEvents)
    .prepare("basis_audit_newest");
  const after = db
    .select({
      seq: auditEvents.seq,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
    })
    .from(auditEvents)
    .where(gt(auditEvents.seq, sql.placeholder("after")))
    .orderBy(asc(auditEvents.seq))
    .limit(batch + 1)
    .prepare("basis_audit_after");
  return {
    async since(seen) {
      if (seen === undefined) {
        const rows = await newest.execute();
        return { last: Number(rows[0]?.seq ?? 0), changes: "all" };
      }
      const rows = await after.execute({ after: seen });
      const last = rows[rows.length - 1];
      if (!last) return { last: seen, changes: [] };
      if (rows.length <= batch) return { last: last.seq, changes: rows };
      // Too many to list: everything up to the newest may have changed.
      const newestRows = await newest.execute();
      return { last: Math.max(Number(newestRows[0]?.seq ?? 0), last.seq), changes: "all" };
    },
  };
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first event whose link is broken, and how. */
  broken?: {
    seq: number;
    id: string;
    reason: "content-changed" | "link-broken" | "head-missing" | "no-head";
  };
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
  const last = rows[rows.length - 1];
  if (headValue && headValue.hash !== prev) {
    return {
      ok: false,
      checked,
      broken: { seq: last?.seq ?? 0, id: headValue.id, reason: "head-missing" },
    };
  }
  // The head is written with the first event and never removed: events without it were cut.
  if (!headValue && last)
    return { ok: false, checked, broken: { seq: last.seq, id: last.id, reason: "no-head" } };
  return { ok: true, checked };
}
