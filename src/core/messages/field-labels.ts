/**
 * @module core/messages/field-labels
 * Words for a place in an assessment. Findings, comments and the editor address a value by
 * its path (`decisions[0].basis`, `lia.balancing[1].safeguards`, or the editor's
 * `lia.interests.0.title`); people read "Basis decision for purpose 'Fraud detection' — lawful
 * basis". Given the assessment, items of a list are named by what they are about (the
 * purpose, the interest, the field); without it, by their number. Pure: no I/O, so documents,
 * the server and the browser all say the same thing.
 */
import type { Assessment } from "../schema/index.ts";

/** One step of a path: a property name or a position in a list. */
type Segment = string | number;

/** Labels of properties, by their place in the model (list positions written as `[]`). */
const LABELS: Readonly<Record<string, string>> = {
  title: "title",
  version: "version",
  status: "status",
  template: "template",
  assessedOn: "assessment date",
  author: "author",
  notes: "notes",
  organisation: "Controller",
  "organisation.name": "name",
  "organisation.address": "address",
  "organisation.dpoContact": "DPO contact",
  "organisation.jurisdiction": "jurisdiction",
  "organisation.country": "country of main establishment",
  "organisation.publicAuthority": "public authority",
  activity: "Processing activity",
  "activity.name": "name",
  "activity.description": "description",
  "activity.purposes": "purposes",
  "activity.purposes[].description": "description",
  "activity.dataCategories": "data categories",
  "activity.dataCategories[].name": "name",
  "activity.dataCategories[].specialCategory": "special category",
  "activity.dataCategories[].criminalOffence": "criminal-offence data",
  "activity.dataCategories[].nature": "what the data is",
  "activity.dataCategories[].source": "where it comes from",
  "activity.dataCategories[].sourceRetentionDays": "how long its source keeps it",
  "activity.dataCategories[].purposes": "purposes using it",
  "activity.dataSubjects": "data subjects",
  "activity.dataSubjects[].name": "name",
  "activity.dataSubjects[].children": "includes children",
  "activity.dataSubjects[].youngestAge": "youngest age",
  "activity.dataSubjects[].vulnerable": "vulnerable people",
  "activity.dataSubjects[].countries": "countries reached",
  "activity.recipients": "recipients",
  "activity.transfers": "international transfers",
  "activity.transfers[].destination": "destination",
  "activity.transfers[].recipient": "recipient",
  "activity.transfers[].mechanism": "Chapter V safeguard",
  "activity.transfers[].details": "details",
  "activity.retention": "retention",
  "activity.securityMeasures": "security measures",
  "activity.systems": "systems",
  "activity.volume": "volume",
  "activity.classification": "data classification",
  "activity.startsOn": "start of the processing",
  "activity.dpiaIndicators": "DPIA indicators",
  "activity.dpia": "DPIA",
  "activity.dpia.status": "status",
  "activity.dpia.reference": "reference",
  "activity.dpia.completedOn": "completion date",
  "activity.automatedDecisions": "automated decisions",
  "activity.automatedDecisions[].description": "description",
  "activity.automatedDecisions[].solelyAutomated": "solely automated",
  "activity.automatedDecisions[].legalOrSimilarEffect": "legal or similarly significant effect",
  "activity.automatedDecisions[].exception": "Art. 22(2) exception",
  "activity.automatedDecisions[].safeguards": "safeguards",
  decisions: "Basis decisions",
  "decisions[].purpose": "purpose",
  "decisions[].basis": "lawful basis",
  "decisions[].justification": "justification",
  "decisions[].alternatives": "alternative bases considered",
  "decisions[].alternatives[].basis": "basis",
  "decisions[].alternatives[].rejectedBecause": "why rejected",
  "decisions[].necessity": "necessity",
  "decisions[].necessity.necessary": "necessary",
  "decisions[].necessity.explanation": "explanation",
  "decisions[].interests": "interests relied on",
  "decisions[].recognisedInterest": "recognised legitimate interest (Annex 1 condition)",
  "decisions[].previousBasis": "previous basis",
  "decisions[].previousBasis.basis": "basis",
  "decisions[].previousBasis.until": "relied on until",
  "decisions[].previousBasis.reason": "reason for the change",
  "decisions[].outsidePublicTasks": "outside the authority's public tasks",
  "decisions[].directMarketing": "direct marketing",
  "decisions[].specialCategory": "Art. 9(2) condition",
  "decisions[].specialCategory.condition": "condition",
  "decisions[].specialCategory.justification": "justification",
  "decisions[].specialCategory.memberStateLaw": "law relied on",
  "decisions[].specialCategory.schedule1": "DPA 2018 Schedule 1 condition",
  "decisions[].specialCategory.schedule1.condition": "paragraph",
  "decisions[].specialCategory.schedule1.appropriatePolicyDocument": "appropriate policy document",
  "decisions[].criminalOffence": "Art. 10 authority",
  "decisions[].criminalOffence.officialAuthority": "under official authority",
  "decisions[].criminalOffence.legalAuthorisation": "legal authorisation",
  "decisions[].criminalOffence.schedule1": "DPA 2018 Schedule 1 condition",
  "decisions[].criminalOffence.schedule1.condition": "paragraph",
  "decisions[].criminalOffence.schedule1.appropriatePolicyDocument": "appropriate policy document",
  "decisions[].criminalOffence.safeguards": "safeguards",
  "decisions[].children": "children's consent (Art. 8)",
  "decisions[].children.informationSocietyService": "online service offered directly to a child",
  "decisions[].children.parentalConsent": "parental consent",
  "decisions[].children.ageVerification": "age verification",
  "decisions[].children.parentalConsentMechanism": "parental consent mechanism",
  "decisions[].consent": "consent checklist",
  "decisions[].consent.freelyGiven": "freely given",
  "decisions[].consent.specific": "specific",
  "decisions[].consent.informed": "informed",
  "decisions[].consent.unambiguous": "unambiguous",
  "decisions[].consent.withdrawable": "withdrawable",
  "decisions[].consent.explicit": "explicit",
  "decisions[].consent.mechanism": "how consent is asked, recorded and withdrawn",
  "decisions[].terminalAccess": "cookies and device access (ePrivacy)",
  "decisions[].terminalAccess.technologies": "technologies",
  "decisions[].terminalAccess.strictlyNecessary": "strictly necessary",
  "decisions[].terminalAccess.consent": "consent obtained",
  "decisions[].terminalAccess.exemption": "exemption relied on",
  "decisions[].electronicMarketing": "electronic marketing",
  "decisions[].electronicMarketing.channels": "channels",
  "decisions[].electronicMarketing.recipients": "recipients",
  "decisions[].electronicMarketing.route": "route",
  "decisions[].electronicMarketing.softOptIn": "soft opt-in",
  "decisions[].electronicMarketing.softOptIn.existingCustomer": "existing customer",
  "decisions[].electronicMarketing.softOptIn.similarProducts": "similar products",
  "decisions[].electronicMarketing.softOptIn.optOutAtCollection": "opt-out at collection",
  "decisions[].electronicMarketing.softOptIn.optOutInEveryMessage": "opt-out in every message",
  lia: "LIA",
  "lia.interests": "interests",
  "lia.interests[].id": "identifier",
  "lia.interests[].title": "title",
  "lia.interests[].description": "description",
  "lia.interests[].benefits": "benefits",
  "lia.interests[].beneficiaries": "who benefits",
  "lia.interests[].kind": "kind of interest",
  "lia.interests[].recognisedBy": "recognised by",
  "lia.interests[].checks": "legitimacy checks",
  "lia.interests[].checks.lawful": "lawful",
  "lia.interests[].checks.specific": "specific and clearly articulated",
  "lia.interests[].checks.realAndPresent": "real and present",
  "lia.interests[].statedInPrivacyNotice": "stated in the privacy notice",
  "lia.necessity": "necessity tests",
  "lia.necessity[].interest": "interest",
  "lia.necessity[].processing": "processing",
  "lia.necessity[].whyNecessary": "why the processing is necessary",
  "lia.necessity[].alternatives": "less intrusive alternatives",
  "lia.necessity[].alternatives[].alternative": "alternative",
  "lia.necessity[].alternatives[].assessment": "assessment",
  "lia.necessity[].alternatives[].rejectedBecause": "why rejected",
  "lia.necessity[].alternatives[].evidence": "evidence",
  "lia.necessity[].minimisation": "minimisation measures",
  "lia.necessity[].necessary": "conclusion",
  "lia.balancing": "balancing tests",
  "lia.balancing[].interest": "interest",
  "lia.balancing[].natureOfData": "nature of the data",
  "lia.balancing[].natureOfData[].element": "data element",
  "lia.balancing[].natureOfData[].assessment": "assessment",
  "lia.balancing[].natureOfData[].sensitivity": "sensitivity",
  "lia.balancing[].reasonableExpectations": "reasonable expectations",
  "lia.balancing[].reasonableExpectations.relationship": "relationship",
  "lia.balancing[].reasonableExpectations.whatTheyWereTold": "what people were told",
  "lia.balancing[].reasonableExpectations.context": "context",
  "lia.balancing[].reasonableExpectations.expected": "whether people would expect it",
  "lia.balancing[].impacts": "impacts",
  "lia.balancing[].impacts[].kind": "kind",
  "lia.balancing[].impacts[].description": "description",
  "lia.balancing[].impacts[].likelihood": "likelihood",
  "lia.balancing[].impacts[].severity": "severity",
  "lia.balancing[].safeguards": "safeguards",
  "lia.balancing[].safeguards[].measure": "measure",
  "lia.balancing[].safeguards[].implementation": "implementation",
  "lia.balancing[].safeguards[].kind": "baseline or additional",
  "lia.balancing[].optOut": "opt-out",
  "lia.balancing[].optOut.available": "available",
  "lia.balancing[].optOut.route": "route",
  "lia.balancing[].optOut.reason": "reason",
  "lia.balancing[].childrenConsidered": "how children are protected",
  "lia.balancing[].interestWeight": "weight of the interest",
  "lia.balancing[].impactLevel": "impact on people",
  "lia.balancing[].overridden": "whether people's interests override it",
  "lia.balancing[].reasoning": "reasoning",
  "lia.minimisation": "data-minimisation specification",
  "lia.minimisation.fields": "fields",
  "lia.minimisation.fields[].name": "name",
  "lia.minimisation.fields[].type": "type",
  "lia.minimisation.fields[].purpose": "purpose",
  "lia.minimisation.fields[].retention": "retention",
  "lia.minimisation.fields[].retentionDays": "retention in days",
  "lia.minimisation.fields[].transformation": "transformation",
  "lia.minimisation.fields[].notes": "notes",
  "lia.minimisation.prohibited": "prohibited fields",
  "lia.minimisation.prohibited[].name": "name",
  "lia.minimisation.prohibited[].reason": "reason",
  "lia.minimisation.rule": "rule for adding fields",
  "lia.objection": "right to object",
  "lia.objection.route": "how to object",
  "lia.objection.responseDays": "response time",
  "lia.objection.outcomeIfUpheld": "what happens when an objection is upheld",
  "lia.conclusion": "conclusion",
  "lia.conclusion.summary": "summary",
  "lia.conclusion.conditions": "conditions",
  "lia.conclusion.decidedBy": "decided by",
  "lia.conclusion.decidedOn": "decided on",
  review: "Review",
  "review.cadenceMonths": "cadence",
  "review.nextReview": "next review date",
  "review.owner": "owner",
  "review.triggers": "triggers for an early review",
  "review.history": "review history",
  "review.history[].date": "date",
  "review.history[].by": "by",
  "review.history[].summary": "summary",
  signOff: "Sign-off",
  "signOff.required": "required approvers",
  "signOff.records": "decisions",
  "signOff.records[].role": "role",
  "signOff.records[].name": "name",
  "signOff.records[].decision": "decision",
  "signOff.records[].date": "date",
  "signOff.records[].comment": "comment",
  history: "Version history",
  "history[].version": "version",
  "history[].date": "date",
  "history[].changes": "changes",
  "history[].author": "author",
  screening: "Screening",
  "screening.answers": "answers",
  "screening.assessor": "screened by",
  "screening.date": "date",
};

/** Split `a.b[2].c` or `a.b.2.c` into segments; numbers become positions. */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.split(".")) {
    if (part === "") continue;
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      out.push(part);
      continue;
    }
    const [, name = "", indices = ""] = match;
    if (name !== "") out.push(/^\d+$/.test(name) ? Number(name) : name);
    for (const i of indices.matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/** `nextReview` -> `next review`, for a property the table does not know. */
function humanise(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .toLowerCase();
}

/** A long sentence cut at a word boundary, for naming a thing by its text. */
export function shorten(text: string, max = 60): string {
  const one = text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.;:]+$/, "");
  if (one.length <= max) return one;
  const cut = one.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:]+$/, "")}…`;
}

function quoted(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : `'${shorten(text)}'`;
}

function interestTitle(a: Assessment | undefined, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  return a?.lia?.interests.find((i) => i.id === id)?.title;
}

function purposeText(a: Assessment | undefined, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  return a?.activity.purposes.find((p) => p.id === id)?.description;
}

/**
 * How to name the item at `index` of the list at `pattern` (e.g. `decisions`), given the
 * assessment: "Basis decision for purpose '…'". Lists not named here are numbered.
 */
function itemName(pattern: string, index: number, a: Assessment | undefined): string {
  const n = index + 1;
  const named = (noun: string, name: string | undefined, fallback = `${noun} ${n}`) =>
    name === undefined ? fallback : `${noun} ${name}`;
  switch (pattern) {
    case "decisions": {
      const purpose = quoted(purposeText(a, a?.decisions[index]?.purpose));
      return purpose === undefined
        ? `Basis decision ${n}`
        : `Basis decision for purpose ${purpose}`;
    }
    case "activity.purposes":
      return named("Purpose", quoted(a?.activity.purposes[index]?.description));
    case "activity.dataCategories":
      return named("Data category", quoted(a?.activity.dataCategories[index]?.name));
    case "activity.dataSubjects":
      return named("Data subjects", quoted(a?.activity.dataSubjects[index]?.name));
    case "activity.transfers":
      return named(
        "Transfer to",
        quoted(a?.activity.transfers?.[index]?.destination),
        `International transfer ${n}`,
      );
    case "activity.automatedDecisions":
      return named(
        "Automated decision",
        quoted(a?.activity.automatedDecisions?.[index]?.description),
      );
    case "lia.interests":
      return named("Interest", quoted(a?.lia?.interests[index]?.title));
    case "lia.necessity":
      return named(
        "Necessity test for",
        quoted(interestTitle(a, a?.lia?.necessity?.[index]?.interest)),
        `Necessity test ${n}`,
      );
    case "lia.balancing":
      return named(
        "Balancing test for",
        quoted(interestTitle(a, a?.lia?.balancing?.[index]?.interest)),
        `Balancing test ${n}`,
      );
    case "lia.minimisation.fields":
      return named(
        "Field",
        quoted(a?.lia?.minimisation?.fields[index]?.name),
        `Specified field ${n}`,
      );
    case "lia.minimisation.prohibited":
      return named("Prohibited field", quoted(a?.lia?.minimisation?.prohibited?.[index]?.name));
    case "history":
      return named("Version", a?.history?.[index]?.version, `Version history entry ${n}`);
    default:
      return `no. ${n}`;
  }
}

/**
 * Words for a path into an assessment, e.g. `decisions[0].basis` -> "Basis decision for
 * purpose 'Fraud detection' — lawful basis". With no assessment, list items are numbered
 * ("Basis decision 1 — lawful basis"). An empty path names the assessment as a whole. Never
 * returns brackets, dots between names or raw identifiers.
 */
export function fieldLabel(path: string, assessment?: Assessment): string {
  const segments = pathSegments(path);
  if (segments.length === 0) return "The assessment as a whole";
  const parts: string[] = [];
  let pattern = "";
  for (const segment of segments) {
    if (typeof segment === "number") {
      const name = itemName(pattern, segment, assessment);
      // A named item replaces the list's own label ("Basis decisions" -> "Basis decision for …");
      // a numbered one is added to it ("alternatives considered, no. 2").
      const list = parts.pop();
      if (name.startsWith("no. ")) parts.push(list === undefined ? name : `${list}, ${name}`);
      else parts.push(name);
      pattern = `${pattern}[]`;
      continue;
    }
    pattern = pattern === "" ? segment : `${pattern}.${segment}`;
    parts.push(LABELS[pattern] ?? humanise(segment));
  }
  const [first = "", ...rest] = parts;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(" — ");
}

/** The first names of paths into an assessment, as sentences may mention them. */
const ROOTS = new Set(
  Object.keys(LABELS)
    .filter((k) => !/[.[]/.test(k))
    .filter((k) => k !== "title" && k !== "version" && k !== "status" && k !== "notes"),
);

// `organisation.name`, `lia.balancing[0].safeguards`, `decisions[2]`: a name followed by at
// least one `.name` or `[n]`.
const PATH_IN_TEXT = /\b([a-z][A-Za-z]*)((?:\[\d+\]|\.[A-Za-z][A-Za-z0-9]*)+)/g;

/**
 * A sentence with every path into the assessment it mentions (`Set organisation.name to …`)
 * put in words ("Set Controller — name to …"). Only paths that start at a part of the
 * assessment are touched, so "e.g." or a web address stays as written.
 */
export function replaceFieldPaths(text: string, assessment?: Assessment): string {
  return text.replace(PATH_IN_TEXT, (whole, root: string, rest: string, offset: number) => {
    const before = text[offset - 1];
    if (before !== undefined && /[\w/@.:-]/.test(before)) return whole;
    if (ROOTS.has(root)) return `"${fieldLabel(root + rest, assessment)}"`;
    const relative = relativeLabel(root + rest);
    return relative === undefined ? whole : `"${relative}"`;
  });
}

/**
 * Words for a path given relative to some part of the assessment (`necessity.necessary`, as a
 * sentence about one basis decision says it), when exactly that tail is known.
 */
function relativeLabel(path: string): string | undefined {
  const tail = pathSegments(path)
    .map((s) => (typeof s === "number" ? "[]" : s))
    .join(".")
    .replace(/\.\[\]/g, "[]");
  const full = Object.keys(LABELS).find((k) => k.endsWith(`.${tail}`) || k.endsWith(`]${tail}`));
  if (full === undefined) return undefined;
  const base = full.slice(0, full.length - tail.length);
  const parts: string[] = [];
  let pattern = base.replace(/\.$/, "");
  for (const segment of pathSegments(path)) {
    if (typeof segment === "number") {
      pattern = `${pattern}[]`;
      continue;
    }
    pattern = pattern === "" ? segment : `${pattern}.${segment}`;
    parts.push(LABELS[pattern] ?? humanise(segment));
  }
  return parts.join(" — ");
}
