/**
 * The store's cache on its own, with a change feed the test controls: which audited actions
 * drop what, that a check answers only the reads that were waiting when it began, that a load
 * overlapping a write is not kept, and that a feed that cannot be read drops everything.
 */
import { describe, expect, it } from "vitest";
import { type ChangeFeed, StoreCache, topicsOf } from "../src/store/cache.ts";

/** A feed whose answers the test releases one by one. */
function controlledFeed() {
  const calls: {
    after: number | undefined;
    answer(r: Awaited<ReturnType<ChangeFeed["since"]>> | Error): void;
  }[] = [];
  const feed: ChangeFeed = {
    since: (after) =>
      new Promise((resolve, reject) => {
        calls.push({ after, answer: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      }),
  };
  return { feed, calls };
}

const tick = () => new Promise((r) => setImmediate(r));

/** An audited change as the feed lists it (its sequence number does not matter here). */
const change = (action: string) => ({
  seq: 0,
  action,
  entityType: "assessment",
  entityId: "00000000-0000-4000-8000-000000000000",
});

describe("which cached reads an audited action drops", () => {
  it("drops pages and assessments on an assessment write, principals on sign-out, disable and revoke", () => {
    expect(topicsOf("assessment.update")).toEqual(["assessments"]);
    expect(topicsOf("assessment.delete")).toEqual(["assessments"]);
    expect(topicsOf("session.logout")).toEqual(["principals"]);
    expect(topicsOf("user.update")).toEqual(["principals"]);
    expect(topicsOf("token.revoke")).toEqual(["principals"]);
    expect(topicsOf("assessment.export")).toEqual([]);
    expect(topicsOf("session.login")).toEqual([]);
    expect(topicsOf("comment.created")).toEqual([]);
    expect(topicsOf("comment.resolved")).toEqual([]);
    expect(topicsOf("settings.sign-off")).toEqual([]);
  });

  it("drops everything on an action it does not know", () => {
    expect(topicsOf("approval.record")).toEqual(["assessments", "principals"]);
  });
});

describe("the cache turned off (BASIS_READ_CACHE=off)", () => {
  it("keeps nothing: every read loads", async () => {
    const cache = new StoreCache(undefined, { enabled: false });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.read("assessments", "k", load)).toBe(1);
    expect(await cache.read("assessments", "k", load)).toBe(2);
    expect(await cache.read("principals", "k", load)).toBe(3);
  });
});

describe("the cache on its own process's writes", () => {
  it("answers from the cache until a write touches it, and never stores a miss", async () => {
    const cache = new StoreCache();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.read("assessments", "k", load)).toBe(1);
    expect(await cache.read("assessments", "k", load)).toBe(1);
    cache.changed(["session.logout"]);
    expect(await cache.read("assessments", "k", load)).toBe(1);
    cache.changed(["assessment.update"]);
    expect(await cache.read("assessments", "k", load)).toBe(2);
    let misses = 0;
    const unknown = async () => {
      misses++;
      return undefined;
    };
    await cache.read("principals", "gone", unknown);
    await cache.read("principals", "gone", unknown);
    expect(misses).toBe(2);
  });

  it("does not keep a value whose load overlapped a write", async () => {
    const cache = new StoreCache();
    let release: (v: string) => void = () => {};
    const slow = cache.read("assessments", "k", () => new Promise<string>((r) => (release = r)));
    await tick();
    cache.changed(["assessment.update"]);
    release("before the write");
    expect(await slow).toBe("before the write");
    expect(await cache.read("assessments", "k", async () => "after the write")).toBe(
      "after the write",
    );
  });

  it("shares one load between concurrent readers and freezes what it keeps", async () => {
    const cache = new StoreCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await tick();
      return { nested: { title: "x" } };
    };
    const [a, b] = await Promise.all([
      cache.read("assessments", "k", load),
      cache.read("assessments", "k", load),
    ]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(Object.isFrozen(a.nested)).toBe(true);
  });
});

describe("the cache following other instances' writes", () => {
  it("answers each read only after a check that began after the read was asked", async () => {
    const { feed, calls } = controlledFeed();
    const cache = new StoreCache(feed, { checkInterval: 0 });
    const first = cache.fresh();
    const second = cache.fresh();
    await tick();
    // Asked together, they share one check.
    expect(calls).toHaveLength(1);
    const third = cache.fresh();
    calls[0]?.answer({ last: 10, changes: "all" });
    await Promise.all([first, second]);
    await tick();
    // The third read was asked while the first check was out: it needs a check of its own.
    expect(calls).toHaveLength(2);
    expect(calls[1]?.after).toBe(10);
    let answered = false;
    void third.then(() => (answered = true));
    await tick();
    expect(answered).toBe(false);
    calls[1]?.answer({ last: 10, changes: [] });
    await third;
  });

  it("drops what another instance's audited write touched", async () => {
    const { feed, calls } = controlledFeed();
    const cache = new StoreCache(feed, { checkInterval: 0 });
    const answer = async (r: Awaited<ReturnType<ChangeFeed["since"]>>) => {
      await tick();
      calls[calls.length - 1]?.answer(r);
    };
    let n = 0;
    const load = async () => ++n;
    const readAnswered = async (r: Awaited<ReturnType<ChangeFeed["since"]>>) => {
      const p = cache.read("principals", "session", load);
      await answer(r);
      return p;
    };
    expect(await readAnswered({ last: 1, changes: "all" })).toBe(1);
    expect(await readAnswered({ last: 2, changes: [change("assessment.update")] })).toBe(1);
    expect(await readAnswered({ last: 3, changes: [change("token.revoke")] })).toBe(2);
    expect(await readAnswered({ last: 3, changes: [] })).toBe(2);
  });

  it("asks the feed from its start after a reset, even when a check was out at the time", async () => {
    const { feed, calls } = controlledFeed();
    const cache = new StoreCache(feed, { checkInterval: 0 });
    const first = cache.fresh();
    await tick();
    calls[0]?.answer({ last: 5000, changes: "all" });
    await first;
    const second = cache.fresh();
    await tick();
    // A restore replaces the database (its audit trail numbered anew) while a check is out.
    cache.reset();
    calls[1]?.answer({ last: 5000, changes: [] });
    await second;
    const third = cache.fresh();
    await tick();
    expect(calls[1]?.after).toBe(5000);
    expect(calls[2]?.after).toBeUndefined();
    calls[2]?.answer({ last: 3, changes: "all" });
    await third;
  });

  it("drops everything and fails the read when the feed cannot be read, then starts afresh", async () => {
    const { feed, calls } = controlledFeed();
    const cache = new StoreCache(feed, { checkInterval: 0 });
    let n = 0;
    const load = async () => ++n;
    const ok = cache.read("assessments", "k", load);
    await tick();
    calls[0]?.answer({ last: 5, changes: "all" });
    expect(await ok).toBe(1);
    const lost = cache.read("assessments", "k", load);
    await tick();
    calls[1]?.answer(new Error("connection terminated"));
    await expect(lost).rejects.toThrow("connection terminated");
    const again = cache.read("assessments", "k", load);
    await tick();
    // It no longer trusts its position in the feed: it asks from now on, and reloads.
    expect(calls[2]?.after).toBeUndefined();
    calls[2]?.answer({ last: 9, changes: "all" });
    expect(await again).toBe(2);
  });
});
