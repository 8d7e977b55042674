/**
 * The register index (src/store/assessments/register-index.ts) answers a register page with
 * exactly the database's answer, on both backends: every sort with each filter, filters
 * combined, a review date and searches, pages by number at the start, middle, end and past
 * it, cursors followed to the end and back; after each kind of write through the store, on
 * the very next page; on PostgreSQL, after another instance wrote. The database's answer is
 * `listRegister` on the same database with no index and no cache. Text is ordered by code
 * point as the register's columns are on every database (`codePointCompare`, migration 0016),
 * one created with a linguistic collation included; where a column is given another
 * collation, the index is not built and the database answers.
 */
import { execFileSync } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Assessment } from "../src/core/schema/index.ts";
import type { RegisterSort } from "../src/core/vocabulary.ts";
import {
  type ListPage,
  type ListQuery,
  listRegister,
} from "../src/store/assessments/list-register.ts";
import type { AssessmentRecord } from "../src/store/assessments/record.ts";
import { codePointCompare } from "../src/store/assessments/register-index.ts";
import { StoreCache } from "../src/store/cache.ts";
import {
  openStore,
  type PersonContext,
  type Store,
  type WriteContext,
} from "../src/store/index.ts";
import { rowsOf } from "../src/store/rows.ts";
import { anAssessment } from "./builders.ts";
import { storeBackends } from "./support/backends.ts";
import { slugsInOrder } from "./support/marks.ts";
import { seededRandom } from "./support/random.ts";

const backends = storeBackends("basis-index-");
const TODAY = "2026-11-22";
const ctx = (now = new Date()): WriteContext => ({ actor: "test", now, today: TODAY });
const editor = (): PersonContext => ({ ...ctx(), role: "editor", name: "Editor" });
const approver = (): PersonContext => ({ ...ctx(), role: "approver", name: "Approver" });

const SORTS: RegisterSort[] = ["updated", "title", "next-review", "outcome"];

// ---- the register the tests read ---------------------------------------------------------

/**
 * Titles that a linguistic collation orders otherwise than code points do: case, accents, a
 * hyphen and a space, digits, an emoji (beyond U+FFFF) and a private-use character (U+E000),
 * and equal titles (each is used by several rows, whose ties the slug breaks).
 */
const TITLES = [
  "Marketing newsletter",
  "marketing newsletter",
  "Market research panel",
  "Markets overview",
  "Évaluation des risques",
  "evaluation des risques",
  "Über uns analytics",
  "über uns analytics",
  "e-mail campaign",
  "E-mail campaign",
  "a-c",
  "ab",
  "a c",
  "A",
  "B",
  "Zebra",
  "zebra",
  "10 Downing",
  "9 Lives",
  "🚀 Launch plan",
  "\uE000 Private use",
  "Ärzte portal",
  "Payroll 2026",
  "CCTV",
];

/** Purposes with words to search: hyphenated, sharing a prefix, single digits. */
const PURPOSES = [
  "Send the marketing e-mail to subscribers",
  "Market research with 3 panels",
  "Compare markets in 5 regions",
  "Marketing preferences kept for 2 years",
  "Payroll and pensions",
  "Detect fraud on the e-mail gateway",
  "Über-Zeit records",
];

const N = 240;
/** Slugs in another order than creation, so that the updated sort does not follow the slug. */
const slugOf = (i: number) => `reg-${String((i * 37) % N).padStart(3, "0")}`;

/**
 * The `i`th seeded assessment: its outcome, workflow state, bases, flags, review date and
 * words vary with `i` (see the comments for which outcome each variant gives).
 */
function seeded(i: number, slug = slugOf(i)): Assessment {
  return anAssessment()
    .with((a) => {
      a.id = slug;
      a.title =
        i % 3 === 0
          ? (TITLES[i % TITLES.length] as string)
          : `${TITLES[i % TITLES.length]} ${i % 11}`;
      a.activity.name = `Activity ${i}`;
      const purpose = a.activity.purposes[0];
      if (purpose) purpose.description = PURPOSES[i % PURPOSES.length] as string;
      a.activity.dataCategories.push({
        name: i % 2 ? "E-mail address" : "Marketing preferences",
      });
      a.activity.dataSubjects.push({
        name: i % 4 === 0 ? "Customers of shop 1" : "Customers of shop 12",
      });
      a.review = { ...a.review, owner: `Owner ${i % 5}`, cadenceMonths: [6, 12, 24][i % 3] };
      a.assessedOn = `2025-${String((i % 12) + 1).padStart(2, "0")}-${String(((i * 5) % 28) + 1).padStart(2, "0")}`;
      const decision = a.decisions[0];
      const lia = a.lia;
      switch (i % 6) {
        case 1: // appropriate-with-conditions
          if (lia?.conclusion) lia.conclusion.conditions = ["Quarterly audit"];
          break;
        case 2: // not-appropriate
          if (decision) decision.necessity = { ...decision.necessity, necessary: false };
          break;
        case 3: // incomplete, and no next review
          delete a.assessedOn;
          break;
        case 4: // incomplete, with a stated next review
          delete a.assessedOn;
          a.review = { ...a.review, nextReview: `2027-0${(i % 9) + 1}-15` };
          break;
        case 5: // not-appropriate
          if (lia?.balancing?.[0]) lia.balancing[0].overridden = true;
          break;
      }
      if (i % 4 === 1) {
        a.activity.purposes.push({
          id: "billing",
          description: "Billing e-mail for 7 products",
          category: "service-delivery",
        });
        a.decisions.push({
          purpose: "billing",
          basis: "contract",
          justification: "Needed to bill the customer under the contract.",
          necessity: { necessary: true, explanation: "Bills cannot be sent otherwise." },
        });
      } else if (i % 4 === 2) {
        a.activity.purposes.push({
          id: "news",
          description: "Marketing newsletter",
          category: "direct-marketing",
        });
        a.decisions.push({
          purpose: "news",
          basis: "consent",
          justification: "People ask for the newsletter.",
          necessity: { necessary: true, explanation: "It cannot be sent otherwise." },
        });
      }
      if (i % 13 === 0 && decision) decision.basis = "legal-obligation";
      if (i % 5 === 0)
        a.activity.dataCategories.push({ name: "Health records", specialCategory: "health" });
      if (i % 7 === 0) a.activity.dataSubjects.push({ name: "Pupils", children: true });
      const state = (["in_review", "approved", "retired"] as const)[i % 11];
      if (state && i % 6 === 0) a.status = state;
      else if (i % 11 === 4) a.status = "in_review";
    })
    .build();
}

// ---- what is compared --------------------------------------------------------------------

/** The filters and searches each sort is compared with; `some`: the register has such rows. */
const FILTERS: [string, ListQuery, { some: boolean }][] = [
  ["no filter", {}, { some: true }],
  ["an outcome", { outcome: "not-appropriate" }, { some: true }],
  ["another outcome", { outcome: "appropriate-with-conditions" }, { some: true }],
  ["a workflow state", { status: "in_review" }, { some: true }],
  ["a state no row has", { status: "superseded" }, { some: false }],
  ["a lawful basis", { basis: "consent" }, { some: true }],
  ["the most common basis", { basis: "legitimate-interests" }, { some: true }],
  ["a basis not in the vocabulary", { basis: "whim" }, { some: false }],
  ["special category", { specialCategory: true }, { some: true }],
  ["no special category", { specialCategory: false }, { some: true }],
  ["children", { children: true }, { some: true }],
  ["no children", { children: false }, { some: true }],
  ["two filters", { outcome: "incomplete", basis: "contract" }, { some: true }],
  ["two other filters", { status: "draft", children: false }, { some: true }],
  ["three filters", { basis: "consent", specialCategory: false, children: false }, { some: true }],
  ["a review date", { reviewDueBefore: "2026-09-30" }, { some: true }],
  ["a date and a filter", { reviewDueBefore: "2027-03-31", outcome: "incomplete" }, { some: true }],
  ["a word in every row", { q: "activity" }, { some: true }],
  ["a common word", { q: "marketing" }, { some: true }],
  ["a prefix", { q: "mark" }, { some: true }],
  ["a one-character word", { q: "1" }, { some: true }],
  ["two words", { q: "marketing e-mail" }, { some: true }],
  ["a hyphenated word", { q: "e-mail" }, { some: true }],
  ["a word and a filter", { q: "newsletter", outcome: "appropriate" }, { some: true }],
  ["a word and two filters", { q: "shop", basis: "contract", status: "draft" }, { some: true }],
  ["a word in no row", { q: "zyzzyva" }, { some: false }],
  ["punctuation only", { q: "--" }, { some: false }],
  ["mixed case", { q: "MarKeTS" }, { some: true }],
  ["an accented word", { q: "évaluation" }, { some: true }],
  ["a word and a review date", { q: "payroll", reviewDueBefore: "2027-01-01" }, { some: true }],
  [
    "an empty basis with two filters",
    { basis: "", children: false, specialCategory: false },
    { some: true },
  ],
];

const SIZES = [1, 7, 50];

/** What the database answers: the same operation with no index and no cache. */
function database(store: Store, query: ListQuery): Promise<ListPage> {
  return listRegister(
    { db: store.database.db, cache: new StoreCache(undefined, { enabled: false }) },
    query,
  );
}

/** A cursor's fields (for a readable difference). */
function decoded(cursor: string | null): unknown {
  return cursor === null ? null : JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
}

/** A cursor without the total it carries (compared when the total is an estimate). */
function withoutTotal(cursor: string | null): unknown {
  const c = decoded(cursor) as Record<string, unknown> | null;
  if (!c) return c;
  const { total: _t, exact: _e, ...rest } = c;
  return rest;
}

const short = (v: unknown) => {
  const text = JSON.stringify(v);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
};

/** How the index's answer differs from the database's, one line per field that differs. */
function differences(label: string, expected: ListPage, received: ListPage): string[] {
  const found: string[] = [];
  const note = (field: string, e: unknown, r: unknown) =>
    found.push(`${label}: ${field}: expected ${short(e)}, received ${short(r)}`);
  if (!isDeepStrictEqual(received.items, expected.items)) {
    const es = expected.items.map((i) => i.slug);
    const rs = received.items.map((i) => i.slug);
    if (!isDeepStrictEqual(es, rs)) note("items (slugs)", es, rs);
    else {
      const at = expected.items.findIndex((e, k) => !isDeepStrictEqual(e, received.items[k]));
      note(`items[${at}]`, expected.items[at], received.items[at]);
    }
  }
  // A total past COUNTED is an estimate, made otherwise by the index (see register-index.ts).
  const exact = expected.totalExact;
  const fields = exact
    ? (["total", "totalExact", "page", "pageSize", "numberedPages"] as const)
    : (["page", "pageSize"] as const);
  for (const f of fields) if (received[f] !== expected[f]) note(f, expected[f], received[f]);
  for (const way of ["next", "prev"] as const) {
    const same = exact
      ? received[way] === expected[way]
      : isDeepStrictEqual(withoutTotal(received[way]), withoutTotal(expected[way]));
    if (!same) note(way, decoded(expected[way]), decoded(received[way]));
  }
  return found;
}

/** A query as a label: its fields, the cursor's as decoded. */
function labelOf(query: ListQuery): string {
  const { cursor, ...rest } = query;
  return JSON.stringify(cursor ? { ...rest, cursor: withoutTotal(cursor) } : rest);
}

/**
 * A count of the pages the store's index has given (its `page` watched, not replaced): a page
 * the database answered instead, while the index was being built, does not count.
 */
const watched = new WeakMap<Store, () => number>();
function indexAnswers(store: Store): number {
  let count = watched.get(store);
  if (!count) {
    const index = store.registerIndex;
    if (!index) return 0;
    const spy = vi.spyOn(index, "page");
    count = () =>
      spy.mock.results.filter((r) => r.type === "return" && r.value !== undefined).length;
    watched.set(store, count);
  }
  return count();
}

/**
 * The index's answer (the store's, asked first: it is the next read) and the database's, and
 * how they differ; a difference too when the index did not give this answer (it was not
 * ready, or the database answered), so that no comparison passes by reading the database
 * twice.
 */
async function compare(store: Store, query: ListQuery, label = labelOf(query)) {
  const given = indexAnswers(store);
  const received = await store.assessments.list(query);
  const ready = store.registerIndex?.ready === true;
  const byIndex = indexAnswers(store) - given === 1;
  const expected = await database(store, query);
  const found = differences(label, expected, received);
  if (!ready || !byIndex)
    found.unshift(
      `${label}: the index did not answer (${byIndex ? "" : "the database did; "}ready: ${ready})`,
    );
  return { expected, received, found };
}

/** Pages of a query by number: the first, the middle one, the last and the one past it. */
async function pagesByNumber(store: Store, query: ListQuery): Promise<string[]> {
  const pageSize = query.pageSize ?? 50;
  const first = await database(store, { ...query, page: 1 });
  const last = Math.max(1, Math.ceil(first.total / pageSize));
  const found: string[] = [];
  for (const page of new Set([1, 2, Math.ceil(last / 2), last, last + 1]))
    found.push(...(await compare(store, { ...query, page })).found);
  return found;
}

/**
 * Pages from the first by its `next` cursors to the end, and from there by `prev` cursors back
 * to the first: each compared, and together each row of the view once, in the view's order.
 */
async function walk(store: Store, query: ListQuery): Promise<string[]> {
  const found: string[] = [];
  const forward: string[] = [];
  let answer = await compare(store, query);
  found.push(...answer.found);
  forward.push(...answer.expected.items.map((i) => i.slug));
  for (let steps = 0; answer.expected.next && found.length === 0 && steps < 1000; steps++) {
    answer = await compare(store, { ...query, cursor: answer.expected.next });
    found.push(...answer.found);
    forward.push(...answer.expected.items.map((i) => i.slug));
  }
  const backward: string[][] = [answer.expected.items.map((i) => i.slug)];
  for (let steps = 0; answer.expected.prev && found.length === 0 && steps < 1000; steps++) {
    answer = await compare(store, { ...query, cursor: answer.expected.prev });
    found.push(...answer.found);
    backward.unshift(answer.expected.items.map((i) => i.slug));
  }
  if (found.length > 0) return found;
  const all = await slugsInOrder(store.database.db, query);
  if (!isDeepStrictEqual(forward, all))
    found.push(`${labelOf(query)}: the next cursors did not pass each row once, in order`);
  if (!isDeepStrictEqual(backward.flat(), all))
    found.push(`${labelOf(query)}: the prev cursors did not pass each row once, in order`);
  return found;
}

/** Cursor walks: sorts, filters and page sizes. */
const WALKS: [string, ListQuery][] = [
  ["updated, whole register, 7 a page", { sort: "updated", pageSize: 7 }],
  ["title, whole register, 50 a page", { sort: "title", pageSize: 50 }],
  ["title, a prefix, 7 a page", { sort: "title", q: "mark", pageSize: 7 }],
  [
    "next-review, a review date, 7 a page",
    { sort: "next-review", reviewDueBefore: "2027-02-01", pageSize: 7 },
  ],
  ["next-review, whole register, 50 a page", { sort: "next-review", pageSize: 50 }],
  [
    "outcome, a basis and a flag, 7 a page",
    { sort: "outcome", basis: "consent", specialCategory: false, pageSize: 7 },
  ],
  ["outcome, children, 1 a page", { sort: "outcome", children: true, pageSize: 1 }],
  [
    "updated, a word and a state, 7 a page",
    { sort: "updated", q: "market", status: "draft", pageSize: 7 },
  ],
  ["title, a one-character word, 1 a page", { sort: "title", q: "1", pageSize: 1 }],
];

/** The pages compared after each write: a handful of sorts, filters and searches. */
const AFTER_WRITE: ListQuery[] = [
  { sort: "updated", pageSize: 7 },
  { sort: "title", pageSize: 50 },
  { sort: "title", pageSize: 7, page: 3 },
  { sort: "title", pageSize: 50, page: 5 },
  { sort: "next-review", reviewDueBefore: "2026-12-31", pageSize: 7 },
  { sort: "next-review", pageSize: 50, page: 2 },
  { sort: "outcome", outcome: "not-appropriate", pageSize: 7 },
  { sort: "outcome", pageSize: 50, page: 4 },
  { sort: "updated", status: "in_review", pageSize: 7 },
  { sort: "updated", status: "retired", pageSize: 50 },
  { sort: "title", q: "renamed", pageSize: 7 },
  { sort: "updated", q: "mark", basis: "consent", pageSize: 7 },
  { sort: "title", q: "zebra 1", pageSize: 7 },
];

/**
 * A write through the store, then the pages of AFTER_WRITE (the first is the very next read)
 * and the pages after and before cursors taken before the write (their totals from before).
 */
async function afterWrite(store: Store, write: () => Promise<unknown>): Promise<string[]> {
  const cursors: ListQuery[] = [];
  for (const q of [AFTER_WRITE[1], AFTER_WRITE[5], AFTER_WRITE[11]] as ListQuery[]) {
    const before = await database(store, { ...q, page: 2 });
    for (const cursor of [before.next, before.prev]) if (cursor) cursors.push({ ...q, cursor });
  }
  await write();
  const found: string[] = [];
  for (const q of [...AFTER_WRITE, ...cursors]) found.push(...(await compare(store, q)).found);
  return found;
}

/** The current record of an assessment (its version and document, for the next write). */
function current(store: Store, ref: string): Promise<AssessmentRecord> {
  return store.assessments.get(ref);
}

/** The seeded assessments of a state and outcome, as the database lists them. */
async function rowsWhere(store: Store, query: ListQuery) {
  return (await database(store, { ...query, sort: "title", pageSize: 500 })).items;
}

/** A database collation that orders text linguistically, when this machine's PostgreSQL has one. */
function linguisticLocale(): { clause: string; name: string; collation: string } | undefined {
  if (!backends.withPg) return undefined;
  try {
    const config = (arg: string) => execFileSync("pg_config", [arg], { encoding: "utf8" });
    // A database's own ICU collation is PostgreSQL 15's (CREATE DATABASE ... LOCALE_PROVIDER).
    const major = Number(/PostgreSQL (\d+)/.exec(config("--version"))?.[1] ?? 0);
    if (major >= 15 && config("--configure").includes("--with-icu"))
      return {
        clause: "locale_provider icu icu_locale 'en-US'",
        name: "ICU en-US",
        collation: "en-US-x-icu",
      };
  } catch {
    // no pg_config: look for a libc locale
  }
  try {
    const libc = execFileSync("locale", ["-a"], { encoding: "utf8" })
      .split("\n")
      .map((l) => l.trim())
      .find((l) => /^en_(US|GB)\.utf-?8$/i.test(l));
    if (libc) return { clause: `locale '${libc}'`, name: `libc ${libc}`, collation: libc };
  } catch {
    // no locale program
  }
  return undefined;
}
const LINGUISTIC = linguisticLocale();
if (backends.withPg && !LINGUISTIC)
  console.warn(
    "\n!!! PostgreSQL here has no ICU and no linguistic libc locale: the test of the index on a linguistic collation is SKIPPED\n",
  );

// ---- the tests ---------------------------------------------------------------------------

describe("codePointCompare", () => {
  it("orders upper case before lower case, a hyphen before a letter, and U+E000 before an emoji", () => {
    expect(codePointCompare("B", "a")).toBeLessThan(0);
    expect(codePointCompare("a", "B")).toBeGreaterThan(0);
    expect(codePointCompare("a-c", "ab")).toBeLessThan(0);
    expect(codePointCompare("\uE000", "\u{1F600}")).toBeLessThan(0);
    expect(codePointCompare("\u{1F600}", "\uE000")).toBeGreaterThan(0);
    expect(codePointCompare("a", "a\u{1F600}")).toBeLessThan(0);
    expect(codePointCompare("é", "é")).toBe(0);
  });

  it("orders random strings, astral characters included, as their UTF-8 bytes do", () => {
    // A fixed sequence, so a failure can be replayed.
    const random = seededRandom(20261122);
    const next = (n: number) => Math.floor(random() * n);
    const CHARS = [
      "a",
      "b",
      "B",
      "Z",
      "-",
      " ",
      "0",
      "9",
      "é",
      "Ü",
      "ÿ",
      "\u07FF",
      "\u0800",
      "\uD7FF",
      "\uE000",
      "\uF8FF",
      "\uFFFD",
      "\uFFFF",
      "\u{10000}",
      "\u{1F600}",
      "\u{20000}",
      "\u{10FFFF}",
    ];
    const char = () => {
      const kind = next(4);
      if (kind < 2) return CHARS[next(CHARS.length)] as string;
      // Any code point but a surrogate (which UTF-8 cannot hold).
      const cp = kind === 2 ? next(0xd800) : 0xe000 + next(0x110000 - 0xe000);
      return String.fromCodePoint(cp);
    };
    // Half of them begin as an earlier one does (cut between characters, never inside a
    // surrogate pair), so that comparisons reach past a common prefix.
    const strings: string[] = [];
    for (let k = 0; k < 400; k++) {
      const prefix =
        k > 0 && next(2) ? [...(strings[next(k)] as string)].slice(0, 1 + next(4)).join("") : "";
      strings.push(prefix + Array.from({ length: next(6) }, char).join(""));
    }
    const bytes = (s: string) => Buffer.from(s, "utf8");
    const byBytes = [...strings].sort((a, b) => Buffer.compare(bytes(a), bytes(b)));
    expect([...strings].sort(codePointCompare)).toEqual(byBytes);
    const sign = (n: number) => Math.sign(n);
    const wrong: string[][] = [];
    for (let i = 0; i < 120; i++)
      for (let k = 0; k < 120; k++) {
        const a = strings[i] as string;
        const b = strings[k] as string;
        if (sign(codePointCompare(a, b)) !== sign(Buffer.compare(bytes(a), bytes(b))))
          wrong.push([a, b]);
      }
    expect(wrong).toEqual([]);
  });
});

describe.each(backends.list)("the register index on $name", (backend) => {
  let store: Store;

  beforeAll(async () => {
    store = await backend.open({ readCache: false });
    // Created one by one, three to a timestamp (ties on the updated sort, broken by slug),
    // then the rest imported at once (one timestamp for all).
    const start = Date.UTC(2026, 9, 1);
    const IMPORTED = 40;
    for (let i = 0; i < N - IMPORTED; i++)
      await store.assessments.create(seeded(i), ctx(new Date(start + Math.floor(i / 3) * 60_000)));
    await store.assessments.importDocuments(
      Array.from({ length: IMPORTED }, (_, k) => seeded(N - IMPORTED + k)),
      ctx(new Date(start + 86_400_000)),
    );
    expect(await store.registerIndex?.build()).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
  });

  it("is built over a register that varies in every column it sorts, filters and searches on", async () => {
    expect(store.registerIndex?.ready).toBe(true);
    expect(store.registerIndex?.size).toBe(N);
    const all = await rowsWhere(store, {});
    const distinct = (f: (i: (typeof all)[number]) => unknown) => new Set(all.map(f)).size;
    expect(distinct((i) => i.outcome)).toBe(4);
    expect(distinct((i) => i.status)).toBeGreaterThanOrEqual(4);
    expect(distinct((i) => i.nextReview)).toBeGreaterThan(20);
    expect(all.some((i) => i.nextReview === null)).toBe(true);
    expect(all.some((i) => i.bases.length > 1)).toBe(true);
    expect(distinct((i) => i.title)).toBeLessThan(N);
    for (const [name, filter, { some }] of FILTERS) {
      const total = (await database(store, filter)).total;
      expect({ name, matches: total > 0 }).toEqual({ name, matches: some });
    }
  });

  it.each(SORTS)(
    "gives the database's pages by number, sorted by %s, for each filter, search and page size",
    async (sort) => {
      const found: string[] = [];
      for (const [, filter] of FILTERS)
        for (const pageSize of SIZES)
          found.push(...(await pagesByNumber(store, { ...filter, sort, pageSize })));
      expect(found).toEqual([]);
    },
  );

  it.each(WALKS)(
    "gives the database's pages after its next and prev cursors, to the end and back (%s)",
    async (_name, query) => {
      expect(await walk(store, query)).toEqual([]);
    },
  );

  it("gives the database's page after a cursor used under another filter or search", async () => {
    const found: string[] = [];
    for (const sort of SORTS) {
      const from = await database(store, { sort, pageSize: 7, page: 3 });
      for (const filter of [
        { outcome: "incomplete" },
        { q: "mark" },
        { children: false, basis: "contract" },
      ] as ListQuery[])
        for (const cursor of [from.next, from.prev])
          if (cursor)
            found.push(...(await compare(store, { ...filter, sort, pageSize: 7, cursor })).found);
    }
    expect(found).toEqual([]);
  });

  it("finds what the database finds for a search word holding a character the database splits words on (x²)", async () => {
    // The database's parser splits "x²" into "x" (a prefix then) and a character it passes
    // over; this row's words hold "x" (from its title, and from its slug's parts).
    const doc = seeded(N + 2, "x-squared");
    doc.title = "Zone x² survey";
    await store.assessments.create(doc, ctx());
    const found: string[] = [];
    for (const sort of SORTS) found.push(...(await compare(store, { q: "x²", sort })).found);
    expect(found).toEqual([]);
  });

  // ---- after writes: the very next page is the database's ---------------------------------

  it("answers as the database does right after an update moves a row's title, outcome and next review", async () => {
    const found: string[] = [];
    // A draft (saved in one statement) and a version in review (saved in a transaction,
    // which withdraws the review).
    const draft = (await rowsWhere(store, { status: "draft", outcome: "appropriate" }))[0];
    const inReview = (await rowsWhere(store, { status: "in_review" }))[0];
    if (!draft || !inReview) throw new Error("the seed has no draft or no version in review");
    for (const [row, title] of [
      [draft, "Renamed zebra 1"],
      [inReview, "Renamed Ärzte"],
    ] as const) {
      const rec = await current(store, row.id);
      const doc = structuredClone(rec.document) as Assessment;
      doc.title = title;
      doc.review = { ...doc.review, nextReview: "2026-12-01" };
      const decision = doc.decisions[0];
      if (decision) decision.necessity = { ...decision.necessity, necessary: false };
      found.push(
        ...(await afterWrite(store, async () => {
          const saved = await store.assessments.update(row.id, rec.version, doc, ctx());
          expect(saved.outcome).not.toBe(rec.outcome);
        })),
      );
    }
    expect(found).toEqual([]);
  });

  it("answers as the database does right after an assessment is deleted", async () => {
    const row = (await rowsWhere(store, { status: "draft", q: "zebra" }))[0];
    if (!row) throw new Error("no draft to delete");
    expect(
      await afterWrite(store, () => store.assessments.delete(row.id, row.version, ctx())),
    ).toEqual([]);
  });

  it("answers as the database does right after assessments are created, one with a title another has", async () => {
    const found = await afterWrite(store, async () => {
      for (const slug of ["aaa-first", "zzz-last"]) {
        const doc = seeded(7, slug);
        doc.title = "Zebra";
        await store.assessments.create(doc, ctx());
      }
    });
    expect(found).toEqual([]);
  });

  it("answers as the database does right after an import creates several and changes one", async () => {
    const changed = structuredClone((await current(store, slugOf(10))).document) as Assessment;
    changed.title = "Renamed by import";
    const docs = [
      ...Array.from({ length: 5 }, (_, k) => seeded(300 + k, `imported-${k}`)),
      changed,
    ];
    const found = await afterWrite(store, async () => {
      const results = await store.assessments.importDocuments(docs, ctx());
      expect(results.map((r) => r.result).sort()).toEqual([
        "created",
        "created",
        "created",
        "created",
        "created",
        "updated",
      ]);
    });
    expect(found).toEqual([]);
  });

  it("answers as the database does right after a submission for review and a retirement", async () => {
    const draft = (await rowsWhere(store, { status: "draft", outcome: "appropriate" }))[0];
    const approved = (await rowsWhere(store, { status: "approved" }))[0];
    if (!draft || !approved) throw new Error("no clean draft or no approved assessment");
    const found = [
      ...(await afterWrite(store, () => store.signOff.submit(draft.id, draft.version, editor()))),
      ...(await afterWrite(store, () =>
        store.signOff.retire(approved.id, approved.version, "No longer processed", approver()),
      )),
    ];
    expect(found).toEqual([]);
  });

  it("answers as the database does right after a slug is given up and taken by a new assessment", async () => {
    const row = (await rowsWhere(store, { status: "draft", q: "payroll" }))[0];
    if (!row) throw new Error("no draft to rename");
    const rec = await current(store, row.id);
    const doc = structuredClone(rec.document) as Assessment;
    doc.id = "renamed-slug";
    doc.title = "Renamed payroll";
    const found = await afterWrite(store, async () => {
      await store.assessments.update(row.id, rec.version, doc, ctx());
      const taken = seeded(11, row.slug);
      taken.title = row.title;
      await store.assessments.create(taken, ctx());
    });
    expect(found).toEqual([]);
  });

  it("answers as the database does after more writes than one check lists, once built again", async () => {
    const docs = Array.from({ length: 520 }, (_, k) => seeded(1000 + k, `bulk-${k}`));
    await store.assessments.importDocuments(docs, ctx());
    // The first page after may come from the database while the index builds itself again.
    const first = AFTER_WRITE[0] as ListQuery;
    expect(await store.assessments.list(first)).toEqual(await database(store, first));
    expect(await store.registerIndex?.build()).toBe(true);
    const found: string[] = [];
    for (const q of AFTER_WRITE) found.push(...(await compare(store, q)).found);
    expect(found).toEqual([]);
  });

  it("answers the first page itself when it was built after more writes than one check lists", async () => {
    // A store whose index is built after 600 writes its cache has not yet been told of: the
    // index holds them all, so the check that lists them has nothing to make it rebuild.
    const fresh = await backend.open({ readCache: false });
    try {
      await fresh.assessments.importDocuments(
        Array.from({ length: 600 }, (_, k) => seeded(k, `early-${k}`)),
        ctx(),
      );
      expect(await fresh.registerIndex?.build()).toBe(true);
      // A save after the build, before any page: the next check finds the 600 and this one,
      // more than it lists, and must not leave this one out.
      await fresh.assessments.create(seeded(700, "after-the-gap"), ctx());
      const found: string[] = [];
      for (const q of AFTER_WRITE.slice(0, 3)) found.push(...(await compare(fresh, q)).found);
      expect((await compare(fresh, {})).received.total).toBe(601);
      expect(found).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it("leaves a cursor naming a time the database never wrote (30 February, 24:00) to the database", async () => {
    // A real cursor with its row's time replaced: the index is to serve only keys the
    // database wrote, and leave any other to the database, which reads it as a time. 24:00
    // on 1 October is midnight on the 2nd, when the seeded import was written: the database
    // pages on from those rows (their slugs all before "zzz"), text order from before them.
    const query: ListQuery = { sort: "updated", pageSize: 7 };
    const real = decoded((await database(store, query)).next) as Record<string, unknown>;
    const settle = (p: Promise<ListPage>) =>
      p.then(
        (page) => `answered ${page.items.map((i) => i.slug).join(" ")}`,
        (e: Error) => `refused (${e.message.split("\n")[0]})`,
      );
    const found: string[] = [];
    for (const key of ["2026-02-30T10:00:00.000000Z", "2026-10-01T24:00:00.000000Z"]) {
      const cursor = Buffer.from(JSON.stringify({ ...real, key, slug: "zzz" })).toString(
        "base64url",
      );
      const expected = await settle(database(store, { ...query, cursor }));
      const received = await settle(store.assessments.list({ ...query, cursor }));
      if (received !== expected)
        found.push(`${key}: the database ${expected}; the store ${received}`);
    }
    expect(found).toEqual([]);
  });

  if (backend.name === "PostgreSQL") {
    it("answers as the database does right after another instance on the same database wrote", async () => {
      const [db] = rowsOf<{ name: string }>(
        await store.database.db.execute(sql`select current_database() as name`),
      );
      const other = await openStore({
        databaseUrl: backends.postgres().url(db?.name as string),
        readCache: false,
        registerIndex: false,
      });
      try {
        const found = await afterWrite(store, async () => {
          const doc = seeded(5, "from-another-instance");
          doc.title = "Another instance's zebra";
          await other.assessments.create(doc, ctx());
          const row = (await rowsWhere(other, { status: "draft", q: "shop" }))[0];
          const gone = (await rowsWhere(other, { status: "draft", q: "e-mail" })).at(-1);
          if (!row || !gone) throw new Error("no draft to change or delete");
          const rec = await current(other, row.id);
          const changed = structuredClone(rec.document) as Assessment;
          changed.title = "Renamed elsewhere";
          changed.review = { ...changed.review, nextReview: "2026-11-30" };
          await other.assessments.update(row.id, rec.version, changed, ctx());
          await other.assessments.delete(gone.id, gone.version, ctx());
        });
        expect(found).toEqual([]);
      } finally {
        await other.close();
      }
    });

    it.skipIf(!LINGUISTIC)(
      `orders the register as the database does on a database whose collation is linguistic (${LINGUISTIC?.name ?? "none here: SKIPPED"}), and leaves it to the database once a column orders otherwise`,
      async () => {
        const server = backends.postgres();
        const name = `basis_index_linguistic_${process.pid}`;
        const admin = new pg.Client({ connectionString: server.url("postgres") });
        await admin.connect();
        try {
          await admin.query(`create database ${name} template template0 ${LINGUISTIC?.clause}`);
        } finally {
          await admin.end();
        }
        const other = await openStore({ databaseUrl: server.url(name), readCache: false });
        try {
          for (const [k, title] of ["a", "B", "a-c", "ab", "é", "Z", "\uE000", "🚀"].entries()) {
            const doc = seeded(k, `linguistic-${k}`);
            doc.title = title;
            await other.assessments.create(doc, ctx());
          }
          // The premise: this database orders these texts otherwise than code points do.
          const byDatabase = rowsOf<{ ordered: string[] }>(
            await other.database.db.execute(
              sql`select array_agg(t order by t) as ordered from unnest(array['a', 'B', 'a-c', 'ab']) as t`,
            ),
          )[0]?.ordered;
          expect(byDatabase).not.toEqual(["B", "a", "a-c", "ab"]);
          // The register's columns order by code point all the same, and the index serves it.
          const query: ListQuery = { sort: "title", pageSize: 50 };
          const expected = await database(other, query);
          const titles = expected.items.map((i) => i.title);
          expect(titles).toEqual([...titles].sort(codePointCompare));
          expect(await other.registerIndex?.build()).toBe(true);
          for (const q of [query, { ...query, q: "activity" }, { sort: "outcome" as const }])
            expect((await compare(other, q)).found).toEqual([]);
          // A column given a linguistic collation again: the index is not built on it.
          await other.database.db.execute(
            sql.raw(
              `alter table assessments alter column title type text collate "${LINGUISTIC?.collation}"`,
            ),
          );
          const again = await openStore({ databaseUrl: server.url(name), readCache: false });
          try {
            expect(await again.registerIndex?.build()).toBe(false);
            expect(await again.assessments.list(query)).toEqual(await database(again, query));
          } finally {
            await again.close();
          }
        } finally {
          await other.close();
        }
      },
    );
  }
});
