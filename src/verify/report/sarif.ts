/**
 * @module verify/report/sarif
 * SARIF 2.1.0 for code-scanning dashboards: one rule per verify code (with its help text and
 * reference ids), one result per example shown, located at `file:line` of the input. The
 * total count of each rule and field is in the result's message and properties, since only
 * the first examples are kept.
 */
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { VERIFY_RULES, type VerifyRuleCode } from "../rules.ts";
import type { VerifyReport } from "../verify.ts";
import type { ReportContext } from "./text.ts";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export function sarifReport(report: VerifyReport, ctx: ReportContext, toolVersion: string): string {
  const used = [...new Set(report.groups.map((g) => g.code))];
  const rules = used.map((code) => ruleOf(code));
  const results = report.groups.flatMap((g) => {
    const rule = VERIFY_RULES[g.code];
    const shown = g.examples.length;
    return g.examples.map((ex) => ({
      ruleId: g.code,
      ruleIndex: used.indexOf(g.code),
      level: rule.kind === "violation" ? "error" : "warning",
      message: {
        text: `${rule.message(g.field)} Found: ${ex.detail}. (${g.count} in all${g.count > shown ? `, first ${shown} shown` : ""}.)`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(ex.file) },
            region: { startLine: ex.line, ...(ex.col ? { startColumn: ex.col } : {}) },
          },
        },
      ],
      properties: { field: g.field, count: g.count },
    }));
  });
  return `${JSON.stringify(
    {
      $schema: SARIF_SCHEMA,
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "basis verify",
              version: toolVersion,
              rules,
            },
          },
          invocations: [{ executionSuccessful: true }],
          results,
          properties: {
            assessment: ctx.assessment,
            today: report.today,
            totals: report.totals,
          },
        },
      ],
    },
    null,
    2,
  )}\n`;
}

function ruleOf(code: VerifyRuleCode) {
  const r = VERIFY_RULES[code];
  return {
    id: code,
    name: code
      .toLowerCase()
      .split("_")
      .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
      .join(""),
    shortDescription: { text: r.title },
    fullDescription: { text: r.message("the field") },
    help: {
      text: `${r.help}${r.refs.length ? ` References: ${r.refs.join(", ")}.` : ""}`,
    },
    defaultConfiguration: { level: r.kind === "violation" ? "error" : "warning" },
    properties: { tags: ["privacy", r.kind], references: [...r.refs] },
  };
}

/**
 * A path as a SARIF URI: relative paths (the usual case: inside the working directory) as URI
 * references with forward slashes, absolute ones as file: URLs.
 */
export function toUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return encodeURI(path.split("\\").join("/")).replace(/[?#]/g, (c) => (c === "?" ? "%3F" : "%23"));
}
