/**
 * @module verify/report/text
 * The report a person reads in a terminal or a CI log: what was read, each rule broken with
 * its count, sentence, first examples (`file:line`, redacted) and how to fix it, then one
 * summary line.
 */
import { formatBytes } from "../formats/reader.ts";
import { VERIFY_RULES } from "../rules.ts";
import type { VerifyReport } from "../verify.ts";

export interface ReportContext {
  assessment: { file: string; id: string; title: string };
  fields: number;
  prohibited: number;
  seconds?: number;
}

const FORMAT_LABEL = {
  jsonl: "JSON Lines",
  csv: "CSV",
  combined: "access log",
  "json-schema": "JSON Schema",
  sql: "SQL DDL",
} as const;

const n = (x: number) => x.toLocaleString("en");

export function textReport(report: VerifyReport, ctx: ReportContext, tty = false): string {
  const bold = (s: string) => (tty ? `\u001b[1m${s}\u001b[22m` : s);
  const lines: string[] = [
    `${bold("basis verify")}: ${ctx.assessment.file} (${ctx.assessment.id}: ${ctx.fields} fields, ${ctx.prohibited} prohibited), as of ${report.today}`,
  ];
  for (const i of report.inputs) {
    const what =
      i.format === "json-schema" || i.format === "sql"
        ? `${n(i.lines)} fields declared`
        : `${n(i.records)} records, ${n(i.lines)} lines`;
    lines.push(
      `  ${i.file}  ${FORMAT_LABEL[i.format]}${i.gzip ? " (gzip)" : ""}, ${formatBytes(i.bytes)}, ${what}`,
    );
  }
  for (const g of report.groups) {
    const rule = VERIFY_RULES[g.code];
    const mark = rule.kind === "violation" ? "✖" : "!";
    const subject = rule.kind === "violation" ? `${g.field}  ` : "";
    lines.push("", `${mark} ${bold(g.code)}  ${subject}${n(g.count)} found`);
    lines.push(`    ${rule.message(g.field)}`);
    for (const ex of g.examples)
      lines.push(`    ${ex.file}:${ex.line}${ex.col ? `:${ex.col}` : ""}  ${ex.detail}`);
    if (g.count > g.examples.length) lines.push(`    … and ${n(g.count - g.examples.length)} more`);
    lines.push(`    fix: ${rule.help}`);
  }
  for (const note of report.notes) lines.push("", `note: ${note}`);
  const t = report.totals;
  const rules = new Set(
    report.groups.filter((g) => VERIFY_RULES[g.code].kind === "violation").map((g) => g.code),
  ).size;
  const speed =
    ctx.seconds && ctx.seconds > 0 && t.bytes >= 1024 * 1024
      ? ` in ${ctx.seconds.toFixed(1)} s (${(t.bytes / 1024 / 1024 / ctx.seconds).toFixed(0)} MiB/s)`
      : "";
  const verdict =
    t.violations > 0
      ? `${n(t.violations)} violation${t.violations === 1 ? "" : "s"} of ${rules} rule${rules === 1 ? "" : "s"}`
      : "no violations";
  const problems =
    t.problems > 0
      ? `; ${n(t.problems)} input problem${t.problems === 1 ? "" : "s"} (lines not checked)`
      : "";
  lines.push(
    "",
    `${verdict} in ${n(t.records)} records, ${formatBytes(t.bytes)}${speed}${problems}`,
  );
  return `${lines.join("\n")}\n`;
}
