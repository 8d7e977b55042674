/**
 * @module store/cache
 * An in-process cache of read results (register pages, single assessments) and of the
 * principals behind session cookies and API tokens, so that a hot read costs no query.
 *
 * It is exact, not "eventually" fresh. Every state change appends an audit event (the one
 * chokepoint), and the audit trail doubles as the invalidation log:
 * - writes made through this process invalidate what they touch as soon as they commit;
 * - on PostgreSQL, where other instances write too, every read first waits for a check of the
 *   audit events appended since the last check (one indexed query, shared by all the reads
 *   that arrive while it is pending), and drops whatever those events touched. A write
 *   acknowledged by any instance before a request arrived is therefore seen by that request,
 *   and a revoked session or token, or a disabled user, is refused at once everywhere.
 * On PGlite one process owns the data directory (the lock), so its own writes are all there
 * is and a read needs no check. The register index (assessments/register-index.ts) follows the
 * same feed (`follow`): each check tells it what the events name, and on PGlite a register
 * page after this process wrote waits for one check.
 *
 * A load that was running when an invalidation happened is not stored (each topic has a
 * generation), and cached values are frozen: callers share them and must not change them.
 */

import { type AuditAction, isAuditAction } from "./audit-events.ts";

export type Topic = "assessments" | "principals";
const TOPICS: readonly Topic[] = ["assessments", "principals"];

const NOTHING: readonly Topic[] = [];
const ASSESSMENTS: readonly Topic[] = ["assessments"];
const PRINCIPALS: readonly Topic[] = ["principals"];

/**
 * What each audited action can make stale. A `Record` over every action, so the compiler
 * refuses a new action until it is given a line here.
 */
const TOPICS_OF: Readonly<Record<AuditAction, readonly Topic[]>> = {
  "assessment.create": ASSESSMENTS,
  "assessment.update": ASSESSMENTS,
  "assessment.delete": ASSESSMENTS,
  "assessment.submitted": ASSESSMENTS,
  "assessment.decision": ASSESSMENTS,
  "assessment.rejected": ASSESSMENTS,
  "assessment.superseded": ASSESSMENTS,
  "assessment.approved": ASSESSMENTS,
  "assessment.retired": ASSESSMENTS,
  // Working drafts are read uncached; saving one as a version is audited as assessment.update.
  "assessment.draft.saved": NOTHING,
  "assessment.draft.discarded": NOTHING,
  // Downloads change nothing.
  "assessment.export": NOTHING,
  "assessment.document": NOTHING,
  "register.export": NOTHING,
  "register.document": NOTHING,
  // Reviews and objections are read uncached; recording a review saves its version through
  // assessment.update, which drops what it must.
  "review.triggered": NOTHING,
  "review.recorded": NOTHING,
  "objection.recorded": NOTHING,
  "objection.decided": NOTHING,
  "settings.objections": NOTHING,
  // Comments and the sign-off settings are read uncached too; a decision that changes an
  // assessment's state is audited as assessment.*.
  "comment.created": NOTHING,
  "comment.resolved": NOTHING,
  "comment.reopened": NOTHING,
  "settings.sign-off": NOTHING,
  // A new session or token is not cached until first used; an ended one must not be served.
  "session.login": NOTHING,
  "token.create": NOTHING,
  "user.create": NOTHING,
  "session.logout": PRINCIPALS,
  "user.update": PRINCIPALS,
  "token.revoke": PRINCIPALS,
  // A backup only reads; after a restore the store empties the whole cache itself.
  "backup.create": NOTHING,
  "backup.restore": NOTHING,
};

/**
 * Which cached results an audited action can make stale. An action this version does not
 * know (written by a newer instance sharing the database) drops them all.
 */
export function topicsOf(action: string): readonly Topic[] {
  return isAuditAction(action) ? TOPICS_OF[action] : TOPICS;
}

/** One audited change: its sequence number, what was done, and to what. */
export interface Change {
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
}

/**
 * What was written since `after` (an audit sequence number): the changes in order, or "all"
 * when they are too many to list or `after` is `undefined` (from now on).
 */
export interface ChangeFeed {
  since(after: number | undefined): Promise<{ last: number; changes: Change[] | "all" }>;
}

/**
 * Something kept in step with the audit trail besides the cache's entries (the register's
 * index): told of every check's changes, and waited for before the reads the check answers.
 */
export interface Follower {
  /** The changes after the last ones it was told of, up to `last`; or "all" up to `last`. */
  follow(changes: readonly Change[] | "all", last: number): Promise<void>;
  /** Everything it knows is void (a restore replaced the database). */
  reset(): void;
}

export interface CacheOptions {
  /** Entries per topic; the oldest go first when it is full. */
  entries?: number;
  /**
   * The least time between the starts of two checks, in ms. Under load the next check would
   * otherwise start the moment one ends, keeping the database busy answering "nothing new";
   * waiting a little lets more reads share each check.
   */
  checkInterval?: number;
  /**
   * False: keep nothing, every read asks the database (`BASIS_READ_CACHE=off`, to measure
   * what the cache saves).
   */
  enabled?: boolean;
  /**
   * False when no other process writes to the database (PGlite, whose directory one process
   * holds): the feed is then read only after this process wrote, for the follower, since
   * this process's own writes drop the cache's entries when they commit.
   */
  othersWrite?: boolean;
}

class Shelf {
  readonly entries = new Map<string, unknown>();
  readonly loading = new Map<string, Promise<unknown>>();
  generation = 0;

  constructor(private readonly limit: number) {}

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  put(key: string, value: unknown): void {
    if (!this.entries.has(key) && this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }
}

interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
}

export interface ReadOptions<V> {
  /** Other keys the loaded value is also found under (an assessment by id and by slug). */
  aliases?: (value: NonNullable<V>) => string[];
}

export class StoreCache {
  private readonly shelves: Record<Topic, Shelf>;
  private seen: number | undefined;
  private checking = false;
  private waiting: Waiter[] = [];
  private lastCheck = Number.NEGATIVE_INFINITY;
  private readonly checkInterval: number;
  private readonly enabled: boolean;
  private readonly othersWrite: boolean;
  private follower: Follower | undefined;
  /** `wrote` when the last check began (with othersWrite false, no check is due until it moves). */
  private checkedWrites = 0;

  constructor(
    private readonly feed?: ChangeFeed,
    opts: CacheOptions = {},
  ) {
    const entries = opts.entries ?? 1000;
    this.shelves = { assessments: new Shelf(entries), principals: new Shelf(entries) };
    this.checkInterval = opts.checkInterval ?? 1;
    this.enabled = opts.enabled ?? true;
    this.othersWrite = opts.othersWrite ?? true;
  }

  /**
   * Takes the feed's position now, so the first check after it lists what changed since
   * (without it, the first check only learns where the feed stands).
   */
  async start(): Promise<void> {
    if (this.feed) this.seen = (await this.feed.since(undefined)).last;
  }

  /** Tell `follower` each check's changes; the reads a check answers wait for it too. */
  follow(follower: Follower): void {
    this.follower = follower;
  }

  /**
   * The cached value for `key`, or `load()`'s, stored when nothing changed meanwhile.
   * `undefined` is never stored, so a miss (an unknown token, a missing slug) always asks.
   */
  async read<V>(
    topic: Topic,
    key: string,
    load: () => Promise<V>,
    opts: ReadOptions<V> = {},
  ): Promise<V> {
    if (!this.enabled) return load();
    // Where no other process writes, this process's writes dropped what they touched.
    if (this.othersWrite) await this.fresh();
    const shelf = this.shelves[topic];
    if (shelf.entries.has(key)) return shelf.entries.get(key) as V;
    const pending = shelf.loading.get(key);
    if (pending) return pending as Promise<V>;
    const generation = shelf.generation;
    const loading = load().then(
      (value) => {
        if (shelf.generation !== generation) return value;
        shelf.loading.delete(key);
        if (value === undefined) return value;
        deepFreeze(value);
        shelf.put(key, value);
        for (const alias of opts.aliases?.(value as NonNullable<V>) ?? []) shelf.put(alias, value);
        return value;
      },
      (e: unknown) => {
        if (shelf.generation === generation) shelf.loading.delete(key);
        throw e;
      },
    );
    shelf.loading.set(key, loading);
    return loading;
  }

  private wrote = 0;

  /**
   * The writes this process has made or tried since it opened, a refused one included (the
   * embedded database's upkeep counts them).
   */
  get writes(): number {
    return this.wrote;
  }

  /** After a write of this process, done or not: counted, and what it may have changed dropped. */
  committed(actions: readonly string[]): void {
    this.wrote++;
    this.changed(actions);
  }

  /** Drop what the given audited actions may have changed. */
  changed(actions: readonly string[]): void {
    const topics = new Set(actions.flatMap((a) => topicsOf(a)));
    for (const t of topics) this.shelves[t].clear();
  }

  dropAll(): void {
    for (const t of TOPICS) this.shelves[t].clear();
  }

  /** Counts the resets: a check that began before one must not set the feed's position. */
  private epoch = 0;

  /** After the database was replaced: nothing kept is valid, the feed's position included. */
  reset(): void {
    this.epoch++;
    this.dropAll();
    this.seen = undefined;
    this.follower?.reset();
  }

  /**
   * Resolves once a check of the audit trail that began after this call has been applied.
   * Concurrent callers share one check; where no other process writes (PGlite), there is
   * none to wait for unless this process wrote since the last.
   */
  fresh(): Promise<void> {
    if (!this.feed) return Promise.resolve();
    if (!this.othersWrite && !this.checking && this.checkedWrites === this.wrote)
      return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.checking) {
        this.checking = true;
        // Started after the current task, so reads asked together share one check.
        queueMicrotask(() => void this.check());
      }
    });
  }

  private async check(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const early = this.lastCheck + this.checkInterval - performance.now();
        if (early > 0) await new Promise((r) => setTimeout(r, early));
        // Only callers already waiting when the query is sent are answered by it.
        this.lastCheck = performance.now();
        const batch = this.waiting;
        this.waiting = [];
        this.checkedWrites = this.wrote;
        try {
          await this.catchUp();
          for (const w of batch) w.resolve();
        } catch (e) {
          // Without the feed nothing cached can be trusted: start again from empty.
          this.seen = undefined;
          this.dropAll();
          this.checkedWrites = Number.NaN;
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.checking = false;
    }
  }

  private async catchUp(): Promise<void> {
    const feed = this.feed as ChangeFeed;
    const epoch = this.epoch;
    const { last, changes } = await feed.since(this.seen);
    // The database was replaced meanwhile (a restore): what was read is of the old one.
    if (epoch !== this.epoch) return;
    // This process's own writes dropped what they touched as they committed.
    if (this.seen === undefined || changes === "all") this.dropAll();
    else if (this.othersWrite) this.changed(changes.map((c) => c.action));
    await this.follower?.follow(changes, last);
    if (epoch === this.epoch) this.seen = last;
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
