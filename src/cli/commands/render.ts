/**
 * @module cli/commands/render
 * `basis render <file> --format md|html|pdf|docx|notice [--document lia|lawful-basis|notice|
 * screening|dpia] [--brand <file>]`: the LIA of each activity that has one (or the lawful-basis
 * assessment of the whole file, the privacy notice, or the attached screening record) in one
 * format; `--format notice` is the notice as plain text. A file is not a stored, signed-off
 * version: its documents say so and read "Draft". The document model is built once and handed
 * to a renderer per format. PDF and Word are binary: they go to `-o <file>`, or to standard
 * output only when it is not a terminal. The heavy renderers are loaded only when asked for,
 * so other commands start as fast as before.
 */
import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { loadNamedQuestionnaires } from "../../content/questionnaires.ts";
import { loadReferences } from "../../content/references.ts";
import { DomainError } from "../../core/errors.ts";
import type { Questionnaire } from "../../core/questionnaire/schema.ts";
import type { Assessment } from "../../core/schema/index.ts";
import type { Branding } from "../../render/branding.ts";
import type { MultiDocumentContext } from "../../render/document-context.ts";
import {
  documentContext as buildContext,
  buildDocuments,
  DOCUMENTS,
  type DocumentKind,
  RENDER_FORMATS,
  type RenderFormat,
  renderDocuments,
} from "../../render/publish.ts";
import { loadBranding } from "../brand.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { assessmentsOf, formatErrors, loadBasisFile } from "../load-file.ts";
import { checkToday } from "./evaluate.ts";

export { DOCUMENTS, RENDER_FORMATS };

export interface RenderOptions {
  format: RenderFormat;
  document?: DocumentKind;
  output?: string;
  today?: string;
  /** A brand file (name, colour, logo); `BASIS_BRAND` when not given. */
  brand?: string;
}

/** Kept as a name for the renderers' signatures: every `Io` writes bytes. */
export type BinaryIo = Io;

/** The document context with the knowledge base loaded (and the branding, questionnaires). */
export function documentContext(
  today: string,
  extras: { branding?: Branding | undefined; questionnaires?: readonly Questionnaire[] } = {},
): MultiDocumentContext {
  return buildContext(today, loadReferences().references, extras);
}

/** The built-in questionnaires the assessments' screenings name (loaded only when named). */
export function questionnairesFor(assessments: readonly Assessment[]): Promise<Questionnaire[]> {
  return loadNamedQuestionnaires(
    assessments.flatMap((a) => (a.screening ? [a.screening.questionnaire] : [])),
  );
}

/**
 * Write a rendered document: to `output` when given, else text to standard output, and bytes
 * to standard output only when it is not a terminal (a PDF dumped on a terminal is garbage
 * and can leave the terminal in a strange state).
 */
export function writeOutput(
  io: BinaryIo,
  content: string | Uint8Array,
  output: string | undefined,
  what: string,
): void {
  if (output) {
    try {
      writeFileSync(output, content);
    } catch (e) {
      throw new CliError(`cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? "error"}`);
    }
    io.err(`wrote ${output}`);
    return;
  }
  if (typeof content === "string") {
    io.out(content);
    return;
  }
  refuseTerminal(io, output, what);
  io.outBytes(content);
}

/** Binary output needs `-o` or a standard output that is not a terminal. */
export function refuseTerminal(io: Io, output: string | undefined, what: string): void {
  if (!output && io.isTTY) {
    throw new CliError(
      `refusing to write ${what} to a terminal: add -o <file>, or redirect standard output to a file`,
      EXIT.usage,
    );
  }
}

export async function runRender(io: BinaryIo, file: string, opts: RenderOptions): Promise<number> {
  const today = checkToday(opts.today);
  const loaded = loadBasisFile(file);
  if (!loaded.ok) {
    for (const line of formatErrors(file, loaded.errors)) io.err(line);
    return EXIT.failed;
  }
  const basisFile = loaded.value;
  const branding = loadBranding(opts.brand);
  const assessments = assessmentsOf(basisFile);
  const questionnaires = await questionnairesFor(assessments);
  let docs: ReturnType<typeof buildDocuments>;
  try {
    docs = buildDocuments(
      { assessments, register: basisFile.kind === "register" ? basisFile : undefined },
      opts.format,
      opts.document ?? "lia",
      documentContext(today, { branding, questionnaires }),
    );
  } catch (e) {
    if (e instanceof DomainError) throw new CliError(`${file}: ${e.message}`, EXIT.failed);
    throw e;
  }
  const binary = opts.format === "pdf" || opts.format === "docx";
  const what = {
    md: "Markdown",
    html: "HTML",
    notice: "text",
    pdf: "a PDF",
    docx: "a Word document",
  }[opts.format];
  if (binary) refuseTerminal(io, opts.output, what); // before the work, not after it
  const published = await renderDocuments(docs, opts.format, { branding });
  writeOutput(io, published.body, opts.output, what);
  return EXIT.ok;
}

export function renderCommand(io: Io): Command {
  return new Command("render")
    .description("render the LIA (or the lawful-basis assessment) of a file in a document format")
    .argument("<file>", "assessment or register YAML")
    .addOption(
      new Option("--format <format>", "md, html, pdf, docx, or notice (privacy-notice text)")
        .choices([...RENDER_FORMATS])
        .default("md"),
    )
    .addOption(
      new Option(
        "--document <document>",
        "which document: the LIA of each activity with one, the lawful-basis assessment, the privacy notice, the attached screening record, or the DPIA of each activity with one",
      )
        .choices([...DOCUMENTS])
        .default("lia"),
    )
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--today <date>", "evaluate as of this date (YYYY-MM-DD)")
    .option("--brand <file>", "branding (name, colour, logo) as YAML; default $BASIS_BRAND")
    .action(async (file: string, opts: RenderOptions) => {
      io.exit(await runRender(io, file, opts));
    });
}
