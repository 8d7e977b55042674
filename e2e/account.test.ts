/// <reference lib="dom" />
/**
 * The Account page and the register's downloads in Debian's Chromium: an API token is made,
 * shown once, works against the API, is revoked after a confirmation and is then refused; a
 * person's role picker offers no role above their own; the page is axe-clean at 1280 and
 * 390 px. The register's download buttons follow the filter on screen, and a click on a column's
 * heading sorts the register by it.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/server/passwords.ts";
import { anAssessment } from "../test/builders.ts";
import {
  chromiumAvailable,
  newPage,
  type RunningApp,
  screenshot,
  seriousViolations,
  setUpAdmin,
  signIn,
  signInQuietly,
  startApp,
} from "./support.ts";

const ADMIN = {
  name: "Account DPO",
  email: "dpo@account.example",
  password: "correct horse battery",
};
const EDITOR = { email: "editor@account.example", password: "editor horse battery" };
const LONG = { timeout: 120_000 };

describe.skipIf(!chromiumAvailable())("Account page and register downloads in Chromium", () => {
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

  const api = (token: string) =>
    fetch(`${app.url}/api/activities`, { headers: { authorization: `Bearer ${token}` } });

  it(
    "makes a token shown once, uses it, revokes it after confirming, and sees it refused",
    LONG,
    async () => {
      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Account" })
        .click();
      await page.getByRole("heading", { name: "Your account" }).waitFor();
      await page.getByLabel("Token name").fill("CI export");
      await page.getByRole("combobox", { name: "Role" }).click();
      await page.getByRole("option", { name: /^Editor/ }).click();
      await page.getByRole("button", { name: "Create token" }).click();

      const shown = page.getByTestId("new-token");
      const token = await shown.getByRole("textbox", { name: 'Token "CI export"' }).inputValue();
      expect(token).toMatch(/^basis_/);
      await page.locator('[data-token="CI export"]').waitFor();
      expect(await page.locator('[data-token="CI export"]').textContent()).toContain("editor");
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "account-new-token-1280");

      expect((await api(token)).status).toBe(200);

      // Shown once: after "copied" and a reload the secret is nowhere on the page.
      await shown.getByRole("button", { name: "I have copied it" }).click();
      await shown.waitFor({ state: "detached" });
      await page.reload();
      await page.locator('[data-token="CI export"]').waitFor();
      expect(await page.content()).not.toContain(token);

      await page.getByRole("button", { name: "Revoke CI export" }).click();
      const dialog = page.getByRole("dialog", { name: 'Revoke "CI export"?' });
      await dialog.getByRole("button", { name: "Revoke token" }).click();
      await page.locator('[data-token="CI export"]').waitFor({ state: "detached" });
      await page.getByText("You have no API tokens.").waitFor();
      const refused = await api(token);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        "unauthenticated",
      );
    },
  );

  it("offers an editor no role above editor, and is axe-clean at 390 px", LONG, async () => {
    await app.store.accounts.createUser(
      {
        email: EDITOR.email,
        name: "Eddie Editor",
        role: "editor",
        passwordHash: await hashPassword(EDITOR.password),
      },
      "test",
      new Date(),
    );
    const phone = await newPage(app, 390);
    try {
      await signInQuietly(phone, EDITOR.email, EDITOR.password);
      await phone.goto("/account");
      await phone.getByRole("heading", { name: "Your account" }).waitFor();
      await phone.getByRole("combobox", { name: "Role" }).click();
      const options = await phone.getByRole("option").allTextContents();
      expect(options.map((o) => o.split(":")[0])).toEqual(["Viewer", "Editor"]);
      await phone.keyboard.press("Escape");
      expect(await seriousViolations(phone)).toEqual([]);
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(1);
      await screenshot(phone, "account-390");
    } finally {
      await phone.context().close();
    }
  });

  it("downloads the register view on screen, named as filtered", LONG, async () => {
    await page.goto("/register");
    await page.getByLabel("Children").check();
    const csv = page.locator("[data-export=csv]");
    await expect.poll(() => csv.getAttribute("href")).toContain("children=true");
    const [download] = await Promise.all([page.waitForEvent("download"), csv.click()]);
    expect(download.suggestedFilename()).toMatch(
      /^register-art30-filtered-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(await page.locator("[data-export=pdf]").getAttribute("href")).toBe(
      "/api/register/document?children=true&sort=updated&format=pdf&document=lawful-basis",
    );
  });

  it("draws the screen an address names at once, without a loader before it", LONG, async () => {
    // A screen that suspends shows the loader, and React then holds the screen back until the
    // loader has been up for about 300 ms. The first screen's code is in before the app is
    // first drawn, so it must not suspend. A new tab of the signed-in session:
    const tab = await page.context().newPage();
    await tab.addInitScript(() => {
      const w = window as unknown as { loaderShown?: boolean };
      new MutationObserver(() => {
        if (document.querySelector('main [role="status"][aria-label="Loading"]'))
          w.loaderShown = true;
      }).observe(document, { childList: true, subtree: true });
    });
    for (const [path, heading] of [
      ["/register", "Register of processing activities"],
      ["/account", "Your account"],
      ["/", "Dashboard"],
    ] as const) {
      await tab.goto(path);
      await tab.getByRole("heading", { level: 2, name: heading }).waitFor();
      const shown = await tab.evaluate(
        () => (window as unknown as { loaderShown?: boolean }).loaderShown ?? false,
      );
      expect(shown, path).toBe(false);
    }
    await tab.close();
  });

  it("says so when a screen's code cannot be loaded, and keeps the navigation", LONG, async () => {
    const tab = await page.context().newPage();
    await tab.route(/\/assets\/screening-[^/]*\.js$/, (route) => route.abort());
    await tab.goto("/screening");
    await tab.getByRole("alert").getByText("This screen could not be shown").waitFor();
    await tab.getByRole("button", { name: "Reload" }).waitFor();
    // Another screen draws as usual.
    await tab
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Register" })
      .click();
    await tab
      .getByRole("heading", { level: 2, name: "Register of processing activities" })
      .waitFor();
    await tab.close();
  });

  it("sorts the register by a column's heading", LONG, async () => {
    // Written in this order, so the most recently changed (the register's first order) is
    // "Review later", and by next review "Review first" comes first.
    const activities = [
      ["Review last", "2029-03-01"],
      ["Review first", "2027-01-15"],
      ["Review later", "2028-06-30"],
    ] as const;
    for (const [i, [name, due]] of activities.entries())
      await app.store.assessments.importDocuments(
        [
          anAssessment()
            .with((a) => {
              a.id = `sort-${i}`;
              a.activity.name = name;
              a.review = { ...a.review, nextReview: due };
            })
            .build(),
        ],
        { actor: "test", now: new Date(), today: "2026-12-01" },
      );
    const names: string[] = activities.map(([name]) => name);
    await page.goto("/register");
    const table = page.getByRole("table", { name: "Processing activities" });
    const shown = async () =>
      (await table.locator("tbody tr td:first-child a").allTextContents()).filter((t) =>
        names.includes(t),
      );
    await expect.poll(shown).toEqual(["Review later", "Review first", "Review last"]);
    const heading = table.getByRole("columnheader", { name: /Next review/ });
    expect(await heading.getAttribute("aria-sort")).toBeNull();
    await heading.getByRole("button").click();
    await expect.poll(shown).toEqual(["Review first", "Review later", "Review last"]);
    expect(await heading.getAttribute("aria-sort")).toBe("ascending");
    // The Sort by menu follows the heading, and sorts back.
    const menu = page.getByRole("combobox", { name: "Sort by" });
    expect(await menu.inputValue()).toBe("Next review");
    await menu.click();
    await page.getByRole("option", { name: "Recently changed" }).click();
    await expect.poll(shown).toEqual(["Review later", "Review first", "Review last"]);
    expect(await heading.getAttribute("aria-sort")).toBeNull();
  });
});
