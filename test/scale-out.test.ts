/**
 * Several server instances on one PostgreSQL database: the servers keep nothing of their own
 * but a cache that follows the audit trail, so a session made through one works through
 * another, a write through one is seen at once through the other (even where the other had
 * the old answer cached), a signed-out session, a disabled user or a revoked token is refused
 * at once everywhere, and concurrent writes through both still obey the stale-version rule.
 */

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/server/build-server.ts";
import { hashPassword } from "../src/server/passwords.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";
import { figure } from "./support/figures.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "./support/postgres.ts";

const withPg = postgresAvailable();
const NOW = new Date("2026-11-22T09:00:00Z");
let server: TestPostgres | undefined;
const stores: Store[] = [];
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  if (!withPg) return;
  server = await startPostgres();
  const url = await server.createDatabase();
  for (let i = 0; i < 2; i++) {
    const store = await openStore({ databaseUrl: url, poolSize: 15 });
    stores.push(store);
    apps.push(await buildServer({ store, now: () => NOW }));
  }
}, 60_000);
afterAll(async () => {
  for (const a of apps) await a.close();
  for (const s of stores) await s.close();
  server?.stop();
});

describe.runIf(withPg)("two server instances on one PostgreSQL database", () => {
  it("accepts a session made on one instance at the other", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    await (stores[0] as Store).accounts.createUser(
      {
        email: "dpo@example.org",
        name: "DPO",
        role: "editor",
        passwordHash: await hashPassword("a long password"),
      },
      "test",
      NOW,
    );
    const login = await a.inject({
      method: "POST",
      url: "/api/session",
      payload: { email: "dpo@example.org", password: "a long password" },
    });
    const cookie = String(login.headers["set-cookie"]).split(";")[0] as string;
    const csrf = login.json().csrfToken as string;
    const me = await b.inject({ method: "GET", url: "/api/session", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().principal.name).toBe("DPO");
    const write = await b.inject({
      method: "POST",
      url: "/api/assessments",
      headers: { cookie, "x-csrf-token": csrf },
      payload: {
        document: anAssessment()
          .with((x) => (x.id = "via-b"))
          .build(),
      },
    });
    expect(write.statusCode).toBe(201);
  });

  it("lets exactly one of 20 concurrent updates through both instances win", async () => {
    const token = (
      await (stores[0] as Store).accounts.createApiToken(
        { name: "t", role: "editor" },
        null,
        "test",
        NOW,
      )
    ).token;
    const doc = anAssessment()
      .with((x) => (x.id = "contended"))
      .build();
    const made = await (apps[0] as FastifyInstance).inject({
      method: "POST",
      url: "/api/assessments",
      headers: { authorization: `Bearer ${token}` },
      payload: { document: doc },
    });
    const id = made.json().id as string;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (apps[i % 2] as FastifyInstance).inject({
          method: "PUT",
          url: `/api/assessments/${id}`,
          headers: { authorization: `Bearer ${token}` },
          payload: { baseVersion: 1, document: { ...doc, title: `writer ${i}` } },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    figure(
      "concurrency through two instances on one PostgreSQL",
      `${codes.length} concurrent updates of one version, ${codes.filter((c) => c === 200).length} won, ${codes.filter((c) => c === 409).length} answered 409, ${codes.filter((c) => c >= 500).length} answered 5xx`,
    );
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const winner = results.find((r) => r.statusCode === 200)?.json().document.title;
    const current = await (apps[1] as FastifyInstance).inject({
      method: "GET",
      url: `/api/assessments/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(current.json()).toMatchObject({ version: 2, document: { title: winner } });
    expect((await (stores[1] as Store).audit.verify()).ok).toBe(true);
  });

  it("shows a write through one instance at once in the other's cached page and assessment", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const token = (
      await (stores[0] as Store).accounts.createApiToken(
        { name: "cache", role: "editor" },
        null,
        "test",
        NOW,
      )
    ).token;
    const headers = { authorization: `Bearer ${token}` };
    const doc = anAssessment()
      .with((x) => (x.id = "seen-everywhere"))
      .build();
    await a.inject({
      method: "POST",
      url: "/api/assessments",
      headers,
      payload: { document: doc },
    });
    const page = "/api/activities?q=seen-everywhere";
    const one = "/api/assessments/seen-everywhere";
    // Read twice through B so its answers come from its cache.
    for (let i = 0; i < 2; i++) {
      expect((await b.inject({ method: "GET", url: page, headers })).json().total).toBe(1);
      expect((await b.inject({ method: "GET", url: one, headers })).json().version).toBe(1);
    }
    const put = await a.inject({
      method: "PUT",
      url: one,
      headers,
      payload: { baseVersion: 1, document: { ...doc, title: "Renamed through A" } },
    });
    expect(put.statusCode).toBe(200);
    const after = (await b.inject({ method: "GET", url: one, headers })).json();
    expect(after).toMatchObject({ version: 2, title: "Renamed through A" });
    const listed = (await b.inject({ method: "GET", url: page, headers })).json().items;
    expect(listed).toMatchObject([{ slug: "seen-everywhere" }]);
    expect(
      (await b.inject({ method: "GET", url: "/api/assessments?q=seen-everywhere", headers })).json()
        .items[0],
    ).toMatchObject({ version: 2, title: "Renamed through A" });
    // A stale edit through B, whose cache held version 1 a moment ago, still gets 409.
    const stale = await b.inject({
      method: "PUT",
      url: one,
      headers,
      payload: { baseVersion: 1, document: { ...doc, title: "Lost" } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.version).toBe(2);
    await a.inject({ method: "DELETE", url: `${one}?baseVersion=2`, headers });
    expect((await b.inject({ method: "GET", url: one, headers })).statusCode).toBe(404);
    expect((await b.inject({ method: "GET", url: page, headers })).json().total).toBe(0);
  });

  it("refuses at once on the other instance a signed-out session, a disabled user and a revoked token", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const store = stores[0] as Store;
    const admin = (
      await store.accounts.createApiToken({ name: "admin", role: "admin" }, null, "test", NOW)
    ).token;
    const user = await store.accounts.createUser(
      {
        email: "leaver@example.org",
        name: "Leaver",
        role: "editor",
        passwordHash: await hashPassword("a long password"),
      },
      "test",
      NOW,
    );
    const signIn = async () => {
      const login = await a.inject({
        method: "POST",
        url: "/api/session",
        payload: { email: "leaver@example.org", password: "a long password" },
      });
      return String(login.headers["set-cookie"]).split(";")[0] as string;
    };
    const meOnB = async (headers: Record<string, string>) =>
      (await b.inject({ method: "GET", url: "/api/session", headers })).statusCode;

    const first = await signIn();
    expect(await meOnB({ cookie: first })).toBe(200);
    expect(await meOnB({ cookie: first })).toBe(200);
    const csrf = (
      await a.inject({ method: "GET", url: "/api/session", headers: { cookie: first } })
    ).json().csrfToken as string;
    await a.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie: first, "x-csrf-token": csrf },
    });
    expect(await meOnB({ cookie: first })).toBe(401);

    const second = await signIn();
    expect(await meOnB({ cookie: second })).toBe(200);
    const patch = await a.inject({
      method: "PATCH",
      url: `/api/users/${user.id}`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { disabled: true },
    });
    expect(patch.statusCode).toBe(200);
    expect(await meOnB({ cookie: second })).toBe(401);

    const made = await a.inject({
      method: "POST",
      url: "/api/tokens",
      headers: { authorization: `Bearer ${admin}` },
      payload: { name: "ci", role: "viewer" },
    });
    const ci = { authorization: `Bearer ${made.json().token as string}` };
    expect(await meOnB(ci)).toBe(200);
    expect(await meOnB(ci)).toBe(200);
    await a.inject({
      method: "DELETE",
      url: `/api/tokens/${made.json().id as string}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(await meOnB(ci)).toBe(401);
  });

  it("sees a role change made through one instance at once on the other", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const store = stores[0] as Store;
    const admin = (
      await store.accounts.createApiToken({ name: "admin2", role: "admin" }, null, "test", NOW)
    ).token;
    const user = await store.accounts.createUser(
      {
        email: "demoted@example.org",
        name: "Demoted",
        role: "editor",
        passwordHash: await hashPassword("a long password"),
      },
      "test",
      NOW,
    );
    const login = await b.inject({
      method: "POST",
      url: "/api/session",
      payload: { email: "demoted@example.org", password: "a long password" },
    });
    const cookie = String(login.headers["set-cookie"]).split(";")[0] as string;
    const csrf = login.json().csrfToken as string;
    const create = (id: string) =>
      b.inject({
        method: "POST",
        url: "/api/assessments",
        headers: { cookie, "x-csrf-token": csrf },
        payload: {
          document: anAssessment()
            .with((x) => (x.id = id))
            .build(),
        },
      });
    expect((await create("before-demotion")).statusCode).toBe(201);
    await a.inject({
      method: "PATCH",
      url: `/api/users/${user.id}`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { role: "viewer" },
    });
    expect((await create("after-demotion")).statusCode).toBe(403);
  });
});
