/// <reference lib="dom" />
/**
 * The DPIA tab in Debian's Chromium against a real server: an activity made from the
 * cookieless-analytics template gets a DPIA; a risk is rated before and after its measures
 * and the risk map moves with it; a measure with an owner and a due date is added and saved
 * with the draft; the dashboard lists it among the open DPIA measures; the DPIA downloads as
 * a PDF that holds it. axe-core finds nothing serious on the tab, at both widths.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../src/core/dates.ts";
import {
  chromiumAvailable,
  createAppropriateActivity,
  newPage,
  type RunningApp,
  saved,
  screenshot,
  seriousViolations,
  setUpAdmin,
  signIn,
  signInQuietly,
  startApp,
} from "./support.ts";

const ADMIN = {
  name: "Statnive DPO",
  email: "dpo@statnive.example",
  password: "a long passphrase",
};
const SLUG = "statnive-dpia";
const LONG = { timeout: 300_000 };
const todayIso = () => new Date().toISOString().slice(0, 10);

/** Picks an option of the Mantine select bound to a draft path. */
async function choose(page: Page, path: string, option: string) {
  await page.locator(`input[data-path="${path}"]`).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

const marker = (page: Page, risk: string, phase: "before" | "after") =>
  page.locator(`[data-testid=risk-map] [data-risk="${risk}"][data-phase="${phase}"]`);

describe.skipIf(!chromiumAvailable())("the DPIA tab in Chromium", () => {
  let app: RunningApp;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    page = await newPage(app);
    await setUpAdmin(page, app, ADMIN);
    await signIn(page, ADMIN.email, ADMIN.password);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it(
    "rates a risk, adds a measure, saves, and sees the map, the dashboard and the PDF follow",
    LONG,
    async () => {
      await createAppropriateActivity(page, SLUG, "Statnive analytics");
      await saved(page);
      await page.getByRole("tab", { name: "DPIA" }).click();
      await page.getByRole("button", { name: "Start the DPIA" }).click();
      await page.getByTestId("risk-map").waitFor();
      // The three feared events are there to rate, and none is on the map yet.
      expect(await page.locator("[data-testid=risk-map] [data-risk]").count()).toBe(0);

      await choose(page, "dpia.risks[0].before.likelihood", "Significant");
      await choose(page, "dpia.risks[0].before.severity", "Maximum");
      await marker(page, "R1", "before").waitFor();
      expect(await marker(page, "R1", "before").getAttribute("data-cell")).toBe(
        "maximum/significant",
      );
      expect(await marker(page, "R1", "after").count()).toBe(0);

      await choose(page, "dpia.risks[0].after.likelihood", "Significant");
      await choose(page, "dpia.risks[0].after.severity", "Significant");
      await expect
        .poll(() => marker(page, "R1", "after").getAttribute("data-cell"))
        .toBe("significant/significant");
      // High risk left after the measures: the engine says so, and asks for Art. 36.
      await expect.poll(() => page.getByTestId("dpia-residual").textContent()).toMatch(/high/);
      await page.locator('[data-finding="DPIA_PRIOR_CONSULTATION"]').first().waitFor();

      await page.getByRole("button", { name: "Add a measure" }).click();
      const due = addDays(todayIso(), 10);
      await page.locator('[data-path="dpia.measures[0].title"]').fill("Multi-factor sign-in");
      await page.locator('[data-path="dpia.measures[0].owner"]').fill("Head of IT security");
      await page.locator('[data-path="dpia.measures[0].due"]').fill(due);
      await page.locator('input[data-path="dpia.risks[0].measures"]').click({ force: true });
      await page.getByRole("option", { name: "Multi-factor sign-in" }).click();
      await page.keyboard.press("Escape");
      // With the measure the risk drops to limited: the after marker moves out of the red zone.
      await choose(page, "dpia.risks[0].after.likelihood", "Limited");
      await choose(page, "dpia.risks[0].after.severity", "Limited");
      await expect
        .poll(() => marker(page, "R1", "after").getAttribute("data-cell"))
        .toBe("limited/limited");
      await expect.poll(() => page.getByTestId("dpia-residual").textContent()).toMatch(/low/);
      expect(await page.locator("[data-risk-after=R1]").textContent()).toBe(
        "Limited likelihood, limited severity",
      );
      await saved(page);
      await screenshot(page, "dpia-tab-1280");
      expect(await seriousViolations(page)).toEqual([]);
      // Autosave kept a working draft; the version is saved on purpose, with a note.
      const before = (await app.store.assessments.get(SLUG)).version;
      await page.getByLabel("Note for this version").fill("DPIA risk rated, measure planned");
      await page.getByRole("button", { name: "Save version" }).click();
      await expect
        .poll(async () => (await app.store.assessments.get(SLUG)).version)
        .toBe(before + 1);

      const stored = (await app.store.assessments.get(SLUG)).document.dpia;
      expect(stored?.measures).toEqual([
        {
          id: "measure-1",
          title: "Multi-factor sign-in",
          status: "planned",
          owner: "Head of IT security",
          due,
        },
      ]);
      expect(stored?.risks[0]).toMatchObject({
        before: { likelihood: "significant", severity: "maximum" },
        after: { likelihood: "limited", severity: "limited" },
        measures: ["measure-1"],
      });

      // The dashboard lists the measure by its due date, with its owner.
      await page.goto("/");
      const row = page.getByTestId("dpia-measures").getByRole("row", { name: /Multi-factor/ });
      await row.waitFor();
      expect(await row.textContent()).toContain("Head of IT security");
      expect(await row.textContent()).toContain(`${due} (in 10 days)`);
      expect(await seriousViolations(page)).toEqual([]);

      // The DPIA document, from the saved version.
      await row.getByRole("link", { name: "Statnive analytics" }).click();
      await page.waitForURL(`**/activities/${SLUG}/dpia`);
      // The PDF is rendered on request (fonts loaded on the first): allow a busy machine time.
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 60_000 }),
        page.getByRole("link", { name: "DPIA as PDF" }).click(),
      ]);
      const file = await download.path();
      expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
      const text = spawnSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
      if (text.status === 0) {
        const flat = text.stdout.replace(/\u200B/g, "").replace(/\s+/g, " ");
        expect(flat).toContain("Data Protection Impact Assessment");
        expect(flat).toContain("Head of IT security");
        expect(flat).toMatch(/Multi-\s?factor sign-in/);
      }
    },
  );

  it("has no serious or critical axe violation on the DPIA tab at 390 px", LONG, async () => {
    const p = await newPage(app, 390);
    await signInQuietly(p, ADMIN.email, ADMIN.password);
    await p.goto(`/activities/${SLUG}/dpia`);
    await p.getByTestId("risk-map").waitFor();
    await p.waitForLoadState("networkidle");
    expect(await seriousViolations(p)).toEqual([]);
    const overflow = await p.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(p, "dpia-tab-390");
    await p.context().close();
  });
});
