import { describe, expect, it } from "vitest";
import { comparePaths } from "./field-path.ts";

describe("comparePaths", () => {
  it("orders list indexes by number and names without regard to case", () => {
    const paths = [
      "lia.interests[10].title",
      "lia.interests[2].title",
      "activity.Zones",
      "activity.dataCategories[0]",
      "lia.interests[2]",
      "activity.apps",
      "",
    ];
    expect([...paths].sort(comparePaths)).toEqual([
      "",
      "activity.apps",
      "activity.dataCategories[0]",
      "activity.Zones",
      "lia.interests[2]",
      "lia.interests[2].title",
      "lia.interests[10].title",
    ]);
  });

  it("is a total order: equal only for the same path, antisymmetric and transitive", () => {
    const paths = [
      "a.b",
      "a.B",
      "a[1]",
      "a.1",
      "a.01",
      "a.2",
      "a.10",
      "a.1a",
      "a.x-y",
      "a.x_y",
      `a.${"9".repeat(400)}`,
      `a.${"9".repeat(399)}8`,
      "a",
      "b",
    ];
    for (const x of paths)
      for (const y of paths) {
        const c = comparePaths(x, y);
        expect(c === 0).toBe(x === y);
        expect(Math.sign(c) + Math.sign(comparePaths(y, x))).toBe(0);
        for (const z of paths)
          if (c < 0 && comparePaths(y, z) < 0) expect(comparePaths(x, z)).toBeLessThan(0);
      }
  });

  it("puts list indexes before names, and very long indexes by their digits", () => {
    expect(["a.1a", "a.10", "a.2"].sort(comparePaths)).toEqual(["a.2", "a.10", "a.1a"]);
    expect(comparePaths(`a.${"9".repeat(399)}8`, `a.${"9".repeat(400)}`)).toBeLessThan(0);
  });
});
