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

interface Writer {
  line(text: string): void;
  close(): void;
  bytes: number;
}

function writer(path: string): Writer {
  const fd = openSync(path, "w");
  let block: string[] = [];
  let pending = 0;
  const w: Writer = {
    bytes: 0,
    line(text) {
      block.push(text);
      pending += text.length + 1;
      if (pending >= 1 << 20) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
  function flush() {
    if (block.length === 0) return;
    const buf = Buffer.from(`${block.join("\n")}\n`);
    writeSync(fd, buf);
    w.bytes += buf.length;
    block = [];
    pending = 0;
  }
  return w;
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

/** Every 16-bit value as four hex digits: formatting numbers one by one is the slow part. */
const HEX4 = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, "0"));
/** n (at most 8) random hex digits. */
const hex = (rnd: () => number, n: number) => {
  const r = (rnd() * 0x100000000) >>> 0;
  const h = (HEX4[r >>> 16] as string) + (HEX4[r & 0xffff] as string);
  return n === 8 ? h : h.slice(0, n);
};
const MONTH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const dayCache = new Map<number, { iso: string; clf: string }>();
/** A day's ISO (YYYY-MM-DD) and common-log (dd/Mon/yyyy) forms, made once per day. */
function dayOf(ms: number): { day: number; iso: string; clf: string } {
  const day = Math.floor(ms / DAY_MS);
  let forms = dayCache.get(day);
  if (forms === undefined) {
    const d = new Date(day * DAY_MS);
    forms = {
      iso: d.toISOString().slice(0, 10),
      clf: `${TWO[d.getUTCDate()]}/${MONTH[d.getUTCMonth()]}/${d.getUTCFullYear()}`,
    };
    if (dayCache.size < 10_000) dayCache.set(day, forms);
  }
  return { day, ...forms };
}

/** `toISOString()` without a Date per call. */
function isoTime(ms: number): string {
  const { day, iso } = dayOf(ms);
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  return `${iso}T${TWO[h]}:${TWO[m]}:${TWO[sec]}.${THREE[milli]}Z`;
}
const uuid = (rnd: () => number) =>
  `${hex(rnd, 8)}-${hex(rnd, 4)}-4${hex(rnd, 3)}-a${hex(rnd, 3)}-${hex(rnd, 8)}${hex(rnd, 4)}`;
const octet = (rnd: () => number) => 1 + Math.floor(rnd() * 254);
const pick = <T>(rnd: () => number, list: readonly T[]): T =>
  list[Math.floor(rnd() * list.length)] as T;

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
  const w = writer(path);
  let written = 0;
  for (
    let i = 0;
    opts.bytes !== undefined ? w.bytes < opts.bytes || i < records : i < records;
    i++
  ) {
    const kind = plan.get(i);
    // Clean records are at most 2000 days old: well inside the 2557-day retention.
    const age =
      kind === "expired"
        ? (2600 + Math.floor(rnd() * 400)) * DAY_MS
        : Math.floor(rnd() * 2000 * DAY_MS);
    const ts = isoTime(today - age - 1000);
    const ip = `${octet(rnd)}.${octet(rnd)}.${octet(rnd)}.${kind === "fullIp" ? octet(rnd) : 0}`;
    const actor = kind === "emailInField" ? `student${i}@school.example` : uuid(rnd);
    let line = `{"action":"${pick(rnd, ACTIONS)}","resource_type":"${pick(rnd, RESOURCES)}","resource_id":"${uuid(rnd)}","actor_id":"${actor}","tenant_id":"${pick(rnd, tenants)}","ip_address":"${ip}","timestamp":"${ts}"`;
    if (kind === "extraField") line += `,"session_id":"${uuid(rnd)}"`;
    if (kind === "email") line += `,"email":"user${i}@example.org"`;
    w.line(`${line}}`);
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

function clfDate(ms: number): string {
  const { day, clf } = dayOf(ms);
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  const sec = Math.floor((rest - m * 60_000) / 1000);
  return `${clf}:${TWO[h]}:${TWO[m]}:${TWO[sec]} +0000`;
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
  const w = writer(path);
  let written = 0;
  for (
    let i = 0;
    opts.bytes !== undefined ? w.bytes < opts.bytes || i < records : i < records;
    i++
  ) {
    const kind = plan.get(i);
    // The network is kept one day: clean lines fall within the day before `today`.
    const t =
      kind === "expired"
        ? today - (800 + Math.floor(rnd() * 100)) * DAY_MS
        : today - 1 - Math.floor(rnd() * (DAY_MS - 1000));
    let ip: string;
    if (kind === "fullIpv6") ip = `2001:db8:${hex(rnd, 4)}:${hex(rnd, 3)}1::${hex(rnd, 2)}1`;
    else if (kind === "fullIpv4") ip = `${octet(rnd)}.${octet(rnd)}.${octet(rnd)}.${octet(rnd)}`;
    else if (rnd() < 0.2) ip = `2001:db8:${hex(rnd, 4)}::`;
    else ip = `${octet(rnd)}.${octet(rnd)}.${octet(rnd)}.0`;
    const user = kind === "user" ? `member${i}` : "-";
    let request = `GET ${pick(rnd, PATHS)}${rnd() < 0.5 ? `/${Math.floor(rnd() * 1000)}` : ""}`;
    if (kind === "pathQuery") request += `?utm_source=newsletter&id=${hex(rnd, 8)}`;
    let referrer = pick(rnd, REFERRERS);
    if (kind === "referrerQuery") referrer = `https://search.example/?q=${hex(rnd, 6)}`;
    if (kind === "referrerPath") referrer = `https://news.example.com/story/${hex(rnd, 6)}`;
    if (kind === "emailInReferrer") referrer = `https://mail.example/?to=reader${i}%40example.org`;
    const ua = kind === "rawUa" ? pick(rnd, RAW_UA) : pick(rnd, REDUCED_UA);
    const status = rnd() < 0.9 ? 200 : 404;
    const id = opts.requestIds ? ` "${hex(rnd, 8)}${hex(rnd, 8)}${hex(rnd, 8)}${hex(rnd, 8)}"` : "";
    w.line(
      `${ip} - ${user} [${clfDate(t)}] "${request} HTTP/1.1" ${status} ${Math.floor(rnd() * 50000)} "${referrer}" "${ua}"${id}`,
    );
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
