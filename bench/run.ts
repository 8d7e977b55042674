/**
 * `npm run bench [-- section...]`: the figures the issues name, printed as a table and
 * written as JSON under bench/results/. Sections: core, server (and, when present,
 * documents, verify and web). Timings are measured here, never asserted in tests.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { evaluate } from "../src/core/evaluate.ts";
import { generatedLia } from "./generate.ts";
import { type Row, serverBench } from "./server.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

function evaluationsPerSecond(): number {
  const inputs = Array.from({ length: 500 }, (_, i) => generatedLia(5, i));
  for (const a of inputs) evaluate(a, { today: "2026-11-22" }); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 3000) {
    evaluate(inputs[n % inputs.length] as (typeof inputs)[0], { today: "2026-11-22" });
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

function coldStart(args: string[], runs = 15): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b);
}

async function coreBench(): Promise<Row[]> {
  spawnSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: root, stdio: "inherit" });
  const cli = coldStart([
    "bin/basis.js",
    "evaluate",
    "fixtures/levqor-platform-lia.yaml",
    "--format",
    "json",
    "--today",
    "2026-11-22",
  ]);
  const bare = coldStart(["-e", ""]);
  return [
    {
      figure: "evaluate(): generated 5-interest LIA, one core",
      value: Math.round(evaluationsPerSecond()),
      unit: "evals/s",
      goal: ">= 20000",
    },
    {
      figure: "basis evaluate <file>: cold start, median",
      value: Math.round(percentile(cli, 50)),
      unit: "ms",
    },
    {
      figure: "basis evaluate <file>: cold start, p90",
      value: Math.round(percentile(cli, 90)),
      unit: "ms",
    },
    {
      figure: "node -e '' (process start, baseline), median",
      value: Math.round(percentile(bare, 50)),
      unit: "ms",
    },
  ];
}

type Section = () => Promise<Row[]>;
const sections: Record<string, Section> = { core: coreBench, server: serverBench };
for (const [name, file, fn] of [
  ["documents", "./documents.ts", "documentBench"],
  ["verify", "./verify.ts", "verifyBench"],
  ["web", "./web.ts", "webBench"],
] as const) {
  if (existsSync(fileURLToPath(new URL(file, import.meta.url)))) {
    sections[name] = async () => ((await import(file)) as Record<string, Section>)[fn]?.() ?? [];
  }
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(sections);
const rows: (Row & { section: string })[] = [];
for (const name of wanted) {
  const run = sections[name];
  if (!run)
    throw new Error(`unknown bench section "${name}"; known: ${Object.keys(sections).join(", ")}`);
  console.error(`bench: ${name}…`);
  for (const r of await run()) rows.push({ section: name, ...r });
}

const width = Math.max(...rows.map((r) => r.figure.length));
console.log(`\n${"figure".padEnd(width)}  ${"value".padStart(10)}  unit       goal`);
for (const r of rows)
  console.log(
    `${r.figure.padEnd(width)}  ${String(r.value).padStart(10)}  ${r.unit.padEnd(9)}  ${r.goal ?? ""}`,
  );
const out = `bench/results/${wanted.join("-")}-${new Date().toISOString().slice(0, 10)}.json`;
writeFileSync(
  fileURLToPath(new URL(`../${out}`, import.meta.url)),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, rows }, null, 2)}\n`,
);
console.log(`\nwrote ${out}`);
