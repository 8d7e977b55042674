import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeAccessLog } from "../../test/support/verify-data.ts";
import { ByteCache } from "./byte-cache.ts";
import { RecordChecker } from "./checker.ts";
import { CombinedLogReader } from "./formats/combined-log.ts";
import { LineSplitter } from "./lines.ts";
import { CompiledSpec, type VerifyPlan } from "./spec.ts";
import { Tally } from "./tally.ts";
import { logKernel } from "./wasm/log-kernel.ts";

const kernel = logKernel(64 * 1024, 64 * 1024);

/** `text` at byte offset `at` of a larger buffer, so lookups start at every alignment. */
function placed(text: string, at: number): Buffer {
  const b = Buffer.alloc(at + text.length + 3, 0x2e);
  b.write(text, at, "latin1");
  return b;
}

describe("the bounded byte-string cache", () => {
  it("finds a key at any offset, and only when every byte matches", () => {
    const cache = new ByteCache(kernel, 64, 128, 1);
    const key = ' "https://news.example.com/" "Firefox 128 / Windows 10 / desktop"';
    const slot = cache.put(placed(key, 0), 0, key.length);
    cache.data[slot] = 42;
    for (let at = 0; at < 9; at++) {
      const b = placed(key, at);
      const found = cache.find(b, at, at + key.length);
      expect(found).toBe(slot);
      expect(cache.data[found]).toBe(42);
    }
    // Same length, same sampled bytes almost surely, one byte changed anywhere: never a hit.
    for (let k = 0; k < key.length; k++) {
      const other = key.slice(0, k) + (key[k] === "x" ? "y" : "x") + key.slice(k + 1);
      for (let at = 0; at < 4; at++)
        expect(cache.find(placed(other, at), at, at + other.length)).toBe(-1);
    }
    expect(cache.find(placed(key.slice(0, -1), 0), 0, key.length - 1)).toBe(-1);
  });

  it("holds at most its number of slots, and no key longer than its limit", () => {
    const cache = new ByteCache(kernel, 16, 40, 1);
    for (let i = 0; i < 1000; i++) {
      const k = Buffer.from(`"agent number ${i}"`);
      if (cache.find(k, 0, k.length) < 0 && cache.wants(k.length)) cache.put(k, 0, k.length);
    }
    expect(cache.size).toBeLessThanOrEqual(16);
    expect(cache.size).toBeGreaterThan(0);
    const long = Buffer.alloc(41, 0x61);
    expect(cache.wants(long.length)).toBe(false);
    expect(cache.find(long, 0, long.length)).toBe(-1);
    expect(() => cache.put(long, 0, long.length)).toThrow(RangeError);
  });

  it("shares the kernel's memo between caches without one ever seeing the other's keys", () => {
    const a = new ByteCache(kernel, 64, 128, 1);
    const b = new ByteCache(kernel, 32, 64, 1);
    const key = Buffer.from(' "https://a.example/" "bot"');
    const slot = a.put(key, 0, key.length);
    a.data[slot] = 7;
    expect(a.find(key, 0, key.length)).toBe(slot);
    // b takes the memo over, empty: a's key is not b's
    expect(b.find(key, 0, key.length)).toBe(-1);
    expect(b.size).toBe(0);
    b.put(key, 0, key.length);
    // and a, taking it back, starts empty too
    expect(a.find(key, 0, key.length)).toBe(-1);
    expect(a.size).toBe(0);
  });

  it("stops looking while values do not repeat, then looks again", () => {
    const cache = new ByteCache(kernel, 1024, 40, 1);
    const kept = Buffer.from("kept");
    cache.put(kept, 0, kept.length);
    expect(cache.find(kept, 0, kept.length)).toBeGreaterThanOrEqual(0);
    // A window of lookups that all miss: the cache backs off.
    for (let i = 0; i < 4096; i++) cache.find(Buffer.from(`unique ${i}`), 0, 9);
    expect(cache.wants(4)).toBe(false);
    expect(cache.find(kept, 0, kept.length)).toBe(-1);
    let again = -1;
    for (let i = 0; i < 200_000 && again < 0; i++) again = cache.find(kept, 0, kept.length);
    expect(again).toBeGreaterThanOrEqual(0);
  });
});

const TODAY = "2026-11-22";
const field = (name: string, transformation?: string, retentionDays = 750) => ({
  name,
  ...(transformation ? { transformation } : {}),
  retentionDays,
});
const WEB: VerifyPlan = {
  fields: [
    field("ip_network", "ip-truncate", 1),
    field("user_agent", "user-agent-reduced"),
    field("referrer", "referrer-host-only"),
    field("page_path", "url-path-only"),
    field("timestamp"),
    field("status"),
    field("bytes"),
  ] as VerifyPlan["fields"],
  prohibited: ["query_string"],
  today: TODAY,
  examples: 5,
  maxLine: 4096,
  map: {},
};
/** Neither the referrer nor the user agent is in the specification: each line reports both. */
const BARE: VerifyPlan = { ...WEB, fields: WEB.fields.slice(3) };

/** Lines that exercise the end of a line: escapes, extras, absent parts, odd spacing, long. */
const TRICKY = [
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://a.example/" "Mozilla \\"x\\" (a; b)"`,
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://a.example/\\x22q" "bot"`,
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "-"`,
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://a.example/" "bot" "extra"`,
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://a.example/" "bot" `,
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://a.example/?q=1" "bot`,
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 https://a.example/ bot`,
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://a.example/" "${"Chrome/1.2 ".repeat(60)}"`,
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://mail.example/?to=a%40b.org" "bot"`,
  `203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5`,
];

/** The web specification with the request id a log ends each line with. */
const WITH_IDS: VerifyPlan = {
  ...WEB,
  fields: [...WEB.fields, field("request_id")] as VerifyPlan["fields"],
  map: { extra_1: "request_id" },
};

function scan(plan: VerifyPlan, data: Buffer, cache: boolean, piece: number) {
  const tally = new Tally(plan.examples);
  const checker = new RecordChecker(new CompiledSpec(plan), tally);
  const reader = new CombinedLogReader(checker, { cache });
  const splitter = new LineSplitter(reader, plan.maxLine);
  for (let p = 0; p < data.length; p += piece) splitter.push(data.subarray(p, p + piece));
  splitter.finish();
  return {
    found: { groups: tally.list(), records: checker.records, untimed: checker.untimed },
    hits: reader.tails?.found ?? 0,
  };
}

describe("remembering the ends of access-log lines", () => {
  const dir = mkdtempSync(join(tmpdir(), "basis-tail-cache-"));
  const file = join(dir, "access.log");
  writeAccessLog(file, {
    records: 30_000,
    today: TODAY,
    seed: 7,
    plant: {
      fullIpv4: 300,
      fullIpv6: 300,
      pathQuery: 200,
      referrerQuery: 200,
      referrerPath: 200,
      rawUa: 300,
      user: 100,
      emailInReferrer: 100,
      expired: 100,
    },
  });
  // The tricky lines again and again, at shifting offsets, among the generated ones.
  const generated = readFileSync(file, "latin1").split("\n");
  rmSync(dir, { recursive: true, force: true });
  const lines: string[] = [];
  generated.forEach((l, i) => {
    lines.push(l);
    if (i % 7 === 0) lines.push(TRICKY[i % TRICKY.length] as string);
  });
  const data = Buffer.from(lines.join("\n"), "latin1");

  it.each([
    ["the web analytics specification", WEB],
    ["a specification without referrer or user agent", BARE],
  ])("finds exactly what it finds without the memo, against %s", (_name, plan) => {
    for (const piece of [1 << 16, 4099]) {
      const without = scan(plan, data, false, piece);
      const withCache = scan(plan, data, true, piece);
      expect(withCache.found).toEqual(without.found);
      expect(without.hits).toBe(0);
      // The memo did the work for most lines, so the comparison means something.
      expect(withCache.hits).toBeGreaterThan(lines.length / 2);
    }
    const { groups } = scan(plan, data, true, 1 << 16).found;
    expect(groups.length).toBeGreaterThan(3);
  });

  it("finds exactly what was planted when every line ends with a unique request id", () => {
    const ids = join(mkdtempSync(join(tmpdir(), "basis-tail-ids-")), "access.log");
    const planted = writeAccessLog(ids, {
      records: 30_000,
      today: TODAY,
      seed: 8,
      requestIds: true,
      plant: { fullIpv4: 300, referrerQuery: 200, referrerPath: 200, rawUa: 300 },
    }).planted;
    const unique = readFileSync(ids);
    rmSync(join(ids, ".."), { recursive: true, force: true });
    const without = scan(WITH_IDS, unique, false, 1 << 16);
    const withCache = scan(WITH_IDS, unique, true, 1 << 16);
    expect(withCache.found).toEqual(without.found);
    const counts = Object.fromEntries(
      withCache.found.groups.map((g) => [`${g.code} ${g.field}`, g.count]),
    );
    expect(counts).toEqual(planted);
    // No two lines end the same way: the memo soon stops looking.
    expect(withCache.hits).toBeLessThan(100);
  });
});
