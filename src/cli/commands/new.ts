/**
 * @module cli/commands/new
 * `basis new --template <id>`: writes a new assessment from a template, with the schema line
 * on top. It refuses to overwrite an existing file unless told to.
 */
import { existsSync, writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { loadTemplate } from "../../content/templates.ts";
import { Id } from "../../core/schema/index.ts";
import { toYaml } from "../../core/serialize.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { schemaPathFor } from "../schema-path.ts";

export interface NewOptions {
  template: string;
  output?: string;
  org?: string;
  jurisdiction?: "EU" | "UK";
  country?: string;
  id?: string;
  force?: boolean;
}

export function runNew(io: Io, opts: NewOptions): number {
  let assessment: ReturnType<typeof loadTemplate>;
  try {
    assessment = loadTemplate(opts.template);
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.usage);
  }
  if (opts.id !== undefined) {
    if (!Id.safeParse(opts.id).success)
      throw new CliError(
        `--id "${opts.id}": use lower-case letters, digits and dashes`,
        EXIT.usage,
      );
    assessment.id = opts.id;
  }
  if (opts.org !== undefined) assessment.organisation.name = opts.org;
  if (opts.jurisdiction !== undefined) assessment.organisation.jurisdiction = opts.jurisdiction;
  if (opts.country !== undefined) {
    if (!/^[A-Z]{2}$/.test(opts.country))
      throw new CliError(
        `--country "${opts.country}": use a two-letter code such as IE`,
        EXIT.usage,
      );
    assessment.organisation.country = opts.country;
  }
  assessment.status = "draft";
  const text = toYaml(assessment, schemaPathFor(opts.output));
  if (!opts.output) {
    io.out(text);
    return EXIT.ok;
  }
  if (existsSync(opts.output) && !opts.force) {
    throw new CliError(`${opts.output} already exists; use --force to overwrite it`, EXIT.failed);
  }
  writeFileSync(opts.output, text);
  io.err(
    `wrote ${opts.output} from template ${opts.template}; next: basis evaluate ${opts.output}`,
  );
  return EXIT.ok;
}

export function newCommand(io: Io): Command {
  return new Command("new")
    .description("write a new assessment from a template")
    .requiredOption("-t, --template <id>", "template id (see basis templates)")
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--org <name>", "the controller's name")
    .addOption(new Option("--jurisdiction <profile>", "EU or UK").choices(["EU", "UK"]))
    .option("--country <code>", "country of main establishment (sets the Art. 8 age in the EU)")
    .option("--id <id>", "id of the new assessment")
    .option("--force", "overwrite an existing file")
    .action((opts: NewOptions) => {
      io.exit(runNew(io, opts));
    });
}
