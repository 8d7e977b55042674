/**
 * The audit trail cannot be shortened unnoticed. Inside the database: a missing head, or data
 * whose creating event is gone (the newest events deleted and the head moved back, or every
 * event deleted), fails verification. Outside it: an anchor (the head's hash with a MAC under
 * BASIS_AUDIT_KEY, printed by `basis audit anchor` or written by the server on a schedule)
 * catches even a rollback of events and data together. Run on both backends.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { startAnchorTimer } from "../src/notify/anchor-timer.ts";
import { buildServer } from "../src/server/build-server.ts";
import { anchorOf, parseAnchors } from "../src/store/audit-anchor.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";
import { storeBackends } from "./support/backends.ts";
import { basisWith } from "./support/cli.ts";

const KEY = "a test key that is long enough";
const ctx = { actor: "test", now: new Date("2026-11-22T10:00:00Z"), today: "2026-11-22" };
const backends = storeBackends("basis-trail-");
const temp = backends.temp;

async function withAssessments(store: Store, ids: string[]): Promise<void> {
  for (const id of ids)
    await store.assessments.create(
      anAssessment()
        .with((a) => (a.id = id))
        .build(),
      ctx,
    );
}

/** Delete the newest `n` events and point the stored head at the event before them. */
async function cutTail(store: Store, n: number): Promise<void> {
  const { db } = store.database;
  const events = await store.audit.list(0, 100_000);
  const keep = events[events.length - 1 - n] as (typeof events)[0];
  await db.execute(sql`delete from audit_events where seq > ${keep.seq}`);
  await db.execute(
    sql`update settings set value = ${JSON.stringify({ id: keep.id, hash: keep.hash })}::jsonb where key = 'audit_head'`,
  );
}

describe.each(backends.list)("the audit trail on $name", ({ open }) => {
  it("fails when the newest events are deleted and the head moved back", async () => {
    const store = await open();
    try {
      await withAssessments(store, ["tail-a", "tail-b", "tail-c"]);
      expect((await store.audit.verify()).ok).toBe(true);
      await cutTail(store, 2);
      const result = await store.audit.verify();
      expect(result.ok).toBe(false);
      expect(result.broken?.reason).toBe("events-missing");
      expect(result.unrecorded).toMatchObject({ versions: 2 });
    } finally {
      await store.close();
    }
  });

  it("fails when every event and the head are deleted while data exists, and when only the head is", async () => {
    const store = await open();
    try {
      await withAssessments(store, ["all-a"]);
      const { db } = store.database;
      await db.execute(sql`delete from settings where key = 'audit_head'`);
      expect((await store.audit.verify()).broken?.reason).toBe("no-head");
      await db.execute(sql`delete from audit_events`);
      const result = await store.audit.verify();
      expect(result.ok).toBe(false);
      expect(result.broken?.reason).toBe("events-missing");
    } finally {
      await store.close();
    }
  });

  it("catches a rollback of events and data together with an anchor kept outside the database", async () => {
    const store = await open();
    try {
      await withAssessments(store, ["roll-a"]);
      const early = anchorOf((await store.audit.verify()).head, KEY, new Date());
      await withAssessments(store, ["roll-b", "roll-c"]);
      const late = anchorOf((await store.audit.verify()).head, KEY, new Date());
      expect((await store.audit.verify([early, late], KEY)).ok).toBe(true);

      // Events and the rows they recorded are removed together: consistent inside the database.
      await cutTail(store, 2);
      await store.database.db.execute(
        sql`delete from assessments where slug in ('roll-b', 'roll-c')`,
      );
      expect((await store.audit.verify()).ok).toBe(true);
      const checked = await store.audit.verify([early, late], KEY);
      expect(checked.ok).toBe(false);
      expect(checked.broken).toMatchObject({ reason: "anchor-missing", seq: late.seq });

      const forged = { ...early, hash: "f".repeat(64) };
      expect((await store.audit.verify([forged], KEY)).broken?.reason).toBe("anchor-invalid");
      expect((await store.audit.verify([early], "another key, long enough")).broken?.reason).toBe(
        "anchor-invalid",
      );
    } finally {
      await store.close();
    }
  });
});

describe("basis audit anchor and audit verify --anchor", () => {
  const run = basisWith;

  it("prints an anchor, verifies against it, and fails once the tail is cut", async () => {
    const data = temp();
    const store = await openStore({ dataDir: data, databaseUrl: "" });
    await withAssessments(store, ["cli-a", "cli-b"]);
    await store.close();

    const noKey = await run({ BASIS_AUDIT_KEY: undefined }, "audit", "anchor", "--data-dir", data);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/BASIS_AUDIT_KEY/);

    const anchored = await run({ BASIS_AUDIT_KEY: KEY }, "audit", "anchor", "--data-dir", data);
    expect(anchored.code, anchored.stderr).toBe(0);
    const file = join(temp(), "anchors.jsonl");
    writeFileSync(file, anchored.stdout);
    const anchors = parseAnchors(readFileSync(file, "utf8"));
    expect(anchors.ok && anchors.anchors[0]?.seq).toBeGreaterThan(0);

    const good = await run(
      { BASIS_AUDIT_KEY: KEY },
      "audit",
      "verify",
      "--anchor",
      file,
      "--data-dir",
      data,
    );
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/intact: \d+ events checked, 1 anchor found/);

    const reopened = await openStore({ dataDir: data, databaseUrl: "" });
    await cutTail(reopened, 1);
    await reopened.database.db.execute(sql`delete from assessments where slug = 'cli-b'`);
    await reopened.close();
    const cut = await run(
      { BASIS_AUDIT_KEY: KEY },
      "audit",
      "verify",
      "--anchor",
      file,
      "--data-dir",
      data,
    );
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/anchor-missing/);

    appendFileSync(file, "not an anchor\n");
    const junk = await run(
      { BASIS_AUDIT_KEY: KEY },
      "audit",
      "verify",
      "--anchor",
      file,
      "--data-dir",
      data,
    );
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/anchors\.jsonl:2: /);
  });
});

describe("basis audit anchor and verify --anchor against a running server", () => {
  it("anchors over HTTP with an admin token and notices a cut made afterwards", async () => {
    const store = await openStore({ dataDir: temp(), databaseUrl: "" });
    const app = await buildServer({ store, now: () => new Date() });
    const url = await app.listen({ host: "127.0.0.1", port: 0 });
    const admin = (
      await store.accounts.createApiToken({ name: "a", role: "admin" }, null, "t", new Date())
    ).token;
    const io = (...argv: string[]) =>
      basisWith({ BASIS_AUDIT_KEY: KEY }, ...argv, "--server", url, "--token", admin);
    try {
      await withAssessments(store, ["http-a", "http-b"]);
      const anchored = await io("audit", "anchor");
      expect(anchored.code, anchored.stderr).toBe(0);
      const file = join(temp(), "anchors.jsonl");
      writeFileSync(file, anchored.stdout);
      expect((await io("audit", "verify", "--anchor", file)).code).toBe(0);
      await cutTail(store, 1);
      await store.database.db.execute(sql`delete from assessments where slug = 'http-b'`);
      const cut = await io("audit", "verify", "--anchor", file);
      expect(cut.code).toBe(1);
      expect(cut.stderr).toMatch(/anchor-missing/);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe("the server's anchor schedule", () => {
  it("appends an anchor to a file and posts it to a webhook when the head has moved, and only then", async () => {
    const store = await openStore({ dataDir: temp(), databaseUrl: "" });
    const posted: unknown[] = [];
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        posted.push(JSON.parse(body));
        res.end("ok");
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const port = (hook.address() as { port: number }).port;
    const file = join(temp(), "anchors.jsonl");
    const lines: string[] = [];
    try {
      await withAssessments(store, ["sched-a"]);
      const env = {
        BASIS_AUDIT_KEY: KEY,
        BASIS_AUDIT_ANCHOR_FILE: file,
        BASIS_AUDIT_ANCHOR_URL: `http://127.0.0.1:${port}/anchors`,
      };
      const timer = startAnchorTimer({
        store,
        now: () => new Date(),
        log: (l) => lines.push(l),
        env,
      });
      expect(timer?.seconds).toBe(3600);
      await timer?.tick();
      await timer?.tick(); // nothing new: nothing written
      await withAssessments(store, ["sched-b"]);
      await timer?.tick();
      await timer?.stop();
      const written = parseAnchors(readFileSync(file, "utf8"));
      expect(written.ok && written.anchors.length).toBe(2);
      expect(posted).toHaveLength(2);
      expect(posted[1]).toEqual(written.ok && written.anchors[1]);
      const check = await store.audit.verify(written.ok ? written.anchors : [], KEY);
      expect(check).toMatchObject({ ok: true, anchors: 2 });
      expect(lines).toEqual([]);
    } finally {
      hook.close();
      await store.close();
    }
  });

  it("refuses to start without BASIS_AUDIT_KEY, and starts nothing when no target is set", () => {
    const store = {} as Store;
    const log = () => {};
    expect(() =>
      startAnchorTimer({
        store,
        now: () => new Date(),
        log,
        env: { BASIS_AUDIT_ANCHOR_FILE: "x" },
      }),
    ).toThrow(/BASIS_AUDIT_KEY/);
    expect(
      startAnchorTimer({ store, now: () => new Date(), log, env: { BASIS_AUDIT_KEY: KEY } }),
    ).toBeUndefined();
  });
});
