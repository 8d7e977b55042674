/**
 * @module core/rules/basis-rules
 * Rules about each purpose's basis decision: the Art. 6 basis itself, legitimate interests
 * and the UK's recognised legitimate interests at the decision level, consent quality,
 * Art. 8, Art. 9 / Art. 10 and the ePrivacy / PECR layer.
 */

import {
  ARTICLE_9_REQUIREMENTS,
  CONSENT_ONLY_PURPOSES,
  IMBALANCED_RELATIONSHIPS,
} from "../law/article9.ts";
import { emailMarketingRef, phoneRule } from "../law/marketing-law.ts";
import {
  ARTICLE_9_NEEDS_SCHEDULE_1,
  findSchedule1,
  SCHEDULE_1_PART_FOR_ARTICLE_9,
} from "../law/uk-schedule1.ts";
import type { BasisDecision, DataCategory } from "../schema/index.ts";
import {
  categoriesFor,
  decisionPath,
  given,
  includesChildren,
  linkedInterests,
  type RuleContext,
  UK_DUAA_COMMENCEMENT,
} from "./context.ts";
import { workableAlternative } from "./necessity.ts";

/** Art. 9(2) points that rest on Union or member-state law, which should be named. */
const LAW_BASED_CONDITIONS = new Set(["b", "g", "h", "i", "j"]);

const CONSENT_ELEMENTS = [
  "freelyGiven",
  "specific",
  "informed",
  "unambiguous",
  "withdrawable",
] as const;

export function checkStructure(ctx: RuleContext): void {
  const { a } = ctx;
  if (!given(a.organisation.name)) ctx.emit("ORGANISATION_NAME_MISSING", "organisation.name");
  if (!a.assessedOn) ctx.emit("ASSESSMENT_DATE_MISSING", "assessedOn");
  const decided = new Set(a.decisions.map((d) => d.purpose));
  a.activity.purposes.forEach((p, i) => {
    if (!decided.has(p.id))
      ctx.emit("PURPOSE_WITHOUT_DECISION", `activity.purposes[${i}]`, { purpose: p.id });
  });
  a.decisions.forEach((d, i) => {
    if (!ctx.purposeIds.has(d.purpose)) {
      ctx.emit("DECISION_UNKNOWN_PURPOSE", `${decisionPath(i)}.purpose`, { purpose: d.purpose });
    }
  });
}

export function checkDecisions(ctx: RuleContext): void {
  ctx.a.decisions.forEach((d, i) => {
    const path = decisionPath(i);
    const p = { purpose: d.purpose };
    checkSpecialData(ctx, d, path);
    checkChildren(ctx, d, path);
    checkEprivacy(ctx, d, path);
    checkFurtherProcessing(ctx, d, path);
    if (!d.basis) {
      // C-654/23 Inteligo Media: email marketing that meets the ePrivacy soft opt-in needs no
      // separate Art. 6 basis.
      if (validSoftOptIn(ctx, d)) ctx.emit("SOFT_OPT_IN_NO_SEPARATE_BASIS", `${path}.basis`, p);
      else ctx.emit("BASIS_MISSING", `${path}.basis`, p);
      return;
    }
    const pb = { ...p, basis: d.basis };
    if (!given(d.justification)) ctx.emit("BASIS_NOT_JUSTIFIED", `${path}.justification`, pb);
    if (!d.alternatives || d.alternatives.length === 0)
      ctx.emit("BASIS_NO_ALTERNATIVES", `${path}.alternatives`, pb);
    if (d.basis !== "consent") {
      // A necessity step started but not concluded is still missing, not a "no".
      if (d.necessity?.necessary === undefined)
        ctx.emit("BASIS_NECESSITY_MISSING", `${path}.necessity`, pb);
      else if (!d.necessity.necessary)
        ctx.emit("BASIS_NOT_NECESSARY", `${path}.necessity.necessary`, pb);
      // Strict necessity is shown against the less intrusive means considered (C-252/21);
      // for legitimate interests the LIA's necessity step asks the same of each interest.
      else if (d.basis !== "legitimate-interests" && !d.necessity.alternatives?.length)
        ctx.emit("BASIS_NECESSITY_NO_ALTERNATIVES", `${path}.necessity.alternatives`, pb);
      const workable = workableAlternative(d.necessity?.alternatives);
      if (workable) {
        ctx.emit(
          "BASIS_NOT_NECESSARY_LESS_INTRUSIVE",
          `${path}.necessity.alternatives[${workable.index}]`,
          {
            ...pb,
            alternative: workable.alternative.alternative,
            reasons: (workable.alternative.rejectedFor ?? []).join(", "),
          },
        );
      }
    }
    if (d.previousBasis?.basis === "consent" && d.basis !== "consent") {
      ctx.emit("BASIS_SWITCHED_FROM_CONSENT", `${path}.previousBasis`, {
        ...pb,
        previous: "consent",
      });
    }
    // Explicit consent under Art. 9(2)(a) must be valid consent whatever the Art. 6 basis.
    if (d.basis === "consent" || d.specialCategory?.condition === "a") checkConsent(ctx, d, path);
    if (d.basis === "legitimate-interests") checkLegitimateInterests(ctx, d, path);
    if (d.basis === "recognised-legitimate-interest") checkRecognised(ctx, d, path);
  });
}

function checkLegitimateInterests(ctx: RuleContext, d: BasisDecision, path: string): void {
  const p = { purpose: d.purpose };
  if (ctx.a.organisation.publicAuthority === true && d.outsidePublicTasks !== true) {
    ctx.emit("LI_PUBLIC_AUTHORITY", `${path}.basis`, p);
  }
  if (!ctx.a.lia || !d.interests || d.interests.length === 0) {
    ctx.emit("LI_WITHOUT_LIA", ctx.a.lia ? `${path}.interests` : "lia", p);
  }
  (d.interests ?? []).forEach((id, k) => {
    if (ctx.a.lia && !ctx.interestIndex.has(id)) {
      ctx.emit("LI_INTEREST_UNKNOWN", `${path}.interests[${k}]`, { ...p, interest: id });
    }
  });
  (ctx.a.activity.jointControllers ?? []).forEach((j, k) => {
    if (!given(j.interest))
      ctx.emit("JOINT_CONTROLLER_NO_INTEREST", `activity.jointControllers[${k}].interest`, {
        ...p,
        controller: j.name,
      });
  });
  const linked = linkedInterests(ctx, d);
  if (d.directMarketing === true) {
    const balancing = ctx.a.lia?.balancing ?? [];
    const optOut = linked.some(({ interest }) =>
      balancing.some((b) => b.interest === interest.id && b.optOut?.available === true),
    );
    if (!optOut) ctx.emit("DIRECT_MARKETING_NO_OPT_OUT", `${path}.directMarketing`, p);
  }
  if (ctx.jurisdiction === "UK" && ctx.ukReformInForce) {
    const named =
      d.directMarketing === true ||
      linked.some(({ interest }) =>
        (interest.recognisedBy ?? []).some((r) =>
          ["gdpr-recital-48", "gdpr-recital-49", "uk-gdpr-art-6-examples"].includes(r),
        ),
      );
    if (named) ctx.emit("UK_LI_NAMED_EXAMPLE", `${path}.basis`, p);
  }
}

function checkRecognised(ctx: RuleContext, d: BasisDecision, path: string): void {
  const p = { purpose: d.purpose, today: ctx.today };
  if (ctx.jurisdiction !== "UK" || !ctx.ukReformInForce) {
    ctx.emit("RLI_NOT_AVAILABLE", `${path}.basis`, { ...p, jurisdiction: ctx.jurisdiction });
    return;
  }
  if (ctx.a.organisation.publicAuthority === true && d.outsidePublicTasks !== true) {
    ctx.emit("RLI_PUBLIC_AUTHORITY", `${path}.basis`, p);
  }
  if (!d.recognisedInterest) ctx.emit("RLI_CONDITION_MISSING", `${path}.recognisedInterest`, p);
  ctx.emit("RLI_NO_BALANCING", `${path}.basis`, p);
}

function checkConsent(ctx: RuleContext, d: BasisDecision, path: string): void {
  const p = { purpose: d.purpose };
  const c = d.consent;
  const missing = CONSENT_ELEMENTS.filter((k) => c?.[k] === undefined);
  const failed = CONSENT_ELEMENTS.filter((k) => c?.[k] === false);
  if (failed.length > 0)
    ctx.emit("CONSENT_CONDITION_NOT_MET", `${path}.consent`, { ...p, elements: failed.join(", ") });
  // Whatever the checklist says, how consent is asked decides whether it is valid.
  const reasons: string[] = [];
  if (c?.howGiven === "pre-ticked-box" || c?.howGiven === "continued-use")
    reasons.push("presumed-not-given");
  if (c?.howGiven === "acceptance-of-terms" || c?.separateFromOtherMatters === false)
    reasons.push("bundled");
  if (c?.refusalHasDetriment === true) reasons.push("detriment");
  if (reasons.length > 0)
    ctx.emit("CONSENT_INVALID_ON_FACTS", `${path}.consent`, { ...p, reasons: reasons.join(", ") });
  if (missing.length > 0) {
    ctx.emit("CONSENT_CHECKLIST_INCOMPLETE", `${path}.consent`, {
      ...p,
      elements: missing.join(", "),
    });
  }
  const staff = ctx
    .groupsFor(d.purpose)
    .some((g) => g.relationship !== undefined && IMBALANCED_RELATIONSHIPS.includes(g.relationship));
  if (ctx.a.organisation.publicAuthority === true || ctx.hasVulnerable || staff) {
    ctx.emit("CONSENT_POWER_IMBALANCE", `${path}.basis`, p);
  }
}

/** What Art. 9 needs of a special-category item: its name and where it comes from. */
type SpecialItem = Pick<DataCategory, "name" | "source">;

/**
 * Sensitive traits the controller infers are special-category data although no category
 * records them (C-252/21 paras. 68–73), and never data the person made public.
 */
const INFERRED_SENSITIVE: SpecialItem = {
  name: "special-category traits inferred from other data",
  source: "inferred",
};

function checkSpecialData(ctx: RuleContext, d: BasisDecision, path: string): void {
  const cats = categoriesFor(ctx.a, d.purpose);
  const special: SpecialItem[] = cats.filter((c) => c.specialCategory !== undefined);
  if (ctx.a.activity.characteristics?.infersSensitive === true) special.push(INFERRED_SENSITIVE);
  const p = { purpose: d.purpose };
  if (special.length > 0) {
    const names = special.map((c) => c.name).join(", ");
    const sc = d.specialCategory;
    const category = ctx.categoryOf(d.purpose);
    if (!sc) {
      // For a commercial purpose only explicit consent (or data the person made public) can
      // lift the ban; without consent as the basis, nothing can.
      const madePublic = special.every((c) => c.source === "made-public-by-subject");
      if (
        category !== undefined &&
        CONSENT_ONLY_PURPOSES.includes(category) &&
        d.basis !== undefined &&
        d.basis !== "consent" &&
        !madePublic
      ) {
        ctx.emit("ART9_NO_CONDITION_POSSIBLE", `${path}.specialCategory`, {
          ...p,
          categories: names,
          category,
        });
      } else {
        ctx.emit("SPECIAL_CATEGORY_NO_CONDITION", `${path}.specialCategory`, {
          ...p,
          categories: names,
        });
      }
    } else {
      const mismatch = article9Mismatch(ctx, d, sc.condition, special);
      if (mismatch?.reason === "source-unknown")
        ctx.emit("ART9_E_SOURCE_UNKNOWN", `${path}.specialCategory.condition`, {
          ...p,
          categories: mismatch.detail ?? names,
        });
      else if (mismatch)
        ctx.emit("ART9_CONDITION_NOT_APPLICABLE", `${path}.specialCategory.condition`, {
          ...p,
          condition: sc.condition,
          reason: mismatch.reason,
          ...(mismatch.detail ? { detail: mismatch.detail } : {}),
        });
      if (sc.condition === "a") {
        if (d.consent?.explicit !== true)
          ctx.emit("SPECIAL_CATEGORY_EXPLICIT_CONSENT", `${path}.consent.explicit`, p);
        const imbalance = powerOver(ctx, d);
        if (imbalance)
          ctx.emit("ART9_CONSENT_IMBALANCE", `${path}.specialCategory.condition`, {
            ...p,
            reason: imbalance,
          });
      }
      if (ctx.jurisdiction === "UK" && ARTICLE_9_NEEDS_SCHEDULE_1.includes(sc.condition)) {
        checkSchedule1(
          ctx,
          sc.schedule1,
          `${path}.specialCategory`,
          { ...p, condition: sc.condition },
          SCHEDULE_1_PART_FOR_ARTICLE_9[sc.condition],
        );
      }
      if (
        ctx.jurisdiction === "EU" &&
        LAW_BASED_CONDITIONS.has(sc.condition) &&
        !given(sc.memberStateLaw)
      ) {
        ctx.emit("SPECIAL_CATEGORY_LAW_NOT_NAMED", `${path}.specialCategory.memberStateLaw`, {
          ...p,
          condition: sc.condition,
        });
      }
    }
  }
  if (cats.some((c) => c.criminalOffence === true)) {
    const auth = d.criminalOffence;
    const lawful =
      auth?.officialAuthority === true ||
      given(auth?.legalAuthorisation) ||
      (ctx.jurisdiction === "UK" && auth?.schedule1 !== undefined);
    if (!lawful) ctx.emit("CRIMINAL_DATA_NO_AUTHORITY", `${path}.criminalOffence`, p);
    else if (ctx.jurisdiction === "UK" && auth?.officialAuthority !== true) {
      checkSchedule1(ctx, auth?.schedule1, `${path}.criminalOffence`, {
        ...p,
        condition: "art-10",
      });
    }
  }
}

/**
 * Why a recorded Art. 9(2) condition cannot apply on the facts, if it cannot: the purpose is
 * not one it serves, the people are not those it covers, the controller is not the body it
 * names, or the data was not made public by the person. Facts not recorded are not held
 * against the condition, except for (e), which the controller must show.
 */
function article9Mismatch(
  ctx: RuleContext,
  d: BasisDecision,
  condition: keyof typeof ARTICLE_9_REQUIREMENTS,
  special: SpecialItem[],
): { reason: string; detail?: string } | undefined {
  const req = ARTICLE_9_REQUIREMENTS[condition];
  const category = ctx.categoryOf(d.purpose);
  if (req.purposes && category !== undefined && !req.purposes.includes(category))
    return { reason: "purpose", detail: category };
  if (req.relationships) {
    const groups = ctx.groupsFor(d.purpose);
    const known = groups.filter((g) => g.relationship !== undefined);
    if (
      known.length === groups.length &&
      !known.some(
        (g) => g.relationship !== undefined && req.relationships?.includes(g.relationship),
      )
    )
      return { reason: "people" };
  }
  if (req.notForProfit && ctx.a.organisation.notForProfit !== true) return { reason: "controller" };
  if (req.madePublicBySubject) {
    const notPublic = special.filter((c) => c.source !== "made-public-by-subject");
    if (notPublic.length > 0)
      return {
        reason: notPublic.some((c) => c.source === undefined)
          ? "source-unknown"
          : "not-made-public",
        detail: notPublic.map((c) => c.name).join(", "),
      };
  }
  return undefined;
}

/** Why the controller holds power over the people of a purpose, if it does (recital 43). */
function powerOver(ctx: RuleContext, d: BasisDecision): string | undefined {
  const groups = ctx.groupsFor(d.purpose);
  if (
    groups.some(
      (g) => g.relationship !== undefined && IMBALANCED_RELATIONSHIPS.includes(g.relationship),
    )
  )
    return "employer";
  if (ctx.a.organisation.publicAuthority === true) return "public-authority";
  return undefined;
}

function checkSchedule1(
  ctx: RuleContext,
  s1:
    | {
        condition: string;
        appropriatePolicyDocument?: boolean | undefined;
        disclosureToCompetentAuthority?: boolean | undefined;
      }
    | undefined,
  path: string,
  params: Record<string, string>,
  requiredPart?: 1 | 2 | 3,
): void {
  if (!s1) {
    ctx.emit("UK_SCHEDULE1_MISSING", `${path}.schedule1`, params);
    return;
  }
  const entry = findSchedule1(s1.condition);
  if (!entry) {
    ctx.emit("UK_SCHEDULE1_UNKNOWN", `${path}.schedule1.condition`, {
      ...params,
      schedule1: s1.condition,
    });
    return;
  }
  // Art. 9 data: (b), (h), (i), (j) need a Part 1 condition and (g) a Part 2 one (DPA 2018
  // s. 10(2)-(3)); Part 3 conditions are for criminal-offence data only.
  if (requiredPart !== undefined && entry.part !== requiredPart) {
    ctx.emit("UK_SCHEDULE1_WRONG_PART", `${path}.schedule1.condition`, {
      ...params,
      schedule1: s1.condition,
      part: requiredPart,
    });
    return;
  }
  // Para. 10(2): a disclosure to a competent authority needs no appropriate policy document.
  const carvedOut = entry.apdCarveOut !== undefined && s1.disclosureToCompetentAuthority === true;
  if (entry.policyDocumentRequired && !carvedOut && s1.appropriatePolicyDocument !== true) {
    ctx.emit("UK_POLICY_DOCUMENT_MISSING", `${path}.schedule1.appropriatePolicyDocument`, {
      ...params,
      schedule1: s1.condition,
    });
  }
}

function checkChildren(ctx: RuleContext, d: BasisDecision, path: string): void {
  const groups = ctx.groupsFor(d.purpose).filter(includesChildren);
  if (groups.length === 0) return;
  const p = { purpose: d.purpose, age: ctx.art8.age, ageSource: ctx.art8.source };
  // Recitals 38 and 71: children's data is not to be used to profile them for marketing, on
  // any basis (online platforms: DSA Art. 28(2)).
  const ch = ctx.a.activity.characteristics;
  const category = ctx.categoryOf(d.purpose);
  const marketing =
    d.directMarketing === true ||
    category === "direct-marketing" ||
    category === "personalised-advertising" ||
    ch?.behaviouralAdvertising === true;
  const excluded = linkedInterests(ctx, d).some(({ interest }) =>
    (ctx.a.lia?.balancing ?? []).some(
      (b) => b.interest === interest.id && b.children?.measures.includes("children-excluded"),
    ),
  );
  if (marketing && (ch?.profiling === true || ch?.behaviouralAdvertising === true) && !excluded) {
    ctx.emit("CHILDREN_PROFILED_FOR_MARKETING", `${path}.purpose`, {
      purpose: d.purpose,
      group: groups.map((g) => g.name).join(", "),
    });
  }
  // Art. 8: below the national age, a child cannot consent to an online service offered to
  // them directly; nor, on the ICO's reading (TikTok, 2023), can such a child's own contract
  // carry the processing without a parent's authorisation.
  if (d.basis !== "consent" && d.basis !== "contract") return;
  if (!d.children) {
    if (d.basis === "consent") ctx.emit("CHILD_ISS_UNANSWERED", `${path}.children`, p);
    return;
  }
  if (!d.children.informationSocietyService) return;
  const belowAge = groups.some((g) => g.youngestAge === undefined || g.youngestAge < ctx.art8.age);
  if (!belowAge) return;
  const q = { ...p, basis: d.basis };
  if (d.children.parentalConsent === false)
    ctx.emit("CHILD_NO_PARENTAL_AUTHORISATION", `${path}.children.parentalConsent`, q);
  else if (d.children.parentalConsent !== true)
    ctx.emit("CHILD_CONSENT_NO_PARENTAL", `${path}.children.parentalConsent`, q);
}

function checkEprivacy(ctx: RuleContext, d: BasisDecision, path: string): void {
  const p = { purpose: d.purpose };
  const t = d.terminalAccess;
  if (t && !t.strictlyNecessary && t.consent !== true) {
    const ukExemption =
      ctx.jurisdiction === "UK" &&
      ctx.ukReformInForce &&
      (t.exemptionKind === "statistical-analytics" ||
        t.exemptionKind === "appearance-functionality");
    if (ukExemption) {
      // PECR reg. 6 as amended from 5 February 2026: clear information and a simple way to object.
      const met = t.clearInformation === true && t.easyToObject === true;
      if (met) ctx.emit("UK_PECR_EXEMPTION_MET", `${path}.terminalAccess.exemptionKind`, p);
      else
        ctx.emit("EPRIVACY_TERMINAL_ACCESS", `${path}.terminalAccess`, {
          ...p,
          technologies: t.technologies.join(", "),
        });
    } else if (given(t.exemption) || t.exemptionKind !== undefined)
      ctx.emit("EPRIVACY_EXEMPTION_CLAIMED", `${path}.terminalAccess.exemption`, p);
    else
      ctx.emit("EPRIVACY_TERMINAL_ACCESS", `${path}.terminalAccess`, {
        ...p,
        technologies: t.technologies.join(", "),
      });
  }
  const m = d.electronicMarketing;
  if (!m) {
    // Direct marketing without its channels recorded: which law applies cannot be told.
    if (d.directMarketing === true)
      ctx.emit("MARKETING_CHANNELS_UNANSWERED", `${path}.electronicMarketing`, p);
    return;
  }
  const mPath = `${path}.electronicMarketing`;
  const countries = m.countries?.length ? m.countries : [ctx.a.organisation.country];
  const individuals = m.recipients !== "corporate";
  const electronicMail = m.channels.some((c) => c === "email" || c === "sms");
  const withNational = (f: { refs: string[] }) => {
    if (ctx.jurisdiction !== "EU") return;
    for (const c of countries) {
      const ref = emailMarketingRef(c, "EU");
      if (!f.refs.includes(ref)) f.refs.push(ref);
    }
  };
  if (electronicMail && m.recipients === "corporate" && ctx.jurisdiction === "EU") {
    // Art. 13(5) leaves legal persons to national law; several member states require consent.
    ctx.emit("EPRIVACY_CORPORATE_MARKETING", `${mPath}.recipients`, p);
  }
  if (electronicMail && individuals) {
    if (m.route === undefined)
      withNational(ctx.emit("PECR_MARKETING_UNANSWERED", `${mPath}.route`, p));
    else if (m.route === "none")
      withNational(ctx.emit("PECR_MARKETING_NO_CONSENT", `${mPath}.route`, p));
    else if (m.route === "soft-opt-in") {
      const s = m.softOptIn;
      if (s === undefined)
        withNational(ctx.emit("PECR_MARKETING_UNANSWERED", `${mPath}.softOptIn`, p));
      else if (!softOptInMet(s))
        withNational(ctx.emit("PECR_MARKETING_NO_CONSENT", `${mPath}.softOptIn`, p));
    } else if (m.route === "charity-soft-opt-in") {
      const c = m.charitySoftOptIn;
      const reason =
        ctx.jurisdiction !== "UK"
          ? "not-uk"
          : !ctx.ukReformInForce
            ? "not-in-force"
            : ctx.a.organisation.charity !== true
              ? "not-a-charity"
              : !c ||
                  !(
                    c.supporterOrInterested &&
                    c.charitablePurposesOnly &&
                    c.optOutAtCollection &&
                    c.optOutInEveryMessage
                  )
                ? "conditions"
                : undefined;
      if (reason)
        ctx.emit("CHARITY_SOFT_OPT_IN_INVALID", `${mPath}.charitySoftOptIn`, {
          ...p,
          reason,
          from: UK_DUAA_COMMENCEMENT,
        });
    }
  }
  // Automated calls and fax need consent everywhere (Art. 13(1); PECR regs. 19–20).
  if (m.channels.some((c) => c === "phone-automated" || c === "fax") && m.route !== "consent")
    ctx.emit("AUTOMATED_CALLS_NO_CONSENT", `${mPath}.route`, p);
  // Live calls to individuals follow each country's choice under Art. 13(3).
  if (m.channels.includes("phone") && individuals && m.route !== "consent") {
    for (const c of countries) {
      const rule = phoneRule(c, ctx.jurisdiction, ctx.today);
      if (!rule) {
        ctx.emit("PHONE_MARKETING_LAW_UNKNOWN", `${mPath}.countries`, { ...p, country: c ?? "" });
        continue;
      }
      if (rule.rule === "consent") {
        const customer =
          rule.customerException === true &&
          m.route === "soft-opt-in" &&
          m.softOptIn !== undefined &&
          softOptInMet(m.softOptIn);
        if (!customer)
          ctx
            .emit("PHONE_MARKETING_NO_CONSENT", `${mPath}.route`, { ...p, country: c ?? "" })
            .refs.push(rule.ref);
      } else if (m.callScreening !== true) {
        const f = ctx.emit("PHONE_MARKETING_NOT_SCREENED", `${mPath}.callScreening`, {
          ...p,
          country: c ?? "",
        });
        if (!f.refs.includes(rule.ref)) f.refs.push(rule.ref);
      }
    }
  }
  // Display and social-media advertising is not electronic mail, but targeting it on
  // behaviour reads from the device (Art. 5(3); EDPB Guidelines 2/2023).
  const ch = ctx.a.activity.characteristics;
  if (
    m.channels.some((c) => c === "display-advertising" || c === "social-media") &&
    (ch?.behaviouralAdvertising === true || ch?.tracksAcrossSites === true) &&
    !t
  ) {
    ctx.emit("ADVERTISING_TRACKING_UNRECORDED", `${path}.terminalAccess`, p);
  }
}

function softOptInMet(s: {
  existingCustomer: boolean;
  similarProducts: boolean;
  optOutAtCollection: boolean;
  optOutInEveryMessage: boolean;
}): boolean {
  return s.existingCustomer && s.similarProducts && s.optOutAtCollection && s.optOutInEveryMessage;
}

/** EU email or SMS marketing that meets every soft opt-in condition (C-654/23). */
function validSoftOptIn(ctx: RuleContext, d: BasisDecision): boolean {
  const m = d.electronicMarketing;
  return (
    ctx.jurisdiction === "EU" &&
    m !== undefined &&
    m.route === "soft-opt-in" &&
    m.softOptIn !== undefined &&
    softOptInMet(m.softOptIn) &&
    m.channels.every((c) => c === "email" || c === "sms")
  );
}

/**
 * Data collected for one purpose and used for another needs the Art. 6(4) test (UK: Art. 8A,
 * where Annex 2 purposes count as compatible), unless the new purpose rests on consent.
 */
function checkFurtherProcessing(ctx: RuleContext, d: BasisDecision, path: string): void {
  const fp = d.furtherProcessing;
  if (!fp || d.basis === "consent") return;
  const p = { purpose: d.purpose, original: fp.originalPurpose };
  if (ctx.jurisdiction === "UK" && ctx.ukReformInForce && fp.annex2 !== undefined) return;
  const c = fp.compatibility;
  const tested = given(c?.link) && given(c?.context) && given(c?.consequences);
  if (fp.compatible === false)
    ctx.emit("FURTHER_PROCESSING_INCOMPATIBLE", `${path}.furtherProcessing.compatible`, p);
  else if (!tested || fp.compatible === undefined)
    ctx.emit("FURTHER_PROCESSING_NO_TEST", `${path}.furtherProcessing.compatibility`, p);
}
