import { describe, expect, it } from "vitest";
import { turn } from "./turns.ts";

describe("turns", () => {
  it("lets waiting requests go in the order they asked, each in an event-loop turn of its own", async () => {
    const order: string[] = [];
    const asked = ["a", "b", "c"].map((name) => turn().then(() => order.push(name)));
    // Queued after the first turn: it runs before the second one, not after all three.
    setImmediate(() => order.push("between"));
    await Promise.all(asked);
    expect(order).toEqual(["a", "between", "b", "c"]);
  });
});
