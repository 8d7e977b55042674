/**
 * @module verify/byte-cache
 * A bounded memo from a byte string to a few integers, for verdicts that depend on a value's
 * bytes alone: the end of an access-log line (referrer and user agent) repeats heavily in real
 * logs, so its split and its checks need run once per distinct value rather than once a line.
 *
 * Exact by construction: a slot is chosen by a hash of a few sampled bytes, but a hit needs
 * every byte of the key to match, so a collision costs a miss, never a wrong verdict. The
 * comparison reads four bytes at a time: each key is kept at all four alignments, so whatever
 * the offset of the bytes looked up, one copy lines up with them word for word. Bounded by
 * construction too: a fixed number of slots, each overwritten by the next key hashing to it, and
 * keys longer than `maxKey` are never kept. When too few lookups hit (values that do not
 * repeat), it stops looking for a while, so a log of unique values pays almost nothing for it.
 */

/** Lookups per window over which the hit rate is judged. */
const WINDOW = 4096;
/** Fewer hits than this in a window: the values do not repeat enough to pay for the lookups. */
const MIN_HITS = WINDOW / 16;
/** Windows without lookups after a poor one, before trying again. */
const BACKOFF_WINDOWS = 32;

export class ByteCache {
  /** Payload of each slot: `width` integers from `slot * width`, written by the caller. */
  readonly data: Int32Array;
  /** Four copies of each slot's key, copy `p` starting `p` bytes into a word-aligned region. */
  private readonly keys: Uint8Array;
  private readonly keyWords: Int32Array;
  /** Bytes per copy: `maxKey` rounded up to whole words, plus the word the offset spills into. */
  private readonly region: number;
  /** The buffer last looked in, its memory seen as words, and its offset in that memory. */
  private lastBuf: Uint8Array | undefined;
  private words: Int32Array = new Int32Array(0);
  private lastOffset = 0;
  /** Key length per slot; -1 when the slot is empty. */
  private readonly lens: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  /** Lookups that found their key, over the cache's life (for tests and tuning). */
  found = 0;
  private looked = 0;
  private hits = 0;
  /** Lookups still to skip after a poor window. */
  private skip = 0;

  constructor(
    readonly slots: number,
    readonly maxKey: number,
    readonly width: number,
  ) {
    if (slots <= 0 || (slots & (slots - 1)) !== 0) throw new Error("slots must be a power of 2");
    this.mask = slots - 1;
    this.region = ((maxKey + 3) & ~3) + 4;
    this.keys = new Uint8Array(slots * 4 * this.region);
    this.keyWords = new Int32Array(this.keys.buffer);
    this.lens = new Int32Array(slots).fill(-1);
    this.hashes = new Int32Array(slots);
    this.data = new Int32Array(slots * width);
  }

  /** Keys held now: never more than `slots`. */
  get size(): number {
    let n = 0;
    for (let k = 0; k < this.slots; k++) if ((this.lens[k] as number) >= 0) n++;
    return n;
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
    const h = sampleHash(buf, s, n);
    const slot = h & this.mask;
    if (this.lens[slot] !== n || this.hashes[slot] !== h || !this.same(slot, buf, s, n)) return -1;
    this.hits++;
    this.found++;
    return slot;
  }

  /** Whether `buf[s, s + n)` is the key in `slot`: bytes up to a word boundary, then words. */
  private same(slot: number, buf: Uint8Array, s: number, n: number): boolean {
    // Lines arrive in a few buffers, each many times: look at its memory once per buffer.
    if (buf !== this.lastBuf) {
      this.lastBuf = buf;
      const memory = buf.buffer;
      if (memory !== this.words.buffer)
        this.words = new Int32Array(memory, 0, memory.byteLength >> 2);
      this.lastOffset = buf.byteOffset;
    }
    const abs = this.lastOffset + s;
    const phase = abs & 3;
    const keys = this.keys;
    // The copy whose first byte has the same alignment as the first byte looked up.
    const at = (slot * 4 + phase) * this.region + phase;
    let k = 0;
    const head = Math.min(n, (4 - phase) & 3);
    for (; k < head; k++) if (keys[at + k] !== buf[s + k]) return false;
    const words = this.words;
    const keyWords = this.keyWords;
    const w = (abs + k) >> 2;
    const kw = (at + k) >> 2;
    const count = (n - k) >> 2;
    for (let j = 0; j < count; j++) if (keyWords[kw + j] !== words[w + j]) return false;
    for (k += count * 4; k < n; k++) if (keys[at + k] !== buf[s + k]) return false;
    return true;
  }

  /** Whether a key of this length would be kept now (not too long, not backing off). */
  wants(n: number): boolean {
    return n <= this.maxKey && this.skip === 0;
  }

  /** Keep `buf[s, e)`, replacing whatever its slot held; returns the slot for the payload. */
  put(buf: Uint8Array, s: number, e: number): number {
    const n = e - s;
    const h = sampleHash(buf, s, n);
    const slot = h & this.mask;
    const keys = this.keys;
    for (let p = 0; p < 4; p++) {
      const at = (slot * 4 + p) * this.region + p;
      for (let k = 0; k < n; k++) keys[at + k] = buf[s + k] as number;
    }
    this.lens[slot] = n;
    this.hashes[slot] = h;
    return slot;
  }
}

/**
 * A hash of the length and six bytes spread over the key: cheap whatever the length, and
 * enough to tell apart the values a log repeats. The full comparison keeps it exact.
 */
function sampleHash(buf: Uint8Array, s: number, n: number): number {
  let h = Math.imul(n, 0x9e3779b1);
  if (n === 0) return h;
  const step = (n >> 2) + 1;
  for (let k = 1; k < n; k += step) h = Math.imul(h ^ (buf[s + k] as number), 0x01000193);
  const last = s + n - 1;
  h = Math.imul(h ^ (buf[last] as number), 0x01000193);
  h = Math.imul(h ^ (buf[last - (n > 2 ? 2 : 0)] as number), 0x01000193);
  return h ^ (h >>> 15);
}
