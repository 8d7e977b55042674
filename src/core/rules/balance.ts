/**
 * @module core/rules/balance
 * Weighs the facts of one interest's balancing test: looks each fact's weight up in the
 * factor table, takes off what the additional safeguards (and, for children, the protective
 * measures) recorded against it can offset, and compares the two sides. The result is data
 * (`InterestWeighing`) that the findings, the web app and every document show.
 */
import {
  CORROBORATING_SHARE,
  FACTOR_BY_ID,
  OFFSET_PER_CHILD_MEASURE,
  OFFSET_PER_SAFEGUARD,
  VERDICT_MARGINS,
} from "../law/balancing-factors.ts";
import type { BalancingTest, Interest } from "../schema/index.ts";
import { balanceFacts } from "./balance-facts.ts";
import type { RuleContext } from "./context.ts";
import type { BalanceVerdict, InterestWeighing, WeighingFactor } from "./types.ts";

/** Weigh one interest. `n` is the index of its balancing entry, or -1 when it has none. */
export function weighInterest(
  ctx: RuleContext,
  interest: Interest,
  interestIndex: number,
  b: BalancingTest | undefined,
  n: number,
): InterestWeighing {
  const bPath = n >= 0 ? `lia.balancing[${n}]` : "lia.balancing";
  const readings = balanceFacts(ctx, interest, `lia.interests[${interestIndex}]`, b, bPath);
  const safeguards = (b?.safeguards ?? []).filter((s) => s.kind === "additional");
  const measures = b?.children?.measures ?? [];
  const factors: WeighingFactor[] = readings.map((r) => {
    const def = FACTOR_BY_ID.get(r.factor);
    if (!def) throw new Error(`no balancing factor ${r.factor}`);
    const weight = def.weights[Math.min(r.level, def.weights.length) - 1] ?? 0;
    const offsetBy: WeighingFactor["offsetBy"] = [];
    let room = def.side === "against" && !def.decisive ? Math.min(def.maxOffset, weight) : 0;
    for (const s of safeguards) {
      if (room <= 0) break;
      if (!s.offsets?.includes(r.factor)) continue;
      const amount = Math.min(OFFSET_PER_SAFEGUARD, room);
      offsetBy.push({ safeguard: s.measure, amount });
      room -= amount;
    }
    if (r.factor === "children") {
      for (const m of measures) {
        if (room <= 0) break;
        const amount = Math.min(OFFSET_PER_CHILD_MEASURE, room);
        offsetBy.push({ safeguard: m, amount, childMeasure: m });
        room -= amount;
      }
    }
    const offset = offsetBy.reduce((t, o) => t + o.amount, 0);
    return {
      factor: r.factor,
      side: def.side,
      weight,
      offsetBy,
      residual: weight - offset,
      counts: weight - offset,
      decisive: def.decisive === true,
      path: r.path,
      refs: [...def.refs],
      params: r.params,
    };
  });
  countCorroborating(factors);
  const sum = (side: "against" | "for") =>
    factors.filter((f) => f.side === side).reduce((t, f) => t + f.counts, 0);
  const againstTotal = sum("against");
  const forTotal = sum("for");
  const weighing: InterestWeighing = {
    interest: interest.id,
    factors,
    against: againstTotal,
    for: forTotal,
    verdict: verdictOf(factors, againstTotal, forTotal),
    officerConclusion:
      b?.overridden === undefined ? "unanswered" : b.overridden ? "overridden" : "not-overridden",
  };
  if (b?.override) {
    weighing.override = {
      justification: b.override.justification,
      ...(b.override.by ? { by: b.override.by } : {}),
      ...(b.override.on ? { on: b.override.on } : {}),
    };
  }
  return weighing;
}

/**
 * Within each group of the people's side the heaviest fact counts in full and the others at
 * a share: facts that express one concern corroborate it rather than add up. The interest's
 * facts are each a different reason and all count.
 */
function countCorroborating(factors: WeighingFactor[]): void {
  const groups = new Map<string, WeighingFactor[]>();
  for (const f of factors) {
    const group = FACTOR_BY_ID.get(f.factor)?.group;
    if (f.side !== "against" || group === undefined) continue;
    groups.set(group, [...(groups.get(group) ?? []), f]);
  }
  for (const members of groups.values()) {
    const sorted = [...members].sort((x, y) => y.residual - x.residual);
    sorted.forEach((f, i) => {
      f.counts = i === 0 ? f.residual : f.residual * CORROBORATING_SHARE;
    });
  }
}

/** The verdict the two sides give: a decisive factor, or the margin between them. */
export function verdictOf(
  factors: readonly WeighingFactor[],
  againstTotal: number,
  forTotal: number,
): BalanceVerdict {
  if (factors.some((f) => f.decisive && f.residual > 0)) return "against";
  const margin = againstTotal - forTotal;
  if (margin >= VERDICT_MARGINS.against) return "against";
  if (margin < VERDICT_MARGINS.favours) return "favours-interest";
  return "finely-balanced";
}

/**
 * The factors whose removal would change an `against` verdict, heaviest first: what the
 * trace offers as "what would change it".
 */
export function pivotalFactors(w: InterestWeighing): WeighingFactor[] {
  if (w.verdict !== "against") return [];
  return w.factors
    .filter((f) => f.side === "against" && f.residual > 0)
    .filter((f) => {
      const rest = w.factors.filter((x) => x !== f).map((x) => ({ ...x }));
      countCorroborating(rest);
      const total = (side: "against" | "for") =>
        rest.filter((x) => x.side === side).reduce((t, x) => t + x.counts, 0);
      return verdictOf(rest, total("against"), total("for")) !== "against";
    })
    .sort((x, y) => y.residual - x.residual);
}
