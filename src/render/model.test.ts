import { describe, expect, it } from "vitest";
import { table } from "./model.ts";

describe("table", () => {
  it("drops a column no row fills, and keeps one any row fills", () => {
    expect(
      table(
        ["Field", "Notes", "Retention"],
        [
          ["ip", " ", "7 days"],
          ["path", "", ""],
        ],
      ),
    ).toEqual({
      kind: "table",
      columns: ["Field", "Retention"],
      rows: [
        ["ip", "7 days"],
        ["path", ""],
      ],
    });
  });

  it("keeps every column of a table without rows, so its header still says what is missing", () => {
    expect(table(["Field", "Notes"], []).columns).toEqual(["Field", "Notes"]);
  });
});
