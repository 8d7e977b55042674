/**
 * `npm run screenshots`: the README's pictures of each main screen. Starts Basis on a
 * throwaway embedded database seeded with the seed fixtures (one of them taken through a
 * second version and its sign-off, so the history and the approval show), signs in in
 * Debian's Chromium at 1280×800 and writes `docs/images/app-<screen>.png`. Not part of
 * `npm test`: run it when a screen changes, look at the pictures, commit them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchChromium, ROOT, signIn } from "../e2e/support.ts";
import { parseYaml } from "../src/core/parse.ts";
import { BasisFile, registerAssessments } from "../src/core/schema/index.ts";
import { buildServer } from "../src/server/build-server.ts";
import { hashPassword } from "../src/server/passwords.ts";
import { renderSignedPdf } from "../src/server/signed-pdf.ts";
import { openStore, type Store } from "../src/store/index.ts";

const OUT = join(ROOT, "docs", "images");
const SEEDS = [
  "fixtures/lawful-basis-register.yaml",
  "fixtures/levqor-platform-lia.yaml",
  "fixtures/edusphere-audit-logging-lia.yaml",
  "fixtures/statnive-cookieless-analytics-lia.yaml",
];
const ADMIN = { name: "Dana Okafor", email: "dpo@example.org", password: "a screenshot password" };
const LIA = "statnive-cookieless-analytics-lia";
const DPIA = "edusphere-audit-logging-lia";
/** Past this a picture is too heavy for a README; the script says so. */
const MAX_BYTES = 300_000;

/**
 * The seed register imported by a privacy lead, who also writes a second version of one
 * activity and submits it; the DPO (who signs in) approves it and has one API token.
 */
async function seed(store: Store): Promise<void> {
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const person = async (
    name: string,
    email: string,
    role: "editor" | "admin",
    password: string,
  ) => {
    const user = await store.accounts.createUser(
      { email, name, role, passwordHash: await hashPassword(password) },
      "seed",
      now,
    );
    return { user, ctx: { actor: `user:${user.id}`, now, today, role, name, userId: user.id } };
  };
  const lead = await person("Sam Patel", "privacy@example.org", "editor", "not used to sign in");
  const dpo = await person(ADMIN.name, ADMIN.email, "admin", ADMIN.password);
  const docs = SEEDS.flatMap((file) => {
    const parsed = parseYaml(readFileSync(join(ROOT, file), "utf8"), BasisFile);
    if (!parsed.ok) throw new Error(`${file} does not validate`);
    return parsed.value.kind === "register" ? registerAssessments(parsed.value) : [parsed.value];
  });
  await store.assessments.importDocuments(docs, lead.ctx);
  const current = await store.assessments.get(LIA);
  await store.assessments.update(
    LIA,
    current.version,
    { ...current.document, title: `${current.document.title} (reviewed)` },
    lead.ctx,
    "Annual review: retention and notice wording checked",
  );
  const version = current.version + 1;
  await store.signOff.submit(LIA, version, lead.ctx);
  await store.signOff.decide(LIA, { version, role: "dpo", decision: "approve" }, dpo.ctx);
  await store.accounts.createApiToken(
    { name: "CI register check", role: "viewer" },
    dpo.user.id,
    dpo.ctx.actor,
    now,
  );
}

/** Each screen: its file name, its address, and what to do before the picture. */
const SCREENS: { name: string; url: string; ready?: (page: Page) => Promise<void> }[] = [
  { name: "dashboard", url: "/" },
  { name: "register", url: "/register" },
  { name: "activity-record", url: `/activities/${LIA}/record` },
  {
    name: "lia-editor",
    url: `/activities/${LIA}/lia`,
    ready: async (page) => {
      await page
        .getByRole("button", { name: /Balancing/ })
        .first()
        .click();
      // The balancing step under the app's header, and beside it the outcome panel (which
      // scrolls on its own) scrolled to the weighing table.
      const weighing = page.getByTestId("weighing").first();
      await weighing.waitFor();
      await page
        .locator(".mantine-Stepper-root")
        .evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 64));
      await weighing.evaluate((el) => {
        // No inner named functions here: the page cannot see the bundler's helpers.
        let box = el.parentElement;
        while (
          box &&
          !(
            box.scrollHeight > box.clientHeight + 1 &&
            /auto|scroll/.test(getComputedStyle(box).overflowY)
          )
        )
          box = box.parentElement;
        if (box && box !== document.documentElement && box !== document.body)
          box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
      });
    },
  },
  { name: "findings", url: "/activities/account-management/findings" },
  { name: "documents", url: `/activities/${LIA}/documents` },
  { name: "dpia", url: `/activities/${DPIA}/dpia` },
  {
    name: "screening",
    url: "/screening",
    ready: async (page) => {
      // The first answers of a cookieless-analytics screening, so the path shows.
      const answers = [
        "Yes",
        "No",
        "Count visits and popular pages to improve the website.",
        "The organisation running the website, and its visitors.",
        "Pages that are easier to find and a site that works on the devices visitors use.",
        "No",
      ];
      for (const answer of answers) {
        const text = page.getByRole("main").getByRole("textbox").first();
        if (answer === "Yes" || answer === "No")
          await page.getByRole("radio", { name: answer, exact: true }).check();
        else await text.fill(answer);
        await page.getByRole("button", { name: "Next" }).click();
      }
    },
  },
  { name: "sign-off", url: `/activities/${LIA}/sign-off` },
  { name: "versions", url: `/activities/${LIA}/versions` },
  { name: "account", url: "/account" },
];

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build-web.mjs")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("the web app did not build");
  const dir = mkdtempSync(join(tmpdir(), "basis-screenshots-"));
  const store = await openStore({ dataDir: dir, databaseUrl: "", renderSigned: renderSignedPdf });
  const app = await buildServer({ store, now: () => new Date() });
  const browser = await launchChromium();
  const heavy: string[] = [];
  try {
    await seed(store);
    const url = await app.listen({ host: "127.0.0.1", port: 0 });
    const context = await browser.newContext({
      baseURL: url,
      viewport: { width: 1280, height: 800 },
      reducedMotion: "reduce",
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, ADMIN.email, ADMIN.password);
    for (const screen of SCREENS) {
      await page.goto(screen.url);
      await page.getByRole("heading").first().waitFor();
      await page.waitForLoadState("networkidle");
      await screen.ready?.(page);
      const file = join(OUT, `app-${screen.name}.png`);
      await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
      const size = statSync(file).size;
      console.log(`${file.slice(ROOT.length)}  ${Math.round(size / 1024)} KB`);
      if (size > MAX_BYTES) heavy.push(screen.name);
    }
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (heavy.length > 0) {
    console.error(`over ${MAX_BYTES / 1000} KB: ${heavy.join(", ")}`);
    process.exitCode = 1;
  }
}

await main();
