/**
 * @module cli/main
 * The `basis` command: parses arguments and hands each command its I/O. Every error ends as
 * one line on standard error and an exit code (see `EXIT`), never a stack trace.
 */
import { Command, CommanderError } from "commander";
import { PACKAGE_VERSION } from "../content/paths.ts";
import { backupCommand, restoreCommand } from "./commands/backup.ts";
import { checkCommand } from "./commands/check.ts";
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
    screenCommand(io),
    referencesCommand(io),
    serveCommand(io),
    importCommand(io),
    exportCommand(io),
    auditCommand(io),
    backupCommand(io),
    restoreCommand(io),
    reviewsCommand(io),
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
    io.err(await unexpected(e));
    return EXIT.failed;
  }
}

/**
 * The one line for an error nobody expected. A database error's message quotes the failed
 * statement and its values (user data): it is named by its SQLSTATE code unless the operator
 * asked for details with BASIS_LOG_LEVEL=debug.
 */
async function unexpected(e: unknown): Promise<string> {
  const message = (e as Error)?.message ?? String(e);
  const { databaseCode, isDatabaseError } = await import("../store/db-errors.ts");
  if (!isDatabaseError(e) || ["debug", "trace"].includes(process.env.BASIS_LOG_LEVEL ?? ""))
    return `basis: unexpected error: ${message}`;
  const code = databaseCode(e);
  return `basis: unexpected database error${code ? ` (SQLSTATE ${code})` : ""}; run with BASIS_LOG_LEVEL=debug for the details`;
}

const invokedDirectly = process.argv[1]?.endsWith("cli/main.ts") === true;
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
