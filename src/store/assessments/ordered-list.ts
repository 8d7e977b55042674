/**
 * @module store/assessments/ordered-list
 * A list kept in an order, cut into blocks of at most 2 × BLOCK items: putting an item in or
 * taking one out moves the items of one block, not of the whole list (a register's sort of
 * 100,000 rows moved 800 KB for each save), and finding a position is a binary search over
 * the blocks' last items, then within one block.
 */

/** Items a block is cut at when it reaches twice this many. */
const BLOCK = 512;

export class OrderedList<T> {
  private blocks: T[][] = [];
  private count = 0;

  /** A list of items already in order (they are not copied: do not change the array). */
  static of<T>(ordered: readonly T[]): OrderedList<T> {
    const list = new OrderedList<T>();
    for (let i = 0; i < ordered.length; i += BLOCK) list.blocks.push(ordered.slice(i, i + BLOCK));
    list.count = ordered.length;
    return list;
  }

  get length(): number {
    return this.count;
  }

  /** Add an item past every other (while building a list in order). */
  push(item: T): void {
    const last = this.blocks[this.blocks.length - 1];
    if (last && last.length < BLOCK) last.push(item);
    else this.blocks.push([item]);
    this.count++;
  }

  /**
   * The position of the first item not before `probe` (with `after`, the first after it),
   * as `cmp(item, probe)` orders them.
   */
  bound<P>(probe: P, cmp: (item: T, probe: P) => number, after: boolean): number {
    const b = this.blockOf(probe, cmp, after);
    let at = 0;
    for (let i = 0; i < b; i++) at += (this.blocks[i] as T[]).length;
    const block = this.blocks[b];
    return block ? at + boundIn(block, probe, cmp, after) : at;
  }

  /** Put `item` in its place. */
  insert(item: T, cmp: (a: T, b: T) => number): void {
    if (this.blocks.length === 0) {
      this.blocks.push([item]);
      this.count = 1;
      return;
    }
    const b = Math.min(this.blockOf(item, cmp, false), this.blocks.length - 1);
    const block = this.blocks[b] as T[];
    block.splice(boundIn(block, item, cmp, false), 0, item);
    this.count++;
    if (block.length >= 2 * BLOCK) this.blocks.splice(b + 1, 0, block.splice(BLOCK));
  }

  /** Take `item` (this very one) out; false when it is not where its order puts it. */
  remove(item: T, cmp: (a: T, b: T) => number): boolean {
    for (let b = this.blockOf(item, cmp, false); b < this.blocks.length; b++) {
      const block = this.blocks[b] as T[];
      for (let i = boundIn(block, item, cmp, false); i < block.length; i++) {
        const there = block[i] as T;
        if (there === item) {
          block.splice(i, 1);
          if (block.length === 0) this.blocks.splice(b, 1);
          this.count--;
          return true;
        }
        if (cmp(there, item) !== 0) return false;
      }
    }
    return false;
  }

  /**
   * Visit the items from position `from` on (`step` 1) or back to the first (`step` -1),
   * until `visit` returns false.
   */
  walk(from: number, step: 1 | -1, visit: (item: T) => boolean): void {
    if (from < 0 || from >= this.count) return;
    let b = 0;
    let i = from;
    while (i >= (this.blocks[b] as T[]).length) i -= (this.blocks[b++] as T[]).length;
    for (; b >= 0 && b < this.blocks.length; b += step) {
      const block = this.blocks[b] as T[];
      if (i < 0) i = block.length - 1;
      for (; i >= 0 && i < block.length; i += step) if (!visit(block[i] as T)) return;
      i = step === 1 ? 0 : -1;
    }
  }

  /** The items from position `from` to before `to`. */
  slice(from: number, to: number): T[] {
    const items: T[] = [];
    if (to > from) this.walk(from, 1, (item) => items.push(item) < to - from);
    return items;
  }

  /** The first block whose last item is not before `probe` (after it, with `after`). */
  private blockOf<P>(probe: P, cmp: (item: T, probe: P) => number, after: boolean): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const block = this.blocks[mid] as T[];
      const c = cmp(block[block.length - 1] as T, probe);
      if (c < 0 || (after && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The first position in `list` whose item is not before `probe` (`after`: is after it). */
export function boundIn<T, P>(
  list: ArrayLike<T>,
  probe: P,
  cmp: (item: T, probe: P) => number,
  after: boolean,
): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = cmp(list[mid] as T, probe);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
