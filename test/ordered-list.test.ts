/**
 * The register index's ordered list (src/store/assessments/ordered-list.ts): cut into blocks,
 * it must read as one sorted array would through any mix of inserts and removals, however the
 * blocks were cut and emptied.
 */
import { describe, expect, it } from "vitest";
import { boundIn, OrderedList } from "../src/store/assessments/ordered-list.ts";
import { seededRandom } from "./support/random.ts";

interface Item {
  key: number;
  name: string;
}

const byKey = (a: Item, b: Item) =>
  a.key - b.key || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function contents(list: OrderedList<Item>): Item[] {
  return list.slice(0, list.length);
}

describe("an ordered list cut into blocks", () => {
  it("reads as a sorted array through thousands of inserts and removals, many of equal keys", () => {
    const next = seededRandom(7);
    const list = OrderedList.of<Item>([]);
    let model: Item[] = [];
    for (let step = 0; step < 6000; step++) {
      // Few distinct keys, so equal keys span blocks; removals come in runs, emptying blocks.
      const removing = model.length > 0 && (step % 1500 > 1100 || next() < 0.3);
      if (removing) {
        const item = model[Math.floor(next() * model.length)] as Item;
        expect(list.remove(item, byKey)).toBe(true);
        model = model.filter((m) => m !== item);
      } else {
        const item = { key: Math.floor(next() * 40), name: `n${step}` };
        list.insert(item, byKey);
        model.splice(boundIn(model, item, byKey, false), 0, item);
      }
      if (step % 250 === 0) expect(contents(list)).toEqual(model);
    }
    expect(list.length).toBe(model.length);
    expect(contents(list)).toEqual(model);
  });

  it("finds positions, slices and walks both ways as the array does", () => {
    const items = Array.from({ length: 2500 }, (_, i) => ({
      key: Math.floor(i / 3),
      name: `n${String(i).padStart(5, "0")}`,
    }));
    const list = OrderedList.of<Item>([]);
    for (const item of [...items].reverse()) list.insert(item, byKey);
    for (const probe of [-1, 0, 1, 170, 500, 833, 834, 2000].map((key) => ({ key, name: "n" }))) {
      for (const after of [false, true])
        expect(list.bound(probe, byKey, after)).toBe(boundIn(items, probe, byKey, after));
    }
    expect(list.slice(1020, 1100)).toEqual(items.slice(1020, 1100));
    expect(list.slice(2490, 2600)).toEqual(items.slice(2490));
    const back: Item[] = [];
    list.walk(1800, -1, (item) => back.push(item) < 1200);
    expect(back).toEqual(items.slice(601, 1801).reverse());
    const on: Item[] = [];
    list.walk(0, 1, (item) => on.push(item) > 0);
    expect(on).toEqual(items);
  });

  it("refuses to remove an item that is not in it, even one equal to an item that is", () => {
    const a = { key: 1, name: "a" };
    const list = OrderedList.of([a]);
    expect(list.remove({ key: 1, name: "a" }, byKey)).toBe(false);
    expect(list.remove({ key: 2, name: "b" }, byKey)).toBe(false);
    expect(list.remove(a, byKey)).toBe(true);
    expect(list.length).toBe(0);
    expect(list.slice(0, 1)).toEqual([]);
  });
});
