/**
 * Tests for the Markdown renderer: user text always renders as the literal text it is, and
 * tables keep their shape whatever the cells hold.
 */
import { describe, expect, it } from "vitest";
import { tableShapes } from "../../test/support/render-fixtures.ts";
import { escapeMarkdown, toMarkdown } from "./markdown.ts";
import type { Block, Doc } from "./model.ts";
import { heading, keyValue, list, note, paragraph, richParagraph, table } from "./model.ts";

const LONG = "Lorem ipsum dolor sit amet | [x](y) ".repeat(143).slice(0, 5000);

const HOSTILE = [
  "<script>alert(1)</script>",
  "[x](javascript:alert(1))",
  "| a | b |",
  "# heading",
  "**bold**",
  LONG,
  "مرحبا بالعالم \u202Eevil\u202C שלום",
  "🙂 👍🏽 🏳️‍🌈",
  "中文字符 日本語 한국어",
  "first line\nsecond | line\r\n\n    indented\n- item\n1. one\n===",
  "<img src=x onerror=alert(1)>",
  "![image](https://example.org/x.png)",
  "trailing backslash \\",
  "escaped pipe \\| inside",
];

function docOf(...blocks: Block[]): Doc {
  return { title: "Title", meta: [], blocks };
}

/** Every block kind, each holding the given user text. */
function everyBlockWith(text: string): Block[] {
  return [
    heading(3, text),
    paragraph(text),
    richParagraph({ text: "Label: ", bold: true }, { text }, { text, italic: true }),
    list([text, text]),
    list([text], true),
    table(["Column", text, "Third"], [[text, text, text], [text]], text),
    keyValue([[text, text]]),
    note("warning", text),
  ];
}

/**
 * Characters that would start markup if they were not escaped, outside escapes and entities:
 * link and image brackets, raw HTML, code spans, strikethrough and math. (`(`, `)` and `!` mean
 * nothing once the brackets are escaped, so they stay as they are and the text stays readable.)
 */
function unescapedMarkup(markdown: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i] ?? "";
    if (c === "\\") {
      i++;
      continue;
    }
    if ("[]<`~$".includes(c)) found.push(markdown.slice(Math.max(0, i - 10), i + 10));
  }
  return found;
}

describe("toMarkdown", () => {
  it("renders a script tag as text, never as HTML", () => {
    const out = toMarkdown(docOf(...everyBlockWith("<script>alert(1)</script>")));
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("escapes link and image syntax so that no link can be formed", () => {
    const out = toMarkdown(
      docOf(...everyBlockWith("[x](javascript:alert(1)) ![i](http://x/y.png)")),
    );
    expect(out).toContain("\\[x\\](javascript:alert(1))");
    expect(unescapedMarkup(out)).toEqual([]);
  });

  it("leaves no markup character of hostile text unescaped, in any kind of block", () => {
    for (const text of HOSTILE) {
      const out = toMarkdown(docOf(...everyBlockWith(text)));
      expect(unescapedMarkup(out), text.slice(0, 40)).toEqual([]);
      expect(out).not.toMatch(/<(script|img)/i);
    }
  });

  it("keeps every table row at the column count of its header", () => {
    const out = toMarkdown(
      docOf(
        ...HOSTILE.map((text) =>
          table(["A", "B", "C"], [[text, "x\ny", text], [text], ["1", "2", "3", "4"]]),
        ),
      ),
    );
    const shapes = tableShapes(out);
    expect(shapes).toHaveLength(HOSTILE.length);
    for (const shape of shapes) expect(shape).toEqual([3, 3, 3, 3, 3]);
  });

  it("keeps a cell with newlines on its row, the line breaks turned into spaces", () => {
    const out = toMarkdown(docOf(table(["Field"], [["one\ntwo\r\nthree"]])));
    expect(out).toContain("| one two three |");
  });

  it("escapes what Markdown acts on, and leaves ordinary punctuation readable", () => {
    expect(escapeMarkdown("\\`*[]|~$")).toBe("\\\\\\`\\*\\[\\]\\|\\~\\$");
    expect(escapeMarkdown("<b> & &amp;")).toBe("&lt;b&gt; & &amp;amp;");
    expect(escapeMarkdown("Art. 6(1)(f), e.g. re-use: 90 days!")).toBe(
      "Art. 6(1)(f), e.g. re-use: 90 days!",
    );
    expect(escapeMarkdown("resource_type and _emphasis_ and snake_case_")).toBe(
      "resource_type and \\_emphasis\\_ and snake_case\\_",
    );
  });

  it("keeps web and email addresses from becoming links, shown as written", () => {
    expect(
      escapeMarkdown("see https://example.org/x or www.example.org, mail dpo@example.org"),
    ).toBe("see https\\://example.org/x or www\\.example.org, mail dpo\\@example.org");
  });

  it("escapes a heading marker, list marker or numbered item only where it would start one", () => {
    expect(escapeMarkdown("# not a heading")).toBe("\\# not a heading");
    expect(escapeMarkdown("C# and #hash")).toBe("C# and \\#hash");
    expect(escapeMarkdown("- item")).toBe("\\- item");
    expect(escapeMarkdown("+ item")).toBe("\\+ item");
    expect(escapeMarkdown("2. second")).toBe("2\\. second");
    expect(escapeMarkdown("2. second", false)).toBe("2. second");
    expect(escapeMarkdown("a - b, 2. c")).toBe("a - b, 2. c");
  });

  it("keeps a heading marker and emphasis in user text literal", () => {
    const out = toMarkdown(docOf(paragraph("# heading"), paragraph("**bold**")));
    expect(out).toContain("\n\\# heading\n");
    expect(out).toContain("\n\\*\\*bold\\*\\*\n");
  });

  it("keeps a 5,000-character string whole, escaped but not cut", () => {
    const text = "a".repeat(5000);
    expect(toMarkdown(docOf(paragraph(text), table(["A"], [[text]])))).toContain(`| ${text} |`);
    const out = toMarkdown(docOf(paragraph(LONG)));
    const body = (out.split("\n\n")[1] ?? "").trimEnd();
    expect(body.replace(/\\(.)/g, "$1").replace(/&amp;/g, "&")).toBe(LONG.trim());
  });

  it("passes right-to-left text, emoji and CJK through unchanged", () => {
    for (const text of ["مرحبا بالعالم שלום", "🙂 👍🏽 🏳️‍🌈", "中文字符 日本語 한국어"]) {
      expect(toMarkdown(docOf(paragraph(text), table(["A"], [[text]])))).toContain(`\n${text}\n`);
    }
  });

  it("cannot turn a line of user text into a code block, a list, a quote or a heading", () => {
    const out = toMarkdown(
      docOf(paragraph("intro\n\n    indented code\n- item\n1. one\n> quote\n===")),
    );
    const lines = out.split("\n").slice(2);
    expect(lines).toEqual([
      "intro",
      "",
      "indented code\\",
      "\\- item\\",
      "1\\. one\\",
      "&gt; quote\\",
      "\\===",
      "",
    ]);
  });

  it("joins the lines of a multi-line list item with hard breaks indented under the item", () => {
    const out = toMarkdown(
      docOf(list(["first\nsecond"]), paragraph("after"), list(["one\ntwo"], true)),
    );
    expect(out).toContain("\n- first\\\n  second\n");
    expect(out).toContain("\n1. one\\\n   two\n");
  });

  it("switches the marker of a list that directly follows another, so they stay apart", () => {
    const out = toMarkdown(
      docOf(list(["a"]), list(["b"]), list(["c"]), list(["d"], true), list(["e"], true)),
    );
    expect(out).toBe("# Title\n\n- a\n\n* b\n\n- c\n\n1. d\n\n1) e\n");
  });

  it("renders each kind of block in its GitHub-flavoured form", () => {
    const doc: Doc = {
      title: "LIA",
      subtitle: "Logs",
      meta: [
        ["Version", "1"],
        ["Owner", "Team"],
      ],
      blocks: [
        heading(2, "Scope"),
        richParagraph(
          { text: "Note: ", bold: true },
          { text: "plain " },
          { text: "slanted", italic: true },
        ),
        list(["x", "y"]),
        table(["K", "V"], [["a", "b"]], "Caption"),
        keyValue([["Route", "Email\nor post"]]),
        note("blocker", "Stop"),
      ],
    };
    expect(toMarkdown(doc)).toBe(
      [
        "# LIA",
        "",
        "## Logs",
        "",
        "**Version:** 1\\",
        "**Owner:** Team",
        "",
        "## Scope",
        "",
        "**Note:** plain *slanted*",
        "",
        "- x",
        "- y",
        "",
        "*Caption*",
        "",
        "| K | V |",
        "| --- | --- |",
        "| a | b |",
        "",
        "**Route:** Email\\",
        "or post",
        "",
        "> **Blocker:** Stop",
        "",
      ].join("\n"),
    );
  });

  it("splits a paragraph at blank lines and drops empty blocks", () => {
    const out = toMarkdown(docOf(paragraph("one\n\n\n two "), paragraph("  "), list([])));
    expect(out).toBe("# Title\n\none\n\ntwo\n");
  });
});
