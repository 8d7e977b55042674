/// <reference lib="dom" />
/**
 * Every template, in Chromium, as a DPO would use it: create an activity from the template,
 * read the blockers the rules raise, answer each one in the editor (each code has the one
 * field that answers it; a blocker without one fails the test, naming it), until none is left,
 * then submit the saved version for review, and an approver (a second person: the author may
 * not approve their own version), signed in in a browser of their own, approves it.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTemplates } from "../src/content/templates.ts";
import {
  addUser,
  approveOnSignOff,
  chromiumAvailable,
  createFromTemplate,
  newPage,
  type RunningApp,
  saved,
  setUpAdmin,
  signIn,
  signInQuietly,
  startApp,
} from "./support.ts";

const ADMIN = {
  name: "Template DPO",
  email: "dpo@templates.example",
  password: "correct horse battery",
};
const APPROVER = {
  name: "Template approver",
  email: "approver@templates.example",
  role: /^Approver/,
  password: "another correct horse",
};
const TODAY = "2026-12-01";

interface Blocker {
  code: string;
  path: string;
}

async function openBlockers(page: Page): Promise<Blocker[]> {
  await page.getByRole("tab", { name: "Findings" }).click();
  const cards = page.locator('[data-finding][data-severity="blocker"]');
  const n = await cards.count();
  const out: Blocker[] = [];
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    out.push({
      code: (await card.getAttribute("data-finding")) ?? "",
      path: (await card.getAttribute("data-finding-path")) ?? "",
    });
  }
  return out;
}

async function liaStep(page: Page, step: RegExp) {
  await page.getByRole("tab", { name: "LIA" }).click();
  await page.getByRole("button", { name: step }).first().click();
}

/** The field in the editor that answers each blocker a template leaves open. */
const ANSWERS: Record<string, (page: Page, b: Blocker) => Promise<void>> = {
  async ASSESSMENT_DATE_MISSING(page) {
    await page.getByRole("tab", { name: "Activity (Art. 30)" }).click();
    await page.locator('[data-path="assessedOn"]').fill(TODAY);
  },
  async ORGANISATION_NAME_MISSING(page) {
    await page.getByRole("tab", { name: "Activity (Art. 30)" }).click();
    await page.locator('[data-path="organisation.name"]').fill("Template Ltd");
  },
  async LIA_INTEREST_NOT_IN_NOTICE(page, b) {
    await liaStep(page, /Purpose/);
    await page.locator(`[data-path="${b.path}"]`).check();
  },
  async LIA_CONCLUSION_MISSING(page) {
    await liaStep(page, /Conclusion/);
    await page.locator('[data-path="lia.conclusion.decidedBy"]').fill(ADMIN.name);
    await page.locator('[data-path="lia.conclusion.decidedOn"]').fill(TODAY);
  },
};

/** The answers in the order of the editor's tabs: the record first, then the LIA's steps. */
const ORDER = Object.keys(ANSWERS);

/**
 * Answers every open blocker in the editor, a round at a time: all the blockers the Findings
 * tab lists, tab by tab (so each tab is opened once a round, not once a blocker), then the
 * Findings tab again, until it lists none. An answer may raise a new blocker: the next round
 * answers it. A blocker no field answers fails the test, naming it.
 */
async function answerEveryBlocker(page: Page): Promise<string[]> {
  const answered: string[] = [];
  for (let round = 0; round < 5; round++) {
    const open = await openBlockers(page);
    if (open.length === 0) return answered;
    for (const b of open)
      if (!ANSWERS[b.code])
        throw new Error(`no field in the editor answers ${b.code} at ${b.path}`);
    const byTab = [...open].sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
    for (const b of byTab) {
      await ANSWERS[b.code]?.(page, b);
      answered.push(b.code);
    }
  }
  throw new Error(`blockers remain: ${JSON.stringify(await openBlockers(page))}`);
}

describe.skipIf(!chromiumAvailable())("every template to approval in Chromium", () => {
  let app: RunningApp;
  let page: Page;
  /** One approver's browser, shared by every template. */
  let approver: Page;

  beforeAll(async () => {
    app = await startApp();
    page = await newPage(app);
    await setUpAdmin(page, app, ADMIN);
    await signIn(page, ADMIN.email, ADMIN.password);
    await addUser(page, APPROVER);
    approver = await newPage(app);
    await signInQuietly(approver, APPROVER.email, APPROVER.password);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  for (const t of listTemplates()) {
    it(`${t.id}: answers every blocker in the editor, submits, and a second person approves`, {
      timeout: 180_000,
    }, async () => {
      const slug = `t-${t.id}`;
      await createFromTemplate(page, slug, `From ${t.id}`, t.id);
      await page.getByRole("tab", { name: "Activity (Art. 30)" }).click();
      try {
        await page.getByTestId("live-outcome").waitFor({ timeout: 60_000 });
      } catch {
        const aside = await page.getByRole("complementary", { name: "Outcome" }).textContent();
        throw new Error(`no outcome for ${t.id}: ${aside}`);
      }
      const answered = await answerEveryBlocker(page);
      expect(answered.length).toBeGreaterThan(0);

      await expect.poll(async () => (await openBlockers(page)).length).toBe(0);
      await saved(page);
      // The answers are in the working draft until submitting saves it as a version.
      expect(await app.store.drafts.get(slug)).not.toBeNull();

      await page.getByRole("tab", { name: "Sign-off" }).click();
      await page.getByRole("button", { name: /Submit version \d+ for review/ }).click();
      await expect
        .poll(() => page.getByTestId("sign-off-status").getAttribute("data-status"))
        .toBe("in_review");
      const stored = await app.store.assessments.get(slug);
      expect(stored.version).toBe(2);
      expect(stored.outcome).not.toBe("incomplete");
      expect(await app.store.drafts.get(slug)).toBeNull();

      await approveOnSignOff(approver, slug);
      expect((await app.store.assessments.get(slug)).status).toBe("approved");
    });
  }
});
