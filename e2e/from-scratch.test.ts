/// <reference lib="dom" />
/**
 * An activity created from scratch in Chromium, from an empty register: the basis wizard's
 * necessity answers and the LIA's interest checks are written into a decision and an
 * interest that start without their nested objects (they used to throw "Cannot set
 * properties of undefined"), autosave keeps a working draft without making a version, and
 * "Save version" with a note makes one that the history shows with the author's name.
 * Not yet to approval: the fields that clear the remaining blockers of a from-scratch
 * activity come with the plain-language fields work.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/server/passwords.ts";
import { chromiumAvailable, newPage, type RunningApp, saved, signIn, startApp } from "./support.ts";

const SLUG = "visitor-security";
const PASSWORD = "a long team password";

describe.skipIf(!chromiumAvailable())("an activity from scratch in Chromium", () => {
  let app: RunningApp;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    await app.store.accounts.createUser(
      {
        email: "dpo@scratch.example",
        name: "Scratch DPO",
        role: "admin",
        passwordHash: await hashPassword(PASSWORD),
      },
      "test",
      new Date(),
    );
    page = await newPage(app);
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "dpo@scratch.example", PASSWORD);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it("fills the basis and the LIA without a page error and saves a version with a note", {
    timeout: 180_000,
  }, async () => {
    await page.goto("/register");
    await page.getByRole("button", { name: "New activity" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("From scratch").click();
    await dialog.getByLabel("Title").fill("Visitor security logging");
    await dialog.getByLabel("Id (used in addresses and files)").fill(SLUG);
    await dialog.getByLabel("Controller's legal name").fill("Scratch Ltd");
    await dialog.getByLabel("Main purpose").fill("Detect attacks on visitor accounts");
    await dialog.getByLabel("A category of personal data").fill("IP address");
    await dialog.getByLabel("Who the data is about").fill("Website visitors");
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(`**/activities/${SLUG}`);

    await page.getByRole("tab", { name: "Lawful basis" }).click();
    await page.getByRole("button", { name: /Decide the basis for/ }).click();
    await page
      .getByRole("radio", { name: /Legitimate interests/ })
      .first()
      .check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.locator('[data-path="decisions[0].necessity.necessary"]').check();
    await page
      .locator('[data-path="decisions[0].necessity.explanation"]')
      .fill("Attacks cannot be detected without the login events.");
    await saved(page);

    await page.getByRole("tab", { name: "LIA" }).click();
    await page.getByRole("button", { name: "Start the LIA" }).click();
    await page.locator('[data-path="lia.interests[0].title"]').fill("Keeping accounts secure");
    await page.locator('[data-path="lia.interests[0].checks.lawful"]').check();
    await page.locator('[data-path="lia.interests[0].checks.specific"]').check();
    await page.locator('[data-path="lia.interests[0].checks.realAndPresent"]').check();
    await saved(page);
    expect(errors).toEqual([]);

    // Autosave kept a working draft; version 1 is still the one made on creation.
    expect((await app.store.assessments.get(SLUG)).version).toBe(1);
    const draft = await app.store.drafts.get(SLUG);
    expect(draft?.document.decisions[0]?.necessity?.necessary).toBe(true);
    expect(draft?.document.lia?.interests[0]?.checks).toEqual({
      lawful: true,
      specific: true,
      realAndPresent: true,
    });

    await page.getByLabel("Note for this version").fill("Basis and interest recorded");
    await page.getByRole("button", { name: "Save version" }).click();
    await expect.poll(async () => (await app.store.assessments.get(SLUG)).version).toBe(2);
    expect(await app.store.drafts.get(SLUG)).toBeNull();
    await page.getByRole("tab", { name: "Versions" }).click();
    const history = page.getByRole("table", { name: "Versions" });
    await history.getByText("Basis and interest recorded").waitFor();
    expect(await history.textContent()).toContain("Scratch DPO");
    expect(errors).toEqual([]);
  });
});
