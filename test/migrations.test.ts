/**
 * Upgrading a database written by an earlier release: data stored in the old shapes reads
 * back through the store after the new migrations run at start. Each backend gets a database
 * migrated only as far as migration 0004, filled the way that release wrote it (the status
 * inside each version's document, the signed-off PDF as base64 text), then opened by the
 * current store.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../src/core/evaluate.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { MIGRATIONS_DIR } from "../src/store/paths.ts";
import { anAssessment } from "./builders.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "./support/postgres.ts";

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

/** The migrations folder as a release that ended at `last` shipped it. */
function migrationsUpTo(last: number): string {
  const dir = tempDir("basis-migrations-");
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const ID = "0b0e5a1c-7a43-4a7e-9a52-4c1f4f1a2b3c";
const PDF = Buffer.from("%PDF-1.7 issued at sign-off\n\u0000\u00ff binary tail");

/** What release 0004 wrote for an approved assessment with its kept PDF. */
function oldRows() {
  const doc = {
    ...anAssessment()
      .with((a) => (a.id = "upgraded"))
      .build(),
    status: "approved" as const,
  };
  const evaluation = evaluate(doc, { today: "2026-11-22" });
  return [
    sql`insert into assessments (id, slug, title, activity_name, status, current_version,
      approved_version, bases, outcome, blockers, warnings, next_review, special_category, children)
      values (${ID}, 'upgraded', ${doc.title}, ${doc.activity.name}, 'approved', 1, 1,
      array['legitimate-interests'], ${evaluation.outcome}, 0, 0, null, false, false)`,
    sql`insert into assessment_versions (assessment_id, version, document, evaluation, outcome,
      finding_codes, status, reason, created_by)
      values (${ID}, 1, ${JSON.stringify(doc)}::jsonb, ${JSON.stringify(evaluation)}::jsonb,
      ${evaluation.outcome}, array[]::text[], 'approved', 'imported', 'test')`,
    sql`insert into signed_documents (assessment_id, version, format, content, sha256)
      values (${ID}, 1, 'pdf', ${PDF.toString("base64")}, 'not-checked-here')`,
  ];
}

async function expectUpgraded(store: Store): Promise<void> {
  const rec = await store.assessments.get("upgraded");
  expect(rec.status).toBe("approved");
  expect(rec.document).not.toHaveProperty("status");
  expect((await store.assessments.version(ID, 1)).document).not.toHaveProperty("status");
  expect((await store.assessments.allDocuments())[0]?.status).toBe("approved");
  const kept = await store.signOff.signedDocument("upgraded", 1);
  expect(Buffer.compare(kept.bytes, PDF)).toBe(0);
}

const withPg = postgresAvailable();
let server: TestPostgres | undefined;
beforeAll(async () => {
  if (withPg) server = await startPostgres();
}, 60_000);
afterAll(() => {
  server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("upgrading a database from migration 0004", () => {
  it("reads old rows back on PGlite: status from the rows, the kept PDF byte for byte", async () => {
    const dataDir = tempDir("basis-upgrade-");
    const client = await PGlite.create(join(dataDir, "pg"));
    const old = drizzlePglite(client);
    await migratePglite(old, { migrationsFolder: migrationsUpTo(4) });
    for (const statement of oldRows()) await old.execute(statement);
    await client.close();
    const store = await openStore({ dataDir, databaseUrl: "" });
    try {
      await expectUpgraded(store);
    } finally {
      await store.close();
    }
  }, 60_000);

  it.skipIf(!withPg)(
    "reads old rows back on PostgreSQL",
    async () => {
      const url = await (server as TestPostgres).createDatabase({ empty: true });
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const old = drizzlePg(pool);
      await migratePg(old, { migrationsFolder: migrationsUpTo(4) });
      for (const statement of oldRows()) await old.execute(statement);
      await pool.end();
      const store = await openStore({ databaseUrl: url });
      try {
        await expectUpgraded(store);
      } finally {
        await store.close();
      }
    },
    60_000,
  );
});
