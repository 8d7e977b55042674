/// <reference lib="dom" />
/**
 * The sign-off workflow in Chromium, tried as a team would: an editor submits, the DPO
 * rejects with a comment, the editor fixes and resubmits, DPO and legal counsel approve, the
 * signed-off PDF of the approved version downloads, an upheld objection marks it "review
 * needed" with the reason, and a later edit starts a new version whose diff against the
 * approved one shows the change.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/server/passwords.ts";
import {
  chromiumAvailable,
  createAppropriateActivity,
  newPage,
  type RunningApp,
  saved,
  screenshot,
  signInQuietly,
  startApp,
} from "./support.ts";

const SLUG = "statnive-signed";
const PASSWORD = "a long team password";
const PEOPLE = {
  editor: { email: "editor@statnive.example", name: "Statnive editor", role: "editor" },
  dpo: { email: "dpo@statnive.example", name: "Statnive DPO", role: "approver" },
  legal: { email: "legal@statnive.example", name: "Statnive legal counsel", role: "approver" },
} as const;

const statusOf = (page: Page) => page.getByTestId("sign-off-status").getAttribute("data-status");

/** The status after reloading the Sign-off tab, as someone arriving there would see it. */
async function freshStatus(page: Page) {
  await openSignOff(page);
  return statusOf(page);
}

async function openSignOff(page: Page) {
  await page.goto(`/activities/${SLUG}/sign-off`);
  await page.getByTestId("sign-off-status").waitFor();
}

describe.skipIf(!chromiumAvailable())("sign-off workflow in Chromium", () => {
  let app: RunningApp;
  const pages = {} as Record<keyof typeof PEOPLE, Page>;

  beforeAll(async () => {
    app = await startApp();
    const now = new Date();
    for (const [key, p] of Object.entries(PEOPLE)) {
      await app.store.accounts.createUser(
        { email: p.email, name: p.name, role: p.role, passwordHash: await hashPassword(PASSWORD) },
        "test",
        now,
      );
      const page = await newPage(app);
      await signInQuietly(page, p.email, PASSWORD);
      pages[key as keyof typeof PEOPLE] = page;
    }
    await app.store.signOff.setRequiredRoles(["dpo", "legal-counsel"], {
      actor: "test",
      now,
      today: now.toISOString().slice(0, 10),
    });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it("submit, reject with a comment, fix, resubmit, two approvals, signed PDF, then version 2", {
    timeout: 240_000,
  }, async () => {
    const { editor, dpo, legal } = pages;
    await createAppropriateActivity(editor, SLUG, "Statnive signed analytics");
    await saved(editor);

    // The editor submits the saved version.
    await editor.getByRole("tab", { name: "Sign-off" }).click();
    await editor.getByRole("button", { name: /Submit version \d+ for review/ }).click();
    await editor.getByTestId("sign-off-status").waitFor();
    await expect.poll(() => statusOf(editor)).toBe("in_review");

    // The DPO rejects, with a comment.
    await openSignOff(dpo);
    expect(await statusOf(dpo)).toBe("in_review");
    await dpo.getByRole("combobox", { name: "Sign as" }).click();
    await dpo.getByRole("option", { name: "Data protection officer" }).click();
    await dpo
      .getByLabel("Comment (required to reject)")
      .fill("Name the analytics vendor in the recipients.");
    await dpo.getByRole("button", { name: "Reject" }).click();
    await expect.poll(() => freshStatus(dpo)).toBe("draft");
    expect(
      await dpo.getByText("Name the analytics vendor in the recipients.").count(),
    ).toBeGreaterThan(0);
    await screenshot(dpo, "sign-off-rejected-1280");

    // The editor sees why, fixes it and resubmits.
    await openSignOff(editor);
    expect(await statusOf(editor)).toBe("draft");
    await editor.getByText("Name the analytics vendor in the recipients.").first().waitFor();
    await editor.getByRole("tab", { name: "Activity (Art. 30)" }).click();
    const recipients = editor.getByRole("group", { name: "Recipients" });
    await recipients.getByRole("button", { name: "Add a recipient" }).click();
    await recipients.getByRole("textbox").last().fill("Statnive Analytics Hosting (processor)");
    await saved(editor);
    await editor.getByRole("tab", { name: "Sign-off" }).click();
    await editor.getByRole("button", { name: /Submit version \d+ for review/ }).click();
    await expect.poll(() => freshStatus(editor)).toBe("in_review");

    // DPO and legal counsel approve; the assessment is approved.
    for (const [page, role] of [
      [dpo, "Data protection officer"],
      [legal, "Legal counsel"],
    ] as const) {
      await openSignOff(page);
      await page.getByRole("combobox", { name: "Sign as" }).click();
      await page.getByRole("option", { name: role }).click();
      await page.getByRole("button", { name: "Approve" }).click();
      await page.getByTestId("sign-off-status").waitFor();
    }
    await expect.poll(() => freshStatus(legal)).toBe("approved");
    const record = await app.store.assessments.get(SLUG);
    const approved = record.version;
    expect(record.status).toBe("approved");
    await screenshot(legal, "sign-off-approved-1280");

    // The signed-off PDF of the approved version downloads.
    const [download] = await Promise.all([
      legal.waitForEvent("download"),
      legal.getByRole("link", { name: `Signed-off PDF of version ${approved}` }).click(),
    ]);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // An upheld Art. 21 objection flips the approved LIA to "review needed" and says why.
    await editor.goto(`/activities/${SLUG}/objections`);
    await editor
      .getByLabel("What the person objects to")
      .fill("A visitor objects to audience measurement.");
    await editor.getByRole("button", { name: "Record objection" }).click();
    await editor.locator('[data-objection="pending"]').waitFor();
    await dpo.goto(`/activities/${SLUG}/objections`);
    await dpo.locator('[data-objection="pending"]').waitFor();
    await dpo.getByText("Uphold: stop this processing for them").click();
    await dpo
      .getByLabel("Reasoning")
      .fill("No compelling grounds override this visitor's interests.");
    await dpo.getByRole("button", { name: "Record decision" }).click();
    await dpo.locator('[data-objection="upheld"]').waitFor();
    await dpo.goto(`/activities/${SLUG}`);
    const why = dpo.getByTestId("review-needed");
    await why.waitFor();
    expect(await why.textContent()).toMatch(/objection/i);
    await screenshot(dpo, "review-needed-1280");

    // A later edit starts the next version with a reason; its diff against the approved one shows it.
    await editor.goto(`/activities/${SLUG}/record`);
    await editor
      .getByLabel("Reason for the new version")
      .fill("The vendor changed its hosting region");
    await editor.getByRole("button", { name: `Start version ${approved + 1}` }).click();
    await editor
      .locator('[data-path="activity.retention"]')
      .fill("Raw events 25 months, then aggregated");
    await saved(editor);
    // Autosave keeps a working draft; the version is made on purpose, its note the reason given.
    expect((await app.store.assessments.get(SLUG)).version).toBe(approved);
    expect(await editor.getByLabel("Note for this version").inputValue()).toBe(
      "The vendor changed its hosting region",
    );
    await editor.getByRole("button", { name: "Save version" }).click();
    await expect
      .poll(async () => (await app.store.assessments.get(SLUG)).version)
      .toBe(approved + 1);
    const next = await app.store.assessments.get(SLUG);
    expect(next.version).toBe(approved + 1);
    expect(next.status).toBe("draft");
    await editor.goto(`/activities/${SLUG}/versions`);
    const diff = editor.getByRole("table", {
      name: `Changes from version ${approved} to version ${approved + 1}`,
    });
    await diff.waitFor();
    expect(await diff.textContent()).toContain("Raw events 25 months, then aggregated");
    await screenshot(editor, "versions-after-approval-1280");
    // Version `approved` stays in force while the new draft is open.
    await openSignOff(editor);
    expect(await editor.getByText(`version ${approved} in force`).count()).toBe(1);

    // The DPO retires the assessment, for a reason given in the page, after a second click.
    await openSignOff(dpo);
    await dpo.getByRole("button", { name: "Retire this assessment…" }).click();
    const retire = dpo.getByRole("button", { name: "Retire", exact: true });
    expect(await retire.isDisabled()).toBe(true);
    await dpo
      .getByLabel("Why is this assessment retired?")
      .fill("The analytics tool was switched off");
    await retire.click();
    await dpo.locator('[data-testid="sign-off-status"][data-status="retired"]').waitFor();
    expect((await app.store.assessments.get(SLUG)).status).toBe("retired");
    // The page says who retired it and why.
    await dpo.getByText(/^Retired on \d{4}-\d{2}-\d{2} by /).waitFor();
    await dpo.getByText("The analytics tool was switched off").waitFor();
    // Nothing is in force any more: no approvals asked for, no review needed.
    expect(await dpo.getByRole("table", { name: "Required approvals" }).count()).toBe(0);
    expect(await dpo.getByTestId("review-needed").count()).toBe(0);
    await screenshot(dpo, "retired-1280");
  });
});
