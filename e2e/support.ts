/// <reference lib="dom" />
/**
 * The real app for browser tests: the web app built as `npm start` builds it, a real server
 * on 127.0.0.1 and a free port over an embedded database in a temporary directory, and
 * Debian's Chromium driven by playwright-core. Without Chromium the suite is skipped loudly;
 * with BASIS_REQUIRE_ALL=1 (CI) that is a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { buildServer } from "../src/server/build-server.ts";
import { renderSignedPdf } from "../src/server/signed-pdf.ts";
import { openStore, type Store } from "../src/store/index.ts";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SCREENSHOTS = join(ROOT, "e2e", "screenshots");
const CHROMIUM = "/usr/lib/chromium/chromium";
export const HOW_TO_INSTALL_CHROMIUM = "apt-get install -y chromium";

export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium is not installed: the browser tests are SKIPPED. Install it with: ${HOW_TO_INSTALL_CHROMIUM}`;
  if (process.env.BASIS_REQUIRE_ALL === "1")
    throw new Error(`${message} (BASIS_REQUIRE_ALL=1 makes this a failure)`);
  console.warn(`\n!!! ${message}\n`);
  return false;
}

/**
 * The features playwright-core disables in every Chromium it launches, as its
 * `chromiumSwitches` lists them for this version. Chromium honours only the last
 * `--disable-features` on its command line, so a list of our own must repeat these or it would
 * turn them back on; `e2e/chromium-flags.test.ts` fails when playwright's list changes.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
];

/**
 * Headless Chromium still builds the address bar's drop-down for every window (one a browser
 * context) as a WebUI page in a renderer of its own, loading some 60 scripts, about 1.3 s of
 * CPU a context that no test looks at. Without it one browsing script of six contexts took a
 * sixth less CPU (19.8 → 16.5 s, median of three interleaved runs), and the browser tests
 * 255 CPU-s instead of 316-335.
 */
export const DISABLED_FEATURES = [
  ...PLAYWRIGHT_DISABLED_FEATURES,
  "WebUIOmniboxPopup",
  "WebUIOmniboxFullPopup",
  "WebUIOmniboxAimPopup",
  "PreloadTopChromeWebUI",
];

/** Debian's Chromium, headless, with the project's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--disable-features=${DISABLED_FEATURES.join(",")}`,
    ],
  });
}

let workerBrowser: Promise<Browser> | null = null;

/**
 * A Chromium for a test file's pages. Under vitest, the one of the worker process, shared by
 * all the files it runs one after the other (a launch costs about 1.5 s of CPU): each file
 * opens browser contexts of its own and `releaseChromium` closes them; playwright closes the
 * browser when the worker exits. Elsewhere (a bench, a script), a Chromium of its own, which
 * `releaseChromium` closes.
 */
export function testChromium(): Promise<Browser> {
  if (!process.env.VITEST_WORKER_ID) return launchChromium();
  if (!workerBrowser) {
    const launched = launchChromium();
    workerBrowser = launched;
    const forget = () => {
      if (workerBrowser === launched) workerBrowser = null;
    };
    launched.then((browser) => browser.on("disconnected", forget), forget);
  }
  return workerBrowser;
}

/** Done with a browser from `testChromium`: its contexts closed, or the browser if its own. */
export async function releaseChromium(browser: Browser): Promise<void> {
  if (!process.env.VITEST_WORKER_ID) await browser.close();
  else if (browser.isConnected())
    await Promise.all(browser.contexts().map((context) => context.close()));
}

export interface RunningApp {
  url: string;
  store: Store;
  setupToken: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The app over a new embedded database. The web app it serves is the one the suite's global
 * setup (test/setup/global.ts) built when its sources changed, once for the whole run.
 */
export async function startApp(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), "basis-e2e-"));
  const store = await openStore({ dataDir: dir, databaseUrl: "", renderSigned: renderSignedPdf });
  const app: FastifyInstance = await buildServer({ store, now: () => new Date() });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const setupToken = (await store.accounts.issueSetupToken()) ?? "";
  const browser = await testChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url: address,
    store,
    setupToken,
    browser,
    async close() {
      await releaseChromium(browser);
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function newContext(app: RunningApp, width = 1280): Promise<BrowserContext> {
  return app.browser.newContext({
    baseURL: app.url,
    viewport: { width, height: width < 600 ? 844 : 900 },
    acceptDownloads: true,
  });
}

export async function newPage(app: RunningApp, width = 1280): Promise<Page> {
  const page = await (await newContext(app, width)).newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * Opens a screen of the app at `path` as the app's own links do, without reloading the page,
 * when the app is already open in the page (its main navigation shows); otherwise loads it by
 * its address. A reload starts the whole app again (about a second of CPU here, more in a new
 * browser context), which is not what the tests that use this are about.
 */
export async function openScreen(page: Page, path: string): Promise<void> {
  const open =
    page.url().startsWith("http") &&
    (await page.getByRole("navigation", { name: "Main" }).count()) > 0;
  if (!open) {
    await page.goto(path);
    return;
  }
  // wouter, the app's router, follows history.pushState as a link click makes it.
  await page.evaluate((to) => window.history.pushState(null, "", to), path);
  await page.waitForURL((url) => url.pathname + url.search === path);
}

/**
 * Opens a screen as `openScreen` does and waits until it has settled: its heading shows and
 * no request of the page has been in flight for half a second (what playwright's
 * "networkidle" means for a page load, here for a screen opened without one).
 */
export async function openScreenSettled(page: Page, path: string, quietMs = 500): Promise<void> {
  const inFlight = new Set<unknown>();
  let last = Date.now();
  const started = (r: unknown) => {
    inFlight.add(r);
    last = Date.now();
  };
  const ended = (r: unknown) => {
    inFlight.delete(r);
    last = Date.now();
  };
  page.on("request", started);
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  try {
    await openScreen(page, path);
    await page.getByRole("heading").first().waitFor();
    while (inFlight.size > 0 || Date.now() - last < quietMs)
      await new Promise((r) => setTimeout(r, 50));
  } finally {
    page.off("request", started);
    page.off("requestfinished", ended);
    page.off("requestfailed", ended);
  }
}

/** Creates the first administrator through the one-time setup link, as a new install does. */
export async function setUpAdmin(
  page: Page,
  app: RunningApp,
  admin: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto(`/setup?token=${encodeURIComponent(app.setupToken)}`);
  await page.getByLabel("Name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel(/^Password/).fill(admin.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await page.getByText("Basis is ready").waitFor();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Email").fill(email);
  await page.locator("input[type=password]").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

/**
 * Signs a person in for a page's browser through the API, as the sign-in form does, where
 * signing in is not what the test is about (web.test.ts drives the form itself): the session
 * cookie lands in the page's browser context, and the next page opened is signed in.
 */
export async function signInQuietly(page: Page, email: string, password: string): Promise<void> {
  const answer = await page.request.post("/api/session", { data: { email, password } });
  if (!answer.ok()) throw new Error(`sign-in of ${email} refused: ${answer.status()}`);
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Once per loaded page: axe stays on the page until the next navigation.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const result = (await page.evaluate(() => {
    const axe = (
      window as unknown as {
        axe: {
          run(o: unknown): Promise<unknown>;
          _audit?: { rules?: { id: string; impact?: string | null }[] };
        };
      }
    ).axe;
    // A rule's violations all carry the rule's own impact (axe sets every failed check's
    // impact to the rule's when the rule has one), so a rule whose impact is minor or moderate
    // can raise no serious or critical violation: it is not run. A rule without an impact
    // runs, as every rule does when axe's rule list is not there to read.
    const rules = Object.fromEntries(
      (axe._audit?.rules ?? [])
        .filter((r) => r.impact === "minor" || r.impact === "moderate")
        .map((r) => [r.id, { enabled: false }]),
    );
    return axe.run({ resultTypes: ["violations"], rules });
  })) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
}

/**
 * A PNG of the whole page as `page.screenshot({ fullPage: true })` takes it (the fonts loaded,
 * the text caret hidden, the page as tall as its content), under e2e/screenshots/. Taken through
 * the DevTools protocol with Chromium's fast PNG encoding: the same pixels in a somewhat larger
 * file, for a fraction of the CPU of the best compression, which took about a second of CPU a
 * screenshot of the tall pages here.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const size = await page.evaluate(async () => {
    await document.fonts.ready;
    const style = document.createElement("style");
    style.id = "basis-screenshot-caret";
    style.textContent = "* { caret-color: transparent !important; }";
    document.head.append(style);
    const { body, documentElement: root } = document;
    return {
      width: Math.max(
        body.scrollWidth,
        root.scrollWidth,
        body.offsetWidth,
        root.offsetWidth,
        body.clientWidth,
        root.clientWidth,
      ),
      height: Math.max(
        body.scrollHeight,
        root.scrollHeight,
        body.offsetHeight,
        root.offsetHeight,
        body.clientHeight,
        root.clientHeight,
      ),
    };
  });
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const cdp = await page.context().newCDPSession(page);
  try {
    const { data } = await cdp.send("Page.captureScreenshot", {
      format: "png",
      clip: { x: 0, y: 0, ...size, scale: 1 },
      captureBeyondViewport: size.width > viewport.width || size.height > viewport.height,
      optimizeForSpeed: true,
    });
    writeFileSync(join(SCREENSHOTS, `${name}.png`), Buffer.from(data, "base64"));
  } finally {
    await cdp.detach();
    await page.evaluate(() => document.getElementById("basis-screenshot-caret")?.remove());
  }
}

/** Creates an activity from the cookieless-analytics template through the New activity dialog. */
export async function createFromTemplate(
  page: Page,
  slug: string,
  title: string,
  template = "cookieless-analytics",
): Promise<void> {
  await openScreen(page, "/register");
  await page.getByRole("button", { name: "New activity" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "Template" }).click();
  await page.getByRole("option", { name: new RegExp(template) }).click();
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Id (used in addresses and files)").fill(slug);
  await dialog.getByLabel("Controller's legal name").fill("Statnive");
  await dialog.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(`**/activities/${slug}`);
}

/** The template's four gaps: the assessment date, the two notice confirmations, the conclusion. */
export const GAPS = {
  date: '[data-path="assessedOn"]',
  notice: (i: number) => `[data-path="lia.interests[${i}].statedInPrivacyNotice"]`,
  decidedBy: '[data-path="lia.conclusion.decidedBy"]',
  decidedOn: '[data-path="lia.conclusion.decidedOn"]',
};

/** Creates an activity from the cookieless-analytics template and fills its four gaps. */
export async function createAppropriateActivity(
  page: Page,
  slug: string,
  title: string,
): Promise<void> {
  await createFromTemplate(page, slug, title);
  await page.locator(GAPS.date).fill("2026-12-01");
  await page.getByRole("tab", { name: "LIA" }).click();
  for (const i of [0, 1]) await page.locator(GAPS.notice(i)).check();
  await page
    .getByRole("button", { name: /Conclusion/ })
    .first()
    .click();
  await page.locator(GAPS.decidedBy).fill("Statnive DPO");
  await page.locator(GAPS.decidedOn).fill("2026-12-01");
}

/** Waits for the draft to be saved; on failure says where the save stands and why. */
export async function saved(page: Page): Promise<void> {
  try {
    await page.locator('[data-save-status="saved"]').waitFor({ timeout: 20_000 });
  } catch {
    const status = await page.locator("[data-save-status]").getAttribute("data-save-status");
    const text = await page.getByRole("status").first().textContent();
    throw new Error(`not saved: ${status}: ${text}`);
  }
}

/** The worked example's answers to lia-screening-2018 (seed 000): a total of 11, likely. */
export const LIKELY_SCREENING: [string, string | string[]][] = [
  ["Q1", "yes"],
  ["Q2", "no"],
  ["Q3", "Learn which pages draw visits, from our web-server logs"],
  ["Q4", "Ourselves, and our clients"],
  ["Q5", "Offerings shaped by what is used"],
  ["Q6", "no"],
  ["Q7", "no"],
  ["Q8", "important"],
  ["Q9", "probably"],
  ["Q10", "no"],
  ["Q11", "yes"],
  ["Q13", ["web-users"]],
  ["Q14", "no"],
  ["Q15", "no"],
  ["Q16", "no"],
  ["Q17", "yes"],
  ["Q18", "yes"],
  ["Q19", "yes"],
  ["Q20", "probably-yes"],
];

/** Answers the screening runner's questions in turn, then waits for its result. */
export async function answerScreening(
  page: Page,
  answers: [string, string | string[]][] = LIKELY_SCREENING,
): Promise<void> {
  for (const [id, value] of answers) {
    const card = page.locator("section", { has: page.locator(`#q-${id}`) });
    await card.waitFor();
    if (Array.isArray(value))
      for (const v of value) await card.locator(`input[type=checkbox][value="${v}"]`).check();
    else if (await card.locator("textarea").count()) await card.locator("textarea").fill(value);
    else await card.locator(`input[type=radio][value="${value}"]`).check();
    await card.getByRole("button", { name: "Next" }).click();
  }
  await page.getByTestId("screening-result").waitFor();
}

/** An administrator adds a user on the Users screen, as a team sets up its approvers. */
export async function addUser(
  page: Page,
  user: { name: string; email: string; role: RegExp; password: string },
): Promise<void> {
  await openScreen(page, "/users");
  await page.getByLabel("Name", { exact: true }).fill(user.name);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByRole("combobox", { name: "Role", exact: true }).click();
  await page.getByRole("option", { name: user.role }).click();
  await page.getByLabel("First password").fill(user.password);
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByRole("table", { name: "Users" }).getByText(user.email).waitFor();
}

/** Approves the version in review on an activity's Sign-off tab and waits for the answer. */
export async function approveOnSignOff(page: Page, slug: string): Promise<void> {
  await openScreen(page, `/activities/${slug}/sign-off`);
  await page.getByTestId("sign-off-status").waitFor();
  await page.getByRole("button", { name: "Approve" }).click();
  // Approving renders the signed-off PDF; the run's first loads the fonts, which on a busy
  // two-core machine has taken longer than the usual 15 s.
  await page
    .locator('[data-testid="sign-off-status"][data-status="approved"]')
    .waitFor({ timeout: 60_000 });
}
