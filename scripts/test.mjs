#!/usr/bin/env node
// Runs the whole test suite with vitest, then lists the ten slowest test files (so the next
// slow-down shows) and ends with the plain summary line CI reads: "N passed, N failed,
// N skipped". Extra arguments go to vitest (e.g. a path filter).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "basis-test-"));
const report = join(dir, "report.json");
const durations = join(dir, "durations.json");
const started = performance.now();
const run = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    "--reporter=./scripts/file-durations.mjs",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit", env: { ...process.env, BASIS_TEST_DURATIONS: durations } },
);
const wall = (performance.now() - started) / 1000;
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A suite that fails to load has no tests to count; count it as a failure.
  failed += json.testResults.filter(
    (r) => r.status === "failed" && r.assertionResults.length === 0,
  ).length;
} catch {
  failed = Math.max(failed, 1);
}
try {
  const files = JSON.parse(readFileSync(durations, "utf8")).sort((a, b) => b.ms - a.ms);
  const sum = files.reduce((s, f) => s + f.ms, 0) / 1000;
  console.log(
    `\nSlowest test files (wall time each, from start to end of the file; ${files.length} files, ${sum.toFixed(0)} s summed, ${wall.toFixed(0)} s for the run):`,
  );
  for (const f of files.slice(0, 10))
    console.log(`${(f.ms / 1000).toFixed(1).padStart(7)} s  ${f.file} (${f.tests} tests)`);
} catch {
  // No durations (vitest did not start): the summary below says what matters.
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
