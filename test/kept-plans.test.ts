/**
 * Plans kept between requests (src/store/kept-plans.ts): on a PostgreSQL server a page by
 * number of a kept total is a named statement, prepared once per connection and executed
 * again for the next page of the same shape, whatever its depth; its pages are those read by
 * offset. On PGlite the statement runs as any other, with the same pages.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ListQuery, registerSelection } from "../src/store/assessments/list-register.ts";
import type { Store, WriteContext } from "../src/store/index.ts";
import { rowsOf } from "../src/store/rows.ts";
import { assessments } from "../src/store/schema.ts";
import { anAssessment } from "./builders.ts";
import { storeBackends } from "./support/backends.ts";

const backends = storeBackends("basis-kept-");
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

describe.each(backends.list)("plans kept between requests on $name", (backend) => {
  let store: Store;

  beforeAll(async () => {
    // One connection, so that the statements it prepared are the ones this test sees.
    store = await backend.open({ poolSize: 1, readCache: false });
    for (let i = 0; i < 30; i++)
      await store.assessments.create(
        anAssessment()
          .with((a) => {
            a.id = `kept-${String(i).padStart(2, "0")}`;
            a.title = `Kept ${(i * 7) % 30}`;
          })
          .build(),
        ctx(),
      );
  });
  afterAll(async () => {
    await store?.close();
  });

  it("gives each page as a read by offset does", async () => {
    const db = store.database.db;
    for (const query of PAGES) {
      const page = await store.assessments.list(query);
      const { where, order } = registerSelection(query);
      const size = query.pageSize ?? 50;
      const expected = await db
        .select({ slug: assessments.slug })
        .from(assessments)
        .where(where)
        .orderBy(...order)
        .limit(size)
        .offset(((query.page ?? 1) - 1) * size);
      const all = await db.select({ slug: assessments.slug }).from(assessments).where(where);
      expect(page.items.map((i) => i.slug)).toEqual(expected.map((r) => r.slug));
      expect(page.total).toBe(all.length);
      expect(page.items.length).toBeGreaterThan(0);
    }
  });
});

// Only a PostgreSQL server keeps plans: PGlite has no connection of its own to keep them on.
describe.each(backends.list.filter((b) => b.name === "PostgreSQL"))(
  "statements prepared on $name",
  (backend) => {
    let store: Store;
    beforeAll(async () => {
      store = await backend.open({ poolSize: 1, readCache: false });
      for (let i = 0; i < 12; i++)
        await store.assessments.create(
          anAssessment()
            .with((a) => {
              a.id = `prepared-${i}`;
            })
            .build(),
          ctx(),
        );
    });
    afterAll(async () => {
      await store?.close();
    });

    it("prepares a page's statement once per connection and executes it again", async () => {
      const db = store.database.db;
      const prepared = async () =>
        rowsOf<{ name: string; statement: string; runs: number }>(
          await db.execute(
            sql`select name, statement, generic_plans + custom_plans as runs from pg_prepared_statements`,
          ),
        ).filter((r) => r.statement.startsWith("with start"));
      expect(await prepared()).toEqual([]);
      // Pages of one sort and filter shape: one statement, whatever the page.
      for (const page of [1, 2, 3, 4]) await store.assessments.list({ page, pageSize: 3 });
      const kept = await prepared();
      expect(kept).toHaveLength(1);
      expect(kept[0]?.name).toMatch(/^basis_/);
      expect(Number(kept[0]?.runs)).toBe(4);
    });

    it("prepares a page after a cursor of a kept filter, and plans a search's each time", async () => {
      const db = store.database.db;
      const prepared = async () =>
        rowsOf<{ statement: string; runs: number }>(
          await db.execute(
            sql`select statement, generic_plans + custom_plans as runs from pg_prepared_statements`,
          ),
        ).filter((r) => r.statement.startsWith("select coalesce(json_agg"));
      for (const filter of [{}, { q: "prepared" }]) {
        let page = await store.assessments.list({ ...filter, pageSize: 2, sort: "title" });
        const read = page.items.map((i) => i.slug);
        for (let i = 0; i < 3 && page.next; i++) {
          page = await store.assessments.list({ ...filter, pageSize: 2, cursor: page.next });
          read.push(...page.items.map((i) => i.slug));
        }
        // The pages after each cursor hold the rows that follow, in the sort's order.
        const { where, order } = registerSelection({ ...filter, sort: "title" });
        const rows = await db
          .select({ slug: assessments.slug })
          .from(assessments)
          .where(where)
          .orderBy(...order)
          .limit(8);
        expect(read).toEqual(rows.map((r) => r.slug));
      }
      const kept = await prepared();
      // The three pages after a cursor of the whole register: one statement, run three times.
      expect(kept.map((r) => Number(r.runs))).toEqual([3]);
      expect(kept[0]?.statement).not.toMatch(/search_vector/);
    });
  },
);
