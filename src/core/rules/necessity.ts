/**
 * @module core/rules/necessity
 * Strict necessity read off the alternatives a controller recorded (C-252/21 paras. 108–109;
 * C-394/23 Mousse): processing is not necessary where a less intrusive means would achieve
 * the purpose and was turned down only because it costs more, is less convenient, earns less
 * or gives less detail. Used for the LIA's necessity step and for the necessity of any other
 * basis (contract, legal obligation, public task, vital interests).
 */
import type { AlternativeMeans, RejectionReason } from "../schema/index.ts";

/** Reasons that never make processing necessary: they say the alternative works. */
export const CONVENIENCE_REASONS: ReadonlySet<RejectionReason> = new Set([
  "cost",
  "convenience",
  "profit",
  "less-detail",
]);

/** Reasons that can show an alternative does not do the job. */
const SUBSTANTIVE_REASONS: ReadonlySet<RejectionReason> = new Set([
  "ineffective",
  "not-feasible",
  "legal-requirement",
  "more-intrusive",
  "security-risk",
]);

const isLessIntrusive = (x: AlternativeMeans) => x.lessIntrusive !== false && x.adopted !== true;

/**
 * The first alternative that shows the processing is not necessary: less intrusive, not
 * declared unworkable, and rejected only for convenience-type reasons (or declared workable
 * and rejected anyway).
 */
export function workableAlternative(
  alternatives: readonly AlternativeMeans[] | undefined,
): { index: number; alternative: AlternativeMeans } | undefined {
  const list = alternatives ?? [];
  for (let index = 0; index < list.length; index++) {
    const x = list[index] as AlternativeMeans;
    if (!isLessIntrusive(x) || x.workable === false) continue;
    const reasons = x.rejectedFor ?? [];
    const onlyConvenience = reasons.length > 0 && reasons.every((r) => CONVENIENCE_REASONS.has(r));
    const workableAndRejected =
      x.workable === true && !reasons.some((r) => SUBSTANTIVE_REASONS.has(r));
    if (onlyConvenience || workableAndRejected) return { index, alternative: x };
  }
  return undefined;
}

/** Alternatives rejected in words only, whose reasons were not classified. */
export function unclassifiedAlternatives(alternatives: readonly AlternativeMeans[] | undefined) {
  return (alternatives ?? []).filter(
    (x) => isLessIntrusive(x) && x.rejectedFor === undefined && x.workable === undefined,
  );
}

/**
 * Strict necessity shown: at least one less intrusive alternative was considered, and every
 * one considered was rejected for a substantive reason backed by evidence.
 */
export function strictNecessityShown(
  alternatives: readonly AlternativeMeans[] | undefined,
): boolean {
  const considered = (alternatives ?? []).filter(isLessIntrusive);
  if (considered.length === 0) return false;
  return considered.every(
    (x) =>
      x.workable !== true &&
      (x.rejectedFor ?? []).some((r) => SUBSTANTIVE_REASONS.has(r)) &&
      !(x.rejectedFor ?? []).some((r) => CONVENIENCE_REASONS.has(r)) &&
      typeof x.evidence === "string" &&
      x.evidence.trim() !== "",
  );
}
