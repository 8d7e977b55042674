/**
 * The command line the browser tests' Chromium really runs with. Chromium honours only the last
 * `--disable-features`, and playwright-core passes one of its own before ours: ours must carry
 * every feature playwright's does, or those features would silently come back on.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chromiumAvailable,
  DISABLED_FEATURES,
  PLAYWRIGHT_DISABLED_FEATURES,
  releaseChromium,
  testChromium,
} from "./support.ts";

/** The command lines of this process's children that are a Chromium browser process. */
function chromiumCommandLines(): string[][] {
  const found: string[][] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      if (argv[0]?.includes("chromium") && argv.includes("--remote-debugging-pipe"))
        found.push(argv);
    } catch {
      // The process ended while it was read.
    }
  }
  return found;
}

describe.skipIf(!chromiumAvailable())("the browser tests' Chromium command line", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await testChromium();
  }, 90_000);
  afterAll(async () => {
    if (browser) await releaseChromium(browser);
  });

  it("disables playwright's features and ours in the one list Chromium reads", () => {
    const [argv, ...others] = chromiumCommandLines();
    expect(others).toEqual([]);
    const lists = (argv ?? [])
      .filter((a) => a.startsWith("--disable-features="))
      .map((a) => a.slice("--disable-features=".length).split(","));
    expect(lists.length).toBeGreaterThanOrEqual(1);
    // playwright's own list, first on the line, is the one PLAYWRIGHT_DISABLED_FEATURES mirrors.
    if (lists.length > 1)
      expect(
        [...(lists[0] as string[])].sort(),
        "playwright-core's disabled features changed: update PLAYWRIGHT_DISABLED_FEATURES in e2e/support.ts",
      ).toEqual([...PLAYWRIGHT_DISABLED_FEATURES].sort());
    expect([...(lists.at(-1) as string[])].sort()).toEqual([...DISABLED_FEATURES].sort());
  });
});
