/**
 * The storage contract, run on both backends: embedded PGlite and a real PostgreSQL server.
 * Every behaviour a caller relies on — versions, stale updates, import, the audit chain, the
 * single-writer lock — must hold the same on each.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainError } from "../src/core/errors.ts";
import { parseYaml } from "../src/core/parse.ts";
import { type Assessment, BasisFile, registerAssessments } from "../src/core/schema/index.ts";
import { openStore, type Store, type WriteContext } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";
import { figure } from "./support/figures.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "./support/postgres.ts";

const ctx = (actor = "test"): WriteContext => ({
  actor,
  now: new Date("2026-11-22T10:00:00Z"),
  today: "2026-11-22",
});
const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

/** Every seed fixture and every template: the content a team starts from. */
function seedDocuments(): Assessment[] {
  const fixtures = readdirSync(root("fixtures"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `fixtures/${f}`);
  const templates = readdirSync(root("src/content/templates")).map(
    (f) => `src/content/templates/${f}`,
  );
  return [...fixtures, ...templates].flatMap((f) => {
    const parsed = parseYaml(readFileSync(root(f), "utf8"), BasisFile);
    if (!parsed.ok) throw new Error(f);
    const docs =
      parsed.value.kind === "register" ? registerAssessments(parsed.value) : [parsed.value];
    // Templates share ids with some register activities; give them their own.
    return f.startsWith("src/") ? docs.map((d) => ({ ...d, id: `template-${d.id}` })) : docs;
  });
}

const withPg = postgresAvailable();
let server: TestPostgres | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  if (withPg) server = await startPostgres();
}, 60_000);
afterAll(() => {
  server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const backends = [
  {
    name: "PGlite",
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), "basis-store-"));
      dirs.push(dir);
      return openStore({ dataDir: dir, databaseUrl: "" });
    },
  },
  ...(withPg
    ? [
        {
          name: "PostgreSQL",
          open: async () =>
            openStore({
              databaseUrl: await (server as TestPostgres).createDatabase(),
              poolSize: 25,
            }),
        },
      ]
    : []),
];

describe.each(backends)("store contract on $name", ({ name: backend, open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it("creates an assessment as version 1 with its evaluation, and reads it back by id and slug", async () => {
    const doc = anAssessment()
      .with((a) => (a.id = "create-read"))
      .build();
    const rec = await store.assessments.create(doc, ctx());
    expect(rec.version).toBe(1);
    expect(rec.outcome).toBe("appropriate");
    const byId = await store.assessments.get(rec.id);
    const bySlug = await store.assessments.get("create-read");
    expect(byId.document).toEqual(doc);
    expect(bySlug.id).toBe(rec.id);
    expect(byId.evaluation.findings.map((f) => f.code)).toEqual(
      rec.evaluation.findings.map((f) => f.code),
    );
  });

  it("vacuums the embedded database at first, then once enough writes were made; leaves PostgreSQL to its autovacuum", async () => {
    const lastVacuum = async () =>
      (
        (await store.database.db.execute(
          sql`select last_vacuum from pg_stat_user_tables where relname = 'assessments'`,
        )) as unknown as { rows: { last_vacuum: unknown }[] }
      ).rows[0]?.last_vacuum ?? null;
    // The first upkeep of a process is due at once (writes made before it were not counted);
    // after it, only once enough writes were made.
    const first = await store.upkeep(1_000_000);
    expect(await store.upkeep(1_000_000)).toBe(false);
    await store.assessments.create(
      anAssessment()
        .with((a) => (a.id = "upkeep"))
        .build(),
      ctx(),
    );
    if (backend === "PGlite") {
      expect(first).toBe(true);
      const before = await lastVacuum();
      expect(before).not.toBeNull();
      expect(await store.upkeep(2)).toBe(false);
      expect(await store.upkeep(1)).toBe(true);
      const after = await lastVacuum();
      expect(after).not.toBeNull();
      expect(after).not.toEqual(before);
      // Nothing written since: not due again.
      expect(await store.upkeep(1)).toBe(false);
    } else {
      expect(first).toBe(false);
      expect(await store.upkeep(0)).toBe(false);
    }
  });

  it("refuses a second assessment with the same id", async () => {
    const doc = anAssessment()
      .with((a) => (a.id = "dup-slug"))
      .build();
    await store.assessments.create(doc, ctx());
    await expect(store.assessments.create(doc, ctx())).rejects.toMatchObject({ code: "conflict" });
  });

  it("keeps every version and refuses a stale update with the current version", async () => {
    const doc = anAssessment()
      .with((a) => (a.id = "versions"))
      .build();
    const v1 = await store.assessments.create(doc, ctx());
    const changed = { ...doc, title: "Second title" };
    const v2 = await store.assessments.update(v1.id, 1, changed, ctx(), "retitled");
    expect(v2.version).toBe(2);
    const stale = store.assessments.update(v1.id, 1, { ...doc, title: "Lost update" }, ctx());
    await expect(stale).rejects.toMatchObject({ code: "stale_version" });
    const err = (await stale.catch((e) => e)) as DomainError;
    expect((err.details.current as { version: number }).version).toBe(2);
    expect((await store.assessments.get(v1.id)).document.title).toBe("Second title");
    const versions = await store.assessments.versions(v1.id);
    expect(versions.map((v) => [v.version, v.reason])).toEqual([
      [1, "created"],
      [2, "retitled"],
    ]);
    expect((await store.assessments.version(v1.id, 1)).document.title).toBe(doc.title);
  });

  it("lets exactly one of 20 concurrent updates from the same base version win", async () => {
    const doc = anAssessment()
      .with((a) => (a.id = "race"))
      .build();
    const rec = await store.assessments.create(doc, ctx());
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.assessments.update(rec.id, 1, { ...doc, title: `writer ${i}` }, ctx(`w${i}`)),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    figure(
      `concurrency in the store on ${backend}`,
      `${results.length} concurrent updates of one version, ${won.length} won, ${lost.length} refused as stale`,
    );
    expect(won).toHaveLength(1);
    expect(lost.every((r) => (r as PromiseRejectedResult).reason.code === "stale_version")).toBe(
      true,
    );
    const current = await store.assessments.get(rec.id);
    expect(current.version).toBe(2);
    expect(current.document.title).toBe(
      (won[0] as PromiseFulfilledResult<{ document: Assessment }>).value.document.title,
    );
    expect(await store.assessments.versions(rec.id)).toHaveLength(2);
  });

  it("saves a draft's next version in one statement with the rows and event a transaction writes", async () => {
    // The same change saved by the one-statement function (an update of a draft) and by the
    // transaction an import makes (updateIn): the rows must be the same, column for column.
    const first = anAssessment().build();
    const second = seedDocuments().find((d) => d.id === "health-symptom-tracker") as Assessment;
    const slugs = ["one-statement-fast", "one-statement-tx"] as const;
    const made = await Promise.all(
      slugs.map((id) => store.assessments.create({ ...first, id }, ctx())),
    );
    const fast = await store.assessments.update(
      slugs[0],
      1,
      { ...second, id: slugs[0] },
      ctx("editor"),
      "imported",
    );
    const [viaImport] = await store.assessments.importDocuments(
      [{ ...second, id: slugs[1] }],
      ctx("editor"),
    );
    expect(viaImport).toMatchObject({ result: "updated", version: 2 });
    expect(fast).toMatchObject({ id: made[0]?.id, slug: slugs[0], version: 2, status: "draft" });
    const { db } = store.database;
    const rowsOf = async (query: ReturnType<typeof sql>) => {
      const r = (await db.execute(query)) as unknown as { rows?: unknown[] };
      return (r.rows ?? (r as unknown as unknown[])) as { slug: string; row: string }[];
    };
    // Each row as JSON, its own id and slug taken out (the search text holds the slug too;
    // the search vector, made from it, is left out).
    const same = async (query: ReturnType<typeof sql>) => {
      const rows = await rowsOf(query);
      expect(rows).toHaveLength(2);
      const [a, b] = rows.map((r) =>
        r.row
          .replaceAll(r.slug, "SLUG")
          .replaceAll(made.find((m) => m.slug === r.slug)?.id as string, "ID"),
      );
      expect(a).toBe(b);
      return a as string;
    };
    const row = await same(sql`
      select slug, (to_jsonb(a) - 'created_at' - 'search_vector')::text as row from assessments as a
      where slug in (${slugs[0]}, ${slugs[1]}) order by slug`);
    // The change moved the register's columns (else the comparison would prove little).
    expect(JSON.parse(row)).toMatchObject({
      current_version: 2,
      status: "draft",
      title: second.title,
      outcome: fast.outcome,
    });
    expect(fast.outcome).not.toBe(made[0]?.outcome);
    await same(sql`
      select a.slug, to_jsonb(v)::text as row from assessment_versions as v
      join assessments as a on a.id = v.assessment_id
      where a.slug in (${slugs[0]}, ${slugs[1]}) and v.version = 2 order by a.slug`);
    await same(sql`
      select a.slug, (to_jsonb(e) - 'seq' - 'id' - 'prev_hash' - 'hash')::text as row
      from audit_events as e join assessments as a on a.id::text = e.entity_id
      where a.slug in (${slugs[0]}, ${slugs[1]}) and e.action = 'assessment.update'
      order by a.slug`);
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it("hashes the event of a one-statement save as the chain does, whatever its reason's characters", async () => {
    const doc = anAssessment()
      .with((a) => (a.id = "one-statement-reason"))
      .build();
    const rec = await store.assessments.create(doc, ctx());
    const reason = 'Überarbeitung – 改訂 🎉 "quoted" \\ back\\slash\nnew line \u2028';
    const saved = await store.assessments.update(
      rec.id,
      1,
      { ...doc, title: "Zweite Fassung" },
      ctx(),
      reason,
    );
    expect(saved.version).toBe(2);
    const events = await store.audit.list(0, 100_000);
    expect(events.at(-1)).toMatchObject({
      action: "assessment.update",
      entityId: rec.id,
      data: { reason, version: 2, from: "draft" },
    });
    expect(await store.audit.verify()).toMatchObject({ ok: true });
    await expect(store.assessments.update("no-such-activity", 1, doc, ctx())).rejects.toMatchObject(
      { code: "not_found" },
    );
    await expect(
      store.assessments.update("00000000-0000-4000-8000-000000000000", 1, doc, ctx()),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("saves a version from the working draft at its revision, and refuses a changed draft", async () => {
    const doc = anAssessment()
      .with((a) => (a.id = "one-statement-draft"))
      .build();
    const rec = await store.assessments.create(doc, ctx());
    const draft = await store.drafts.save(
      rec.slug,
      { baseVersion: 1, revision: 0, document: { ...doc, title: "Drafted" } },
      ctx(),
    );
    await expect(
      store.assessments.update(rec.slug, 1, { ...doc, title: "Drafted" }, ctx(), "note", 0),
    ).rejects.toMatchObject({ code: "stale_draft" });
    expect(await store.drafts.get(rec.slug)).toMatchObject({ revision: draft.revision });
    const saved = await store.assessments.update(
      rec.slug,
      1,
      { ...doc, title: "Drafted" },
      ctx(),
      "note",
      draft.revision,
    );
    expect(saved).toMatchObject({ version: 2, title: "Drafted" });
    expect(await store.drafts.get(rec.slug)).toBeNull();
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it("deletes a draft but never an assessment with an approved version", async () => {
    const draft = await store.assessments.create(
      anAssessment()
        .with((a) => (a.id = "to-delete"))
        .build(),
      ctx(),
    );
    await expect(store.assessments.delete(draft.id, 5, ctx())).rejects.toMatchObject({
      code: "stale_version",
    });
    await store.assessments.delete(draft.id, 1, ctx());
    await expect(store.assessments.get(draft.id)).rejects.toMatchObject({ code: "not_found" });
    const approved = await store.assessments.create(
      anAssessment()
        .with((a) => {
          a.id = "approved-one";
          a.status = "approved";
        })
        .build(),
      ctx(),
    );
    await expect(store.assessments.delete(approved.id, 1, ctx())).rejects.toMatchObject({
      code: "approved_versions_exist",
    });
  });

  it("lists with search, filters, sorting and pagination", async () => {
    for (let i = 0; i < 12; i++) {
      await store.assessments.create(
        anAssessment()
          .with((a) => {
            a.id = `list-${String(i).padStart(2, "0")}`;
            a.title = i % 2 ? `Odd analytics ${i}` : `Even logging ${i}`;
            if (i % 3 === 0) delete a.assessedOn;
          })
          .build(),
        ctx(),
      );
    }
    const odd = await store.assessments.list({ q: "odd analytics", pageSize: 100 });
    expect(odd.total).toBe(6);
    const incomplete = await store.assessments.list({
      q: "list-",
      outcome: "incomplete",
      pageSize: 100,
    });
    expect(incomplete.items.map((i) => i.slug).sort()).toEqual([
      "list-00",
      "list-03",
      "list-06",
      "list-09",
    ]);
    const page2 = await store.assessments.list({ q: "list-", sort: "title", page: 2, pageSize: 5 });
    expect(page2.items).toHaveLength(5);
    expect(page2.total).toBe(12);
    const titles = (
      await store.assessments.list({ q: "list-", sort: "title", pageSize: 100 })
    ).items.map((i) => i.title);
    expect(titles).toEqual([...titles].sort());
    expect(
      (await store.assessments.list({ basis: "legitimate-interests", q: "list-" })).total,
    ).toBe(12);
    expect((await store.assessments.list({ q: "100%_" })).total).toBe(0);
  });

  it("imports every fixture and template and exports the same documents; a re-import changes nothing", async () => {
    const docs = seedDocuments();
    const first = await store.assessments.importDocuments(docs, ctx("import"));
    expect(first.every((r) => r.result === "created")).toBe(true);
    const exported = (await store.assessments.allDocuments()).filter((d) =>
      docs.some((x) => x.id === d.id),
    );
    expect(exported).toEqual([...docs].sort((a, b) => a.id.localeCompare(b.id)));
    const again = await store.assessments.importDocuments(docs, ctx("import"));
    expect(again.every((r) => r.result === "unchanged")).toBe(true);
  });

  it("rolls back a whole import when one document cannot be written", async () => {
    const a = anAssessment()
      .with((x) => (x.id = "import-atomic-a"))
      .build();
    const c = anAssessment()
      .with((x) => (x.id = "import-atomic-c"))
      .build();
    // PostgreSQL cannot store a NUL character in jsonb: the second write fails mid-batch.
    const bad = {
      ...anAssessment()
        .with((x) => (x.id = "import-atomic-b"))
        .build(),
      title: "nul\u0000here",
    };
    await expect(store.assessments.importDocuments([a, bad, c], ctx())).rejects.toThrow();
    expect((await store.assessments.list({ q: "import-atomic" })).total).toBe(0);
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it("answers reads from its cache yet shows every write at once", async () => {
    const doc = anAssessment()
      .with((a) => (a.id = "cached-reads"))
      .build();
    const v1 = await store.assessments.create(doc, ctx());
    const query = { q: "cached-reads" };
    // Asked twice, the second answer is the cached one: the very same object (a register
    // page is answered by the register index once it is built, a new page each time).
    const page = await store.assessments.list(query);
    expect(await store.assessments.list(query)).toEqual(page);
    expect(await store.assessments.get("cached-reads")).toBe(await store.assessments.get(v1.id));
    expect(page.items[0]).toMatchObject({ title: doc.title, version: 1 });
    await store.assessments.update("cached-reads", 1, { ...doc, title: "Retitled" }, ctx());
    expect((await store.assessments.list(query)).items[0]).toMatchObject({
      title: "Retitled",
      version: 2,
    });
    expect(await store.assessments.get(v1.id)).toMatchObject({ title: "Retitled", version: 2 });
    await expect(
      store.assessments.update(v1.id, 1, { ...doc, title: "Stale" }, ctx()),
    ).rejects.toMatchObject({ code: "stale_version", details: { current: { version: 2 } } });
    await store.assessments.delete(v1.id, 2, ctx());
    expect((await store.assessments.list(query)).total).toBe(0);
    await expect(store.assessments.get("cached-reads")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses a cached session or token at once once it is signed out, disabled, revoked or expired", async () => {
    const now = new Date("2026-11-22T10:00:00Z");
    const user = await store.accounts.createUser(
      { email: "cached@example.org", name: "Cached", role: "editor", passwordHash: "x" },
      "test",
      now,
    );
    const out = await store.accounts.createSession(user, now);
    expect(await store.accounts.sessionPrincipal(out.token, now)).toMatchObject({ id: user.id });
    await store.accounts.deleteSession(out.token, "test", now);
    expect(await store.accounts.sessionPrincipal(out.token, now)).toBeUndefined();

    const kept = await store.accounts.createSession(user, now);
    expect(await store.accounts.sessionPrincipal(kept.token, now)).toMatchObject({
      role: "editor",
    });
    await store.accounts.updateUser(user.id, { role: "viewer" }, "test", now);
    expect(await store.accounts.sessionPrincipal(kept.token, now)).toMatchObject({
      role: "viewer",
    });
    const expiry = new Date(kept.expiresAt.getTime() + 1);
    expect(await store.accounts.sessionPrincipal(kept.token, expiry)).toBeUndefined();
    await store.accounts.updateUser(user.id, { disabled: true }, "test", now);
    expect(await store.accounts.sessionPrincipal(kept.token, now)).toBeUndefined();

    const t = await store.accounts.createApiToken({ name: "c", role: "viewer" }, null, "test", now);
    expect(await store.accounts.tokenPrincipal(t.token)).toMatchObject({ id: t.id });
    await store.accounts.revokeApiToken(t.id, "test", now);
    expect(await store.accounts.tokenPrincipal(t.token)).toBeUndefined();
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it("notices when the newest audit events are removed", async () => {
    const fresh = await open();
    try {
      for (const id of ["head-a", "head-b"])
        await fresh.assessments.create(
          anAssessment()
            .with((x) => (x.id = id))
            .build(),
          ctx(),
        );
      expect((await fresh.audit.verify()).ok).toBe(true);
      const events = await fresh.audit.list(0, 100);
      const last = events[events.length - 1] as (typeof events)[0];
      await fresh.database.db.execute(sql`delete from audit_events where seq = ${last.seq}`);
      expect((await fresh.audit.verify()).broken?.reason).toBe("head-missing");
    } finally {
      await fresh.close();
    }
  });

  it("refuses an audit event whose payload does not fit its action, and writes nothing", async () => {
    const before = (await store.audit.list(0, 100_000)).length;
    const wrong = { actor: "test", action: "assessment.export", entityId: "x", data: { v: 1 } };
    await expect(store.audit.record(wrong as never, ctx().now)).rejects.toThrow();
    expect(await store.audit.list(0, 100_000)).toHaveLength(before);
  });

  it("chains the audit trail and catches an edited, a deleted and a reordered event", async () => {
    expect(await store.audit.verify()).toMatchObject({ ok: true });
    const { db } = store.database;
    const events = await store.audit.list(0, 10_000);
    expect(events.length).toBeGreaterThan(5);
    const [a, b, c] = events.slice(-3) as [
      (typeof events)[0],
      (typeof events)[0],
      (typeof events)[0],
    ];

    await db.execute(
      sql`update audit_events set action = 'assessment.tampered' where seq = ${b.seq}`,
    );
    expect((await store.audit.verify()).broken).toMatchObject({
      seq: b.seq,
      reason: "content-changed",
    });
    await db.execute(sql`update audit_events set action = ${b.action} where seq = ${b.seq}`);
    expect((await store.audit.verify()).ok).toBe(true);

    await db.execute(sql`update audit_events set seq = -1 where seq = ${a.seq}`);
    await db.execute(sql`update audit_events set seq = ${a.seq} where seq = ${b.seq}`);
    await db.execute(sql`update audit_events set seq = ${b.seq} where seq = -1`);
    expect((await store.audit.verify()).broken?.reason).toBe("link-broken");
    await db.execute(sql`update audit_events set seq = -1 where seq = ${a.seq}`);
    await db.execute(sql`update audit_events set seq = ${a.seq} where seq = ${b.seq}`);
    await db.execute(sql`update audit_events set seq = ${b.seq} where seq = -1`);
    expect((await store.audit.verify()).ok).toBe(true);

    await db.execute(sql`delete from audit_events where seq = ${b.seq}`);
    expect((await store.audit.verify()).broken).toMatchObject({
      seq: c.seq,
      reason: "link-broken",
    });
  });
});

describe("one writer per PGlite data directory", () => {
  it("refuses a second opener, naming the holder, and lets the first keep working", async () => {
    const dir = mkdtempSync(join(tmpdir(), "basis-lock-"));
    dirs.push(dir);
    const first = await openStore({ dataDir: dir, databaseUrl: "" });
    await expect(openStore({ dataDir: dir, databaseUrl: "" })).rejects.toThrow(
      new RegExp(`in use by process ${process.pid} on `),
    );
    const rec = await first.assessments.create(anAssessment().build(), ctx());
    expect((await first.assessments.get(rec.id)).version).toBe(1);
    await first.close();
    const again = await openStore({ dataDir: dir, databaseUrl: "" });
    expect((await again.assessments.get(rec.id)).version).toBe(1);
    await again.close();
  }, 60_000);
});
