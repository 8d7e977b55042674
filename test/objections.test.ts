/**
 * Art. 21 objections and review triggers over HTTP, on a real embedded store: an objection
 * gets its response date, turns overdue when the clock passes it, and when upheld flips the
 * approved LIA to "review needed" with the reason shown in GET /api/reviews; a rejected one
 * does not. Recording a review clears the triggers; changed built-in content raises
 * content-updated triggers; `basis reviews` exits 1 while a review is overdue.
 *
 * The sign-off routes are another part of the same work: approved assessments are made here
 * by saving status "approved" through the store directly.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReviews } from "../src/cli/commands/reviews.ts";
import { bufferIo } from "../src/cli/io.ts";
import type { Assessment } from "../src/core/schema/index.ts";
import { buildServer } from "../src/server/build-server.ts";
import { builtInContentHashes } from "../src/store/content-updates.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";

let clock = new Date("2026-11-02T09:00:00Z");
let dir: string;
let store: Store;
let app: FastifyInstance;
let admin: string;
let editor: string;
let approver: string;
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "basis-objections-"));
  store = await openStore({ dataDir: dir, databaseUrl: "" });
  app = await buildServer({ store, now: () => clock });
  const token = async (role: "admin" | "editor" | "approver") =>
    (await store.accounts.createApiToken({ name: role, role }, null, "test", clock)).token;
  admin = await token("admin");
  editor = await token("editor");
  approver = await token("approver");
}, 60_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const ctx = () => ({ actor: "test", now: clock, today: clock.toISOString().slice(0, 10) });

/** A saved LIA; approved through the store (see the header). */
async function lia(change: (a: Assessment) => void = () => {}, status = "approved") {
  const doc = anAssessment()
    .with((a) => {
      a.id = `objection-${++n}`;
      a.title = `Security logging ${n}`;
      a.status = status as Assessment["status"];
      change(a);
    })
    .build();
  return store.assessments.create(doc, ctx());
}

async function post(url: string, token: string, payload: object) {
  return app.inject({ method: "POST", url, headers: as(token), payload });
}

async function reviews(days = 90) {
  const r = await app.inject({
    method: "GET",
    url: `/api/reviews?days=${days}`,
    headers: as(editor),
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as {
    overdue: { slug: string; days: number }[];
    dueSoon: { slug: string }[];
    reviewNeeded: { slug: string; triggers: { kind: string; reason: string }[] }[];
  };
}

describe("objections", () => {
  it("records an objection with the LIA's response period and flags it once overdue", async () => {
    const a = await lia();
    const r = await post(`/api/assessments/${a.slug}/objections`, editor, {
      receivedOn: "2026-11-01",
      summary: "Does not want login events kept",
    });
    expect(r.statusCode, r.body).toBe(201);
    const o = r.json();
    // The builder's LIA commits to 28 days (lia.objection.responseDays).
    expect(o).toMatchObject({ receivedOn: "2026-11-01", responseDue: "2026-11-29" });
    expect(o).toMatchObject({ decision: "pending", overdue: false, slug: a.slug });

    const before = await app.inject({
      method: "GET",
      url: "/api/objections?overdue=true",
      headers: as(editor),
    });
    expect(before.json().objections.map((x: { id: string }) => x.id)).not.toContain(o.id);
    clock = new Date("2026-11-30T09:00:00Z");
    const after = await app.inject({
      method: "GET",
      url: "/api/objections?overdue=true",
      headers: as(editor),
    });
    const flagged = after.json().objections.find((x: { id: string }) => x.id === o.id);
    expect(flagged).toMatchObject({ overdue: true, responseDue: "2026-11-29" });
    const own = await app.inject({
      method: "GET",
      url: `/api/assessments/${a.id}/objections`,
      headers: as(editor),
    });
    expect(own.json().objections).toHaveLength(1);
  });

  it("uses one calendar month by default and the organisation's days once set", async () => {
    const a = await lia((x) => {
      if (x.lia?.objection) delete x.lia.objection.responseDays;
    });
    const url = `/api/assessments/${a.id}/objections`;
    const byDefault = await post(url, editor, { receivedOn: "2026-10-31", summary: "x" });
    expect(byDefault.json().responseDue).toBe("2026-11-30");
    const set = await app.inject({
      method: "PUT",
      url: "/api/settings/objections",
      headers: as(admin),
      payload: { responseDays: 20 },
    });
    expect(set.json()).toMatchObject({ responseDays: 20 });
    const configured = await post(url, editor, { receivedOn: "2026-10-31", summary: "y" });
    expect(configured.json().responseDue).toBe("2026-11-20");
    await app.inject({
      method: "PUT",
      url: "/api/settings/objections",
      headers: as(admin),
      payload: { responseDays: null },
    });
    const got = await app.inject({
      method: "GET",
      url: "/api/settings/objections",
      headers: as(editor),
    });
    expect(got.json().responseDays).toBeNull();
  });

  it("refuses an objection against an activity not relying on legitimate interests, naming the field", async () => {
    const a = await lia((x) => {
      for (const d of x.decisions) d.basis = "contract";
    }, "draft");
    const r = await post(`/api/assessments/${a.id}/objections`, editor, {
      receivedOn: "2026-11-01",
      summary: "x",
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.field).toBe("decisions[].basis");
  });

  it("refuses a received date in the future", async () => {
    const a = await lia();
    const r = await post(`/api/assessments/${a.id}/objections`, editor, {
      receivedOn: "2027-01-01",
      summary: "x",
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.issues[0].path).toBe("body.receivedOn");
  });

  it("an upheld objection flips the approved LIA to review needed with the reason; a rejected one does not", async () => {
    const upheldLia = await lia();
    const rejectedLia = await lia();
    const record = async (id: string) =>
      (
        await post(`/api/assessments/${id}/objections`, editor, {
          receivedOn: "2026-11-20",
          summary: "Objects",
        })
      ).json().id as string;
    const up = await record(upheldLia.id);
    const down = await record(rejectedLia.id);

    const forbidden = await post(`/api/objections/${up}/decision`, editor, {
      decision: "upheld",
      reasoning: "x",
    });
    expect(forbidden.statusCode).toBe(403);

    const upheld = await post(`/api/objections/${up}/decision`, approver, {
      decision: "upheld",
      reasoning: "No compelling grounds for this user's entries",
    });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(upheld.json()).toMatchObject({ decision: "upheld", decidedOn: "2026-11-30" });
    const rejected = await post(`/api/objections/${down}/decision`, approver, {
      decision: "rejected",
      reasoning: "Compelling grounds: account security",
    });
    expect(rejected.json().decision).toBe("rejected");

    const again = await post(`/api/objections/${up}/decision`, approver, {
      decision: "rejected",
      reasoning: "changed my mind",
    });
    expect(again.statusCode).toBe(409);

    const list = await reviews();
    const needed = list.reviewNeeded.find((x) => x.slug === upheldLia.slug);
    expect(needed?.triggers).toEqual([
      expect.objectContaining({
        kind: "objection-upheld",
        reason: expect.stringContaining("No compelling grounds for this user's entries"),
      }),
    ]);
    expect(list.reviewNeeded.map((x) => x.slug)).not.toContain(rejectedLia.slug);

    const audit = await store.audit.list(0, 10_000);
    const actions = audit.filter((e) => e.entityId === up).map((e) => e.action);
    expect(actions).toEqual(["objection.recorded", "objection.decided"]);
    expect(audit.some((e) => e.action === "review.triggered" && e.entityId === upheldLia.id)).toBe(
      true,
    );
  });
});

describe("review triggers and recording a review", () => {
  it("raises a manual trigger only on an approved assessment, and a review clears it", async () => {
    const draft = await lia(() => {}, "draft");
    const refused = await post(`/api/assessments/${draft.id}/review-triggers`, editor, {
      reason: "x",
    });
    expect(refused.statusCode).toBe(409);

    const a = await lia();
    const raised = await post(`/api/assessments/${a.slug}/review-triggers`, editor, {
      reason: "New guidance on security logging",
    });
    expect(raised.statusCode, raised.body).toBe(201);
    expect(raised.json().trigger).toMatchObject({
      kind: "manual",
      reason: "New guidance on security logging",
    });
    expect((await reviews()).reviewNeeded.map((x) => x.slug)).toContain(a.slug);

    const reviewed = await post(`/api/assessments/${a.id}/reviews`, editor, {
      summary: "Checked against the new guidance; no change",
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(reviewed.json()).toMatchObject({
      version: 2,
      cleared: [expect.objectContaining({ kind: "manual" })],
    });
    expect((await reviews()).reviewNeeded.map((x) => x.slug)).not.toContain(a.slug);

    const versions = await store.assessments.versions(a.id);
    expect(versions.map((v) => v.reason)).toEqual(["created", "review"]);
    // The review is a new draft for sign-off; the approved version 1 stays in force.
    expect(versions.map((v) => v.status)).toEqual(["approved", "draft"]);
    const current = await store.assessments.get(a.id);
    expect(current.document.review?.history?.at(-1)).toMatchObject({
      date: "2026-11-30",
      summary: "Checked against the new guidance; no change",
    });
  });

  it("lists overdue and due-soon approved reviews", async () => {
    const overdue = await lia((x) => {
      x.review = { nextReview: "2026-11-15" };
    });
    const soon = await lia((x) => {
      x.review = { nextReview: "2026-12-20" };
    });
    const later = await lia((x) => {
      x.review = { nextReview: "2027-06-01" };
    });
    const r = await reviews(30);
    expect(r.overdue.find((x) => x.slug === overdue.slug)).toMatchObject({ days: -15 });
    expect(r.dueSoon.map((x) => x.slug)).toContain(soon.slug);
    const all = [...r.overdue, ...r.dueSoon].map((x) => x.slug);
    expect(all).not.toContain(later.slug);
  });

  it("raises content-updated triggers when a template or a cited reference changed since the last start", async () => {
    const fromTemplate = await lia((x) => {
      x.template = "security-monitoring";
    });
    const citing = await lia();
    const unrelated = await lia((x) => {
      for (const i of x.lia?.interests ?? []) i.recognisedBy = [];
    });
    const current = builtInContentHashes();
    const first = await store.checkContentUpdates({ actor: "system:content", now: clock }, current);
    expect(first.first).toBe(true);
    const same = await store.checkContentUpdates({ actor: "system:content", now: clock }, current);
    expect(same.triggers).toEqual([]);

    // A release that changed the template and the reference the builder's LIA cites.
    const changed = structuredClone(current);
    changed.templates["security-monitoring"] = "changed";
    changed.references["gdpr-recital-49"] = "changed";
    changed.library = "changed";
    changed.sources = "changed"; // a release changes the files the hashes come from
    const check = await store.checkContentUpdates({ actor: "system:content", now: clock }, changed);
    expect(check.changedTemplates).toEqual(["security-monitoring"]);
    expect(check.changedReferences).toEqual(["gdpr-recital-49"]);
    const list = await reviews();
    const reasons = (slug: string) =>
      list.reviewNeeded
        .find((x) => x.slug === slug)
        ?.triggers.map((t) => `${t.kind}: ${t.reason}`) ?? [];
    expect(reasons(fromTemplate.slug).join()).toContain(
      'content-updated: Content updated: the template "security-monitoring"',
    );
    expect(reasons(citing.slug).join()).toContain("gdpr-recital-49");
    expect(reasons(unrelated.slug)).toEqual([]);
    // A release that changed a file's bytes but not what it says raises nothing either.
    const reformatted = { ...structuredClone(changed), sources: "reformatted" };
    const same2 = await store.checkContentUpdates(
      { actor: "system:content", now: clock },
      reformatted,
    );
    expect(same2).toMatchObject({ changedTemplates: [], changedReferences: [], triggers: [] });
    // Stored: the next start with the same content raises nothing.
    const again = await store.checkContentUpdates({ actor: "system:content", now: clock }, changed);
    expect(again.triggers).toEqual([]);
  });
});

describe("basis reviews", () => {
  it("prints the lists and a calendar on a terminal, and exits 1 while a review is overdue", async () => {
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const io = bufferIo(true);
    const code = await runReviews(io, {
      days: "30",
      format: "text",
      server: address,
      token: editor,
    });
    expect(code).toBe(1);
    expect(io.stdout).toMatch(/Overdue: [1-9]/);
    expect(io.stdout).toContain("Mo  Tu  We  Th  Fr  Sa  Su");
    expect(io.stdout).toMatch(/>30 /);
    expect(io.stdout).toMatch(/20\*/);
    const json = bufferIo(false);
    await runReviews(json, { days: "30", format: "json", server: address, token: editor });
    expect(JSON.parse(json.stdout).overdue.length).toBeGreaterThan(0);
    expect(json.stdout).not.toContain("Mo  Tu");
  });
});
