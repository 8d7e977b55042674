/**
 * @module render/lawful-basis-activity
 * One processing activity in the lawful-basis assessment: its attributes table, then for each
 * purpose the basis chosen, the justification, the alternatives rejected, the necessity answer
 * and, where they apply, the Art. 9 / Art. 10 / Art. 8 sections, the consent checklist and the
 * ePrivacy layer; and the activity's row(s) of the summary table.
 */
import { ageOfDigitalConsent } from "../core/law/art8-ages.ts";
import type { Evaluation } from "../core/rules/types.ts";
import type { Assessment, BasisDecision } from "../core/schema/index.ts";
import {
  ARTICLE9_LABELS,
  MARKETING_CHANNEL_LABELS,
  MARKETING_ROUTE_LABELS,
  RECOGNISED_INTEREST_LABELS,
  TERMINAL_TECHNOLOGY_LABELS,
  TRANSFER_MECHANISM_LABELS,
} from "./basis-labels.ts";
import { joinOr, LI_BASES, NOT_RECORDED } from "./document-context.ts";
import {
  BASIS_LABELS,
  BASIS_REFERENCES,
  OUTCOME_LABELS,
  SPECIAL_CATEGORY_LABELS,
  yesNo,
} from "./labels.ts";
import type { Block } from "./model.ts";
import { heading, keyValue, note, paragraph, richParagraph, table } from "./model.ts";

type Activity = Assessment["activity"];

/** Where the activity's LIA is annexed, and how to cite a reference. */
export interface ActivityOptions {
  annex?: string | undefined;
  cite?: (id: string) => string;
}

/** The section for one activity, numbered `number` (e.g. "2.3"). */
export function activitySection(
  a: Assessment,
  evaluation: Evaluation,
  number: string,
  options: ActivityOptions = {},
): Block[] {
  const cite = options.cite ?? ((id: string) => id);
  const blocks: Block[] = [
    heading(3, `${number} ${a.activity.name}`),
    table(["Attribute", "Value"], attributes(a.activity)),
  ];
  const several = a.activity.purposes.length > 1;
  for (const purpose of a.activity.purposes) {
    const decision = a.decisions.find((d) => d.purpose === purpose.id);
    blocks.push(
      heading(4, several ? `Lawful basis: ${purpose.description}` : "Lawful basis selection"),
    );
    if (!decision) {
      blocks.push(note("blocker", "No lawful basis has been decided for this purpose."));
      continue;
    }
    blocks.push(...decisionBlocks(a, decision, evaluation, options.annex, cite));
  }
  const counts = { blocker: 0, warning: 0, info: 0 };
  for (const f of evaluation.findings) counts[f.severity]++;
  blocks.push(
    keyValue([
      ["Outcome", OUTCOME_LABELS[evaluation.outcome]],
      [
        "Open findings",
        `${plural(counts.blocker, "blocker")}, ${plural(counts.warning, "warning")}, ${counts.info} for information (listed in section 9)`,
      ],
    ]),
  );
  if (a.notes !== undefined)
    blocks.push(richParagraph({ text: "Notes: ", bold: true }, { text: a.notes }));
  return blocks;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function attributes(activity: Activity): string[][] {
  const special = activity.dataCategories.filter((c) => c.specialCategory !== undefined);
  const criminal = activity.dataCategories.filter((c) => c.criminalOffence === true);
  const children = activity.dataSubjects.filter((s) => s.children === true);
  const vulnerable = activity.dataSubjects.filter((s) => s.vulnerable === true);
  const rows: string[][] = [
    ["Processing description", activity.description],
    ["Purposes", activity.purposes.map((p) => p.description).join("; ")],
    ["Data categories", activity.dataCategories.map((c) => c.name).join("; ")],
    ["Data subjects", activity.dataSubjects.map((s) => s.name).join("; ")],
    ["Data volume", activity.volume ?? NOT_RECORDED],
    ["Data classification", activity.classification ?? NOT_RECORDED],
    ["Recipients", activity.recipients ? joinOr(activity.recipients, "None") : NOT_RECORDED],
    [
      "International transfers",
      joinOr(
        (activity.transfers ?? []).map(
          (t) =>
            `${t.destination}${t.recipient ? ` (${t.recipient})` : ""}: ${t.mechanism ? TRANSFER_MECHANISM_LABELS[t.mechanism] : "safeguard not recorded"}`,
        ),
        activity.transfers ? "None" : NOT_RECORDED,
      ),
    ],
    ["Retention", activity.retention ?? NOT_RECORDED],
    [
      "Security measures",
      activity.securityMeasures ? joinOr(activity.securityMeasures, "None") : NOT_RECORDED,
    ],
    ["Systems", activity.systems ? joinOr(activity.systems, "None") : NOT_RECORDED],
    [
      "Special category data (Art. 9)",
      special.length > 0
        ? `Yes: ${special.map((c) => `${c.name} (${c.specialCategory ? SPECIAL_CATEGORY_LABELS[c.specialCategory] : ""})`).join("; ")}`
        : "No",
    ],
    [
      "Criminal-offence data (Art. 10)",
      criminal.length > 0 ? `Yes: ${criminal.map((c) => c.name).join("; ")}` : "No",
    ],
    [
      "Children's data",
      children.length > 0
        ? `Yes: ${children.map((s) => `${s.name}${s.youngestAge === undefined ? "" : ` (from age ${s.youngestAge})`}`).join("; ")}`
        : "No",
    ],
  ];
  if (vulnerable.length > 0) {
    rows.push(["Vulnerable data subjects", vulnerable.map((s) => s.name).join("; ")]);
  }
  if (activity.dpia) {
    rows.push([
      "DPIA",
      [activity.dpia.status.replace(/-/g, " "), activity.dpia.reference, activity.dpia.completedOn]
        .filter((x): x is string => x !== undefined)
        .join("; "),
    ]);
  }
  return rows;
}

function decisionBlocks(
  a: Assessment,
  d: BasisDecision,
  evaluation: Evaluation,
  annex: string | undefined,
  cite: (id: string) => string,
): Block[] {
  if (d.basis) cite(BASIS_REFERENCES[d.basis]);
  const blocks: Block[] = [
    richParagraph(
      { text: "Selected lawful basis: ", bold: true },
      { text: d.basis ? BASIS_LABELS[d.basis] : "Not decided" },
    ),
    richParagraph(
      { text: "Justification: ", bold: true },
      { text: d.justification ?? NOT_RECORDED },
    ),
  ];
  const alternatives = d.alternatives ?? [];
  blocks.push(
    alternatives.length > 0
      ? table(
          ["Alternative basis considered", "Why rejected"],
          alternatives.map((alt) => [BASIS_LABELS[alt.basis], alt.rejectedBecause]),
        )
      : paragraph("No alternative basis is recorded as considered."),
  );
  if (d.necessity) {
    blocks.push(
      richParagraph(
        { text: "Necessity: ", bold: true },
        {
          text: `${d.necessity.necessary === undefined ? "Not concluded yet" : d.necessity.necessary ? "Necessary" : "Not necessary"}${d.necessity.explanation ? ` - ${d.necessity.explanation}` : ""}`,
        },
      ),
    );
  }
  if (d.previousBasis) {
    const p = d.previousBasis;
    blocks.push(
      note(
        "warning",
        `The basis was changed from ${BASIS_LABELS[p.basis]}${p.until ? ` (until ${p.until})` : ""}${p.reason ? `: ${p.reason}` : "."}`,
      ),
    );
  }
  if (d.basis !== undefined && LI_BASES.has(d.basis)) blocks.push(liNote(a, d, evaluation, annex));
  blocks.push(
    ...article9(a, d, cite),
    ...article10(a, d, cite),
    ...article8(a, d, cite),
    ...consent(d, cite),
  );
  blocks.push(...ePrivacy(a, d, cite));
  return blocks;
}

function liNote(
  a: Assessment,
  d: BasisDecision,
  evaluation: Evaluation,
  annex: string | undefined,
): Block {
  const titles = (d.interests ?? []).map((id) => {
    const title = a.lia?.interests.find((i) => i.id === id)?.title ?? id;
    const result = evaluation.trace.interests.find((r) => r.interest === id);
    return result ? `${title} (${OUTCOME_LABELS[result.outcome]})` : title;
  });
  if (d.basis === "recognised-legitimate-interest") {
    return note(
      "info",
      `Recognised legitimate interest: ${d.recognisedInterest ? RECOGNISED_INTEREST_LABELS[d.recognisedInterest] : NOT_RECORDED}. The processing must be necessary; no balancing test is required. Necessity: ${
        titles.length > 0 ? titles.join("; ") : NOT_RECORDED
      }.`,
    );
  }
  const where =
    annex === undefined
      ? "No LIA is recorded for this activity yet."
      : `Its Legitimate Interests Assessment is annexed (Annex ${annex}).`;
  return note(
    annex === undefined ? "blocker" : "info",
    `Legitimate interests needs a Legitimate Interests Assessment. ${where} Interests relied on: ${
      titles.length > 0 ? titles.join("; ") : "none named"
    }.`,
  );
}

function article9(a: Assessment, d: BasisDecision, cite: (id: string) => string): Block[] {
  const special = a.activity.dataCategories.some((c) => c.specialCategory !== undefined);
  if (!d.specialCategory && !special) return [];
  cite("gdpr-art-9-2");
  const s = d.specialCategory;
  const blocks: Block[] = [
    heading(4, "Special category data (Art. 9)"),
    paragraph(
      "Processing special-category data is prohibited (Art. 9(1)) unless one of the ten conditions of Art. 9(2) applies, in addition to the Art. 6 basis:",
    ),
    table(
      ["Art. 9(2) condition", "Relied on"],
      (Object.keys(ARTICLE9_LABELS) as (keyof typeof ARTICLE9_LABELS)[]).map((k) => [
        ARTICLE9_LABELS[k],
        s?.condition === k ? "Yes" : "No",
      ]),
    ),
  ];
  if (!s) return [...blocks, note("blocker", "No Art. 9(2) condition is recorded.")];
  const rows: [string, string][] = [
    ["Art. 9(2) condition", ARTICLE9_LABELS[s.condition]],
    ["Justification", s.justification ?? NOT_RECORDED],
  ];
  if (s.memberStateLaw !== undefined) rows.push(["Law relied on", s.memberStateLaw]);
  if (s.schedule1) {
    rows.push(["DPA 2018 Schedule 1 condition", s.schedule1.condition]);
    rows.push(["Appropriate policy document", yesNo(s.schedule1.appropriatePolicyDocument)]);
  }
  return [...blocks, keyValue(rows)];
}

function article10(a: Assessment, d: BasisDecision, cite: (id: string) => string): Block[] {
  const criminal = a.activity.dataCategories.some((c) => c.criminalOffence === true);
  if (!d.criminalOffence && !criminal) return [];
  cite("gdpr-art-10");
  const blocks: Block[] = [heading(4, "Criminal convictions and offences data (Art. 10)")];
  const c = d.criminalOffence;
  if (!c) return [...blocks, note("blocker", "No Art. 10 authority is recorded.")];
  const rows: [string, string][] = [
    ["Under official authority", yesNo(c.officialAuthority)],
    ["Legal authorisation", c.legalAuthorisation ?? NOT_RECORDED],
    ["Safeguards", joinOr(c.safeguards ?? [], NOT_RECORDED)],
  ];
  if (c.schedule1) {
    rows.push(["DPA 2018 Schedule 1 condition", c.schedule1.condition]);
    rows.push(["Appropriate policy document", yesNo(c.schedule1.appropriatePolicyDocument)]);
  }
  return [...blocks, keyValue(rows)];
}

/**
 * Art. 8 applies where a child's consent is relied on for an online service offered to them;
 * otherwise, with children among the data subjects, one line says why it does not apply.
 */
function article8(a: Assessment, d: BasisDecision, cite: (id: string) => string): Block[] {
  const children = a.activity.dataSubjects.some((s) => s.children === true);
  if (!d.children && !children) return [];
  if (d.basis !== "consent") {
    return [
      paragraph(
        "Children are among the people concerned, but no child's consent is relied on for this purpose, so the Art. 8 conditions for a child's consent do not apply.",
      ),
    ];
  }
  cite(a.organisation.jurisdiction === "UK" ? "uk-gdpr-art-8" : "gdpr-art-8");
  const { age, source } = ageOfDigitalConsent(a.organisation.jurisdiction, a.organisation.country);
  const c = d.children;
  return [
    heading(4, "Children's data (Art. 8)"),
    keyValue([
      ["Age of digital consent", `${age} (${source})`],
      [
        "Information-society service offered directly to a child",
        c ? yesNo(c.informationSocietyService) : NOT_RECORDED,
      ],
      ["Parental consent", c ? yesNo(c.parentalConsent) : NOT_RECORDED],
      ["Age verification method", c?.ageVerification ?? NOT_RECORDED],
      ["Parental consent mechanism", c?.parentalConsentMechanism ?? NOT_RECORDED],
    ]),
  ];
}

function consent(d: BasisDecision, cite: (id: string) => string): Block[] {
  const explicitNeeded = d.specialCategory?.condition === "a";
  if (d.basis !== "consent" && !d.consent && !explicitNeeded) return [];
  cite("gdpr-art-7");
  const c = d.consent ?? {};
  const rows = [
    ["Freely given (not bundled with the service)", yesNo(c.freelyGiven)],
    ["Specific (separate from other purposes)", yesNo(c.specific)],
    ["Informed (the privacy notice explains the use)", yesNo(c.informed)],
    ["Unambiguous (a clear opt-in, never pre-ticked)", yesNo(c.unambiguous)],
    ["Withdrawable (as easy as giving it)", yesNo(c.withdrawable)],
  ];
  if (explicitNeeded || c.explicit !== undefined) {
    rows.push(["Explicit (an express statement, Art. 9(2)(a))", yesNo(c.explicit)]);
  }
  return [
    heading(4, "Consent requirements (Art. 7)"),
    table(["Requirement", "Met"], rows),
    richParagraph(
      { text: "How consent is asked, recorded and withdrawn: ", bold: true },
      {
        text: c.mechanism ?? NOT_RECORDED,
      },
    ),
  ];
}

function ePrivacy(a: Assessment, d: BasisDecision, cite: (id: string) => string): Block[] {
  const blocks: Block[] = [];
  const t = d.terminalAccess;
  const m = d.electronicMarketing;
  if (!t && !m) return blocks;
  const uk = a.organisation.jurisdiction === "UK";
  if (t) cite(uk ? "pecr-reg-6" : "eprivacy-art-5-3");
  if (m) cite(uk ? "pecr-reg-22" : "eprivacy-art-13");
  blocks.push(heading(4, "ePrivacy layer (cookies, device access, electronic marketing)"));
  const rows: [string, string][] = [];
  if (t) {
    rows.push(
      ["Device access", t.technologies.map((x) => TERMINAL_TECHNOLOGY_LABELS[x]).join("; ")],
      ["Strictly necessary", yesNo(t.strictlyNecessary)],
      ["Consent obtained", yesNo(t.consent)],
    );
    if (t.exemption !== undefined) rows.push(["Exemption relied on", t.exemption]);
  }
  if (m) {
    rows.push(
      ["Marketing channels", m.channels.map((x) => MARKETING_CHANNEL_LABELS[x]).join("; ")],
      ["Route", m.route ? MARKETING_ROUTE_LABELS[m.route] : NOT_RECORDED],
    );
  }
  blocks.push(keyValue(rows));
  return blocks;
}

/** The summary-table rows of one activity: one per purpose. */
export function summaryRows(a: Assessment): string[][] {
  const several = a.activity.purposes.length > 1;
  return a.activity.purposes.map((purpose) => {
    const d = a.decisions.find((x) => x.purpose === purpose.id);
    const name = several ? `${a.activity.name}: ${purpose.description}` : a.activity.name;
    if (!d?.basis) return [name, "Not decided", "", "", ""];
    const art9 = d.specialCategory ? ARTICLE9_LABELS[d.specialCategory.condition] : "N/A";
    const explicit = d.specialCategory?.condition === "a" || d.consent?.explicit === true;
    const consentRequired = d.basis === "consent" || d.specialCategory?.condition === "a";
    const lia =
      d.basis === "legitimate-interests"
        ? "Yes"
        : d.basis === "recognised-legitimate-interest"
          ? "Necessity only; no balancing test"
          : "No";
    return [
      name,
      BASIS_LABELS[d.basis],
      art9,
      consentRequired ? (explicit ? "Yes (explicit)" : "Yes") : "No",
      lia,
    ];
  });
}
