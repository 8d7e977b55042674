/**
 * @module cli/main
 * The `basis` command: parses arguments and hands each command its I/O. Every error ends as
 * one line on standard error and an exit code (see `EXIT`), never a stack trace.
 */
import { Command, CommanderError } from "commander";
import { PACKAGE_VERSION } from "../content/paths.ts";
import { checkCommand } from "./commands/check.ts";
import { dpiaCommand } from "./commands/dpia.ts";
import { evaluateCommand } from "./commands/evaluate.ts";
import { exportRegisterCommand } from "./commands/export-register.ts";
import { newCommand } from "./commands/new.ts";
import { referencesCommand } from "./commands/references.ts";
import { renderCommand } from "./commands/render.ts";
import { reviewsCommand } from "./commands/reviews.ts";
import { screenCommand } from "./commands/screen.ts";
import { serveCommand } from "./commands/serve.ts";
import { auditCommand, exportCommand, importCommand } from "./commands/store-commands.ts";
import { templatesCommand } from "./commands/templates.ts";
import { validateCommand } from "./commands/validate.ts";
import { verifyCommand } from "./commands/verify.ts";
import { CliError, EXIT, type Io, processIo } from "./io.ts";

export function buildProgram(io: Io): Command {
  const program = new Command("basis")
    .description("Decide, document and defend the lawful basis of processing (EU and UK GDPR)")
    .version(PACKAGE_VERSION)
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const cmd of [
    templatesCommand(io),
    newCommand(io),
    validateCommand(io),
    evaluateCommand(io),
    checkCommand(io),
    verifyCommand(io),
    renderCommand(io),
    exportRegisterCommand(io),
    screenCommand((c) => io.exit(c)),
    referencesCommand(io),
    serveCommand(io),
    importCommand(io),
    exportCommand(io),
    auditCommand(io),
    reviewsCommand(io),
    dpiaCommand(io),
  ]) {
    program.addCommand(cmd);
  }
  program.exitOverride();
  const override = (c: Command) => {
    c.exitOverride();
    for (const sub of c.commands) override(sub);
  };
  for (const c of program.commands) override(c);
  return program;
}

export async function main(argv: string[], outer: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const io: Io = { ...outer, exit: (c) => (code = c) };
  const program = buildProgram(io);
  if (argv.length === 0) {
    io.out(program.helpInformation());
    io.out("Start with: basis templates, then basis new --template <id> -o my-assessment.yaml");
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successful exits; everything else is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CliError) {
      io.err(`basis: ${e.message}`);
      return e.exitCode;
    }
    io.err(`basis: unexpected error: ${(e as Error).message ?? String(e)}`);
    return EXIT.failed;
  }
}

const invokedDirectly = process.argv[1]?.endsWith("cli/main.ts") === true;
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
