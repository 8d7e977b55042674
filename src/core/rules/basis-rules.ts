/**
 * @module core/rules/basis-rules
 * Rules about each purpose's basis decision: the Art. 6 basis itself, legitimate interests
 * and the UK's recognised legitimate interests at the decision level, consent quality,
 * Art. 8, Art. 9 / Art. 10 and the ePrivacy / PECR layer.
 */
import {
  ARTICLE_9_NEEDS_SCHEDULE_1,
  findSchedule1,
  SCHEDULE_1_PART_FOR_ARTICLE_9,
} from "../law/uk-schedule1.ts";
import type { BasisDecision } from "../schema/index.ts";
import {
  categoriesFor,
  decisionPath,
  given,
  linkedInterests,
  type RuleContext,
} from "./context.ts";

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
    if (!d.basis) {
      ctx.emit("BASIS_MISSING", `${path}.basis`, p);
      return;
    }
    const pb = { ...p, basis: d.basis };
    if (!given(d.justification)) ctx.emit("BASIS_NOT_JUSTIFIED", `${path}.justification`, pb);
    if (!d.alternatives || d.alternatives.length === 0)
      ctx.emit("BASIS_NO_ALTERNATIVES", `${path}.alternatives`, pb);
    if (d.basis !== "consent") {
      if (!d.necessity) ctx.emit("BASIS_NECESSITY_MISSING", `${path}.necessity`, pb);
      else if (!d.necessity.necessary)
        ctx.emit("BASIS_NOT_NECESSARY", `${path}.necessity.necessary`, pb);
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
  if (missing.length > 0) {
    ctx.emit("CONSENT_CHECKLIST_INCOMPLETE", `${path}.consent`, {
      ...p,
      elements: missing.join(", "),
    });
  }
  if (ctx.a.organisation.publicAuthority === true || ctx.hasVulnerable) {
    ctx.emit("CONSENT_POWER_IMBALANCE", `${path}.basis`, p);
  }
}

function checkSpecialData(ctx: RuleContext, d: BasisDecision, path: string): void {
  const cats = categoriesFor(ctx.a, d.purpose);
  const special = cats.filter((c) => c.specialCategory !== undefined);
  const p = { purpose: d.purpose };
  if (special.length > 0) {
    const names = special.map((c) => c.name).join(", ");
    const sc = d.specialCategory;
    if (!sc) {
      ctx.emit("SPECIAL_CATEGORY_NO_CONDITION", `${path}.specialCategory`, {
        ...p,
        categories: names,
      });
    } else {
      if (sc.condition === "a" && d.consent?.explicit !== true) {
        ctx.emit("SPECIAL_CATEGORY_EXPLICIT_CONSENT", `${path}.consent.explicit`, p);
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

function checkSchedule1(
  ctx: RuleContext,
  s1: { condition: string; appropriatePolicyDocument?: boolean | undefined } | undefined,
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
  if (entry.policyDocumentRequired && s1.appropriatePolicyDocument !== true) {
    ctx.emit("UK_POLICY_DOCUMENT_MISSING", `${path}.schedule1.appropriatePolicyDocument`, {
      ...params,
      schedule1: s1.condition,
    });
  }
}

function checkChildren(ctx: RuleContext, d: BasisDecision, path: string): void {
  if (d.basis !== "consent" || !ctx.hasChildren) return;
  const p = { purpose: d.purpose, age: ctx.art8.age, ageSource: ctx.art8.source };
  if (!d.children) {
    ctx.emit("CHILD_ISS_UNANSWERED", `${path}.children`, p);
    return;
  }
  if (!d.children.informationSocietyService) return;
  const groups = ctx.a.activity.dataSubjects.filter((s) => s.children === true);
  const belowAge = groups.some((g) => g.youngestAge === undefined || g.youngestAge < ctx.art8.age);
  if (belowAge && d.children.parentalConsent !== true) {
    ctx.emit("CHILD_CONSENT_NO_PARENTAL", `${path}.children.parentalConsent`, p);
  }
}

function checkEprivacy(ctx: RuleContext, d: BasisDecision, path: string): void {
  const p = { purpose: d.purpose };
  const t = d.terminalAccess;
  if (t && !t.strictlyNecessary && t.consent !== true) {
    if (given(t.exemption))
      ctx.emit("EPRIVACY_EXEMPTION_CLAIMED", `${path}.terminalAccess.exemption`, p);
    else
      ctx.emit("EPRIVACY_TERMINAL_ACCESS", `${path}.terminalAccess`, {
        ...p,
        technologies: t.technologies.join(", "),
      });
  }
  const m = d.electronicMarketing;
  if (!m) {
    // Direct marketing without its channels recorded: the ePrivacy/PECR layer cannot be checked.
    if (d.directMarketing === true)
      ctx.emit("PECR_MARKETING_UNANSWERED", `${path}.electronicMarketing`, p);
    return;
  }
  const electronic = m.channels.some((c) => c === "email" || c === "sms");
  if (electronic && m.recipients === "corporate" && ctx.jurisdiction === "EU") {
    // Art. 13(5) leaves legal persons to national law; several member states require consent.
    ctx.emit("EPRIVACY_CORPORATE_MARKETING", `${path}.electronicMarketing.recipients`, p);
  }
  if (m.recipients === "corporate" || !electronic) return;
  if (m.route === undefined) {
    ctx.emit("PECR_MARKETING_UNANSWERED", `${path}.electronicMarketing.route`, p);
  } else if (m.route === "none") {
    ctx.emit("PECR_MARKETING_NO_CONSENT", `${path}.electronicMarketing.route`, p);
  } else if (m.route === "soft-opt-in") {
    const s = m.softOptIn;
    const ok =
      s?.existingCustomer === true &&
      s.similarProducts &&
      s.optOutAtCollection &&
      s.optOutInEveryMessage;
    if (!ok) {
      if (s === undefined)
        ctx.emit("PECR_MARKETING_UNANSWERED", `${path}.electronicMarketing.softOptIn`, p);
      else ctx.emit("PECR_MARKETING_NO_CONSENT", `${path}.electronicMarketing.softOptIn`, p);
    }
  }
}
