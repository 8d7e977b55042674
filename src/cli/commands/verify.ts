/**
 * @module cli/commands/verify
 * `basis verify --assessment <file> <inputs...>`: scans real data (JSON Lines, CSV, access
 * logs, gzip of any; JSON Schema and SQL DDL) against the assessment's minimisation
 * specification. Exit 0 when clean, 1 on any violation, 2 on a usage or input error
 * (including lines that could not be read, since those were not checked).
 */
import { statSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { Command, Option } from "commander";
import { toolVersion } from "../../check/tool-version.ts";
import type { Assessment } from "../../core/schema/index.ts";
import { INPUT_FORMATS, type InputFormat } from "../../verify/detect.ts";
import { LOG_PARTS } from "../../verify/formats/combined-log.ts";
import { jsonReport } from "../../verify/report/json.ts";
import { sarifReport } from "../../verify/report/sarif.ts";
import { type ReportContext, textReport } from "../../verify/report/text.ts";
import { planOf } from "../../verify/spec.ts";
import { VerifyInputError, verifyInputs } from "../../verify/verify.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { assessmentsOf, formatErrors, loadBasisFile } from "../load-file.ts";
import { checkToday } from "./evaluate.ts";

export interface VerifyCliOptions {
  assessment: string;
  activity?: string;
  today?: string;
  format: "text" | "json" | "sarif";
  output?: string;
  examples: string;
  map: string[];
  timeField?: string;
  inputFormat?: InputFormat;
  jobs?: string;
  maxLine: string;
}

export async function runVerify(io: Io, inputs: string[], opts: VerifyCliOptions): Promise<number> {
  const today = checkToday(opts.today);
  const assessment = pickAssessment(io, opts.assessment, opts.activity);
  const spec = assessment.lia?.minimisation;
  if (!spec)
    throw new CliError(
      `${opts.assessment}: ${assessment.id} has no lia.minimisation specification to verify against`,
      EXIT.usage,
    );
  const examples = integer("--examples", opts.examples, 0, 1000);
  const maxLine = integer("--max-line", opts.maxLine, 1024, 256 * 1024 * 1024);
  const workers = opts.jobs === undefined ? undefined : integer("--jobs", opts.jobs, 0, 64);
  const map = parseMap(opts.map);
  for (const path of inputs) {
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      throw new CliError(`${path}: no such file`, EXIT.usage);
    }
    if (!isFile) throw new CliError(`${path}: not a file (name the files to verify)`, EXIT.usage);
  }
  const plan = planOf(spec, { today, examples, maxLine, map, timeField: opts.timeField });
  const progress = io.isTTY && process.stderr.isTTY ? ttyProgress() : undefined;
  const started = performance.now();
  let report: Awaited<ReturnType<typeof verifyInputs>>;
  try {
    report = await verifyInputs({
      plan,
      inputs: inputs.map((path) => ({ path, display: displayPath(path) })),
      ...(workers !== undefined ? { workers } : {}),
      ...(opts.inputFormat ? { inputFormat: opts.inputFormat } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    });
  } catch (e) {
    if (e instanceof VerifyInputError) throw new CliError(e.message, EXIT.usage);
    throw e;
  } finally {
    progress?.clear();
  }
  const seconds = (performance.now() - started) / 1000;
  const code =
    report.totals.violations > 0 ? EXIT.failed : report.totals.problems > 0 ? EXIT.usage : EXIT.ok;
  const ctx: ReportContext = {
    assessment: { file: displayPath(opts.assessment), id: assessment.id, title: assessment.title },
    fields: spec.fields.length,
    prohibited: spec.prohibited?.length ?? 0,
    seconds,
  };
  const body =
    opts.format === "json"
      ? jsonReport(report, ctx, code)
      : opts.format === "sarif"
        ? sarifReport(report, ctx, toolVersion())
        : textReport(report, ctx, io.isTTY && !opts.output);
  if (opts.output) {
    writeFileSync(opts.output, body);
    const t = report.totals;
    io.out(
      `basis verify: ${t.violations} violations, ${t.problems} input problems in ${t.records} records; report written to ${opts.output}`,
    );
  } else io.out(body);
  return code;
}

function pickAssessment(io: Io, file: string, activity: string | undefined): Assessment {
  const loaded = loadBasisFile(file);
  if (!loaded.ok) {
    for (const line of formatErrors(file, loaded.errors)) io.err(line);
    throw new CliError(`${file}: not a valid assessment file`, EXIT.usage);
  }
  const all = assessmentsOf(loaded.value);
  if (activity !== undefined) {
    const hit = all.find((a) => a.id === activity);
    if (!hit)
      throw new CliError(
        `${file}: no activity "${activity}" (it has: ${all.map((a) => a.id).join(", ")})`,
        EXIT.usage,
      );
    return hit;
  }
  if (all.length === 1) return all[0] as Assessment;
  const withSpec = all.filter((a) => a.lia?.minimisation);
  if (withSpec.length === 1) return withSpec[0] as Assessment;
  throw new CliError(
    `${file} is a register: choose the activity with --activity (${withSpec.map((a) => a.id).join(", ") || "none has a minimisation specification"})`,
    EXIT.usage,
  );
}

function integer(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`${name} "${value}": use a whole number from ${min} to ${max}`, EXIT.usage);
  return n;
}

function parseMap(entries: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(entry.trim());
    if (!m)
      throw new CliError(
        `--map "${entry}": write inputfield=specfield, e.g. --map remote_addr=ip_network`,
        EXIT.usage,
      );
    map[m[1] as string] = m[2] as string;
  }
  return map;
}

/** Paths in reports are relative to the working directory, as SARIF consumers expect. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") ? path : rel.split("\\").join("/");
}

function ttyProgress() {
  let last = 0;
  const started = performance.now();
  return {
    update(done: number, total: number) {
      const now = performance.now();
      if (now - last < 200 && done < total) return;
      last = now;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const mib = done / 1024 / 1024;
      const rate = mib / Math.max(0.001, (now - started) / 1000);
      process.stderr.write(
        `\r\u001b[Kverifying: ${pct}% of ${(total / 1024 / 1024).toFixed(0)} MiB, ${rate.toFixed(0)} MiB/s`,
      );
    },
    clear() {
      process.stderr.write("\r\u001b[K");
    },
  };
}

export function verifyCommand(io: Io): Command {
  return new Command("verify")
    .description(
      "scan data (JSON Lines, CSV, access logs, gzip; JSON Schema, SQL DDL) against the minimisation specification",
    )
    .argument("<inputs...>", "files to verify")
    .requiredOption("--assessment <file>", "assessment or register file holding the specification")
    .option("--activity <id>", "which activity of a register")
    .option("--today <date>", "judge retention as of this date (YYYY-MM-DD)")
    .addOption(
      new Option("--format <format>", "report format")
        .choices(["text", "json", "sarif"])
        .default("text"),
    )
    .option("-o, --output <file>", "write the report to a file")
    .option("--examples <n>", "examples shown per rule and field", "5")
    .option(
      "--map <input=spec>",
      `rename an input field (or access-log part: ${LOG_PARTS.join(", ")}) to a specification field; repeatable`,
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option("--time-field <name>", "the field holding each record's time, for retention")
    .addOption(
      new Option("--input-format <format>", "read every input as this format").choices([
        ...INPUT_FORMATS,
      ]),
    )
    .option("--jobs <n>", "worker threads (default: one per core for large inputs; 0: none)")
    .option(
      "--max-line <bytes>",
      "longest line read; longer ones are skipped and reported",
      "1048576",
    )
    .action(async (inputs: string[], opts: VerifyCliOptions) => {
      io.exit(await runVerify(io, inputs, opts));
    });
}
