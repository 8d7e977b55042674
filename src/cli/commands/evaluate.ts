/**
 * @module cli/commands/evaluate
 * `basis evaluate <file>`: runs the rules engine and prints the outcome, the findings with
 * their sentences and references, and what would change the outcome.
 */
import { Command, Option } from "commander";
import { ISO_DATE } from "../../core/dates.ts";
import {
  describeChange,
  describeFactor,
  describeFinding,
  describeOffset,
} from "../../core/messages/en.ts";
import type { Evaluation } from "../../core/rules/types.ts";
import { isRealDate } from "../../core/schema/index.ts";
import type { Outcome } from "../../core/vocabulary.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { evaluateFile } from "../load-file.ts";
import { todayLocal } from "../today.ts";

export interface EvaluateCliOptions {
  format?: "text" | "json";
  today?: string;
  failOn?: "blocker" | "warning" | "none";
}

export function checkToday(today: string | undefined): string {
  const value = today ?? todayLocal();
  if (!ISO_DATE.test(value) || !isRealDate(value))
    throw new CliError(`--today "${value}": use YYYY-MM-DD`, EXIT.usage);
  return value;
}

export function runEvaluate(io: Io, file: string, opts: EvaluateCliOptions): number {
  const today = checkToday(opts.today);
  const loaded = evaluateFile(file, today, io.err);
  if (!loaded) return EXIT.failed;
  const results = loaded.evaluated.map(({ assessment: a, evaluation }) => ({
    id: a.id,
    title: a.title,
    evaluation,
  }));
  if (opts.format === "json") {
    const json = results.map((r) => jsonOf(r.evaluation));
    const body =
      loaded.file.kind === "register"
        ? { activities: results.map((r, i) => ({ id: r.id, ...json[i] })) }
        : json[0];
    io.out(JSON.stringify(body, null, 2));
  } else {
    for (const r of results) io.out(textOf(r.title, r.evaluation, io.isTTY));
  }
  const failOn = opts.failOn ?? "none";
  const all = results.flatMap((r) => r.evaluation.findings);
  const failing =
    (failOn === "blocker" && all.some((f) => f.severity === "blocker")) ||
    (failOn === "warning" && all.some((f) => f.severity !== "info"));
  return failing ? EXIT.failed : EXIT.ok;
}

function jsonOf(e: Evaluation) {
  return {
    outcome: e.outcome,
    findings: e.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      path: f.path,
      message: describeFinding(f).message,
      fix: describeFinding(f).fix,
      refs: f.refs,
      ...(f.override ? { override: f.override } : {}),
    })),
    trace: e.trace,
    weighing: e.weighing,
  };
}

const VERDICT_LABEL = {
  "favours-interest": "the interest prevails",
  "finely-balanced": "finely balanced",
  against: "the people's side prevails",
} as const;

/** The weighing of each interest as a small table: side, weight, offset, the fact. */
function weighingLines(e: Evaluation): string[] {
  if (e.weighing.length === 0) return [];
  const lines = ["", "how the facts weigh:"];
  for (const w of e.weighing) {
    lines.push(`  ${w.interest}: ${VERDICT_LABEL[w.verdict]} (${w.against} against, ${w.for} for)`);
    for (const f of w.factors) {
      const offset = f.weight - f.residual;
      const by = f.offsetBy.length
        ? `  (offset by ${f.offsetBy.map(describeOffset).join("; ")})`
        : "";
      lines.push(
        `    ${f.side === "against" ? "against" : "for    "} ${String(f.weight).padStart(2)}${offset ? ` -${offset}` : "   "}  ${describeFactor(f)}${f.decisive ? " [decisive]" : ""}${by}`,
      );
    }
    if (w.override)
      lines.push(
        `    overridden by ${w.override.by ?? "the officer"}: ${w.override.justification}`,
      );
  }
  return lines;
}

const MARK = { blocker: "✖", warning: "▲", info: "·" } as const;
const OUTCOME_LABEL = {
  appropriate: "appropriate",
  "appropriate-with-conditions": "appropriate with conditions",
  "not-appropriate": "NOT appropriate",
  incomplete: "incomplete",
} as const satisfies Record<Outcome, string>;

function textOf(title: string, e: Evaluation, tty: boolean): string {
  const bold = (s: string) => (tty ? `\u001b[1m${s}\u001b[22m` : s);
  const counts = { blocker: 0, warning: 0, info: 0 };
  for (const f of e.findings) counts[f.severity]++;
  const lines = [
    bold(title),
    `outcome: ${OUTCOME_LABEL[e.outcome]}  (${counts.blocker} blocker, ${counts.warning} warning, ${counts.info} info)`,
  ];
  for (const d of e.trace.decisions)
    lines.push(`  purpose ${d.purpose}: ${d.basis ?? "no basis"} -> ${OUTCOME_LABEL[d.outcome]}`);
  for (const f of e.findings) {
    const m = describeFinding(f);
    lines.push(
      "",
      `${MARK[f.severity]} ${f.severity.toUpperCase()} ${f.code} at ${f.path}${f.override ? " (overridden)" : ""}`,
      `  ${m.message}`,
    );
    if (f.override)
      lines.push(`  overridden by ${f.override.by ?? "the officer"}: ${f.override.justification}`);
    if (m.fix) lines.push(`  fix: ${m.fix}`);
    if (f.refs.length) lines.push(`  refs: ${f.refs.join(", ")}`);
  }
  lines.push(...weighingLines(e));
  if (e.trace.wouldChange.length) {
    lines.push("", "what would change the outcome:");
    for (const c of e.trace.wouldChange)
      lines.push(
        `  - ${describeChange(c)}${c.path ? ` (${c.path})` : ""} -> ${OUTCOME_LABEL[c.outcome]}`,
      );
  }
  return `${lines.join("\n")}\n`;
}

export function evaluateCommand(io: Io): Command {
  return new Command("evaluate")
    .description("run the rules engine on an assessment or register file")
    .argument("<file>", "YAML file")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .option("--today <date>", "evaluate as of this date (YYYY-MM-DD)")
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when a finding of this severity or worse is open")
        .choices(["blocker", "warning", "none"])
        .default("none"),
    )
    .action((file: string, opts: EvaluateCliOptions) => {
      io.exit(runEvaluate(io, file, opts));
    });
}
