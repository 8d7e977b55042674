import { describe, expect, it } from "vitest";
import { pagerLength } from "./pager.ts";

const page = (over: Partial<Parameters<typeof pagerLength>[0]>) => ({
  total: 100_000,
  pageSize: 50,
  page: 1,
  numberedPages: 2_000,
  next: "n",
  ...over,
});

describe("the register's pager", () => {
  it("offers every page of the whole register or a single filter", () => {
    expect(pagerLength(page({}))).toBe(2_000);
    expect(pagerLength(page({ page: 2_000, next: null }))).toBe(2_000);
    expect(pagerLength(page({ total: 0, numberedPages: 1, next: null }))).toBe(1);
  });

  it("offers a search's numbered pages, then one page past the one shown", () => {
    const search = { numberedPages: 20 };
    expect(pagerLength(page({ ...search }))).toBe(20);
    expect(pagerLength(page({ ...search, page: 20 }))).toBe(21);
    expect(pagerLength(page({ ...search, page: 57 }))).toBe(58);
    // The last page of an estimate has no next: the pager ends there.
    expect(pagerLength(page({ ...search, page: 57, next: null }))).toBe(57);
  });

  it("never offers more pages than the total holds", () => {
    expect(pagerLength(page({ total: 120, numberedPages: 3, page: 3, next: null }))).toBe(3);
    expect(pagerLength(page({ total: 1_010, numberedPages: 20, page: 20 }))).toBe(21);
    expect(pagerLength(page({ total: 1_000, numberedPages: 20, page: 20, next: null }))).toBe(20);
  });
});
