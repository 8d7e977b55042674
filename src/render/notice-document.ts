/**
 * @module render/notice-document
 * The privacy-notice wording for processing that relies on legitimate interests: for each
 * purpose, the statement of the interest that Art. 13(1)(d) and Art. 14(2)(b) require, in
 * plain words; then, per interest, a short summary of the balancing test that can be given to
 * a data subject who asks for it; then how to object (Art. 21). Written in the first person
 * plural, as a notice is. Drawn from the assessments only: nothing is said that the LIA does
 * not record, and a gap is stated as a gap.
 */
import type { Assessment, BalancingTest, Interest } from "../core/schema/index.ts";
import { RECOGNISED_INTEREST_LABELS } from "./basis-labels.ts";
import { LI_BASES } from "./document-context.ts";
import { formatDate, LIKELIHOOD_LABELS, SEVERITY_LABELS } from "./labels.ts";
import type { Block, Doc } from "./model.ts";
import { heading, list, paragraph, richParagraph } from "./model.ts";

const GAP = "Not yet recorded in our assessment.";

/** The notice wording for every purpose relying on legitimate interests in `assessments`. */
export function buildNoticeDocument(
  assessments: readonly Assessment[],
  ctx: { today: string },
): Doc {
  const organisation = assessments[0]?.organisation.name;
  const blocks: Block[] = [
    paragraph(
      "For the purposes below we rely on our legitimate interests (Article 6(1)(f) GDPR), or on a recognised legitimate interest where UK law names one. For each we tell you what our interest is. You can ask us for a summary of how we weighed our interest against your rights and interests, and you have the right to object at any time.",
    ),
    heading(2, "Why we use your data: our legitimate interests"),
  ];
  const summaries: Block[] = [heading(2, "How we balanced our interests against yours")];
  const objections: Block[] = [heading(2, "Your right to object")];
  let any = false;
  for (const a of assessments) {
    const interests = a.lia?.interests ?? [];
    for (const d of a.decisions) {
      if (d.basis === undefined || !LI_BASES.has(d.basis)) continue;
      any = true;
      const purpose = a.activity.purposes.find((p) => p.id === d.purpose)?.description ?? d.purpose;
      blocks.push(heading(3, purpose));
      if (d.basis === "recognised-legitimate-interest") {
        blocks.push(
          paragraph(
            `We rely on a recognised legitimate interest under UK law: ${d.recognisedInterest ? RECOGNISED_INTEREST_LABELS[d.recognisedInterest] : GAP}`,
          ),
        );
      }
      const used = (d.interests ?? [])
        .map((id) => interests.find((i) => i.id === id))
        .filter((i): i is Interest => i !== undefined);
      if (used.length === 0 && d.basis === "legitimate-interests") blocks.push(paragraph(GAP));
      for (const interest of used) blocks.push(...statement(interest));
    }
    for (const interest of interests) {
      const test = a.lia?.balancing?.find((b) => b.interest === interest.id);
      summaries.push(heading(3, interest.title), list(balancingSummary(a, interest, test)));
    }
    if (a.lia) objections.push(...objectionText(a));
  }
  if (!any) {
    blocks.push(paragraph("None of these activities relies on legitimate interests."));
  }
  return {
    title: "Privacy notice: legitimate interests",
    ...(organisation === undefined ? {} : { subtitle: organisation }),
    meta: [["Wording date", formatDate(ctx.today)]],
    blocks: [
      ...blocks,
      ...(summaries.length > 1 ? summaries : []),
      ...(objections.length > 1 ? objections : []),
    ],
  };
}

function statement(interest: Interest): Block[] {
  const blocks: Block[] = [
    richParagraph(
      { text: "Our interest: ", bold: true },
      {
        text: interest.description ? `${interest.title}. ${interest.description}` : interest.title,
      },
    ),
  ];
  const benefits = interest.benefits ?? [];
  if (benefits.length > 0) {
    blocks.push(
      richParagraph(
        { text: "What it achieves: ", bold: true },
        { text: `${benefits.map(trimEnd).join("; ")}.` },
      ),
    );
  }
  return blocks;
}

/** A list item without its closing full stop, for joining items with semicolons. */
function trimEnd(text: string): string {
  return text.trim().replace(/[.;]+$/, "");
}

function balancingSummary(
  a: Assessment,
  interest: Interest,
  test: BalancingTest | undefined,
): string[] {
  if (!test) {
    return [
      `Our interest: ${interest.title}.`,
      "No balancing test is recorded for this interest (none is needed for a recognised legitimate interest).",
    ];
  }
  const data = (test.natureOfData ?? []).map((d) => d.element);
  const told =
    test.reasonableExpectations?.whatTheyWereTold ?? test.reasonableExpectations?.context;
  const impacts = (test.impacts ?? []).map((i) => {
    const how = [
      i.likelihood ? `${LIKELIHOOD_LABELS[i.likelihood].toLowerCase()} likelihood` : "",
      i.severity ? `${SEVERITY_LABELS[i.severity].toLowerCase()} severity` : "",
    ].filter((x) => x !== "");
    return how.length > 0 ? `${trimEnd(i.kind)} (${how.join(", ")})` : trimEnd(i.kind);
  });
  const safeguards = [...(test.safeguards ?? [])]
    .sort((x, y) => (x.kind === y.kind ? 0 : x.kind === "additional" ? -1 : 1))
    .map((s) => trimEnd(s.implementation ? `${s.measure}: ${s.implementation}` : s.measure));
  const conclusion =
    test.reasoning ??
    a.lia?.conclusion?.summary ??
    (test.overridden === false
      ? "Your interests and rights do not override ours, given the safeguards above."
      : GAP);
  return [
    `The data we use: ${data.length > 0 ? data.join("; ") : a.activity.dataCategories.map((c) => c.name).join("; ")}.`,
    `What you were told and can expect: ${told ?? GAP}`,
    `How it could affect you: ${impacts.length > 0 ? `${impacts.join("; ")}.` : GAP}`,
    `How we protect you: ${safeguards.length > 0 ? `${safeguards.join("; ")}.` : GAP}`,
    ...(test.childrenConsidered ? [`Children: ${test.childrenConsidered}`] : []),
    `Our conclusion: ${conclusion}`,
  ];
}

function objectionText(a: Assessment): Block[] {
  const o = a.lia?.objection;
  const optOut = a.lia?.balancing?.find((b) => b.optOut?.route)?.optOut?.route;
  const route = o?.route ?? optOut;
  const days = o?.responseDays;
  return [
    heading(3, a.activity.name),
    paragraph(
      `${route ? `To object: ${route}` : `How to object: ${GAP}`}${days === undefined ? "" : ` We reply within ${days} days.`}${o?.outcomeIfUpheld ? ` If we uphold your objection: ${o.outcomeIfUpheld}` : ""}`,
    ),
  ];
}
