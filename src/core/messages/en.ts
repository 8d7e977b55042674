/**
 * @module core/messages/en
 * The English message catalogue: for each finding code, a title, the sentence that says what
 * is wrong and the one that says how to resolve it, in words a privacy officer uses (never a
 * file path or a rule code); and the words for each factor the balancing test weighs. Rules
 * never hold words; translations add a file with the same keys.
 */
import type { RuleCode } from "../rules/registry.ts";
import type { TraceChange, WeighingFactor } from "../rules/types.ts";
import type { ChildMeasure, FactorId } from "../schema/common.ts";

type P = Record<string, string | number>;
export interface MessageEntry {
  title: string;
  message: (p: P) => string;
  fix: (p: P) => string;
}

const purpose = (p: P) => (p.purpose ? `Purpose "${p.purpose}"` : "This purpose");
const interest = (p: P) => `Interest "${p.interestTitle ?? p.interest}"`;
const ofInterest = (p: P) => `"${p.interestTitle ?? p.interest}"`;
const factorList = (p: P) =>
  String(p.factors ?? "")
    .split(", ")
    .filter(Boolean)
    .map((f) => FACTOR_LABELS[f as FactorId] ?? f)
    .join("; ");

const ART9_REASONS: Record<string, (p: P) => string> = {
  purpose: (p) => `it does not serve a purpose of this kind (${p.detail})`,
  people: () => "the people concerned are not those it covers",
  controller: () => "it is open only to a foundation, association or other not-for-profit body",
  "not-made-public": (p) =>
    `this data (${p.detail}) was not made public by the people themselves; data a controller observes, infers, combines or computes never is`,
};

export const en: Record<RuleCode, MessageEntry> = {
  ORGANISATION_NAME_MISSING: {
    title: "Controller not named",
    message: () => "The organisation acting as controller is not named.",
    fix: () => "Enter the controller's legal name.",
  },
  ASSESSMENT_DATE_MISSING: {
    title: "Assessment date missing",
    message: () =>
      "The assessment has no date, so nobody can show it was made before the processing began.",
    fix: () => "Enter the date the assessment was carried out.",
  },
  PURPOSE_WITHOUT_DECISION: {
    title: "Purpose without a lawful basis",
    message: (p) =>
      `${purpose(p)} has no basis decision; every purpose needs its own Art. 6 basis.`,
    fix: () => "Choose the lawful basis for this purpose in the basis wizard.",
  },
  DECISION_UNKNOWN_PURPOSE: {
    title: "Decision for an unknown purpose",
    message: (p) =>
      `A basis decision names purpose "${p.purpose}", which the activity does not list.`,
    fix: () => "Add the purpose to the activity, or attach the decision to a listed purpose.",
  },
  BASIS_MISSING: {
    title: "No basis chosen",
    message: (p) => `${purpose(p)} has no lawful basis chosen.`,
    fix: () => "Choose one of the Art. 6(1) bases for this purpose.",
  },
  BASIS_NOT_JUSTIFIED: {
    title: "Basis not justified",
    message: (p) => `${purpose(p)} relies on ${p.basis} without saying why that basis fits.`,
    fix: () => "Write why this basis applies to this purpose.",
  },
  BASIS_NECESSITY_NO_ALTERNATIVES: {
    title: "Necessity claimed without alternatives",
    message: (p) =>
      `${purpose(p)} is said to be necessary for ${p.basis}, but no less intrusive way of achieving it is recorded as considered.`,
    fix: () =>
      "List the less intrusive means considered (less data, no processing, another process) and why each would not achieve the purpose.",
  },
  BASIS_NO_ALTERNATIVES: {
    title: "No alternative bases recorded",
    message: (p) =>
      `${purpose(p)} does not record which other bases were considered and why they were rejected.`,
    fix: () => "List the other bases considered, each with the reason it was rejected.",
  },
  BASIS_NECESSITY_MISSING: {
    title: "Necessity not assessed",
    message: (p) =>
      `${purpose(p)} relies on ${p.basis}, which applies only where the processing is necessary, but necessity is not answered.`,
    fix: () => "Say whether the processing is necessary, not merely useful, and why.",
  },
  BASIS_NOT_NECESSARY: {
    title: "Processing not necessary",
    message: (p) =>
      `${purpose(p)}: the processing is recorded as not necessary, so ${p.basis} cannot be relied on.`,
    fix: () =>
      "Change the processing so that it is necessary, or rely on consent if it can be freely given.",
  },
  BASIS_NOT_NECESSARY_LESS_INTRUSIVE: {
    title: "A less intrusive means would do",
    message: (p) =>
      `${purpose(p)}: "${p.alternative}" would achieve the purpose with less intrusion and was turned down only for ${p.reasons || "no stated reason"}; processing is necessary only where no such means exists.`,
    fix: () =>
      "Adopt the less intrusive means, or record why it would not achieve the purpose (with evidence); cost, convenience or detail alone do not count.",
  },
  BASIS_SWITCHED_FROM_CONSENT: {
    title: "Basis switched away from consent",
    message: (p) =>
      `${purpose(p)} used to rely on consent and now relies on ${p.basis}; a controller cannot move to another basis after the fact, for instance when consent is withdrawn or found invalid.`,
    fix: () =>
      "Keep to consent: honour every withdrawal and stop processing the data of anyone who withdrew or whose consent was not valid. A different basis cannot be applied to data collected on consent.",
  },
  LI_WITHOUT_LIA: {
    title: "Legitimate interests without an LIA",
    message: (p) =>
      `${purpose(p)} relies on legitimate interests but is not linked to a Legitimate Interests Assessment.`,
    fix: () => "Complete the LIA and pick the interests this purpose relies on.",
  },
  LI_INTEREST_UNKNOWN: {
    title: "Unknown interest",
    message: (p) => `An interest is named ("${p.interest}") that the LIA does not have.`,
    fix: () => "Pick an interest from the LIA, or add it there.",
  },
  LI_PUBLIC_AUTHORITY: {
    title: "Public authority relying on legitimate interests",
    message: (p) =>
      `${purpose(p)}: a public authority cannot rely on legitimate interests for processing in the performance of its tasks.`,
    fix: () =>
      "Rely on public task or legal obligation, or confirm that this processing is genuinely outside the authority's tasks.",
  },
  DIRECT_MARKETING_NO_OPT_OUT: {
    title: "Direct marketing without an unconditional opt-out",
    message: (p) =>
      `${purpose(p)} is direct marketing; an objection to it must always be honoured, but no opt-out is recorded.`,
    fix: () =>
      "Offer an opt-out from the marketing and record it in the balancing test of the interest relied on.",
  },
  UK_LI_NAMED_EXAMPLE: {
    title: "A purpose the UK GDPR names as possibly legitimate",
    message: (p) =>
      `${purpose(p)} is of a kind the UK GDPR names as one that may be a legitimate interest (direct marketing, intra-group administration, network and information security); the balancing test still applies.`,
    fix: () => "No action needed beyond completing the balancing test.",
  },
  LIA_INTEREST_CHECK_MISSING: {
    title: "Interest not tested",
    message: (p) => `${interest(p)} has unanswered purpose-test questions.`,
    fix: () => "Answer whether the interest is lawful, clearly articulated, and real and present.",
  },
  LIA_INTEREST_NOT_LAWFUL: {
    title: "Interest not lawful",
    message: (p) =>
      `${interest(p)} is recorded as not lawful; an unlawful interest cannot be a legitimate one.`,
    fix: () => "Drop this interest, or change the activity so the interest is lawful.",
  },
  LIA_INTEREST_NOT_SPECIFIC: {
    title: "Interest too vague",
    message: (p) => `${interest(p)} is recorded as not clearly and precisely articulated.`,
    fix: () => "State the interest precisely: what it is, for whom, and what it achieves.",
  },
  LIA_INTEREST_SPECULATIVE: {
    title: "Interest speculative",
    message: (p) =>
      `${interest(p)} is recorded as not real and present; a speculative interest does not qualify.`,
    fix: () => "Rely only on interests that exist now, or wait until this one does.",
  },
  LIA_INTEREST_NOT_IN_NOTICE: {
    title: "Interest not stated in the privacy notice",
    message: (p) =>
      `${interest(p)} is not confirmed as stated in the privacy notice, which must name the legitimate interests pursued.`,
    fix: () => "State the interest in the privacy notice, then confirm it here.",
  },
  LIA_NECESSITY_MISSING: {
    title: "Necessity test missing",
    message: (p) => `${interest(p)} has no necessity test.`,
    fix: () => "Complete the necessity step for this interest.",
  },
  LIA_NECESSITY_NO_ALTERNATIVES: {
    title: "No less intrusive alternative considered",
    message: (p) =>
      `The necessity test for ${ofInterest(p)} considers no less intrusive alternative.`,
    fix: () =>
      "List the alternatives considered (less data, aggregation, no processing…) and why each would not work as well.",
  },
  LIA_NECESSITY_UNANSWERED: {
    title: "Necessity not concluded",
    message: (p) => `The necessity test for ${ofInterest(p)} has no conclusion.`,
    fix: () => "Conclude whether the processing is necessary for the interest.",
  },
  LIA_NOT_NECESSARY: {
    title: "Processing not necessary for the interest",
    message: (p) =>
      `The processing is recorded as not necessary for ${ofInterest(p)}; legitimate interests cannot be relied on.`,
    fix: () => "Adopt the less intrusive means, or reduce the processing until it is necessary.",
  },
  LIA_NOT_NECESSARY_LESS_INTRUSIVE: {
    title: "A less intrusive means would do",
    message: (p) =>
      `For ${ofInterest(p)}, "${p.alternative}" would achieve the purpose with less intrusion and was turned down only for ${p.reasons || "no stated reason"}. Necessity is strict: where a less intrusive means works, the processing is not necessary.`,
    fix: () =>
      "Adopt the less intrusive means, or record why it would not achieve the purpose (with evidence); cost, convenience, profit or detail alone do not count.",
  },
  LIA_ALTERNATIVE_REASON_UNCLASSIFIED: {
    title: "Why alternatives were rejected is not classified",
    message: (p) =>
      `For ${ofInterest(p)}, ${p.count} alternative(s) are rejected in words only, so Basis cannot test whether they were turned down for a reason that counts.`,
    fix: () =>
      "For each alternative, pick the kind of reason (ineffective, not feasible, required by law, cost, convenience…).",
  },
  EMPLOYEE_MONITORING_NOT_STRICTLY_NECESSARY: {
    title: "Fine-grained monitoring of staff without strict necessity",
    message: (p) =>
      `For ${ofInterest(p)}, staff are monitored ${p.granularity || "closely"}, and it is not shown that every less intrusive means was tried and failed; such monitoring is not appropriate without strict necessity.`,
    fix: () =>
      "Monitor less (aggregated, periodic or incident-led), or record each less intrusive alternative with evidence that it does not work.",
  },
  LIA_BALANCING_MISSING: {
    title: "Balancing test missing",
    message: (p) => `${interest(p)} has no balancing test.`,
    fix: () => "Complete the balancing step for this interest.",
  },
  LIA_BALANCING_NO_NATURE_OF_DATA: {
    title: "Nature of the data not assessed",
    message: (p) =>
      `The balancing test for ${ofInterest(p)} does not assess the nature of the data.`,
    fix: () => "List each data element with how sensitive it is.",
  },
  LIA_BALANCING_NO_EXPECTATIONS: {
    title: "Reasonable expectations not assessed",
    message: (p) =>
      `The balancing test for ${ofInterest(p)} does not assess what people would reasonably expect.`,
    fix: () =>
      "Describe the relationship, what people were told and the context, and whether they would expect this processing.",
  },
  LIA_BALANCING_NO_IMPACT: {
    title: "Impact not assessed",
    message: (p) =>
      `The balancing test for ${ofInterest(p)} does not assess the impact on the people concerned.`,
    fix: () => "List the possible impacts with their likelihood and severity.",
  },
  LIA_BALANCING_NO_SAFEGUARDS: {
    title: "No safeguards",
    message: (p) => `The balancing test for ${ofInterest(p)} lists no safeguards.`,
    fix: () => "List the safeguards, marking which go beyond what the law already requires.",
  },
  LIA_BALANCING_UNANSWERED: {
    title: "Balance not concluded",
    message: (p) =>
      `The balancing test for ${ofInterest(p)} does not conclude whether people's interests override it.`,
    fix: () => "Record your conclusion on the balance, with the reasoning.",
  },
  LIA_BALANCING_OVERRIDDEN: {
    title: "Interests of the people concerned prevail",
    message: (p) =>
      `The balancing test for ${ofInterest(p)} concludes that the people's interests or rights override it; legitimate interests cannot be relied on.`,
    fix: () =>
      "Reduce the impact (less data, shorter retention, safeguards beyond the law's baseline) and weigh again, or do not go ahead; another basis can only be chosen before the processing starts, not to rescue running processing.",
  },
  LIA_BALANCE_AGAINST: {
    title: "The facts weigh against the interest",
    message: (p) =>
      `Weighed on the facts recorded, the people's side outweighs ${ofInterest(p)} (${p.against} against ${p.for}); the heaviest factors: ${factorList(p)}. Legitimate interests cannot be relied on as the processing stands.`,
    fix: (p) =>
      p.curable === "yes"
        ? "Change the processing so that these facts no longer apply or weigh less (less data, no profiling, shorter retention, children excluded), or add safeguards beyond the law's baseline that offset them, then weigh again. If you conclude otherwise, write why; the override stays visible."
        : "Safeguards cannot tip this balance: change the processing so that these facts no longer apply (less data, no profiling, shorter retention, children excluded) or do not go ahead on legitimate interests. If you conclude otherwise, write why; the override stays visible.",
  },
  LIA_BALANCE_FINE: {
    title: "The balance is fine",
    message: (p) =>
      `Weighed on the facts recorded, the balance for ${ofInterest(p)} is close (${p.against} against ${p.for})${p.offset === "yes" ? "; it holds only while the safeguards that offset it stay in place" : ""}.`,
    fix: (p) =>
      p.offset === "yes"
        ? "Keep the additional safeguards in place and review the balance whenever the processing changes."
        : "Review the balance whenever the processing changes; a measure beyond the law's baseline that offsets what weighs against the interest would make it safer.",
  },
  LIA_CONCLUSION_CONTRADICTS_BALANCE: {
    title: "Conclusion goes against the facts, without a reason",
    message: (p) =>
      `The balancing test for ${ofInterest(p)} concludes that the interest prevails, but the facts recorded weigh against it (${p.against} against ${p.for}: ${factorList(p)}).`,
    fix: () =>
      "Write why you conclude otherwise (who, when and on what grounds); it is kept with the assessment and shown in every document.",
  },
  LIA_ONLY_BASELINE_SAFEGUARDS: {
    title: "Only baseline safeguards",
    message: (p) =>
      `Every safeguard for ${ofInterest(p)} is something the law already requires (minimisation, retention limits, security, transparency); only measures beyond these can weigh in the balance.`,
    fix: (p) =>
      p.curable === "yes"
        ? "Add measures beyond the law's requirements that offset what weighs against the interest, such as an unconditional opt-out, pseudonymisation or aggregation beyond what the purpose needs, or independent oversight."
        : "Nothing recorded weighs against the interest that a safeguard could offset; check the balance holds without additional measures.",
  },
  LIA_EXPECTATIONS_NOT_MET: {
    title: "People would not expect this",
    message: (p) =>
      `People would not reasonably expect the processing for ${ofInterest(p)}; this weighs heavily against the interest in the balance, and mentioning it in a privacy notice does not by itself make it expected.`,
    fix: () =>
      "Narrow the processing to what people in this relationship and context would expect, or reconsider relying on legitimate interests.",
  },
  LIA_HIGH_IMPACT: {
    title: "High impact on the people concerned",
    message: (p) =>
      `The balancing test for ${ofInterest(p)} records a high, or severe and probable, impact; it is weighed in the balance.`,
    fix: () =>
      "Reduce the impact or its likelihood, record how, and consider a data protection impact assessment.",
  },
  LIA_CHILDREN_NOT_ADDRESSED: {
    title: "Children not addressed in the balance",
    message: (p) =>
      `Children are among the people concerned, but the balancing test for ${ofInterest(p)} does not say how they are protected.`,
    fix: () =>
      "Record the measures that protect children (no profiling, age assurance, high-privacy defaults…) or that they are excluded.",
  },
  LIA_NO_OBJECTION_ROUTE: {
    title: "No route to object",
    message: () => "The LIA does not say how a person can object to the processing.",
    fix: () => "Describe how people object and how quickly you answer.",
  },
  LIA_CONCLUSION_MISSING: {
    title: "Conclusion not recorded",
    message: () => "The LIA does not record who reached the conclusion and when.",
    fix: () => "Record who decided and on which date.",
  },
  LIA_AFTER_PROCESSING_START: {
    title: "Assessed after the processing began",
    message: (p) =>
      `The assessment (${p.assessedOn}) is dated after the processing started (${p.startsOn}); an LIA should be made before processing begins.`,
    fix: () =>
      "Record why the assessment came late, and make future assessments before processing starts.",
  },
  RLI_NOT_AVAILABLE: {
    title: "Recognised legitimate interest not available",
    message: (p) =>
      `${purpose(p)} relies on a recognised legitimate interest, which exists only under the UK GDPR from 5 February 2026.`,
    fix: () => "Rely on legitimate interests with a full LIA, or another basis.",
  },
  RLI_PUBLIC_AUTHORITY: {
    title: "Public authority relying on a recognised legitimate interest",
    message: (p) =>
      `${purpose(p)}: a public authority cannot rely on a recognised legitimate interest for processing in the performance of its tasks.`,
    fix: () =>
      "Rely on public task, or confirm that the processing is genuinely outside the authority's tasks.",
  },
  RLI_CONDITION_MISSING: {
    title: "No Annex 1 condition",
    message: (p) =>
      `${purpose(p)} relies on a recognised legitimate interest without naming the Annex 1 condition.`,
    fix: () => "Pick the Annex 1 condition that applies.",
  },
  RLI_NO_BALANCING: {
    title: "No balancing test needed",
    message: (p) =>
      `${purpose(p)} relies on a recognised legitimate interest: necessity must be shown, but no balancing test is required.`,
    fix: () => "No action needed; keep the necessity assessment up to date.",
  },
  CONSENT_CHECKLIST_INCOMPLETE: {
    title: "Consent checklist incomplete",
    message: (p) =>
      `${purpose(p)} relies on consent but not every condition of valid consent is answered (${p.elements}).`,
    fix: () =>
      "Answer each consent condition: freely given, specific, informed, unambiguous, withdrawable.",
  },
  CONSENT_CONDITION_NOT_MET: {
    title: "Consent not valid",
    message: (p) =>
      `${purpose(p)} relies on consent that is not ${p.elements}; such consent is not valid.`,
    fix: () =>
      "Fix how consent is asked and recorded before relying on it; data collected on invalid consent cannot be moved to another basis.",
  },
  CONSENT_INVALID_ON_FACTS: {
    title: "Consent not valid as it is asked",
    message: (p) => {
      const why = String(p.reasons)
        .split(", ")
        .map((r) =>
          r === "presumed-not-given"
            ? "it is presumed (a pre-ticked box or continued use) rather than given by an act of the person"
            : r === "bundled"
              ? "it is bundled with the terms or other matters instead of being asked separately"
              : "refusing costs the person the service or another detriment",
        )
        .join("; ");
      return `${purpose(p)} relies on consent that is not valid as asked: ${why}.`;
    },
    fix: () =>
      "Ask separately, by an act of the person (an empty box they tick), with no detriment for refusing; data collected on the invalid consent cannot be moved to another basis.",
  },
  CONSENT_POWER_IMBALANCE: {
    title: "Consent under an imbalance of power",
    message: (p) =>
      `${purpose(p)} relies on consent from people in a weaker position (staff, a public authority's public, or vulnerable people); such consent is rarely freely given.`,
    fix: () => "Show that refusing has no detriment, or choose another basis before starting.",
  },
  ART9_CONSENT_IMBALANCE: {
    title: "Explicit consent where the controller holds power",
    message: (p) =>
      `${purpose(p)} relies on explicit consent for special-category data from people over whom the controller holds power (${p.reason === "employer" ? "its staff or applicants" : "a public authority's public"}); such consent is not freely given.`,
    fix: () =>
      "Do not rely on consent here: use a condition the law provides (for staff, Art. 9(2)(b) with the national law), or do not process this data.",
  },
  SPECIAL_CATEGORY_NO_CONDITION: {
    title: "Special-category data without an Art. 9 condition",
    message: (p) =>
      `${purpose(p)} uses special-category data (${p.categories}) without an Art. 9(2) condition; processing it is prohibited unless one applies.`,
    fix: () =>
      "Record the Art. 9(2) condition that applies, with why. If none applies, the processing cannot go ahead: stop using this data for this purpose.",
  },
  ART9_NO_CONDITION_POSSIBLE: {
    title: "No Art. 9 condition can apply",
    message: (p) =>
      `${purpose(p)} uses special-category data (${p.categories}) for a purpose of this kind (${p.category}), for which only explicit consent could lift the ban, and the purpose does not rest on consent.`,
    fix: () =>
      "Do not use this data for this purpose, or ask for explicit consent before any processing; the ban cannot be lifted after the fact.",
  },
  ART9_CONDITION_NOT_APPLICABLE: {
    title: "The Art. 9 condition recorded cannot apply",
    message: (p) =>
      `${purpose(p)} relies on Art. 9(2)(${p.condition}), which cannot apply here: ${ART9_REASONS[String(p.reason)]?.(p) ?? "its requirements are not met"}.`,
    fix: () =>
      "Rely on a condition that fits the facts. If none does, the processing of this data cannot go ahead.",
  },
  ART9_E_SOURCE_UNKNOWN: {
    title: "Not shown that the people made the data public",
    message: (p) =>
      `${purpose(p)} relies on Art. 9(2)(e), but it is not recorded where this data (${p.categories}) comes from; the condition covers only data the people deliberately made public themselves.`,
    fix: () =>
      "Record the source of each category. Data you observe, infer, combine or compute is never made public by the person.",
  },
  SPECIAL_CATEGORY_EXPLICIT_CONSENT: {
    title: "Explicit consent not confirmed",
    message: (p) =>
      `${purpose(p)} relies on Art. 9(2)(a) but the consent is not recorded as explicit.`,
    fix: () =>
      "Obtain an express statement of consent naming the kind of data, then confirm it here.",
  },
  UK_SCHEDULE1_MISSING: {
    title: "No DPA 2018 Schedule 1 condition",
    message: (p) =>
      `${purpose(p)}: under the UK GDPR, condition ${p.condition} also needs a condition in Schedule 1 to the DPA 2018.`,
    fix: () => "Pick the Schedule 1 condition that applies.",
  },
  UK_SCHEDULE1_UNKNOWN: {
    title: "Unknown Schedule 1 condition",
    message: (p) =>
      `${purpose(p)} names a Schedule 1 condition Basis does not know (${p.schedule1}).`,
    fix: () => "Pick a condition from Schedule 1.",
  },
  UK_SCHEDULE1_WRONG_PART: {
    title: "Schedule 1 condition from the wrong Part",
    message: (p) =>
      `${purpose(p)}: Art. 9(2)(${p.condition}) needs a condition in Part ${p.part} of DPA 2018 Schedule 1, but the one recorded is in another Part.`,
    fix: (p) => `Pick a condition from Part ${p.part} of Schedule 1.`,
  },
  UK_POLICY_DOCUMENT_MISSING: {
    title: "No appropriate policy document",
    message: (p) =>
      `${purpose(p)}: the Schedule 1 condition relied on requires an appropriate policy document, which is not confirmed.`,
    fix: () => "Put the appropriate policy document in place, then confirm it here.",
  },
  CRIMINAL_DATA_NO_AUTHORITY: {
    title: "Criminal-offence data without authority",
    message: (p) =>
      `${purpose(p)} uses criminal-offence data without official authority or a law that authorises it.`,
    fix: () =>
      "Record the official authority or the law that authorises it (UK: the Schedule 1 condition). Without one, the processing cannot go ahead.",
  },
  CHILDREN_PROFILED_FOR_MARKETING: {
    title: "Children profiled for marketing",
    message: (p) =>
      `${purpose(p)} profiles people for marketing or behavioural advertising, and children are among them (${p.group}); children's data is not to be used that way.`,
    fix: () =>
      "Exclude children from the profiling (age assurance, no profiling below 18), or stop profiling for marketing.",
  },
  CHILD_NO_PARENTAL_AUTHORISATION: {
    title: "Children below the age of digital consent, without a parent",
    message: (p) =>
      `${purpose(p)} offers an online service to children under ${p.age} (${p.ageSource}) on ${p.basis}, and no parent gives or authorises consent; the processing of their data has no valid basis.`,
    fix: () =>
      "Keep children below the age off the service (effective age assurance), or obtain and verify a parent's consent before processing their data.",
  },
  CHILD_ISS_UNANSWERED: {
    title: "Children's consent not assessed",
    message: (p) =>
      `${purpose(p)} relies on consent and children are among the people concerned, but it is not recorded whether an online service is offered to them directly.`,
    fix: () =>
      "Say whether an online service is offered to children directly and, where it is, how parental consent is obtained.",
  },
  CHILD_CONSENT_NO_PARENTAL: {
    title: "No parental consent for a child",
    message: (p) =>
      `${purpose(p)}: children under ${p.age} (${p.ageSource}) cannot consent to an online service themselves, and parental consent is not recorded.`,
    fix: () =>
      "Obtain consent from the holder of parental responsibility, make reasonable efforts to verify it (Art. 8(2)), and record how.",
  },
  EPRIVACY_TERMINAL_ACCESS: {
    title: "Device storage or access without consent",
    message: (p) =>
      `${purpose(p)} stores or reads information on people's devices (${p.technologies}) without consent, and it is not strictly necessary for the service they asked for.`,
    fix: () =>
      "Ask for consent before the access, or change the design so nothing is stored on or read from the device; an exemption applies only where the law of each country concerned provides one and its conditions are met.",
  },
  EPRIVACY_EXEMPTION_CLAIMED: {
    title: "Exemption from device-access consent claimed",
    message: (p) =>
      `${purpose(p)} relies on an exemption from consent for device access. The ePrivacy Directive itself knows only transmission and strict necessity; other exemptions are national and have strict conditions.`,
    fix: () =>
      "Check each condition of the exemption in every country concerned, record the evidence, and ask for consent where a condition is not met.",
  },
  UK_PECR_EXEMPTION_MET: {
    title: "UK device-access exemption",
    message: (p) =>
      `${purpose(p)} uses an exemption in PECR reg. 6 as amended from 5 February 2026 (statistics to improve the service, or appearance and functionality), with clear information and a simple way to object.`,
    fix: () => "Keep the information and the way to object in place.",
  },
  PECR_MARKETING_NO_CONSENT: {
    title: "Email or SMS marketing without consent or soft opt-in",
    message: (p) =>
      `${purpose(p)} sends marketing by email or SMS to individuals without consent or a valid soft opt-in.`,
    fix: () =>
      "Obtain consent, or meet every soft opt-in condition (details obtained in a sale or negotiation, similar products, an opt-out at collection and in every message).",
  },
  PECR_MARKETING_UNANSWERED: {
    title: "Email or SMS marketing route not recorded",
    message: (p) =>
      `${purpose(p)} sends marketing by email or SMS but does not record whether it rests on consent or the soft opt-in.`,
    fix: () => "Record the route and, for the soft opt-in, answer each of its conditions.",
  },
  SOFT_OPT_IN_NO_SEPARATE_BASIS: {
    title: "Soft opt-in: no separate basis needed",
    message: (p) =>
      `${purpose(p)} meets every condition of the soft opt-in; where it does, no separate Art. 6 basis is needed for sending the marketing (C-654/23 Inteligo Media).`,
    fix: () => "No action needed; keep the opt-out in every message.",
  },
  CHARITY_SOFT_OPT_IN_INVALID: {
    title: "Charity soft opt-in not available",
    message: (p) =>
      `${purpose(p)} relies on the charity soft opt-in, which ${
        p.reason === "not-uk"
          ? "exists only in UK law"
          : p.reason === "not-in-force"
            ? `applies only from ${p.from}`
            : p.reason === "not-a-charity"
              ? "only a charity can use"
              : "needs every condition met: support given or interest shown, charitable purposes only, an opt-out at collection and in every message"
      }.`,
    fix: () => "Obtain consent, or meet each condition of the charity soft opt-in.",
  },
  EPRIVACY_CORPORATE_MARKETING: {
    title: "Email marketing to businesses",
    message: (p) =>
      `${purpose(p)} sends marketing by email or SMS to businesses; the ePrivacy Directive leaves them to national law, and several member states require consent for them too.`,
    fix: () =>
      "Check the rules of each member state you send to, and record the consent where it is required.",
  },
  MARKETING_CHANNELS_UNANSWERED: {
    title: "Marketing channels not recorded",
    message: (p) =>
      `${purpose(p)} is direct marketing, but the channels (email, SMS, phone, post, advertising) are not recorded, so which rules apply cannot be told.`,
    fix: () => "Record each channel used and who receives the marketing.",
  },
  AUTOMATED_CALLS_NO_CONSENT: {
    title: "Automated calls or fax without consent",
    message: (p) =>
      `${purpose(p)} markets by automated calls or fax without prior consent, which they always need.`,
    fix: () => "Obtain prior consent, or stop using automated calls and fax.",
  },
  PHONE_MARKETING_NO_CONSENT: {
    title: "Marketing calls without the consent national law requires",
    message: (p) =>
      `${purpose(p)} makes marketing calls to individuals in ${p.country}, where the law requires their prior consent.`,
    fix: () =>
      "Call only people who have consented (or existing customers where the national law allows), and record the consent.",
  },
  PHONE_MARKETING_NOT_SCREENED: {
    title: "Marketing calls not screened against the opt-out register",
    message: (p) =>
      `${purpose(p)} makes marketing calls to individuals in ${p.country}, where people can opt out through a national register, but calls are not recorded as screened against it.`,
    fix: () =>
      "Screen every number against the national register before calling, and keep your own list of people who objected.",
  },
  PHONE_MARKETING_LAW_UNKNOWN: {
    title: "Check the national rules on marketing calls",
    message: (p) =>
      `${purpose(p)} makes marketing calls to individuals${p.country ? ` in ${p.country}` : ""}; each member state chooses between consent and an opt-out register, and Basis has no entry for this country.`,
    fix: () => "Check the national law and record whether consent or screening is needed.",
  },
  ADVERTISING_TRACKING_UNRECORDED: {
    title: "Targeted advertising without its device access recorded",
    message: (p) =>
      `${purpose(p)} targets display or social-media advertising on people's behaviour, which reads from their devices, but the device access is not recorded.`,
    fix: () =>
      "Record how the device is accessed (cookies, pixels, fingerprinting…) and the consent obtained for it.",
  },
  ADM_NO_EXCEPTION: {
    title: "Solely automated decision without a lawful ground",
    message: (p) =>
      `The solely automated decision "${p.decision}" has legal or similarly significant effects but does not meet the grounds the law allows (${p.allowed}).`,
    fix: () =>
      "Record the ground relied on (and the Art. 9(2) condition where special-category data is used), or add meaningful human involvement so the decision is no longer solely automated.",
  },
  ADM_ON_RECOGNISED_INTEREST: {
    title: "Automated decision on a recognised legitimate interest",
    message: (p) =>
      `The solely automated decision "${p.decision}" would rest on a recognised legitimate interest, which the UK GDPR does not allow for significant decisions.`,
    fix: () => "Choose another basis for the decision, or add meaningful human involvement.",
  },
  ADM_SAFEGUARDS_MISSING: {
    title: "Automated decision without safeguards",
    message: (p) =>
      `The solely automated decision "${p.decision}" has no safeguards recorded; the law requires them.`,
    fix: () =>
      "Tell people about the decision, let them make representations, obtain human intervention and contest the decision, and record these safeguards.",
  },
  DPIA_LIKELY: {
    title: "DPIA likely to be required",
    message: (p) =>
      `${p.count} criteria for a DPIA apply (${p.indicators}); a data protection impact assessment is likely to be required before the processing.`,
    fix: () => "Carry out a DPIA before the processing and record it as completed.",
  },
  DPIA_REQUIRED: {
    title: "DPIA required",
    message: (p) =>
      `The processing is of a kind that needs a data protection impact assessment (Art. 35(3) or the national list; criteria: ${p.indicators}).`,
    fix: () => "Carry out the DPIA before the processing and record it as completed.",
  },
  DPIA_MISSING_AFTER_START: {
    title: "Processing started without its DPIA",
    message: (p) =>
      `The processing started on ${p.startsOn}, but the DPIA it calls for (criteria: ${p.indicators}) is not completed; a DPIA must come before the processing.`,
    fix: () =>
      "Complete the DPIA now, consult the supervisory authority if high risk remains, and consider pausing the processing until then.",
  },
  DPIA_PRIOR_CONSULTATION: {
    title: "High risk remains: consult the supervisory authority",
    message: () =>
      "The DPIA leaves a high risk after its measures; the supervisory authority must be consulted before the processing starts (Art. 36).",
    fix: () =>
      "Reduce the risk further, or consult the authority and record the date and its answer.",
  },
  DPIA_DESCRIPTION_MISSING: {
    title: "DPIA: processing not described",
    message: (p) =>
      `The DPIA does not describe the processing systematically (missing: ${p.missing}).`,
    fix: () =>
      "Describe how the data is collected, used, stored and deleted, its scope and the context; start from the activity record.",
  },
  DPIA_NECESSITY_MISSING: {
    title: "DPIA: necessity and proportionality not assessed",
    message: () =>
      "The DPIA does not assess whether the processing is necessary and proportionate.",
    fix: () =>
      "Rely on the LIA's necessity and balancing in this assessment, or write the assessment.",
  },
  DPIA_CORE_RISK_MISSING: {
    title: "DPIA: a feared event is not assessed",
    message: (p) =>
      `The DPIA does not assess every feared event: ${p.kinds} (illegitimate access, unwanted modification and disappearance of the data are always assessed).`,
    fix: () =>
      "Add each missing risk, with its likelihood and severity before and after the measures.",
  },
  DPIA_RISK_UNRATED: {
    title: "DPIA: risk not rated",
    message: (p) => `The risk "${p.risk}" is not rated both before and after its measures.`,
    fix: () => "Rate its likelihood and severity before the measures and with them in place.",
  },
  DPIA_MEASURE_UNKNOWN: {
    title: "DPIA: unknown measure",
    message: (p) => `The risk "${p.risk}" names a measure the DPIA does not list (${p.measure}).`,
    fix: () => "Pick a measure from the action plan, or add it there.",
  },
  DPIA_LIA_IMPACT_NOT_CARRIED: {
    title: "DPIA: an impact from the LIA is not assessed as a risk",
    message: (p) =>
      `The LIA records a significant impact ("${p.impact}") that the DPIA does not assess as a risk to people.`,
    fix: () =>
      "Add it to the DPIA's risks with its likelihood and severity before and after the measures.",
  },
  DPIA_ACTION_PLAN_INCOMPLETE: {
    title: "DPIA: measure without an owner or a date",
    message: (p) => `The measure "${p.measure}" has no owner or no due date.`,
    fix: () => "Give each measure that is not done an owner and a due date.",
  },
  DPIA_MEASURE_OVERDUE: {
    title: "DPIA: measure overdue",
    message: (p) =>
      `The measure "${p.measure}" was due on ${p.due} (owner: ${p.owner}) and is not done.`,
    fix: () => "Complete the measure, or set a new date and reassess the risks it addresses.",
  },
  DPIA_DPO_ADVICE_MISSING: {
    title: "DPIA: DPO's advice not recorded",
    message: () =>
      "The controller has a DPO, but the DPO's advice on the DPIA is not recorded (Art. 35(2)).",
    fix: () => "Ask the DPO for advice and record it, with who gave it and when.",
  },
  DPIA_DPO_ADVICE_NOT_FOLLOWED: {
    title: "DPIA: DPO's advice not followed, without a reason",
    message: () => "The DPO's advice is recorded as not followed, and no reason is given.",
    fix: () => "Record why the advice was not followed.",
  },
  DPIA_VIEWS_NOT_ADDRESSED: {
    title: "DPIA: people's views not addressed",
    message: (p) =>
      p.sought === "yes"
        ? "The views of the people concerned were sought, but what they said is not recorded."
        : "The DPIA does not record the views of the people concerned or their representatives, nor why they were not sought (Art. 35(9)).",
    fix: () =>
      "Record the views gathered and how they were taken into account, or why seeking them was not appropriate.",
  },
  DPIA_CONCLUSION_MISSING: {
    title: "DPIA: conclusion not recorded",
    message: () => "The DPIA does not record who concluded it and when.",
    fix: () => "Record the conclusion with who decided and on which date.",
  },
  TRANSFER_NO_MECHANISM: {
    title: "International transfer without a safeguard",
    message: (p) => `The transfer to ${p.destination} has no Chapter V mechanism.`,
    fix: () =>
      "Rely on adequacy (UK: data-protection test regulations), standard contractual clauses (UK: the IDTA or the UK Addendum to the EU clauses), binding corporate rules or another safeguard, and record it.",
  },
  TRANSFER_DEROGATION: {
    title: "Transfer on a derogation",
    message: (p) =>
      `The transfer to ${p.destination} relies on an Art. 49 derogation, which suits only occasional transfers.`,
    fix: () => "Use an Art. 46 safeguard if the transfers are regular.",
  },
  REPRESENTATIVE_MISSING: {
    title: "No representative in the EU/UK",
    message: () =>
      "The controller has no establishment here but offers goods or services to people here, or monitors them, so the GDPR applies (Art. 3(2)); no representative is named.",
    fix: () => "Designate a representative (Art. 27) and record who it is.",
  },
  JOINT_CONTROLLER_NO_ARRANGEMENT: {
    title: "Joint controllers without an arrangement",
    message: (p) =>
      `${p.controller} is a joint controller, but no arrangement sets out who does what (Art. 26).`,
    fix: () =>
      "Agree an arrangement on each controller's responsibilities, make its essence available to people, and record it.",
  },
  JOINT_CONTROLLER_NO_INTEREST: {
    title: "Joint controller without its own interest",
    message: (p) =>
      `${purpose(p)} relies on legitimate interests, but the interest of joint controller ${p.controller} is not recorded; each joint controller needs a legitimate interest of its own (C-40/17 Fashion ID).`,
    fix: () => "Record the joint controller's own legitimate interest.",
  },
  INDIRECT_COLLECTION_NOT_INFORMED: {
    title: "People not told about data obtained from others",
    message: () =>
      "Some data is obtained from others, and it is not recorded that the people are given the Art. 14 information (within a month at the latest).",
    fix: () => "Tell the people concerned, or record why an Art. 14(5) exception applies.",
  },
  NATIONAL_ID_CONDITIONS: {
    title: "National identification numbers",
    message: (p) =>
      `National identification numbers are processed (${p.data}); member states may set specific conditions for them (Art. 87).`,
    fix: () => "Check and record the national conditions that apply.",
  },
  NOTICE_CONTRADICTED: {
    title: "The processing contradicts what people were told",
    message: (p) =>
      `For ${ofInterest(p)}, what people were told rules this use out; processing against that promise is unfair and weighs heavily in the balance.`,
    fix: () =>
      "Keep the promise for data collected under it. For new data, change the notice first and only then process.",
  },
  FURTHER_PROCESSING_NO_TEST: {
    title: "New purpose without a compatibility test",
    message: (p) =>
      `${purpose(p)} uses data first collected for another purpose ("${p.original}") without a completed compatibility test.`,
    fix: () =>
      "Assess the link between the purposes, the context, the nature of the data, the consequences and the safeguards, and record the conclusion (UK: or the Annex 2 purpose that applies).",
  },
  FURTHER_PROCESSING_INCOMPATIBLE: {
    title: "New purpose incompatible with the original one",
    message: (p) =>
      `${purpose(p)} uses data collected for "${p.original}" for a purpose found incompatible with it.`,
    fix: () =>
      "Do not reuse the data for this purpose; ask for consent or collect the data afresh for it.",
  },
  EMPLOYEE_REPRESENTATION_UNANSWERED: {
    title: "Employee representatives not recorded",
    message: () =>
      "Staff data is processed, but it is not recorded whether employee representatives (a works council) were consulted or agreed.",
    fix: () =>
      "Record the agreement or consultation, or that there is no such body; an agreement does not make the processing lawful by itself.",
  },
  EMPLOYEE_LAW_NOT_NAMED: {
    title: "National employment-data law not named",
    message: () =>
      "Staff data is processed, and member states may lay down specific rules for it (Art. 88); none is named.",
    fix: () => "Name the national law that governs this employee data.",
  },
  UK_JUDGED_ON_EU_GDPR: {
    title: "Judged under the EU GDPR",
    message: (p) =>
      `The assessment is dated ${p.assessedOn}, before the UK GDPR took over on 1 January 2021, so it is judged on the EU GDPR as it applied in the UK then.`,
    fix: () => "Reassess under the UK GDPR to rely on it today.",
  },
  RETENTION_NOT_A_PERIOD: {
    title: "Retention without an end",
    message: (p) =>
      p.noEnd === "yes"
        ? `The retention ("${p.retention}") sets no end; data may not be kept longer than the purpose needs.`
        : `The retention ("${p.retention}") states no period or maximum.`,
    fix: () =>
      "State a period, or a rule with a maximum (for example: until the account closes, and at most 3 years).",
  },
  RETENTION_BEYOND_NORM: {
    title: "Kept far longer than such a purpose usually needs",
    message: (p) =>
      `Data is kept for ${p.days} days, far beyond the ${p.norm} days regulators consider enough for a purpose like "${p.purpose}"; this weighs in any balancing test.`,
    fix: () =>
      "Shorten the retention, or record why this purpose needs it (a law or a limitation period).",
  },
  FIELD_RETENTION_NOT_A_PERIOD: {
    title: "Field kept without an end",
    message: (p) =>
      `Field "${p.field}" is kept "${p.retention}", which ${p.noEnd === "yes" ? "sets no end" : "states no period or maximum"}.`,
    fix: () => "State how long the field is kept, as a period or a rule with a maximum.",
  },
  FIELD_NO_PURPOSE: {
    title: "Field without a purpose",
    message: (p) => `Field "${p.field}" in the minimisation specification has no purpose.`,
    fix: () => "State what the field is for, or remove it.",
  },
  FIELD_NO_RETENTION: {
    title: "Field without a retention period",
    message: (p) => `Field "${p.field}" in the minimisation specification has no retention period.`,
    fix: () => "State how long the field is kept (and the number of days, for checking data).",
  },
  FIELD_PROHIBITED_IN_SPEC: {
    title: "Prohibited field in the specification",
    message: (p) => `Field "${p.field}" is both allowed and prohibited.`,
    fix: () => "Remove it from one of the two lists; adding it needs an updated LIA.",
  },
  LIA_INTEREST_UNUSED: {
    title: "Interest not relied on",
    message: (p) =>
      `${interest(p)} is in the LIA but no purpose relies on it, so it is not assessed.`,
    fix: () => "Link it from a purpose's basis decision, or remove it if it was set aside.",
  },
  SPECIAL_CATEGORY_LAW_NOT_NAMED: {
    title: "Law behind the Art. 9 condition not named",
    message: (p) =>
      `${purpose(p)} relies on Art. 9(2)(${p.condition}), which rests on Union or member-state law, but names no such law.`,
    fix: () => "Name the law that provides for the processing.",
  },
  ACTIVITY_NO_RETENTION: {
    title: "No retention period",
    message: () => "The activity states no retention period and has no field-level specification.",
    fix: () => "State how long the data is kept, for the activity or per field.",
  },
  REVIEW_OVERDUE: {
    title: "Review overdue",
    message: (p) => `The review was due on ${p.due}.`,
    fix: () => "Review the assessment, record the review, and set the next review date.",
  },
  REVIEW_DUE_SOON: {
    title: "Review due soon",
    message: (p) => `The review falls due on ${p.due}.`,
    fix: () => "Plan the review.",
  },
  UNKNOWN_REFERENCE: {
    title: "Unknown reference",
    message: (p) => `Reference "${p.ref}" is not in the knowledge base.`,
    fix: () => "Cite a reference from the knowledge base, or correct the spelling.",
  },
};

/** Findings raised by screening questionnaires (their codes live in the questionnaire data). */
export const enScreening: Record<string, MessageEntry> = {
  SCREENING_SPECIAL_DATA: {
    title: "Special-category or criminal-offence data",
    message: () =>
      "The screening says special-category or criminal-offence data is involved; legitimate interests alone cannot cover it.",
    fix: () =>
      "Record an Art. 9(2) condition or Art. 10 authority (UK: with the Schedule 1 condition) before relying on the result; if none applies, the processing cannot go ahead.",
  },
};

/** Sentences for a finding: what is wrong and how to resolve it. */
export function describeFinding(f: { code: string; params: P }): {
  title: string;
  message: string;
  fix: string;
} {
  const entry = (en as Record<string, MessageEntry | undefined>)[f.code] ?? enScreening[f.code];
  if (!entry) return { title: f.code, message: f.code, fix: "" };
  return { title: entry.title, message: entry.message(f.params), fix: entry.fix(f.params) };
}

/** How each balancing factor reads in a table row: the fact, as it weighs. */
export const FACTOR_LABELS: Readonly<Record<FactorId, string>> = {
  "special-category-data": "Special-category data",
  "criminal-offence-data": "Criminal-offence data",
  children: "Children are among the people concerned",
  "vulnerable-people": "Vulnerable people are concerned",
  "financial-data": "Financial data",
  "location-data": "Location data",
  "communications-data": "Communications data",
  "national-id": "National identification numbers",
  "inferred-characteristics": "Characteristics are inferred about people",
  "no-relationship": "People have no relationship with the controller",
  "indirect-collection": "Data obtained from others, not from the people",
  "not-told-at-collection": "People were not told of this use when their data was collected",
  "notice-contradicts": "What people were told rules this use out",
  unexpected: "People would not reasonably expect it",
  "likely-to-object": "People are likely to object",
  "not-happy-to-explain": "The controller would not be comfortable explaining it",
  "further-processing": "Data reused for a purpose not shown compatible",
  impact: "Impact on the people",
  scale: "Scale",
  profiling: "Profiling",
  "combining-sources": "Data combined from several sources",
  "cross-site-tracking": "Tracking across other sites or apps",
  "cross-device-tracking": "Tracking across devices",
  "behavioural-advertising": "Behavioural advertising",
  "employee-monitoring": "Systematic monitoring of staff",
  "public-space-monitoring": "Monitoring of public or shared spaces",
  "covert-monitoring": "Covert monitoring",
  "new-technology": "New or innovative technology",
  "sharing-with-third-parties": "Disclosed to others for their own purposes",
  "sale-of-data": "The data is sold",
  "automated-decisions": "Solely automated decisions with significant effects",
  "power-imbalance": "Imbalance of power",
  retention: "Kept longer than the purpose needs",
  "dpia-high-risk": "The DPIA found high risk remaining",
  "children-profiled-for-marketing": "Children profiled for marketing",
  "interest-exists": "A lawful interest is pursued",
  "recognised-interest": "An interest the law recognises",
  "benefits-people": "The processing benefits the people concerned",
  "public-interest": "A wider public benefit",
  "cost-of-not-pursuing": "Serious consequences if not pursued",
};

/** A factor as a line of a weighing table: what it is, with the recorded detail. */
export function describeFactor(f: Pick<WeighingFactor, "factor" | "params">): string {
  const label = FACTOR_LABELS[f.factor] ?? f.factor;
  const p = f.params;
  if (p.data) return `${label}: ${p.data}`;
  if (p.group)
    return `${label}: ${p.group}${p.youngest !== undefined ? ` (from age ${p.youngest})` : ""}`;
  if (f.factor === "impact" && p.impact) return `${label}: ${p.impact}`;
  if (f.factor === "scale" && p.count !== undefined) return `${label}: about ${p.count} people`;
  if (f.factor === "retention" && p.days !== undefined)
    return `${label}: ${p.days} days against a norm of ${p.norm}`;
  if (f.factor === "power-imbalance" && p.reason)
    return `${label}: ${p.reason === "employer" ? "employer and staff" : p.reason === "dominant" ? "a dominant position" : "a public authority"}`;
  if (f.factor === "employee-monitoring" && p.granularity) return `${label}: ${p.granularity}`;
  if (f.factor === "further-processing" && p.original)
    return `${label} (first collected for: ${p.original})`;
  return label;
}

/** The measures that protect children in a balancing test, in words. */
export const CHILD_MEASURE_LABELS = {
  "children-excluded": "children are excluded",
  "no-profiling": "no profiling of children",
  "no-marketing-to-children": "no marketing to children",
  "age-assurance": "age assurance",
  "high-privacy-by-default": "high privacy by default",
  "child-friendly-information": "information written for children",
  "parental-involvement": "parents involved",
  "minimised-data-for-children": "less data collected about children",
  "no-precise-location": "no precise location",
} as const satisfies Record<ChildMeasure, string>;

/** What offsets a factor in words: the safeguard as recorded, or a measure protecting children. */
export function describeOffset(o: WeighingFactor["offsetBy"][number]): string {
  return o.childMeasure === undefined
    ? o.safeguard
    : `Measure protecting children: ${CHILD_MEASURE_LABELS[o.childMeasure]}`;
}

/** A "what would change it" entry in words. */
export function describeChange(c: TraceChange): string {
  switch (c.kind) {
    case "resolve":
      return `Resolve: ${c.codes.map((code) => describeFinding({ code, params: {} }).title).join(", ")}`;
    case "resolve-all":
      return "Resolve all of these";
    case "factor":
      return `If this no longer applied: ${c.factor ? (FACTOR_LABELS[c.factor] ?? c.factor) : c.change}`;
    case "balance-margin":
      return `If facts weighing ${c.margin} more against the interest were recorded`;
    default:
      return c.change.charAt(0).toUpperCase() + c.change.slice(1);
  }
}
