/**
 * `basis verify` throughput and peak memory on 1 GB of JSON Lines audit events, 1 GB of
 * combined-format access log, and 1 GB of access log whose every line ends with a unique
 * request id (so no two lines end the same way, as in a real log that records one; the memo of
 * line ends cannot help there), each generated once into a temporary folder with a sprinkling
 * of planted violations, beside ripgrep searching the same files for the equivalent patterns
 * in the same run. Peak RSS is compared with a bare `node -e 0` measured the same way.
 * Goals: issue 5's (at least half of ripgrep's throughput, peak RSS at most 200 MB) and
 * issue 18's (the speed kept on unique data: at most 1.5 x ripgrep's time, i.e. a throughput
 * ratio of at least 0.67, and the same throughput as on the log without unique ids; peak RSS
 * at most 112 MB).
 *
 * Peak RSS is the child's maximum resident set (worker threads included) from
 * `/usr/bin/time`, or the VmHWM of `/proc/<pid>/status` sampled while it runs.
 * Run alone with `npx tsx bench/verify.ts`; `bench/run.ts` calls `verifyBench()`.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { type Planted, writeAccessLog, writeAuditEvents } from "../test/support/verify-data.ts";
import { type Row, table } from "./row.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const TODAY = "2026-11-22";
/** 1 GB per file; BASIS_BENCH_VERIFY_BYTES makes a quicker, smaller run. */
const GB = Number(process.env.BASIS_BENCH_VERIFY_BYTES ?? 1000 * 1000 * 1000);
const MB = 1024 * 1024;
/** How the size reads in the figures' names. */
const SIZE = GB % 1e9 === 0 ? `${GB / 1e9} GB` : `${Math.round(GB / 1e6)} MB`;

/** What ripgrep looks for: the same promises verify checks, as regular expressions. */
const IPV4_FULL = String.raw`\b\d{1,3}\.\d{1,3}\.\d{1,3}\.[1-9]\d{0,2}\b`;
const EMAIL = String.raw`[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}`;
const QUERY = String.raw`\?`;

interface Measured {
  seconds: number;
  /** User + system CPU time, when /usr/bin/time is there to tell. */
  cpuSeconds?: number;
  peakRssMb: number;
  code: number | null;
}

/** Run a command, timing it and taking its peak RSS. */
async function measure(cmd: string, args: string[]): Promise<Measured> {
  const useTime = existsSync("/usr/bin/time");
  const report = join(tmpdir(), `basis-bench-time-${process.pid}.txt`);
  const started = performance.now();
  const child = useTime
    ? spawn("/usr/bin/time", ["-f", "%M %U %S", "-o", report, cmd, ...args], {
        cwd: root,
        stdio: ["ignore", "ignore", "pipe"],
      })
    : spawn(cmd, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  let hwm = 0;
  const sampler = useTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
          if (m) hwm = Math.max(hwm, Number(m[1]));
        } catch {
          // the process has ended
        }
      }, 20);
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const seconds = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  let cpuSeconds: number | undefined;
  if (useTime) {
    // "%M %U %S": peak RSS in KB, then user and system CPU seconds
    const last = readFileSync(report, "utf8").trim().split("\n").pop() ?? "";
    const [rss, user, sys] = last.split(" ").map(Number);
    hwm = rss ?? 0;
    cpuSeconds = (user ?? 0) + (sys ?? 0);
    rmSync(report, { force: true });
  }
  if (code !== 0 && code !== 1)
    throw new Error(`${cmd} ${args.join(" ")} exited ${code}: ${stderr.slice(0, 500)}`);
  return {
    seconds,
    peakRssMb: hwm / 1024,
    code,
    ...(cpuSeconds !== undefined ? { cpuSeconds } : {}),
  };
}

/**
 * `basis verify` as a user runs it from the bundle: the command and its worker bundled here
 * from the current sources, the same way `scripts/build-cli.mjs` bundles the CLI. Not
 * `bin/basis.js`, which falls back to the TypeScript sources through tsx (a loader starting
 * in every thread) whenever any source file is newer than `dist/`.
 */
async function verifyRunner(
  outDir: string,
): Promise<(spec: string, file: string, map?: string) => [string, string[]]> {
  const report = join(outDir, "report.json");
  const args = (spec: string, file: string, map?: string) => [
    ...(map ? ["--map", map] : []),
    "--assessment",
    spec,
    "--today",
    TODAY,
    "--format",
    "json",
    "-o",
    report,
    file,
  ];
  const { build } = await import("esbuild");
  const { nodeBundleOptions } = await import("../scripts/bundle-options.mjs");
  const entry = join(outDir, "runner.ts");
  writeFileSync(
    entry,
    `import { verifyCommand } from ${JSON.stringify(join(root, "src/cli/commands/verify.ts"))};
const io = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stderr.write(t), isTTY: false, exit: (c: number) => { process.exitCode = c; } };
await verifyCommand(io).exitOverride().parseAsync(process.argv.slice(2), { from: "user" });
`,
  );
  await build(
    nodeBundleOptions(
      { runner: entry, "verify-worker": join(root, "src/verify/worker.ts") },
      outDir,
    ),
  );
  return (spec, file, map) => [
    process.execPath,
    [join(outDir, "runner.mjs"), ...args(spec, file, map)],
  ];
}

/** Runs per command; BASIS_BENCH_VERIFY_RUNS asks for more on a busy machine. */
const RUNS = Math.max(1, Number(process.env.BASIS_BENCH_VERIFY_RUNS ?? 2));

/** The fastest run (its peak RSS the highest seen) and the median time of `times` runs. */
async function best(
  times: number,
  run: () => Promise<Measured>,
): Promise<Measured & { medianSeconds: number }> {
  let top: Measured | undefined;
  const all: number[] = [];
  for (let i = 0; i < times; i++) {
    const m = await run();
    all.push(m.seconds);
    if (!top || m.seconds < top.seconds)
      top = { ...m, peakRssMb: Math.max(m.peakRssMb, top?.peakRssMb ?? 0) };
    else top.peakRssMb = Math.max(top.peakRssMb, m.peakRssMb);
  }
  all.sort((x, y) => x - y);
  const mid = all.length >> 1;
  const median =
    all.length % 2 ? (all[mid] as number) : ((all[mid - 1] as number) + (all[mid] as number)) / 2;
  return { ...(top as Measured), medianSeconds: median };
}

export async function verifyBench(): Promise<Row[]> {
  // BASIS_BENCH_VERIFY_DATA keeps the generated files in that folder for the next run.
  const kept = process.env.BASIS_BENCH_VERIFY_DATA;
  const dir = kept ?? mkdtempSync(join(tmpdir(), "basis-verify-bench-"));
  if (kept) mkdirSync(kept, { recursive: true });
  // Inside the project, so the bundle finds the project's node_modules.
  const out = mkdtempSync(join(root, "dist", "bench-verify-"));
  const rows: Row[] = [];
  try {
    const runner = await verifyRunner(out);
    const audit = join(dir, "audit.jsonl");
    const access = join(dir, "access.log");
    const unique = join(dir, "access-request-ids.log");
    const t = performance.now();
    // What was planted is kept beside the data, so a reused data set is checked too.
    const stamp = join(dir, `planted-3-files-${GB}.json`);
    let planted: Record<string, Planted>;
    const fresh = !kept || !existsSync(stamp);
    if (fresh) {
      const auditPlanted = writeAuditEvents(audit, {
        bytes: GB,
        today: TODAY,
        seed: 21,
        plant: { fullIp: 5000, extraField: 2000, email: 1000, expired: 3000 },
      }).planted;
      const accessPlanted = writeAccessLog(access, {
        bytes: GB,
        today: TODAY,
        seed: 22,
        plant: { fullIpv4: 5000, pathQuery: 2000, referrerQuery: 2000, rawUa: 3000, expired: 1000 },
      }).planted;
      const uniquePlanted = writeAccessLog(unique, {
        bytes: GB,
        today: TODAY,
        seed: 23,
        requestIds: true,
        plant: { fullIpv4: 5000, pathQuery: 2000, referrerQuery: 2000, rawUa: 3000, expired: 1000 },
      }).planted;
      planted = { [audit]: auditPlanted, [access]: accessPlanted, [unique]: uniquePlanted };
      writeFileSync(stamp, JSON.stringify(planted));
    } else planted = JSON.parse(readFileSync(stamp, "utf8"));
    console.log(
      `${fresh ? "generated" : "reused"} 3 x ${(GB / MB).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
    const webSpec = join(dir, "web-analytics.yaml");
    const web = parse(
      readFileSync(join(root, "src/content/templates/cookieless-analytics.yaml"), "utf8"),
    );
    web.lia.minimisation.fields.push(
      { name: "status", purpose: "Spot broken pages", retention: "25 months", retentionDays: 750 },
      {
        name: "bytes",
        purpose: "Spot unusual traffic",
        retention: "25 months",
        retentionDays: 750,
      },
    );
    writeFileSync(webSpec, stringify(web));
    // The same, with the request id the unique log ends each line with.
    const idsSpec = join(dir, "web-analytics-request-ids.yaml");
    web.lia.minimisation.fields.push({
      name: "request_id",
      purpose: "Trace one request through the logs",
      retention: "25 months",
      retentionDays: 750,
    });
    writeFileSync(idsSpec, stringify(web));
    const node = await best(RUNS, () => measure(process.execPath, ["-e", "0"]));
    const nodeRss = { figure: "node -e 0, peak RSS", value: Math.round(node.peakRssMb) };
    const rg = spawnSync("rg", ["--version"]).status === 0;
    if (!rg)
      console.warn(
        "\n*** ripgrep (rg) is not installed: the comparison with ripgrep is SKIPPED ***\n",
      );
    const cases = [
      {
        name: "JSON Lines",
        file: audit,
        spec: join(root, "src/content/templates/audit-logging.yaml"),
        patterns: [IPV4_FULL, EMAIL],
      },
      { name: "combined log", file: access, spec: webSpec, patterns: [IPV4_FULL, EMAIL, QUERY] },
      {
        name: "combined log, unique request ids",
        file: unique,
        spec: idsSpec,
        map: "extra_1=request_id",
        patterns: [IPV4_FULL, EMAIL, QUERY],
      },
    ];
    const rates = new Map<string, number>();
    for (const c of cases) {
      const size = statSync(c.file).size;
      const [cmd, args] = runner(c.spec, c.file, c.map);
      const v = await best(RUNS, () => measure(cmd, args));
      const verifyRate = size / MB / v.seconds;
      // A fast scan that misses a planted violation would be no result at all.
      const found = foundOf(join(out, "report.json"));
      const wanted = planted[c.file] ?? {};
      if (JSON.stringify(sorted(found)) !== JSON.stringify(sorted(wanted)))
        throw new Error(
          `verify on the ${c.name} found ${JSON.stringify(sorted(found))}, planted ${JSON.stringify(sorted(wanted))}`,
        );
      const rgRuns = rg
        ? await best(RUNS, () =>
            measure("rg", ["-c", ...c.patterns.flatMap((p) => ["-e", p]), c.file]),
          )
        : undefined;
      const ripgrep = (figure: string, value: number | undefined) =>
        value === undefined ? {} : { reference: { figure, value: Math.round(value) } };
      const unique = c.name.includes("unique");
      const goal = unique ? "ratio >= 0.67 (issue 18: time <= 1.5 x ripgrep's)" : "ratio >= 0.5";
      rows.push({
        figure: `basis verify: ${SIZE} ${c.name}, throughput, best of ${RUNS}`,
        value: Math.round(verifyRate),
        unit: "MB/s",
        ...ripgrep(`ripgrep, same patterns, best of ${RUNS}`, rgRuns && size / MB / rgRuns.seconds),
        goal,
      });
      rates.set(c.name, verifyRate);
      const plain = rates.get("combined log");
      if (unique && plain !== undefined)
        rows.push({
          figure: `basis verify: ${SIZE} ${c.name}, throughput against the log without them`,
          value: Math.round(verifyRate),
          unit: "MB/s",
          reference: { figure: "the combined log, same run", value: Math.round(plain) },
          goal: "ratio >= 0.9 (issue 18: keeps its speed)",
        });
      if (RUNS > 2)
        rows.push({
          figure: `basis verify: ${SIZE} ${c.name}, throughput, median of ${RUNS}`,
          value: Math.round(size / MB / v.medianSeconds),
          unit: "MB/s",
          ...ripgrep(`ripgrep, median of ${RUNS}`, rgRuns && size / MB / rgRuns.medianSeconds),
        });
      // On a shared machine wall time depends on what else runs; CPU time shows the work done.
      if (v.cpuSeconds)
        rows.push({
          figure: `basis verify: ${SIZE} ${c.name}, per CPU second`,
          value: Math.round(size / MB / v.cpuSeconds),
          unit: "MB/cpu-s",
          ...ripgrep(
            "ripgrep, per CPU second",
            rgRuns?.cpuSeconds && size / MB / rgRuns.cpuSeconds,
          ),
        });
      rows.push({
        figure: `basis verify: ${SIZE} ${c.name}, peak RSS`,
        value: Math.round(v.peakRssMb),
        unit: "MB",
        reference: nodeRss,
        goal: "<= 112 MB",
      });
    }
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
  return rows;
}

/** `"RULE field"` -> count of the violations in a JSON report (input problems left out). */
function foundOf(report: string): Planted {
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    findings: { rule: string; kind: string; field: string; count: number }[];
  };
  const out: Planted = {};
  for (const f of json.findings) if (f.kind === "violation") out[`${f.rule} ${f.field}`] = f.count;
  return out;
}

const sorted = (p: Planted) =>
  Object.fromEntries(Object.entries(p).sort(([a], [b]) => a.localeCompare(b)));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await verifyBench();
  console.log(table(rows.map((r) => ({ section: "verify", ...r }))));
}
