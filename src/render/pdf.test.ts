import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Doc } from "./model.ts";
import { toPdf } from "./pdf.ts";
import { fontFiles } from "./pdf-fonts.ts";

/** Every script the PDF has a font for, in every style, so every font file is used. */
const everyScript: Doc = {
  title: "Fonts — Schriften 字体 גופנים خطوط 🙂",
  subtitle: "Bold and italic in each",
  meta: [["Organisation", "Exämple Ltd 例子 דוגמה مثال ✅"]],
  blocks: [
    { kind: "heading", level: 2, text: "Purpose 目的 מטרה غرض" },
    {
      kind: "paragraph",
      runs: [
        { text: "Plain 普通 רגיל عادي 🎉 " },
        { text: "bold 粗体 מודגש عريض 🔒 ", bold: true },
        { text: "italic 斜体 נטוי مائل 📄 ", italic: true },
        { text: "both 两者 שניהם كلاهما 🧾", bold: true, italic: true },
      ],
    },
    {
      kind: "table",
      columns: ["Field", "Why"],
      rows: [
        ["email", "to send the receipt — 发送收据"],
        ["שם", "ليعرف من يكتب إليه"],
      ],
    },
    { kind: "note", tone: "warning", text: "A warning ⚠ 警告 אזהרה تحذير" },
  ],
};

/** Different words and glyphs, to leave other things in the shared fonts between renders. */
const otherWords: Doc = {
  title: "Quarterly vendor review",
  meta: [["Owner", "Zoë Quixote-Wójcik"]],
  blocks: [
    { kind: "paragraph", text: "Jackdaws love my big sphinx of quartz: 0123456789 ½ € ™ ⅞." },
    {
      kind: "list",
      ordered: true,
      items: ["Kalimera κόσμε", "Привет, мир", "数据保护 データ保護"],
    },
  ],
};

/** The bytes of a PDF apart from what changes with the clock: the creation date and file id. */
function timeless(pdf: Uint8Array): string {
  return Buffer.from(pdf)
    .toString("latin1")
    .replace(/\(D:\d{14}Z\)/g, "(D:)")
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, "/ID []");
}

const fontPaths = new Set(Object.values(fontFiles()).flatMap((files) => Object.values(files)));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("PDF fonts shared across renders", () => {
  it("draws a document from the shared fonts exactly as it drew it the first time", async () => {
    const first = await toPdf(everyScript);
    const other = await toPdf(otherWords);
    // Each PDF embeds only the glyphs it uses, not those the other document added.
    expect(timeless(await toPdf(everyScript))).toBe(timeless(first));
    expect(timeless(await toPdf(otherWords))).toBe(timeless(other));
  });

  it("reads no font file again once every font has been used", async () => {
    await toPdf(everyScript);
    const reads = vi.spyOn(fs, "readFileSync");
    await toPdf(everyScript);
    const fontReads = reads.mock.calls.filter(([path]) => fontPaths.has(String(path)));
    expect(fontReads).toEqual([]);
  });

  it("still asks the local-file policy before using a shared font", async () => {
    await toPdf(everyScript);
    const { default: pdfmake } = await import("pdfmake");
    const asked: string[] = [];
    const setPolicy = pdfmake.setLocalAccessPolicy.bind(pdfmake);
    vi.spyOn(pdfmake, "setLocalAccessPolicy").mockImplementation((policy) =>
      setPolicy((path) => {
        asked.push(path);
        return policy(path);
      }),
    );
    await toPdf(everyScript);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((path) => fontPaths.has(path))).toBe(true);
  });
});
