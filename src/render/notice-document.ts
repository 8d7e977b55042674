/**
 * @module render/notice-document
 * The privacy-notice wording a company can publish (Art. 13(1)(c)–(d) and 14): who is
 * responsible, every purpose with its lawful basis in plain words (not only legitimate
 * interests), the interest pursued where the basis is legitimate interests, a short account of
 * how that interest was balanced against the reader's (which Art. 13(1)(d) lets people ask
 * for), how long data is kept, who receives it, the right to object and the other rights.
 * Written in the first person plural, in the wording of the organisation's jurisdiction: the
 * UK's recognised legitimate interests appear only on a UK notice that relies on one.
 *
 * Drawn from the assessments only, and only from what is meant for the public: never the
 * assessor's notes, findings, risk ratings or sign-off; and any sentence of the assessment's
 * own text that carries internal vocabulary (field or role names, to-dos, case citations,
 * reference ids, file paths) is left out rather than published. `INTERNAL_PATTERNS` is the one
 * list of what counts as internal, shared with the test that fails when any of it leaks.
 */
import type { Assessment, BasisDecision, Interest, LawfulBasis } from "../core/schema/index.ts";
import { RECOGNISED_INTEREST_LABELS } from "./basis-labels.ts";
import { formatDate } from "./labels.ts";
import type { Block, Doc } from "./model.ts";
import { heading, list, paragraph, richParagraph } from "./model.ts";

/** What marks a sentence as internal; such a sentence is never published. */
export const INTERNAL_PATTERNS: readonly RegExp[] = [
  /\bC-\d+\/\d+\b/, // CJEU case numbers
  /\bECLI:/,
  /\bCJEU\b/,
  /\bparas?\.\s*\d/,
  /\b[a-z]+(?:_[a-z0-9]+)+\b/, // snake_case field names
  /\b[a-z]+[A-Z][a-zA-Z]*\b/, // camelCase field names
  /\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/, // role names such as SUPER_ADMIN
  /\b(?:TODO|TBD|FIXME)\b/,
  /\bto[- ]do\s*:/i,
  /\binternal (?:reference|document|compliance|note|ticket|wiki)/i,
  /\b(?:likelihood|severity)\b/i,
  /\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b/, // identifiers such as gdpr-art-6-1-f
  /(?:^|\s)\/(?:docs|src|internal)\//, // repository paths
  /\b[a-z]+(?:\[\d+\])?\.[a-z]+(?:\[\d+\])?\.[a-z]/, // field paths such as lia.balancing.0
  /\bRBAC\b/,
  /\b(?:DPIA|LIA)s?\b/, // the controller's own paperwork
  /\b(?:this|the) (?:assessment|record|source|template)\b/i, // the assessor talking about it
];

/** Sentences of the assessment's text that are fit to publish, joined again. */
export function publicText(text: string | undefined): string {
  if (text === undefined) return "";
  const sentences = text
    .replace(/\s+/g, " ")
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z"'(])/);
  return sentences
    .filter((s) => !INTERNAL_PATTERNS.some((p) => p.test(s)))
    .join(" ")
    .trim();
}

function sentence(text: string): string {
  const t = text.trim();
  if (t === "") return t;
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

type Jurisdiction = "EU" | "UK";

const LAW: Record<Jurisdiction, string> = { EU: "the GDPR", UK: "the UK GDPR" };

/** The lawful basis in words a member of the public reads. */
function basisWords(basis: LawfulBasis, j: Jurisdiction): string {
  const law = LAW[j];
  switch (basis) {
    case "consent":
      return `your consent (Article 6(1)(a) of ${law}). You can withdraw it at any time, as easily as you gave it.`;
    case "contract":
      return `it is necessary to provide what you asked us for under our contract with you (Article 6(1)(b) of ${law}).`;
    case "legal-obligation":
      return `the law requires us to do it (Article 6(1)(c) of ${law}).`;
    case "vital-interests":
      return `it is needed to protect someone's life or safety (Article 6(1)(d) of ${law}).`;
    case "public-task":
      return `it is needed for a task we carry out in the public interest or in the exercise of official authority (Article 6(1)(e) of ${law}).`;
    case "legitimate-interests":
      return `our legitimate interests, described below (Article 6(1)(f) of ${law}).`;
    case "recognised-legitimate-interest":
      return `a recognised legitimate interest that UK data protection law names (Article 6(1)(ea) of the UK GDPR).`;
  }
}

function jurisdictionOf(assessments: readonly Assessment[]): Jurisdiction {
  return assessments[0]?.organisation.jurisdiction ?? "EU";
}

/** The categories of data a purpose uses, by their names. */
function dataFor(a: Assessment, purpose: string): string[] {
  return a.activity.dataCategories
    .filter((c) => c.purposes === undefined || c.purposes.includes(purpose))
    .map((c) => publicText(c.name))
    .filter((n) => n !== "");
}

function interestsOf(a: Assessment, d: BasisDecision): Interest[] {
  return (d.interests ?? [])
    .map((id) => a.lia?.interests.find((i) => i.id === id))
    .filter((i): i is Interest => i !== undefined);
}

/** The notice wording for every purpose of the `assessments`. */
export function buildNoticeDocument(
  assessments: readonly Assessment[],
  ctx: { today: string; branding?: { name?: string } | undefined },
): Doc {
  const j = jurisdictionOf(assessments);
  const first = assessments[0];
  const organisation = ctx.branding?.name ?? first?.organisation.name;
  const blocks: Block[] = [heading(2, "Who we are")];
  blocks.push(
    paragraph(
      `${organisation ?? "We"} ${organisation ? "is" : "are"} responsible for the personal data described here (the controller under ${LAW[j]}).${
        first?.organisation.dpoContact
          ? ` For any question about it, or to exercise your rights, contact us at ${first.organisation.dpoContact}.`
          : ""
      }`,
    ),
  );
  blocks.push(heading(2, "What we use your data for, and why we may"));
  const balancing: Block[] = [];
  const objections: Block[] = [];
  const retention: string[] = [];
  const recipients = new Set<string>();
  let marketing = false;
  let consent = false;
  for (const a of assessments) {
    const several = assessments.length > 1;
    if (several) blocks.push(heading(3, publicText(a.activity.name) || "Our processing"));
    for (const purpose of a.activity.purposes) {
      const d = a.decisions.find((x) => x.purpose === purpose.id);
      const what = publicText(purpose.description);
      if (what === "") continue;
      blocks.push(richParagraph({ text: sentence(what), bold: true }));
      const data = dataFor(a, purpose.id);
      if (data.length > 0) blocks.push(paragraph(`The data we use: ${sentence(data.join("; "))}`));
      if (d?.basis === undefined) {
        blocks.push(paragraph("We are still deciding on what legal basis we do this."));
        continue;
      }
      if (d.basis === "recognised-legitimate-interest" && j !== "UK") {
        blocks.push(paragraph("We are still deciding on what legal basis we do this."));
        continue;
      }
      if (d.basis === "consent") consent = true;
      if (d.directMarketing || d.electronicMarketing) marketing = true;
      blocks.push(paragraph(`Why we may: ${basisWords(d.basis, j)}`));
      if (d.basis === "recognised-legitimate-interest" && d.recognisedInterest)
        blocks.push(
          paragraph(
            `The recognised interest: ${sentence(RECOGNISED_INTEREST_LABELS[d.recognisedInterest].toLowerCase())}`,
          ),
        );
      if (d.specialCategory?.condition === "a")
        blocks.push(
          paragraph(
            "Some of this data is especially sensitive (for example about health). We use it only with your explicit consent (Article 9(2)(a)).",
          ),
        );
      if (d.basis === "legitimate-interests") {
        const interests = interestsOf(a, d);
        if (interests.length === 0) blocks.push(paragraph("Our interest: not yet described."));
        for (const interest of interests) {
          const desc = publicText(interest.description);
          blocks.push(
            paragraph(
              `Our interest: ${sentence(interest.title)}${desc === "" ? "" : ` ${sentence(desc)}`}`,
            ),
          );
        }
      }
    }
    if (a.lia) {
      const relied = a.lia.interests.filter((interest) =>
        a.decisions.some(
          (d) => d.basis === "legitimate-interests" && d.interests?.includes(interest.id),
        ),
      );
      balancing.push(...balancingBlocks(a, relied));
      const objection = objectionText(a);
      if (objection) objections.push(paragraph(objection));
    }
    const kept = publicText(a.activity.retention);
    if (kept !== "") retention.push(several ? `${publicText(a.activity.name)}: ${kept}` : kept);
    for (const r of a.activity.recipients ?? []) {
      const text = publicText(r);
      if (text !== "") recipients.add(text);
    }
  }
  if (balancing.length > 0) {
    blocks.push(
      heading(2, "How we weighed our interests against yours"),
      paragraph(
        "Where we rely on our legitimate interests, we have checked that the processing is necessary and that your interests, rights and freedoms do not override ours. In short:",
      ),
      ...balancing,
    );
  }
  if (retention.length > 0)
    blocks.push(heading(2, "How long we keep it"), ...retention.map((r) => paragraph(sentence(r))));
  if (recipients.size > 0) blocks.push(heading(2, "Who receives it"), list([...recipients]));
  blocks.push(heading(2, "Your right to object"));
  blocks.push(
    paragraph(
      "Where we rely on our legitimate interests you may object at any time, on grounds relating to your situation. We will then stop, unless we have compelling legitimate grounds that override your interests, rights and freedoms, or need the data to establish, exercise or defend legal claims.",
    ),
    ...objections,
  );
  if (marketing)
    blocks.push(
      paragraph(
        "You can object to direct marketing at any time, without giving a reason, and we will stop.",
      ),
    );
  blocks.push(
    heading(2, "Your other rights"),
    list([
      "To see the personal data we hold about you and get a copy of it.",
      "To have inaccurate data corrected, and incomplete data completed.",
      "To have your data erased, or its use restricted, in the cases the law provides.",
      "To receive data you gave us in a common machine-readable form, where the law provides.",
      ...(consent
        ? ["To withdraw your consent at any time; this does not affect what we did before."]
        : []),
      j === "UK"
        ? "To complain to the Information Commissioner's Office (ICO), the UK's data protection regulator."
        : "To complain to a data protection supervisory authority, in particular in the country where you live, work or think the law was broken.",
    ]),
  );
  return {
    title: "How we use your personal data",
    ...(organisation === undefined ? {} : { subtitle: organisation }),
    meta: [["Last updated", formatDate(ctx.today)]],
    blocks,
    running: {
      organisation: organisation ?? "",
      title: "Privacy notice",
      version: "",
      status: `Last updated ${formatDate(ctx.today)}`,
    },
  };
}

/**
 * The balancing summary per interest; interests whose summary is the same (a test they share)
 * are written once under all their names, each keeping its own conclusion.
 */
function balancingBlocks(a: Assessment, interests: Interest[]): Block[] {
  const groups: { titles: string[]; shared: string[]; conclusions: [string, string][] }[] = [];
  for (const interest of interests) {
    const lines = balancingSummary(a, interest);
    const conclusion = lines.find((l) => l.startsWith(CONCLUSION));
    const shared = lines.filter((l) => l !== conclusion);
    const group = groups.find((g) => JSON.stringify(g.shared) === JSON.stringify(shared));
    const own: [string, string] = [interest.title, conclusion?.slice(CONCLUSION.length) ?? ""];
    if (group) {
      group.titles.push(interest.title);
      group.conclusions.push(own);
    } else groups.push({ titles: [interest.title], shared, conclusions: [own] });
  }
  return groups.flatMap((g) => {
    const conclusions =
      g.titles.length === 1
        ? g.conclusions.filter(([, c]) => c !== "").map(([, c]) => `${CONCLUSION}${c}`)
        : g.conclusions
            .filter(([, c]) => c !== "")
            .map(([t, c]) => `Our conclusion for ${t.toLowerCase()}: ${c}`);
    return [heading(3, g.titles.join("; ")), list([...g.shared, ...conclusions])];
  });
}

const CONCLUSION = "Our conclusion: ";

function balancingSummary(a: Assessment, interest: Interest): string[] {
  const test = a.lia?.balancing?.find((b) => b.interest === interest.id);
  if (!test) return ["We have not finished weighing this interest against yours."];
  const told = publicText(test.reasonableExpectations?.whatTheyWereTold);
  const context = publicText(test.reasonableExpectations?.context);
  const safeguards = [...(test.safeguards ?? [])]
    .sort((x, y) => (x.kind === y.kind ? 0 : x.kind === "additional" ? -1 : 1))
    .map((s) => {
      const how = publicText(s.implementation);
      const name = publicText(s.measure);
      if (name === "") return "";
      return how === "" ? name : `${name}: ${how.replace(/[.]$/, "")}`;
    })
    .filter((s) => s !== "");
  const children = publicText(test.childrenConsidered);
  const conclusion = publicText(test.reasoning) || publicText(a.lia?.conclusion?.summary);
  return [
    ...(context || told
      ? [`What you can expect: ${sentence([context, told].filter(Boolean).join(" "))}`]
      : []),
    ...(safeguards.length > 0 ? [`How we protect you: ${sentence(safeguards.join("; "))}`] : []),
    ...(children ? [`Children: ${sentence(children)}`] : []),
    ...(conclusion ? [`${CONCLUSION}${sentence(conclusion)}`] : []),
  ];
}

function objectionText(a: Assessment): string | undefined {
  const o = a.lia?.objection;
  const optOut = a.lia?.balancing?.find((b) => b.optOut?.route)?.optOut?.route;
  const route = publicText(o?.route ?? optOut);
  if (route === "") return undefined;
  const days = o?.responseDays;
  const name = a.activity.name;
  return `${publicText(name) || "To object"}: ${sentence(route)}${days === undefined ? "" : ` We reply within ${days} days.`}`;
}
