import { describe, expect, it } from "vitest";
import { RecordChecker } from "./checker.ts";
import { CombinedLogReader } from "./formats/combined-log.ts";
import { CsvReader } from "./formats/csv.ts";
import { JsonLinesReader } from "./formats/jsonl.ts";
import type { RecordReader } from "./formats/reader.ts";
import { LineSplitter } from "./lines.ts";
import { CompiledSpec, type VerifyPlan } from "./spec.ts";
import { Tally } from "./tally.ts";

const AUDIT: VerifyPlan = {
  fields: [
    { name: "action", transformation: "enumeration", retentionDays: 2557 },
    { name: "actor_id", transformation: "pseudonymous-id", retentionDays: 2557 },
    { name: "ip_address", transformation: "ipv4-truncate-24", retentionDays: 2557 },
    { name: "timestamp", type: "ISO 8601 date-time", retentionDays: 2557 },
    { name: "geo.country", transformation: "coarse-location" },
    { name: "contact_email", type: "Email address" },
  ],
  prohibited: ["email", "user_name"],
  today: "2026-11-22",
  examples: 5,
  maxLine: 4096,
  map: {},
};

const WEB: VerifyPlan = {
  fields: [
    { name: "ip_network", transformation: "ip-truncate", retentionDays: 1 },
    { name: "timestamp", retentionDays: 750 },
    { name: "page_path", transformation: "url-path-only", retentionDays: 750 },
    { name: "status", retentionDays: 750 },
    { name: "bytes", retentionDays: 750 },
    { name: "referrer", transformation: "referrer-host-only", retentionDays: 750 },
    { name: "user_agent", transformation: "user-agent-reduced", retentionDays: 750 },
  ],
  prohibited: ["user_name"],
  today: "2026-11-22",
  examples: 5,
  maxLine: 4096,
  map: {},
};

type Make = (ck: RecordChecker, plan: VerifyPlan) => RecordReader;

/** Run a reader over text fed in small chunks; return counts as "RULE field" -> n. */
function scan(plan: VerifyPlan, make: Make, text: string | Buffer, chunk = 7) {
  const spec = new CompiledSpec(plan);
  const tally = new Tally(plan.examples);
  const checker = new RecordChecker(spec, tally);
  const reader = make(checker, plan);
  const splitter = new LineSplitter(reader, plan.maxLine);
  const data = typeof text === "string" ? Buffer.from(text) : text;
  for (let i = 0; i < data.length; i += chunk) splitter.push(data.subarray(i, i + chunk));
  splitter.finish();
  reader.finish();
  const counts: Record<string, number> = {};
  for (const g of tally.list()) counts[`${g.code} ${g.field}`] = g.count;
  return { counts, tally, records: checker.records, untimed: checker.untimed };
}

const jsonl: Make = (ck) => new JsonLinesReader(ck);
const csv: Make = (ck, plan) => new CsvReader(ck, plan.maxLine);
const log: Make = (ck) => new CombinedLogReader(ck);

describe("JSON Lines", () => {
  const clean =
    '{"action":"READ","actor_id":"0b6e","ip_address":"203.0.113.0","timestamp":"2026-11-01T10:00:00Z"}';

  it("passes a record that keeps every promise", () => {
    const r = scan(AUDIT, jsonl, `${clean}\n${clean}\n`);
    expect(r.counts).toEqual({});
    expect(r.records).toBe(2);
  });

  it("judges the same record the same way on the fast path and through the full parser", () => {
    const flat =
      '{"action":"READ","actor_id":"bob@example.org","ip_address":"203.0.113.9","timestamp":"2010-01-01T00:00:00Z","session_id":"s1","email":"x"}';
    // A nested value sends the line through JSON.parse; it is an extra field of its own.
    const nested = flat.replace("{", '{"meta":{"k":[1,2]},');
    const fast = scan(AUDIT, jsonl, flat).counts;
    const slow = scan(AUDIT, jsonl, nested).counts;
    expect(fast).toEqual({
      "FIELD_NOT_IN_SPEC session_id": 1,
      "FIELD_PROHIBITED email": 1,
      "IPV4_NOT_TRUNCATED ip_address": 1,
      "EMAIL_ADDRESS actor_id": 1,
      "RETENTION_EXCEEDED timestamp": 1,
    });
    expect(slow).toEqual({ ...fast, "FIELD_NOT_IN_SPEC meta": 1 });
  });

  it("decodes escaped strings before testing them", () => {
    const r = scan(
      AUDIT,
      jsonl,
      '{"actor_id":"bob\\u0040example.org","ip_address":"203.0.113.\\u0037"}',
    );
    expect(r.counts).toEqual({ "EMAIL_ADDRESS actor_id": 1, "IPV4_NOT_TRUNCATED ip_address": 1 });
  });

  it("counts null and empty values as absent", () => {
    expect(scan(AUDIT, jsonl, '{"email":null,"user_name":"","action":"READ"}').counts).toEqual({});
  });

  it("allows an email address in a field that promises one, but not in a hashed one", () => {
    const r = scan(AUDIT, jsonl, '{"contact_email":"a@example.org","actor_id":"a@example.org"}');
    expect(r.counts).toEqual({ "EMAIL_ADDRESS actor_id": 1 });
  });

  it("walks into an object the specification names fields inside, and matches prohibited names at any depth", () => {
    const r = scan(
      AUDIT,
      jsonl,
      '{"geo":{"country":"DE","city":"Berlin"},"user":{"email":"a@b.org"}}',
    );
    expect(r.counts).toEqual({
      "FIELD_NOT_IN_SPEC geo.city": 1,
      "FIELD_NOT_IN_SPEC user": 1,
    });
    const deep = scan(
      { ...AUDIT, fields: [...AUDIT.fields, { name: "user.id" }] },
      jsonl,
      '{"user":{"email":"a@b.org","id":"1"}}',
    );
    expect(deep.counts).toEqual({ "FIELD_PROHIBITED user.email": 1 });
  });

  it("reports malformed, truncated and non-object lines without echoing their content", () => {
    const r = scan(
      AUDIT,
      jsonl,
      `${clean}\n{"action":"READ","actor_id":"secret-value\n[1,2]\n"just text"\n${clean}`,
    );
    expect(r.counts).toEqual({ "MALFORMED_RECORD (line)": 3 });
    expect(r.records).toBe(2);
    const details = r.tally.list()[0]?.examples.map((e) => [e.line, e.detail]);
    expect(details).toEqual([
      [2, "not valid JSON (it ends early)"],
      [3, "not a JSON object (a list)"],
      [4, "not a JSON object (string)"],
    ]);
    expect(JSON.stringify(r.tally.list())).not.toContain("secret");
  });

  it("applies --map renames before matching the specification", () => {
    const plan = { ...AUDIT, map: { src_ip: "ip_address" } };
    expect(scan(plan, jsonl, '{"src_ip":"198.51.100.7"}').counts).toEqual({
      "IPV4_NOT_TRUNCATED ip_address": 1,
    });
  });

  it("counts records whose fields have a retention but whose time cannot be read", () => {
    const r = scan(AUDIT, jsonl, '{"action":"READ","timestamp":"yesterday"}\n{"action":"READ"}');
    expect(r.untimed).toBe(2);
    expect(r.counts).toEqual({});
  });

  it("keeps a record exactly at the edge of its retention and flags one a day older", () => {
    // today 2026-11-22, 2557 days: records from 2019-11-22 on are in time
    const keep = scan(AUDIT, jsonl, '{"action":"READ","timestamp":"2019-11-22T00:00:00Z"}');
    const drop = scan(AUDIT, jsonl, '{"action":"READ","timestamp":"2019-11-21T23:59:59Z"}');
    expect(keep.counts).toEqual({});
    expect(drop.counts).toEqual({ "RETENTION_EXCEEDED timestamp": 1 });
  });
});

describe("CSV", () => {
  it("reads a header, quoted fields, a field spanning lines and semicolons", () => {
    const text = [
      "action;ip_address;note;email",
      'READ;203.0.113.0;"said ""hi""; twice";',
      'READ;203.0.113.5;"line one',
      'line two";a@b.org',
      "READ;203.0.113.0;;",
    ].join("\r\n");
    const r = scan(AUDIT, csv, text);
    expect(r.records).toBe(3);
    expect(r.counts).toEqual({
      "FIELD_NOT_IN_SPEC note": 2,
      "IPV4_NOT_TRUNCATED ip_address": 1,
      "FIELD_PROHIBITED email": 1,
    });
    // the record that spans lines is reported at the line it starts on
    expect(r.tally.list().find((g) => g.code === "IPV4_NOT_TRUNCATED")?.examples[0]?.line).toBe(3);
  });

  it("reports a row with more fields than the header and a quote never closed", () => {
    const r = scan(AUDIT, csv, 'action,ip_address\nREAD,203.0.113.0,extra\n"READ,203.0.113.0\n');
    expect(r.counts).toEqual({ "MALFORMED_RECORD (line)": 2 });
  });
});

describe("combined access logs", () => {
  const line = (
    ip: string,
    req: string,
    ref: string,
    ua: string,
    user = "-",
    date = "21/Nov/2026:10:00:00 +0000",
  ) => `${ip} - ${user} [${date}] "${req}" 200 512 "${ref}" "${ua}"`;

  it("maps the log's parts to the specification's names and keeps clean lines clean", () => {
    const text = [
      line(
        "203.0.113.0",
        "GET /pricing HTTP/1.1",
        "https://news.example.com/",
        "Firefox 128 / Windows 10",
      ),
      line("2001:db8:12::", "GET / HTTP/2.0", "-", "-"),
    ].join("\n");
    expect(scan(WEB, log, text).counts).toEqual({});
  });

  it("finds full addresses, query strings, paths in referrers, raw agents, users and old lines", () => {
    const text = [
      line("203.0.113.7", "GET /p HTTP/1.1", "-", "-"),
      line("2001:db8:12:3::1", "GET /p HTTP/1.1", "-", "-"),
      line("203.0.113.0", "GET /p?id=7 HTTP/1.1", "https://s.example/?q=a%40b.org", "-"),
      line(
        "203.0.113.0",
        "GET /p HTTP/1.1",
        "https://news.example.com/story",
        "Mozilla/5.0 (X11; Linux x86_64)",
      ),
      line("203.0.113.0", "GET /p HTTP/1.1", "-", "-", "alice"),
      line("203.0.113.0", "GET /p HTTP/1.1", "-", "-", "-", "01/Jan/2024:00:00:00 +0000"),
    ].join("\n");
    expect(scan(WEB, log, text).counts).toEqual({
      "IPV4_NOT_TRUNCATED ip_network": 1,
      "IPV6_NOT_TRUNCATED ip_network": 1,
      "QUERY_STRING page_path": 1,
      "QUERY_STRING referrer": 1,
      "EMAIL_ADDRESS referrer": 1,
      "REFERRER_NOT_HOST_ONLY referrer": 1,
      "USER_AGENT_RAW user_agent": 1,
      "FIELD_PROHIBITED remote_user": 1,
      "RETENTION_EXCEEDED ip_network": 1,
    });
  });

  it("lets --map send a log part to a field the candidates would not pick", () => {
    const plan = { ...WEB, fields: [{ name: "ip_address" }, ...WEB.fields] };
    const text = line("203.0.113.7", "GET / HTTP/1.1", "-", "-");
    expect(scan(plan, log, text).counts).toEqual({});
    const mapped = { ...plan, map: { remote_addr: "ip_network" } };
    expect(scan(mapped, log, text).counts).toEqual({ "IPV4_NOT_TRUNCATED ip_network": 1 });
  });

  it("reads Apache-style escaped quotes and reports lines that are not access-log lines", () => {
    const text = [
      line("203.0.113.0", 'GET /a\\"b HTTP/1.1', "-", 'Agent \\"quoted\\"'),
      "this is not a log line",
      '203.0.113.0 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1',
    ].join("\n");
    expect(scan(WEB, log, text).counts).toEqual({ "MALFORMED_RECORD (line)": 2 });
  });

  it("dates lines by their clock whatever its shape, and splits at the first ]", () => {
    const at = (date: string) => line("203.0.113.0", "GET / HTTP/1.1", "-", "-", "-", date);
    const text = [
      at("21/Nov/2026:10:00:00 +0000"),
      at("21/Nov/2026:10:00:00 -0700"),
      at("01/Jan/2024:00:00:00 +0000"),
      // The usual length, but not a clock: still a line, undated.
      at("21/Nov/2026:10:00:00 *0000"),
      at("21/Xyz/2026:10:00:00 +0000"),
      // Other lengths: read by the general parser.
      at("01/Jan/2024:00:00:00"),
      at("2024-01-01T00:00:00Z"),
      // A ] inside what looks like the usual clock ends the part early: not a log line.
      at("21/Nov/2026:10]00:00 +0000"),
    ].join("\n");
    const r = scan(WEB, log, text);
    expect(r.counts).toEqual({
      "RETENTION_EXCEEDED ip_network": 3,
      "MALFORMED_RECORD (line)": 1,
    });
    expect(r.records).toBe(7);
    expect(r.untimed).toBe(2);
  });
});
