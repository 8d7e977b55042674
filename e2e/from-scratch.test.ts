/// <reference lib="dom" />
/**
 * An activity created from scratch in Chromium, from an empty register, taken to approved:
 * the basis wizard's necessity answers and the LIA's interest checks are written into a
 * decision and an interest that start without their nested objects (they used to throw
 * "Cannot set properties of undefined"), autosave keeps a working draft without making a
 * version, and "Save version" with a note makes one that the history shows with the author's
 * name. Then every blocker is answered in the editor, the screening is run from the activity
 * and kept with it, the administrator adds an approver on the Users screen, submits, and the
 * approver (segregation of duties keeps the author from approving) approves in their own
 * browser: the activity reads Approved and its LIA carries the screening.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/server/passwords.ts";
import {
  addUser,
  answerScreening,
  approveOnSignOff,
  chromiumAvailable,
  newPage,
  type RunningApp,
  saved,
  seriousViolations,
  signIn,
  signInQuietly,
  startApp,
} from "./support.ts";

const SLUG = "visitor-security";
const PASSWORD = "a long team password";
const TODAY = "2026-12-01";
const APPROVER = {
  name: "Scratch Approver",
  email: "approver@scratch.example",
  role: /^Approver/,
  password: "another long team password",
};

/** Fills an input of the editor by the document path it is bound to. */
const fill = (page: Page, path: string, value: string) =>
  page.locator(`[data-path="${path}"]`).fill(value);

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
    await fill(page, "decisions[0].justification", "Keeping visitors' accounts safe needs it.");
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

  it("answers every blocker, keeps a screening, and a second person approves it", {
    timeout: 180_000,
  }, async () => {
    // The LIA: the notice, the necessity test, the balancing test and the conclusion.
    await page.getByRole("tab", { name: "LIA" }).click();
    await page.locator('[data-path="lia.interests[0].statedInPrivacyNotice"]').check();
    await page
      .getByRole("button", { name: /Necessity/ })
      .first()
      .click();
    await page.getByRole("button", { name: "Start the necessity test" }).click();
    await page.getByRole("button", { name: "Add an alternative" }).click();
    await fill(page, "lia.necessity[0].alternatives[0].alternative", "Rate limiting alone");
    await fill(
      page,
      "lia.necessity[0].alternatives[0].rejectedBecause",
      "Slow attacks spread over many addresses pass under any rate limit.",
    );
    await page.locator('[data-path="lia.necessity[0].necessary"]').check();
    await page
      .getByRole("button", { name: /Balancing/ })
      .first()
      .click();
    await page.getByRole("button", { name: "Start the balancing test" }).click();
    await page.getByRole("button", { name: "Add a data element" }).click();
    await fill(page, "lia.balancing[0].natureOfData[0].element", "IP address");
    await fill(
      page,
      "lia.balancing[0].reasonableExpectations.relationship",
      "Visitors with an account expect it to be protected.",
    );
    await page.getByRole("button", { name: "Add an impact" }).click();
    await fill(page, "lia.balancing[0].impacts[0].kind", "Being logged while signing in");
    await page.getByRole("button", { name: "Add a safeguard" }).click();
    await fill(page, "lia.balancing[0].safeguards[0].measure", "Addresses deleted after 30 days");
    await page
      .locator('[data-path="lia.balancing[0].overridden"]')
      .getByRole("radio", { name: "No" })
      .check();
    await page
      .getByRole("button", { name: /Conclusion/ })
      .first()
      .click();
    await fill(page, "lia.objection.route", "The privacy page's objection form");
    await fill(page, "lia.conclusion.decidedBy", "Scratch DPO");
    await fill(page, "lia.conclusion.decidedOn", TODAY);

    // The record: when it was assessed, how long the data is kept.
    await page.getByRole("tab", { name: "Activity (Art. 30)" }).click();
    await fill(page, "assessedOn", TODAY);
    await fill(page, "activity.retention", "13 months");

    // The basis relies on the LIA's interest, picked by its title.
    await page.getByRole("tab", { name: "Lawful basis" }).click();
    await page.getByRole("button", { name: /Extra questions/ }).click();
    await page.locator('[data-path="decisions[0].interests"]').click();
    await page.getByRole("option", { name: "Keeping accounts secure" }).click();

    // The screening, run from the activity and kept with it.
    await page.getByRole("tab", { name: "Screening" }).click();
    await page.getByRole("button", { name: "Run the screening" }).click();
    await answerScreening(page);
    await page.getByRole("button", { name: "Keep this result with the activity" }).click();
    const kept = page.getByTestId("kept-screening");
    await kept.getByText(/likely \(total 11\)/).waitFor();
    expect(await kept.textContent()).toContain("Answered by Scratch DPO on");
    expect(await seriousViolations(page)).toEqual([]);
    await saved(page);
    expect((await app.store.drafts.get(SLUG))?.document.screening).toMatchObject({
      questionnaire: "lia-screening-2018",
      assessor: "Scratch DPO",
    });

    await page.getByRole("tab", { name: "Findings" }).click();
    await page.locator("[data-finding]").first().waitFor();
    expect(await page.locator('[data-finding][data-severity="blocker"]').count()).toBe(0);

    // The administrator adds an approver; the author submits.
    await addUser(page, APPROVER);
    await page.goto(`/activities/${SLUG}/sign-off`);
    await page.getByRole("button", { name: /Submit version \d+ for review/ }).click();
    await page.locator('[data-testid="sign-off-status"][data-status="in_review"]').waitFor();
    // Segregation of duties, on by default: the author may not approve their own version.
    expect(await page.getByRole("button", { name: "Approve" }).isDisabled()).toBe(true);

    // The approver, in a browser of their own, approves.
    const approver = await newPage(app);
    approver.on("pageerror", (e) => errors.push(e.message));
    await signInQuietly(approver, APPROVER.email, APPROVER.password);
    await approveOnSignOff(approver, SLUG);
    await approver.context().close();

    await page.goto(`/activities/${SLUG}`);
    await page.getByText("Approved", { exact: true }).first().waitFor();
    const record = await app.store.assessments.get(SLUG);
    expect(record.status).toBe("approved");
    expect(record.document.screening?.assessor).toBe("Scratch DPO");
    const lia = await page.request.get(
      `/api/assessments/${SLUG}/document?format=md&document=lia&version=${record.version}`,
    );
    expect(await lia.text()).toMatch(/## \d+\. Screening[\s\S]*\*\*Screened by:\*\* Scratch DPO/);
    expect(errors).toEqual([]);
  });
});
