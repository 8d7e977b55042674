/**
 * Named statements (src/store/named-statements.ts): on a PostgreSQL server a page by number
 * of a kept total, and a page after a cursor of one, is a named statement, parsed once per
 * connection and executed again for the next page of the same shape, whatever its depth,
 * with the kept filter's value in its text; its pages are those read by offset. A pooler that
 * loses the statements makes them run unnamed. PGlite's one session prepares every page
 * statement in SQL, a search's too, and prepares one again when it was let go.
 */
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListQuery } from "../src/store/assessments/list-register.ts";
import type { Store, WriteContext } from "../src/store/index.ts";
import { preparedInSql, sqlLiteral } from "../src/store/named-statements.ts";
import { rowsOf } from "../src/store/rows.ts";
import { anAssessment } from "./builders.ts";
import { storeBackends } from "./support/backends.ts";
import { slugsInOrder } from "./support/marks.ts";

const backends = storeBackends("basis-named-");
const ctx = (): WriteContext => ({ actor: "test", now: new Date(), today: "2026-11-22" });

/** Pages by number of kept totals: the whole register and single filters, several sorts. */
const PAGES: ListQuery[] = [
  { page: 1, pageSize: 5 },
  { page: 3, pageSize: 5, sort: "title" },
  { page: 2, pageSize: 10, status: "draft" },
  { page: 2, pageSize: 4, specialCategory: false, sort: "next-review" },
  { page: 2, pageSize: 5, sort: "title" },
  { page: 4, pageSize: 5, sort: "title" },
];

/** `n` activities through the store, on a store of one connection without the read cache. */
async function openSeeded(
  backend: (typeof backends.list)[number],
  n: number,
  id: (i: number) => string,
): Promise<Store> {
  // One connection, so that the statements it prepared are the ones a test sees.
  const store = await backend.open({ poolSize: 1, readCache: false, registerIndex: false });
  for (let i = 0; i < n; i++)
    await store.assessments.create(
      anAssessment()
        .with((a) => {
          a.id = id(i);
          a.title = `Kept ${(i * 7) % n}`;
        })
        .build(),
      ctx(),
    );
  return store;
}

/** The slugs of a view, in its order, from `offset` on, `limit` of them. */
async function slugsByOffset(store: Store, query: ListQuery, limit: number, offset = 0) {
  return (await slugsInOrder(store.database.db, query)).slice(offset, offset + limit);
}

/** The statements prepared on the store's connection whose text starts with `start`. */
async function prepared(store: Store, start: string) {
  const rows = rowsOf<{ name: string; statement: string; generic: number; runs: number }>(
    await store.database.db.execute(
      sql`select name, statement, generic_plans as generic, custom_plans as runs
        from pg_prepared_statements`,
    ),
  );
  // PGlite's are prepared in SQL, and keep the PREPARE around the statement's text.
  return rows
    .map((r) => ({ ...r, statement: r.statement.replace(/^prepare "[^"]+" as /i, "") }))
    .filter((r) => r.statement.startsWith(start))
    .map((r) => ({ ...r, generic: Number(r.generic), runs: Number(r.runs) }));
}

describe.each(backends.list)("named statements on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await openSeeded(backend, 30, (i) => `kept-${String(i).padStart(2, "0")}`);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("gives each page as a read by offset does", async () => {
    for (const query of PAGES) {
      const page = await store.assessments.list(query);
      const size = query.pageSize ?? 50;
      const offset = ((query.page ?? 1) - 1) * size;
      const all = await slugsByOffset(store, query, 1000);
      expect(page.items.map((i) => i.slug)).toEqual(all.slice(offset, offset + size));
      expect(page.total).toBe(all.length);
      expect(page.items.length).toBeGreaterThan(0);
    }
  });
});

// A PostgreSQL server names them in the protocol; PGlite's one session prepares them in SQL.
describe.each(backends.list)("statements prepared on $name", (backend) => {
  const embedded = backend.name === "PGlite";
  let store: Store;
  beforeAll(async () => {
    store = await openSeeded(backend, 12, (i) => `prepared-${i}`);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("parses a page's statement once per connection, its filter's value in its text", async () => {
    expect(await prepared(store, "with start")).toEqual([]);
    // Pages of one sort and filter shape: one statement, whatever the page.
    for (let page = 1; page <= 8; page++) await store.assessments.list({ page, pageSize: 1 });
    const kept = await prepared(store, "with start");
    expect(kept).toHaveLength(1);
    expect(kept[0]?.name).toMatch(/^basis_/);
    // Planned for each call at first, then perhaps once for all: either way, eight runs.
    expect((kept[0]?.runs ?? 0) + (kept[0]?.generic ?? 0)).toBe(8);
    // A filter's value is written into the text, so a plan kept for the statement was made
    // for that value; only where the page starts and its length are parameters.
    await store.assessments.list({ page: 2, pageSize: 1, status: "draft" });
    await store.assessments.list({ page: 2, pageSize: 1, status: "in_review" });
    const statuses = (await prepared(store, "with start")).filter((r) =>
      /"status" = E?'/.test(r.statement),
    );
    expect(statuses.map((r) => r.statement.match(/"status" = E?'([a-z_]+)'/)?.[1]).sort()).toEqual([
      "draft",
      "in_review",
    ]);
  });

  it("names a page after a cursor of a kept filter, and not a search's", async () => {
    for (const filter of [{}, { q: "prepared" }]) {
      let page = await store.assessments.list({ ...filter, pageSize: 2, sort: "title" });
      const read = page.items.map((i) => i.slug);
      for (let i = 0; i < 3 && page.next; i++) {
        page = await store.assessments.list({ ...filter, pageSize: 2, cursor: page.next });
        read.push(...page.items.map((i) => i.slug));
      }
      // The pages after each cursor hold the rows that follow, in the sort's order.
      expect(read).toEqual(await slugsByOffset(store, { ...filter, sort: "title" }, 8));
    }
    const kept = await prepared(store, "select coalesce(json_agg");
    const searches = kept.filter((r) => /search_vector/.test(r.statement));
    const whole = kept.filter((r) => !/search_vector/.test(r.statement));
    // The three pages after a cursor of the whole register: one statement, run three times.
    expect(whole.map((r) => r.runs + r.generic)).toEqual([3]);
    if (embedded) {
      // PGlite's session plans each call: a search's statements are prepared too (the first
      // page by number and the three after a cursor), each call planned for its words; the
      // whole register's runs on the plan kept for it.
      expect(searches.map((r) => r.runs).sort()).toEqual([1, 3]);
      expect(searches.every((r) => r.generic === 0)).toBe(true);
      expect(whole.map((r) => r.generic)).toEqual([3]);
    } else expect(searches).toEqual([]);
  });

  it("writes a value as a literal the database reads back as it was", async () => {
    const texts = ["plain", "it's", "back\\slash", "\\'", "''\\\\", "E'x'", "line\nbreak", "é 中"];
    for (const conforming of ["on", "off"]) {
      await store.database.db.execute(sql.raw(`set standard_conforming_strings = ${conforming}`));
      for (const v of [...texts, 0, -12.5, 1e21, true, false, null]) {
        const [row] = rowsOf<{ v: unknown }>(
          await store.database.db.execute(sql.raw(`select ${sqlLiteral(v)} as v`)),
        );
        expect(typeof v === "number" ? Number(row?.v) : row?.v, String(v)).toEqual(v);
      }
    }
    await store.database.db.execute(sql.raw("set standard_conforming_strings = on"));
    // What a literal cannot hold is not written as one.
    for (const v of ["nul\0", Number.NaN, Number.POSITIVE_INFINITY, {}, undefined])
      expect(sqlLiteral(v)).toBeUndefined();
  });

  it("reads a page after a cursor whose key holds quotes and backslashes", async () => {
    for (const title of ["Zq 'quoted'", "Zq back\\slash", "Zq both\\' and ''"])
      await store.assessments.create(
        anAssessment()
          .with((a) => {
            a.id = `odd-${title.length}`;
            a.title = title;
          })
          .build(),
        ctx(),
      );
    let page = await store.assessments.list({ sort: "title", pageSize: 1, q: "zq" });
    const read = page.items.map((i) => i.title);
    while (page.next) {
      page = await store.assessments.list({ q: "zq", pageSize: 1, cursor: page.next });
      read.push(...page.items.map((i) => i.title));
    }
    expect(read).toEqual(["Zq 'quoted'", "Zq back\\slash", "Zq both\\' and ''"].sort());
    // And backwards, from the last page.
    const back: string[] = [];
    while (page.prev) {
      page = await store.assessments.list({ q: "zq", pageSize: 1, cursor: page.prev });
      back.unshift(...page.items.map((i) => i.title));
    }
    expect(back).toEqual(read.slice(0, -1));
  });

  it("gives the same page once the connection lost its statements, as a pooler may", async () => {
    const page = await store.assessments.list({ page: 2, pageSize: 3, sort: "outcome" });
    expect(await prepared(store, "with start")).not.toEqual([]);
    // The database forgets every named statement; the store still thinks it has them.
    await store.database.db.execute(sql`deallocate all`);
    expect(await store.assessments.list({ page: 2, pageSize: 3, sort: "outcome" })).toEqual(page);
    expect(await store.assessments.list({ page: 3, pageSize: 3, sort: "outcome" })).toMatchObject({
      items: (await slugsByOffset(store, { sort: "outcome" }, 3, 6)).map((slug) => ({ slug })),
    });
    // A server's statements (behind a pooler, perhaps) run unnamed from then on; PGlite's one
    // session has no pooler, and prepares them again.
    if (embedded) expect(await prepared(store, "with start")).not.toEqual([]);
    else expect(await prepared(store, "with start")).toEqual([]);
  });
});

describe("statements prepared in SQL (PGlite)", () => {
  let client: PGlite;
  beforeAll(async () => {
    client = await PGlite.create();
  });
  afterAll(async () => {
    await client?.close();
  });

  /** A runner on the test's own PGlite that keeps `kept` statements prepared. */
  const runner = (kept: number) =>
    preparedInSql(
      {
        query: (text) => client.query(text),
        unnamed: (text, params) => client.query(text, params),
        script: async (text) => (await client.exec(text)).at(-1)?.rows ?? [],
      },
      kept,
    );
  const prepared = async () =>
    (await client.query<{ statement: string }>("select statement from pg_prepared_statements"))
      .rows;

  it("keeps the statements run most recently, and prepares again one it let go", async () => {
    await client.query("deallocate all");
    const run = runner(3);
    const answer = (i: number) => run(`select $1::int + ${i} as n`, [i], i % 2 === 0);
    for (let i = 0; i < 5; i++) expect(await answer(i)).toEqual([{ n: 2 * i }]);
    // Five texts run, three kept: the last three.
    expect((await prepared()).map((r) => r.statement.match(/\+ (\d)/)?.[1]).sort()).toEqual([
      "2",
      "3",
      "4",
    ]);
    // The first was let go, and is prepared again when it is run.
    expect(await answer(0)).toEqual([{ n: 0 }]);
    expect(await prepared()).toHaveLength(3);
    // So is one the session let go without the runner knowing.
    await client.query("deallocate all");
    expect(await answer(4)).toEqual([{ n: 8 }]);
    // A value no literal holds (a bigint) runs unnamed: nothing is prepared for it.
    const [twice] = (await run("select $1::int8 * 2 as n", [21n], true)) as { n: unknown }[];
    expect(Number(twice?.n)).toBe(42);
    expect((await prepared()).some((r) => r.statement.includes("* 2"))).toBe(false);
  });

  it("gives each value back as it was, through EXECUTE", async () => {
    const run = runner(10);
    for (const v of ["it's", "back\\slash", "\\'", "E'x'", "line\nbreak", "é 中", ""]) {
      expect(await run("select $1::text as t", [v], true), v).toEqual([{ t: v }]);
      expect(await run("select $1::text as t", [v], false), v).toEqual([{ t: v }]);
    }
  });

  it("answers every call when many run at once and statements are let go meanwhile", async () => {
    await client.query("deallocate all");
    const run = runner(2);
    const calls = Array.from({ length: 60 }, (_, i) =>
      run(`select $1::int * ${i % 7} as n`, [i], i % 3 === 0),
    );
    expect(await Promise.all(calls)).toEqual(calls.map((_, i) => [{ n: i * (i % 7) }]));
    expect((await prepared()).length).toBeLessThanOrEqual(2);
  });

  it("ends each plan mode with its statement, even one that fails", async () => {
    const run = runner(5);
    await run("select 1 / $1::int as n", [1], false);
    await expect(run("select 1 / $1::int as n", [0], false)).rejects.toThrow(/division by zero/);
    const [mode] = (await client.query<{ plan_cache_mode: string }>("show plan_cache_mode")).rows;
    expect(mode?.plan_cache_mode).toBe("auto");
  });
});
