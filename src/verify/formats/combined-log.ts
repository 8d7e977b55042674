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
 */
import type { RecordChecker } from "../checker.ts";
import type { Resolution } from "../spec.ts";
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

export class CombinedLogReader extends RecordReader {
  private readonly parts: Resolution[];
  private readonly extras: Resolution[] = [];
  private readonly ps = new Int32Array(MAX_PARTS);
  private readonly pe = new Int32Array(MAX_PARTS);

  constructor(checker: RecordChecker) {
    super(checker);
    const spec = checker.spec;
    this.parts = LOG_PARTS.map((part) => {
      const res = spec.renames(part)
        ? spec.resolve(part)
        : spec.resolveAny(LOG_FIELD_CANDIDATES[part] as readonly string[]);
      // A part outside the specification is reported by the log's own name for it.
      return res.kind === "field" ? res : { ...res, name: part };
    });
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
      const res = k < this.parts.length ? (this.parts[k] as Resolution) : this.extra(k);
      if (res.kind === "field")
        ck.fieldBytes(res.field, res.isTime, buf, ps, pe, plain ? 0 : this.flagsAt(buf, ps, pe));
      else ck.other(res, "", () => `<${pe - ps} bytes>`);
      // The log's own clock dates the record even when the spec names no time field.
      if (k === TIME_PART && !res.isTime) ck.timeBytes(buf, ps, pe);
    }
    ck.end();
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
    const close = buf.indexOf(93, i);
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
