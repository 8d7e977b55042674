/**
 * @module core/rules/risk-rules
 * Activity-wide rules: solely automated decisions (Art. 22; UK Arts. 22A–22D), whether a DPIA
 * is likely to be required (Art. 35, WP248 criteria), Chapter V transfers, review dates and
 * citations of unknown references.
 */
import { addDays, addMonths } from "../dates.ts";
import type { DpiaIndicator } from "../schema/index.ts";
import { given, type RuleContext } from "./context.ts";

export const DEFAULT_REVIEW_MONTHS = 12;
export const DUE_SOON_DAYS = 30;

export function checkAutomatedDecisions(ctx: RuleContext): void {
  ctx.a.activity.automatedDecisions?.forEach((adm, i) => {
    if (!adm.solelyAutomated || !adm.legalOrSimilarEffect) return;
    const path = `activity.automatedDecisions[${i}]`;
    const special = ctx.a.activity.dataCategories.some((c) => c.specialCategory !== undefined);
    // Under the reformed UK regime only decisions using special-category data need one of the
    // narrow conditions; elsewhere the safeguards of Art. 22C carry the weight.
    const needsException = !ctx.ukReformInForce || special;
    const uk = ctx.ukReformInForce;
    const allowed =
      uk && special
        ? ["explicit-consent", "authorised-by-law"]
        : ["contract", "authorised-by-law", "explicit-consent"];
    if (needsException && (!adm.exception || !allowed.includes(adm.exception))) {
      ctx.emit("ADM_NO_EXCEPTION", `${path}.exception`, {
        decision: adm.description,
        allowed: allowed.join(", "),
      });
    }
    if (!adm.safeguards?.length)
      ctx.emit("ADM_SAFEGUARDS_MISSING", `${path}.safeguards`, { decision: adm.description });
  });
}

/** WP248 criteria that apply: those declared plus those the data itself shows. */
export function dpiaIndicators(ctx: RuleContext): DpiaIndicator[] {
  const a = ctx.a.activity;
  const found = new Set<DpiaIndicator>(a.dpiaIndicators ?? []);
  if (a.dataCategories.some((c) => c.specialCategory !== undefined || c.criminalOffence === true)) {
    found.add("sensitive-data");
  }
  if (ctx.hasChildren || ctx.hasVulnerable) found.add("vulnerable-subjects");
  if (a.automatedDecisions?.some((d) => d.solelyAutomated && d.legalOrSimilarEffect)) {
    found.add("automated-decision-legal-effect");
  }
  return [...found].sort();
}

export function checkDpia(ctx: RuleContext): void {
  const indicators = dpiaIndicators(ctx);
  if (indicators.length >= 2 && ctx.a.activity.dpia?.status !== "completed") {
    ctx.emit("DPIA_LIKELY", "activity.dpiaIndicators", {
      indicators: indicators.join(", "),
      count: indicators.length,
    });
  }
}

export function checkTransfers(ctx: RuleContext): void {
  ctx.a.activity.transfers?.forEach((t, i) => {
    const path = `activity.transfers[${i}].mechanism`;
    if (!t.mechanism || t.mechanism === "none")
      ctx.emit("TRANSFER_NO_MECHANISM", path, { destination: t.destination });
    else if (t.mechanism === "article-49-derogation")
      ctx.emit("TRANSFER_DEROGATION", path, { destination: t.destination });
  });
}

/** The next review date: stated, or the assessment date plus the cadence. */
export function nextReviewDate(ctx: RuleContext): string | undefined {
  const r = ctx.a.review;
  if (r?.nextReview) return r.nextReview;
  const last = [ctx.a.assessedOn, ...(r?.history ?? []).map((h) => h.date)]
    .filter(given)
    .sort()
    .pop();
  return last ? addMonths(last, r?.cadenceMonths ?? DEFAULT_REVIEW_MONTHS) : undefined;
}

export function checkReview(ctx: RuleContext): void {
  const due = nextReviewDate(ctx);
  if (!due) return;
  const path = ctx.a.review?.nextReview ? "review.nextReview" : "assessedOn";
  if (due < ctx.today) ctx.emit("REVIEW_OVERDUE", path, { due });
  else if (due <= addDays(ctx.today, DUE_SOON_DAYS)) ctx.emit("REVIEW_DUE_SOON", path, { due });
}

export function checkReferences(ctx: RuleContext): void {
  const known = ctx.knownRefs;
  if (!known) return;
  ctx.a.lia?.interests.forEach((interest, i) => {
    interest.recognisedBy?.forEach((ref, k) => {
      if (!known.has(ref))
        ctx.emit("UNKNOWN_REFERENCE", `lia.interests[${i}].recognisedBy[${k}]`, { ref });
    });
  });
}
