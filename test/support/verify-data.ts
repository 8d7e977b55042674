/**
 * @module test/support/verify-data
 * Realistic data sets with planted violations, for the verify tests and benchmark:
 * audit events as JSON Lines (the `audit-logging` template's seven fields) and web-server
 * access logs in the combined format (the `cookieless-analytics` template's promises). Each
 * writer streams to disk in blocks, is deterministic for a seed, and returns exactly what it
 * planted as counts per rule and field, so a test can demand those counts and nothing else.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { VerifyRuleCode } from "../../src/verify/rules.ts";
import { DAY_MS, dayStartMs } from "../../src/verify/time.ts";

/** Expected findings: `"RULE field"` -> count. */
export type Planted = Record<string, number>;

export const key = (code: VerifyRuleCode, field: string) => `${code} ${field}`;

/** mulberry32: small, fast and good enough to vary test data deterministically. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A line's bytes wait in memory until this many have gathered. */
const FLUSH_AT = 1 << 20;
const HEX_DIGIT = Buffer.from("0123456789abcdef");

/**
 * Lines written as bytes straight into a buffer flushed to disk once it holds 1 MiB: no string
 * is made per field or line (making and joining them was most of the time, and garbage). Every
 * generated text is ASCII, so a character is a byte. `bytes` counts what was flushed so far, as
 * the `bytes` options' loops read it.
 */
class Writer {
  bytes = 0;
  private buf = Buffer.allocUnsafe(FLUSH_AT + (64 << 10));
  private pos = 0;
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  /** Room for `n` more bytes before the next flush. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** ASCII text. */
  text(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) throw new Error(`not ASCII: ${JSON.stringify(s)}`);
      buf[pos++] = c;
    }
    this.pos = pos;
  }

  /** One ASCII character by its code. */
  char(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  /** A whole number >= 0 in decimal; at least `width` digits, zero-padded. */
  int(v: number, width = 1): void {
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    const n = Math.max(digits, width);
    this.room(n);
    const buf = this.buf;
    let x = v;
    for (let i = this.pos + n - 1; i >= this.pos; i--) {
      buf[i] = 48 + (x % 10);
      x = Math.floor(x / 10);
    }
    this.pos += n;
  }

  /** The first `n` (at most 8) of the eight hex digits of the 32-bit `r`. */
  hex(r: number, n: number): void {
    this.room(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let shift = 28; shift > 28 - 4 * n; shift -= 4)
      buf[pos++] = HEX_DIGIT[(r >>> shift) & 15] as number;
    this.pos = pos;
  }

  /** End a line; flush once 1 MiB is waiting. */
  endLine(): void {
    this.char(10);
    if (this.pos >= FLUSH_AT) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.pos === 0) return;
    writeSync(this.fd, this.buf, 0, this.pos);
    this.bytes += this.pos;
    this.pos = 0;
  }
}

/** Choose which record gets which planted kind: disjoint, spread over the whole file. */
function plantPlan<K extends string>(
  records: number,
  counts: Record<K, number>,
  rnd: () => number,
): Map<number, K> {
  const plan = new Map<number, K>();
  for (const kind of Object.keys(counts) as K[]) {
    let left = counts[kind];
    if (left > records / 4) throw new Error(`too many planted ${kind} for ${records} records`);
    while (left > 0) {
      const at = Math.floor(rnd() * records);
      if (!plan.has(at)) {
        plan.set(at, kind);
        left--;
      }
    }
  }
  return plan;
}

/** A random 32-bit value: its hex digits are the data's random ids. */
const u32 = (rnd: () => number) => (rnd() * 0x100000000) >>> 0;
/** n (at most 8) random hex digits, as a string (made once per data set, not per line). */
const hex = (rnd: () => number, n: number) => u32(rnd).toString(16).padStart(8, "0").slice(0, n);
const MONTH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");
const dayCache = new Map<number, { iso: string; clf: string }>();
/** A day's ISO (YYYY-MM-DD) and common-log (dd/Mon/yyyy) forms, made once per day. */
function formsOf(day: number): { iso: string; clf: string } {
  let forms = dayCache.get(day);
  if (forms === undefined) {
    const d = new Date(day * DAY_MS);
    forms = {
      iso: d.toISOString().slice(0, 10),
      clf: `${two(d.getUTCDate())}/${MONTH[d.getUTCMonth()]}/${d.getUTCFullYear()}`,
    };
    if (dayCache.size < 10_000) dayCache.set(day, forms);
  }
  return forms;
}

/** `new Date(ms).toISOString()`, written without a Date per call. */
function writeIsoTime(w: Writer, ms: number): void {
  const day = Math.floor(ms / DAY_MS);
  w.text(formsOf(day).iso);
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  w.char(84); // T
  w.int(h, 2);
  w.char(58); // :
  w.int(m, 2);
  w.char(58);
  w.int(sec, 2);
  w.char(46); // .
  w.int(rest - sec * 1000, 3);
  w.char(90); // Z
}

/** A version-4 style id from six random values: 8-4-4-4-12 hex digits. */
function writeUuid(
  w: Writer,
  r0: number,
  r1: number,
  r2: number,
  r3: number,
  r4: number,
  r5: number,
) {
  w.hex(r0, 8);
  w.char(45); // -
  w.hex(r1, 4);
  w.text("-4");
  w.hex(r2, 3);
  w.text("-a");
  w.hex(r3, 3);
  w.char(45);
  w.hex(r4, 8);
  w.hex(r5, 4);
}
const uuid = (rnd: () => number) =>
  `${hex(rnd, 8)}-${hex(rnd, 4)}-4${hex(rnd, 3)}-a${hex(rnd, 3)}-${hex(rnd, 8)}${hex(rnd, 4)}`;
const octet = (rnd: () => number) => 1 + Math.floor(rnd() * 254);
const pickIndex = (rnd: () => number, length: number) => Math.floor(rnd() * length);

export interface AuditOptions {
  records?: number;
  /** Write until the file reaches this size instead of a record count. */
  bytes?: number;
  today: string;
  seed?: number;
  plant?: Partial<Record<AuditPlant, number>>;
}
export type AuditPlant = "fullIp" | "extraField" | "email" | "expired" | "emailInField";

const ACTIONS = ["CREATE", "READ", "UPDATE", "DELETE"];
const RESOURCES = ["COURSE", "USER", "ANNOTATION", "ASSIGNMENT", "SUBMISSION", "GRADE"];

/** Audit events matching the `audit-logging` template (ip /24, 2557-day retention). */
export function writeAuditEvents(
  path: string,
  opts: AuditOptions,
): { records: number; bytes: number; planted: Planted } {
  const rnd = random(opts.seed ?? 1);
  const records = opts.records ?? Math.ceil((opts.bytes ?? 0) / 200);
  const counts = { fullIp: 0, extraField: 0, email: 0, expired: 0, emailInField: 0, ...opts.plant };
  const plan = plantPlan(records, counts, rnd);
  const today = dayStartMs(opts.today);
  const tenants = Array.from({ length: 50 }, () => uuid(rnd));
  const w = new Writer(path);
  let written = 0;
  for (
    let i = 0;
    opts.bytes !== undefined ? w.bytes < opts.bytes || i < records : i < records;
    i++
  ) {
    const kind = plan.get(i);
    // The random values are drawn in the order the fields were always made in (so a seed gives
    // the same data as before), and written in the order of the line.
    // Clean records are at most 2000 days old: well inside the 2557-day retention.
    const age =
      kind === "expired"
        ? (2600 + Math.floor(rnd() * 400)) * DAY_MS
        : Math.floor(rnd() * 2000 * DAY_MS);
    const ip1 = octet(rnd);
    const ip2 = octet(rnd);
    const ip3 = octet(rnd);
    const ip4 = kind === "fullIp" ? octet(rnd) : 0;
    const actorIsEmail = kind === "emailInField";
    const a0 = actorIsEmail ? 0 : u32(rnd);
    const a1 = actorIsEmail ? 0 : u32(rnd);
    const a2 = actorIsEmail ? 0 : u32(rnd);
    const a3 = actorIsEmail ? 0 : u32(rnd);
    const a4 = actorIsEmail ? 0 : u32(rnd);
    const a5 = actorIsEmail ? 0 : u32(rnd);
    w.text('{"action":"');
    w.text(ACTIONS[pickIndex(rnd, ACTIONS.length)] as string);
    w.text('","resource_type":"');
    w.text(RESOURCES[pickIndex(rnd, RESOURCES.length)] as string);
    w.text('","resource_id":"');
    writeUuid(w, u32(rnd), u32(rnd), u32(rnd), u32(rnd), u32(rnd), u32(rnd));
    w.text('","actor_id":"');
    if (actorIsEmail) {
      w.text("student");
      w.int(i);
      w.text("@school.example");
    } else writeUuid(w, a0, a1, a2, a3, a4, a5);
    w.text('","tenant_id":"');
    w.text(tenants[pickIndex(rnd, tenants.length)] as string);
    w.text('","ip_address":"');
    w.int(ip1);
    w.char(46);
    w.int(ip2);
    w.char(46);
    w.int(ip3);
    w.char(46);
    w.int(ip4);
    w.text('","timestamp":"');
    writeIsoTime(w, today - age - 1000);
    w.char(34); // "
    if (kind === "extraField") {
      w.text(',"session_id":"');
      writeUuid(w, u32(rnd), u32(rnd), u32(rnd), u32(rnd), u32(rnd), u32(rnd));
      w.char(34);
    }
    if (kind === "email") {
      w.text(',"email":"user');
      w.int(i);
      w.text('@example.org"');
    }
    w.char(125); // }
    w.endLine();
    written++;
  }
  w.close();
  const planted: Planted = {};
  const add = (k: string, n: number) => {
    if (n > 0) planted[k] = (planted[k] ?? 0) + n;
  };
  add(key("IPV4_NOT_TRUNCATED", "ip_address"), counts.fullIp);
  add(key("FIELD_NOT_IN_SPEC", "session_id"), counts.extraField);
  add(key("FIELD_PROHIBITED", "email"), counts.email);
  add(key("RETENTION_EXCEEDED", "timestamp"), counts.expired);
  add(key("EMAIL_ADDRESS", "actor_id"), counts.emailInField);
  return { records: written, bytes: w.bytes, planted };
}

export interface AccessLogOptions {
  records?: number;
  bytes?: number;
  today: string;
  seed?: number;
  plant?: Partial<Record<AccessLogPlant, number>>;
  /**
   * End every line with a unique request id (nginx's `"$request_id"`, read as `extra_1`), as
   * a real log often does: then no two lines end the same way.
   */
  requestIds?: boolean;
}
export type AccessLogPlant =
  | "fullIpv4"
  | "fullIpv6"
  | "pathQuery"
  | "referrerQuery"
  | "referrerPath"
  | "rawUa"
  | "user"
  | "emailInReferrer"
  | "expired";

const PATHS = [
  "/",
  "/pricing",
  "/blog",
  "/blog/privacy-by-design",
  "/docs/install",
  "/about",
  "/contact",
];
const REFERRERS = [
  "https://news.example.com/",
  "https://search.example/",
  "android-app://com.example.reader/",
  "https://social.example.net",
];
const REDUCED_UA = [
  "Firefox 128 / Windows 10 / desktop",
  "Chrome 131 / Android 14 / mobile",
  "Safari 18 / macOS 15 / desktop",
  "Edge 130 / Windows 11 / desktop",
  "bot",
];
const RAW_UA = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "curl/8.5.0",
];

/** A time in the common log format (dd/Mon/yyyy:HH:MM:SS +0000). */
function writeClfDate(w: Writer, ms: number): void {
  const day = Math.floor(ms / DAY_MS);
  w.text(formsOf(day).clf);
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  const sec = Math.floor((rest - m * 60_000) / 1000);
  w.char(58); // :
  w.int(h, 2);
  w.char(58);
  w.int(m, 2);
  w.char(58);
  w.int(sec, 2);
  w.text(" +0000");
}

/**
 * Combined-format access log matching the `cookieless-analytics` promises (plus `status` and
 * `bytes`, which a spec must list to cover an access log): /24 and /48 networks, paths without
 * query strings, host-only referrers, reduced user agents, times within the last day.
 */
export function writeAccessLog(
  path: string,
  opts: AccessLogOptions,
): { records: number; bytes: number; planted: Planted } {
  const rnd = random(opts.seed ?? 2);
  const records = opts.records ?? Math.ceil((opts.bytes ?? 0) / 150);
  const counts = {
    fullIpv4: 0,
    fullIpv6: 0,
    pathQuery: 0,
    referrerQuery: 0,
    referrerPath: 0,
    rawUa: 0,
    user: 0,
    emailInReferrer: 0,
    expired: 0,
    ...opts.plant,
  };
  const plan = plantPlan(records, counts, rnd);
  const today = dayStartMs(opts.today);
  const w = new Writer(path);
  let written = 0;
  for (
    let i = 0;
    opts.bytes !== undefined ? w.bytes < opts.bytes || i < records : i < records;
    i++
  ) {
    const kind = plan.get(i);
    // The random values are drawn in the order the fields were always made in (so a seed gives
    // the same data as before), and written in the order of the line.
    // The network is kept one day: clean lines fall within the day before `today`.
    const t =
      kind === "expired"
        ? today - (800 + Math.floor(rnd() * 100)) * DAY_MS
        : today - 1 - Math.floor(rnd() * (DAY_MS - 1000));
    if (kind === "fullIpv6") {
      w.text("2001:db8:");
      w.hex(u32(rnd), 4);
      w.char(58); // :
      w.hex(u32(rnd), 3);
      w.text("1::");
      w.hex(u32(rnd), 2);
      w.char(49); // 1
    } else if (kind === "fullIpv4") {
      w.int(octet(rnd));
      w.char(46); // .
      w.int(octet(rnd));
      w.char(46);
      w.int(octet(rnd));
      w.char(46);
      w.int(octet(rnd));
    } else if (rnd() < 0.2) {
      w.text("2001:db8:");
      w.hex(u32(rnd), 4);
      w.text("::");
    } else {
      w.int(octet(rnd));
      w.char(46);
      w.int(octet(rnd));
      w.char(46);
      w.int(octet(rnd));
      w.text(".0");
    }
    w.text(" - ");
    if (kind === "user") {
      w.text("member");
      w.int(i);
    } else w.char(45); // -
    w.text(" [");
    writeClfDate(w, t);
    w.text('] "GET ');
    w.text(PATHS[pickIndex(rnd, PATHS.length)] as string);
    if (rnd() < 0.5) {
      w.char(47); // /
      w.int(Math.floor(rnd() * 1000));
    }
    if (kind === "pathQuery") {
      w.text("?utm_source=newsletter&id=");
      w.hex(u32(rnd), 8);
    }
    w.text(' HTTP/1.1" ');
    const referrer = REFERRERS[pickIndex(rnd, REFERRERS.length)] as string;
    const referrerId = kind === "referrerQuery" || kind === "referrerPath" ? u32(rnd) : 0;
    const ua =
      kind === "rawUa"
        ? (RAW_UA[pickIndex(rnd, RAW_UA.length)] as string)
        : (REDUCED_UA[pickIndex(rnd, REDUCED_UA.length)] as string);
    const status = rnd() < 0.9 ? 200 : 404;
    const r0 = opts.requestIds ? u32(rnd) : 0;
    const r1 = opts.requestIds ? u32(rnd) : 0;
    const r2 = opts.requestIds ? u32(rnd) : 0;
    const r3 = opts.requestIds ? u32(rnd) : 0;
    w.int(status);
    w.char(32);
    w.int(Math.floor(rnd() * 50000));
    w.text(' "');
    if (kind === "referrerQuery") {
      w.text("https://search.example/?q=");
      w.hex(referrerId, 6);
    } else if (kind === "referrerPath") {
      w.text("https://news.example.com/story/");
      w.hex(referrerId, 6);
    } else if (kind === "emailInReferrer") {
      w.text("https://mail.example/?to=reader");
      w.int(i);
      w.text("%40example.org");
    } else w.text(referrer);
    w.text('" "');
    w.text(ua);
    w.char(34); // "
    if (opts.requestIds) {
      w.text(' "');
      w.hex(r0, 8);
      w.hex(r1, 8);
      w.hex(r2, 8);
      w.hex(r3, 8);
      w.char(34);
    }
    w.endLine();
    written++;
  }
  w.close();
  const planted: Planted = {};
  const add = (k: string, n: number) => {
    if (n > 0) planted[k] = (planted[k] ?? 0) + n;
  };
  add(key("IPV4_NOT_TRUNCATED", "ip_network"), counts.fullIpv4);
  add(key("IPV6_NOT_TRUNCATED", "ip_network"), counts.fullIpv6);
  add(key("QUERY_STRING", "page_path"), counts.pathQuery);
  add(key("QUERY_STRING", "referrer"), counts.referrerQuery + counts.emailInReferrer);
  add(key("EMAIL_ADDRESS", "referrer"), counts.emailInReferrer);
  add(key("REFERRER_NOT_HOST_ONLY", "referrer"), counts.referrerPath);
  add(key("USER_AGENT_RAW", "user_agent"), counts.rawUa);
  add(key("FIELD_NOT_IN_SPEC", "remote_user"), counts.user);
  add(key("RETENTION_EXCEEDED", "ip_network"), counts.expired);
  return { records: written, bytes: w.bytes, planted };
}
