/**
 * @module check/report
 * The gate's result over many files, its totals and its exit code, and the plain-text and
 * JSON renderings. JUnit and SARIF have their own modules.
 */
import type { CheckedFile, GateFinding } from "./gate.ts";
import { GATE_MESSAGES } from "./messages.ts";

export interface CheckReport {
  today: string;
  files: CheckedFile[];
  /** YAML files found in directories that are not Basis files (no `format: basis/…`). */
  ignoredFiles: number;
  /** The server the assessments were fetched from (`--server`); then each "file" is one URL. */
  server?: string;
  totals: {
    files: number;
    invalidFiles: number;
    assessments: number;
    passed: number;
    failed: number;
    skipped: number;
    violations: number;
  };
}

export function checkReport(
  today: string,
  files: CheckedFile[],
  ignoredFiles = 0,
  server?: string,
): CheckReport {
  const all = files.flatMap((f) => f.assessments);
  return {
    today,
    files,
    ignoredFiles,
    ...(server !== undefined ? { server } : {}),
    totals: {
      files: files.length,
      invalidFiles: files.filter((f) => f.errors.length > 0).length,
      assessments: all.length,
      passed: all.filter((a) => !a.skipped && a.passed).length,
      failed: all.filter((a) => !a.passed).length,
      skipped: all.filter((a) => a.skipped).length,
      violations: all.reduce((n, a) => n + a.findings.filter((f) => f.gate).length, 0),
    },
  };
}

/** 0 when every file is valid and every gated assessment passes; 1 otherwise. */
export function checkExitCode(report: CheckReport): 0 | 1 {
  return report.totals.invalidFiles > 0 || report.totals.failed > 0 ? 1 : 0;
}

const at = (file: string, f: { line?: number; col?: number }) =>
  f.line ? `${file}:${f.line}:${f.col ?? 1}` : file;

export function checkText(report: CheckReport, tty = false): string {
  const bold = (s: string) => (tty ? `\u001b[1m${s}\u001b[22m` : s);
  const t = report.totals;
  const counted = `${t.assessments} assessment${t.assessments === 1 ? "" : "s"}`;
  const lines = [
    report.server !== undefined
      ? `${bold("basis check")}: ${counted} on ${report.server}, as of ${report.today}`
      : `${bold("basis check")}: ${t.files} file${t.files === 1 ? "" : "s"}, ${counted}, as of ${report.today}`,
  ];
  for (const file of report.files) {
    if (file.errors.length > 0) {
      lines.push("", `✖ ${file.file}: ${GATE_MESSAGES.CHECK_FILE_INVALID.title.toLowerCase()}`);
      for (const e of file.errors)
        lines.push(`    ${at(file.file, e)}  ${e.path ? `${e.path}: ` : ""}${e.message}`);
      continue;
    }
    for (const a of file.assessments) {
      const gates = a.findings.filter((f) => f.gate);
      const mark = a.skipped ? "-" : a.passed ? "✔" : "✖";
      const why =
        a.skipped ??
        (a.passed ? a.status : `${gates.length} gate violation${gates.length === 1 ? "" : "s"}`);
      lines.push("", `${mark} ${file.file}  ${bold(a.id)}  (${why})`);
      for (const f of gates) lines.push(...findingLines(file.file, f));
      const others = a.findings.filter((f) => !f.gate && f.level === "warning");
      if (others.length > 0)
        lines.push(`    also: ${others.map((f) => `${f.code} at ${at(file.file, f)}`).join("; ")}`);
    }
  }
  if (report.ignoredFiles > 0)
    lines.push(
      "",
      `note: ${report.ignoredFiles} YAML file${report.ignoredFiles === 1 ? "" : "s"} in the folders given ${report.ignoredFiles === 1 ? "is" : "are"} not a Basis file and ${report.ignoredFiles === 1 ? "was" : "were"} not checked`,
    );
  const failedFiles =
    t.invalidFiles > 0 ? `, ${t.invalidFiles} invalid file${t.invalidFiles === 1 ? "" : "s"}` : "";
  lines.push(
    "",
    checkExitCode(report) === 0
      ? `PASSED: ${t.passed} assessment${t.passed === 1 ? "" : "s"} pass the gate${t.skipped ? `, ${t.skipped} not gated` : ""}`
      : `FAILED: ${t.failed} of ${t.assessments} assessment${t.assessments === 1 ? "" : "s"} fail the gate (${t.violations} violation${t.violations === 1 ? "" : "s"})${failedFiles}`,
  );
  return `${lines.join("\n")}\n`;
}

function findingLines(file: string, f: GateFinding): string[] {
  const out = [`    ${at(file, f)}  ${f.code}  ${f.message}`];
  if (f.fix) out.push(`      fix: ${f.fix}`);
  if (f.refs.length) out.push(`      refs: ${f.refs.join(", ")}`);
  return out;
}

export function checkJson(report: CheckReport): string {
  return `${JSON.stringify({ ...report, exitCode: checkExitCode(report) }, null, 2)}\n`;
}
