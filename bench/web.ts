/**
 * Web app figures, in Debian's Chromium against a real server on the embedded database:
 * - what a first visit to the register transfers, with an empty HTTP cache: every chunk the
 *   route loads (counted from what the browser fetched, not from what `index.html` names),
 *   JavaScript and CSS as sent (compressed) and as decoded, and all bytes over the wire,
 *   beside React and ReactDOM's own production code gzipped (what any React app ships);
 * - the time from navigation to the first rows of the register, beside the time the same
 *   browser takes to load a bare JSON response from that server;
 * - the time from a click to the new rows for the next page, a sort (by a column's heading,
 *   and by the Sort by menu: two clicks, timed from the first) and a filter.
 * The register has 1,000 generated activities, or is the data directory BENCH_WEB_DATA_DIR
 * names (one seeded beforehand, e.g. with 100,000 by `npm run bench -- register`'s import).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { launchChromium, newPage, type RunningApp, signIn, startApp } from "../e2e/support.ts";
import { buildServer } from "../src/server/build-server.ts";
import { hashPassword } from "../src/server/passwords.ts";
import { openStore } from "../src/store/index.ts";
import { generatedLia } from "./generate.ts";
import type { Row } from "./row.ts";

const ACTIVITIES = 1_000;
const RUNS = 7;

/** React and ReactDOM's production code, gzipped: the floor of any React app's first load. */
function reactFloor(): number {
  const require = createRequire(import.meta.url);
  // The packages export only their entry points: find their folders by their manifests.
  const files = [
    ["react", "cjs/react.production.js"],
    ["react-dom", "cjs/react-dom-client.production.js"],
  ] as const;
  return files.reduce((sum, [pkg, file]) => {
    const dir = dirname(require.resolve(`${pkg}/package.json`));
    return sum + gzipSync(readFileSync(join(dir, file))).length;
  }, 0);
}

interface Transfer {
  chunks: number;
  js: { sent: number; decoded: number };
  css: { sent: number; decoded: number };
  wire: number;
}

/** What the page's navigation and resources took, from the browser's resource timing. */
function transferOf(page: Page): Promise<Transfer> {
  return page.evaluate(() => {
    const entries = [
      ...performance.getEntriesByType("navigation"),
      ...performance.getEntriesByType("resource"),
    ] as PerformanceResourceTiming[];
    const out = {
      chunks: 0,
      js: { sent: 0, decoded: 0 },
      css: { sent: 0, decoded: 0 },
      wire: 0,
    };
    for (const e of entries) {
      out.wire += e.transferSize;
      const path = new URL(e.name).pathname;
      const kind = path.endsWith(".js") ? out.js : path.endsWith(".css") ? out.css : undefined;
      if (!kind) continue;
      if (kind === out.js) out.chunks++;
      kind.sent += e.encodedBodySize;
      kind.decoded += e.decodedBodySize;
    }
    return out;
  });
}

const TABLE = 'table[aria-label="Processing activities"]';
const BODY = `${TABLE} tbody`;
const ROWS = `${BODY} tr`;

/** The time from `act` to the register's rows changing, as the page measures it. */
async function untilRowsChange(page: Page, act: () => Promise<void>): Promise<number> {
  const before = await page.locator(BODY).textContent();
  const t0 = await page.evaluate(() => performance.now());
  await act();
  await page.waitForFunction(
    ([sel, b]) => {
      const rows = document.querySelector(sel as string);
      return rows !== null && rows.textContent !== b;
    },
    [BODY, before],
    { polling: "raf" },
  );
  return (await page.evaluate(() => performance.now())) - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/** A server on BENCH_WEB_DATA_DIR, or the e2e app with ACTIVITIES generated ones. */
async function register(): Promise<{ app: RunningApp; size: number }> {
  const dataDir = process.env.BENCH_WEB_DATA_DIR;
  if (!dataDir) {
    const app = await startApp(); // builds dist/web when its sources changed
    const docs = Array.from({ length: ACTIVITIES }, (_, i) => ({
      ...generatedLia(2, i),
      id: `web-bench-${String(i).padStart(4, "0")}`,
    }));
    const ctx = { actor: "bench", now: new Date(), today: "2026-12-01" };
    await app.store.assessments.importDocuments(docs, ctx, { batch: 250 });
    return { app, size: ACTIVITIES };
  }
  const store = await openStore({ dataDir, databaseUrl: "" });
  const server = await buildServer({ store, now: () => new Date() });
  const url = await server.listen({ host: "127.0.0.1", port: 0 });
  const browser = await launchChromium();
  const size = (await store.assessments.list({ pageSize: 1 })).total;
  return {
    size,
    app: {
      url,
      store,
      setupToken: "",
      browser,
      async close() {
        await browser.close();
        await server.close();
        await store.close();
      },
    },
  };
}

export async function webBench(): Promise<Row[]> {
  const { app, size } = await register();
  // Measured once the register index is built, as `basis serve` builds it at start.
  await app.store.registerIndex?.build();
  const n = size.toLocaleString("en-GB");
  try {
    const email = `bench-${Date.now()}@basis.invalid`;
    await app.store.accounts.createUser(
      {
        email,
        name: "Bench",
        role: "viewer",
        passwordHash: await hashPassword("bench password 1"),
      },
      "bench",
      new Date(),
    );
    const page = await newPage(app);
    await signIn(page, email, "bench password 1");
    // A first visit: the HTTP cache emptied after signing in, then the register opened.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    await page.goto("/register");
    await page.locator(ROWS).first().waitFor();
    const cold = await transferOf(page);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto("/register");
      await page.locator(ROWS).first().waitFor();
      times.push(await page.evaluate(() => performance.now()));
    }
    // Clicks on the register as it is after the last navigation.
    const next: number[] = [];
    const sorted: number[] = [];
    const sortedByMenu: number[] = [];
    const filtered: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      next.push(
        await untilRowsChange(page, () => page.getByRole("button", { name: "next page" }).click()),
      );
      // A click on a column's heading; and the Sort by menu, from the click that opens it.
      sorted.push(
        await untilRowsChange(page, () =>
          page
            .locator(`${TABLE} thead`)
            .getByRole("button", { name: i % 2 === 0 ? "Outcome" : "Next review" })
            .click(),
        ),
      );
      sortedByMenu.push(
        await untilRowsChange(page, async () => {
          await page.getByRole("combobox", { name: "Sort by" }).click();
          await page
            .getByRole("option", { name: i % 2 === 0 ? "Title" : "Recently changed" })
            .click();
        }),
      );
      filtered.push(await untilRowsChange(page, () => page.getByLabel("Children").click()));
    }
    const bare: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      await page.goto("/api/health");
      const t = await page.evaluate(
        () =>
          (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming)
            .loadEventEnd,
      );
      if (i > 0) bare.push(t);
    }
    const navigation = {
      figure: `navigation to a bare JSON response, load event, median of ${RUNS}`,
      value: Math.round(median(bare)),
    };
    const react = { figure: "React + ReactDOM production code, gzipped", value: kb(reactFloor()) };
    return [
      {
        figure: `web: first visit to the register, JavaScript chunks loaded`,
        value: cold.chunks,
        unit: "files",
      },
      {
        figure: "web: first visit to the register, JavaScript as sent (compressed)",
        value: kb(cold.js.sent),
        unit: "KB",
        reference: react,
        goal: "<= 300 KB",
      },
      {
        figure: "web: first visit to the register, JavaScript decoded",
        value: kb(cold.js.decoded),
        unit: "KB",
      },
      {
        figure: "web: first visit to the register, CSS as sent (compressed)",
        value: kb(cold.css.sent),
        unit: "KB",
        reference: { figure: "CSS decoded", value: kb(cold.css.decoded) },
      },
      {
        figure: "web: first visit to the register, all bytes over the wire",
        value: kb(cold.wire),
        unit: "KB",
      },
      {
        figure: `web: register of ${n} activities, navigation to first rows, median of ${RUNS}`,
        value: Math.round(median(times)),
        unit: "ms",
        reference: navigation,
        goal: "<= 500 ms",
      },
      {
        figure: `web: register of ${n} activities, navigation to first rows, slowest of ${RUNS}`,
        value: Math.round(Math.max(...times)),
        unit: "ms",
        reference: navigation,
      },
      ...(
        [
          ["next page", next],
          ["sort (a column's heading)", sorted],
          ["sort (the Sort by menu, opened and chosen)", sortedByMenu],
          ["filter (children)", filtered],
        ] as const
      ).flatMap(([what, xs]): Row[] => [
        {
          figure: `web: register of ${n} activities, ${what}: click to new rows, median of ${RUNS}`,
          value: Math.round(median(xs)),
          unit: "ms",
          goal: "<= 200 ms",
        },
        {
          figure: `web: register of ${n} activities, ${what}: click to new rows, slowest of ${RUNS}`,
          value: Math.round(Math.max(...xs)),
          unit: "ms",
        },
      ]),
    ];
  } finally {
    await app.close();
  }
}
