/**
 * The server log: structured JSON lines, a request id on every response and in every log line
 * of that request, the level chosen by the operator, and no user data or SQL in a line unless
 * the level is debug. An unexpected error (here, a table the database has lost) answers 500
 * with the request id and logs it, where it used to log nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/server/build-server.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";

const NOW = new Date("2026-11-22T09:00:00Z");
let dir: string;
let store: Store;
let token: string;
let slug: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "basis-log-"));
  store = await openStore({ dataDir: dir, databaseUrl: "" });
  token = (await store.accounts.createApiToken({ name: "t", role: "admin" }, null, "test", NOW))
    .token;
  const doc = anAssessment()
    .with((a) => {
      a.id = "jane-doe-case";
      a.title = "Jane Doe's grievance file";
    })
    .build();
  slug = (await store.assessments.create(doc, { actor: "t", now: NOW, today: "2026-11-22" })).slug;
}, 60_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Line = Record<string, unknown> & { level: number; msg: string; reqId?: string };

async function withLog(
  level: string,
  fn: (app: FastifyInstance, lines: Line[]) => Promise<void>,
): Promise<void> {
  const lines: Line[] = [];
  const stream = { write: (s: string) => void lines.push(JSON.parse(s) as Line) };
  const app = await buildServer({ store, now: () => NOW, log: { level, stream } });
  try {
    await fn(app, lines);
  } finally {
    await app.close();
  }
}

const auth = () => ({ authorization: `Bearer ${token}` });

describe("the server log", () => {
  it("puts a request id on every response, and on every log line of that request", async () => {
    await withLog("info", async (app, lines) => {
      const ids = new Set<string>();
      for (const url of ["/api/health", "/api/nowhere", "/api/assessments?pageSize=0"]) {
        const r = await app.inject({ method: "GET", url, headers: auth() });
        const id = String(r.headers["x-request-id"]);
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        ids.add(id);
        const mine = lines.filter((l) => l.reqId === id);
        expect(mine.map((l) => l.msg)).toEqual(["incoming request", "request completed"]);
      }
      expect(ids.size).toBe(3);
      const given = await app.inject({
        method: "GET",
        url: "/api/health",
        headers: { "x-request-id": "lb-7f3a.42" },
      });
      expect(given.headers["x-request-id"]).toBe("lb-7f3a.42");
      const forged = await app.inject({
        method: "GET",
        url: "/api/health",
        headers: { "x-request-id": 'x"\n{"level":60}' },
      });
      expect(forged.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it("logs an unexpected error once, with the request id the response names, without SQL or user data", async () => {
    const broken = mkdtempSync(join(tmpdir(), "basis-log-broken-"));
    const other = await openStore({ dataDir: broken, databaseUrl: "" });
    const t = (await other.accounts.createApiToken({ name: "t", role: "admin" }, null, "t", NOW))
      .token;
    const rec = await other.assessments.create(
      anAssessment()
        .with((a) => (a.id = "jane-doe-case"))
        .build(),
      { actor: "t", now: NOW, today: "2026-11-22" },
    );
    // The database loses a table: every comment read now fails inside the database.
    await other.database.db.execute(sql`drop table comments`);
    const lines: Line[] = [];
    const stream = { write: (s: string) => void lines.push(JSON.parse(s) as Line) };
    const app = await buildServer({ store: other, now: () => NOW, log: { level: "info", stream } });
    try {
      const r = await app.inject({
        method: "GET",
        url: `/api/assessments/${rec.id}/comments`,
        headers: { authorization: `Bearer ${t}` },
      });
      expect(r.statusCode).toBe(500);
      const id = String(r.headers["x-request-id"]);
      expect(r.json().error.message).toContain(id);
      const errors = lines.filter((l) => l.level >= 50);
      expect(errors).toHaveLength(1);
      const [error] = errors as [Line];
      expect(error.reqId).toBe(id);
      expect(error.err).toMatchObject({ code: "42P01" });
      const text = JSON.stringify(lines);
      expect(text).not.toMatch(/select |from "|params:/i);
      expect(text).not.toContain(rec.id);
      expect(text).not.toContain("jane-doe");
    } finally {
      await app.close();
      await other.close();
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it("keeps query strings, paths with ids and client addresses out of the log at the default level", async () => {
    await withLog("info", async (app, lines) => {
      await app.inject({
        method: "GET",
        url: `/api/assessments/${slug}?q=Jane+Doe`,
        headers: auth(),
        remoteAddress: "192.0.2.77",
      });
      await app.inject({ method: "GET", url: "/setup?token=one-time-secret" });
      const text = JSON.stringify(lines);
      expect(text).not.toMatch(/Jane|jane-doe|one-time-secret|192\.0\.2\.77/);
      expect(text).toContain("/api/assessments/:id");
    });
  });

  it("writes what the level allows: nothing for a request at warn, the full path at debug", async () => {
    await withLog("warn", async (app, lines) => {
      await app.inject({ method: "GET", url: "/api/health" });
      expect(lines).toEqual([]);
    });
    await withLog("debug", async (app, lines) => {
      await app.inject({ method: "GET", url: `/api/assessments/${slug}`, headers: auth() });
      expect(JSON.stringify(lines)).toContain(`/api/assessments/${slug}`);
    });
  });
});
