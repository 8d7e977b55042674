/**
 * @module core/rules/risk-rules
 * Activity-wide rules: solely automated decisions (Art. 22; UK Arts. 22A–22D), whether a DPIA
 * is likely to be required (Art. 35, WP248 criteria), Chapter V transfers, review dates and
 * citations of unknown references.
 */
import { addDays, addMonths } from "../dates.ts";
import type { DpiaIndicator } from "../schema/index.ts";
import { DEFAULT_REVIEW_MONTHS } from "../vocabulary.ts";
import { scaleLevel } from "./balance-facts.ts";
import { given, type RuleContext } from "./context.ts";

export { DEFAULT_REVIEW_MONTHS };
export const DUE_SOON_DAYS = 30;

export function checkAutomatedDecisions(ctx: RuleContext): void {
  const special = ctx.a.activity.dataCategories.some((c) => c.specialCategory !== undefined);
  const conditions = new Set(
    ctx.a.decisions.map((d) => d.specialCategory?.condition).filter(Boolean),
  );
  const onRecognised = ctx.a.decisions.some((d) => d.basis === "recognised-legitimate-interest");
  ctx.a.activity.automatedDecisions?.forEach((adm, i) => {
    if (!adm.solelyAutomated || !adm.legalOrSimilarEffect) return;
    const path = `activity.automatedDecisions[${i}]`;
    const p = { decision: adm.description };
    let allowed: string | undefined;
    if (ctx.ukReformInForce) {
      // UK Art. 22B: no significant decision may rest on a recognised legitimate interest;
      // with special-category data only explicit consent, or contract or law together with
      // the substantial-public-interest condition (Art. 9(2)(g)); otherwise safeguards suffice.
      if (onRecognised) ctx.emit("ADM_ON_RECOGNISED_INTEREST", `${path}`, p);
      if (special) {
        const ok =
          adm.exception === "explicit-consent" ||
          (adm.exception !== undefined && conditions.has("g"));
        if (!ok) allowed = "explicit consent, or contract or law together with Art. 9(2)(g)";
      }
    } else {
      // Art. 22(2): contract, law, or explicit consent; Art. 22(4): with special-category data
      // only where Art. 9(2)(a) or (g) applies.
      if (!adm.exception) allowed = "contract, authorised by law, explicit consent";
      else if (special && !(conditions.has("a") || conditions.has("g"))) {
        allowed =
          "with special-category data, Art. 9(2)(a) explicit consent or (g) substantial public interest";
      }
    }
    if (allowed) ctx.emit("ADM_NO_EXCEPTION", `${path}.exception`, { ...p, allowed });
    if (!adm.safeguards?.length) ctx.emit("ADM_SAFEGUARDS_MISSING", `${path}.safeguards`, p);
  });
}

/** WP248 criteria that apply: those declared plus those the recorded facts show. */
export function dpiaIndicators(ctx: RuleContext): DpiaIndicator[] {
  const a = ctx.a.activity;
  const ch = a.characteristics ?? {};
  const found = new Set<DpiaIndicator>(a.dpiaIndicators ?? []);
  if (a.dataCategories.some((c) => c.specialCategory !== undefined || c.criminalOffence === true)) {
    found.add("sensitive-data");
  }
  const staff = a.dataSubjects.some(
    (g) => g.relationship === "employee" || g.relationship === "job-applicant",
  );
  if (ctx.hasChildren || ctx.hasVulnerable || staff) found.add("vulnerable-subjects");
  if (a.automatedDecisions?.some((d) => d.solelyAutomated && d.legalOrSimilarEffect)) {
    found.add("automated-decision-legal-effect");
  }
  if (ch.profiling === true) found.add("evaluation-scoring");
  if (ch.combinesSources === true) found.add("matching-combining");
  if ((ch.monitoring?.length ?? 0) > 0) found.add("systematic-monitoring");
  if (ch.newTechnology === true) found.add("innovative-technology");
  if (ch.preventsServiceOrRight === true) found.add("prevents-rights-or-service");
  if (scaleLevel(a.scale, a.subjectCount) > 0) found.add("large-scale");
  return [...found].sort();
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
  const reviews = (r?.history ?? []).map((h) => h.date).sort();
  const lastReview = reviews[reviews.length - 1];
  // A stated date holds until a review is recorded on or after it; the cadence then runs from that review.
  if (r?.nextReview && !(lastReview && lastReview >= r.nextReview)) return r.nextReview;
  const last = [ctx.a.assessedOn, lastReview].filter(given).sort().pop();
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
