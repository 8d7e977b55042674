/**
 * @module cli/main
 * The `basis` command: parses arguments and hands each command its I/O. Every error ends as
 * one line on standard error and an exit code (see `EXIT`), never a stack trace.
 *
 * Each command's module is loaded only when that command runs (or its help is asked for), so
 * `basis --help` loads none of them and `basis evaluate` none of the server, database, verify
 * or document code. A new command is one entry in `COMMANDS`.
 */
import { Command, CommanderError, Help } from "commander";
import { PACKAGE_VERSION } from "../content/paths.ts";
import { CliError, EXIT, type Io, processIo } from "./io.ts";

export interface CommandEntry {
  /** The name a user types. */
  name: string;
  /** What `basis --help` lists after the name: the command's options and arguments. */
  usage: string;
  /** The command's description as `basis --help` lists it (a test keeps both the same as the command's own). */
  about: string;
  /** Loads the command's module and builds the command. */
  load(io: Io): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "templates",
    usage: "[options]",
    about: "list the built-in templates",
    load: async (io) => (await import("./commands/templates.ts")).templatesCommand(io),
  },
  {
    name: "new",
    usage: "[options]",
    about: "write a new assessment from a template",
    load: async (io) => (await import("./commands/new.ts")).newCommand(io),
  },
  {
    name: "validate",
    usage: "<files...>",
    about: "check assessment files against the schema",
    load: async (io) => (await import("./commands/validate.ts")).validateCommand(io),
  },
  {
    name: "evaluate",
    usage: "[options] <file>",
    about: "run the rules engine on an assessment or register file",
    load: async (io) => (await import("./commands/evaluate.ts")).evaluateCommand(io),
  },
  {
    name: "check",
    usage: "[options] [paths...]",
    about:
      "CI gate: fail when an LI purpose lacks an approved LIA, a blocker is open or a review is overdue",
    load: async (io) => (await import("./commands/check.ts")).checkCommand(io),
  },
  {
    name: "verify",
    usage: "[options] <inputs...>",
    about:
      "scan data (JSON Lines, CSV, access logs, gzip; JSON Schema, SQL DDL) against the minimisation specification",
    load: async (io) => (await import("./commands/verify.ts")).verifyCommand(io),
  },
  {
    name: "render",
    usage: "[options] <file>",
    about: "render the LIA (or the lawful-basis assessment) of a file in a document format",
    load: async (io) => (await import("./commands/render.ts")).renderCommand(io),
  },
  {
    name: "export-register",
    usage: "[options] <file-or-dir>",
    about: "export the record of processing activities (Art. 30) as CSV or XLSX",
    load: async (io) => (await import("./commands/export-register.ts")).exportRegisterCommand(io),
  },
  {
    name: "screen",
    usage: "[options] <questionnaire-id>",
    about: "run a screening questionnaire, from an answers file or question by question",
    load: async (io) => (await import("./commands/screen.ts")).screenCommand(io),
  },
  {
    name: "references",
    usage: "[options]",
    about: "list the legal references Basis knows (ids to cite)",
    load: async (io) => (await import("./commands/references.ts")).referencesCommand(io),
  },
  {
    name: "serve",
    usage: "[options]",
    about: "run the Basis server (embedded database in ./data, or DATABASE_URL)",
    load: async (io) => (await import("./commands/serve.ts")).serveCommand(io),
  },
  {
    name: "import",
    usage: "[options] <files...>",
    about: "import assessment or register files",
    load: async (io) => (await import("./commands/store-commands.ts")).importCommand(io),
  },
  {
    name: "export",
    usage: "[options] [dir]",
    about: "write every assessment as a YAML file",
    load: async (io) => (await import("./commands/store-commands.ts")).exportCommand(io),
  },
  {
    name: "audit",
    usage: "",
    about: "the audit trail",
    load: async (io) => (await import("./commands/store-commands.ts")).auditCommand(io),
  },
  {
    name: "dpia",
    usage: "",
    about: "DPIA (Art. 35): screen assessments; import from and export to the CNIL PIA software",
    load: async (io) => (await import("./commands/dpia.ts")).dpiaCommand(io),
  },
  {
    name: "backup",
    usage: "[options] <file>",
    about:
      "write a consistent backup of the whole database to a new file (from a running server with --server and an admin token)",
    load: async (io) => (await import("./commands/backup.ts")).backupCommand(io),
  },
  {
    name: "restore",
    usage: "[options] <file>",
    about:
      "restore a backup into the data directory or DATABASE_URL (stop the servers first); refuses a database holding data unless --force",
    load: async (io) => (await import("./commands/backup.ts")).restoreCommand(io),
  },
  {
    name: "reviews",
    usage: "[options]",
    about: "overdue and upcoming reviews, and assessments needing one; exit 1 when overdue",
    load: async (io) => (await import("./commands/reviews.ts")).reviewsCommand(io),
  },
];

/** Commands that parse one document (or none), where compiling zod's parsers costs more than it saves. */
const ONE_DOCUMENT = new Set(["evaluate", "render", "new", "templates", "references", "screen"]);

/**
 * The program with every command listed. The one `argv` names (`basis <name> …` or
 * `basis help <name>`) is loaded and built in full; the others are listed from `COMMANDS`.
 */
export async function buildProgram(io: Io, argv: readonly string[] = []): Promise<Command> {
  const output = { writeOut: (s: string) => io.out(s), writeErr: (s: string) => io.err(s) };
  const program = new Command("basis")
    .description("Decide, document and defend the lawful basis of processing (EU and UK GDPR)")
    .version(PACKAGE_VERSION)
    .showHelpAfterError()
    .configureOutput(output)
    .configureHelp({
      subcommandTerm: (cmd) => {
        const entry = COMMANDS.find((c) => c.name === cmd.name());
        return entry ? `${entry.name} ${entry.usage}`.trim() : new Help().subcommandTerm(cmd);
      },
    });
  const wanted = argv[0] === "help" ? argv[1] : argv[0];
  for (const entry of COMMANDS) {
    program.addCommand(
      entry.name === wanted
        ? await entry.load(io)
        : new Command(entry.name).description(entry.about),
    );
  }
  program.exitOverride();
  // Added commands keep their own settings: give each the program's exits and output too.
  const override = (c: Command) => {
    c.exitOverride();
    c.configureOutput(output);
    for (const sub of c.commands) override(sub);
  };
  for (const c of program.commands) override(c);
  return program;
}

export async function main(argv: string[], outer: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const io: Io = { ...outer, exit: (c) => (code = c) };
  // zod compiles a fast parser for each object schema on first use, which pays off only when
  // a schema parses many times: the commands that read one document skip that step.
  if (ONE_DOCUMENT.has(argv[0] ?? "")) (await import("./zod-jitless.ts")).zodJitless();
  const program = await buildProgram(io, argv);
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
 * The one line for an error nobody expected. A database that cannot be reached or refuses the
 * connection is said so, with the driver's reason. Any other database error's message quotes
 * the failed statement and its values (user data): it is named by its SQLSTATE code unless
 * the operator asked for details with BASIS_LOG_LEVEL=debug, which also gives the errors it
 * wraps.
 */
async function unexpected(e: unknown): Promise<string> {
  const { connectionProblem, databaseCode, isDatabaseError, messageChain } = await import(
    "../store/db-errors.ts"
  );
  const problem = connectionProblem(e);
  if (problem)
    return `basis: cannot use the database: ${problem}; check DATABASE_URL (or --data-dir for the embedded database)`;
  if (["debug", "trace"].includes(process.env.BASIS_LOG_LEVEL ?? ""))
    return `basis: unexpected error: ${messageChain(e)}`;
  // Only the error's own message: what it wraps may be a statement with its values.
  if (!isDatabaseError(e)) return `basis: unexpected error: ${(e as Error)?.message ?? String(e)}`;
  const code = databaseCode(e);
  return `basis: unexpected database error${code ? ` (SQLSTATE ${code})` : ""}; run with BASIS_LOG_LEVEL=debug for the details`;
}

const invokedDirectly = process.argv[1]?.endsWith("cli/main.ts") === true;
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
