/**
 * `basis serve --host 0.0.0.0` on plain HTTP, opened from another machine on the LAN by its
 * address (not localhost): the web app must load and work. A content security policy with
 * `upgrade-insecure-requests` made Chromium fetch the app's scripts over https, which a plain
 * HTTP server does not answer, leaving a blank page. Behind TLS (BASIS_SECURE_COOKIES=1) the
 * directive is kept.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, stopAll } from "../test/support/serve.ts";
import { chromiumAvailable, releaseChromium, testChromium } from "./support.ts";

/** An address of this machine that is not loopback, as a colleague on the LAN would use. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  return undefined;
}

const lan = lanAddress();
if (!lan) console.warn("\n!!! No non-loopback IPv4 address: the LAN test is SKIPPED\n");

describe.skipIf(!chromiumAvailable() || !lan)(
  "the web app over plain HTTP on a LAN address",
  () => {
    let browser: Browser;
    const dirs: string[] = [];
    // The web app `basis serve` serves is built by the suite's global setup (test/setup/global.ts).
    beforeAll(async () => {
      browser = await testChromium();
    }, 180_000);
    afterAll(async () => {
      stopAll();
      if (browser) await releaseChromium(browser);
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    const start = async (env: NodeJS.ProcessEnv = {}) => {
      const dir = mkdtempSync(join(tmpdir(), "basis-lan-"));
      dirs.push(dir);
      const running = await startServe(
        ["--host", "0.0.0.0", "--data-dir", dir],
        env,
        /setup\?token=\S+\n/,
      );
      const setup = running.out().match(/\/setup\?token=(\S+)/)?.[1] as string;
      return { setup, url: `http://${lan}:${new URL(running.url).port}` };
    };

    it("loads, sets up the first admin and signs in, with no request upgraded to https", async () => {
      const { url, setup } = await start();
      const csp = (await fetch(`${url}/`)).headers.get("content-security-policy") ?? "";
      expect(csp).not.toContain("upgrade-insecure-requests");
      const context = await browser.newContext({ baseURL: url });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const https: string[] = [];
      page.on("request", (r) => {
        if (r.url().startsWith("https:")) https.push(r.url());
      });
      await page.goto(`/setup?token=${setup}`);
      await page.getByLabel("Name").fill("LAN Admin");
      await page.getByLabel("Email").fill("lan@example.org");
      await page.getByLabel("Password").fill("a long enough password");
      await page.getByRole("button", { name: /create/i }).click();
      await page.getByText(/was created/).waitFor();
      await page.goto("/");
      await page.getByLabel("Email").fill("lan@example.org");
      await page.locator("input[type=password]").fill("a long enough password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("navigation", { name: "Main" }).waitFor();
      expect(https).toEqual([]);
      await context.close();
    }, 120_000);

    it("keeps upgrade-insecure-requests when it is told it runs behind HTTPS", async () => {
      const { url } = await start({ BASIS_SECURE_COOKIES: "1" });
      const csp = (await fetch(`${url}/`)).headers.get("content-security-policy") ?? "";
      expect(csp).toContain("upgrade-insecure-requests");
    }, 60_000);
  },
);
