/**
 * @module verify/checker
 * Judges one record at a time against the compiled specification. Format readers (JSON Lines,
 * CSV, access logs) call `begin`, then one method per field they find, then `end`; the
 * checker counts what breaks the specification in its tally. Examples are redacted here, at
 * the one place a value is looked at, so no reader can leak one into a report.
 */
import type { CompiledSpec, FieldRule, Resolution } from "./spec.ts";
import type { Tally } from "./tally.ts";
import { DAY_MS, dayStartMs, isoDay, parseTimeBytes, parseTimeString } from "./time.ts";
import {
  describeValue,
  findEmail,
  hasQueryString,
  IP_FULL,
  IP_NONE,
  ipv4Verdict,
  ipv4VerdictOf,
  ipv6Verdict,
  ipv6VerdictOf,
  isRawUserAgent,
  isRawUserAgentBytes,
  REFERRER_PATH,
  REFERRER_QUERY,
  redactEmails,
  redactIp,
  redactQuery,
  redactReferrer,
  redactUserAgent,
  referrerVerdict,
  referrerVerdictBytes,
} from "./values.ts";

/** What a reader already knows about a string's bytes, so the checker need not scan them again. */
export const HAS_AT = 1;
export const HAS_QUERY = 2;
export const HAS_PERCENT = 4;
export const HAS_ESCAPE = 16;
/** Flags not computed: the checker scans the bytes itself. */
export const FLAGS_UNKNOWN = -1;

/** What a value breaks, as bits of a verdict (`verdictBytes`). */
export const BROKEN_IPV4 = 1;
export const BROKEN_IPV6 = 2;
export const BROKEN_UA = 4;
export const BROKEN_REF_QUERY = 8;
export const BROKEN_REF_PATH = 16;
export const BROKEN_PATH_QUERY = 32;
export const BROKEN_EMAIL = 64;

export function flagsOf(buf: Uint8Array, s: number, e: number): number {
  let flags = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c === 64) flags |= HAS_AT;
    else if (c === 63) flags |= HAS_QUERY;
    else if (c === 37) flags |= HAS_PERCENT;
    else if (c === 92) flags |= HAS_ESCAPE;
  }
  return flags;
}

export class RecordChecker {
  records = 0;
  /** Records holding a field with a retention but no readable time, so unjudged for retention. */
  untimed = 0;
  private line = 0;
  private timeMs = Number.NaN;
  private shortest: FieldRule | undefined;
  private readonly todayStart: number;

  constructor(
    readonly spec: CompiledSpec,
    readonly tally: Tally,
  ) {
    this.todayStart = dayStartMs(spec.plan.today);
  }

  begin(line: number): void {
    this.line = line;
    this.timeMs = Number.NaN;
    this.shortest = undefined;
  }

  /**
   * A field the specification does not list, or prohibits. Only a description of the value
   * (its type and size) ever reaches an example.
   */
  other(res: Resolution, value: unknown, description?: string | (() => string)): void {
    if (res.kind === "field") return;
    const code = res.kind === "prohibited" ? "FIELD_PROHIBITED" : "FIELD_NOT_IN_SPEC";
    this.tally.hit(code, res.name, this.line, () => {
      const d = typeof description === "function" ? description() : description;
      return `${res.name} = ${d ?? describeValue(value)}`;
    });
  }

  /** A record's time from a field outside the specification (e.g. a log's own clock). */
  timeBytes(buf: Uint8Array, s: number, e: number): void {
    const t = parseTimeBytes(buf, s, e);
    if (!Number.isNaN(t)) this.timeMs = t;
  }

  /** A record's time a reader already parsed (with `parseTimeBytes`); NaN is no time. */
  timeKnown(ms: number): void {
    if (!Number.isNaN(ms)) this.timeMs = ms;
  }

  timeString(value: string): void {
    const t = parseTimeString(value);
    if (!Number.isNaN(t)) this.timeMs = t;
  }

  /** A non-string value (number, boolean) of a specification field. */
  present(field: FieldRule): void {
    if (field.retentionDays !== undefined) {
      const s = this.shortest;
      // The shortest retention decides; on a tie the time field names the group best.
      const r = s?.retentionDays;
      if (r === undefined || field.retentionDays < r || (field.retentionDays === r && field.isTime))
        this.shortest = field;
    }
  }

  /** A string value of a specification field, as raw bytes without escapes. */
  fieldBytes(
    field: FieldRule,
    isTime: boolean,
    buf: Buffer,
    s: number,
    e: number,
    knownFlags: number,
  ): void {
    if (e <= s) return;
    this.present(field);
    if (isTime) this.timeBytes(buf, s, e);
    // No @, ? or %: only the IP, user-agent and referrer tests can find anything.
    if (knownFlags === 0 && !field.ip && !field.ua && !field.refHost) return;
    const broken = this.verdictBytes(field, buf, s, e, knownFlags);
    if (broken !== 0) this.reportBytes(field, broken, buf, s, e);
  }

  /**
   * What a non-time value of a specification field breaks, as `BROKEN_*` bits: a function of
   * the field and the bytes only, so a reader may remember it for bytes it sees again and hand
   * it to `fieldVerdict` instead of calling `fieldBytes`.
   */
  verdictBytes(field: FieldRule, buf: Buffer, s: number, e: number, knownFlags: number): number {
    if (e <= s) return 0;
    const flags = knownFlags === FLAGS_UNKNOWN ? flagsOf(buf, s, e) : knownFlags;
    let broken = 0;
    if (field.ip) {
      const v4 = ipv4Verdict(buf, s, e);
      if (v4 === IP_FULL) broken |= BROKEN_IPV4;
      else if (v4 === IP_NONE && hasByte(buf, 58, s, e) && ipv6Verdict(buf, s, e) === IP_FULL)
        broken |= BROKEN_IPV6;
    }
    if (field.ua && isRawUserAgentBytes(buf, s, e)) broken |= BROKEN_UA;
    if (field.refHost) {
      const verdict = referrerVerdictBytes(buf, s, e);
      if (verdict === REFERRER_QUERY) broken |= BROKEN_REF_QUERY;
      else if (verdict === REFERRER_PATH) broken |= BROKEN_REF_PATH;
    }
    // The rare cases that need the text: a `?` in a path, an `@` or `%` anywhere.
    if (field.urlPath && flags & HAS_QUERY && hasQueryString(decode(buf, s, e)))
      broken |= BROKEN_PATH_QUERY;
    if (!field.allowsEmail && flags & (HAS_AT | HAS_PERCENT) && findEmail(decode(buf, s, e)))
      broken |= BROKEN_EMAIL;
    return broken;
  }

  /** A non-time value of a specification field whose `verdictBytes` the reader already has. */
  fieldVerdict(field: FieldRule, broken: number, buf: Buffer, s: number, e: number): void {
    if (e <= s) return;
    this.present(field);
    if (broken !== 0) this.reportBytes(field, broken, buf, s, e);
  }

  /** Count what `broken` says the value breaks, with the value (redacted) as the example. */
  private reportBytes(field: FieldRule, broken: number, buf: Buffer, s: number, e: number): void {
    const value = decode(buf, s, e);
    if (broken & BROKEN_IPV4) this.ipv4Full(field, value);
    if (broken & BROKEN_IPV6) this.ipv6Full(field, value);
    if (broken & BROKEN_UA) this.userAgentRaw(field, value);
    if (broken & BROKEN_REF_QUERY) this.referrerBroken(field, value, REFERRER_QUERY);
    if (broken & BROKEN_REF_PATH) this.referrerBroken(field, value, REFERRER_PATH);
    if (broken & BROKEN_PATH_QUERY) this.urlPath(field, value);
    if (broken & BROKEN_EMAIL) this.email(field, value);
  }

  /** A string value of a specification field. */
  fieldString(field: FieldRule, isTime: boolean, value: string): void {
    if (value === "") return;
    this.present(field);
    if (isTime) this.timeString(value);
    if (field.ip) {
      const v4 = ipv4VerdictOf(value);
      if (v4 === IP_FULL) this.ipv4Full(field, value);
      else if (v4 === IP_NONE) this.ipv6(field, value);
    }
    if (field.ua) this.userAgent(field, value);
    if (field.refHost) this.referrer(field, value);
    if (field.urlPath) this.urlPath(field, value);
    if (!field.allowsEmail) this.email(field, value);
  }

  end(): void {
    this.records++;
    const field = this.shortest;
    if (field === undefined) return;
    if (Number.isNaN(this.timeMs)) {
      this.untimed++;
      return;
    }
    if (this.timeMs < field.cutoffMs) {
      const t = this.timeMs;
      this.tally.hit("RETENTION_EXCEEDED", field.name, this.line, () => {
        const age = Math.floor((this.todayStart - t) / DAY_MS);
        return `${isoDay(t)}, ${age} days old; ${field.name} is kept ${field.retentionDays} day${field.retentionDays === 1 ? "" : "s"}`;
      });
    }
  }

  private ipv4Full(field: FieldRule, value: string): void {
    this.tally.hit("IPV4_NOT_TRUNCATED", field.name, this.line, () => redactIp(value));
  }

  private ipv6(field: FieldRule, value: string): void {
    if (ipv6VerdictOf(value) === IP_FULL) this.ipv6Full(field, value);
  }

  private ipv6Full(field: FieldRule, value: string): void {
    this.tally.hit("IPV6_NOT_TRUNCATED", field.name, this.line, () => redactIp(value));
  }

  private userAgent(field: FieldRule, value: string): void {
    if (isRawUserAgent(value)) this.userAgentRaw(field, value);
  }

  private userAgentRaw(field: FieldRule, value: string): void {
    this.tally.hit("USER_AGENT_RAW", field.name, this.line, () =>
      redactEmails(redactUserAgent(value)),
    );
  }

  private referrer(field: FieldRule, value: string): void {
    const verdict = referrerVerdict(value);
    if (verdict !== "ok")
      this.referrerBroken(field, value, verdict === "query" ? REFERRER_QUERY : REFERRER_PATH);
  }

  private referrerBroken(field: FieldRule, value: string, verdict: number): void {
    if (verdict === REFERRER_QUERY)
      this.tally.hit("QUERY_STRING", field.name, this.line, () => clip(redactQuery(value)));
    else
      this.tally.hit("REFERRER_NOT_HOST_ONLY", field.name, this.line, () =>
        clip(redactEmails(redactReferrer(value))),
      );
  }

  private urlPath(field: FieldRule, value: string): void {
    if (hasQueryString(value))
      this.tally.hit("QUERY_STRING", field.name, this.line, () => clip(redactQuery(value)));
  }

  private email(field: FieldRule, value: string): void {
    const m = findEmail(value);
    if (m)
      this.tally.hit("EMAIL_ADDRESS", field.name, this.line, () =>
        redactEmails(value.slice(m.start, m.end)),
      );
  }
}

function hasByte(buf: Buffer, byte: number, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] === byte) return true;
  return false;
}

function decode(buf: Buffer, s: number, e: number): string {
  return buf.toString("utf8", s, e);
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
