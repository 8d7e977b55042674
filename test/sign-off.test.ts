/**
 * Sign-off and comments end to end through the API in-process (PGlite in a temporary
 * directory): the walk a team takes from a draft to an approved, superseded and retired
 * assessment, with the signed PDF kept, comments blocking approval and every step audited.
 * The store's part runs on both backends (PGlite and a real PostgreSQL server).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assessment } from "../src/core/schema/index.ts";
import type { Role } from "../src/core/vocabulary.ts";
import { buildServer } from "../src/server/build-server.ts";
import { renderSignedPdf } from "../src/server/signed-pdf.ts";
import { AUDIT_EVENTS, auditData, isAuditAction } from "../src/store/audit-events.ts";
import {
  openStore,
  type PersonContext,
  type Store,
  type StoreOptions,
} from "../src/store/index.ts";
import { assessments, assessmentVersions, reviewTriggers } from "../src/store/schema.ts";
import { anAssessment } from "./builders.ts";
import {
  postgresAvailable,
  startPostgres,
  type TestPostgres,
  watchOverlappingQueries,
} from "./support/postgres.ts";

const NOW = new Date("2026-11-22T09:00:00Z");
const TODAY = "2026-11-22";
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "basis-sign-off-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Status as the assessment row and a version row keep it, and what the stored document says. */
async function statusEverywhere(store: Store, id: string, version: number) {
  const { db } = store.database;
  const [a] = await db.select().from(assessments).where(eq(assessments.id, id));
  const rows = await db
    .select()
    .from(assessmentVersions)
    .where(eq(assessmentVersions.assessmentId, id));
  const v = rows.find((r) => r.version === version);
  return {
    row: a?.status,
    version: v?.status,
    document: (v?.document as Assessment | undefined)?.status,
  };
}

describe("sign-off over the API", () => {
  let store: Store;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    store = await openStore({ dataDir: tempDir(), databaseUrl: "", renderSigned: renderSignedPdf });
    app = await buildServer({ store, now: () => NOW });
    const make: [string, Role][] = [
      ["editor", "editor"],
      ["dpo", "approver"],
      ["legal", "approver"],
      ["admin", "admin"],
      ["viewer", "viewer"],
    ];
    for (const [name, role] of make)
      tokens[name] = (await store.accounts.createApiToken({ name, role }, null, "test", NOW)).token;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const call = (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload ? { payload } : {}),
    });
  const create = async (doc: Assessment) => {
    const r = await call("editor", "POST", "/api/assessments", { document: doc });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; version: number; document: Assessment };
  };
  const decide = (who: string, id: string, body: object) =>
    call(who, "POST", `/api/assessments/${id}/decisions`, body);

  it("lets an admin set the required roles; others may read them only", async () => {
    expect((await call("viewer", "GET", "/api/settings/sign-off")).json()).toEqual({
      requiredRoles: ["dpo"],
      segregateDuties: true,
    });
    const denied = await call("dpo", "PUT", "/api/settings/sign-off", {
      requiredRoles: ["dpo", "legal-counsel"],
    });
    expect(denied.statusCode).toBe(403);
    const set = await call("admin", "PUT", "/api/settings/sign-off", {
      requiredRoles: ["dpo", "legal-counsel"],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().requiredRoles).toEqual(["dpo", "legal-counsel"]);
  });

  it("refuses submission while a blocker finding is open", async () => {
    const rec = await create(
      anAssessment()
        .with((a) => {
          a.id = "with-blocker";
          delete a.lia?.balancing;
        })
        .build(),
    );
    const r = await call("editor", "POST", `/api/assessments/${rec.id}/submit`, {
      baseVersion: 1,
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: "blockers_open", details: { blockers: 1 } });
    expect((await statusEverywhere(store, rec.id, 1)).row).toBe("draft");
  });

  it("walks draft → review → rejected → approved → v2 → superseded → retired", async () => {
    const rec = await create(
      anAssessment()
        .with((a) => (a.id = "walk"))
        .build(),
    );
    const id = rec.id;
    const submit = (v: number) =>
      call("editor", "POST", `/api/assessments/${id}/submit`, { baseVersion: v });

    // Submit, and the DPO rejects with a comment: back to draft.
    expect((await submit(1)).json().status).toBe("in_review");
    expect(await statusEverywhere(store, id, 1)).toEqual({
      row: "in_review",
      version: "in_review",
      document: undefined,
    });
    const noComment = await decide("dpo", id, { version: 1, role: "dpo", decision: "reject" });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.details.issues[0].path).toBe("body.comment");
    const rejected = await decide("dpo", id, {
      version: 1,
      role: "dpo",
      decision: "reject",
      comment: "State the retention of account ids",
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().status).toBe("draft");
    expect(rejected.json().versions[0].decisions[0]).toMatchObject({
      role: "dpo",
      decision: "reject",
      comment: "State the retention of account ids",
      signerName: "dpo",
    });
    expect((await submit(1)).json().error.code).toBe("version_rejected");

    // The editor fixes it (version 2) and resubmits; an open comment blocks approval.
    const fixed = await call("editor", "PUT", `/api/assessments/${id}`, {
      baseVersion: 1,
      document: { ...rec.document, notes: "Retention of account ids: 90 days" },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ version: 2, status: "draft" });
    expect((await submit(2)).statusCode).toBe(200);
    const comment = await call("legal", "POST", `/api/assessments/${id}/comments`, {
      path: "lia.balancing[0].safeguards",
      body: "Who may read the logs?",
    });
    expect(comment.statusCode, comment.body).toBe(201);
    const blocked = await decide("dpo", id, { version: 2, role: "dpo", decision: "approve" });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe("comments_open");
    const resolved = await call("editor", "POST", `/api/comments/${comment.json().id}/resolve`);
    expect(resolved.json()).toMatchObject({ resolved: true, path: "lia.balancing[0].safeguards" });

    // DPO and legal approve: approved, and the signed PDF is kept.
    const first = await decide("dpo", id, {
      version: 2,
      role: "dpo",
      decision: "approve",
      comment: "Fine",
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: "in_review", approvedVersion: null });
    expect(first.json().versions[1].pendingRoles).toEqual(["legal-counsel"]);
    const twoRoles = await decide("dpo", id, {
      version: 2,
      role: "legal-counsel",
      decision: "approve",
    });
    expect(twoRoles.json().error.code).toBe("already_signed");
    const second = await decide("legal", id, {
      version: 2,
      role: "legal-counsel",
      decision: "approve",
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ status: "approved", approvedVersion: 2, inForce: 2 });
    expect(await statusEverywhere(store, id, 2)).toEqual({
      row: "approved",
      version: "approved",
      document: undefined,
    });
    expect(second.json().versions[1].signedDocument).toBe("/api/assessments/walk/signed/2");
    const pdf = await call("viewer", "GET", "/api/assessments/walk/signed/2");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await call("viewer", "GET", `/api/assessments/${id}/signed/1`)).statusCode).toBe(404);

    // An approved version is immutable: an edit needs a reason and starts version 3.
    const changed = structuredClone(rec.document);
    changed.lia?.minimisation?.fields.push({
      name: "user_agent",
      type: "text",
      purpose: "Spot bots",
      retention: "90 days",
      retentionDays: 90,
    });
    const noReason = await call("editor", "PUT", `/api/assessments/${id}`, {
      baseVersion: 2,
      document: changed,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.issues[0].path).toBe("body.reason");
    const v3 = await call("editor", "PUT", `/api/assessments/${id}`, {
      baseVersion: 2,
      document: changed,
      reason: "Log the user agent too",
    });
    expect(v3.statusCode, v3.body).toBe(200);
    expect(v3.json()).toMatchObject({ version: 3, status: "draft" });
    const during = (await call("viewer", "GET", `/api/assessments/${id}/sign-off`)).json();
    expect(during).toMatchObject({ status: "draft", currentVersion: 3, approvedVersion: 2 });
    expect(during.versions.map((v: { status: string }) => v.status)).toEqual([
      "draft",
      "approved",
      "draft",
    ]);
    const triggers = await store.database.db
      .select()
      .from(reviewTriggers)
      .where(eq(reviewTriggers.assessmentId, id));
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({ kind: "field-added" });
    expect(triggers[0]?.reason).toContain("user_agent");

    // Approving version 3 supersedes version 2.
    const third = await submit(3);
    expect(third.statusCode, third.body).toBe(200);
    await decide("dpo", id, { version: 3, role: "dpo", decision: "approve" });
    const v3ok = await decide("legal", id, {
      version: 3,
      role: "legal-counsel",
      decision: "approve",
    });
    expect(v3ok.json()).toMatchObject({ status: "approved", approvedVersion: 3 });
    expect(await statusEverywhere(store, id, 2)).toMatchObject({
      version: "superseded",
      document: undefined,
    });
    const retired = await call("dpo", "POST", `/api/assessments/${id}/retire`, {
      baseVersion: 3,
      reason: "The portal was shut down",
    });
    expect(retired.json()).toMatchObject({ status: "retired", inForce: null });
    // Who retired it, when and why, from the audit trail.
    const { retired: why } = retired.json();
    expect(why.reason).toBe("The portal was shut down");
    expect(why.by).toBe("dpo");
    expect(why.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const edit = await call("editor", "PUT", `/api/assessments/${id}`, {
      baseVersion: 3,
      document: rec.document,
      reason: "Again",
    });
    expect(edit.json().error.code).toBe("transition_not_allowed");

    // Every step left an audit event, and the chain still verifies.
    const actions = (await store.audit.list(0, 100_000))
      .filter((e) => e.entityId === id || (e.data as { assessmentId?: string }).assessmentId === id)
      .map((e) => e.action);
    for (const a of [
      "assessment.submitted",
      "assessment.decision",
      "assessment.rejected",
      "assessment.approved",
      "assessment.superseded",
      "assessment.retired",
      "assessment.document",
      "comment.created",
      "comment.resolved",
      "review.triggered",
    ])
      expect(actions, a).toContain(a);
    expect(actions.filter((a) => a === "assessment.decision")).toHaveLength(5);
    expect((await store.audit.verify()).ok).toBe(true);

    // Every event fits its action's schema and names the kind of thing it is about.
    for (const e of await store.audit.list(0, 100_000)) {
      expect(isAuditAction(e.action), e.action).toBe(true);
      if (!isAuditAction(e.action)) continue;
      expect(auditData(e.action, e.data), `${e.action} ${JSON.stringify(e.data)}`).toBeDefined();
      expect(e.entityType, e.action).toBe(AUDIT_EVENTS[e.action].entity);
    }
    const rejection = (await store.audit.list(0, 100_000)).find(
      (e) => e.action === "assessment.rejected" && e.entityId === id,
    );
    expect(rejection?.data).toMatchObject({ comment: "State the retention of account ids" });
  }, 120_000);

  it("reopens a resolved comment, which blocks approval again", async () => {
    const rec = await create(
      anAssessment()
        .with((a) => (a.id = "reopen"))
        .build(),
    );
    await call("editor", "POST", `/api/assessments/${rec.id}/submit`, { baseVersion: 1 });
    const c = await call("dpo", "POST", `/api/assessments/${rec.id}/comments`, {
      path: "activity.retention",
      body: "Why 90 days?",
    });
    await call("editor", "POST", `/api/comments/${c.json().id}/resolve`);
    const again = await call("editor", "POST", `/api/comments/${c.json().id}/resolve`);
    expect(again.statusCode).toBe(409);
    const reopened = await call("dpo", "POST", `/api/comments/${c.json().id}/reopen`);
    expect(reopened.json().resolved).toBe(false);
    const list = await call("viewer", "GET", `/api/assessments/${rec.id}/comments`);
    expect(list.json()).toMatchObject({ open: 1 });
    const blocked = await decide("dpo", rec.id, { version: 1, role: "dpo", decision: "approve" });
    expect(blocked.json().error.code).toBe("comments_open");
  });
});

const withPg = postgresAvailable();
const overlapping = watchOverlappingQueries();
let pgServer: TestPostgres | undefined;
const backends = [
  {
    name: "PGlite",
    open: (opts: StoreOptions) => openStore({ ...opts, dataDir: tempDir(), databaseUrl: "" }),
  },
  {
    name: "PostgreSQL",
    skip: !withPg,
    open: async (opts: StoreOptions) => {
      pgServer ??= await startPostgres();
      return openStore({ ...opts, databaseUrl: await pgServer.createDatabase() });
    },
  },
];
afterAll(() => pgServer?.stop());

const as = (actor: string, role: PersonContext["role"] = "approver"): PersonContext => ({
  actor,
  now: NOW,
  today: TODAY,
  role,
  name: actor,
});
const PDF = { format: "pdf" as const, bytes: new TextEncoder().encode("%PDF-1.7 kept") };

for (const backend of backends) {
  describe.skipIf(backend.skip === true)(`sign-off store on ${backend.name}`, () => {
    let store: Store;
    /** What the store asked its renderer for: the documents it keeps, as they read. */
    const rendered: { doc: Assessment; today: string }[] = [];
    beforeAll(async () => {
      store = await backend.open({
        renderSigned: async (doc, today) => {
          rendered.push({ doc, today });
          return PDF;
        },
      });
    }, 60_000);
    afterAll(async () => {
      await store?.close();
    });

    it("approves once every required role signed, keeps the file and supersedes the old one", async () => {
      await store.signOff.setRequiredRoles(["dpo", "legal-counsel"], as("user:admin", "admin"));
      const rec = await store.assessments.create(
        anAssessment()
          .with((a) => (a.id = "store-walk"))
          .build(),
        as("user:ed", "editor"),
      );
      await store.signOff.submit(rec.id, 1, as("user:ed", "editor"));
      const dpo = { version: 1, role: "dpo", decision: "approve" } as const;
      const legal = { version: 1, role: "legal-counsel", decision: "approve" } as const;
      rendered.length = 0;
      expect(await store.signOff.decide(rec.id, dpo, as("user:dpo"))).toMatchObject({
        status: "in_review",
      });
      expect(rendered).toHaveLength(0);
      await store.signOff.decide(rec.id, legal, as("user:legal"));
      // Rendered once, by the approval that completes, as the document will read.
      expect(rendered).toHaveLength(1);
      expect(rendered[0]?.today).toBe(TODAY);
      expect(rendered[0]?.doc).toMatchObject({
        id: "store-walk",
        status: "approved",
        signOff: {
          required: ["dpo", "legal-counsel"],
          records: [
            { role: "dpo", decision: "approved", name: "user:dpo", date: TODAY },
            { role: "legal-counsel", decision: "approved", name: "user:legal", date: TODAY },
          ],
        },
      });
      const kept = await store.signOff.signedDocument(rec.id, 1);
      expect(kept.bytes.toString()).toBe("%PDF-1.7 kept");
      await expect(
        store.assessments.update(rec.id, 1, rec.document, as("user:ed", "editor")),
      ).rejects.toMatchObject({ code: "reason_required" });
      await store.assessments.update(rec.id, 1, rec.document, as("user:ed"), "Yearly review");
      await expect(store.signOff.submit(rec.id, 1, as("user:ed"))).rejects.toMatchObject({
        code: "stale_version",
      });
      await store.signOff.submit(rec.id, 2, as("user:ed"));
      await store.signOff.decide(rec.id, { ...dpo, version: 2 }, as("user:dpo"));
      await store.signOff.decide(rec.id, { ...legal, version: 2 }, as("user:legal"));
      const o = await store.signOff.overview(rec.id);
      expect(o).toMatchObject({ status: "approved", approvedVersion: 2 });
      expect(o.versions.map((v) => [v.status, v.signed])).toEqual([
        ["superseded", ["pdf"]],
        ["approved", ["pdf"]],
      ]);
      expect((await store.assessments.get(rec.id)).status).toBe("approved");
      await expect(store.assessments.delete(rec.id, 2, as("user:ed"))).rejects.toMatchObject({
        code: "approved_versions_exist",
      });
      expect((await store.audit.verify()).ok).toBe(true);
    }, 60_000);

    it("serialises two approvers racing for the last role: one wins, one is refused", async () => {
      const rec = await store.assessments.create(
        anAssessment()
          .with((a) => (a.id = "store-race"))
          .build(),
        as("user:ed", "editor"),
      );
      await store.signOff.submit(rec.id, 1, as("user:ed", "editor"));
      await store.signOff.decide(
        rec.id,
        { version: 1, role: "dpo", decision: "approve" },
        as("user:dpo"),
      );
      const legal = { version: 1, role: "legal-counsel", decision: "approve" } as const;
      const results = await Promise.allSettled([
        store.signOff.decide(rec.id, legal, as("user:l1")),
        store.signOff.decide(rec.id, legal, as("user:l2")),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      // The loser finds the version approved already.
      expect(lost.reason).toMatchObject({ code: "transition_not_allowed" });
      expect((await store.signOff.overview(rec.id)).versions[0]?.decisions).toHaveLength(2);
    }, 60_000);

    it("reads many assessments' overviews at once, each with only its own versions, decisions and comments", async () => {
      const made = async (id: string) =>
        store.assessments.create(
          anAssessment()
            .with((a) => (a.id = id))
            .build(),
          as("user:ed", "editor"),
        );
      const rejected = await made("batch-rejected");
      await store.signOff.submit(rejected.id, 1, as("user:ed", "editor"));
      await store.signOff.decide(
        rejected.id,
        { version: 1, role: "dpo", decision: "reject", comment: "Name the retention" },
        as("user:dpo"),
      );
      const commented = await made("batch-commented");
      await store.comments.create(
        commented.id,
        { path: "title", body: "Which system?" },
        as("user:dpo"),
      );
      await store.assessments.update(
        commented.id,
        1,
        { ...commented.document, title: "Second" },
        as("user:ed", "editor"),
      );
      await made("batch-plain");
      // By slug and by id, as callers name them.
      const refs = ["batch-rejected", commented.id, "batch-plain"];
      const all = await store.signOff.overviews(refs);
      expect([...all.keys()]).toEqual(refs);
      for (const ref of refs) expect(all.get(ref)).toEqual(await store.signOff.overview(ref));
      expect(all.get("batch-rejected")).toMatchObject({
        slug: "batch-rejected",
        status: "draft",
        openComments: 0,
        versions: [
          {
            version: 1,
            // A rejected version goes back to draft, the decision kept.
            status: "draft",
            decisions: [{ role: "dpo", decision: "reject", comment: "Name the retention" }],
            signed: [],
          },
        ],
      });
      expect(all.get(commented.id)).toMatchObject({
        slug: "batch-commented",
        currentVersion: 2,
        openComments: 1,
      });
      expect(all.get(commented.id)?.versions.map((v) => [v.version, v.decisions])).toEqual([
        [1, []],
        [2, []],
      ]);
      expect(all.get("batch-plain")?.versions.map((v) => v.decisions)).toEqual([[]]);
      await expect(store.signOff.overviews(["batch-plain", "no-such-thing"])).rejects.toMatchObject(
        { code: "not_found" },
      );
      expect(await store.signOff.overviews([])).toEqual(new Map());
    }, 60_000);

    it("refuses the approval that completes a sign-off when the store cannot render the kept document", async () => {
      const bare = await backend.open({});
      try {
        const rec = await bare.assessments.create(
          anAssessment()
            .with((a) => (a.id = "store-no-renderer"))
            .build(),
          as("user:ed", "editor"),
        );
        await bare.signOff.submit(rec.id, 1, as("user:ed", "editor"));
        const approve = { version: 1, role: "dpo", decision: "approve" } as const;
        await expect(bare.signOff.decide(rec.id, approve, as("user:dpo"))).rejects.toMatchObject({
          code: "signed_document_required",
        });
        const o = await bare.signOff.overview(rec.id);
        expect(o).toMatchObject({ status: "in_review", approvedVersion: null });
        expect(o.versions[0]?.decisions).toEqual([]);
      } finally {
        await bare.close();
      }
    }, 60_000);

    it("runs a transaction's queries one after another, never two at once on its connection", async () => {
      const rec = await store.assessments.create(
        anAssessment()
          .with((a) => (a.id = "store-sequential"))
          .build(),
        as("user:ed", "editor"),
      );
      await store.signOff.submit(rec.id, 1, as("user:ed", "editor"));
      await store.signOff.decide(
        rec.id,
        { version: 1, role: "dpo", decision: "reject", comment: "Name the retention" },
        as("user:dpo"),
      );
      expect(overlapping()).toEqual([]);
    }, 60_000);
  });
}
