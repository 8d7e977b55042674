/**
 * Text hygiene and script handling shared by the renderers.
 */
import { describe, expect, it } from "vitest";
import { cleanText, faceOf, fontRuns, visualOrder } from "./text.ts";

describe("cleanText", () => {
  it("drops terminal escapes, NUL and direction overrides but keeps newlines, tabs and emoji", () => {
    expect(cleanText("a\u001b[31mb\u0000c\td\r\ne \u202eevil\u202c 🔒")).toBe(
      "a[31mbc\td\ne evil 🔒",
    );
  });

  it("replaces a lone surrogate, which no document format can carry", () => {
    expect(cleanText("x\uD800y")).toBe("x\uFFFDy");
    expect(cleanText("😀")).toBe("😀");
  });
});

describe("fontRuns", () => {
  it("gives each script the font that can draw it", () => {
    expect(["a", "中", "ש", "م", "🔒", "Ж"].map(faceOf)).toEqual([
      "latin",
      "cjk",
      "hebrew",
      "arabic",
      "emoji",
      "latin",
    ]);
  });

  it("keeps a space out of a right-to-left run, where it would be drawn on the wrong side", () => {
    expect(fontRuns("Interest שלום 数据")).toEqual([
      { text: "Interest ", face: "latin" },
      { text: "שלום", face: "hebrew" },
      { text: " ", face: "latin" },
      { text: "数据", face: "cjk" },
    ]);
  });
});

describe("visualOrder", () => {
  it("reverses the words of a right-to-left stretch and leaves left-to-right text alone", () => {
    expect(visualOrder("RTL: שלום עולם, end")).toBe("RTL: עולם, שלום end");
    expect(visualOrder("plain text 123")).toBe("plain text 123");
  });
});
