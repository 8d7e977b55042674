/**
 * Several server instances on one PostgreSQL database: the servers keep no state of their
 * own, so a session made through one works through another, and concurrent writes through
 * both still obey the stale-version rule.
 */

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/server/build-server.ts";
import { hashPassword } from "../src/server/passwords.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "./support/postgres.ts";

const withPg = postgresAvailable();
const NOW = new Date("2026-11-22T09:00:00Z");
let pg: TestPostgres | undefined;
const stores: Store[] = [];
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  if (!withPg) return;
  pg = await startPostgres();
  const url = await pg.createDatabase();
  for (let i = 0; i < 2; i++) {
    const store = await openStore({ databaseUrl: url, poolSize: 15 });
    stores.push(store);
    apps.push(await buildServer({ store, now: () => NOW }));
  }
}, 60_000);
afterAll(async () => {
  for (const a of apps) await a.close();
  for (const s of stores) await s.close();
  pg?.stop();
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
});
