/**
 * @module notify/run-reminders
 * One reminder tick: work out who must act on what today, queue one message per (thing,
 * person) in the outbox, then send what is queued. Running it again, after a restart or on
 * another instance, queues nothing new for the same facts, and each message goes once.
 * - a review falling due within BASIS_REMINDER_DAYS (or overdue) on an approved assessment:
 *   to editors and approvers, once per review date;
 * - an assessment in review: to approvers and admins, once per version;
 * - a rejection: to whoever submitted that version (from the audit trail);
 * - an open review trigger: to editors, once per trigger;
 * - a DPIA measure not done and due within 14 days: to its owner (the user whose email or
 *   name the owner field gives, else the editors), once when it falls due soon and once more
 *   when it is overdue, per due date.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, desc, eq, gte, inArray, lt } from "drizzle-orm";
import { auditData } from "../store/audit-events.ts";
import type { Store } from "../store/index.ts";
import { assessments, auditEvents, users } from "../store/schema.ts";
import {
  type Channel,
  claim,
  enqueue,
  markFailed,
  markSent,
  type OutboxMessage,
} from "./outbox.ts";
import type { Transport } from "./transports.ts";

export const DEFAULT_REMINDER_DAYS = 30;
/** DPIA measures are chased from this many days before their due date. */
export const DPIA_MEASURE_DAYS = 14;
/** How far back the audit trail is read for rejections to tell their submitters about. */
const REJECTION_LOOKBACK_DAYS = 30;

export interface ReminderOptions {
  store: Store;
  now: Date;
  transport: Transport;
  /** Remind of reviews due within this many days (BASIS_REMINDER_DAYS, default 30). */
  days?: number;
  /** Links in messages point here (the server's public URL). */
  baseUrl?: string | undefined;
  /** Who claims messages; one per process by default. */
  owner?: string;
  leaseMs?: number;
}

export interface ReminderResult {
  queued: number;
  sent: number;
  failed: number;
  errors: string[];
}

const PROCESS_OWNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Something someone must act on, before it is addressed to people and channels. */
interface Notice {
  /** The key without its recipient part. */
  key: string;
  type: "review-due" | "approval-needed" | "rejected" | "review-needed" | "dpia-measure-due";
  to: string[];
  subject: string;
  text: string;
  assessment: { id: string; slug: string; title: string };
  details: Record<string, unknown>;
}

function link(baseUrl: string | undefined, slug: string): string {
  return baseUrl ? `\n\nOpen it: ${baseUrl.replace(/\/+$/, "")}/assessments/${slug}` : "";
}

async function notices(o: ReminderOptions, today: string, days: number): Promise<Notice[]> {
  const db = o.store.database.db;
  const people = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.disabled, false))
    .orderBy(asc(users.email));
  const withRole = (...roles: string[]) =>
    people.filter((p) => roles.includes(p.role)).map((p) => p.email);
  const out: Notice[] = [];

  const overview = await o.store.reviews.overview(today, days);
  for (const r of [...overview.overdue, ...overview.dueSoon]) {
    if (!r.inForce || !r.nextReview) continue;
    const when = r.days < 0 ? `was due on ${r.nextReview}` : `is due on ${r.nextReview}`;
    out.push({
      key: `review-due:${r.id}:${r.nextReview}`,
      type: "review-due",
      to: withRole("editor", "approver"),
      subject: `Review ${r.days < 0 ? "overdue" : "due"}: ${r.title}`,
      text: `The review of "${r.title}" ${when}.${link(o.baseUrl, r.slug)}`,
      assessment: { id: r.id, slug: r.slug, title: r.title },
      details: { nextReview: r.nextReview },
    });
  }
  for (const r of overview.reviewNeeded) {
    for (const t of r.triggers) {
      out.push({
        key: `review-needed:${t.id}`,
        type: "review-needed",
        to: withRole("editor"),
        subject: `Review needed: ${r.title}`,
        text: `"${r.title}" needs a review: ${t.reason}${link(o.baseUrl, r.slug)}`,
        assessment: { id: r.id, slug: r.slug, title: r.title },
        details: { triggerId: t.id, kind: t.kind, reason: t.reason },
      });
    }
  }

  const inReview = await db
    .select({
      id: assessments.id,
      slug: assessments.slug,
      title: assessments.title,
      version: assessments.currentVersion,
    })
    .from(assessments)
    .where(eq(assessments.status, "in_review"))
    .orderBy(asc(assessments.slug));
  for (const r of inReview) {
    out.push({
      key: `approval-needed:${r.id}:v${r.version}`,
      type: "approval-needed",
      to: withRole("approver", "admin"),
      subject: `Approval needed: ${r.title}`,
      text: `Version ${r.version} of "${r.title}" was submitted for review and needs your decision.${link(o.baseUrl, r.slug)}`,
      assessment: { id: r.id, slug: r.slug, title: r.title },
      details: { version: r.version },
    });
  }

  out.push(...(await rejections(o, people)));
  out.push(...(await measuresDue(o, today, people, withRole("editor"))));
  return out;
}

/**
 * The owner of a measure is free text: a user's email or name reaches that user (an editor,
 * approver or admin, not a viewer, who cannot change the plan); anything else reaches the
 * editors, with the owner named in the message.
 */
function ownerEmails(
  owner: string | null,
  people: { email: string; name: string; role: string }[],
  editors: string[],
): string[] {
  const wanted = owner?.trim().toLowerCase();
  const match = wanted
    ? people.filter(
        (p) =>
          p.role !== "viewer" &&
          (p.email.toLowerCase() === wanted || p.name.trim().toLowerCase() === wanted),
      )
    : [];
  return match.length > 0 ? match.map((p) => p.email) : editors;
}

async function measuresDue(
  o: ReminderOptions,
  today: string,
  people: { email: string; name: string; role: string }[],
  editors: string[],
): Promise<Notice[]> {
  const out: Notice[] = [];
  for (const m of await o.store.dpia.openMeasures(today)) {
    if (m.due === null || m.days === null || m.days > DPIA_MEASURE_DAYS) continue;
    const overdue = m.days < 0;
    const owner = m.owner ? ` (owner: ${m.owner})` : " (no owner recorded)";
    out.push({
      key: `dpia-measure:${m.assessmentId}:${m.measureId}:${m.due}:${overdue ? "overdue" : "due"}`,
      type: "dpia-measure-due",
      to: ownerEmails(m.owner, people, editors),
      subject: `DPIA measure ${overdue ? "overdue" : "due"}: ${m.measure}`,
      text: `The measure "${m.measure}"${owner} in the DPIA of "${m.title}" ${overdue ? "was" : "is"} due on ${m.due} and is not done.${link(o.baseUrl, m.slug)}`,
      assessment: { id: m.assessmentId, slug: m.slug, title: m.title },
      details: { measureId: m.measureId, due: m.due, owner: m.owner },
    });
  }
  return out;
}

/** Rejections of the last weeks, each addressed to whoever submitted the rejected version. */
async function rejections(
  o: ReminderOptions,
  people: { id: string; email: string }[],
): Promise<Notice[]> {
  const db = o.store.database.db;
  const since = new Date(o.now.getTime() - REJECTION_LOOKBACK_DAYS * 86_400_000).toISOString();
  const rejected = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "assessment.rejected"), gte(auditEvents.at, since)))
    .orderBy(asc(auditEvents.seq));
  if (rejected.length === 0) return [];
  const ids = [...new Set(rejected.map((e) => e.entityId))];
  const rows = await db
    .select({ id: assessments.id, slug: assessments.slug, title: assessments.title })
    .from(assessments)
    .where(inArray(assessments.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const emailOf = new Map(people.map((p) => [`user:${p.id}`, p.email]));
  const out: Notice[] = [];
  for (const e of rejected) {
    const a = byId.get(e.entityId);
    if (!a) continue;
    const submitted = await db
      .select({ actor: auditEvents.actor })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "assessment.submitted"),
          eq(auditEvents.entityId, e.entityId),
          lt(auditEvents.seq, e.seq),
        ),
      )
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const email = submitted[0] ? emailOf.get(submitted[0].actor) : undefined;
    if (!email) continue;
    const data = auditData("assessment.rejected", e.data);
    if (!data) continue;
    const version = data.version;
    const v = `v${version}`;
    const comment = data.comment ? `\n\nComment: ${data.comment}` : "";
    out.push({
      key: `rejected:${a.id}:${v}`,
      type: "rejected",
      to: [email],
      subject: `Rejected: ${a.title}`,
      text: `Your submission of "${a.title}" (${v}) was rejected and is back in draft.${comment}${link(o.baseUrl, a.slug)}`,
      assessment: a,
      details: { version },
    });
  }
  return out;
}

function address(n: Notice, channels: Channel[]): OutboxMessage[] {
  const out: OutboxMessage[] = [];
  if (channels.includes("email")) {
    for (const email of new Set(n.to)) {
      out.push({
        key: `${n.key}:${email.toLowerCase()}`,
        channel: "email",
        recipient: email,
        subject: n.subject,
        body: n.text,
      });
    }
  }
  if (channels.includes("webhook")) {
    out.push({
      key: `${n.key}:webhook`,
      channel: "webhook",
      recipient: "webhook",
      subject: n.subject,
      body: JSON.stringify({
        type: n.type,
        key: n.key,
        subject: n.subject,
        text: n.text,
        assessment: n.assessment,
        recipients: n.to,
        ...n.details,
      }),
    });
  }
  return out;
}

/** Queue what is due today, then send everything queued and unsent. */
export async function runReminders(o: ReminderOptions): Promise<ReminderResult> {
  const db = o.store.database.db;
  const today = o.now.toISOString().slice(0, 10);
  const days = o.days ?? DEFAULT_REMINDER_DAYS;
  const channels: Channel[] = [];
  if (o.transport.email) channels.push("email");
  if (o.transport.webhook) channels.push("webhook");
  const result: ReminderResult = { queued: 0, sent: 0, failed: 0, errors: [] };
  if (channels.length === 0) return result;
  const messages = (await notices(o, today, days)).flatMap((n) => address(n, channels));
  result.queued = await enqueue(db, messages, o.now);
  const owner = o.owner ?? PROCESS_OWNER;
  // Bounded: a tick sends at most this many batches; the rest waits for the next tick.
  for (let batch = 0; batch < 20; batch++) {
    const claimed = await claim(db, {
      owner,
      now: o.now,
      channels,
      limit: 50,
      ...(o.leaseMs === undefined ? {} : { leaseMs: o.leaseMs }),
    });
    if (claimed.length === 0) break;
    for (const m of claimed) {
      const send = m.channel === "email" ? o.transport.email : o.transport.webhook;
      try {
        if (!send) throw new Error(`no ${m.channel} transport`);
        await send(m);
        await markSent(db, m.key, owner, o.now);
        result.sent++;
      } catch (e) {
        const message = (e as Error).message ?? String(e);
        await markFailed(db, m.key, owner, message);
        result.failed++;
        result.errors.push(`${m.key}: ${message}`);
      }
    }
    // Failed ones were given back: stop here rather than retry them at once in this tick.
    if (result.failed > 0) break;
  }
  return result;
}
