/**
 * Reminders end to end, with real components: an SMTP server (smtp-server) and an HTTP
 * webhook receiver started by the test on 127.0.0.1, the outbox on PGlite and on PostgreSQL.
 * With the clock moved forward, each reminder arrives exactly once: over repeated ticks,
 * across a restart (the store closed and reopened on the same data directory), and with two
 * stores on one PostgreSQL database ticking at the same time. A failing SMTP server leaves
 * the message unsent, and a later tick sends it once.
 *
 * Approved and in-review assessments are made by saving their status through the store
 * directly, and the rejection is written as the audit events the sign-off work records, so
 * this suite does not depend on the sign-off routes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assessment } from "../src/core/schema/index.ts";
import { runReminders } from "../src/notify/run-reminders.ts";
import { type Transport, transportOf } from "../src/notify/transports.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { notifications } from "../src/store/schema.ts";
import { anAssessment } from "./builders.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "./support/postgres.ts";

interface Received {
  key: string;
  to: string;
  subject: string;
}

/** An SMTP server that keeps what it accepts; while `failing` it refuses every message. */
async function startSmtp() {
  const received: Received[] = [];
  const state = { failing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.failing) return callback();
      const e = new Error("mailbox temporarily unavailable") as Error & { responseCode: number };
      e.responseCode = 451;
      callback(e);
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          received.push({
            key: String(mail.headers.get("x-basis-reminder")),
            to: to?.value[0]?.address ?? "",
            subject: mail.subject ?? "",
          });
          callback();
        },
        (e: Error) => callback(e),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startWebhook() {
  const received: { key: string; type: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const json = JSON.parse(body) as { key: string; type: string };
      received.push({ key: json.key, type: json.type });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const counts = (items: { key: string }[]) => {
  const out: Record<string, number> = {};
  for (const i of items) out[i.key] = (out[i.key] ?? 0) + 1;
  return out;
};

/** Users with each role, an approved LIA reviewed on 2027-01-15, one in review, one rejection. */
async function seed(store: Store, now: Date) {
  const ctx = { actor: "test", now, today: now.toISOString().slice(0, 10) };
  const people: Record<string, { id: string; email: string }> = {};
  for (const role of ["editor", "approver", "admin", "viewer"] as const) {
    people[role] = await store.accounts.createUser(
      { email: `${role}@example.org`, name: role, role, passwordHash: "x" },
      "test",
      now,
    );
  }
  const make = (
    id: string,
    status: Assessment["status"],
    change: (a: Assessment) => void = () => {},
  ) =>
    store.assessments.create(
      anAssessment()
        .with((a) => {
          a.id = id;
          a.status = status;
          change(a);
        })
        .build(),
      ctx,
    );
  const due = await make("due-review", "approved", (a) => {
    a.review = { nextReview: "2027-01-15" };
  });
  const pending = await make("awaiting-approval", "in_review");
  const rejected = await make("sent-back", "draft");
  const editor = people.editor as { id: string };
  await store.audit.record(
    {
      actor: `user:${editor.id}`,
      action: "assessment.submitted",
      entityId: rejected.id,
      data: { slug: rejected.slug, version: 1 },
    },
    now,
  );
  await store.audit.record(
    {
      actor: `user:${(people.approver as { id: string }).id}`,
      action: "assessment.rejected",
      entityId: rejected.id,
      data: { slug: rejected.slug, version: 1, role: "dpo", comment: "Add the retention period" },
    },
    now,
  );
  return { due, pending, rejected };
}

describe("reminders on the embedded store", () => {
  let dir: string;
  let store: Store;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hook: Awaited<ReturnType<typeof startWebhook>>;
  let transport: Transport;
  let ids: Awaited<ReturnType<typeof seed>>;
  const start = new Date("2026-11-01T08:00:00Z");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "basis-reminders-"));
    store = await openStore({ dataDir: dir, databaseUrl: "" });
    smtp = await startSmtp();
    hook = await startWebhook();
    transport = transportOf({
      smtpUrl: smtp.url,
      webhookUrl: hook.url,
      mailFrom: "basis@example.org",
    });
    ids = await seed(store, start);
  }, 60_000);
  afterAll(async () => {
    transport?.close();
    await store?.close();
    await smtp?.close();
    await hook?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends each reminder once over ticks and a restart, the review only once it falls due", async () => {
    const first = await runReminders({ store, now: start, transport });
    expect(first.failed).toBe(0);
    // 75 days before the review: not yet due (30-day window). The rest goes at once.
    expect(smtp.received.map((m) => m.key).filter((k) => k.startsWith("review-due"))).toEqual([]);
    expect(counts(smtp.received)).toEqual({
      [`approval-needed:${ids.pending.id}:v1:approver@example.org`]: 1,
      [`approval-needed:${ids.pending.id}:v1:admin@example.org`]: 1,
      [`rejected:${ids.rejected.id}:v1:editor@example.org`]: 1,
    });

    const later = new Date("2026-12-20T08:00:00Z");
    await runReminders({ store, now: later, transport });
    await runReminders({ store, now: later, transport });
    await store.close();
    store = await openStore({ dataDir: dir, databaseUrl: "" });
    const afterRestart = await runReminders({
      store,
      now: new Date("2026-12-21T08:00:00Z"),
      transport,
    });
    expect(afterRestart).toMatchObject({ queued: 0, sent: 0, failed: 0 });
    // And once more when it is overdue: the same review date, so nothing new.
    await runReminders({ store, now: new Date("2027-02-01T08:00:00Z"), transport });

    const reviewKey = `review-due:${ids.due.id}:2027-01-15`;
    expect(counts(smtp.received)).toEqual({
      [`approval-needed:${ids.pending.id}:v1:approver@example.org`]: 1,
      [`approval-needed:${ids.pending.id}:v1:admin@example.org`]: 1,
      [`rejected:${ids.rejected.id}:v1:editor@example.org`]: 1,
      [`${reviewKey}:editor@example.org`]: 1,
      [`${reviewKey}:approver@example.org`]: 1,
    });
    const review = smtp.received.find((m) => m.key === `${reviewKey}:editor@example.org`);
    expect(review).toMatchObject({
      to: "editor@example.org",
      subject: expect.stringContaining("Review due"),
    });
    expect(counts(hook.received)).toEqual({
      [`approval-needed:${ids.pending.id}:v1`]: 1,
      [`rejected:${ids.rejected.id}:v1`]: 1,
      [reviewKey]: 1,
    });
  });

  it("leaves a message unsent while the SMTP server fails, and a later tick sends it once", async () => {
    const now = new Date("2027-02-02T08:00:00Z");
    const trigger = await store.reviews.raiseManual(ids.due.id, "New EDPB guidance", {
      actor: "test",
      now,
    });
    const key = `review-needed:${trigger.id}:editor@example.org`;
    smtp.state.failing = true;
    const failed = await runReminders({ store, now, transport });
    expect(failed.failed).toBeGreaterThan(0);
    const row = (await store.database.db.select().from(notifications)).find((r) => r.key === key);
    expect(row).toMatchObject({ sentAt: null, attempts: 1 });
    expect(row?.lastError).toMatch(/451|unavailable/);
    expect(smtp.received.filter((m) => m.key === key)).toEqual([]);

    smtp.state.failing = false;
    await runReminders({ store, now: new Date("2027-02-02T08:05:00Z"), transport });
    await runReminders({ store, now: new Date("2027-02-02T08:10:00Z"), transport });
    expect(smtp.received.filter((m) => m.key === key)).toHaveLength(1);
    // Review triggers go to editors only.
    expect(
      smtp.received.filter((m) => m.key.startsWith(`review-needed:${trigger.id}:`)),
    ).toHaveLength(1);
  });
});

describe("DPIA measure reminders", () => {
  let dir: string;
  let store: Store;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let transport: Transport;
  let id: string;
  const start = new Date("2026-11-01T08:00:00Z");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "basis-dpia-reminders-"));
    store = await openStore({ dataDir: dir, databaseUrl: "" });
    smtp = await startSmtp();
    transport = transportOf({ smtpUrl: smtp.url, mailFrom: "basis@example.org" });
    const ctx = { actor: "test", now: start, today: "2026-11-01" };
    await store.accounts.createUser(
      { email: "editor@example.org", name: "editor", role: "editor", passwordHash: "x" },
      "test",
      start,
    );
    await store.accounts.createUser(
      {
        email: "ciso@example.org",
        name: "Head of IT security",
        role: "approver",
        passwordHash: "x",
      },
      "test",
      start,
    );
    await store.accounts.createUser(
      { email: "viewer@example.org", name: "Viewer", role: "viewer", passwordHash: "x" },
      "test",
      start,
    );
    const a = anAssessment()
      .with((x) => {
        x.id = "with-plan";
        x.dpia = {
          risks: [],
          measures: [
            {
              id: "mfa",
              title: "MFA",
              status: "planned",
              owner: "head of IT security",
              due: "2026-11-10",
            },
            {
              id: "chain",
              title: "Hash chain",
              status: "in-progress",
              owner: "Platform team",
              due: "2026-12-01",
            },
            {
              id: "far",
              title: "Audit",
              status: "planned",
              owner: "ciso@example.org",
              due: "2027-03-01",
            },
            {
              id: "done",
              title: "Masking",
              status: "done",
              owner: "ciso@example.org",
              due: "2026-10-01",
            },
            { id: "undated", title: "Training", status: "planned", owner: "Viewer" },
          ],
        };
      })
      .build();
    id = (await store.assessments.create(a, ctx)).id;
  }, 60_000);
  afterAll(async () => {
    transport?.close();
    await store?.close();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reminds the owner of a measure due within 14 days, again once overdue, and never of a done or distant one", async () => {
    await runReminders({ store, now: start, transport });
    const dpia = () => smtp.received.filter((m) => m.key.startsWith("dpia-measure:"));
    // MFA is due in 9 days: its owner, matched by name, hears of it; the rest waits.
    expect(counts(dpia())).toEqual({
      [`dpia-measure:${id}:mfa:2026-11-10:due:ciso@example.org`]: 1,
    });
    expect(dpia()[0]?.subject).toBe("DPIA measure due: MFA");

    const later = new Date("2026-11-20T08:00:00Z");
    await runReminders({ store, now: later, transport });
    await runReminders({ store, now: later, transport });
    // MFA is now overdue (a second message, once); the hash chain is due in 11 days and its
    // owner is no user, so the editors hear of it. Done, distant and undated measures: nothing.
    expect(counts(dpia())).toEqual({
      [`dpia-measure:${id}:mfa:2026-11-10:due:ciso@example.org`]: 1,
      [`dpia-measure:${id}:mfa:2026-11-10:overdue:ciso@example.org`]: 1,
      [`dpia-measure:${id}:chain:2026-12-01:due:editor@example.org`]: 1,
    });
    expect(dpia().find((m) => m.key.includes(":overdue:"))?.subject).toBe(
      "DPIA measure overdue: MFA",
    );
  });
});

const withPg = postgresAvailable();

describe.runIf(withPg)("reminders with two stores on one PostgreSQL database", () => {
  let server: TestPostgres | undefined;
  const stores: Store[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hook: Awaited<ReturnType<typeof startWebhook>>;
  const transports: Transport[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    for (let i = 0; i < 2; i++) stores.push(await openStore({ databaseUrl: url, poolSize: 5 }));
    smtp = await startSmtp();
    hook = await startWebhook();
    for (let i = 0; i < 2; i++)
      transports.push(transportOf({ smtpUrl: smtp.url, webhookUrl: hook.url }));
  }, 90_000);
  afterAll(async () => {
    for (const t of transports) t.close();
    for (const s of stores) await s.close();
    await smtp?.close();
    await hook?.close();
    server?.stop();
  });

  it("sends each reminder exactly once while both instances tick at the same time", async () => {
    const [a, b] = stores as [Store, Store];
    const ids = await seed(a, new Date("2026-11-01T08:00:00Z"));
    // Many recipients, so that the instances' claims overlap and a double claim would show.
    const extra = Array.from({ length: 40 }, (_, i) => `editor${i}@example.org`);
    for (const email of extra)
      await a.accounts.createUser(
        { email, name: email, role: "editor", passwordHash: "x" },
        "test",
        new Date("2026-11-01T08:00:00Z"),
      );
    for (const day of ["2026-11-01", "2026-12-20", "2026-12-21", "2027-01-20"]) {
      const now = new Date(`${day}T08:00:00Z`);
      await Promise.all([
        runReminders({ store: a, now, transport: transports[0] as Transport, owner: "a" }),
        runReminders({ store: b, now, transport: transports[1] as Transport, owner: "b" }),
        runReminders({ store: a, now, transport: transports[0] as Transport, owner: "a2" }),
        runReminders({ store: b, now, transport: transports[1] as Transport, owner: "b2" }),
      ]);
    }
    const reviewKey = `review-due:${ids.due.id}:2027-01-15`;
    expect(counts(smtp.received)).toEqual({
      [`approval-needed:${ids.pending.id}:v1:approver@example.org`]: 1,
      [`approval-needed:${ids.pending.id}:v1:admin@example.org`]: 1,
      [`rejected:${ids.rejected.id}:v1:editor@example.org`]: 1,
      [`${reviewKey}:editor@example.org`]: 1,
      [`${reviewKey}:approver@example.org`]: 1,
      ...Object.fromEntries(extra.map((e) => [`${reviewKey}:${e}`, 1])),
    });
    expect(Object.values(counts(hook.received))).toEqual([1, 1, 1]);
  }, 60_000);
});
