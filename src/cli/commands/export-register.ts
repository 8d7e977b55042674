/**
 * @module cli/commands/export-register
 * `basis export-register <file-or-dir> --format csv|xlsx [-o out] [--brand <file>]`: the record
 * of processing activities (Art. 30), one row per activity, from a register file or from every
 * Basis file (`*.yaml`, `*.yml`) in a folder. The XLSX is binary: it goes to `-o <file>`, or to
 * standard output only when that is not a terminal; it is laid out for print (landscape, one
 * page wide, header row repeated) in the organisation's colour.
 */
import { Command, Option } from "commander";
import { collectFiles } from "../../check/collect-files.ts";
import type { Assessment } from "../../core/schema/index.ts";
import { renderRegister } from "../../render/publish.ts";
import { loadBranding } from "../brand.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { assessmentsOf, formatErrors, loadBasisFile } from "../load-file.ts";
import { checkToday } from "./evaluate.ts";
import { type BinaryIo, documentContext, refuseTerminal, writeOutput } from "./render.ts";

export interface ExportRegisterOptions {
  format: "csv" | "xlsx";
  output?: string;
  today?: string;
  /** A brand file (name, colour, logo); `BASIS_BRAND` when not given. */
  brand?: string;
}

/** The Basis files to read: the file itself, or the Basis files under a folder (as `basis check` finds them). */
function filesOf(target: string): string[] {
  const found = collectFiles([target]);
  if (found.missing.length > 0) return found.missing; // loadBasisFile reports the missing file
  if (found.files.length === 0)
    throw new CliError(`${target}: no Basis .yaml or .yml files in this folder`);
  return found.files;
}

export async function runExportRegister(
  io: BinaryIo,
  target: string,
  opts: ExportRegisterOptions,
): Promise<number> {
  const today = checkToday(opts.today);
  const assessments: Assessment[] = [];
  let failed = false;
  for (const file of filesOf(target)) {
    const loaded = loadBasisFile(file);
    if (!loaded.ok) {
      for (const line of formatErrors(file, loaded.errors)) io.err(line);
      failed = true;
    } else assessments.push(...assessmentsOf(loaded.value));
  }
  if (failed) return EXIT.failed;
  const what = opts.format === "csv" ? "CSV" : "an XLSX workbook";
  if (opts.format === "xlsx") refuseTerminal(io, opts.output, what);
  const branding = loadBranding(opts.brand);
  const published = await renderRegister(
    assessments,
    opts.format,
    documentContext(today, { branding }),
  );
  writeOutput(io, published.body, opts.output, what);
  return EXIT.ok;
}

export function exportRegisterCommand(io: Io): Command {
  return new Command("export-register")
    .description("export the record of processing activities (Art. 30) as CSV or XLSX")
    .argument("<file-or-dir>", "a register file, an assessment file, or a folder of them")
    .addOption(
      new Option("--format <format>", "csv or xlsx").choices(["csv", "xlsx"]).default("csv"),
    )
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--today <date>", "evaluate as of this date (YYYY-MM-DD)")
    .option("--brand <file>", "branding (name, colour, logo) as YAML; default $BASIS_BRAND")
    .action(async (target: string, opts: ExportRegisterOptions) => {
      io.exit(await runExportRegister(io, target, opts));
    });
}
