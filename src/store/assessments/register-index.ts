/**
 * @module store/assessments/register-index
 * The register held in the server's memory: every assessment's register row, each sort's
 * order, each kept filter's rows in each order, and the search words of each row, so that any
 * page, sort, filter or search is answered without a query (a page by number at any depth is
 * a slice, a page after a cursor a binary search, a search the rows of its rarest word).
 *
 * It is exact, as the read cache is (cache.ts): it is a follower of the audit trail. Every
 * change to an assessment appends an event naming it, and before a page is answered the
 * cache's check hands the index the events appended since it last looked; before that page,
 * the index reads the assessments they name again (one query for all of them) and moves them.
 * Any other change to the register (an event it cannot place, more events since its own
 * position than a check lists, a restore) makes it build itself again, and until it has, the
 * database answers. On PGlite, where one process writes, the feed is read only after this
 * process wrote.
 *
 * What it holds comes from the database, never from a second reading of the documents: the
 * rows as the register query reads them, the sort keys as the database writes them in a
 * cursor, and each row's search words as its full-text vector holds them
 * (`tsvector_to_array`), matched as `to_tsquery` matches the search's words (searchQuery): a
 * word of one character is itself, any other the beginning of a word. The one thing it
 * computes is order, and it orders text by code point, as the register's columns are ordered
 * on every database since migration 0016 (the C collation); `codePointOrder` checks it when
 * the index is built, and a database where they order otherwise is left to answer itself.
 *
 * Its answers are the database's answers (test/register-index.test.ts compares them page by
 * page on both backends), but for the totals the database estimates rather than counts: a
 * total past COUNTED, which the index estimates from the rows it passed over, and a search
 * the planner expects to match more than BROAD rows, which the index counts up to COUNTED
 * like any other.
 */
import { sql } from "drizzle-orm";
import type { AssessmentSummary } from "../../core/api/assessments.ts";
import { REGISTER_SORTS, type RegisterSort } from "../../core/vocabulary.ts";
import { type Change, type ChangeFeed, type Follower, topicsOf } from "../cache.ts";
import type { Db } from "../db.ts";
import { rowsOf } from "../rows.ts";
import { assessments, auditEvents } from "../schema.ts";
import {
  COUNTED,
  type Cursor,
  type Filter,
  filterParts,
  KEYS,
  NO_REVIEW,
  type Normalised,
  type RegisterPages,
  searchTerm,
  searchWords,
  summaryJson,
  totalKey,
  wholeWordOnly,
} from "./list-register.ts";
import { boundIn, OrderedList } from "./ordered-list.ts";

/** A page as the index finds it: its rows in the order read, and the filter's total. */
type IndexPage = NonNullable<Awaited<ReturnType<RegisterPages["page"]>>>;

/** One assessment as the index holds it. Replaced, never changed, when the row changes. */
interface Entry {
  /** Its number in the index, for the search words' lists. */
  readonly slot: number;
  readonly id: string;
  readonly slug: string;
  readonly item: AssessmentSummary;
  /** Each sort's key, as the database writes it in a cursor (by SORTS position). */
  readonly keys: readonly string[];
  /** The kept filters it is counted under (register_totals' keys, as totalKey names them). */
  readonly kept: readonly string[];
  /** Its search words' numbers in `Words`, in the order of the words' text. */
  readonly words: readonly number[];
}

const SORTS = REGISTER_SORTS;
const SORT_AT = Object.fromEntries(SORTS.map((s, i) => [s, i])) as Record<RegisterSort, number>;

/** A row of the database as the index reads it. */
interface Loaded {
  item: AssessmentSummary;
  updated: string;
  words: string[];
}

/** Rows read per query while building. */
const CHUNK = 5000;

/**
 * A search word whose rows are at most this many is answered from its rows (sorted for the
 * page); a more common one by walking the sort's order and testing each row.
 */
const FEW = 3000;

/** A beginning of more words than this is not listed word by word (see Words.matching). */
const MANY = 256;

/** After a build failed, the next is tried no sooner than this (ms). */
const RETRY_MS = 10_000;

/**
 * Text compared by code point, as a database with the C collation compares it (by the bytes
 * of UTF-8, which order as code points do). JavaScript's `<` compares UTF-16 units, which
 * put a character beyond U+FFFF (two surrogates) before U+E000-U+FFFF.
 */
export function codePointCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? surrogatesLast(x) - surrogatesLast(y) : x - y;
  }
  return a.length - b.length;
}

function surrogatesLast(unit: number): number {
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** A sort's order of entries (ties broken by slug, in the same direction, as in the database). */
function orderOf(sort: RegisterSort): (a: Pick<Entry, "keys" | "slug">, b: typeof a) => number {
  const at = SORT_AT[sort];
  const dir = KEYS[sort].descending ? -1 : 1;
  return (a, b) =>
    dir *
    (codePointCompare(a.keys[at] as string, b.keys[at] as string) ||
      codePointCompare(a.slug, b.slug));
}

const ORDERS = SORTS.map(orderOf);

/**
 * The search words of every row: each word's text and the sorted numbers of the rows that
 * hold it, and the words in text order (code units: the words beginning with some text are
 * then side by side).
 */
class Words {
  private readonly ids = new Map<string, number>();
  readonly text: string[] = [];
  /** Each word's rows, as sorted slots (plain arrays: most words are in one row or a few). */
  private readonly rows: (number[] | undefined)[] = [];
  /** The words some row holds, in text order (undefined: to be sorted before use). */
  private ordered: string[] | undefined = [];

  /** The word's number, made when new. */
  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.text.length;
      this.ids.set(word, id);
      this.text.push(word);
      this.rows.push(undefined);
    }
    return id;
  }

  private count(id: number): number {
    return this.rows[id]?.length ?? 0;
  }

  /** Add `slot` to the word's rows; `inOrder`: it is past every slot there (a build). */
  add(id: number, slot: number, inOrder: boolean): void {
    const rows = this.rows[id];
    if (rows) {
      if (inOrder) rows.push(slot);
      else rows.splice(boundIn(rows, slot, bySlot, false), 0, slot);
      return;
    }
    this.rows[id] = [slot];
    if (!this.ordered) return;
    const word = this.text[id] as string;
    if (inOrder) this.ordered = undefined;
    else this.ordered.splice(boundIn(this.ordered, word, textCompare, false), 0, word);
  }

  remove(id: number, slot: number): void {
    const rows = this.rows[id];
    if (!rows) return;
    const at = boundIn(rows, slot, bySlot, false);
    if (rows[at] !== slot) return;
    rows.splice(at, 1);
    if (rows.length > 0) return;
    this.rows[id] = undefined;
    const word = this.text[id] as string;
    if (this.ordered) this.ordered.splice(boundIn(this.ordered, word, textCompare, false), 1);
  }

  private sorted(): string[] {
    if (!this.ordered)
      this.ordered = this.text.filter((_, id) => this.count(id) > 0).sort(textCompare);
    return this.ordered;
  }

  /**
   * The words a search word matches (itself, or every word it begins), as numbers, and how
   * many rows hold them (at most: a row may hold several); past MANY words, `ids` is
   * undefined and `rows` infinite (such a beginning is tested on each row's own words).
   */
  matching(word: string): { ids: number[] | undefined; rows: number } {
    if (wholeWordOnly(word)) {
      const id = this.ids.get(word);
      return id !== undefined && this.count(id) > 0
        ? { ids: [id], rows: this.count(id) }
        : { ids: [], rows: 0 };
    }
    const ordered = this.sorted();
    const ids: number[] = [];
    let rows = 0;
    for (let i = boundIn(ordered, word, textCompare, false); i < ordered.length; i++) {
      const w = ordered[i] as string;
      if (!w.startsWith(word)) break;
      if (ids.length === MANY) return { ids: undefined, rows: Number.POSITIVE_INFINITY };
      const id = this.ids.get(w) as number;
      ids.push(id);
      rows += this.count(id);
    }
    return { ids, rows };
  }

  /** The text order of the words, made now rather than by the first search. */
  prepare(): void {
    this.sorted();
  }

  /** The rows holding any of the words, as sorted slots. */
  rowsOf(ids: readonly number[]): number[] {
    const slots = new Set<number>();
    for (const id of ids) for (const slot of this.rows[id] ?? []) slots.add(slot);
    return [...slots];
  }

  /** The rows holding any of the words, as a set of slots (one byte each, `size` of them). */
  slotsOf(ids: readonly number[], size: number): Uint8Array {
    const set = new Uint8Array(size);
    for (const id of ids) for (const slot of this.rows[id] ?? []) set[slot] = 1;
    return set;
  }

  /** Whether an entry's words hold `word` (as matching does), by their text. */
  holds(entry: Entry, word: string, whole: boolean): boolean {
    const at = boundIn(
      entry.words,
      word,
      (id, w) => textCompare(this.text[id] as string, w),
      false,
    );
    const found = this.text[entry.words[at] as number];
    return found !== undefined && (whole ? found === word : found.startsWith(word));
  }
}

const bySlot = (a: number, b: number) => a - b;

/** Text by UTF-16 units, the order in which the words beginning with some text are together. */
function textCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Which rows a page reads: a list in the sort's order, and a test for each row when needed. */
interface View {
  list: OrderedList<Entry>;
  test: ((e: Entry) => boolean) | undefined;
}

type State = "idle" | "building" | "ready" | "unsupported" | "closed";

export class RegisterIndex implements Follower, RegisterPages {
  private state: State = "idle";
  /** The last audit event the index reflects. */
  private seq = 0;
  private entries = new Map<string, Entry>();
  private bySlot: (Entry | undefined)[] = [];
  private free: number[] = [];
  /** Per sort (SORTS position): each kept filter's rows in the sort's order ("" is all). */
  private lists: Map<string, OrderedList<Entry>>[] = [];
  private words = new Words();
  /** Changes told while building, applied once it is built. */
  private pending: Change[] = [];
  private pendingAll = false;
  private failedAt = Number.NEGATIVE_INFINITY;
  private building: Promise<void> | undefined;
  /** Whether the database orders text by code point (asked once). */
  private supported: boolean | undefined;

  /** `feed`: the audit trail's changes, read by the index itself after a check said "all". */
  constructor(
    private readonly db: Db,
    private readonly feed: ChangeFeed,
  ) {}

  /** Whether it is known never to answer: the database does not order text by code point. */
  get unsupported(): boolean {
    return this.state === "unsupported";
  }

  /** Whether the index answers now (built and of a database it can order). */
  get ready(): boolean {
    return this.state === "ready";
  }

  /** How many assessments it holds. */
  get size(): number {
    return this.entries.size;
  }

  /** Builds it when it has not been; resolves once built, or once known it cannot be. */
  async build(): Promise<boolean> {
    if (this.state === "idle") this.building = this.buildNow();
    await this.building;
    return this.ready;
  }

  close(): void {
    this.state = "closed";
  }

  /** Read afresh after each await: close() may have been called meanwhile. */
  private get closed(): boolean {
    return this.state === "closed";
  }

  /**
   * Whether it will answer this query now (when it has not been built, the first query that
   * asks starts the build and the database answers meanwhile). A cursor whose key is not one
   * the database wrote is left to the database, which reads it as a value.
   */
  serves(n: Normalised): boolean {
    if (this.state === "idle" && performance.now() - this.failedAt > RETRY_MS) void this.build();
    if (this.state !== "ready") return false;
    return !(n.cursor && n.cursor.sort === "updated" && !writtenTime(n.cursor.key));
  }

  /**
   * A page of the register; undefined when the index is not ready (see serves), or when a
   * search word is one the database reads otherwise than as itself (see wordsAsWritten).
   */
  async page(n: Normalised): Promise<IndexPage | undefined> {
    const words = n.filter.q === undefined ? undefined : searchWords(n.filter.q);
    // When that cannot be asked, the database answers (and says what is wrong, if anything).
    if (words && !(await this.wordsAsWritten(words).catch(() => false))) return undefined;
    if (!(await this.settle())) return undefined;
    const { filter, filterKey, sort, page, pageSize, cursor } = n;
    const view = this.viewOf(filter, sort);
    const known =
      cursor && cursor.filter === filterKey
        ? { total: cursor.total, exact: cursor.exact }
        : this.totalOf(view);
    const found = cursor
      ? this.afterCursor(view, sort, cursor, pageSize + 1)
      : this.fromStart(view, (page - 1) * pageSize, pageSize + 1);
    return {
      found: found.map((e) => ({ item: e.item, sortKey: e.keys[SORT_AT[sort]] as string })),
      total: known.total,
      exact: known.exact,
    };
  }

  /** Whether the database's full-text query reads each word as itself (asked once a word). */
  private readonly wordChecks = new Map<string, boolean>();

  /**
   * Whether `to_tsquery` takes each search word as the index does: as itself (a word of one
   * character) or as itself and its beginning. Not so for a word holding a character its
   * parser breaks words at (`x²` is `x` to it, which the index cannot know): such a search is
   * left to the database. The answer depends on the database's parser alone, so it is kept.
   */
  private async wordsAsWritten(words: readonly string[]): Promise<boolean> {
    const unknown = [...new Set(words.filter((w) => !this.wordChecks.has(w)))];
    if (unknown.length > 0) {
      const read = rowsOf<{ q: string }>(
        await this.db.execute(
          sql`select to_tsquery('simple', t)::text as q
            from unnest(${sql.param(unknown.map(searchTerm))}::text[]) with ordinality as u(t, n) order by n`,
        ),
      );
      if (this.wordChecks.size + unknown.length > WORD_CHECKS) this.wordChecks.clear();
      unknown.forEach((w, i) => {
        const as = wholeWordOnly(w) ? `'${w}'` : `'${w}' | '${w}':*`;
        this.wordChecks.set(w, read[i]?.q === as);
      });
    }
    return words.every((w) => this.wordChecks.get(w) !== false);
  }

  // ---- the follower of the audit trail -------------------------------------------------

  async follow(changes: readonly Change[] | "all", last: number): Promise<void> {
    if (this.state === "building") {
      if (changes === "all") this.pendingAll = true;
      else this.pending.push(...changes);
      return;
    }
    if (this.state !== "ready") return;
    if (changes === "all") {
      // Everything up to `last` may have changed. What it holds is older only when `last` is
      // past it, and then it asks the trail itself from where it stands, which is often
      // after most of them (it was built after the writes the check found too many of).
      if (last <= this.seq) return;
      const since = await this.feed.since(this.seq).catch(() => undefined);
      if (!since || since.changes === "all") return this.rebuild();
      return this.follow(since.changes, since.last);
    }
    if (!this.told(changes, last)) this.rebuild();
  }

  /**
   * Marks the assessments the changes name (after the last it reflects) to be read again
   * when a page is next asked (settle), not now: a run of saves with no page asked between
   * them costs one read of the rows they touched. False when a change cannot be placed.
   */
  private told(changes: readonly Change[], last: number): boolean {
    const ids = touched(changes, this.seq);
    if (ids === "all") return false;
    for (const id of ids) this.dirty.add(id);
    this.seq = Math.max(this.seq, last);
    return true;
  }

  /** The assessments changed since they were last read (see follow). */
  private dirty = new Set<string>();
  /** Counts the builds: rows read for an earlier one are not applied to a later one. */
  private generation = 0;
  private settling: Promise<void> | undefined;

  /**
   * Reads again the rows changed since they were last read, one read at a time; false when
   * that failed (what it holds may then lag the database: it is built again before it
   * answers, and the database answers meanwhile).
   */
  private async settle(): Promise<boolean> {
    try {
      while (this.dirty.size > 0 || this.settling) {
        const generation = this.generation;
        this.settling ??= (async () => {
          const ids = this.dirty;
          this.dirty = new Set();
          try {
            const rows = await this.load(ids);
            if (this.state === "ready" && this.generation === generation) this.apply(ids, rows);
          } catch (e) {
            if (this.generation === generation) throw e;
          } finally {
            this.settling = undefined;
          }
        })();
        await this.settling;
      }
      return this.state === "ready";
    } catch {
      if (this.state === "ready") this.state = "idle";
      this.failedAt = performance.now();
      return false;
    }
  }

  reset(): void {
    if (this.closed) return;
    if (this.state === "building") this.pendingAll = true;
    else this.state = "idle";
  }

  private rebuild(): void {
    this.state = "idle";
    void this.build();
  }

  // ---- building ------------------------------------------------------------------------

  private async buildNow(): Promise<void> {
    this.generation++;
    this.state = "building";
    this.pending = [];
    this.pendingAll = false;
    this.dirty = new Set();
    try {
      this.supported ??= await codePointOrder(this.db);
      if (!this.supported) {
        this.state = "unsupported";
        return;
      }
      for (;;) {
        // The newest event first: every change after it is told by a later check, whether
        // or not the rows read below already hold it.
        const seq = await newestEvent(this.db);
        const rows: Loaded[] = [];
        let after: string | undefined;
        for (;;) {
          if (this.closed) return;
          const chunk = await this.read(
            after === undefined ? sql`true` : sql`${assessments.id} > ${after}::uuid`,
            CHUNK,
          );
          rows.push(...chunk);
          if (chunk.length < CHUNK) break;
          after = (chunk[chunk.length - 1] as Loaded).item.id;
        }
        if (this.closed) return;
        await this.fill(rows, seq);
        if (this.closed) return;
        // Changes told meanwhile, after the newest event read: read again before the next page.
        const changes = this.pending;
        this.pending = [];
        if (!this.pendingAll && this.told(changes, lastOf(changes, this.seq))) break;
        this.pendingAll = false;
      }
      if (this.state === "building") this.state = "ready";
    } catch {
      // The database answers meanwhile; the build is tried again after a while.
      if (this.state === "building") this.state = "idle";
      this.failedAt = performance.now();
    }
  }

  /** The rows the condition selects (by id, at most `limit`), as the index reads them. */
  private async read(where: ReturnType<typeof sql>, limit?: number): Promise<Loaded[]> {
    const result = await this.db.execute(sql`select ${summaryJson(
      sql`'updated', ${KEYS.updated.text}, 'words', tsvector_to_array(${assessments.searchVector})`,
    )} as row from ${assessments} where ${where} order by ${assessments.id}
      ${limit === undefined ? sql`` : sql`limit ${limit}`}`);
    return rowsOf<{ row: unknown }>(result).map((r) => {
      const { updated, words, ...item } = (
        typeof r.row === "string" ? JSON.parse(r.row) : r.row
      ) as AssessmentSummary & Omit<Loaded, "item">;
      // The values many rows share are held once.
      item.status = this.interned(item.status);
      item.outcome = this.interned(item.outcome);
      if (item.nextReview !== null) item.nextReview = this.interned(item.nextReview);
      item.bases = this.basesOf(item.bases);
      return { item: Object.freeze(item) as AssessmentSummary, updated, words };
    });
  }

  private readonly bases = new Map<string, AssessmentSummary["bases"]>();

  private basesOf(bases: AssessmentSummary["bases"]): AssessmentSummary["bases"] {
    const key = bases.join(" ");
    const known = this.bases.get(key);
    if (known) return known;
    const shared = Object.freeze(bases.map((b) => this.interned(b))) as AssessmentSummary["bases"];
    this.bases.set(key, shared);
    return shared;
  }

  private load(ids: ReadonlySet<string>): Promise<Loaded[]> {
    return this.read(sql`${assessments.id} = any(${sql.param([...ids])}::uuid[])`);
  }

  /** Everything, from the rows of a build. */
  private async fill(rows: readonly Loaded[], seq: number): Promise<void> {
    this.entries = new Map();
    this.bySlot = [];
    this.free = [];
    this.words = new Words();
    for (const row of rows) {
      const e = this.entryOf(row, this.bySlot.length);
      for (const id of e.words) this.words.add(id, e.slot, true);
      this.bySlot.push(e);
      this.entries.set(e.id, e);
    }
    const all = [...this.entries.values()];
    this.lists = [];
    // Each sort in a turn of its own (some 0.2 s at 100,000 rows): requests are answered
    // between them, by the database.
    for (const order of ORDERS) {
      await new Promise((r) => setImmediate(r));
      const lists = new Map<string, OrderedList<Entry>>();
      for (const e of all.sort(order)) for (const key of e.kept) listIn(lists, key).push(e);
      this.lists.push(lists);
    }
    await new Promise((r) => setImmediate(r));
    this.words.prepare();
    this.seq = seq;
  }

  /**
   * One string for each text many rows share (a kept filter's key, an outcome, a state, a
   * date), held once however many rows hold it.
   */
  private readonly texts = new Map<string, string>();

  private interned<T extends string>(text: T): T {
    const known = this.texts.get(text);
    if (known !== undefined) return known as T;
    this.texts.set(text, text);
    return text;
  }

  /** The entry of a row read (its words are not yet in their lists: see fill and apply). */
  private entryOf(row: Loaded, slot: number): Entry {
    const item = row.item;
    const ids = [...new Set(row.words)].sort(textCompare).map((w) => this.words.idOf(w));
    return {
      slot,
      id: item.id,
      slug: item.slug,
      item,
      keys: SORTS.map((s) =>
        s === "updated"
          ? row.updated
          : s === "title"
            ? item.title
            : s === "next-review"
              ? (item.nextReview ?? NO_REVIEW)
              : item.outcome,
      ),
      kept: rowKeys(item).map((k) => this.interned(k)),
      words: ids,
    };
  }

  /**
   * Each of `ids` as `rows` now has it: moved, added, or (absent from rows) removed. A row
   * that stays keeps its slot, so only the words it gained or lost change their lists; in
   * each sort, it is taken out of its lists and put back where its keys now place it.
   */
  private apply(ids: ReadonlySet<string>, rows: readonly Loaded[]): void {
    const now = new Map(rows.map((r) => [r.item.id, r]));
    const before = new Map<string, Entry>();
    // All taken out before any is put back: a slug one of them gave up may be another's now.
    for (const id of ids) {
      const old = this.entries.get(id);
      if (!old) continue;
      before.set(id, old);
      this.place(old, -1);
      this.entries.delete(id);
    }
    for (const id of ids) {
      const old = before.get(id);
      const row = now.get(id);
      if (!row) {
        if (!old) continue;
        for (const w of old.words) this.words.remove(w, old.slot);
        this.bySlot[old.slot] = undefined;
        this.free.push(old.slot);
        continue;
      }
      const slot = old?.slot ?? this.free.pop() ?? this.bySlot.length;
      const e = this.entryOf(row, slot);
      const kept = new Set(e.words);
      for (const w of old?.words ?? []) if (!kept.has(w)) this.words.remove(w, slot);
      const had = new Set(old?.words);
      for (const w of e.words) if (!had.has(w)) this.words.add(w, slot, false);
      this.bySlot[slot] = e;
      this.entries.set(id, e);
      this.place(e, 1);
    }
  }

  /** Put an entry in (1) or take it out of (-1) each of its lists. */
  private place(e: Entry, way: 1 | -1): void {
    SORTS.forEach((_, at) => {
      const lists = this.lists[at] as Map<string, OrderedList<Entry>>;
      const order = ORDERS[at] as (a: Entry, b: Entry) => number;
      for (const key of e.kept) {
        const list = listIn(lists, key);
        if (way === 1) list.insert(e, order);
        else if (!list.remove(e, order))
          throw new Error(`register index: ${e.slug} is not where its order puts it`);
      }
    });
  }

  // ---- reading -------------------------------------------------------------------------

  /** The list a filter's rows are read from, and the test of the rest of the filter. */
  private viewOf(f: Filter, sort: RegisterSort): View {
    const lists = this.lists[SORT_AT[sort]] as Map<string, OrderedList<Entry>>;
    const listOf = (key: string) => lists.get(key) ?? EMPTY;
    const key = totalKey(f);
    if (key !== undefined) return { list: listOf(key), test: undefined };
    // Read from the smallest list of one of its kept parts, testing the rest on each row.
    const parts = filterParts(f);
    const base = parts.reduce((best, k) => (listOf(k).length < listOf(best).length ? k : best), "");
    const tests: ((e: Entry) => boolean)[] = parts
      .filter((k) => k !== base)
      .map((k) => (e) => e.kept.includes(k));
    const due = f.reviewDueBefore;
    if (due !== undefined)
      tests.push(
        (e) => e.item.nextReview !== null && codePointCompare(e.item.nextReview, due) <= 0,
      );
    if (f.q !== undefined) {
      const words = searchWords(f.q);
      // A search of punctuation only matches nothing (as in the database).
      if (!words) return { list: EMPTY, test: undefined };
      const matched = words.map((w) => ({
        word: w,
        whole: wholeWordOnly(w),
        ...this.words.matching(w),
      }));
      const rarest = matched.reduce((a, b) => (b.rows < a.rows ? b : a));
      // A word every row holds (as a template's wording is) tests nothing.
      const tested = matched.filter((m) => !(m.ids?.length === 1 && m.rows === this.entries.size));
      // A word whose matches are listed is looked for in the set of their rows (made from
      // their lists, at most one step per row holding them); a beginning of more words than
      // MANY, among each row's words by its text.
      const holds = ({ ids, word, whole }: (typeof matched)[number]) => {
        if (!ids) return (e: Entry) => this.words.holds(e, word, whole);
        const slots = this.words.slotsOf(ids, this.bySlot.length);
        return (e: Entry) => slots[e.slot] === 1;
      };
      if (rarest.ids && rarest.rows <= FEW) {
        // A rare word: its rows, tested and put in the sort's order.
        const rest = [...tests, ...tested.filter((m) => m !== rarest).map(holds)];
        if (base !== "") rest.push((e) => e.kept.includes(base));
        const list = this.words
          .rowsOf(rarest.ids)
          .map((slot) => this.bySlot[slot] as Entry)
          .filter((e) => rest.every((t) => t(e)))
          .sort(ORDERS[SORT_AT[sort]]);
        return { list: OrderedList.of(list), test: undefined };
      }
      tests.push(...tested.map(holds));
    }
    return {
      list: listOf(base),
      test: tests.length === 0 ? undefined : (e) => tests.every((t) => t(e)),
    };
  }

  /** The filter's total: its list's length, or its rows counted up to one past COUNTED. */
  private totalOf({ list, test }: View): { total: number; exact: boolean } {
    if (!test) return { total: list.length, exact: true };
    let n = 0;
    let passed = 0;
    list.walk(0, 1, (e) => {
      passed++;
      if (test(e)) n++;
      return n <= COUNTED;
    });
    // Past COUNTED, estimated (as the database estimates it): the share of the rows passed
    // over that matched, of the whole list.
    return n <= COUNTED
      ? { total: n, exact: true }
      : { total: Math.max(COUNTED + 1, Math.round((n / passed) * list.length)), exact: false };
  }

  /** `count` rows of the view after skipping `skip`. */
  private fromStart({ list, test }: View, skip: number, count: number): Entry[] {
    if (!test) return list.slice(skip, skip + count);
    const found: Entry[] = [];
    let passed = 0;
    list.walk(0, 1, (e) => {
      if (!test(e)) return true;
      if (passed < skip) passed++;
      else found.push(e);
      return found.length < count;
    });
    return found;
  }

  /** `count` rows of the view past the cursor's, the way it goes (backwards for `prev`). */
  private afterCursor({ list, test }: View, sort: RegisterSort, cursor: Cursor, count: number) {
    const probe = { keys: SORTS.map(() => cursor.key), slug: cursor.slug };
    const order = ORDERS[SORT_AT[sort]] as (
      a: Pick<Entry, "keys" | "slug">,
      b: typeof probe,
    ) => number;
    const found: Entry[] = [];
    const next = cursor.way === "next";
    list.walk(list.bound(probe, order, next) - (next ? 0 : 1), next ? 1 : -1, (e) => {
      if (!test || test(e)) found.push(e);
      return found.length < count;
    });
    return found;
  }
}

const EMPTY = new OrderedList<Entry>();

/** How many search words' checks are kept (see wordsAsWritten). */
const WORD_CHECKS = 10_000;

/**
 * Whether a cursor's key is a time as the database writes one (a real date and time, in
 * microseconds): only then does comparing it as text agree with the database reading it.
 */
function writtenTime(key: string): boolean {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(key)) return false;
  const ms = Date.parse(`${key.slice(0, 23)}Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 23) === key.slice(0, 23);
}

/**
 * The kept filters a row falls under, as register_totals names them (totalKey): the whole
 * register (""), its outcome, state, each lawful basis, and the two yes-or-no columns.
 */
function rowKeys(row: AssessmentSummary): string[] {
  return [
    "",
    `outcome:${row.outcome}`,
    `status:${row.status}`,
    ...[...new Set(row.bases)].map((b) => `basis:${b}`),
    `specialCategory:${row.specialCategory}`,
    `children:${row.children}`,
  ];
}

/** The list of `key`, made when there is none. */
function listIn(lists: Map<string, OrderedList<Entry>>, key: string): OrderedList<Entry> {
  const list = lists.get(key);
  if (list) return list;
  const made = new OrderedList<Entry>();
  lists.set(key, made);
  return made;
}

/** The newest of the changes' sequence numbers, or `seq` when there are none. */
function lastOf(changes: readonly Change[], seq: number): number {
  let last = seq;
  for (const c of changes) if (c.seq > last) last = c.seq;
  return last;
}

/** The assessments the changes touched, or "all" when one cannot be placed. */
function touched(changes: readonly Change[], after: number): Set<string> | "all" {
  const ids = new Set<string>();
  for (const c of changes) {
    if (c.seq <= after || !topicsOf(c.action).includes("assessments")) continue;
    if (c.entityType !== "assessment" || !UUID.test(c.entityId)) return "all";
    ids.add(c.entityId);
  }
  return ids;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function newestEvent(db: Db): Promise<number> {
  const [r] = await db
    .select({ seq: sql<string>`coalesce(max(${auditEvents.seq}), 0)` })
    .from(auditEvents);
  return Number(r?.seq ?? 0);
}

/**
 * Texts the collations people use order otherwise than code points do: case, accents, a
 * hyphen or a space that a linguistic collation passes over, digits, and characters on
 * either side of U+E000 and beyond U+FFFF.
 */
const PROBE = [
  "a",
  "B",
  "a-c",
  "ab",
  "a c",
  "Z",
  "z",
  "é",
  "e",
  "10",
  "9",
  "\uE000",
  "\u{1F600}",
  "ä",
  "b",
];

/**
 * Whether the database orders the register's text columns by code point: each is declared
 * with the C collation (migration 0016), or uses the database's and that one puts PROBE in
 * code point order.
 */
export async function codePointOrder(db: Db): Promise<boolean> {
  // The probe's texts need UTF-8 (and the index's reading of the words assumes it).
  const encoding = rowsOf<{ e: string }>(
    await db.execute(sql`select current_setting('server_encoding') as e`),
  );
  if (encoding[0]?.e !== "UTF8") return false;
  const columns = rowsOf<{ collation: string }>(
    await db.execute(sql`select c.collname as collation from pg_attribute a
      join pg_collation c on c.oid = a.attcollation
      where a.attrelid = 'assessments'::regclass
        and a.attname in ('title', 'slug', 'outcome', 'next_review')`),
  );
  if (columns.length !== 4) return false;
  if (columns.every((c) => c.collation === "C" || c.collation === "POSIX")) return true;
  if (
    columns.some((c) => c.collation !== "C" && c.collation !== "POSIX" && c.collation !== "default")
  )
    return false;
  const r = rowsOf<{ ordered: string[] }>(
    await db.execute(
      sql`select array_agg(v order by v) as ordered from unnest(${sql.param(PROBE)}::text[]) as v`,
    ),
  );
  const ordered = r[0]?.ordered ?? [];
  const expected = [...PROBE].sort(codePointCompare);
  return ordered.length === expected.length && ordered.every((v, i) => v === expected[i]);
}
