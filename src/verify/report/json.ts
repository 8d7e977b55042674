/**
 * @module verify/report/json
 * The machine-readable report: the same content as the text report, with each rule's words
 * and references beside its code, and the exit code the command returns.
 */
import { VERIFY_RULES } from "../rules.ts";
import type { VerifyReport } from "../verify.ts";
import type { ReportContext } from "./text.ts";

export function jsonReport(report: VerifyReport, ctx: ReportContext, exitCode: number): string {
  return `${JSON.stringify(
    {
      assessment: ctx.assessment,
      today: report.today,
      inputs: report.inputs,
      findings: report.groups.map((g) => {
        const rule = VERIFY_RULES[g.code];
        return {
          rule: g.code,
          kind: rule.kind,
          field: g.field,
          count: g.count,
          title: rule.title,
          message: rule.message(g.field),
          fix: rule.help,
          refs: rule.refs,
          examples: g.examples,
        };
      }),
      totals: report.totals,
      notes: report.notes,
      exitCode,
    },
    null,
    2,
  )}\n`;
}
