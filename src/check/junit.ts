/**
 * @module check/junit
 * JUnit XML for CI test dashboards: one test suite per file, one test case per assessment
 * (a failure lists its gate violations), an invalid file as an error and a retired or
 * superseded assessment as skipped. Every string is XML-escaped, and characters XML 1.0
 * cannot carry are replaced, so no assessment text can break the document.
 */
import type { CheckReport } from "./report.ts";

export function checkJunit(report: CheckReport): string {
  const t = report.totals;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="basis check" tests="${t.assessments + t.invalidFiles}" failures="${t.failed}" errors="${t.invalidFiles}" skipped="${t.skipped}">`,
  ];
  for (const file of report.files) {
    const invalid = file.errors.length > 0;
    const failures = file.assessments.filter((a) => !a.passed).length;
    const skipped = file.assessments.filter((a) => a.skipped).length;
    const tests = invalid ? 1 : file.assessments.length;
    out.push(
      `  <testsuite name="${attr(file.file)}" tests="${tests}" failures="${failures}" errors="${invalid ? 1 : 0}" skipped="${skipped}" timestamp="${attr(report.today)}T00:00:00">`,
    );
    if (invalid) {
      const body = file.errors
        .map(
          (e) =>
            `${file.file}${e.line ? `:${e.line}:${e.col ?? 1}` : ""}: ${e.path ? `${e.path}: ` : ""}${e.message}`,
        )
        .join("\n");
      out.push(
        `    <testcase classname="${attr(file.file)}" name="${attr(file.file)}" file="${attr(file.file)}">`,
        `      <error type="CHECK_FILE_INVALID" message="${attr(`not a valid Basis file (${file.errors.length} problem${file.errors.length === 1 ? "" : "s"})`)}">${text(body)}</error>`,
        "    </testcase>",
      );
    }
    for (const a of file.assessments) {
      const name = `${a.id}: ${a.title}`;
      out.push(
        `    <testcase classname="${attr(file.file)}" name="${attr(name)}" file="${attr(file.file)}">`,
      );
      if (a.skipped) out.push(`      <skipped message="${attr(a.skipped)}"/>`);
      const gates = a.findings.filter((f) => f.gate);
      if (gates.length > 0) {
        const codes = [...new Set(gates.map((f) => f.code))].join(", ");
        const body = gates
          .map(
            (f) =>
              `${file.file}${f.line ? `:${f.line}:${f.col ?? 1}` : ""}: ${f.code} at ${f.path}: ${f.message}${f.fix ? `\n  fix: ${f.fix}` : ""}${f.refs.length ? `\n  refs: ${f.refs.join(", ")}` : ""}`,
          )
          .join("\n");
        out.push(
          `      <failure type="${attr(gates[0]?.code ?? "")}" message="${attr(`${gates.length} gate violation${gates.length === 1 ? "" : "s"}: ${codes}`)}">${text(body)}</failure>`,
        );
      }
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

/** Characters XML 1.0 allows: tab, newline, return, and the ranges below. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function text(value: string): string {
  return value
    .replace(NOT_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

export function attr(value: string): string {
  return text(value)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}
