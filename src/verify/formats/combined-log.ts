/**
 * @module verify/formats/combined-log
 * Apache and nginx access logs in the common and combined formats:
 *
 *   remote_addr ident remote_user [time_local] "request" status body_bytes_sent "http_referer" "http_user_agent"
 *
 * Each part is checked as the specification field it maps to: the first of its candidate
 * names the specification lists (fields or prohibited), else the part's own name, which is
 * then reported as a field the specification lacks. `--map part=field` overrides the choice.
 * A part holding `-` is absent. Quoted parts may escape quotes as `\"` (Apache) or `\x22`
 * (nginx). Anything after the user agent is read as `extra_1`, `extra_2`, ….
 *
 * The end of a line, from the referrer on, repeats heavily (a few referrers and user agents
 * make most of a real log): its split and the verdicts on its two parts are remembered per
 * distinct byte string in a bounded `ByteCache`, and replayed for a line ending the same way.
 */
import { ByteCache } from "../byte-cache.ts";
import type { RecordChecker } from "../checker.ts";
import type { FieldRule, Resolution } from "../spec.ts";
import { parseTimeBytes } from "../time.ts";
import { RecordReader, SLOT_BACKSLASH } from "./reader.ts";

/** Log part -> specification names to try, in order. Documented in the verify README. */
export const LOG_FIELD_CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  remote_addr: ["ip_address", "remote_addr", "ip", "client_ip", "ip_network", "ip_prefix"],
  ident: ["ident"],
  remote_user: ["remote_user", "user", "username", "user_name"],
  time_local: ["timestamp", "time_local", "time", "ts", "datetime"],
  request: ["request", "url", "path", "page_path", "url_path", "page"],
  status: ["status", "status_code", "http_status"],
  body_bytes_sent: ["bytes", "body_bytes_sent", "bytes_sent", "size"],
  http_referer: ["referrer", "http_referer", "referer"],
  http_user_agent: ["user_agent", "http_user_agent", "ua"],
};
export const LOG_PARTS = Object.keys(LOG_FIELD_CANDIDATES);
const TIME_PART = 3;
const MAX_PARTS = 24;
/** The referrer and the user agent: the parts of the line's remembered end. */
const TAIL_FIRST = 7;
const TAIL_PARTS = 2;
/** Payload of a remembered end: part offsets from its first byte, then the two verdicts. */
const TAIL_WIDTH = 6;
const TAIL_SLOTS = 1024;
const TAIL_MAX_BYTES = 512;

export class CombinedLogReader extends RecordReader {
  private readonly parts: Resolution[];
  /** Per part, its specification field or undefined: one load per part on the hot path. */
  private readonly fields: (FieldRule | undefined)[];
  /** The time part is no time field: the log's clock is read from it all the same. */
  private readonly clockApart: boolean;
  private readonly extras: Resolution[] = [];
  private readonly ps = new Int32Array(MAX_PARTS);
  private readonly pe = new Int32Array(MAX_PARTS);
  /** Remembered line ends; undefined when a tail part is a time field (its parse is not kept). */
  readonly tails: ByteCache | undefined;
  /** For the current line: the slot its end was found in (`tailHit`) or is being stored in. */
  private tailSlot = -1;
  private tailHit = false;
  /** The current line's clock when `split` read it in place, else NaN. */
  private clock = Number.NaN;

  /** `cache: false` turns the memo of line ends off, for tests that compare the two. */
  constructor(checker: RecordChecker, options: { cache?: boolean } = {}) {
    super(checker);
    const spec = checker.spec;
    this.parts = LOG_PARTS.map((part) => {
      const res = spec.renames(part)
        ? spec.resolve(part)
        : spec.resolveAny(LOG_FIELD_CANDIDATES[part] as readonly string[]);
      // A part outside the specification is reported by the log's own name for it.
      return res.kind === "field" ? res : { ...res, name: part };
    });
    this.fields = this.parts.map((r) => (r.kind === "field" ? r.field : undefined));
    this.clockApart = !(this.parts[TIME_PART] as Resolution).isTime;
    const tailTimed = this.parts
      .slice(TAIL_FIRST, TAIL_FIRST + TAIL_PARTS)
      .some((r) => r.kind === "field" && r.isTime);
    this.tails =
      options.cache === false || tailTimed
        ? undefined
        : new ByteCache(TAIL_SLOTS, TAIL_MAX_BYTES, TAIL_WIDTH);
  }

  line(buf: Buffer, s: number, e: number, line: number): void {
    const n = this.split(buf, s, e);
    if (n < 0) {
      this.malformed(line, "not a common or combined access-log line");
      return;
    }
    const ck = this.checker;
    ck.begin(line);
    // Most lines hold none of the rare bytes (@, ?, %): then no part needs a closer look.
    const plain = this.plain(buf, s, e);
    for (let k = 0; k < n; k++) {
      const ps = this.ps[k] as number;
      const pe = this.pe[k] as number;
      if (pe === ps || (pe === ps + 1 && buf[ps] === 45)) continue; // "-" or empty: absent
      const field = k < LOG_PARTS.length ? this.fields[k] : undefined;
      if (field === undefined) this.otherPart(k, buf, ps, pe, plain);
      else if (k === TIME_PART && field.isTime && !Number.isNaN(this.clock)) {
        ck.fieldBytes(field, false, buf, ps, pe, plain ? 0 : this.flagsAt(buf, ps, pe));
        ck.timeKnown(this.clock);
      } else if (this.tailSlot < 0 || k < TAIL_FIRST)
        ck.fieldBytes(field, field.isTime, buf, ps, pe, plain ? 0 : this.flagsAt(buf, ps, pe));
      else {
        // A tail part (never a time field): its verdict is remembered, or is remembered now.
        const at = this.tailSlot * TAIL_WIDTH + 4 + k - TAIL_FIRST;
        const data = (this.tails as ByteCache).data;
        if (!this.tailHit)
          data[at] = ck.verdictBytes(field, buf, ps, pe, plain ? 0 : this.flagsAt(buf, ps, pe));
        ck.fieldVerdict(field, data[at] as number, buf, ps, pe);
      }
      // The log's own clock dates the record even when the spec names no time field.
      if (k === TIME_PART && this.clockApart) {
        if (Number.isNaN(this.clock)) ck.timeBytes(buf, ps, pe);
        else ck.timeKnown(this.clock);
      }
    }
    ck.end();
  }

  /** A part outside the specification, or past the user agent (which `--map` may name). */
  private otherPart(k: number, buf: Buffer, ps: number, pe: number, plain: boolean): void {
    const res = k < this.parts.length ? (this.parts[k] as Resolution) : this.extra(k);
    if (res.kind === "field")
      this.checker.fieldBytes(
        res.field,
        res.isTime,
        buf,
        ps,
        pe,
        plain ? 0 : this.flagsAt(buf, ps, pe),
      );
    else this.checker.other(res, "", () => `<${pe - ps} bytes>`);
  }

  private extra(k: number): Resolution {
    const i = k - this.parts.length;
    let r = this.extras[i];
    if (r === undefined) {
      r = this.checker.spec.resolve(`extra_${i + 1}`);
      this.extras[i] = r;
    }
    return r;
  }

  /** Positions of the parts in `ps`/`pe`; the number of parts, or -1 when not a log line. */
  private split(buf: Buffer, s: number, e: number): number {
    this.tailSlot = -1;
    let i = s;
    let n = 0;
    // remote_addr, ident, remote_user: space-separated tokens
    for (; n < 3; n++) {
      let sp = i;
      while (sp < e && buf[sp] !== 32) sp++;
      if (sp >= e || sp === i) return -1;
      this.ps[n] = i;
      this.pe[n] = sp;
      i = sp + 1;
    }
    if (buf[i] !== 91) return -1;
    // The usual clock, `dd/Mon/yyyy:HH:MM:SS +zzzz`, read in place: once it parses, none of
    // its bytes is a `]`, so the one after it is the first and no search is needed.
    let close = -1;
    this.clock = Number.NaN;
    if (i + 27 < e && buf[i + 27] === 93 && clfShape(buf, i + 1)) {
      this.clock = parseTimeBytes(buf, i + 1, i + 27);
      if (!Number.isNaN(this.clock)) close = i + 27;
    }
    if (close < 0) close = buf.indexOf(93, i);
    if (close < 0 || close >= e) return -1;
    this.ps[n] = i + 1;
    this.pe[n] = close;
    n++;
    i = close + 1;
    // request in quotes
    if (buf[i] !== 32 || buf[i + 1] !== 34) return -1;
    i = this.quoted(buf, i + 1, e, n++);
    if (i < 0) return -1;
    // status and bytes
    for (let k = 0; k < 2; k++) {
      if (buf[i] !== 32) return -1;
      i++;
      let j = i;
      while (j < e && buf[j] !== 32) j++;
      if (j === i) return -1;
      this.ps[n] = i;
      this.pe[n] = j;
      n++;
      i = j;
    }
    const tails = this.tails;
    if (tails !== undefined && i < e) {
      const slot = tails.find(buf, i, e);
      if (slot >= 0) {
        // The same bytes split the same way and get the same verdicts.
        const data = tails.data;
        const at = slot * TAIL_WIDTH;
        for (let k = 0; k < TAIL_PARTS; k++) {
          this.ps[n + k] = i + (data[at + 2 * k] as number);
          this.pe[n + k] = i + (data[at + 2 * k + 1] as number);
        }
        this.tailSlot = slot;
        this.tailHit = true;
        return n + TAIL_PARTS;
      }
    }
    const tail = i;
    // referrer, user agent and any extras: quoted or bare, space-separated
    while (i < e) {
      if (buf[i] !== 32) return -1;
      i++;
      if (i === e) break;
      if (n === MAX_PARTS) return -1;
      if (buf[i] === 34) {
        i = this.quoted(buf, i, e, n++);
        if (i < 0) return -1;
      } else {
        let j = i;
        while (j < e && buf[j] !== 32) j++;
        this.ps[n] = i;
        this.pe[n] = j;
        n++;
        i = j;
      }
    }
    // Exactly a referrer and a user agent: remember this end of line for the next one.
    if (tails !== undefined && n === TAIL_FIRST + TAIL_PARTS && tails.wants(e - tail)) {
      const slot = tails.put(buf, tail, e);
      const data = tails.data;
      const at = slot * TAIL_WIDTH;
      for (let k = 0; k < TAIL_PARTS; k++) {
        data[at + 2 * k] = (this.ps[TAIL_FIRST + k] as number) - tail;
        data[at + 2 * k + 1] = (this.pe[TAIL_FIRST + k] as number) - tail;
        data[at + 4 + k] = 0;
      }
      this.tailSlot = slot;
      this.tailHit = false;
    }
    return n;
  }

  /** A quoted part starting at the quote `q`; the offset after the closing quote, or -1. */
  private quoted(buf: Buffer, q: number, e: number, n: number): number {
    let i = q + 1;
    if (this.next(SLOT_BACKSLASH, buf, i) >= e) {
      // No escape on the rest of the line: the next quote closes the part.
      i = buf.indexOf(34, i);
      if (i < 0) i = e;
    } else
      while (i < e) {
        const c = buf[i];
        if (c === 92) i += 2;
        else if (c === 34) break;
        else i++;
      }
    if (i >= e) return -1;
    this.ps[n] = q + 1;
    this.pe[n] = i;
    return i + 1;
  }
}

/** The separators of `dd/Mon/yyyy:HH:MM:SS +zzzz` at `s`; the parse checks the rest. */
function clfShape(buf: Buffer, s: number): boolean {
  const sign = buf[s + 21];
  return (
    buf[s + 2] === 47 &&
    buf[s + 6] === 47 &&
    buf[s + 11] === 58 &&
    buf[s + 14] === 58 &&
    buf[s + 17] === 58 &&
    buf[s + 20] === 32 &&
    (sign === 43 || sign === 45)
  );
}
