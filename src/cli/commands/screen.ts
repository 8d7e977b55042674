/**
 * @module cli/commands/screen
 * `basis screen <questionnaire-id>`: runs a screening questionnaire, either over an answers
 * file (`--answers`, YAML or JSON) or by asking the questions one at a time on a terminal, and
 * prints the run as text or JSON.
 *
 * With `--format md|html|pdf|docx` it writes the screening record: every answer with its
 * points and what it did, the questions skipped, who screened (`--assessor`) and when
 * (`--date`), the total and the result; PDF and Word need `-o <file>`.
 *
 * Exit codes. A screening is advice, not a gate (`basis check` is the CI gate), so a run that
 * completes exits 0 whatever its result — likely, unlikely, stopped, pending or incomplete —
 * with one exception: 3 when the score says "likely" while a blocker is open (for example
 * special-category data with no extra condition yet), which must not pass for a yes. Scripts
 * read `result` from `--format json`. Otherwise non-zero means the run could not be made: 1
 * for a bad answers file (unreadable, invalid, or an answer that is not an option), 2 for a
 * usage error (unknown questionnaire, bad option, no terminal and no --answers), 130 when
 * interrupted with Ctrl-C.
 */
import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { Command, Option } from "commander";
import { loadQuestionnaire } from "../../content/questionnaires.ts";
import type { LocatedError } from "../../core/parse.ts";
import { parseAnswers } from "../../core/questionnaire/answers.ts";
import {
  type Answer,
  checkAnswer,
  findQuestion,
  type QuestionnaireRun,
  runQuestionnaire,
} from "../../core/questionnaire/run.ts";
import type { Question, Questionnaire } from "../../core/questionnaire/schema.ts";
import { isRealDate } from "../../core/schema/common.ts";
import { renderDocuments } from "../../render/publish.ts";
import { buildScreeningDocument } from "../../render/screening-document.ts";
import { loadBranding } from "../brand.ts";
import { CliError, EXIT, type Io, type Terminal } from "../io.ts";
import { readTextFile } from "../load-file.ts";
import { todayLocal } from "../today.ts";
import { documentContext } from "./render.ts";

export const EXIT_OK = EXIT.ok;
export const EXIT_BAD_FILE = EXIT.failed;
export const EXIT_USAGE = EXIT.usage;
/** The score says "likely" but a blocker is open. */
export const EXIT_BLOCKED = 3;
/** Interrupted with Ctrl-C, as a shell reports SIGINT. */
export const EXIT_INTERRUPTED = 130;

/** What the command reads and writes: the I/O `main` hands every command. */
type ScreenIo = Pick<Io, "out" | "err" | "terminal">;

const FORMATS = ["text", "json", "md", "html", "pdf", "docx"] as const;

interface ScreenOptions {
  answers?: string;
  format: (typeof FORMATS)[number];
  output?: string;
  assessor?: string;
  date?: string;
  brand?: string;
}

/** The `screen` command for the `basis` program, on the I/O `main` gives it. */
export function screenCommand(io: Io): Command {
  return buildCommand(io, (code) => io.exit(code));
}

function buildCommand(io: ScreenIo, setExitCode: (code: number) => void): Command {
  return new Command("screen")
    .description("run a screening questionnaire, from an answers file or question by question")
    .argument("<questionnaire-id>", "e.g. lia-screening-2018")
    .option("--answers <file>", "answers as YAML or JSON: { Q1: yes, ... } or { answers: { ... } }")
    .addOption(
      new Option("--format <format>", "text, json, or the screening record as md, html, pdf, docx")
        .choices([...FORMATS])
        .default("text"),
    )
    .option("-o, --output <file>", "write to this file (needed for pdf and docx)")
    .option("--assessor <name>", "who answered, for the screening record")
    .option("--date <date>", "when it was answered (YYYY-MM-DD), for the screening record")
    .option("--brand <file>", "branding (name, colour, logo) as YAML; default $BASIS_BRAND")
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(`basis: ${s.replace(/^error: /, "")}`),
    })
    .action(async (id: string, options: ScreenOptions) => {
      setExitCode(await screen(id, options, io));
    });
}

async function screen(id: string, options: ScreenOptions, io: ScreenIo): Promise<number> {
  let questionnaire: Questionnaire;
  try {
    questionnaire = await loadQuestionnaire(id);
  } catch (error) {
    io.err(`basis: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }

  if (
    options.date !== undefined &&
    !(/^\d{4}-\d{2}-\d{2}$/.test(options.date) && isRealDate(options.date))
  ) {
    io.err(`basis: --date "${options.date}": write a real date as YYYY-MM-DD\n`);
    return EXIT_USAGE;
  }
  const binary = options.format === "pdf" || options.format === "docx";
  if (binary && options.output === undefined) {
    io.err(`basis: the ${options.format} screening record needs -o <file>\n`);
    return EXIT_USAGE;
  }
  let run: QuestionnaireRun;
  const who: { assessor?: string | undefined; date?: string | undefined } = {
    assessor: options.assessor,
    date: options.date,
  };
  if (options.answers !== undefined) {
    const fromFile = await runFromFile(questionnaire, options.answers, io);
    if (typeof fromFile === "number") return fromFile;
    run = fromFile.run;
    who.assessor ??= fromFile.assessor;
    who.date ??= fromFile.date;
  } else if (io.terminal !== undefined) {
    const asked = await askInteractively(questionnaire, io.terminal);
    if (asked === "interrupted") {
      io.err("basis: interrupted; nothing was recorded\n");
      return EXIT_INTERRUPTED;
    }
    run = asked;
  } else {
    io.err("basis: give --answers when not on a terminal\n");
    return EXIT_USAGE;
  }

  if (options.format === "text" || options.format === "json") {
    const text =
      options.format === "json"
        ? `${JSON.stringify(runJson(run, who), null, 2)}\n`
        : runText(run, questionnaire);
    if (options.output === undefined) io.out(text);
    else writeFileSync(options.output, text);
  } else {
    let branding: ReturnType<typeof loadBranding>;
    try {
      branding = loadBranding(options.brand);
    } catch (e) {
      if (e instanceof CliError) {
        io.err(`basis: ${e.message}\n`);
        return EXIT_USAGE;
      }
      throw e;
    }
    const today = todayLocal();
    const ctx = documentContext(today, { branding });
    const doc = buildScreeningDocument(
      questionnaire,
      run,
      { ...who, ...(branding?.name ? { organisation: branding.name } : {}) },
      ctx,
    );
    const published = await renderDocuments([doc], options.format, { branding });
    if (options.output !== undefined) {
      writeFileSync(options.output, published.body);
      io.err(`wrote ${options.output}\n`);
    } else io.out(published.body as string);
  }
  return blockedLikely(run) ? EXIT_BLOCKED : EXIT_OK;
}

/** A "likely" score while a blocker finding is open. */
export function blockedLikely(run: QuestionnaireRun): boolean {
  return run.result === "likely" && run.findings.some((f) => f.severity === "blocker");
}

async function runFromFile(
  q: Questionnaire,
  file: string,
  io: ScreenIo,
): Promise<{ run: QuestionnaireRun; assessor?: string; date?: string } | number> {
  const read = readTextFile(file);
  if (!read.ok) return reportLocated(io, file, read.errors);
  const parsed = parseAnswers(read.text);
  if (!parsed.ok) return reportLocated(io, file, parsed.errors);
  const doc = parsed.value;
  if (doc.questionnaire !== undefined && doc.questionnaire !== q.id) {
    const where = doc.locate("questionnaire");
    const message = `these answers are for ${doc.questionnaire}, not ${q.id}`;
    return reportLocated(io, file, [{ ...where, path: "questionnaire", message }]);
  }
  const outcome = runQuestionnaire(q, doc.answers);
  if (!outcome.ok)
    return reportLocated(
      io,
      file,
      outcome.errors.map((e) => ({ ...doc.locate(e.path), ...e })),
    );
  return {
    run: outcome.run,
    ...(doc.assessor === undefined ? {} : { assessor: doc.assessor }),
    ...(doc.date === undefined ? {} : { date: doc.date }),
  };
}

function reportLocated(io: ScreenIo, file: string, errors: readonly LocatedError[]): number {
  for (const e of errors) {
    const at = e.line === undefined ? file : `${file}:${e.line}:${e.col ?? 1}`;
    io.err(`${at}: ${e.path === "" ? "" : `${e.path}: `}${e.message}\n`);
  }
  return EXIT_BAD_FILE;
}

/** The JSON shape of a run: only the keys that apply to its result. */
export function runJson(
  run: QuestionnaireRun,
  who: { assessor?: string | undefined; date?: string | undefined } = {},
): Record<string, unknown> {
  return {
    questionnaire: run.questionnaire,
    version: run.version,
    ...(who.assessor === undefined ? {} : { assessor: who.assessor }),
    ...(who.date === undefined ? {} : { date: who.date }),
    total: run.total,
    result: run.result,
    ...(blockedLikely(run) ? { blocked: true } : {}),
    ...(run.message === undefined ? {} : { message: run.message }),
    path: run.path,
    ...(run.stoppedAt === undefined ? {} : { stoppedAt: run.stoppedAt }),
    ...(run.pendingAt === undefined ? {} : { pendingAt: run.pendingAt }),
    ...(run.nextQuestion === undefined ? {} : { nextQuestion: run.nextQuestion }),
    findings: run.findings,
    ignored: run.ignored,
  };
}

/** A readable summary: result and why, total, path, findings, ignored answers. */
export function runText(run: QuestionnaireRun, q: Questionnaire): string {
  const lines = [`${q.title} (${q.id} v${q.version})`];
  const sofar = `total so far ${run.total}`;
  if (run.result === "likely" || run.result === "unlikely") {
    lines.push(`Result:   ${run.result}, total ${run.total}`, ...indent(run.message ?? ""));
    if (blockedLikely(run))
      lines.push(
        ...indent(
          "But a blocker is open (see Findings): legitimate interests cannot be relied on until it is resolved.",
        ),
      );
  } else if (run.stoppedAt !== undefined) {
    lines.push(
      `Result:   stopped at ${run.stoppedAt.question}, ${sofar}`,
      ...indent(run.stoppedAt.reason),
    );
  } else if (run.pendingAt !== undefined) {
    lines.push(
      `Result:   pending at ${run.pendingAt.question}, ${sofar}`,
      ...indent(run.pendingAt.reason),
    );
  } else {
    const next = run.nextQuestion === undefined ? undefined : findQuestion(q, run.nextQuestion);
    lines.push(`Result:   incomplete, ${sofar}`);
    if (next !== undefined) lines.push(...indent(`Answer ${next.id} next: ${next.text}`));
  }
  lines.push(`Path:     ${run.path.length === 0 ? "(none)" : run.path.join(" → ")}`);
  if (run.findings.length > 0) {
    lines.push("Findings:");
    for (const f of run.findings) {
      const reason = chosenReason(q, run, f.question, f.code);
      lines.push(
        `  ${f.severity} ${f.code} (${f.question})${reason === undefined ? "" : `: ${reason}`}`,
      );
    }
  }
  if (run.ignored.length > 0)
    lines.push(`Ignored:  ${run.ignored.join(", ")} (answered, but not on the path)`);
  return `${lines.join("\n")}\n`;
}

function indent(text: string): string[] {
  return text === "" ? [] : [`          ${text}`];
}

/** The reason written on the chosen option that raised a finding, if it has one. */
function chosenReason(
  q: Questionnaire,
  run: QuestionnaireRun,
  id: string,
  code: string,
): string | undefined {
  const answer = run.answers[id];
  const values = answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
  const options = findQuestion(q, id)?.options ?? [];
  return options.find((o) => values.includes(o.value) && o.finding?.code === code)?.reason;
}

/**
 * Ask the questions one at a time, following the walk of the runner itself: after each answer
 * the run is recomputed, and its `nextQuestion` (or `pendingAt`) says what to ask next. End of
 * input stops asking and returns the run as far as it got.
 */
async function askInteractively(
  q: Questionnaire,
  terminal: Terminal,
): Promise<QuestionnaireRun | "interrupted"> {
  const rl = createInterface({
    input: terminal.input,
    output: terminal.output,
    terminal: terminal.isTTY,
  });
  let interrupted = false;
  rl.on("SIGINT", () => {
    interrupted = true;
    rl.close();
  });
  // Reading through the iterator buffers lines, so piped input is never lost between prompts.
  const lines = rl[Symbol.asyncIterator]();
  const say = (text: string) => terminal.output.write(`${text}\n`);
  const read = async (prompt: string): Promise<string | undefined> => {
    rl.setPrompt(prompt);
    rl.prompt();
    const next = await lines.next();
    return next.done === true ? undefined : String(next.value);
  };

  const answers: Record<string, Answer> = {};
  say(
    `${q.title} (${q.id} v${q.version})${q.description === undefined ? "" : `\n${q.description}`}\n`,
  );
  try {
    for (;;) {
      const run = rerun(q, answers);
      const pending = run.result === "pending";
      const id = pending
        ? run.pendingAt?.question
        : run.result === "incomplete"
          ? run.nextQuestion
          : undefined;
      const question = id === undefined ? undefined : findQuestion(q, id);
      if (question === undefined) return run;
      if (pending)
        say(
          `Pending: ${run.pendingAt?.reason ?? ""}\nAnswer again once checked, or press Enter to stop here.`,
        );
      showQuestion(question, say);
      const answer = await askUntilValid(question, read, say, pending);
      if (answer === undefined) return interrupted ? "interrupted" : run;
      answers[question.id] = answer;
      const after = rerun(q, answers);
      const next = after.result === "incomplete" ? after.nextQuestion : undefined;
      const following = q.questions[q.questions.indexOf(question) + 1]?.id;
      if (next !== undefined && next !== following) say(`  → skipping to ${next}`);
      say(`  score so far: ${after.total}\n`);
    }
  } finally {
    rl.close();
  }
}

function rerun(q: Questionnaire, answers: Record<string, Answer>): QuestionnaireRun {
  const outcome = runQuestionnaire(q, answers);
  // Every answer was checked as it was typed, so the runner cannot refuse them.
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  return outcome.run;
}

function showQuestion(question: Question, say: (text: string) => void): void {
  say(`${question.id}${question.section === undefined ? "" : ` · ${question.section}`}`);
  say(question.text);
  if (question.help !== undefined) say(`  (${question.help})`);
  const options = question.options ?? [];
  const scored = options.some((o) => o.points !== 0);
  options.forEach((o, i) => {
    const points = scored ? `, ${o.points > 0 ? "+" : ""}${o.points}` : "";
    say(`  ${i + 1}) ${o.label}  [${o.value}${points}]`);
  });
}

/** Ask until the answer is valid; undefined at end of input, or on an empty line when allowed. */
async function askUntilValid(
  question: Question,
  read: (prompt: string) => Promise<string | undefined>,
  say: (text: string) => void,
  emptyStops: boolean,
): Promise<Answer | undefined> {
  const prompt =
    question.type === "text"
      ? "> "
      : question.type === "multi"
        ? "Numbers or values, separated by commas > "
        : "Number or value > ";
  for (;;) {
    const line = await read(prompt);
    if (line === undefined || (emptyStops && line.trim() === "")) return undefined;
    const parsed = interpretInput(question, line);
    if (parsed.ok) return parsed.value;
    say(`  ${parsed.message}`);
  }
}

/** Turn typed input into an answer: option numbers or values for choices, the text otherwise. */
export function interpretInput(
  question: Question,
  line: string,
): { ok: true; value: Answer } | { ok: false; message: string } {
  if (question.type === "text") return checkAnswer(question, line);
  const options = question.options ?? [];
  const tokens =
    question.type === "single" ? [line.trim()] : line.split(/[\s,]+/).filter((t) => t !== "");
  if (tokens.length === 0 || tokens[0] === "")
    return { ok: false, message: "please choose an option" };
  const values: string[] = [];
  for (const token of tokens) {
    if (/^\d+$/.test(token)) {
      const option = options[Number(token) - 1];
      if (option === undefined)
        return { ok: false, message: `no option ${token}; choose 1 to ${options.length}` };
      values.push(option.value);
    } else {
      values.push(token.toLowerCase());
    }
  }
  const checked = checkAnswer(question, question.type === "single" ? (values[0] ?? "") : values);
  return checked.ok ? checked : { ok: false, message: checked.message };
}
