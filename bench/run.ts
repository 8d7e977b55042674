/**
 * `npm run bench`: the figures the issues name, printed as a table and written as JSON under
 * bench/results/. Timings are measured here, never asserted in tests.
 *
 * - rules engine: evaluations per second of generated 5-interest LIAs, one core
 * - CLI cold start: wall time of `basis evaluate <file>` in a fresh process
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { evaluate } from "../src/core/evaluate.ts";
import { generatedLia } from "./generate.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const rows: { figure: string; value: number; unit: string; goal?: string }[] = [];

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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

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

spawnSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: root, stdio: "inherit" });
rows.push({
  figure: "evaluate(): generated 5-interest LIA, one core",
  value: Math.round(evaluationsPerSecond()),
  unit: "evals/s",
  goal: ">= 20000",
});
const fixture = "fixtures/levqor-platform-lia.yaml";
const cli = coldStart([
  "bin/basis.js",
  "evaluate",
  fixture,
  "--format",
  "json",
  "--today",
  "2026-11-22",
]);
rows.push({
  figure: "basis evaluate <file>: cold start, median",
  value: Math.round(percentile(cli, 50)),
  unit: "ms",
});
rows.push({
  figure: "basis evaluate <file>: cold start, p90",
  value: Math.round(percentile(cli, 90)),
  unit: "ms",
});
const bare = coldStart(["-e", ""]);
rows.push({
  figure: "node -e '' (process start, baseline), median",
  value: Math.round(percentile(bare, 50)),
  unit: "ms",
});

const width = Math.max(...rows.map((r) => r.figure.length));
console.log(`\n${"figure".padEnd(width)}  ${"value".padStart(10)}  unit      goal`);
for (const r of rows)
  console.log(
    `${r.figure.padEnd(width)}  ${String(r.value).padStart(10)}  ${r.unit.padEnd(8)}  ${r.goal ?? ""}`,
  );
const out = `bench/results/core-${new Date().toISOString().slice(0, 10)}.json`;
writeFileSync(
  fileURLToPath(new URL(`../${out}`, import.meta.url)),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, rows }, null, 2)}\n`,
);
console.log(`\nwrote ${out}`);
