/**
 * `npm run bench [-- section...]`: every figure the README and the issues name, each beside the
 * reference it is compared with in the same run and the ratio of the two, printed as one table
 * and written as JSON under bench/results/. Sections: core, start, server, documents, verify,
 * web, register. Timings are measured here, never asserted in tests.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { evaluate } from "../src/core/evaluate.ts";
import { generatedLia } from "./generate.ts";
import { type Row, ratioOf, table } from "./row.ts";
import { cliStartRows } from "./start.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

/** How many times `work(i)` runs in three seconds of one core, per second. */
function perSecond(work: (i: number) => unknown): number {
  for (let i = 0; i < 500; i++) work(i); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 3000) work(n++);
  return n / ((performance.now() - start) / 1000);
}

async function coreBench(): Promise<Row[]> {
  spawnSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: root, stdio: "inherit" });
  const inputs = Array.from({ length: 500 }, (_, i) => generatedLia(5, i));
  const pick = (i: number) => inputs[i % inputs.length] as (typeof inputs)[0];
  // A fixed amount of plain JavaScript work on the same documents: how fast this machine is now.
  const copies = perSecond((i) => JSON.parse(JSON.stringify(pick(i))));
  const evaluations = perSecond((i) => evaluate(pick(i), { today: "2026-11-22" }));
  return [
    {
      figure: "evaluate(): generated 5-interest LIA, one core",
      value: Math.round(evaluations),
      unit: "evals/s",
      reference: {
        figure: "JSON copy of the same LIAs, per second",
        value: Math.round(copies),
      },
      goal: ">= 20000 evals/s",
    },
    ...cliStartRows(),
  ];
}

type Section = () => Promise<Row[]>;
// Each section loads what it measures only when it runs (the browser, the server, the renderers).
const sections: Record<string, Section> = {
  core: coreBench,
  start: async () => (await import("./start.ts")).startBench(),
  server: async () => (await import("./server.ts")).serverBench(),
  documents: async () => (await import("./documents.ts")).documentBench(),
  verify: async () => (await import("./verify.ts")).verifyBench(),
  web: async () => (await import("./web.ts")).webBench(),
  register: async () => (await import("./register.ts")).registerBench(),
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(sections);
const rows: (Row & { section: string })[] = [];
const load = loadavg()[0] ?? 0;
for (const name of wanted) {
  const run = sections[name];
  if (!run)
    throw new Error(`unknown bench section "${name}"; known: ${Object.keys(sections).join(", ")}`);
  console.error(`bench: ${name}…`);
  for (const r of await run()) rows.push({ section: name, ...r });
}

console.log(`\n${table(rows)}`);
console.log(
  `\n${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}, load average ${load.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end`,
);
const out = `bench/results/${wanted.join("-")}-${new Date().toISOString().slice(0, 10)}.json`;
writeFileSync(
  fileURLToPath(new URL(`../${out}`, import.meta.url)),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      loadAverage: { start: load, end: loadavg()[0] },
      rows: rows.map((r) => ({ ...r, ratio: ratioOf(r) })),
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${out}`);
