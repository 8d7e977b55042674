/**
 * The HTML renderer: user text is text, whatever it contains.
 */
import { describe, expect, it } from "vitest";
import { toHtml } from "./html.ts";
import { heading, list, note, paragraph, table } from "./model.ts";

const HOSTILE = `<script>alert("x")</script> & 'quote' <img src=x onerror=y>`;

describe("toHtml", () => {
  it("escapes user text in every kind of block, so no tag or attribute gets through", () => {
    const html = toHtml({
      title: HOSTILE,
      subtitle: HOSTILE,
      meta: [[HOSTILE, HOSTILE]],
      blocks: [
        heading(2, HOSTILE),
        paragraph(HOSTILE),
        list([HOSTILE]),
        table([HOSTILE], [[HOSTILE]], HOSTILE),
        note("warning", HOSTILE),
      ],
    });
    expect(html).not.toMatch(/<script|<img|onerror=y>/);
    expect(html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;",
    );
  });

  it("forbids scripts and outside resources in the page itself", () => {
    const html = toHtml({ title: "T", meta: [], blocks: [] });
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it("keeps line breaks as <br> and blank lines as paragraphs", () => {
    const html = toHtml({ title: "T", meta: [], blocks: [paragraph("one\ntwo\n\nthree")] });
    expect(html).toContain('<p dir="auto">one<br>two</p>\n<p dir="auto">three</p>');
  });

  it("puts each of several documents in its own article", () => {
    const doc = { title: "T", meta: [], blocks: [] };
    expect(toHtml([doc, doc]).match(/<article>/g)).toHaveLength(2);
  });
});
