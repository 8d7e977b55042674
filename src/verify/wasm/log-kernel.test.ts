import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RecordChecker } from "../checker.ts";
import { CombinedLogReader } from "../formats/combined-log.ts";
import { LineSplitter } from "../lines.ts";
import { CompiledSpec, type VerifyPlan } from "../spec.ts";
import { Tally } from "../tally.ts";
import { parseTimeString } from "../time.ts";
import { logKernel } from "./log-kernel.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const kernel = logKernel(64 * 1024, 64 * 1024);

/** Split `line` placed at `at` in the kernel's read buffer: the parts as text, and the clock. */
function split(line: string, at = 0) {
  const bytes = Buffer.from(line);
  const buf = kernel.readBuffer;
  // What follows the line must not matter: fill it with what would most mislead.
  buf.fill('"] ', at + bytes.length, at + bytes.length + 64);
  bytes.copy(buf, at);
  const base = buf.byteOffset;
  const e = at + bytes.length;
  const i = kernel.head(base, at, e);
  if (i < 0) return undefined;
  const clock = kernel.clock[0] as number;
  const n = kernel.tail(base, i, e, 7);
  if (n < 0) return undefined;
  const parts: string[] = [];
  for (let k = 0; k < n; k++)
    parts.push(buf.toString("utf8", kernel.ps[k] as number, kernel.pe[k] as number));
  return { parts, clock };
}

describe("the access-log kernel", () => {
  it("is assembled from its source as it is now", () => {
    // Exits non-zero, failing the test, when combined-log.wasm.ts is stale.
    execFileSync(process.execPath, ["scripts/build-wasm.mjs", "--check"], { cwd: root });
  });

  it("splits a combined line into its nine parts, wherever the line lies", () => {
    const line =
      '203.0.113.0 - alice [21/Nov/2026:10:00:00 +0100] "GET /a\\"b HTTP/1.1" 200 512 "https://x.example/" "Agent 1"';
    const want = [
      "203.0.113.0",
      "-",
      "alice",
      "21/Nov/2026:10:00:00 +0100",
      'GET /a\\"b HTTP/1.1',
      "200",
      "512",
      "https://x.example/",
      "Agent 1",
    ];
    for (const at of [0, 1, 2, 3, 4097]) {
      const r = split(line, at);
      expect(r?.parts).toEqual(want);
      expect(r?.clock).toBe(Date.UTC(2026, 10, 21, 9, 0, 0));
    }
  });

  it("reads the common format, bare and extra parts, and refuses what is no log line", () => {
    expect(split('h - - [x] "GET /" 200 -')?.parts).toEqual([
      "h",
      "-",
      "-",
      "x",
      "GET /",
      "200",
      "-",
    ]);
    expect(split('h - - [x] "r" 1 2 "a" "b" c "d e"')?.parts.slice(7)).toEqual([
      "a",
      "b",
      "c",
      "d e",
    ]);
    for (const bad of [
      "",
      "h - -",
      "h - - ",
      'h  - [x] "r" 1 2',
      'h - - x] "r" 1 2',
      'h - - [x "r" 1 2',
      'h - - [x]"r" 1 2',
      'h - - [x] "r 1 2',
      'h - - [x] "r"1 2',
      'h - - [x] "r" 1',
      'h - - [x] "r" 1 ',
      'h - - [x] "r" 1 2 "unclosed',
      'h - - [x] "r" 1 2  "a"x',
      `h - - [x] "r" 1 2${" p".repeat(18)}`,
    ])
      expect(split(bad), bad).toBeUndefined();
    expect(split(`h - - [x] "r" 1 2${" p".repeat(17)}`)?.parts).toHaveLength(24);
  });

  it("reads the usual clock exactly as the general time parser does", () => {
    const clocks = [
      "01/Jan/1970:00:00:00 +0000",
      "29/Feb/2024:23:59:60 -0130",
      "29/Feb/2023:00:00:00 +0000",
      "29/Feb/2000:12:00:00 +0000",
      "29/Feb/1900:12:00:00 +0000",
      "31/Apr/2026:00:00:00 +0000",
      "30/Apr/2026:24:00:00 +0000",
      "30/Apr/2026:23:60:00 +0000",
      "00/May/2026:10:00:00 +0000",
      "15/Jun/0000:10:00:00 +0000",
      "15/Jan/0000:10:00:00 +0000",
      "31/Dec/9999:23:59:59 +9999",
      "01/Jul/2026:1a:00:00 +0000",
      "01/Aug/2026:10:00:00 +00x0",
      "01/aug/2026:10:00:00 +0000",
      "01/Sep/2o26:10:00:00 +0000",
      ...["Mar", "May", "Oct", "Nov", "Dec"].map((m) => `28/${m}/2026:01:02:03 +0530`),
    ];
    for (const c of clocks) {
      const r = split(`h - - [${c}] "r" 1 2`);
      expect(r?.parts[3]).toBe(c);
      expect(r?.clock, c).toBe(parseTimeString(c));
    }
    // Not the usual shape: left to the general parser, with the first ] closing the part.
    expect(split('h - - [2026-11-21T10:00:00Z] "r" 1 2')?.clock).toBeNaN();
    expect(split('h - - [21/Nov/2026:10]00:00 +0000] "r" 1 2')).toBeUndefined();
  });

  it("judges lines read in place and lines copied in alike", () => {
    const plan: VerifyPlan = {
      fields: [
        { name: "ip_network", transformation: "ip-truncate", retentionDays: 1 },
        { name: "timestamp", retentionDays: 750 },
        { name: "page_path", transformation: "url-path-only", retentionDays: 750 },
        { name: "referrer", transformation: "referrer-host-only", retentionDays: 750 },
        { name: "user_agent", transformation: "user-agent-reduced", retentionDays: 750 },
      ],
      prohibited: [],
      today: "2026-11-22",
      examples: 5,
      maxLine: 4096,
      map: {},
    };
    const text = Buffer.from(
      [
        '203.0.113.7 - - [21/Nov/2026:10:00:00 +0000] "GET /p?q=1 HTTP/1.1" 200 5 "https://s.example/a" "Mozilla/5.0 (X11; Linux)"',
        '203.0.113.0 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "-"',
        "not a line",
        '2001:db8:1:2::3 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "-" extra',
      ].join("\n"),
    );
    const run = (feed: (s: LineSplitter, r: CombinedLogReader) => void) => {
      const tally = new Tally(5);
      const checker = new RecordChecker(new CompiledSpec(plan), tally);
      const reader = new CombinedLogReader(checker);
      const splitter = new LineSplitter(reader, plan.maxLine);
      feed(splitter, reader);
      splitter.finish();
      return tally.list();
    };
    const inPlace = run((s, r) => {
      const buf = r.readBuffer();
      text.copy(buf);
      s.push(buf.subarray(0, text.length));
    });
    const copied = run((s) => {
      for (let i = 0; i < text.length; i += 5) s.push(text.subarray(i, i + 5));
    });
    expect(inPlace.map((g) => [g.code, g.field, g.count])).toEqual([
      ["IPV4_NOT_TRUNCATED", "ip_network", 1],
      ["QUERY_STRING", "page_path", 1],
      ["FIELD_NOT_IN_SPEC", "status", 3],
      ["FIELD_NOT_IN_SPEC", "body_bytes_sent", 3],
      ["REFERRER_NOT_HOST_ONLY", "referrer", 1],
      ["USER_AGENT_RAW", "user_agent", 1],
      ["RETENTION_EXCEEDED", "ip_network", 1],
      ["MALFORMED_RECORD", "(line)", 1],
      ["IPV6_NOT_TRUNCATED", "ip_network", 1],
      ["FIELD_NOT_IN_SPEC", "extra_1", 1],
    ]);
    expect(copied).toEqual(inPlace);
  });
});
