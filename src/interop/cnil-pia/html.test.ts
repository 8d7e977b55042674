import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { escapeHtml, htmlToText, textToHtml } from "./html.ts";

const fixture = fileURLToPath(
  new URL("../../../test/fixtures/cnil-pia/edusphere-audit-logging.json", import.meta.url),
);

describe("htmlToText", () => {
  it("reads paragraphs, line breaks and nested lists the way a person sees them", () => {
    const html =
      "<p>Intro: <strong>bold</strong>  and\n spaced</p><ul><li>one<ul><li>nested</li></ul></li><li>two<br />more</li></ul><ol><li>first</li><li>second</li></ol><div>a<br/><br/>b</div>";
    expect(htmlToText(html)).toBe(
      "Intro: bold and spaced\n\n- one\n  - nested\n- two\nmore\n\n1. first\n2. second\n\na\n\nb",
    );
  });

  it("drops every tag, script and comment, and decodes entities, so no markup survives", () => {
    const html =
      '<p onclick="x()">Tom &amp; Jerry &lt;b&gt; &eacute;t&#233; &#x2014; &unknown;<script>alert(1)</script><!-- note --><img src=x onerror="alert(2)"></p>';
    expect(htmlToText(html)).toBe("Tom & Jerry <b> été — &unknown;");
  });

  it("gives nothing for empty or whitespace-only rich text", () => {
    expect(htmlToText(null)).toBeUndefined();
    expect(htmlToText("<p>&nbsp;</p><div> </div>")).toBeUndefined();
  });
});

describe("textToHtml", () => {
  it("escapes every character HTML reads as markup", () => {
    expect(textToHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;</p>",
    );
    expect(escapeHtml("a<b")).toBe("a&lt;b");
  });

  it("writes lists as lists and other paragraphs as paragraphs with line breaks", () => {
    expect(textToHtml("Intro\nsecond line\n\n- a\n  - b\n- c\n\n1. x\n2. y")).toBe(
      "<p>Intro<br />second line</p>\n<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>\n<ol><li>x</li><li>y</li></ol>",
    );
  });

  it("writes back every text read from HTML so that it reads the same again", () => {
    const file = JSON.parse(readFileSync(fixture, "utf8")) as {
      answers: { data: { text: string | null } }[];
      measures: { content: string }[];
    };
    const samples = [
      ...file.answers.map((a) => a.data.text),
      ...file.measures.map((m) => m.content),
      "<ol><li>a<br /><br /></li><li>b</li></ol>",
      "<ul><li>x<ol><li>y</li></ol></li></ul><p>- not a list</p>",
    ];
    for (const html of samples) {
      const text = htmlToText(html);
      if (text === undefined) continue;
      expect(htmlToText(textToHtml(text)), html ?? "").toBe(text);
    }
  });
});
