/**
 * @module cli/commands/render
 * `basis render <file> --format md|html|pdf|docx|notice [--document lia|lawful-basis]`: the
 * LIA of each assessment (or the lawful-basis assessment of the whole file) in one format, or
 * the privacy-notice wording as plain text. The document model is built once and handed to a
 * renderer per format. PDF and Word are binary: they go to `-o <file>`, or to standard output
 * only when it is not a terminal. The heavy renderers are loaded only when asked for, so other
 * commands start as fast as before.
 */
import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { loadReferences, referenceIds } from "../../content/references.ts";
import { evaluate } from "../../core/evaluate.ts";
import { describeFinding } from "../../core/messages/en.ts";
import type { Evaluation } from "../../core/rules/types.ts";
import type { Assessment, BasisFile } from "../../core/schema/index.ts";
import type { MultiDocumentContext } from "../../render/document-context.ts";
import { toHtml } from "../../render/html.ts";
import { buildLawfulBasisDocument } from "../../render/lawful-basis-document.ts";
import { buildLiaDocument } from "../../render/lia-document.ts";
import { toMarkdown } from "../../render/markdown.ts";
import type { Doc } from "../../render/model.ts";
import { buildNoticeDocument } from "../../render/notice-document.ts";
import { toPlainText } from "../../render/plain-text.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { assessmentsOf, formatErrors, loadBasisFile } from "../load-file.ts";
import { checkToday } from "./evaluate.ts";

export const RENDER_FORMATS = ["md", "html", "pdf", "docx", "notice"] as const;
export const DOCUMENTS = ["lia", "lawful-basis"] as const;

export interface RenderOptions {
  format: (typeof RENDER_FORMATS)[number];
  document?: (typeof DOCUMENTS)[number];
  output?: string;
  today?: string;
}

/** Kept as a name for the renderers' signatures: every `Io` writes bytes. */
export type BinaryIo = Io;

/** The context every document builder needs, with evaluations computed once per assessment. */
export function documentContext(today: string): MultiDocumentContext {
  const refs = new Map(loadReferences().references.map((r) => [r.id, r]));
  const knownRefs = referenceIds();
  const evaluations = new WeakMap<Assessment, Evaluation>();
  return {
    today,
    describe: (f) => describeFinding(f),
    reference: (id) => refs.get(id),
    evaluationOf: (a) => {
      let e = evaluations.get(a);
      if (!e) {
        e = evaluate(a, { today, knownRefs });
        evaluations.set(a, e);
      }
      return e;
    },
  };
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

function documents(file: BasisFile, opts: RenderOptions, ctx: MultiDocumentContext): Doc[] {
  const assessments = assessmentsOf(file);
  if (opts.format === "notice") return [buildNoticeDocument(assessments, ctx)];
  if (opts.document === "lawful-basis") {
    return [buildLawfulBasisDocument(file.kind === "register" ? file : assessments, ctx)];
  }
  return assessments.map((a) => buildLiaDocument(a, { ...ctx, evaluation: ctx.evaluationOf(a) }));
}

export async function runRender(io: BinaryIo, file: string, opts: RenderOptions): Promise<number> {
  const today = checkToday(opts.today);
  const loaded = loadBasisFile(file);
  if (!loaded.ok) {
    for (const line of formatErrors(file, loaded.errors)) io.err(line);
    return EXIT.failed;
  }
  const docs = documents(loaded.value, opts, documentContext(today));
  switch (opts.format) {
    case "md":
      writeOutput(io, docs.map(toMarkdown).join("\n\n---\n\n"), opts.output, "Markdown");
      break;
    case "html":
      writeOutput(io, toHtml(docs), opts.output, "HTML");
      break;
    case "notice":
      writeOutput(io, docs.map(toPlainText).join("\n"), opts.output, "text");
      break;
    case "pdf": {
      refuseTerminal(io, opts.output, "a PDF"); // before the work, not after it
      const { toPdf } = await import("../../render/pdf.ts");
      writeOutput(io, await toPdf(docs), opts.output, "a PDF");
      break;
    }
    case "docx": {
      refuseTerminal(io, opts.output, "a Word document");
      const { toDocx } = await import("../../render/docx.ts");
      writeOutput(io, await toDocx(docs), opts.output, "a Word document");
      break;
    }
  }
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
        "which document: the LIA of each activity, or the lawful-basis assessment",
      )
        .choices([...DOCUMENTS])
        .default("lia"),
    )
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--today <date>", "evaluate as of this date (YYYY-MM-DD)")
    .action(async (file: string, opts: RenderOptions) => {
      io.exit(await runRender(io, file, opts));
    });
}
