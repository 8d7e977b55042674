/**
 * @module verify/byte-cache
 * A bounded memo from a byte string to a few integers, for verdicts that depend on a value's
 * bytes alone: the end of an access-log line (referrer and user agent) repeats heavily in real
 * logs, so its split and its checks need run once per distinct value rather than once a line.
 *
 * Exact by construction: a slot is chosen by a hash of a few sampled bytes, but a hit needs
 * every byte of the key to match, so a collision costs a miss, never a wrong verdict. The keys,
 * the hash and the comparison (eight bytes at a time) are in the WebAssembly kernel's memo,
 * beside the lines they are looked up from. Bounded by construction too: a fixed number of
 * slots, each overwritten by the next key hashing to it, and keys longer than `maxKey` are
 * never kept. When too few lookups hit (values that do not repeat), it stops looking for a
 * while, so a log of unique values pays almost nothing for it.
 */
import type { LogKernel } from "./wasm/log-kernel.ts";

/** Lookups per window over which the hit rate is judged. */
const WINDOW = 4096;
/** Fewer hits than this in a window: the values do not repeat enough to pay for the lookups. */
const MIN_HITS = WINDOW / 16;
/** Windows without lookups after a poor one, before trying again. */
const BACKOFF_WINDOWS = 32;

export class ByteCache {
  /** Payload of each slot: `width` integers from `slot * width`, written by the caller. */
  readonly data: Int32Array;
  /** Lookups that found their key, over the cache's life (for tests and tuning). */
  found = 0;
  private looked = 0;
  private hits = 0;
  /** Lookups still to skip after a poor window. */
  private skip = 0;

  /**
   * The keys live in `kernel`'s memory, where the lookups run; a kernel holds one cache's
   * keys at a time, and a cache that finds another's there empties it and starts again.
   */
  constructor(
    private readonly kernel: LogKernel,
    readonly slots: number,
    readonly maxKey: number,
    readonly width: number,
  ) {
    if (slots <= 0 || (slots & (slots - 1)) !== 0) throw new Error("slots must be a power of 2");
    if (slots > kernel.memoMaxSlots || slots * ((maxKey + 7) & ~7) > kernel.memoCapacity)
      throw new Error("the cache is larger than the kernel's memo");
    if (maxKey > kernel.valueBytes) throw new Error("keys are longer than the kernel copies");
    this.data = new Int32Array(slots * width);
  }

  /** Keys held now: never more than `slots`. */
  get size(): number {
    return this.kernel.memoOwner === this ? this.kernel.memoSize() : 0;
  }

  /**
   * The slot holding exactly `buf[s, e)`, or -1 (also while backing off, or for a key too
   * long to keep). A -1 with `wants(e - s)` true asks the caller to `put` the verdict.
   */
  find(buf: Uint8Array, s: number, e: number): number {
    const n = e - s;
    if (n > this.maxKey) return -1;
    if (this.skip > 0) {
      this.skip--;
      return -1;
    }
    if (++this.looked === WINDOW) {
      if (this.hits < MIN_HITS) this.skip = BACKOFF_WINDOWS * WINDOW;
      this.looked = 0;
      this.hits = 0;
    }
    const kernel = this.kernel;
    if (kernel.memoOwner !== this) this.claim();
    const slot = kernel.memoFind(kernel.place(buf, s, e), s, e);
    if (slot < 0) return -1;
    this.hits++;
    this.found++;
    return slot;
  }

  /** Whether a key of this length would be kept now (not too long, not backing off). */
  wants(n: number): boolean {
    return n <= this.maxKey && this.skip === 0;
  }

  /**
   * Keep `buf[s, e)`, replacing whatever its slot held; returns the slot for the payload.
   * Only for a key `wants` accepts the length of.
   */
  put(buf: Uint8Array, s: number, e: number): number {
    if (e - s > this.maxKey) throw new RangeError(`a key of ${e - s} bytes is over ${this.maxKey}`);
    const kernel = this.kernel;
    if (kernel.memoOwner !== this) this.claim();
    return kernel.memoPut(kernel.place(buf, s, e), s, e);
  }

  /** Take the kernel's memo over, empty, in this cache's shape. */
  private claim(): void {
    this.kernel.memoReset(this.slots, this.maxKey);
    this.kernel.memoOwner = this;
  }
}
