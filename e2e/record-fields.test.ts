/// <reference lib="dom" />
/**
 * The facts the model holds that the editor once had no field for, answered in Chromium as a
 * DPO would: the data classification and how long a data category's source keeps it (the
 * activity record, which links to the DPIA tab), the references that recognise an interest
 * (picked, not typed), and the basis a purpose relied on before its basis changed, whose
 * finding shows at once. The working draft then holds every answer.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chromiumAvailable,
  createFromTemplate,
  newPage,
  type RunningApp,
  saved,
  setUpAdmin,
  signIn,
  startApp,
} from "./support.ts";

const ADMIN = {
  name: "Record DPO",
  email: "dpo@record.example",
  password: "a long passphrase",
};
const SLUG = "record-fields";

/** Picks an option of the Mantine select bound to a place of the draft. */
async function choose(page: Page, where: string, option: string) {
  await page.locator(`input[data-path="${where}"]`).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

describe.skipIf(!chromiumAvailable())("fields for every fact of the model in Chromium", () => {
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

  it("answers the classification, a source's retention, recognising references and a previous basis", {
    timeout: 240_000,
  }, async () => {
    await createFromTemplate(page, SLUG, "Record fields");
    // The first live evaluation on a busy machine can take a while: the outcome shows it done.
    await page.getByTestId("live-outcome").waitFor({ timeout: 60_000 });

    // The activity record: the classification, and a category obtained from a third party.
    await page.locator('[data-path="activity.classification"]').fill("Confidential");
    await choose(page, "activity.dataCategories[0].source", "A third party");
    await page.getByLabel("How long its source keeps it, in days").first().fill("30");

    // The record links to the DPIA tab, where the DPIA itself is written.
    await page.getByRole("link", { name: "the DPIA tab" }).first().click();
    await page.waitForURL(`**/activities/${SLUG}/dpia`);
    await expect
      .poll(() => page.getByRole("tab", { name: "DPIA" }).getAttribute("aria-selected"))
      .toBe("true");

    // The LIA: a recital picked by its title as recognising the first interest.
    await page.getByRole("tab", { name: "LIA" }).click();
    await page.locator('input[data-path="lia.interests[0].recognisedBy"]').click();
    await page.getByRole("option", { name: /GDPR Recital 47/ }).click();
    await page.keyboard.press("Escape");

    // The basis: the purpose relied on consent before; the switch is flagged at once.
    await page.getByRole("tab", { name: "Lawful basis" }).click();
    await choose(page, "decisions[0].previousBasis.basis", "Consent (Art. 6(1)(a))");
    await page.getByLabel("Relied on until").fill("2025-12-31");
    await page.getByLabel("Why the basis changed").fill("Consent rates fell below a usable level");
    await page
      .locator('[data-finding="BASIS_SWITCHED_FROM_CONSENT"]')
      .first()
      .waitFor({ timeout: 20_000 });

    await saved(page);
    const draft = await app.store.drafts.get(SLUG);
    const doc = draft?.document;
    expect(doc?.activity.classification).toBe("Confidential");
    expect(doc?.activity.dataCategories[0]).toMatchObject({
      source: "third-party",
      sourceRetentionDays: 30,
    });
    expect(doc?.lia?.interests[0]?.recognisedBy).toContain("gdpr-recital-47");
    expect(doc?.decisions[0]?.previousBasis).toEqual({
      basis: "consent",
      until: "2025-12-31",
      reason: "Consent rates fell below a usable level",
    });

    // Choosing no previous basis (the chosen one again) removes the record of the change.
    await choose(page, "decisions[0].previousBasis.basis", "Consent (Art. 6(1)(a))");
    await expect
      .poll(async () => (await app.store.drafts.get(SLUG))?.document.decisions[0]?.previousBasis)
      .toBeUndefined();
    await expect
      .poll(() => page.locator('[data-finding="BASIS_SWITCHED_FROM_CONSENT"]').count())
      .toBe(0);
  });
});
