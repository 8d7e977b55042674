/**
 * Backups and restores on both backends, as an operator runs them: `basis backup`, the data
 * destroyed, `basis restore` into an empty database; then every table holds what it held, every
 * assessment and version is back and the audit trail verifies. A restore refuses a database
 * holding data unless forced, and a truncated file, changing nothing. A server running on a
 * PGlite directory is backed up through its API while writers carry on, and a PGlite backup
 * restores onto PostgreSQL.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { parseYaml } from "../src/core/parse.ts";
import { BasisFile, registerAssessments } from "../src/core/schema/index.ts";
import { openStore, type RenderSigned, type Store } from "../src/store/index.ts";
import * as schema from "../src/store/schema.ts";
import { anAssessment } from "./builders.ts";
import { storeBackends } from "./support/backends.ts";
import { basisWith } from "./support/cli.ts";
import { startServe, stopAll } from "./support/serve.ts";

/** A stand-in for the PDF renderer: the kept bytes are what the test compares after restore. */
const keptPdf: RenderSigned = async () => ({
  format: "pdf",
  bytes: new TextEncoder().encode("%PDF-1.7 kept"),
});

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const NOW = new Date("2026-11-22T10:00:00Z");
const ctx = { actor: "test", now: NOW, today: "2026-11-22" };
const databases = storeBackends("basis-backup-");
const { withPg, temp } = databases;
afterAll(stopAll);

/** A database as an operator addresses it: where the CLI finds it, and how to destroy it. */
interface Target {
  env: Record<string, string>;
  args: string[];
  open(): Promise<Store>;
  destroy(): Promise<void>;
}

function pgliteTarget(): Target {
  const dir = join(temp(), "data");
  return {
    env: { DATABASE_URL: "" },
    args: ["--data-dir", dir],
    open: () => openStore({ dataDir: dir, databaseUrl: "", renderSigned: keptPdf }),
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const url = await databases.postgres().createDatabase();
  const name = new URL(url).pathname.slice(1);
  return {
    env: { DATABASE_URL: url },
    args: [],
    open: () => openStore({ databaseUrl: url, renderSigned: keptPdf }),
    async destroy() {
      const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, "/postgres") });
      await admin.connect();
      await admin.query(`drop database ${name}`);
      await admin.query(`create database ${name}`);
      await admin.end();
    },
  };
}

const backends = [
  { name: "PGlite", target: async () => pgliteTarget() },
  ...(withPg ? [{ name: "PostgreSQL", target: postgresTarget }] : []),
];

/** Everything a team keeps: the seed register and fixtures, people, tokens, sign-off, comments. */
async function seed(store: Store): Promise<string[]> {
  const files = [
    "fixtures/lawful-basis-register.yaml",
    "fixtures/levqor-platform-lia.yaml",
    "fixtures/edusphere-audit-logging-lia.yaml",
    "fixtures/statnive-cookieless-analytics-lia.yaml",
  ];
  const docs = files.flatMap((f) => {
    const parsed = parseYaml(readFileSync(join(ROOT, f), "utf8"), BasisFile);
    if (!parsed.ok) throw new Error(f);
    return parsed.value.kind === "register" ? registerAssessments(parsed.value) : [parsed.value];
  });
  await store.assessments.importDocuments(docs, ctx);
  const admin = await store.accounts.createUser(
    { email: "dpo@example.org", name: "DPO", role: "admin", passwordHash: "$argon2id$x" },
    "test",
    NOW,
  );
  await store.accounts.createSession(admin, NOW);
  await store.accounts.createApiToken({ name: "ci", role: "editor" }, admin.id, "test", NOW);
  const rec = await store.assessments.create(
    anAssessment()
      .with((a) => (a.id = "signed-off"))
      .build(),
    ctx,
  );
  const signer = { ...ctx, actor: "dpo", role: "admin", name: "DPO" } as const;
  const c = await store.comments.create(rec.id, { path: "title", body: "Ok" }, signer);
  await store.comments.resolve(c.id, ctx);
  await store.signOff.submit(rec.id, 1, signer);
  await store.signOff.decide(rec.id, { version: 1, role: "dpo", decision: "approve" }, signer);
  await store.comments.create(rec.id, { path: "lia.necessity[0]", body: "Why 90 days?" }, signer);
  await store.assessments.update(
    rec.id,
    1,
    { ...rec.document, title: "Next draft" },
    ctx,
    "retitled",
  );
  return [...docs.map((d) => d.id), "signed-off"];
}

const TABLES = (Object.values(schema) as unknown[]).filter(
  (v): v is PgTable =>
    typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v,
);

/** Every row of every table, as the application reads it, sorted. */
async function contents(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await store.database.db.select().from(table);
    // Binary columns read back as Uint8Array on PGlite and Buffer on PostgreSQL: compare bytes.
    out[getTableConfig(table).name] = rows.map((r) => JSON.stringify(r, bytesAsHex)).sort();
  }
  return out;
}

function bytesAsHex(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString("hex")}`;
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "Buffer")
    return `\\x${Buffer.from((value as { data: number[] }).data).toString("hex")}`;
  return value;
}

/** The restore appends its own event and moves the head: leave those out of the comparison. */
function withoutRestore(c: Record<string, string[]>): Record<string, string[]> {
  return {
    ...c,
    audit_events: (c.audit_events ?? []).filter((r) => !r.includes('"backup.restore"')),
    settings: (c.settings ?? []).filter((r) => !r.includes('"audit_head"')),
  };
}

describe.each(backends)("backup and restore on $name", ({ target }) => {
  it("backs up, destroys, restores: every table, every assessment and version back, the trail verified", async () => {
    const db = await target();
    const store = await db.open();
    const slugs = await seed(store);
    await store.close();
    const file = join(temp(), "basis.backup.gz");

    const backup = await basisWith(db.env, "backup", file, ...db.args);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`${slugs.length} assessments`));
    // What the backup holds: everything, down to the event recording the backup.
    const backedUp = await db.open();
    const before = await contents(backedUp);
    const documents = await backedUp.assessments.allDocuments();
    await backedUp.close();
    await db.destroy();

    const restored = await basisWith(db.env, "restore", file, ...db.args);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/audit trail intact: \d+ events checked/);

    const after = await db.open();
    try {
      expect((await after.audit.verify()).ok).toBe(true);
      expect(withoutRestore(await contents(after))).toEqual(withoutRestore(before));
      expect(await after.assessments.allDocuments()).toEqual(documents);
      for (const slug of slugs) {
        const rec = await after.assessments.get(slug);
        for (const v of await after.assessments.versions(rec.id))
          expect((await after.assessments.version(rec.id, v.version)).document.id).toBe(slug);
      }
      const kept = await after.signOff.signedDocument("signed-off", 1);
      expect(kept.bytes.toString()).toBe("%PDF-1.7 kept");
      const events = await after.audit.list(0, 100_000);
      expect(events.map((e) => e.action)).toContain("backup.create");
      expect(events[events.length - 1]?.action).toBe("backup.restore");
      // The trail goes on from where the backup left it.
      await after.assessments.create(
        anAssessment()
          .with((a) => (a.id = "after-restore"))
          .build(),
        ctx,
      );
      expect((await after.audit.verify()).ok).toBe(true);
    } finally {
      await after.close();
    }
  }, 180_000);

  it("refuses a database holding data unless --force, and a truncated backup, changing nothing", async () => {
    const source = await target();
    const s = await source.open();
    await seed(s);
    await s.close();
    const file = join(temp(), "basis.backup.gz");
    expect((await basisWith(source.env, "backup", file, ...source.args)).code).toBe(0);
    expect((await basisWith(source.env, "backup", file, ...source.args)).code).toBe(2); // exists

    const busy = await target();
    const b = await busy.open();
    await b.assessments.create(
      anAssessment()
        .with((a) => (a.id = "already-here"))
        .build(),
      ctx,
    );
    const held = await contents(b);
    await b.close();
    const refused = await basisWith(busy.env, "restore", file, ...busy.args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds data .*--force.*nothing was restored/);

    const lines = gunzipSync(readFileSync(file)).toString().trimEnd().split("\n");
    const cut = join(temp(), "cut.backup.gz");
    writeFileSync(cut, gzipSync(`${lines.slice(0, -1).join("\n")}\n`));
    const truncated = await basisWith(busy.env, "restore", cut, "--force", ...busy.args);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/incomplete/);
    const unchanged = await busy.open();
    expect(await contents(unchanged)).toEqual(held);
    await unchanged.close();

    const forced = await basisWith(busy.env, "restore", file, "--force", ...busy.args);
    expect(forced.code, forced.stderr).toBe(0);
    const replaced = await busy.open();
    try {
      await expect(replaced.assessments.get("already-here")).rejects.toThrow();
      expect((await replaced.audit.verify()).ok).toBe(true);
    } finally {
      await replaced.close();
    }
  }, 180_000);
});

describe.skipIf(!withPg)("a backup on PostgreSQL", () => {
  it("is not restored while another Basis instance is connected to the database", async () => {
    const db = await postgresTarget();
    const s = await db.open();
    await seed(s);
    await s.close();
    const file = join(temp(), "basis.backup.gz");
    expect((await basisWith(db.env, "backup", file)).code).toBe(0);
    await db.destroy();
    const running = await db.open(); // another instance, idle but connected
    try {
      await running.accounts.userCount();
      const refused = await basisWith(db.env, "restore", file);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/other Basis connection\(s\) use this database/);
      expect(await running.accounts.userCount()).toBe(0);
    } finally {
      await running.close();
    }
    expect((await basisWith(db.env, "restore", file)).code).toBe(0);
  }, 120_000);

  it("moves between backends: a PGlite backup restores onto PostgreSQL, trail and all", async () => {
    const from = pgliteTarget();
    const s = await from.open();
    await seed(s);
    await s.close();
    const file = join(temp(), "basis.backup.gz");
    expect((await basisWith(from.env, "backup", file, ...from.args)).code).toBe(0);
    const backedUp = await from.open();
    const before = await contents(backedUp);
    await backedUp.close();
    const to = await postgresTarget();
    const restored = await basisWith(to.env, "restore", file);
    expect(restored.code, restored.stderr).toBe(0);
    const after = await to.open();
    try {
      expect(withoutRestore(await contents(after))).toEqual(withoutRestore(before));
      expect((await after.audit.verify()).ok).toBe(true);
    } finally {
      await after.close();
    }
  }, 180_000);
});

describe("a backup of a running server's PGlite directory", () => {
  it("is refused to the CLI on the directory, and taken through the server while writers carry on", async () => {
    const dir = join(temp(), "data");
    const s = await openStore({ dataDir: dir, databaseUrl: "", renderSigned: keptPdf });
    await seed(s);
    const admin = (await s.accounts.createApiToken({ name: "ops", role: "admin" }, null, "t", NOW))
      .token;
    const editor = (await s.accounts.createApiToken({ name: "w", role: "editor" }, null, "t", NOW))
      .token;
    await s.close();
    const { child, url } = await startServe(["--data-dir", dir]);

    const local = await basisWith(
      { DATABASE_URL: "" },
      "backup",
      join(temp(), "x.gz"),
      "--data-dir",
      dir,
    );
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(/in use by process \d+/);
    const notAdmin = await basisWith(
      {},
      "backup",
      join(temp(), "y.gz"),
      "--server",
      url,
      "--token",
      editor,
    );
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toMatch(/403/);

    const acknowledged: string[] = [];
    let writing = true;
    const writer = async (lane: number) => {
      for (let i = 0; writing; i++) {
        const id = `live-${lane}-${i}`;
        const res = await fetch(`${url}/api/assessments`, {
          method: "POST",
          headers: { authorization: `Bearer ${editor}`, "content-type": "application/json" },
          body: JSON.stringify({
            document: anAssessment()
              .with((a) => (a.id = id))
              .build(),
          }),
        });
        await res.text();
        if (res.status === 201) acknowledged.push(id);
      }
    };
    const lanes = [0, 1, 2].map(writer);
    while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 50));
    const before = [...acknowledged];
    const file = join(temp(), "live.backup.gz");
    const backup = await basisWith({}, "backup", file, "--server", url, "--token", admin);
    const after = [...acknowledged];
    writing = false;
    await Promise.all(lanes);
    expect(backup.code, backup.stderr).toBe(0);
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));

    const copy = join(temp(), "copy");
    const restored = await basisWith({ DATABASE_URL: "" }, "restore", file, "--data-dir", copy);
    expect(restored.code, restored.stderr).toBe(0);
    const back = await openStore({ dataDir: copy, databaseUrl: "" });
    try {
      expect((await back.audit.verify()).ok).toBe(true);
      const ids = new Set((await back.assessments.allDocuments()).map((d) => d.id));
      const live = [...ids].filter((id) => id.startsWith("live-"));
      // Everything acknowledged before the backup began is in it; nothing after it ended is.
      for (const id of before) expect(ids.has(id), id).toBe(true);
      for (const id of live) expect(after.includes(id), id).toBe(true);
      const events = await back.audit.list(0, 100_000);
      expect(events.some((e) => e.action === "backup.create" && e.actor.startsWith("token:"))).toBe(
        true,
      );
    } finally {
      await back.close();
    }
    expect(existsSync(file)).toBe(true);
  }, 180_000);
});
