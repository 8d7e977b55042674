/**
 * The embedded database's upkeep as a running server does it: VACUUM (ANALYZE) once after it
 * starts and then once enough writes were made, and only when no request has been in flight
 * for a while (the server answers nothing while it runs).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/server/build-server.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";

const ctx = () => ({ actor: "test", now: new Date(), today: "2026-12-01" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the embedded database's upkeep in a running server", () => {
  const dir = mkdtempSync(join(tmpdir(), "basis-upkeep-"));
  let store: Store;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    store = await openStore({ dataDir: dir, databaseUrl: "" });
    app = await buildServer({
      store,
      now: () => new Date(),
      log: false,
      upkeep: { writes: 3, idleMs: 300, checkMs: 20 },
    });
    url = await app.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const vacuumed = async () =>
    (
      (await store.database.db.execute(
        sql`select last_vacuum from pg_stat_user_tables where relname = 'assessments'`,
      )) as unknown as { rows: { last_vacuum: unknown }[] }
    ).rows[0]?.last_vacuum ?? null;
  const write = (i: number) =>
    store.assessments.create(
      anAssessment()
        .with((a) => (a.id = `upkeep-${i}`))
        .build(),
      ctx(),
    );

  const vacuumedAfter = async (before: unknown) => {
    const deadline = performance.now() + 10_000;
    for (;;) {
      const at = await vacuumed();
      if ((at !== null && at !== before) || performance.now() > deadline) return at;
      await sleep(50);
    }
  };

  it("vacuums once idle after the start, then waits for enough writes and for the server to be idle", async () => {
    // Writes made before the server started were not counted: the first upkeep comes at once.
    const first = await vacuumedAfter(null);
    expect(first, "once idle after the start").not.toBeNull();
    await write(1);
    await write(2);
    await sleep(500);
    expect(await vacuumed(), "two writes of three").toEqual(first);
    // Requests every 50 ms keep the server busy: no upkeep while they come, though the third
    // write made it due.
    const busy = (async () => {
      const until = performance.now() + 800;
      while (performance.now() < until) {
        expect((await fetch(`${url}/api/health`)).status).toBe(200);
        await sleep(50);
      }
    })();
    await sleep(100);
    await write(3);
    await busy;
    expect(await vacuumed(), "while requests came").toEqual(first);
    // One request in flight longer than the idle time: its body comes 800 ms after its head.
    const slow = request(`${url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "2" },
    });
    const answered = new Promise((resolve) =>
      slow.on("response", (r) => r.resume().on("end", resolve)),
    );
    slow.flushHeaders();
    await sleep(800);
    expect(await vacuumed(), "while a request was in flight").toEqual(first);
    slow.end("{}");
    await answered;
    const second = await vacuumedAfter(first);
    expect(second, "once idle").not.toEqual(first);
    // Nothing written since: no other upkeep.
    await sleep(500);
    expect(await vacuumed()).toEqual(second);
  });
});
