/**
 * @module cli/commands/render
 * `basis render <file> --format md`: the LIA document of an assessment. The document model is
 * built once and handed to a renderer per format (HTML, PDF and Word arrive with the
 * documents work).
 */
import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { loadReferences, referenceIds } from "../../content/references.ts";
import { evaluate } from "../../core/evaluate.ts";
import { describeFinding } from "../../core/messages/en.ts";
import { buildLiaDocument } from "../../render/lia-document.ts";
import { toMarkdown } from "../../render/markdown.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { assessmentsOf, formatErrors, loadBasisFile } from "../load-file.ts";
import { checkToday } from "./evaluate.ts";

export interface RenderOptions {
  format: "md";
  output?: string;
  today?: string;
}

export function runRender(io: Io, file: string, opts: RenderOptions): number {
  const today = checkToday(opts.today);
  const loaded = loadBasisFile(file);
  if (!loaded.ok) {
    for (const line of formatErrors(file, loaded.errors)) io.err(line);
    return EXIT.failed;
  }
  const refs = new Map(loadReferences().references.map((r) => [r.id, r]));
  const knownRefs = referenceIds();
  const parts = assessmentsOf(loaded.value).map((a) =>
    toMarkdown(
      buildLiaDocument(a, {
        evaluation: evaluate(a, { today, knownRefs }),
        describe: (f) => describeFinding(f),
        reference: (id) => refs.get(id),
        today,
      }),
    ),
  );
  const text = parts.join("\n\n---\n\n");
  if (opts.output) {
    try {
      writeFileSync(opts.output, text);
    } catch (e) {
      throw new CliError(
        `cannot write ${opts.output}: ${(e as NodeJS.ErrnoException).code ?? "error"}`,
      );
    }
    io.err(`wrote ${opts.output}`);
  } else io.out(text);
  return EXIT.ok;
}

export function renderCommand(io: Io): Command {
  return new Command("render")
    .description("render the LIA document of an assessment")
    .argument("<file>", "assessment or register YAML")
    .addOption(new Option("--format <format>", "output format").choices(["md"]).default("md"))
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--today <date>", "evaluate as of this date (YYYY-MM-DD)")
    .action((file: string, opts: RenderOptions) => {
      io.exit(runRender(io, file, opts));
    });
}
