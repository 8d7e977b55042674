/**
 * The register at scale, on both backends: every query shape the register can send (each
 * sort, each filter, search, a deep page, a page after or before a cursor, and the total of
 * each filter) is explained on a register of 20,000 rows, and none may scan the assessments
 * table; cursors page through ties without a row twice or missing; the projection a save
 * writes equals the one migration 0007 backfills from the stored documents.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegisterSort } from "../src/core/vocabulary.ts";
import { rebuildMarks } from "../src/store/assessments/import-assessments.ts";
import { type ListQuery, registerQueries } from "../src/store/assessments/list-register.ts";
import type { Db } from "../src/store/db.ts";
import type { Store, WriteContext } from "../src/store/index.ts";
import { rowsOf as resultRows } from "../src/store/rows.ts";
import { anAssessment } from "./builders.ts";
import { storeBackends } from "./support/backends.ts";
import { expectMarksExact, slugsInOrder } from "./support/marks.ts";

const ctx = (): WriteContext => ({ actor: "test", now: new Date(), today: "2026-11-22" });
const backends = storeBackends("basis-plans-");
const ROWS = 20_000;

/** The backfill statement of migration 0007, as the migrator runs it. */
function backfill(): string {
  const text = readFileSync(
    fileURLToPath(new URL("../src/store/migrations/0007_register_projection.sql", import.meta.url)),
    "utf8",
  );
  const statement = text
    .split("--> statement-breakpoint")
    .find((s) => s.includes('UPDATE "assessments"'));
  if (!statement) throw new Error("migration 0007 has no backfill");
  return statement;
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return resultRows<T>(await db.execute(query));
}

/** The plan of a query, as text lines. */
async function plan(db: Db, query: SQLWrapper): Promise<string> {
  const rows = await rowsOf<Record<string, string>>(db, sql`explain ${query}`);
  return rows.map((r) => Object.values(r)[0]).join("\n");
}

/**
 * The plan PostgreSQL keeps for a prepared statement when it stops planning each call (made
 * for no parameter value in particular), as text lines.
 */
async function genericPlan(db: Db, query: SQLWrapper): Promise<string> {
  const { sql: text, params } = new PgDialect().sqlToQuery(query.getSQL());
  const values = params.map((v) =>
    typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`,
  );
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw("set local plan_cache_mode = force_generic_plan"));
    await tx.execute(sql.raw(`prepare generic_plan as ${text}`));
    try {
      const rows = await rowsOf<Record<string, string>>(
        tx as unknown as Db,
        sql.raw(`explain execute generic_plan(${values.join(", ")})`),
      );
      return rows.map((r) => Object.values(r)[0]).join("\n");
    } finally {
      await tx.execute(sql.raw("deallocate generic_plan"));
    }
  });
}

const SORTS: RegisterSort[] = ["updated", "title", "next-review", "outcome"];
const FILTERS: Record<string, ListQuery> = {
  none: {},
  outcome: { outcome: "not-appropriate" },
  status: { status: "in_review" },
  basis: { basis: "vital-interests" },
  "special category": { specialCategory: true },
  children: { children: true },
  "review due": { reviewDueBefore: "2026-01-15" },
  search: { q: "marketing" },
  "search, two words": { q: "newsletter 4f" },
  "search with a filter": { q: "word7", basis: "consent", outcome: "appropriate" },
};

describe.each(backends.list)("the register's query plans on $name", (backend) => {
  let store: Store;
  let db: Db;

  beforeAll(async () => {
    store = await backend.open({ registerIndex: false });
    db = store.database.db;
    // A few saved through the store (documents and all), the rest written as rows only: the
    // plans depend on the register columns, not on the documents.
    for (let i = 0; i < 3; i++) {
      await store.assessments.create(
        anAssessment()
          .with((a) => {
            a.id = `saved-${i}`;
            a.title = `Saved marketing ${i}`;
            a.activity.recipients = [`Mailing house ${i}`];
            a.review = { ...a.review, owner: `Owner ${i}` };
          })
          .build(),
        ctx(),
      );
    }
    await db.execute(sql`
      insert into assessments (id, slug, title, activity_name, purpose_summary, owner, search_text,
        status, current_version, bases, outcome, blockers, warnings, next_review,
        special_category, children, updated_at)
      select gen_random_uuid(), 'row-' || i, 'Title ' || md5(i::text), 'Activity ' || i,
        'Purpose ' || i, 'Owner ' || (i % 50),
        'Title ' || md5(i::text) || ' Activity ' || i || ' word' || (i % 1000)
          || case when i % 100 = 0 then ' marketing newsletter' else '' end,
        (array['draft','in_review','approved','superseded','retired'])[1 + i % 5], 1,
        case when i % 500 = 0 then array['vital-interests'] when i % 3 = 0
          then array['consent'] else array['contract','legitimate-interests'] end,
        (array['appropriate','appropriate-with-conditions','not-appropriate','incomplete'])[1 + i % 4],
        i % 5, i % 3,
        case when i % 10 = 0 then null else to_char(date '2026-01-01' + (i % 1000), 'YYYY-MM-DD') end,
        i % 50 = 0, i % 70 = 0, now() - i * interval '1 minute'
      from generate_series(1, ${ROWS}) as i`);
    await db.execute(sql`vacuum analyze assessments`);
  }, 120_000);
  afterAll(() => store?.close());

  const shapes: [string, ListQuery][] = [
    ...SORTS.flatMap((sort): [string, ListQuery][] => [
      [`sort ${sort}`, { sort }],
      [`sort ${sort}, page 300 of 25`, { sort, page: 300, pageSize: 25 }],
    ]),
    ...Object.entries(FILTERS).flatMap(([name, filter]) =>
      SORTS.map((sort): [string, ListQuery] => [`${name}, sort ${sort}`, { ...filter, sort }]),
    ),
    ["search, page 3", { q: "word7", page: 3, pageSize: 25 }],
  ];

  it.each(shapes)("a page (%s) is read from an index", async (_name, query) => {
    const { rows, items, withTotal } = registerQueries(db, query);
    for (const q of [rows, items, ...(withTotal ? [withTotal] : [])]) {
      const p = await plan(db, q);
      expect(p, p).not.toMatch(/Seq Scan on assessments/);
      expect(p, p).toMatch(/Index/);
    }
  });

  it.each(shapes)("a page's JSON items (%s) are its rows, in order", async (_name, query) => {
    const q = registerQueries(db, query);
    const rows = (await q.rows).map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
    const items = (await q.items)[0]?.items;
    expect(items).toEqual(rows);
  });

  it.each(SORTS)(
    "a page in the second half (sort %s) is read backwards from an index",
    async (sort) => {
      const query = { sort, page: 700, pageSize: 25 };
      const q = registerQueries(db, query, ROWS + 3);
      expect(q.fromEnd).toBe(true);
      for (const read of [q.rows, q.items]) {
        const p = await plan(db, read);
        expect(p, p).not.toMatch(/Seq Scan on assessments/);
        expect(p, p).toMatch(/Index Only Scan Backward/);
      }
    },
  );

  /** The filters whose totals the database keeps: none, or one with a value. */
  const KEPT = Object.entries(FILTERS).filter(([name]) =>
    ["none", "outcome", "status", "basis", "special category", "children"].includes(name),
  );

  it.each(SORTS)(
    "a deep page by number of a kept total (sort %s) starts at a mark, on the sort's index",
    async (sort) => {
      for (const [name, filter] of KEPT) {
        const read = registerQueries(db, { ...filter, sort, page: 700, pageSize: 25 }).withTotal;
        if (!read) throw new Error(`${name} has a kept total`);
        const p = await plan(db, read);
        expect(p, p).not.toMatch(/Seq Scan on assessments/);
        // The mark bounds the sort's index scan; a basis held by few rows (40 of 20,000) is
        // read from its own index and sorted instead, which the planner rightly prefers.
        expect(p, p).toMatch(/Index Cond: .*ROW\(|Bitmap Index Scan on assessments_bases_idx/);
      }
    },
  );

  // These statements are named, and may run on one plan kept for all their calls (on a
  // server when PostgreSQL chooses to, on PGlite always): that plan, made without the
  // parameters' values, reads an index too.
  it.each(SORTS)(
    "a kept page's named statement (sort %s) keeps a plan that reads an index",
    async (sort) => {
      const first = await store.assessments.list({ sort, pageSize: 3 });
      for (const [name, filter] of KEPT) {
        const queries = [
          registerQueries(db, { ...filter, sort, page: 700, pageSize: 25 }).withTotal,
          registerQueries(db, { ...filter, sort, pageSize: 25, cursor: first.next ?? "" }),
        ];
        for (const q of queries) {
          if (!q) throw new Error(`${name} has a kept total`);
          const p = await genericPlan(db, "withTotal" in q ? q.items : q);
          expect(p, `${name}\n${p}`).not.toMatch(/Seq Scan on assessments/);
          expect(p, `${name}\n${p}`).toMatch(/Index/);
        }
      }
    },
  );

  it.each(SORTS)(
    "a page by number of a kept total (sort %s) holds the rows an offset reads, at any depth",
    async (sort) => {
      for (const [name, filter] of KEPT) {
        const { total } = await store.assessments.list({ ...filter, sort });
        const inOrder = await slugsInOrder(db, { ...filter, sort });
        expect(inOrder.length, `${name}, ${sort}`).toBe(total);
        for (const pageSize of [7, 100]) {
          const pages = Math.ceil(total / pageSize);
          // The first pages, pages across the first runs' ends (runs hold 500 to 1,000 rows),
          // deep ones, the last and one past it.
          const offsets = [0, 1, 490, 1000, 1990, 5000, 12_345, Math.floor(total * 0.8)];
          const some = offsets.map((o) => Math.floor(o / pageSize) + 1);
          for (const page of new Set([...some.filter((n) => n <= pages), pages, pages + 1])) {
            const query = { ...filter, sort, page, pageSize };
            const read = await store.assessments.list(query);
            const at = `${name}, ${sort}, page ${page} of ${pages}`;
            expect(
              read.items.map((i) => i.slug),
              at,
            ).toEqual(inOrder.slice((page - 1) * pageSize, page * pageSize));
            expect(read.total, at).toBe(total);
            expect(read.next === null, at).toBe(page >= pages);
          }
        }
      }
    },
  );

  it.each(Object.entries(FILTERS))(
    "a page in the second half (%s) read from the end holds the rows read from the start",
    async (_name, filter) => {
      for (const sort of SORTS) {
        const { total, totalExact } = await store.assessments.list({ ...filter, sort });
        if (!totalExact || total < 4) continue;
        const inOrder = await slugsInOrder(db, { ...filter, sort });
        for (const pageSize of [3, 25]) {
          const pages = Math.ceil(total / pageSize);
          for (const page of new Set([Math.ceil(pages * 0.6), pages - 1, pages])) {
            if ((page - 1) * pageSize <= total / 2) continue;
            const query = { ...filter, sort, page, pageSize };
            const backwards = registerQueries(db, query, total);
            expect(backwards.fromEnd, `${sort} page ${page} of ${pages}`).toBe(true);
            const read = await store.assessments.list(query);
            expect(read.items.map((i) => i.slug)).toEqual(
              inOrder.slice((page - 1) * pageSize, page * pageSize),
            );
            expect(read.next === null, `${sort} page ${page}`).toBe(page === pages);
          }
        }
      }
    },
  );

  it("reads a page by number without the marks while they are stale, as an import leaves them", async () => {
    // Stale marks that would put a page in the wrong place: every run's counts doubled.
    await db.execute(sql`insert into register_marks_stale default values`);
    await db.execute(sql`update register_mark_counts set n = n * 2`);
    try {
      for (const sort of SORTS) {
        const query = { sort, page: 300, pageSize: 25 };
        const offset = (await registerQueries(db, query).rows).slice(0, 25);
        const read = await store.assessments.list(query);
        expect(read.items.map((i) => i.slug)).toEqual(offset.map((r) => r.slug));
      }
    } finally {
      await rebuildMarks({ db });
    }
    await expectMarksExact(db);
  });

  it("a page in the second half is read in one snapshot with its total, when a kept total is stale", async () => {
    // Rows written past the store (as another instance would, before its audit event arrives)
    // leave the cached total stale; the page from the end must still be the page.
    const rows = (from: number, to: number, title: string) => sql`
      insert into assessments (id, slug, title, activity_name, search_text, status,
        current_version, bases, outcome, blockers, warnings, special_category, children)
      select gen_random_uuid(), 'stale-' || i, ${title} || lpad(i::text, 3, '0'), 'Activity',
        'stalecase ' || i, 'draft', 1, array['consent'], 'incomplete', 0, 0, false, false
      from generate_series(${from}::int, ${to}::int) as i`;
    await db.execute(rows(1, 30, "Stale "));
    try {
      const query = { q: "stalecase", sort: "title" as const, pageSize: 5 };
      expect((await store.assessments.list(query)).total).toBe(30);
      await db.execute(rows(31, 40, "Early "));
      const page = await store.assessments.list({ ...query, page: 5 });
      const fromStart = (await registerQueries(db, { ...query, page: 5 }).rows).slice(0, 5);
      expect(page.items.map((i) => i.slug)).toEqual(fromStart.map((r) => r.slug));
      expect(page.total).toBe(40);
      expect(page.next).not.toBeNull();
    } finally {
      // The rows the later tests count are the file's own again.
      await db.execute(sql`delete from assessments where slug like 'stale-%'`);
    }
  });

  const cursorShapes = Object.entries(FILTERS).flatMap(([name, filter]) =>
    SORTS.flatMap((sort) =>
      (["next", "prev"] as const).map((way): [string, ListQuery, "next" | "prev"] => [
        `${name}, sort ${sort}, ${way}`,
        { ...filter, sort },
        way,
      ]),
    ),
  );

  it.each(cursorShapes)(
    "the page by cursor (%s) starts on an index at the cursor's row",
    async (_name, query, way) => {
      // A cursor from the middle of the register: page 3, then its next or previous page.
      const third = await store.assessments.list({ ...query, page: 3, pageSize: 10 });
      const cursor = third[way];
      if (!cursor) return expect(third.total).toBeLessThanOrEqual(30);
      const q = registerQueries(db, { ...query, cursor, pageSize: 10 });
      for (const read of [q.rows, q.items]) {
        const p = await plan(db, read);
        expect(p, p).not.toMatch(/Seq Scan on assessments/);
        expect(p, p).toMatch(/Index/);
        // Without a filter narrower than the sort, the cursor's row bounds the index scan.
        if (query === cursorShapes[0]?.[1] || Object.keys(query).length === 1)
          expect(p, p).toMatch(/Index Cond: \(ROW\(/);
      }
      const rows = (await q.rows).map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
      expect((await q.items)[0]?.items).toEqual(rows);
    },
  );

  it.each(Object.entries(FILTERS))(
    "the total (%s) is read from the kept totals or counted on an index, capped",
    async (_n, query) => {
      const q = registerQueries(db, query);
      const p = await plan(db, q.kept ?? q.counted);
      expect(p, p).not.toMatch(/Seq Scan on assessments/);
      if (!q.kept) expect(p, p).toMatch(/Limit/);
    },
  );

  it("keeps each total exact through creates, updates, imports and deletes", async () => {
    const counts = sql`select k as key, count(*)::int as n from assessments as r,
      register_total_keys(r.outcome, r.status, r.bases, r.special_category, r.children) as k
      group by k order by k`;
    const kept = sql`select key, n::int as n from register_totals where n <> 0 order by key`;
    expect(await rowsOf(db, kept)).toEqual(await rowsOf(db, counts));
    const saved = await store.assessments.get("saved-0");
    if (!saved) throw new Error("saved-0 is missing");
    const doc = structuredClone(saved.document);
    doc.decisions = [];
    await store.assessments.update("saved-0", saved.version, doc, ctx());
    await store.assessments.importDocuments(
      [
        anAssessment()
          .with((a) => {
            a.id = "imported-total";
          })
          .build(),
      ],
      ctx(),
    );
    await db.execute(sql`update assessments set outcome = 'incomplete', bases = array['consent']
      where slug in ('row-1', 'row-2', 'row-3')`);
    await db.execute(sql`delete from assessments where slug in ('row-4', 'row-5')`);
    expect(await rowsOf(db, kept)).toEqual(await rowsOf(db, counts));
    expect((await store.assessments.list({})).total).toBe(ROWS + 3 - 2 + 1);
    await expectMarksExact(db);
  });

  it("merges each GIN index's pending list at 512 kB, so no save holds the database long", async () => {
    const options = await rowsOf<{ name: string; options: string[] | null }>(
      db,
      sql`select relname as name, reloptions as options from pg_class
        where relname in ('assessments_search_idx', 'assessments_bases_idx') order by relname`,
    );
    expect(options).toEqual([
      { name: "assessments_bases_idx", options: ["gin_pending_list_limit=512"] },
      { name: "assessments_search_idx", options: ["gin_pending_list_limit=512"] },
    ]);
  });

  it("finds by words of the purposes, data categories, recipients and owner, as prefixes", async () => {
    const saved = await store.assessments.get("saved-1");
    const doc = saved?.document;
    if (!doc) throw new Error("saved-1 is missing");
    const purpose = doc.activity.purposes[0]?.description.split(/\s+/)[0] ?? "";
    const category = doc.activity.dataCategories[0]?.name.split(/\s+/)[0] ?? "";
    for (const q of ["mailing house 1", "owner 1", "saved-1", purpose, category, "market"]) {
      const page = await store.assessments.list({ q, pageSize: 500 });
      expect(
        page.items.map((i) => i.slug),
        q,
      ).toContain("saved-1");
    }
    expect((await store.assessments.list({ q: "mailing house 1" })).total).toBe(1);
    expect((await store.assessments.list({ q: "%_" })).total).toBe(0);
    expect((await store.assessments.list({ q: "marketing newsletter" })).total).toBe(ROWS / 100);
  });

  it("matches a word of one character only as itself, longer words as prefixes too", async () => {
    // 'Activity <i>' is in every generated row: 7 is row-7's word alone, while 71 begins the
    // words of rows 71, 710-719 and 7100-7199 (and of some titles' hashes).
    const one = await store.assessments.list({ q: "activity 7", pageSize: 500 });
    expect(one.items.map((i) => i.slug)).toEqual(["row-7"]);
    const prefix = await store.assessments.list({ q: "activity 71", pageSize: 500 });
    expect(prefix.items.map((i) => i.slug)).toEqual(
      expect.arrayContaining(["row-71", "row-715", "row-7150"]),
    );
  });

  it("pages are read in the sort's order with no row twice, deep pages too", async () => {
    const seen = new Set<string>();
    let previous: string | undefined;
    for (const page of [1, 2, 3]) {
      const p = await store.assessments.list({ sort: "title", page: 400 + page, pageSize: 10 });
      for (const item of p.items) {
        expect(seen.has(item.slug)).toBe(false);
        seen.add(item.slug);
        if (previous !== undefined) expect(item.title >= previous).toBe(true);
        previous = item.title;
      }
      expect(p.total).toBe(ROWS + 3 - 2 + 1);
    }
    expect(seen.size).toBe(30);
  });

  it("cursors page forwards and backwards in the sort's order through ties, counting once", async () => {
    // 40 rows have this basis; half share one update time and a title, as an import leaves them.
    await db.execute(sql`update assessments set updated_at = '2026-02-01T10:00:00.123456Z',
      title = 'Same title' where 'vital-interests' = any(bases) and slug like 'row-%0'`);
    for (const sort of SORTS) {
      const byNumber: string[] = [];
      for (let page = 1; page <= 6; page++) {
        const p = await store.assessments.list({
          basis: "vital-interests",
          sort,
          page,
          pageSize: 7,
        });
        byNumber.push(...p.items.map((i) => i.slug));
      }
      expect(byNumber).toHaveLength(40);
      expect(new Set(byNumber).size).toBe(40);
      const forwards: string[] = [];
      const pages = [];
      let p = await store.assessments.list({ basis: "vital-interests", sort, pageSize: 7 });
      for (;;) {
        pages.push(p);
        forwards.push(...p.items.map((i) => i.slug));
        if (!p.next) break;
        p = await store.assessments.list({ basis: "vital-interests", cursor: p.next, pageSize: 7 });
        expect(p.total).toBe(40);
      }
      expect(forwards, sort).toEqual(byNumber);
      expect(pages.map((x) => x.page)).toEqual([1, 2, 3, 4, 5, 6]);
      const backwards: string[] = [];
      let back = pages.at(-1);
      while (back?.prev) {
        back = await store.assessments.list({
          basis: "vital-interests",
          cursor: back.prev,
          pageSize: 7,
        });
        backwards.unshift(...back.items.map((i) => i.slug));
      }
      expect(backwards, sort).toEqual(byNumber.slice(0, 35));
      expect(back?.page).toBe(1);
    }
  });

  it("refuses a cursor that is not one, or that pages another sort, with a coded error", async () => {
    await expect(store.assessments.list({ cursor: "not-a-cursor" })).rejects.toMatchObject({
      code: "validation_failed",
    });
    const p = await store.assessments.list({ sort: "title", pageSize: 5 });
    await expect(
      store.assessments.list({ sort: "updated", cursor: p.next ?? "" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("writes on save the same register columns migration 0007 backfills", async () => {
    const columns = sql`select slug, purpose_summary, owner, search_text from assessments
      where slug like 'saved-%' order by slug`;
    const saved = await rowsOf<Record<string, string>>(db, columns);
    expect(saved).toHaveLength(3);
    expect(saved[1]).toMatchObject({ owner: "Owner 1" });
    expect(saved[1]?.search_text).toContain("Mailing house 1");
    await db.execute(sql`update assessments set purpose_summary = '', owner = null,
      search_text = '' where slug like 'saved-%'`);
    await db.execute(sql.raw(backfill()));
    expect(await rowsOf(db, columns)).toEqual(saved);
  });
});

describe.each(backends.list)("a search for a word in every row on $name", (backend) => {
  let store: Store;
  let db: Db;
  const N = 12_000;

  beforeAll(async () => {
    store = await backend.open({ registerIndex: false });
    db = store.database.db;
    // Rows whose text is the same words but for their numbers, as a register made from one
    // template is: the statistics then hold few common words, and the planner guesses a
    // prefix alone (`word:*`) at 2 % of the rows, not at every row.
    await db.execute(sql`
      insert into assessments (id, slug, title, activity_name, search_text, status,
        current_version, bases, outcome, blockers, warnings, special_category, children)
      select gen_random_uuid(), 'same-' || i, 'Generated assessment ' || i, 'Activity ' || i,
        'Generated assessment ' || i || ' Activity ' || i || ' Purpose for interest-' || i
          || ' Customers',
        'draft', 1, array['consent'], 'incomplete', 0, 0, false, false
      from generate_series(1, ${N}) as i`);
    await db.execute(sql`vacuum analyze assessments`);
  }, 120_000);
  afterAll(() => store?.close());

  it.each(["customers", "generated assessment"])(
    "%s: the first page walks the sort's index, and the total is estimated, not counted",
    async (q) => {
      const page = await store.assessments.list({ q, sort: "title", pageSize: 25 });
      expect(page.totalExact).toBe(false);
      expect(page.total).toBeGreaterThan(N * 0.9);
      expect(page.items).toHaveLength(25);
      const p = await plan(db, registerQueries(db, { q, sort: "title" }).items);
      expect(p, p).not.toMatch(/assessments_search_idx|Seq Scan on assessments/);
      expect(p, p).toMatch(/Index/);
    },
  );

  it("pages a search by number through its first 1,000 rows, and on from there by cursor", async () => {
    const q = "customers";
    const last = await store.assessments.list({ q, sort: "title", page: 20, pageSize: 50 });
    expect(last.items).toHaveLength(50);
    expect(last.numberedPages).toBe(20);
    const whole = await store.assessments.list({ sort: "title", pageSize: 50 });
    expect(whole.numberedPages).toBe(Math.ceil(whole.total / 50));
    const deeper = store.assessments.list({ q, sort: "title", page: 21, pageSize: 50 });
    await expect(deeper).rejects.toMatchObject({
      code: "validation_failed",
      details: { issues: [{ path: "query.page" }] },
    });
    // Past it by cursor, as the web app's pager goes: the rows the offset would read.
    const next = await store.assessments.list({ q, cursor: last.next ?? "", pageSize: 50 });
    expect(next.page).toBe(21);
    const offset = await registerQueries(db, { q, sort: "title", page: 21, pageSize: 50 }).rows;
    expect(next.items.map((i) => i.slug)).toEqual(offset.slice(0, 50).map((r) => r.slug));
  });
});
