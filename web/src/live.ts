/**
 * Live findings: the draft the user is typing is cleaned, validated with the core schema and
 * evaluated by the core engine, in the browser, on every change. The server runs the same
 * `evaluate` on save, so what the user sees here is what gets stored.
 */
import { useMemo } from "react";
import { evaluate } from "../../src/core/evaluate.ts";
import { formatPath } from "../../src/core/field-path.ts";
import { describeFinding } from "../../src/core/messages/en.ts";
import type { Evaluation } from "../../src/core/rules/types.ts";
import { Assessment } from "../../src/core/schema/index.ts";
import type { PresentedFinding } from "./types.ts";
import { issueMessage, type SchemaIssue } from "./words.ts";

export interface LiveResult {
  /** The cleaned, validated document, when it is valid. */
  document: Assessment | null;
  /** Schema problems, each with the field path it concerns and what is wrong, in words. */
  issues: { path: string; message: string }[];
  evaluation: Evaluation | null;
  findings: PresentedFinding[];
}

/**
 * Drop what an emptied input leaves behind (empty strings, NaN) so an optional answer
 * cleared by the user is absent rather than invalid; required ones then report as missing.
 */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === "" || v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)))
        continue;
      out[k] = clean(v);
    }
    return out as T;
  }
  return value;
}

export function liveEvaluate(draft: unknown, today: string): LiveResult {
  const parsed = Assessment.safeParse(clean(draft));
  if (!parsed.success) {
    return {
      document: null,
      issues: parsed.error.issues.map((i) => ({
        path: formatPath(i.path as PropertyKey[]),
        message: issueMessage(i as SchemaIssue),
      })),
      evaluation: null,
      findings: [],
    };
  }
  const evaluation = evaluate(parsed.data, { today });
  return {
    document: parsed.data,
    issues: [],
    evaluation,
    findings: evaluation.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      path: f.path,
      refs: f.refs,
      ...describeFinding(f),
    })),
  };
}

export function useLiveEvaluation(draft: unknown, today: string): LiveResult {
  return useMemo(() => liveEvaluate(draft, today), [draft, today]);
}
