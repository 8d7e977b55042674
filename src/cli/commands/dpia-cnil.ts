/**
 * @module cli/commands/dpia-cnil
 * `basis dpia import --from cnil-pia <file>` turns a PIA exported by the CNIL's PIA software
 * into a draft assessment file; `basis dpia export --to cnil-pia <file>` writes an
 * assessment's DPIA as a file that software imports. Both print what did not map, by path, on
 * standard error; a file that cannot be read is refused with located errors and nothing is
 * written.
 */
import { existsSync, writeFileSync } from "node:fs";
import { type Assessment, Id } from "../../core/schema/index.ts";
import { toYaml } from "../../core/serialize.ts";
import { exportCnilPia } from "../../interop/cnil-pia/export.ts";
import { importCnilPiaText } from "../../interop/cnil-pia/import.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { assessmentsOf, formatErrors, loadBasisFile, readTextFile } from "../load-file.ts";
import { schemaPathFor } from "../schema-path.ts";

export interface DpiaImportOptions {
  from: "cnil-pia";
  output?: string;
  force?: boolean;
  id?: string;
  jurisdiction?: "EU" | "UK";
  country?: string;
}

export function runDpiaImport(io: Io, file: string, opts: DpiaImportOptions): number {
  if (opts.id !== undefined && !Id.safeParse(opts.id).success)
    throw new CliError(`--id "${opts.id}": use lower-case letters, digits and dashes`, EXIT.usage);
  if (opts.country !== undefined && !/^[A-Z]{2}$/.test(opts.country))
    throw new CliError(`--country "${opts.country}": use a two-letter code such as FR`, EXIT.usage);
  refuseOverwrite(opts);
  const read = readTextFile(file);
  const result = read.ok ? importCnilPiaText(read.text, opts) : read;
  if (!result.ok) {
    for (const line of formatErrors(file, result.errors)) io.err(line);
    io.err("basis: nothing was written");
    return EXIT.failed;
  }
  const text = toYaml(result.assessment, schemaPathFor(opts.output));
  if (opts.output) writeFileSync(opts.output, text);
  else io.out(text);
  const where = opts.output ? ` to ${opts.output}` : "";
  io.err(
    `imported "${result.assessment.title}" as draft assessment ${result.assessment.id}${where}`,
  );
  report(
    io,
    "not mapped (path in the CNIL file)",
    result.unmapped.map((u) => [u.path, u.reason]),
  );
  report(
    io,
    "to check (path in the assessment)",
    result.notes.map((n) => [n.path, n.note]),
  );
  return EXIT.ok;
}

export interface DpiaExportOptions {
  to: "cnil-pia";
  output?: string;
  force?: boolean;
  id?: string;
}

export function runDpiaExport(io: Io, file: string, opts: DpiaExportOptions, now: Date): number {
  refuseOverwrite(opts);
  const loaded = loadBasisFile(file);
  if (!loaded.ok) {
    for (const line of formatErrors(file, loaded.errors)) io.err(line);
    return EXIT.failed;
  }
  const all = assessmentsOf(loaded.value);
  const chosen = choose(file, all, opts.id);
  const result = exportCnilPia(chosen, { now: now.toISOString() });
  if (!result.ok) {
    io.err(`${file}: ${chosen.id}: ${result.message}`);
    return EXIT.failed;
  }
  const json = `${JSON.stringify(result.file, null, 2)}\n`;
  if (opts.output) writeFileSync(opts.output, json);
  else io.out(json);
  io.err(
    `exported the DPIA of ${chosen.id} for the CNIL PIA software${opts.output ? ` to ${opts.output}` : ""}`,
  );
  report(
    io,
    "not carried (path in the assessment)",
    result.notCarried.map((n) => [n.path, n.reason]),
  );
  return EXIT.ok;
}

/** The assessment to export: the one named, the only one, or the only one with a DPIA. */
function choose(file: string, all: Assessment[], id: string | undefined): Assessment {
  if (id !== undefined) {
    const named = all.find((a) => a.id === id);
    if (!named) throw new CliError(`${file}: no assessment with id ${id}`, EXIT.failed);
    return named;
  }
  const withDpia = all.filter((a) => a.dpia !== undefined);
  if (all.length === 1 || withDpia.length === 1) return (withDpia[0] ?? all[0]) as Assessment;
  if (withDpia.length === 0)
    throw new CliError(`${file}: no assessment in this register holds a DPIA`, EXIT.failed);
  throw new CliError(
    `${file} holds ${withDpia.length} DPIAs (${withDpia.map((a) => a.id).join(", ")}); choose one with --id`,
    EXIT.usage,
  );
}

function refuseOverwrite(opts: { output?: string; force?: boolean }): void {
  if (opts.output && existsSync(opts.output) && !opts.force)
    throw new CliError(`${opts.output} already exists; use --force to overwrite it`, EXIT.failed);
}

function report(io: Io, heading: string, rows: [string, string][]): void {
  if (rows.length === 0) return;
  io.err(`${heading}: ${rows.length}`);
  for (const [path, why] of rows) io.err(`  ${path || "(file)"}: ${why}`);
}
