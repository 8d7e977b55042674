/**
 * @module cli/commands/validate
 * `basis validate <files...>`: exit 0 when every file is a valid Basis file; otherwise one
 * located line per problem and exit 1. Never a stack trace.
 */
import { Command } from "commander";
import { EXIT, type Io } from "../io.ts";
import { formatErrors, loadBasisFile } from "../load-file.ts";

export function runValidate(io: Io, files: string[]): number {
  let failed = 0;
  for (const file of files) {
    const result = loadBasisFile(file);
    if (result.ok) {
      const v = result.value;
      io.out(
        `${file}: ok (${v.kind === "register" ? `register of ${v.activities.length} activities` : "assessment"})`,
      );
    } else {
      failed++;
      for (const line of formatErrors(file, result.errors)) io.err(line);
    }
  }
  if (files.length > 1) io.out(`${files.length - failed} valid, ${failed} invalid`);
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

export function validateCommand(io: Io): Command {
  return new Command("validate")
    .description("check assessment files against the schema")
    .argument("<files...>", "YAML files")
    .action((files: string[]) => {
      io.exit(runValidate(io, files));
    });
}
