/**
 * @module notify/outbox
 * The reminder outbox (the `notifications` table). A message's key names what it is about
 * and for whom, so queueing is `INSERT … ON CONFLICT DO NOTHING`: a message is queued once
 * whatever restarts or instances there are. Sending is claim → send → mark: the claim is
 * one `UPDATE … RETURNING` over rows locked with SKIP LOCKED, so of several instances only
 * one holds a given message; a sent message is never claimed again; a failed send gives
 * its claim back and is retried at a later tick. A process that dies between sending and
 * marking leaves a claim that expires after the lease, and that one message may go twice:
 * at-least-once is the most any outbox can promise across a crash at that instant.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../store/db.ts";
import { notifications } from "../store/schema.ts";

export type Channel = "email" | "webhook";

export interface OutboxMessage {
  key: string;
  channel: Channel;
  /** An email address, or the webhook URL's name ("webhook"). */
  recipient: string;
  subject: string;
  body: string;
}

/** How long a claim holds before another instance may take the message over. */
export const DEFAULT_LEASE_MS = 10 * 60_000;

/** Queue messages; those whose key is already in the outbox are left alone. Returns how many are new. */
export async function enqueue(db: Db, messages: OutboxMessage[], now: Date): Promise<number> {
  let added = 0;
  // In chunks: one statement per few hundred rows keeps the parameter count bounded.
  for (let i = 0; i < messages.length; i += 200) {
    const rows = await db
      .insert(notifications)
      .values(messages.slice(i, i + 200).map((m) => ({ ...m, createdAt: now })))
      .onConflictDoNothing({ target: notifications.key })
      .returning({ key: notifications.key });
    added += rows.length;
  }
  return added;
}

export interface ClaimOptions {
  owner: string;
  now: Date;
  channels: Channel[];
  limit?: number;
  leaseMs?: number;
}

/** Claim up to `limit` unsent messages on the given channels that nobody holds. */
export async function claim(db: Db, o: ClaimOptions): Promise<OutboxMessage[]> {
  if (o.channels.length === 0) return [];
  const cutoff = new Date(o.now.getTime() - (o.leaseMs ?? DEFAULT_LEASE_MS));
  const claimable = and(
    isNull(notifications.sentAt),
    inArray(notifications.channel, o.channels),
    or(isNull(notifications.claimedAt), lt(notifications.claimedAt, cutoff)),
  );
  const candidates = db
    .select({ key: notifications.key })
    .from(notifications)
    .where(claimable)
    .orderBy(asc(notifications.createdAt), asc(notifications.key))
    .limit(o.limit ?? 100)
    .for("update", { skipLocked: true });
  // The condition is repeated on the UPDATE: a row another instance claimed and committed
  // meanwhile is re-checked against its new version and left out.
  const rows = await db
    .update(notifications)
    .set({
      claimedBy: o.owner,
      claimedAt: o.now,
      attempts: sql`${notifications.attempts} + 1`,
    })
    .where(and(inArray(notifications.key, candidates), claimable))
    .returning();
  return rows.map((r) => ({
    key: r.key,
    channel: r.channel as Channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
  }));
}

/** Mark a claimed message sent; it is never claimed again. */
export async function markSent(db: Db, key: string, owner: string, now: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ sentAt: now, lastError: null })
    .where(
      and(
        eq(notifications.key, key),
        eq(notifications.claimedBy, owner),
        isNull(notifications.sentAt),
      ),
    );
}

/** Give a claim back after a failed send, keeping the error; a later tick retries. */
export async function markFailed(db: Db, key: string, owner: string, error: string): Promise<void> {
  await db
    .update(notifications)
    .set({ claimedBy: null, claimedAt: null, lastError: error.slice(0, 2000) })
    .where(
      and(
        eq(notifications.key, key),
        eq(notifications.claimedBy, owner),
        isNull(notifications.sentAt),
      ),
    );
}
