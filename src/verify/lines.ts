/**
 * @module verify/lines
 * Cuts a stream of byte chunks into lines without ever holding more than one line of at most
 * `maxLine` bytes: complete lines are handed over in place, in the chunk they arrived in; only
 * a line split across two chunks is copied. A longer line is skipped as it streams past and
 * reported once, so a 2 GB file with no newline costs the same memory as a small one.
 *
 * It can also read one byte range of a file: it skips the partial line the range starts in
 * and stops at the first line that starts at or after the range's end, so ranges read by
 * different threads cover every line exactly once.
 */
import { isUtf8 } from "node:buffer";

export interface LineSink {
  /** A complete line `buf[s, e)` without its line ending; `line` is 1-based in the range. */
  line(buf: Buffer, s: number, e: number, line: number): void;
  tooLong(line: number, bytes: number): void;
  invalidUtf8(line: number): void;
  /** Called before the lines of each new chunk: buffers may have been reused. */
  chunk?(): void;
}

export interface LineRange {
  /** Absolute offset of the first byte pushed. */
  firstByte: number;
  /** Lines starting at or after this offset belong to the next range. */
  end: number;
  /** The first byte pushed is the one before the range (the range starts mid-file). */
  startsMidFile: boolean;
}

export class LineSplitter {
  /** Lines started in this range, skipped ones included. */
  lines = 0;
  /** True once the range's end is reached; the caller stops reading. */
  done = false;
  private abs: number;
  private readonly end: number;
  private tail: Buffer;
  private tailLen = 0;
  private tailStart = 0;
  /** 0: reading; 1: discarding the partial first line; 2: discarding a line too long. */
  private skipping: 0 | 1 | 2;
  private skipped = 0;
  private bom: boolean;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLine: number,
    range: LineRange = { firstByte: 0, end: Number.POSITIVE_INFINITY, startsMidFile: false },
  ) {
    this.abs = range.firstByte;
    this.end = range.end;
    this.skipping = range.startsMidFile ? 1 : 0;
    this.bom = !range.startsMidFile && range.firstByte === 0;
    this.tail = Buffer.allocUnsafe(Math.min(maxLine + 1, 64 * 1024));
  }

  /** Feed the next chunk; returns false once the range is complete. */
  push(chunk: Buffer): boolean {
    if (this.done) return false;
    this.sink.chunk?.();
    let i = 0;
    const len = chunk.length;
    if (this.skipping !== 0) {
      const nl = chunk.indexOf(10, i);
      if (nl < 0) {
        this.skipped += len - i;
        this.abs += len;
        // The partial first line may run past the range: then no line starts in it.
        if (this.skipping === 1 && this.abs >= this.end) this.done = true;
        return !this.done;
      }
      if (this.skipping === 2) this.sink.tooLong(this.lines, this.skipped + (nl - i));
      this.skipping = 0;
      this.skipped = 0;
      i = nl + 1;
    }
    if (this.tailLen > 0) {
      const nl = chunk.indexOf(10, i);
      const upto = nl < 0 ? len : nl;
      if (this.tailLen + (upto - i) > this.maxLine) {
        this.startSkipping(this.tailLen + (upto - i));
        this.tailLen = 0;
        if (nl < 0) {
          this.abs += len;
          return true;
        }
        this.sink.tooLong(this.lines, this.skipped);
        this.skipping = 0;
        this.skipped = 0;
      } else {
        this.appendTail(chunk, i, upto);
        if (nl < 0) {
          this.abs += len;
          return true;
        }
        const tail = this.tail;
        const n = this.tailLen;
        this.tailLen = 0;
        if (!isUtf8(tail.subarray(0, n))) this.sink.invalidUtf8(this.lines);
        else this.emit(tail, 0, stripCr(tail, 0, n));
      }
      i = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= i) {
      const valid = isUtf8(chunk.subarray(i, last));
      while (i <= last) {
        if (this.abs + i >= this.end) {
          this.done = true;
          return false;
        }
        const nl = chunk.indexOf(10, i);
        this.lines++;
        if (nl - i > this.maxLine) this.sink.tooLong(this.lines, nl - i);
        else if (!valid && !isUtf8(chunk.subarray(i, nl))) this.sink.invalidUtf8(this.lines);
        else this.emit(chunk, i, stripCr(chunk, i, nl));
        i = nl + 1;
      }
    }
    if (i < len) {
      if (this.abs + i >= this.end) {
        this.done = true;
        return false;
      }
      this.lines++;
      this.tailStart = this.abs + i;
      if (len - i > this.maxLine) this.startSkipping(len - i);
      else this.appendTail(chunk, i, len);
    }
    this.abs += len;
    return true;
  }

  /** The input ended: a last line without a newline is still a line. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    if (this.skipping === 2) this.sink.tooLong(this.lines, this.skipped);
    else if (this.tailLen > 0 && this.tailStart < this.end) {
      const n = this.tailLen;
      this.tailLen = 0;
      if (!isUtf8(this.tail.subarray(0, n))) this.sink.invalidUtf8(this.lines);
      else this.emit(this.tail, 0, stripCr(this.tail, 0, n));
    }
  }

  private emit(buf: Buffer, s: number, e: number): void {
    if (this.bom && this.lines === 1) {
      // A UTF-8 byte-order mark may open the file; it is not part of the first record.
      if (e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
    }
    this.sink.line(buf, s, e, this.lines);
  }

  /** The current line (already counted) is too long: let the rest of it stream past. */
  private startSkipping(bytes: number): void {
    this.skipping = 2;
    this.skipped = bytes;
  }

  private appendTail(chunk: Buffer, s: number, e: number): void {
    const need = this.tailLen + (e - s);
    if (need > this.tail.length) {
      const bigger = Buffer.allocUnsafe(
        Math.min(this.maxLine + 1, Math.max(need, this.tail.length * 2)),
      );
      this.tail.copy(bigger, 0, 0, this.tailLen);
      this.tail = bigger;
    }
    chunk.copy(this.tail, this.tailLen, s, e);
    this.tailLen = need;
  }
}

function stripCr(buf: Buffer, s: number, e: number): number {
  return e > s && buf[e - 1] === 13 ? e - 1 : e;
}
