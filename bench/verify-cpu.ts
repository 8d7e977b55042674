/**
 * `basis verify`'s scan work per CPU second, single-threaded and in-process: one task over a
 * whole generated file, timed with `process.cpuUsage()` so a busy, shared machine (where wall
 * time says more about the neighbours than the code) still gives a figure worth comparing.
 * Not part of `npm run bench`; for comparing two versions of the scanner side by side, bundle
 * it as the CLI is bundled (tsx's loader would be measured too) and run the bundle:
 *
 *   npx esbuild bench/verify-cpu.ts --bundle --platform=node --format=esm --outfile=/tmp/v.mjs
 *   node /tmp/v.mjs [combined|jsonl] [dataDir]
 *
 * The planted violations must all be found, and nothing else, or the figure is refused.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { runTask } from "../src/verify/scan-task.ts";
import { CompiledSpec, planOf } from "../src/verify/spec.ts";
import { writeAccessLog, writeAuditEvents } from "../test/support/verify-data.ts";

const format = (process.argv[2] ?? "combined") as "combined" | "jsonl";
const dir = resolve(process.argv[3] ?? "/tmp/basis-verify-cpu");
const BYTES = Number(process.env.BASIS_BENCH_VERIFY_BYTES ?? 200 * 1000 * 1000);
const TODAY = "2026-11-22";

mkdirSync(dir, { recursive: true });
const file = join(dir, format === "combined" ? `access-${BYTES}.log` : `audit-${BYTES}.jsonl`);
const stamp = `${file}.planted.json`;
if (!existsSync(stamp)) {
  const planted =
    format === "combined"
      ? writeAccessLog(file, {
          bytes: BYTES,
          today: TODAY,
          seed: 22,
          plant: { fullIpv4: 1000, pathQuery: 400, referrerQuery: 400, rawUa: 600, expired: 200 },
        }).planted
      : writeAuditEvents(file, {
          bytes: BYTES,
          today: TODAY,
          seed: 21,
          plant: { fullIp: 1000, extraField: 400, email: 200, expired: 600 },
        }).planted;
  writeFileSync(stamp, JSON.stringify(planted));
}
const planted = JSON.parse(readFileSync(stamp, "utf8")) as Record<string, number>;

// Run from the checkout: the templates are read from the working directory.
const template = format === "combined" ? "cookieless-analytics" : "audit-logging";
const doc = parse(readFileSync(join("src/content/templates", `${template}.yaml`), "utf8"));
if (format === "combined")
  doc.lia.minimisation.fields.push(
    { name: "status", purpose: "Spot broken pages", retention: "25 months", retentionDays: 750 },
    { name: "bytes", purpose: "Spot unusual traffic", retention: "25 months", retentionDays: 750 },
  );
const plan = planOf(doc.lia.minimisation, {
  today: TODAY,
  examples: 3,
  maxLine: 1024 * 1024,
  map: {},
});
const spec = new CompiledSpec(plan);
const size = statSync(file).size;
const before = process.cpuUsage();
const result = await runTask(spec, {
  id: 0,
  path: file,
  format,
  gzip: false,
  start: 0,
  end: Number.MAX_SAFE_INTEGER,
});
const used = process.cpuUsage(before);
const cpu = (used.user + used.system) / 1e6;
const found: Record<string, number> = {};
for (const g of result.groups as { code: string; field: string; count: number }[])
  found[`${g.code} ${g.field}`] = g.count;
const sorted = (p: Record<string, number>) => JSON.stringify(Object.entries(p).sort());
if (sorted(found) !== sorted(planted))
  throw new Error(`found ${sorted(found)}, planted ${sorted(planted)}`);
console.log(
  `${format}: ${(size / 1e6).toFixed(0)} MB in ${cpu.toFixed(2)} CPU s = ${(size / 1e6 / cpu).toFixed(1)} MB/cpu-s`,
);
