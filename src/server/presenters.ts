/**
 * @module server/presenters
 * What the API returns for stored things: findings carry their sentences from the message
 * catalogue so every client shows the same words.
 */
import { describeFinding } from "../core/messages/en.ts";
import type { Evaluation } from "../core/rules/types.ts";
import type { AssessmentRecord } from "../store/index.ts";

export function presentEvaluation(e: Evaluation) {
  return {
    outcome: e.outcome,
    findings: e.findings.map((f) => {
      const m = describeFinding(f);
      return {
        code: f.code,
        severity: f.severity,
        path: f.path,
        message: m.message,
        fix: m.fix,
        refs: f.refs,
      };
    }),
    trace: e.trace,
  };
}

export function presentAssessment(r: AssessmentRecord) {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    status: r.status,
    version: r.version,
    outcome: r.outcome,
    updatedAt: r.updatedAt,
    document: r.document,
    evaluation: presentEvaluation(r.evaluation),
  };
}
