/**
 * @module core/evaluate
 * The rules engine's entry point. `evaluate(assessment, { today })` is pure: the same
 * assessment and date give the same findings, outcome and trace in the browser, the server
 * and the CLI.
 */

import { comparePaths } from "./field-path.ts";
import { VERDICT_MARGINS } from "./law/balancing-factors.ts";
import { checkActivity } from "./rules/activity-rules.ts";
import { pivotalFactors } from "./rules/balance.ts";
import { checkDecisions, checkStructure } from "./rules/basis-rules.ts";
import { buildContext, LI_BASES, type RuleContext } from "./rules/context.ts";
import { checkDpia, residualRisk } from "./rules/dpia-rules.ts";
import { checkLia, checkRetention } from "./rules/lia-rules.ts";
import { RULES, type RuleCode, type RuleMeta } from "./rules/registry.ts";
import {
  checkAutomatedDecisions,
  checkReferences,
  checkReview,
  checkTransfers,
  dpiaIndicators,
  nextReviewDate,
} from "./rules/risk-rules.ts";
import type {
  DecisionOutcome,
  EvaluateOptions,
  Evaluation,
  Finding,
  InterestOutcome,
  Outcome,
  Trace,
  TraceChange,
} from "./rules/types.ts";
import type { Assessment } from "./schema/index.ts";

const SEVERITY_ORDER = { blocker: 0, warning: 1, info: 2 } as const;

/**
 * Evaluate an assessment against every rule.
 * @param assessment a validated assessment
 * @param options `today` as YYYY-MM-DD; `knownRefs` to report citations of unknown references
 */
export function evaluate(assessment: Assessment, options: EvaluateOptions): Evaluation {
  const ctx = buildContext(assessment, options.today, options.knownRefs);
  checkStructure(ctx);
  checkActivity(ctx);
  checkDecisions(ctx);
  checkLia(ctx);
  checkRetention(ctx);
  checkAutomatedDecisions(ctx);
  const screening = checkDpia(ctx);
  checkTransfers(ctx);
  checkReview(ctx);
  checkReferences(ctx);
  const findings = ctx.findings.sort(
    (x, y) =>
      SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || comparePaths(x.path, y.path),
  );
  const conditions = assessment.lia?.conclusion?.conditions ?? [];
  const residual = residualRisk(ctx);
  const outcome = outcomeOf(findings, conditions.length > 0);
  return {
    outcome,
    findings,
    trace: buildTrace(ctx, findings, outcome, conditions),
    weighing: ctx.weighings,
    dpia: { screening, ...(residual ? { residualRisk: residual } : {}) },
  };
}

/** The outcome a set of findings gives: a failure outweighs a gap, a gap outweighs a condition. */
export function outcomeOf(findings: readonly Finding[], recordedConditions = false): Outcome {
  if (findings.some((f) => f.effect === "fails")) return "not-appropriate";
  if (findings.some((f) => f.severity === "blocker")) return "incomplete";
  if (recordedConditions || findings.some((f) => f.effect === "condition"))
    return "appropriate-with-conditions";
  return "appropriate";
}

function buildTrace(
  ctx: RuleContext,
  findings: Finding[],
  outcome: Outcome,
  conditions: string[],
): Trace {
  const decisive = findings.filter((f) => decides(f, outcome));
  const interests = interestOutcomes(ctx, findings);
  return {
    decidedBy: decisive.map((f) => ({ code: f.code, path: f.path, effect: f.effect })),
    conditions: [
      ...conditions,
      ...findings.filter((f) => f.effect === "condition").map((f) => f.code),
    ],
    wouldChange: wouldChange(ctx, findings, outcome, conditions.length > 0),
    decisions: decisionOutcomes(ctx, findings),
    interests,
    facts: {
      jurisdiction: ctx.jurisdiction,
      ukReformInForce: ctx.ukReformInForce,
      ageOfDigitalConsent: ctx.art8.age,
      ageSource: ctx.art8.source,
      dpiaIndicators: dpiaIndicators(ctx),
      ...(nextReviewDate(ctx) ? { nextReview: nextReviewDate(ctx) as string } : {}),
    },
  };
}

function balancingPath(ctx: RuleContext, interest: string): string {
  const n = (ctx.a.lia?.balancing ?? []).findIndex((b) => b.interest === interest);
  return n >= 0 ? `lia.balancing[${n}]` : "lia.balancing";
}

function decides(f: Finding, outcome: Outcome): boolean {
  switch (outcome) {
    case "not-appropriate":
      return f.effect === "fails";
    case "incomplete":
      return f.severity === "blocker";
    case "appropriate-with-conditions":
      return f.effect === "condition";
    case "appropriate":
      return false;
  }
}

/** Resolving each decisive code in turn, and then all of them, shows what would change. */
function wouldChange(
  ctx: RuleContext,
  findings: Finding[],
  outcome: Outcome,
  recorded: boolean,
): TraceChange[] {
  const changes: TraceChange[] = [];
  const decisiveCodes = [
    ...new Set(findings.filter((f) => decides(f, outcome)).map((f) => f.code)),
  ];
  for (const code of decisiveCodes) {
    const rest = findings.filter((f) => f.code !== code);
    const next = outcomeOf(rest, recorded);
    if (next !== outcome)
      changes.push({ change: `resolve ${code}`, kind: "resolve", codes: [code], outcome: next });
  }
  if (decisiveCodes.length > 1) {
    const rest = findings.filter((f) => !decisiveCodes.includes(f.code));
    changes.push({
      change: "resolve all of these",
      kind: "resolve-all",
      codes: decisiveCodes,
      outcome: outcomeOf(rest, recorded),
    });
  }
  // For a balance the facts tip against: the facts whose removal would tip it back.
  for (const w of ctx.weighings) {
    for (const f of pivotalFactors(w)) {
      changes.push({
        change: `if ${f.factor} no longer applied to interest ${w.interest}`,
        kind: "factor",
        codes: ["LIA_BALANCE_AGAINST"],
        path: f.path,
        outcome: outcomeOf(
          findings.filter(
            (x) => !(x.code === "LIA_BALANCE_AGAINST" && x.params.interest === w.interest),
          ),
          recorded,
        ),
        factor: f.factor,
        interest: w.interest,
      });
    }
  }
  if (outcome === "appropriate" || outcome === "appropriate-with-conditions") {
    // The facts the result hangs on: how much more would have to weigh against each interest
    // before its balance tipped.
    for (const w of ctx.weighings) {
      const margin = VERDICT_MARGINS.against - (w.against - w.for);
      if (w.verdict === "against" || margin <= 0) continue;
      changes.push({
        change: `facts weighing ${margin} more against interest ${w.interest}`,
        kind: "balance-margin",
        codes: ["LIA_BALANCE_AGAINST"],
        path: balancingPath(ctx, w.interest),
        outcome: "not-appropriate",
        margin,
        interest: w.interest,
      });
    }
    ctx.a.lia?.necessity?.forEach((e, n) => {
      if (
        e.necessary === true &&
        (ctx.liInterests.has(e.interest) || ctx.rliInterests.has(e.interest))
      ) {
        changes.push({
          change: "necessity not established (a less intrusive means would work as well)",
          kind: "answer",
          codes: ["LIA_NOT_NECESSARY"],
          path: `lia.necessity[${n}].necessary`,
          outcome: "not-appropriate",
        });
      }
    });
  }
  return changes;
}

function decisionOutcomes(ctx: RuleContext, findings: Finding[]): DecisionOutcome[] {
  // What bears on one purpose: findings about its decision or naming it, findings about the
  // interests it relies on, LIA-wide findings when it relies on legitimate interests, and
  // findings about the activity as a whole.
  const activityWide = (f: Finding) =>
    /^(activity|organisation|assessedOn|review)\b/.test(f.path) && f.params.purpose === undefined;
  const liaWide = (f: Finding) =>
    f.path.startsWith("lia") && f.params.interest === undefined && f.params.purpose === undefined;
  return ctx.a.decisions.map((d, i) => {
    const prefix = `decisions[${i}]`;
    const relies = d.basis !== undefined && LI_BASES.has(d.basis);
    const interests = relies ? new Set(d.interests ?? []) : new Set<string>();
    const mine = findings.filter(
      (f) =>
        f.path === prefix ||
        f.path.startsWith(`${prefix}.`) ||
        (f.params.purpose === d.purpose && !f.path.startsWith("decisions[")) ||
        (typeof f.params.interest === "string" &&
          interests.has(f.params.interest) &&
          f.code !== "LIA_INTEREST_UNUSED") ||
        (relies && liaWide(f)) ||
        activityWide(f),
    );
    const outcome = outcomeOf(mine);
    return {
      purpose: d.purpose,
      basis: d.basis ?? null,
      outcome,
      merits: outcome === "not-appropriate" ? ("fails" as const) : ("stands" as const),
    };
  });
}

function interestOutcomes(ctx: RuleContext, findings: Finding[]): InterestOutcome[] {
  return (ctx.a.lia?.interests ?? []).map((interest) => {
    const mine = findings.filter((f) => f.params.interest === interest.id);
    const rliOnly = ctx.rliInterests.has(interest.id) && !ctx.liInterests.has(interest.id);
    // Which LIA step a finding tests is registry data, not read from its code.
    const step = (name: "interest" | "necessity" | "balancing") => {
      const hits = mine.filter(
        (f) => (RULES[f.code as RuleCode] as RuleMeta | undefined)?.step === name,
      );
      if (
        hits.some(
          (f) => (RULES[f.code as RuleCode] as RuleMeta).failsStep === true && f.effect === "fails",
        )
      )
        return "not-met" as const;
      if (hits.some((f) => f.severity === "blocker" && f.override === undefined))
        return "incomplete" as const;
      return "met" as const;
    };
    return {
      interest: interest.id,
      purposeTest: rliOnly ? ("met" as const) : step("interest"),
      necessity: step("necessity"),
      balancing: rliOnly ? ("not-required" as const) : step("balancing"),
      outcome: outcomeOf(mine),
    };
  });
}
