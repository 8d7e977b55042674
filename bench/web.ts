/**
 * Web app figures: the JavaScript a first visit loads (gzipped, as served to a browser that
 * asks for it), beside React and ReactDOM's own production code gzipped (what any React app
 * ships); and the time from navigation to the first rows of a 1 000-activity register in
 * Debian's Chromium against a real server on the embedded database, beside the time the same
 * browser takes to load a bare JSON response from that server.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { newPage, ROOT, signIn, startApp } from "../e2e/support.ts";
import { hashPassword } from "../src/server/passwords.ts";
import { generatedLia } from "./generate.ts";
import type { Row } from "./row.ts";

const ACTIVITIES = 1_000;
const RUNS = 7;

function initialAssets(): { js: number; css: number } {
  const dir = join(ROOT, "dist", "web");
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
  let js = 0;
  let css = 0;
  for (const ref of new Set(refs)) {
    const size = gzipSync(readFileSync(join(dir, ref))).length;
    if (ref.endsWith(".js")) js += size;
    else if (ref.endsWith(".css")) css += size;
  }
  return { js, css };
}

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

export async function webBench(): Promise<Row[]> {
  const app = await startApp(); // builds dist/web when its sources changed
  try {
    const assets = initialAssets();
    const docs = Array.from({ length: ACTIVITIES }, (_, i) => ({
      ...generatedLia(2, i),
      id: `web-bench-${String(i).padStart(4, "0")}`,
    }));
    const ctx = { actor: "bench", now: new Date(), today: "2026-12-01" };
    for (let i = 0; i < docs.length; i += 250)
      await app.store.assessments.importDocuments(docs.slice(i, i + 250), ctx);
    await app.store.accounts.createUser(
      {
        email: "bench@basis.invalid",
        name: "Bench",
        role: "viewer",
        passwordHash: await hashPassword("bench password 1"),
      },
      "bench",
      new Date(),
    );
    const page = await newPage(app);
    await signIn(page, "bench@basis.invalid", "bench password 1");
    const times: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      await page.goto("/register");
      await page.waitForFunction(
        () =>
          document.querySelectorAll('table[aria-label="Processing activities"] tbody tr').length >
          0,
        undefined,
        { polling: "raf" },
      );
      const t = await page.evaluate(() => performance.now());
      if (i > 0) times.push(t); // the first visit fills the HTTP cache, as any later visit has it
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] as number;
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
    bare.sort((a, b) => a - b);
    const navigation = {
      figure: `navigation to a bare JSON response, load event, median of ${RUNS}`,
      value: Math.round(bare[Math.floor(bare.length / 2)] as number),
    };
    const react = {
      figure: "React + ReactDOM production code, gzipped",
      value: Math.round(reactFloor() / 102.4) / 10,
    };
    return [
      {
        figure: "web: initial JS, gzipped",
        value: Math.round(assets.js / 102.4) / 10,
        unit: "KB",
        reference: react,
        goal: "<= 300 KB",
      },
      {
        figure: "web: initial CSS, gzipped",
        value: Math.round(assets.css / 102.4) / 10,
        unit: "KB",
      },
      {
        figure: `web: register of ${ACTIVITIES} activities, navigation to first rows, median of ${RUNS}`,
        value: Math.round(median),
        unit: "ms",
        reference: navigation,
      },
      {
        figure: `web: register of ${ACTIVITIES} activities, slowest of ${RUNS}`,
        value: Math.round(times.at(-1) as number),
        unit: "ms",
        reference: navigation,
      },
    ];
  } finally {
    await app.close();
  }
}
