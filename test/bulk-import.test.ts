/**
 * Bulk import in batches, on both backends: each batch commits on its own and is all or
 * nothing, a failing document is named with what was kept, the audit trail stays whole, and
 * an import repeating an id is refused before anything is written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assessment } from "../src/core/schema/index.ts";
import type { Store, WriteContext } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";
import { storeBackends } from "./support/backends.ts";
import { expectMarksExact } from "./support/marks.ts";

const ctx = (): WriteContext => ({ actor: "test", now: new Date(), today: "2026-11-22" });
const backends = storeBackends("basis-bulk-");

const docs = (prefix: string, n: number): Assessment[] =>
  Array.from({ length: n }, (_, i) =>
    anAssessment()
      .with((a) => {
        a.id = `${prefix}-${String(i).padStart(2, "0")}`;
        a.title = `Bulk ${prefix} ${i}`;
      })
      .build(),
  );

describe.each(backends.list)("bulk import on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  }, 60_000);
  afterAll(() => store?.close());

  it("imports in batches with progress, and a re-import changes nothing", async () => {
    const progress: number[] = [];
    const all = docs("ok", 25);
    const first = await store.assessments.importDocuments(all, ctx(), {
      batch: 10,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([10, 20, 25]);
    expect(first.map((r) => r.result)).toEqual(all.map(() => "created"));
    expect((await store.assessments.list({ q: "bulk ok" })).total).toBe(25);
    const again = await store.assessments.importDocuments(all, ctx(), { batch: 10 });
    expect(again.every((r) => r.result === "unchanged")).toBe(true);
    expect((await store.assessments.get("ok-24"))?.document).toEqual(all[24]);
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it("keeps the batches before a bad document, writes nothing of its batch and names it", async () => {
    const all = docs("bad", 25);
    // PostgreSQL cannot store a NUL character: document 15 fails inside the second batch.
    all[14] = { ...(all[14] as Assessment), title: "nul\u0000here" };
    const failed = store.assessments.importDocuments(all, ctx(), { batch: 10 });
    await expect(failed).rejects.toMatchObject({
      details: { index: 14, slug: "bad-14", imported: 10 },
    });
    await expect(failed).rejects.toThrow(/document 15 \("bad-14"\).*10 documents before/);
    const kept = await store.assessments.list({ q: "bulk bad", sort: "title", pageSize: 100 });
    expect(kept.items.map((i) => i.slug).sort()).toEqual(all.slice(0, 10).map((d) => d.id));
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it("counts the page marks once at the end of a deferred import, and after a failed one", async () => {
    const db = store.database.db;
    const all = docs("marks", 25);
    await store.assessments.importDocuments(all, ctx(), { batch: 10, deferMarks: true });
    await expectMarksExact(db);
    const broken = docs("broken", 25);
    broken[14] = { ...(broken[14] as Assessment), title: "nul\u0000here" };
    await expect(
      store.assessments.importDocuments(broken, ctx(), { batch: 10, deferMarks: true }),
    ).rejects.toThrow(/document 15/);
    await expectMarksExact(db);
  });

  it("refuses an import repeating an id before writing anything", async () => {
    const all = docs("twice", 3);
    all.push({ ...(all[1] as Assessment), title: "Again" });
    await expect(store.assessments.importDocuments(all, ctx(), { batch: 2 })).rejects.toThrow(
      /document 4 repeats the id "twice-01" of document 2/,
    );
    expect((await store.assessments.list({ q: "bulk twice" })).total).toBe(0);
  });
});
