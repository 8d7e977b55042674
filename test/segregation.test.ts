/**
 * Segregation of duties over HTTP, on both backends: the person who created the version under
 * review cannot approve it (403 `author_cannot_approve`), whether they act in the same way
 * or through one of their API tokens; someone else can; an admin can turn the setting off.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/core/vocabulary.ts";
import { buildServer } from "../src/server/build-server.ts";
import { renderSignedPdf } from "../src/server/signed-pdf.ts";
import type { Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";
import { storeBackends } from "./support/backends.ts";

const NOW = new Date("2026-11-22T09:00:00Z");
const backends = storeBackends("basis-segregation-");

describe.each(backends.list)("segregation of duties on $name", ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    store = await open({ renderSigned: renderSignedPdf });
    app = await buildServer({ store, now: () => NOW });
    const people: [string, Role][] = [
      ["ana", "approver"],
      ["ben", "approver"],
      ["admin", "admin"],
    ];
    for (const [name, role] of people) {
      const user = await store.accounts.createUser(
        { email: `${name}@example.org`, name, role, passwordHash: "x" },
        "test",
        NOW,
      );
      tokens[name] = (
        await store.accounts.createApiToken({ name, role }, user.id, "test", NOW)
      ).token;
      // A second token of the same person: the same author, however they connect.
      tokens[`${name}-2`] = (
        await store.accounts.createApiToken({ name: `${name}-2`, role }, user.id, "test", NOW)
      ).token;
    }
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
  const approve = (who: string, id: string) =>
    call(who, "POST", `/api/assessments/${id}/decisions`, {
      version: 1,
      role: "dpo",
      decision: "approve",
    });
  /** Created and submitted by `who`: version 1 in review, authored by them. */
  const authoredBy = async (who: string, slug: string) => {
    const doc = anAssessment()
      .with((a) => (a.id = slug))
      .build();
    const r = await call(who, "POST", "/api/assessments", { document: doc });
    expect(r.statusCode, r.body).toBe(201);
    const id = (r.json() as { id: string }).id;
    const s = await call(who, "POST", `/api/assessments/${id}/submit`, { baseVersion: 1 });
    expect(s.statusCode, s.body).toBe(200);
    return id;
  };

  it("refuses the author's approval with 403, through any of their tokens, and lets another approver approve", async () => {
    const id = await authoredBy("ana", "segregated");
    const record = await call("ben", "GET", `/api/assessments/${id}/sign-off`);
    expect(record.json()).toMatchObject({ segregateDuties: true, status: "in_review" });
    for (const who of ["ana", "ana-2"]) {
      const own = await approve(who, id);
      expect(own.statusCode, own.body).toBe(403);
      expect(own.json().error.code).toBe("author_cannot_approve");
    }
    // Refused, nothing recorded; the author may still reject with a comment.
    expect((await call("ben", "GET", `/api/assessments/${id}/sign-off`)).json()).toMatchObject({
      status: "in_review",
      versions: [{ decisions: [] }],
    });
    const other = await approve("ben", id);
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ status: "approved", approvedVersion: 1 });
  });

  it("lets the author approve once an admin turns segregation of duties off, and audits the change", async () => {
    const denied = await call("ben", "PUT", "/api/settings/sign-off", { segregateDuties: false });
    expect(denied.statusCode).toBe(403);
    const empty = await call("admin", "PUT", "/api/settings/sign-off", {});
    expect(empty.statusCode).toBe(400);
    const off = await call("admin", "PUT", "/api/settings/sign-off", { segregateDuties: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ requiredRoles: ["dpo"], segregateDuties: false });
    const id = await authoredBy("ana", "one-person-team");
    const own = await approve("ana", id);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ status: "approved", segregateDuties: false });
    const events = await store.audit.list(0, 1000);
    expect(events.find((e) => e.action === "settings.sign-off")?.data).toMatchObject({
      segregateDuties: false,
      previousSegregateDuties: true,
    });
    const on = await call("admin", "PUT", "/api/settings/sign-off", { segregateDuties: true });
    expect(on.json().segregateDuties).toBe(true);
  });
});
