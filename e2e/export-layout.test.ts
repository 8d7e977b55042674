/// <reference lib="dom" />
/**
 * The HTML export in Chromium: a long unbroken string (a URL, a hash, an identifier) in any
 * text element wraps inside the page instead of running off its edge, headings included.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toHtml } from "../src/render/html.ts";
import { heading, list, note, paragraph, table } from "../src/render/model.ts";
import { chromiumAvailable, releaseChromium, testChromium } from "./support.ts";

const UNBROKEN = `https://example.org/${"a1b2c3d4".repeat(40)}`;

describe.skipIf(!chromiumAvailable())("HTML export layout in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await testChromium();
  }, 60_000);
  afterAll(async () => {
    if (browser) await releaseChromium(browser);
  });

  it("wraps a long unbroken string in every kind of text element, at phone and desk widths", async () => {
    const html = toHtml({
      title: UNBROKEN,
      subtitle: UNBROKEN,
      meta: [[UNBROKEN, UNBROKEN]],
      blocks: [
        heading(2, UNBROKEN),
        heading(3, UNBROKEN),
        heading(4, UNBROKEN),
        paragraph(UNBROKEN),
        list([UNBROKEN]),
        table([UNBROKEN, "b"], [[UNBROKEN, UNBROKEN]], UNBROKEN),
        note("warning", UNBROKEN),
      ],
    });
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      try {
        await page.setContent(html);
        const overflowing = await page.evaluate(() => {
          const limit = document.documentElement.clientWidth;
          return Array.from(document.querySelectorAll("body *"))
            .filter(
              (el) =>
                el.getBoundingClientRect().right > limit + 0.5 ||
                el.scrollWidth > el.clientWidth + 1,
            )
            .filter((el) => el.clientWidth > 0)
            .map((el) => el.tagName.toLowerCase() + (el.className ? `.${el.className}` : ""));
        });
        expect(overflowing, `at ${width} px`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          width,
        );
      } finally {
        await page.close();
      }
    }
  });
});
