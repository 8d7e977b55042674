/**
 * @module core/messages/en
 * The English message catalogue: for each finding code, the sentence that says what is wrong
 * and the one that says how to resolve it. Rules never hold words; translations add a file
 * with the same keys.
 */
import type { RuleCode } from "../rules/registry.ts";

type P = Record<string, string | number>;
export interface MessageEntry {
  title: string;
  message: (p: P) => string;
  fix: (p: P) => string;
}

const purpose = (p: P) => (p.purpose ? `Purpose "${p.purpose}"` : "This purpose");
const interest = (p: P) => `Interest "${p.interest}"`;

export const en: Record<RuleCode, MessageEntry> = {
  ORGANISATION_NAME_MISSING: {
    title: "Controller not named",
    message: () => "The organisation acting as controller is not named.",
    fix: () => "Set organisation.name to the controller's legal name.",
  },
  ASSESSMENT_DATE_MISSING: {
    title: "Assessment date missing",
    message: () =>
      "The assessment has no date, so nobody can show it was made before the processing began.",
    fix: () => "Set assessedOn to the date the assessment was carried out (YYYY-MM-DD).",
  },
  PURPOSE_WITHOUT_DECISION: {
    title: "Purpose without a lawful basis",
    message: (p) =>
      `${purpose(p)} has no basis decision; every purpose needs its own Art. 6 basis.`,
    fix: (p) => `Add an entry to decisions with purpose: ${p.purpose} and the basis chosen.`,
  },
  DECISION_UNKNOWN_PURPOSE: {
    title: "Decision for an unknown purpose",
    message: (p) =>
      `A basis decision names purpose "${p.purpose}", which the activity does not list.`,
    fix: () => "Add the purpose to activity.purposes or correct the purpose id in the decision.",
  },
  BASIS_MISSING: {
    title: "No basis chosen",
    message: (p) => `${purpose(p)} has no lawful basis chosen.`,
    fix: () => "Choose one of the Art. 6(1) bases for this purpose.",
  },
  BASIS_NOT_JUSTIFIED: {
    title: "Basis not justified",
    message: (p) => `${purpose(p)} relies on ${p.basis} without saying why that basis fits.`,
    fix: () => "Write a justification explaining why this basis applies to this purpose.",
  },
  BASIS_NO_ALTERNATIVES: {
    title: "No alternative bases recorded",
    message: (p) =>
      `${purpose(p)} does not record which other bases were considered and why they were rejected.`,
    fix: () => "List the alternatives considered, each with the reason it was rejected.",
  },
  BASIS_NECESSITY_MISSING: {
    title: "Necessity not assessed",
    message: (p) =>
      `${purpose(p)} relies on ${p.basis}, which applies only where the processing is necessary, but necessity is not answered.`,
    fix: () =>
      "Answer necessity.necessary and explain why the processing is necessary, not merely useful.",
  },
  BASIS_NOT_NECESSARY: {
    title: "Processing not necessary",
    message: (p) =>
      `${purpose(p)}: the processing is recorded as not necessary, so ${p.basis} cannot be relied on.`,
    fix: () =>
      "Change the processing so that it is necessary, or choose consent if it can be freely given.",
  },
  BASIS_SWITCHED_FROM_CONSENT: {
    title: "Basis switched away from consent",
    message: (p) =>
      `${purpose(p)} used to rely on consent and now relies on ${p.basis}; a controller cannot move to another basis after the fact, for instance when consent is withdrawn.`,
    fix: () =>
      "Keep to consent and honour withdrawals, or stop the processing and start afresh on a basis chosen and communicated before it begins.",
  },
  LI_WITHOUT_LIA: {
    title: "Legitimate interests without an LIA",
    message: (p) =>
      `${purpose(p)} relies on legitimate interests but is not linked to a Legitimate Interests Assessment.`,
    fix: () =>
      "Complete the LIA and list the interests this purpose relies on in the decision's interests.",
  },
  LI_INTEREST_UNKNOWN: {
    title: "Unknown interest",
    message: (p) => `"${p.interest}" is named but the LIA has no interest with that id.`,
    fix: () => "Add the interest to lia.interests or correct the id.",
  },
  LI_PUBLIC_AUTHORITY: {
    title: "Public authority relying on legitimate interests",
    message: (p) =>
      `${purpose(p)}: a public authority cannot rely on legitimate interests for processing in the performance of its tasks.`,
    fix: () =>
      "Use public task or legal obligation, or set outsidePublicTasks: true if this processing is genuinely outside the authority's tasks.",
  },
  DIRECT_MARKETING_NO_OPT_OUT: {
    title: "Direct marketing without an unconditional opt-out",
    message: (p) =>
      `${purpose(p)} is direct marketing; an objection to it must always be honoured, but no opt-out is recorded.`,
    fix: () =>
      "Record an opt-out route (optOut.available: true) in the balancing of the interests this purpose relies on.",
  },
  UK_LI_NAMED_EXAMPLE: {
    title: "A purpose the UK GDPR names as possibly legitimate",
    message: (p) =>
      `${purpose(p)} is of a kind the UK GDPR names as one that may be a legitimate interest (direct marketing, intra-group administration, network and information security); the balancing test still applies.`,
    fix: () => "No action needed beyond completing the balancing test.",
  },
  LIA_INTEREST_CHECK_MISSING: {
    title: "Interest not tested",
    message: (p) => `${interest(p)} has unanswered purpose-test checks: ${p.checks}.`,
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
    fix: () => "State the interest in the privacy notice, then set statedInPrivacyNotice: true.",
  },
  LIA_NECESSITY_MISSING: {
    title: "Necessity test missing",
    message: (p) => `${interest(p)} has no necessity test.`,
    fix: (p) => `Add a lia.necessity entry for interest ${p.interest}.`,
  },
  LIA_NECESSITY_NO_ALTERNATIVES: {
    title: "No less intrusive alternative considered",
    message: (p) => `The necessity test for ${p.interest} considers no less intrusive alternative.`,
    fix: () =>
      "List the alternatives considered (less data, aggregation, no processing…) and why each would not work as well.",
  },
  LIA_NECESSITY_UNANSWERED: {
    title: "Necessity not concluded",
    message: (p) => `The necessity test for ${p.interest} has no conclusion.`,
    fix: () => "Answer necessary: true or false.",
  },
  LIA_NOT_NECESSARY: {
    title: "Processing not necessary for the interest",
    message: (p) =>
      `The processing is recorded as not necessary for ${p.interest}; legitimate interests cannot be relied on.`,
    fix: () => "Adopt the less intrusive means, or reduce the processing until it is necessary.",
  },
  LIA_BALANCING_MISSING: {
    title: "Balancing test missing",
    message: (p) => `${interest(p)} has no balancing test.`,
    fix: (p) => `Add a lia.balancing entry for interest ${p.interest}.`,
  },
  LIA_BALANCING_NO_NATURE_OF_DATA: {
    title: "Nature of the data not assessed",
    message: (p) => `The balancing test for ${p.interest} does not assess the nature of the data.`,
    fix: () => "List each data element with how sensitive it is.",
  },
  LIA_BALANCING_NO_EXPECTATIONS: {
    title: "Reasonable expectations not assessed",
    message: (p) =>
      `The balancing test for ${p.interest} does not assess what people would reasonably expect.`,
    fix: () =>
      "Describe the relationship, what people were told and the context, and whether they would expect this processing.",
  },
  LIA_BALANCING_NO_IMPACT: {
    title: "Impact not assessed",
    message: (p) =>
      `The balancing test for ${p.interest} does not assess the impact on the people concerned.`,
    fix: () => "List the possible impacts with their likelihood and severity.",
  },
  LIA_BALANCING_NO_SAFEGUARDS: {
    title: "No safeguards",
    message: (p) => `The balancing test for ${p.interest} lists no safeguards.`,
    fix: () => "List the safeguards, marking which go beyond what the law already requires.",
  },
  LIA_BALANCING_UNANSWERED: {
    title: "Balance not concluded",
    message: (p) =>
      `The balancing test for ${p.interest} does not conclude whether people's interests override it.`,
    fix: () => "Answer overridden: true or false, with the reasoning.",
  },
  LIA_BALANCING_OVERRIDDEN: {
    title: "Interests of the people concerned prevail",
    message: (p) =>
      `The balancing test for ${p.interest} concludes that the people's interests or rights override it; legitimate interests cannot be relied on.`,
    fix: () =>
      "Add safeguards that go beyond the law's baseline and reassess; another basis can only be chosen before the processing starts, not to rescue running processing.",
  },
  LIA_ONLY_BASELINE_SAFEGUARDS: {
    title: "Only baseline safeguards",
    message: (p) =>
      `Every safeguard for ${p.interest} is something the law already requires (minimisation, retention limits, security, transparency); only measures beyond these can weigh in the balance.`,
    fix: () =>
      "Add measures that go beyond the law's requirements, such as an unconditional opt-out, pseudonymisation or aggregation beyond what the purpose needs, or independent oversight, or check that the balance holds without them.",
  },
  LIA_EXPECTATIONS_NOT_MET: {
    title: "People would not expect this",
    message: (p) =>
      `People would not reasonably expect the processing for ${p.interest}; unexpected processing weighs heavily against the interest, and mentioning it in a privacy notice does not by itself make it expected.`,
    fix: () =>
      "Narrow the processing to what people in this relationship and context would expect, or reconsider relying on legitimate interests.",
  },
  LIA_HIGH_IMPACT: {
    title: "High impact on the people concerned",
    message: (p) =>
      `The balancing test for ${p.interest} records a high or severe and probable impact yet concludes that the interest prevails.`,
    fix: () => "Check the balance again, record the reasoning, and consider a DPIA.",
  },
  LIA_CHILDREN_NOT_ADDRESSED: {
    title: "Children not addressed in the balance",
    message: (p) =>
      `Children are among the people concerned, but the balancing test for ${p.interest} does not say how their interests are protected.`,
    fix: () =>
      "Describe in childrenConsidered how the balance gives children's interests particular weight.",
  },
  LIA_NO_OBJECTION_ROUTE: {
    title: "No route to object",
    message: () => "The LIA does not say how a person can object to the processing.",
    fix: () => "Describe the objection route in lia.objection.route and the response time.",
  },
  LIA_CONCLUSION_MISSING: {
    title: "Conclusion not recorded",
    message: (p) => `The LIA does not record who reached the conclusion and when (${p.missing}).`,
    fix: () => "Set lia.conclusion.decidedBy and lia.conclusion.decidedOn.",
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
      `${purpose(p)} relies on a recognised legitimate interest, which exists only under the UK GDPR from 5 February 2026 (profile ${p.jurisdiction}, date ${p.today}).`,
    fix: () => "Choose legitimate interests with a full LIA, or another basis.",
  },
  RLI_PUBLIC_AUTHORITY: {
    title: "Public authority relying on a recognised legitimate interest",
    message: (p) =>
      `${purpose(p)}: a public authority cannot rely on a recognised legitimate interest for processing in the performance of its tasks.`,
    fix: () =>
      "Use public task, or set outsidePublicTasks: true if the processing is genuinely outside the authority's tasks.",
  },
  RLI_CONDITION_MISSING: {
    title: "No Annex 1 condition",
    message: (p) =>
      `${purpose(p)} relies on a recognised legitimate interest without naming the Annex 1 condition.`,
    fix: () => "Set recognisedInterest to the Annex 1 condition that applies.",
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
      `${purpose(p)} relies on consent but these conditions are not answered: ${p.elements}.`,
    fix: () =>
      "Answer each consent condition: freely given, specific, informed, unambiguous, withdrawable.",
  },
  CONSENT_CONDITION_NOT_MET: {
    title: "Consent not valid",
    message: (p) =>
      `${purpose(p)} relies on consent that is not ${p.elements}; such consent is not valid.`,
    fix: () =>
      "Fix how consent is asked and recorded, or choose another basis before processing starts.",
  },
  CONSENT_POWER_IMBALANCE: {
    title: "Consent under an imbalance of power",
    message: (p) =>
      `${purpose(p)} relies on consent from people in a weaker position (a public authority's public, or vulnerable people); such consent is rarely freely given.`,
    fix: () => "Show why refusing has no detriment, or choose another basis.",
  },
  SPECIAL_CATEGORY_NO_CONDITION: {
    title: "Special-category data without an Art. 9 condition",
    message: (p) =>
      `${purpose(p)} uses special-category data (${p.categories}) without an Art. 9(2) condition.`,
    fix: () =>
      "Record the Art. 9(2) condition in the decision's specialCategory, with its justification.",
  },
  SPECIAL_CATEGORY_EXPLICIT_CONSENT: {
    title: "Explicit consent not confirmed",
    message: (p) =>
      `${purpose(p)} relies on Art. 9(2)(a) but the consent is not recorded as explicit.`,
    fix: () =>
      "Obtain an express statement of consent naming the kind of data, then set consent.explicit: true.",
  },
  UK_SCHEDULE1_MISSING: {
    title: "No DPA 2018 Schedule 1 condition",
    message: (p) =>
      `${purpose(p)}: under the UK GDPR, condition ${p.condition} also needs a condition in Schedule 1 to the DPA 2018.`,
    fix: () => "Record the Schedule 1 condition in schedule1.condition.",
  },
  UK_SCHEDULE1_UNKNOWN: {
    title: "Unknown Schedule 1 condition",
    message: (p) =>
      `${purpose(p)} names Schedule 1 condition "${p.schedule1}", which Basis does not know.`,
    fix: () => "Use a Schedule 1 id such as sch1-para-1 (see the references).",
  },
  UK_POLICY_DOCUMENT_MISSING: {
    title: "No appropriate policy document",
    message: (p) =>
      `${purpose(p)}: Schedule 1 condition ${p.schedule1} requires an appropriate policy document, which is not confirmed.`,
    fix: () =>
      "Put the appropriate policy document in place, then set appropriatePolicyDocument: true.",
  },
  CRIMINAL_DATA_NO_AUTHORITY: {
    title: "Criminal-offence data without authority",
    message: (p) =>
      `${purpose(p)} uses criminal-offence data without official authority or a law that authorises it.`,
    fix: () =>
      "Record the official authority or the law (UK: the Schedule 1 condition) under criminalOffence.",
  },
  CHILD_ISS_UNANSWERED: {
    title: "Children's consent not assessed",
    message: (p) =>
      `${purpose(p)} relies on consent and children are among the people concerned, but it is not recorded whether an online service is offered to them directly.`,
    fix: () =>
      "Answer children.informationSocietyService and, where it is, how parental consent is obtained.",
  },
  CHILD_CONSENT_NO_PARENTAL: {
    title: "No parental consent for a child",
    message: (p) =>
      `${purpose(p)}: children under ${p.age} (${p.ageSource}) cannot consent to an online service themselves, and parental consent is not recorded.`,
    fix: () =>
      "Obtain consent from the holder of parental responsibility, make reasonable efforts to verify it (Art. 8(2)), record how in parentalConsentMechanism, then set parentalConsent: true.",
  },
  EPRIVACY_TERMINAL_ACCESS: {
    title: "Device storage or access without consent",
    message: (p) =>
      `${purpose(p)} stores or reads information on the user's device (${p.technologies}) without consent, and it is not strictly necessary for the service the user asked for.`,
    fix: () =>
      "Ask for consent before the access, or change the design so nothing is stored on or read from the device; an exemption applies only where the law of each country concerned provides one.",
  },
  EPRIVACY_EXEMPTION_CLAIMED: {
    title: "Exemption from device-access consent claimed",
    message: (p) =>
      `${purpose(p)} relies on an exemption from consent for device access. The ePrivacy Directive itself knows only transmission and strict necessity; other exemptions are national (e.g. the CNIL's audience-measurement conditions, the UK's reformed PECR reg. 6) and have strict conditions.`,
    fix: () =>
      "Check each condition of the exemption in every country concerned, record the evidence, and ask for consent where a condition is not met.",
  },
  PECR_MARKETING_NO_CONSENT: {
    title: "Electronic marketing without consent or soft opt-in",
    message: (p) =>
      `${purpose(p)} sends electronic marketing to individuals without consent or a valid soft opt-in.`,
    fix: () =>
      "Obtain consent, or meet every soft opt-in condition (existing customer, similar products, opt-out at collection and in every message).",
  },
  PECR_MARKETING_UNANSWERED: {
    title: "Electronic marketing route not recorded",
    message: (p) =>
      `${purpose(p)} sends electronic marketing but does not record whether it rests on consent or the soft opt-in.`,
    fix: () =>
      "Set electronicMarketing.route, and for the soft opt-in answer each of its conditions.",
  },
  ADM_NO_EXCEPTION: {
    title: "Solely automated decision without a lawful ground",
    message: (p) =>
      `The solely automated decision "${p.decision}" has legal or similarly significant effects but does not meet the grounds the law allows (${p.allowed}).`,
    fix: () =>
      "Record the ground relied on (and the Art. 9(2) condition where special-category data is used), or add meaningful human involvement so the decision is no longer solely automated.",
  },
  ADM_SAFEGUARDS_MISSING: {
    title: "Automated decision without safeguards",
    message: (p) =>
      `The solely automated decision "${p.decision}" has no safeguards recorded; the law requires them.`,
    fix: () =>
      "Tell people about the decision, let them make representations, obtain human intervention and contest the decision, and record these safeguards.",
  },
  DPIA_MISSING_AFTER_START: {
    title: "Processing started without its DPIA",
    message: (p) =>
      `The processing started on ${p.startsOn}, but the DPIA it calls for (criteria: ${p.indicators}) is not completed; a DPIA must come before the processing.`,
    fix: () =>
      "Complete the DPIA now, consult the supervisory authority if high risk remains, and record it in activity.dpia; consider pausing the processing until then.",
  },
  DPIA_LIKELY: {
    title: "DPIA required",
    message: (p) =>
      p.mandatory === "yes"
        ? `Automated decisions with legal or similar effects are involved (criteria: ${p.indicators}); a data protection impact assessment is required before the processing (Art. 35(3)(a)).`
        : `${p.count} DPIA criteria apply (${p.indicators}); a data protection impact assessment is likely to be required before the processing.`,
    fix: () => "Carry out a DPIA and set activity.dpia.status: completed with its reference.",
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
  FIELD_NO_PURPOSE: {
    title: "Field without a purpose",
    message: (p) => `Field "${p.field}" in the minimisation specification has no purpose.`,
    fix: () => "State what the field is for, or remove it.",
  },
  FIELD_NO_RETENTION: {
    title: "Field without a retention period",
    message: (p) => `Field "${p.field}" in the minimisation specification has no retention period.`,
    fix: () => "State how long the field is kept (retention, and retentionDays for checking).",
  },
  FIELD_PROHIBITED_IN_SPEC: {
    title: "Prohibited field in the specification",
    message: (p) => `Field "${p.field}" is both allowed and prohibited.`,
    fix: () => "Remove it from one of the two lists; adding it needs an updated LIA.",
  },
  LIA_INTEREST_UNUSED: {
    title: "Interest not relied on",
    message: (p) =>
      `Interest "${p.interest}" is in the LIA but no purpose relies on it, so it is not assessed.`,
    fix: () => "Link it from a decision's interests, or remove it if it was set aside.",
  },
  SPECIAL_CATEGORY_LAW_NOT_NAMED: {
    title: "Law behind the Art. 9 condition not named",
    message: (p) =>
      `${purpose(p)} relies on Art. 9(2)(${p.condition}), which rests on Union or member-state law, but names no such law.`,
    fix: () => "Name the law that provides for the processing in specialCategory.memberStateLaw.",
  },
  UK_SCHEDULE1_WRONG_PART: {
    title: "Schedule 1 condition from the wrong Part",
    message: (p) =>
      `${purpose(p)}: Art. 9(2)(${p.condition}) needs a condition in Part ${p.part} of DPA 2018 Schedule 1, but ${p.schedule1} is in another Part.`,
    fix: (p) => `Choose a Part ${p.part} condition (see basis references uk-dpa-2018-sch1).`,
  },
  ADM_ON_RECOGNISED_INTEREST: {
    title: "Automated decision on a recognised legitimate interest",
    message: (p) =>
      `The solely automated decision "${p.decision}" would rest on a recognised legitimate interest, which the UK GDPR does not allow for significant decisions.`,
    fix: () => "Choose another basis for the decision, or add meaningful human involvement.",
  },
  EPRIVACY_CORPORATE_MARKETING: {
    title: "Electronic marketing to businesses",
    message: (p) =>
      `${purpose(p)} sends electronic marketing to corporate subscribers; the ePrivacy Directive leaves them to national law, and several member states require consent for them too.`,
    fix: () =>
      "Check the rules of each member state you send to, and record the consent where it is required.",
  },
  ACTIVITY_NO_RETENTION: {
    title: "No retention period",
    message: () => "The activity states no retention period and has no field-level specification.",
    fix: () =>
      "State how long the data is kept in activity.retention, or per field in the minimisation specification.",
  },
  REVIEW_OVERDUE: {
    title: "Review overdue",
    message: (p) => `The review was due on ${p.due}.`,
    fix: () => "Review the assessment, record it in review.history, and set the next review date.",
  },
  REVIEW_DUE_SOON: {
    title: "Review due soon",
    message: (p) => `The review falls due on ${p.due}.`,
    fix: () => "Plan the review.",
  },
  UNKNOWN_REFERENCE: {
    title: "Unknown reference",
    message: (p) => `Reference "${p.ref}" is not in the knowledge base.`,
    fix: () => "Cite a reference id from `basis references`, or correct the spelling.",
  },
};

/** Findings raised by screening questionnaires (their codes live in the questionnaire data). */
export const enScreening: Record<string, MessageEntry> = {
  SCREENING_SPECIAL_DATA: {
    title: "Special-category or criminal-offence data",
    message: () =>
      "The screening says special-category or criminal-offence data is involved; legitimate interests alone cannot cover it.",
    fix: () =>
      "Record an Art. 9(2) condition or Art. 10 authority (UK: with the Schedule 1 condition) before relying on the result.",
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
