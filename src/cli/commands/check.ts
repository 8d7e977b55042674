/**
 * @module cli/commands/check
 * `basis check [paths...]` or `basis check --server URL --token T`: the CI gate over files or
 * over a server's register. Exit 0 when every assessment found passes; 1 when a purpose relies
 * on legitimate interests without an approved LIA, a blocker finding is open, a review is
 * overdue, or a file is not a valid Basis file; 2 when the command is misused or finds nothing
 * to check. Reports as text, JSON, JUnit XML or SARIF 2.1.0.
 */
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { Command, Option } from "commander";
import { collectFiles } from "../../check/collect-files.ts";
import { type CheckedFile, checkFileText } from "../../check/gate.ts";
import { checkJunit } from "../../check/junit.ts";
import {
  type CheckReport,
  checkExitCode,
  checkJson,
  checkReport,
  checkText,
} from "../../check/report.ts";
import { checkSarif } from "../../check/sarif.ts";
import { toolVersion } from "../../check/tool-version.ts";
import { referenceIds } from "../../content/references.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { readTextFile } from "../load-file.ts";
import { remoteOf } from "../remote.ts";
import { checkServer } from "./check-server.ts";
import { checkToday } from "./evaluate.ts";

export interface CheckCliOptions {
  today?: string;
  format: "text" | "json" | "junit" | "sarif";
  output?: string;
  server?: string;
  token?: string;
}

export async function runCheck(io: Io, paths: string[], opts: CheckCliOptions): Promise<number> {
  const today = checkToday(opts.today);
  const remote = remoteOf(opts);
  if (remote && paths.length > 0)
    throw new CliError("give assessment paths or --server, not both", EXIT.usage);
  const knownRefs = referenceIds();
  const report = remote
    ? checkReport(today, await checkServer(remote, { today, knownRefs }), 0, remote.url)
    : checkPaths(paths, today, knownRefs);
  return writeReport(io, report, opts);
}

function checkPaths(paths: string[], today: string, knownRefs: ReadonlySet<string>): CheckReport {
  const given = paths.length > 0 ? paths : ["."];
  const found = collectFiles(given);
  if (found.missing.length > 0)
    throw new CliError(`no such file or folder: ${found.missing.join(", ")}`, EXIT.usage);
  if (found.files.length === 0)
    throw new CliError(
      `no assessment files found in ${given.join(", ")} (looked for *.yaml and *.yml with format: basis/v1)`,
      EXIT.usage,
    );
  const files: CheckedFile[] = found.files.map((path) => {
    const file = displayPath(path);
    const read = readTextFile(path);
    if (!read.ok) return { file, errors: read.errors, assessments: [] };
    return checkFileText(file, read.text, { today, knownRefs });
  });
  return checkReport(today, files, found.ignored);
}

function writeReport(io: Io, report: CheckReport, opts: CheckCliOptions): number {
  const code = checkExitCode(report);
  const body =
    opts.format === "json"
      ? checkJson(report)
      : opts.format === "junit"
        ? checkJunit(report)
        : opts.format === "sarif"
          ? checkSarif(report, toolVersion())
          : checkText(report, io.isTTY && !opts.output);
  if (opts.output) {
    writeFileSync(opts.output, body);
    const t = report.totals;
    io.out(
      `basis check: ${code === 0 ? "passed" : "FAILED"}: ${t.failed} of ${t.assessments} assessments fail, ${t.invalidFiles} invalid files; report written to ${opts.output}`,
    );
  } else io.out(body);
  return code;
}

/** Paths in reports are relative to the working directory, as SARIF consumers expect. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") ? path : rel.split("\\").join("/");
}

export function checkCommand(io: Io): Command {
  return new Command("check")
    .description(
      "CI gate: fail when an LI purpose lacks an approved LIA, a blocker is open or a review is overdue",
    )
    .argument("[paths...]", "assessment files or folders (default: the current folder)")
    .option("--server <url>", "check the register of a running Basis server instead of files")
    .option("--token <token>", "API token for --server (or BASIS_TOKEN)")
    .option("--today <date>", "check as of this date (YYYY-MM-DD)")
    .addOption(
      new Option("--format <format>", "report format")
        .choices(["text", "json", "junit", "sarif"])
        .default("text"),
    )
    .option("-o, --output <file>", "write the report to a file")
    .action(async (paths: string[], opts: CheckCliOptions) => {
      io.exit(await runCheck(io, paths, opts));
    });
}
