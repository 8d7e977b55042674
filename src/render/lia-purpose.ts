/**
 * @module render/lia-purpose
 * The LIA's opening sections: the scope (which purposes rely on legitimate interests and which
 * rely on another basis) and the purpose test for each interest.
 */

import { joinOr, LI_BASES, NOT_RECORDED } from "./document-context.ts";
import { BASIS_LABELS, INTEREST_KIND_LABELS, SPECIAL_CATEGORY_LABELS, yesNo } from "./labels.ts";
import { type Builder, cite, interestTitle, labelledList, NO_LIA } from "./lia-builder.ts";
import type { Block } from "./model.ts";
import { heading, keyValue, note, paragraph, table } from "./model.ts";

export function scope(b: Builder): Block[] {
  const { activity, decisions } = b.a;
  const inScope: string[][] = [];
  const excluded: string[][] = [];
  const undecided: string[] = [];
  for (const purpose of activity.purposes) {
    const decision = decisions.find((d) => d.purpose === purpose.id);
    if (decision?.basis === undefined) undecided.push(purpose.description);
    else if (LI_BASES.has(decision.basis)) {
      const relied = (decision.interests ?? []).map((id) => interestTitle(b, id));
      inScope.push([
        purpose.description,
        BASIS_LABELS[decision.basis],
        joinOr(relied, "None named"),
      ]);
    } else {
      excluded.push([
        purpose.description,
        BASIS_LABELS[decision.basis],
        decision.justification ?? "",
      ]);
    }
  }
  const subjects = activity.dataSubjects.map((s) => {
    const flags = [
      s.children
        ? `includes children${s.youngestAge === undefined ? "" : ` from age ${s.youngestAge}`}`
        : "",
      s.vulnerable ? "vulnerable" : "",
    ].filter((f) => f !== "");
    return flags.length > 0 ? `${s.name} (${flags.join(", ")})` : s.name;
  });
  const categories = activity.dataCategories.map((c) => {
    if (c.specialCategory)
      return `${c.name} (special category: ${SPECIAL_CATEGORY_LABELS[c.specialCategory]})`;
    return c.criminalOffence ? `${c.name} (criminal-offence data)` : c.name;
  });
  return [
    heading(2, "1. Scope"),
    paragraph(activity.description),
    keyValue([
      ["Data subjects", subjects.join("; ")],
      ["Data categories", categories.join("; ")],
      ["Retention", activity.retention ?? NOT_RECORDED],
    ]),
    heading(3, "1.1 Purposes relying on legitimate interests"),
    inScope.length > 0
      ? table(["Purpose", "Lawful basis", "Interests relied on"], inScope)
      : paragraph("No purpose of this activity relies on legitimate interests."),
    ...(excluded.length > 0
      ? [
          heading(3, "1.2 Purposes not relying on legitimate interests"),
          paragraph("These purposes rely on another lawful basis and are outside this assessment."),
          table(["Purpose", "Lawful basis", "Justification"], excluded),
        ]
      : []),
    ...(undecided.length > 0
      ? [note("warning", `No lawful basis has been decided for: ${undecided.join("; ")}.`)]
      : []),
  ];
}

export function purposeTest(b: Builder): Block[] {
  const blocks: Block[] = [heading(2, "2. Purpose test")];
  if (b.interests.length === 0) return [...blocks, paragraph(NO_LIA)];
  b.interests.forEach((interest, i) => {
    const recognised = (interest.recognisedBy ?? []).map((id) => cite(b, id));
    blocks.push(
      heading(3, `2.${i + 1} ${interest.title}`),
      keyValue([
        ["Description", interest.description ?? NOT_RECORDED],
        [
          "Kind",
          joinOr(
            (interest.kind ?? []).map((k) => INTEREST_KIND_LABELS[k]),
            NOT_RECORDED,
          ),
        ],
        ["Recognised by", joinOr(recognised, "None cited")],
        ["Lawful", yesNo(interest.checks?.lawful)],
        ["Specific and clearly articulated", yesNo(interest.checks?.specific)],
        ["Real and present", yesNo(interest.checks?.realAndPresent)],
        ["Stated in the privacy notice", yesNo(interest.statedInPrivacyNotice)],
      ]),
      ...labelledList("Benefits", interest.benefits),
      ...labelledList("Who benefits", interest.beneficiaries),
    );
  });
  return blocks;
}
