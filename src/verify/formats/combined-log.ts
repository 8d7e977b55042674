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
 * The line is cut into its parts by the WebAssembly kernel (`../wasm/combined-log.wat`), into
 * whose memory files are read; the checks on the parts are made here.
 *
 * The end of a line, from the referrer on, repeats heavily (a few referrers and user agents
 * make most of a real log): its split and the verdicts on its two parts are remembered per
 * distinct byte string in a bounded `ByteCache`, and replayed for a line ending the same way.
 */
import { ByteCache } from "../byte-cache.ts";
import type { RecordChecker } from "../checker.ts";
import type { FieldRule, Resolution } from "../spec.ts";
import { type LogKernel, logKernel } from "../wasm/log-kernel.ts";
import { READ_BYTES, RecordReader } from "./reader.ts";

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
  /** Splits lines, in WebAssembly; its `ps`/`pe` are the parts of the current line. */
  private readonly kernel: LogKernel;
  private readonly ps: Int32Array;
  private readonly pe: Int32Array;
  /** The buffer lines last came in, and its address in the kernel's memory (-1: outside). */
  private lastBuf: Buffer | undefined;
  private lastBase = -1;
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
    this.kernel = logKernel(READ_BYTES, spec.plan.maxLine);
    this.tails =
      options.cache === false || tailTimed
        ? undefined
        : new ByteCache(this.kernel, TAIL_SLOTS, TAIL_MAX_BYTES, TAIL_WIDTH);
    this.ps = this.kernel.ps;
    this.pe = this.kernel.pe;
  }

  /** Files are read into the kernel's memory, where their lines are split without a copy. */
  override readBuffer(): Buffer {
    return this.kernel.readBuffer.subarray(0, READ_BYTES);
  }

  line(buf: Buffer, s: number, e: number, line: number): void {
    if (buf !== this.lastBuf) {
      this.lastBuf = buf;
      this.lastBase = this.kernel.holds(buf) ? buf.byteOffset : -1;
    }
    let base = this.lastBase;
    if (base < 0) {
      // A line from elsewhere (a gzip stream, a line across two reads) is copied in first,
      // into a view of its own length: nothing after it is looked at.
      const scratch = this.kernel.scratch;
      if (e - s > scratch.length) {
        this.tooLong(line, e - s);
        return;
      }
      buf.copy(scratch, 0, s, e);
      buf = scratch.subarray(0, e - s);
      e -= s;
      s = 0;
      base = buf.byteOffset;
    }
    const n = this.split(buf, s, e, base);
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

  /**
   * Positions of the parts in `ps`/`pe`, relative to `buf`, which lies at address `base` of
   * the kernel's memory; the number of parts, or -1 when not a log line.
   */
  private split(buf: Buffer, s: number, e: number, base: number): number {
    this.tailSlot = -1;
    const kernel = this.kernel;
    const i = kernel.head(base, s, e);
    if (i < 0) return -1;
    this.clock = kernel.clock[0] as number;
    const tails = this.tails;
    if (tails !== undefined && i < e) {
      const slot = tails.find(buf, i, e);
      if (slot >= 0) {
        // The same bytes split the same way and get the same verdicts.
        const data = tails.data;
        const at = slot * TAIL_WIDTH;
        for (let k = 0; k < TAIL_PARTS; k++) {
          this.ps[TAIL_FIRST + k] = i + (data[at + 2 * k] as number);
          this.pe[TAIL_FIRST + k] = i + (data[at + 2 * k + 1] as number);
        }
        this.tailSlot = slot;
        this.tailHit = true;
        return TAIL_FIRST + TAIL_PARTS;
      }
    }
    // referrer, user agent and any extras: quoted or bare, space-separated
    const n = kernel.tail(base, i, e, TAIL_FIRST);
    // Exactly a referrer and a user agent: remember this end of line for the next one.
    if (tails !== undefined && n === TAIL_FIRST + TAIL_PARTS && tails.wants(e - i)) {
      const slot = tails.put(buf, i, e);
      const data = tails.data;
      const at = slot * TAIL_WIDTH;
      for (let k = 0; k < TAIL_PARTS; k++) {
        data[at + 2 * k] = (this.ps[TAIL_FIRST + k] as number) - i;
        data[at + 2 * k + 1] = (this.pe[TAIL_FIRST + k] as number) - i;
        data[at + 4 + k] = 0;
      }
      this.tailSlot = slot;
      this.tailHit = false;
    }
    return n;
  }
}
