/**
 * @module cli/commands/dpia
 * `basis dpia`: the Art. 35 screening of assessment files, and moving DPIAs in from and out
 * to the CNIL's PIA software.
 */
import { Command, Option } from "commander";
import type { Io } from "../io.ts";
import {
  type DpiaExportOptions,
  type DpiaImportOptions,
  runDpiaExport,
  runDpiaImport,
} from "./dpia-cnil.ts";
import { type DpiaScreenOptions, runDpiaScreen, screenOptions } from "./dpia-screen.ts";

export function dpiaCommand(io: Io, now: () => Date = () => new Date()): Command {
  const dpia = new Command("dpia").description(
    "DPIA (Art. 35): screen assessments; import from and export to the CNIL PIA software",
  );
  const screen = new Command("screen")
    .description("say whether each assessment in a file needs a DPIA, which criteria apply and why")
    .argument("<file>", "assessment or register file");
  for (const o of screenOptions) screen.addOption(o);
  dpia.addCommand(
    screen.action((file: string, opts: DpiaScreenOptions) =>
      io.exit(runDpiaScreen(io, file, opts)),
    ),
  );
  dpia.addCommand(
    new Command("import")
      .description("write a draft assessment from a PIA exported by the CNIL PIA software (JSON)")
      .argument("<file>", "the exported PIA (.json)")
      .addOption(
        new Option("--from <format>", "the file's format")
          .choices(["cnil-pia"])
          .makeOptionMandatory(),
      )
      .option("-o, --output <file>", "write the assessment here instead of standard output")
      .option("--force", "overwrite an existing file")
      .option("--id <id>", "id of the new assessment (default: from the PIA's name)")
      .addOption(
        new Option("--jurisdiction <profile>", "EU or UK (default EU)").choices(["EU", "UK"]),
      )
      .option("--country <code>", "country of main establishment, e.g. FR")
      .action((file: string, opts: DpiaImportOptions) => io.exit(runDpiaImport(io, file, opts))),
  );
  dpia.addCommand(
    new Command("export")
      .description("write an assessment's DPIA as a file the CNIL PIA software imports (JSON)")
      .argument("<file>", "assessment or register file")
      .addOption(
        new Option("--to <format>", "the format to write")
          .choices(["cnil-pia"])
          .makeOptionMandatory(),
      )
      .option("-o, --output <file>", "write here instead of standard output")
      .option("--force", "overwrite an existing file")
      .option("--id <id>", "the assessment to export, in a register")
      .action((file: string, opts: DpiaExportOptions) =>
        io.exit(runDpiaExport(io, file, opts, now())),
      ),
  );
  return dpia;
}
