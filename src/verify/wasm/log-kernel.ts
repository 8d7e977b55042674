/**
 * @module verify/wasm/log-kernel
 * The access-log line splitter assembled from `combined-log.wat`, with the memory it reads
 * lines from. One per thread, made on first use: a file is read straight into `readBuffer`,
 * which lies in that memory, so its lines are split where they are; a line from anywhere else
 * (a gzip stream, a line spanning two reads) is copied to `scratch` first.
 */
import { WASM_BASE64 } from "./combined-log.wasm.ts";

/** Parts a line may have: the out area of the module holds this many. */
export const MAX_PARTS = 24;
const PAGE = 64 * 1024;

interface Exports {
  head(base: number, s: number, e: number): number;
  tail(base: number, s: number, e: number, n: number): number;
  memoReset(slots: number, maxKey: number): void;
  memoFind(base: number, s: number, e: number): number;
  memoPut(base: number, s: number, e: number): number;
  memoSize(): number;
  memoCapacity: WebAssembly.Global;
  memoMaxSlots: WebAssembly.Global;
  valueStart: WebAssembly.Global;
  valueBytes: WebAssembly.Global;
  dataStart: WebAssembly.Global;
}

let compiled: WebAssembly.Module | undefined;

export class LogKernel {
  readonly memory: WebAssembly.Memory;
  /** Part starts and ends written by `head` and `tail`, relative to the `base` passed. */
  readonly ps: Int32Array;
  readonly pe: Int32Array;
  /** The line's clock read by `head` in place (ms since the epoch), or NaN. */
  readonly clock: Float64Array;
  /** For reading a file into: its lines need no copy. */
  readonly readBuffer: Buffer;
  /** For a line that lies outside the module's memory. */
  readonly scratch: Buffer;
  /**
   * Parts 0-6 of the line `[s, e)` of the buffer at address `base`; the offset after them, or
   * -1 when it is no access-log line.
   */
  readonly head: Exports["head"];
  /** The parts after `head`'s, numbered from `n`; how many parts in all, or -1. */
  readonly tail: Exports["tail"];
  /** The memo of byte strings `ByteCache` keeps here (one at a time: see `memoOwner`). */
  readonly memoReset: Exports["memoReset"];
  readonly memoFind: Exports["memoFind"];
  readonly memoPut: Exports["memoPut"];
  readonly memoSize: Exports["memoSize"];
  /** Most slots, and most slots x (longest key rounded up to 8 bytes), the memo can hold. */
  readonly memoMaxSlots: number;
  readonly memoCapacity: number;
  /** The cache whose keys the memo holds now. */
  memoOwner: object | undefined;
  /** Where a short value from outside the memory is copied to be looked at. */
  private readonly value: Buffer;

  constructor(readBytes: number, lineBytes: number) {
    compiled ??= new WebAssembly.Module(Buffer.from(WASM_BASE64, "base64"));
    const data = dataStart(compiled);
    // The module may read a word past the end of a line: room for one after the last buffer.
    const pages = Math.ceil((data + readBytes + lineBytes + 8) / PAGE);
    // Addresses are compared as signed 32-bit numbers in the module: stay under 2 GiB.
    if (pages * PAGE >= 2 ** 31) throw new RangeError("lines this long are not supported");
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const exports = new WebAssembly.Instance(compiled, { env: { memory: this.memory } })
      .exports as unknown as Exports;
    this.head = exports.head;
    this.tail = exports.tail;
    this.memoReset = exports.memoReset;
    this.memoFind = exports.memoFind;
    this.memoPut = exports.memoPut;
    this.memoSize = exports.memoSize;
    this.memoMaxSlots = exports.memoMaxSlots.value as number;
    this.memoCapacity = exports.memoCapacity.value as number;
    const mem = this.memory.buffer;
    this.ps = new Int32Array(mem, 0, MAX_PARTS);
    this.pe = new Int32Array(mem, MAX_PARTS * 4, MAX_PARTS);
    this.clock = new Float64Array(mem, MAX_PARTS * 8, 1);
    this.value = Buffer.from(mem, exports.valueStart.value, exports.valueBytes.value);
    this.readBuffer = Buffer.from(mem, data, readBytes);
    this.scratch = Buffer.from(mem, data + readBytes, lineBytes);
  }

  /** Whether `buf` lies in this kernel's memory, so its lines can be split in place. */
  holds(buf: Uint8Array): boolean {
    return buf.buffer === this.memory.buffer;
  }

  /**
   * An address `base` such that `buf[s, e)` lies at `[base + s, base + e)` in this memory:
   * where it is, or a copy in the value area (for at most `valueBytes`; -1 when longer).
   */
  place(buf: Uint8Array, s: number, e: number): number {
    if (this.holds(buf)) return buf.byteOffset;
    if (e - s > this.value.length) return -1;
    this.value.set(buf.subarray(s, e));
    return this.value.byteOffset - s;
  }

  /** The longest value `place` copies. */
  get valueBytes(): number {
    return this.value.length;
  }
}

/** Where the module's data area starts (what comes before it is its own). */
function dataStart(module: WebAssembly.Module): number {
  const probe = new WebAssembly.Instance(module, {
    env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 1 }) },
  }).exports as unknown as Exports;
  return probe.dataStart.value as number;
}

let current: LogKernel | undefined;

/**
 * This thread's kernel, with room to read `readBytes` at a time and to copy a line of
 * `lineBytes`: the one made before when it is large enough (its memory is never grown, so the
 * views on it stay valid), else a larger one.
 */
export function logKernel(readBytes: number, lineBytes: number): LogKernel {
  if (
    current === undefined ||
    current.readBuffer.length < readBytes ||
    current.scratch.length < lineBytes
  )
    current = new LogKernel(
      Math.max(readBytes, current?.readBuffer.length ?? 0),
      Math.max(lineBytes, current?.scratch.length ?? 0),
    );
  return current;
}
