/**
 * @module verify/formats/reader
 * What every record reader shares: it is a line sink that reports lines it cannot read
 * (too long, not UTF-8, malformed) as input problems in the tally and carries on.
 */
import { HAS_AT, HAS_PERCENT, HAS_QUERY, type RecordChecker } from "../checker.ts";
import type { LineSink } from "../lines.ts";

/** The field name input problems are filed under: they concern a line, not a field. */
export const INPUT_FIELD = "(line)";

/** Bytes read from a file at a time, into the buffer `readBuffer` gives. */
export const READ_BYTES = 1024 * 1024;

/** Rare bytes readers look ahead for: backslash, @, ? and %. */
export const SLOT_BACKSLASH = 0;
export const SLOT_AT = 1;
export const SLOT_QUERY = 2;
export const SLOT_PERCENT = 3;
const RARE = [92, 64, 63, 37];

export abstract class RecordReader implements LineSink {
  /** Next offset of each rare byte at or after the last position asked, in the current buffer. */
  private readonly ahead = new Float64Array(RARE.length);
  private aheadBuf: Buffer | undefined;
  /** The first of @, ? and % in `ahead`, or -1 when not known for this buffer. */
  private rare = -1;

  constructor(protected readonly checker: RecordChecker) {}

  abstract line(buf: Buffer, s: number, e: number, line: number): void;

  /**
   * Where to read a file into, when the reader has a place its lines are best read from
   * (`READ_BYTES` long); undefined: any buffer.
   */
  readBuffer(): Buffer | undefined {
    return undefined;
  }

  /** New bytes arrived in the buffers lines are handed over in: cached offsets are stale. */
  chunk(): void {
    this.aheadBuf = undefined;
  }

  /**
   * The next offset >= pos of a rare byte: one native search per occurrence rather than a
   * look at every byte, which is what keeps clean records cheap.
   */
  protected next(slot: number, buf: Buffer, pos: number): number {
    if (buf !== this.aheadBuf) {
      this.aheadBuf = buf;
      this.ahead.fill(-1);
      this.rare = -1;
    }
    let at = this.ahead[slot] as number;
    if (at < pos) {
      at = buf.indexOf(RARE[slot] as number, pos);
      if (at < 0) at = Number.POSITIVE_INFINITY;
      this.ahead[slot] = at;
    }
    return at;
  }

  /**
   * Whether `buf[s, e)` holds none of @, ? and %: for most lines one comparison with the
   * cached offset of the next one. Asked in increasing `s` within a buffer, as `next` is.
   */
  protected plain(buf: Buffer, s: number, e: number): boolean {
    if (buf !== this.aheadBuf || this.rare < s)
      this.rare = Math.min(
        this.next(SLOT_AT, buf, s),
        this.next(SLOT_QUERY, buf, s),
        this.next(SLOT_PERCENT, buf, s),
      );
    return this.rare >= e;
  }

  /** The checker's flags for `buf[s, e)`, from the look-ahead. */
  protected flagsAt(buf: Buffer, s: number, e: number): number {
    let flags = 0;
    if (this.next(SLOT_AT, buf, s) < e) flags |= HAS_AT;
    if (this.next(SLOT_QUERY, buf, s) < e) flags |= HAS_QUERY;
    if (this.next(SLOT_PERCENT, buf, s) < e) flags |= HAS_PERCENT;
    return flags;
  }

  tooLong(line: number, bytes: number): void {
    this.checker.tally.hit(
      "LINE_TOO_LONG",
      INPUT_FIELD,
      line,
      () => `${formatBytes(bytes)} without a line break`,
    );
  }

  invalidUtf8(line: number): void {
    this.checker.tally.hit("INVALID_UTF8", INPUT_FIELD, line, "bytes that are not UTF-8 text");
  }

  protected malformed(line: number, detail: string): void {
    this.checker.tally.hit("MALFORMED_RECORD", INPUT_FIELD, line, detail);
  }

  /** Called once the input ends (a reader holding a partial record reports it). */
  finish(): void {}
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}
