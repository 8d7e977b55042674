/**
 * @module core/rules/lia-rules
 * The quality of the Legitimate Interests Assessment, per EDPB Guidelines 1/2024: a lawful,
 * specific, real and present interest; necessity with less intrusive means considered; a
 * balancing that weighs the nature of the data, reasonable expectations, impact and
 * safeguards beyond the baseline; an objection route; a recorded conclusion; and a
 * minimisation specification in which every field has a purpose and a retention.
 */

import { FACTOR_BY_ID, VERDICT_MARGINS } from "../law/balancing-factors.ts";
import { RETENTION_NORMS, readRetention, retentionExcessLevel } from "../law/retention.ts";
import type { FactorId, Interest } from "../schema/index.ts";
import { weighInterest } from "./balance.ts";
import { activityRetention } from "./balance-facts.ts";
import { given, includesChildren, type RuleContext } from "./context.ts";
import {
  strictNecessityShown,
  unclassifiedAlternatives,
  workableAlternative,
} from "./necessity.ts";
import type { InterestWeighing } from "./types.ts";

export function checkLia(ctx: RuleContext): void {
  const lia = ctx.a.lia;
  if (!lia) return;
  const usesLi = ctx.liInterests.size > 0;
  const usesAny = usesLi || ctx.rliInterests.size > 0;

  lia.interests.forEach((interest, i) => {
    // Only interests a decision relies on are tested; one recorded but relied on by no
    // purpose (e.g. an interest considered and set aside) is noted, not judged.
    if (!ctx.liInterests.has(interest.id) && !ctx.rliInterests.has(interest.id)) {
      ctx.emit("LIA_INTEREST_UNUSED", `lia.interests[${i}]`, { interest: interest.id });
      return;
    }
    // An interest relied on only for recognised LI (UK) needs necessity, not the purpose test
    // or a balance.
    const rliOnly = ctx.rliInterests.has(interest.id) && !ctx.liInterests.has(interest.id);
    if (!rliOnly) checkInterest(ctx, interest, i);
    checkNecessity(ctx, interest);
    if (!rliOnly) checkBalancing(ctx, interest, i);
  });

  checkDanglingEntries(ctx);

  if (usesAny || lia.interests.length > 0) {
    if (!given(lia.objection?.route)) ctx.emit("LIA_NO_OBJECTION_ROUTE", "lia.objection.route");
    const c = lia.conclusion;
    if (!given(c?.decidedBy) || !c?.decidedOn) {
      ctx.emit("LIA_CONCLUSION_MISSING", "lia.conclusion", {
        missing: [given(c?.decidedBy) ? "" : "decidedBy", c?.decidedOn ? "" : "decidedOn"]
          .filter(Boolean)
          .join(", "),
      });
    }
  }
  const startsOn = ctx.a.activity.startsOn;
  if (startsOn && ctx.a.assessedOn && ctx.a.assessedOn > startsOn) {
    ctx.emit("LIA_AFTER_PROCESSING_START", "assessedOn", {
      assessedOn: ctx.a.assessedOn,
      startsOn,
    });
  }
  checkSpecification(ctx);
}

/**
 * Art. 30(1)(f) and Art. 5(1)(e): the activity states a retention, or every field does; each
 * is a period or a rule with a maximum, and a period far beyond what regulators say the
 * purpose needs is reported (and weighs in any balancing test).
 */
export function checkRetention(ctx: RuleContext): void {
  const a = ctx.a;
  const fields = a.lia?.minimisation?.fields ?? [];
  if (!given(a.activity.retention) && a.activity.retentionDays === undefined) {
    if (fields.length === 0) ctx.emit("ACTIVITY_NO_RETENTION", "activity.retention");
  } else if (a.activity.retentionDays === undefined && a.activity.retention) {
    const r = readRetention(a.activity.retention);
    if (r.kind !== "period")
      ctx.emit("RETENTION_NOT_A_PERIOD", "activity.retention", {
        retention: a.activity.retention,
        noEnd: r.kind === "no-end" ? "yes" : "no",
      });
  }
  fields.forEach((f, i) => {
    if (f.retentionDays !== undefined || !given(f.retention)) return;
    const r = readRetention(f.retention);
    if (r.kind !== "period")
      ctx.emit("FIELD_RETENTION_NOT_A_PERIOD", `lia.minimisation.fields[${i}].retention`, {
        field: f.name,
        retention: f.retention,
        noEnd: r.kind === "no-end" ? "yes" : "no",
      });
  });
  const held = activityRetention(ctx);
  if (!held || "noEnd" in held) return;
  // A retention explained by a law or a limitation period is not flagged; it still weighs (less).
  if (a.activity.retentionReason && a.activity.retentionReason.kind !== "purpose") return;
  let norm: { days: number; ref: string; purpose: string } | undefined;
  for (const p of a.activity.purposes) {
    const n = p.category ? RETENTION_NORMS[p.category] : undefined;
    if (n && (!norm || n.days > norm.days)) norm = { ...n, purpose: p.id };
  }
  if (norm && retentionExcessLevel(held.days, norm.days) > 0) {
    ctx.emit("RETENTION_BEYOND_NORM", held.path, {
      days: held.days,
      norm: norm.days,
      purpose: norm.purpose,
    });
  }
}

function checkInterest(ctx: RuleContext, interest: Interest, i: number): void {
  const path = `lia.interests[${i}]`;
  const p = { interest: interest.id };
  const checks = interest.checks;
  const missing = (["lawful", "specific", "realAndPresent"] as const).filter(
    (k) => checks?.[k] === undefined,
  );
  if (missing.length > 0)
    ctx.emit("LIA_INTEREST_CHECK_MISSING", `${path}.checks`, { ...p, checks: missing.join(", ") });
  if (checks?.lawful === false) ctx.emit("LIA_INTEREST_NOT_LAWFUL", `${path}.checks.lawful`, p);
  if (checks?.specific === false)
    ctx.emit("LIA_INTEREST_NOT_SPECIFIC", `${path}.checks.specific`, p);
  if (checks?.realAndPresent === false)
    ctx.emit("LIA_INTEREST_SPECULATIVE", `${path}.checks.realAndPresent`, p);
  if (interest.statedInPrivacyNotice !== true) {
    ctx.emit("LIA_INTEREST_NOT_IN_NOTICE", `${path}.statedInPrivacyNotice`, p);
  }
}

function checkNecessity(ctx: RuleContext, interest: Interest): void {
  const entries = ctx.a.lia?.necessity ?? [];
  const n = entries.findIndex((e) => e.interest === interest.id);
  const p = { interest: interest.id };
  const entry = entries[n];
  if (!entry) {
    ctx.emit("LIA_NECESSITY_MISSING", "lia.necessity", p);
    return;
  }
  const path = `lia.necessity[${n}]`;
  if (!entry.alternatives || entry.alternatives.length === 0) {
    ctx.emit("LIA_NECESSITY_NO_ALTERNATIVES", `${path}.alternatives`, p);
  }
  if (entry.necessary === undefined) ctx.emit("LIA_NECESSITY_UNANSWERED", `${path}.necessary`, p);
  else if (!entry.necessary) ctx.emit("LIA_NOT_NECESSARY", `${path}.necessary`, p);
  // Necessity is tested against the alternatives recorded, whatever the conclusion says.
  const workable = workableAlternative(entry.alternatives);
  if (workable) {
    ctx.emit("LIA_NOT_NECESSARY_LESS_INTRUSIVE", `${path}.alternatives[${workable.index}]`, {
      ...p,
      alternative: workable.alternative.alternative,
      reasons: (workable.alternative.rejectedFor ?? []).join(", "),
    });
  }
  const unclassified = unclassifiedAlternatives(entry.alternatives);
  if (unclassified.length > 0) {
    ctx.emit("LIA_ALTERNATIVE_REASON_UNCLASSIFIED", `${path}.alternatives`, {
      ...p,
      count: unclassified.length,
    });
  }
  // Fine-grained or continuous monitoring of staff stands only where strict necessity is shown.
  const ch = ctx.a.activity.characteristics;
  const staffMonitored =
    ch?.monitoring?.includes("employees") === true ||
    ctx.purposesOf(interest.id).some((q) => ctx.categoryOf(q) === "employee-monitoring");
  const fine =
    ch?.monitoringGranularity === "continuous" || ch?.monitoringGranularity === "fine-grained";
  if (staffMonitored && fine && !workable && !strictNecessityShown(entry.alternatives)) {
    ctx.emit("EMPLOYEE_MONITORING_NOT_STRICTLY_NECESSARY", `${path}.alternatives`, {
      ...p,
      granularity: ch?.monitoringGranularity ?? "",
    });
  }
}

function checkBalancing(ctx: RuleContext, interest: Interest, interestIndex: number): void {
  const entries = ctx.a.lia?.balancing ?? [];
  const n = entries.findIndex((e) => e.interest === interest.id);
  const p = { interest: interest.id };
  const b = entries[n];
  // The facts are weighed whether or not the officer has written a balancing test.
  const weighing = weighInterest(ctx, interest, interestIndex, b, n);
  ctx.weighings.push(weighing);
  const path = n >= 0 ? `lia.balancing[${n}]` : "lia.balancing";
  if (!b) ctx.emit("LIA_BALANCING_MISSING", "lia.balancing", p);
  else {
    if (!b.natureOfData?.length)
      ctx.emit("LIA_BALANCING_NO_NATURE_OF_DATA", `${path}.natureOfData`, p);
    const e = b.reasonableExpectations;
    if (
      !e ||
      (!given(e.relationship) && !given(e.whatTheyWereTold) && !given(e.context) && !e.expected)
    ) {
      ctx.emit("LIA_BALANCING_NO_EXPECTATIONS", `${path}.reasonableExpectations`, p);
    } else if (e.expected === "no") {
      ctx.emit("LIA_EXPECTATIONS_NOT_MET", `${path}.reasonableExpectations.expected`, p);
    }
    if (e?.noticeContradicts === true)
      ctx.emit("NOTICE_CONTRADICTED", `${path}.reasonableExpectations.noticeContradicts`, p);
    if (!b.impacts?.length) ctx.emit("LIA_BALANCING_NO_IMPACT", `${path}.impacts`, p);
    if (!b.safeguards?.length) ctx.emit("LIA_BALANCING_NO_SAFEGUARDS", `${path}.safeguards`, p);
    else if (b.safeguards.every((s) => s.kind === "baseline")) {
      const curable = weighing.factors.some(
        (f) => f.side === "against" && !f.decisive && f.residual > 0 && offsetRoom(f.factor) > 0,
      );
      ctx.emit("LIA_ONLY_BASELINE_SAFEGUARDS", `${path}.safeguards`, {
        ...p,
        curable: curable ? "yes" : "no",
      });
    }
    const children = ctx
      .purposesOf(interest.id)
      .flatMap((q) => ctx.groupsFor(q))
      .some(includesChildren);
    if (children && !given(b.childrenConsidered) && !b.children) {
      ctx.emit("LIA_CHILDREN_NOT_ADDRESSED", `${path}.children`, p);
    }
    if (b.overridden === undefined) ctx.emit("LIA_BALANCING_UNANSWERED", `${path}.overridden`, p);
    else if (b.overridden) ctx.emit("LIA_BALANCING_OVERRIDDEN", `${path}.overridden`, p);
    else {
      const severeAndProbable = (b.impacts ?? []).some(
        (x) => x.severity === "severe" && x.likelihood === "probable",
      );
      if (b.impactLevel === "high" || severeAndProbable) {
        ctx.emit(
          "LIA_HIGH_IMPACT",
          b.impactLevel === "high" ? `${path}.impactLevel` : `${path}.impacts`,
          p,
        );
      }
    }
  }
  const weighed = {
    ...p,
    against: weighing.against,
    for: weighing.for,
    factors: weighing.factors
      .filter((f) => f.side === "against" && f.residual > 0)
      .sort((x, y) => y.residual - x.residual)
      .slice(0, 3)
      .map((f) => f.factor)
      .join(", "),
  };
  if (weighing.verdict === "against") {
    // The facts decide. An officer who concludes otherwise must say why; the reason is kept
    // with the finding, which stays visible as overridden.
    const concludedFor = b?.overridden === false;
    const override = concludedFor ? weighing.override : undefined;
    ctx.emit("LIA_BALANCE_AGAINST", path, { ...weighed, curable: curable(weighing) }, override);
    if (concludedFor && !override)
      ctx.emit("LIA_CONCLUSION_CONTRADICTS_BALANCE", `${path}.override`, weighed);
  } else if (weighing.verdict === "finely-balanced" && b?.overridden !== true) {
    ctx.emit("LIA_BALANCE_FINE", path, {
      ...weighed,
      offset: weighing.factors.some((f) => f.offsetBy.length > 0) ? "yes" : "no",
    });
  }
}

/**
 * Whether safeguards beyond the baseline could still tip an `against` balance back: no
 * decisive factor, and enough offset room left on the factors against to close the margin.
 */
function curable(w: InterestWeighing): "yes" | "no" {
  if (w.factors.some((f) => f.decisive && f.residual > 0)) return "no";
  const room = w.factors
    .filter((f) => f.side === "against")
    .reduce(
      (t, f) => t + Math.max(0, Math.min(offsetRoom(f.factor), f.weight) - (f.weight - f.residual)),
      0,
    );
  return room > w.against - w.for - VERDICT_MARGINS.against ? "yes" : "no";
}

function offsetRoom(factor: FactorId): number {
  return FACTOR_BY_ID.get(factor)?.maxOffset ?? 0;
}

/** Necessity or balancing entries that name an interest the LIA does not have. */
function checkDanglingEntries(ctx: RuleContext): void {
  const lia = ctx.a.lia;
  if (!lia) return;
  lia.necessity?.forEach((e, n) => {
    if (!ctx.interestIndex.has(e.interest)) {
      ctx.emit("LI_INTEREST_UNKNOWN", `lia.necessity[${n}].interest`, {
        interest: e.interest,
        purpose: "",
      });
    }
  });
  lia.balancing?.forEach((e, n) => {
    if (!ctx.interestIndex.has(e.interest)) {
      ctx.emit("LI_INTEREST_UNKNOWN", `lia.balancing[${n}].interest`, {
        interest: e.interest,
        purpose: "",
      });
    }
  });
}

function checkSpecification(ctx: RuleContext): void {
  const spec = ctx.a.lia?.minimisation;
  if (!spec) return;
  const prohibited = new Set((spec.prohibited ?? []).map((f) => f.name.trim().toLowerCase()));
  spec.fields.forEach((f, i) => {
    const path = `lia.minimisation.fields[${i}]`;
    const p = { field: f.name };
    if (!given(f.purpose)) ctx.emit("FIELD_NO_PURPOSE", `${path}.purpose`, p);
    if (!given(f.retention) && f.retentionDays === undefined)
      ctx.emit("FIELD_NO_RETENTION", `${path}.retention`, p);
    if (prohibited.has(f.name.trim().toLowerCase()))
      ctx.emit("FIELD_PROHIBITED_IN_SPEC", `${path}.name`, p);
  });
}
